#include "tests/bench/plain_paths.h"

#include <soci/soci.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"
#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/db/record.h"

namespace bench {
namespace {

using Template = PlainPaths::Template;

// What a CreateHousehold writes, and the column naming the household in each.
constexpr std::pair<const char*, const char*> kCreated[] = {
    {"households", "id"},        {"household_applicants", "household_id"}, {"household_journey", "household_id"},
    {"outbox", "aggregateid"},   {"audit_log", "resource_id"},             {"create_requests", "resource_id"}};

// The database a MariaDB URL names (its last `db=`).
std::string DatabaseName(const std::string& url) {
  std::string name;
  for (absl::string_view part : absl::StrSplit(url, ' ')) {
    if (absl::ConsumePrefix(&part, "db=")) name = std::string(part);
  }
  return name;
}

absl::Status CopyTables(soci::session& sql, const std::string& from) {
  for (const auto& [table, key] : kCreated) {
    std::string name, definition;
    sql << absl::StrCat("SHOW CREATE TABLE ", from, ".", table), soci::into(name), soci::into(definition);
    sql << definition;  // its foreign keys name tables of the database it runs in: these copies
  }
  sql << absl::StrCat("INSERT INTO households SELECT * FROM ", from, ".households");
  return absl::OkStatus();
}

// The rows the service wrote for `seed_id`, every column but those the database numbers.
absl::StatusOr<std::vector<Template>> ReadTemplates(soci::session& sql, const std::string& from,
                                                    const std::string& seed_id) {
  std::vector<Template> templates;
  for (const auto& [table, key] : kCreated) {
    std::vector<std::string> columns;
    soci::rowset<std::string> names =
        (sql.prepare << "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = :s AND "
                        "TABLE_NAME = :t AND EXTRA NOT LIKE '%auto_increment%' ORDER BY ORDINAL_POSITION",
         soci::use(from), soci::use(std::string(table)));
    for (const auto& n : names) columns.push_back(n);
    std::vector<std::string> as_text;
    for (const auto& c : columns) as_text.push_back(absl::StrCat("CAST(", c, " AS CHAR)"));
    soci::rowset<soci::row> rows = (sql.prepare << absl::StrCat("SELECT ", absl::StrJoin(as_text, ", "), " FROM ",
                                                                from, ".", table, " WHERE ", key, " = :id"),
                                    soci::use(seed_id));
    for (const auto& row : rows) {
      Template t{.table = table, .columns = columns};
      for (size_t i = 0; i < columns.size(); ++i) {
        t.values.push_back(row.get_indicator(i) == soci::i_null ? std::nullopt
                                                                : std::optional(row.get<std::string>(i)));
      }
      templates.push_back(std::move(t));
    }
  }
  if (templates.empty() || templates.front().table != "households") {
    return absl::FailedPreconditionError(absl::StrCat("no household ", seed_id, " in ", from));
  }
  return templates;
}

void InsertAudit(soci::session& sql, const std::vector<std::string>& household_ids) {
  std::vector<platform::Row> rows;
  const long long at = platform::NowMicros();
  for (const auto& id : household_ids) {
    platform::Row row;
    row.Int("occurred_at", at)
        .Text("actor", "bench")
        .Text("actor_roles", "recruitment_worker,manager")
        .Text("action", "GetHousehold")
        .Text("resource_type", "household")
        .Text("resource_id", id)
        .Text("outcome", "OK")
        .Text("request_id", "plain");
    rows.push_back(std::move(row));
  }
  platform::InsertRows(sql, "audit_log", rows);
}

class PlainService final : public grpc::health::v1::Health::Service {
 public:
  PlainService(platform::Database* db, std::vector<Template> templates, std::string seed_id,
               std::string seed_request_id)
      : db_(db),
        templates_(std::move(templates)),
        seed_id_(std::move(seed_id)),
        seed_request_id_(std::move(seed_request_id)) {}

  grpc::Status Check(grpc::ServerContext*, const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override {
    std::pair<std::string, std::string> what = absl::StrSplit(request->service(), absl::MaxSplits(' ', 1));
    absl::Status s = absl::InvalidArgumentError(absl::StrCat("no path ", what.first));
    if (what.first == "get") s = Get(what.second);
    if (what.first == "list") s = List(what.second);
    if (what.first == "create") s = Create(what.second);
    if (!s.ok()) return grpc::Status(grpc::StatusCode::INTERNAL, std::string(s.message()));
    response->set_status(grpc::health::v1::HealthCheckResponse::SERVING);
    return grpc::Status::OK;
  }

 private:
  absl::Status Get(const std::string& id) {
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
      soci::row row;
      sql << "SELECT * FROM households WHERE id = :id", soci::use(id), soci::into(row);
      return sql.got_data() ? absl::OkStatus() : absl::NotFoundError(id);
    }));
    return db_->Statement([&](soci::session& sql) {
      InsertAudit(sql, {id});
      return absl::OkStatus();
    });
  }

  absl::Status List(const std::string& local_authority) {
    std::vector<std::string> ids;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
      soci::rowset<soci::row> rows = (sql.prepare << "SELECT * FROM households WHERE home_local_authority = :la "
                                                     "ORDER BY id LIMIT 50",
                                      soci::use(local_authority));
      for (const auto& row : rows) ids.push_back(row.get<std::string>("id"));
      return ids.size() == 50 ? absl::OkStatus() : absl::InternalError("short page");
    }));
    return db_->Statement([&](soci::session& sql) {
      InsertAudit(sql, ids);
      return absl::OkStatus();
    });
  }

  absl::Status Create(const std::string& request_id) {
    const std::string id = platform::NewId(), event_id = platform::NewId();
    std::vector<std::pair<std::string, platform::Row>> rows;
    for (const Template& t : templates_) {
      platform::Row row;
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const std::string& column = t.columns[i];
        std::optional<std::string> value = t.values[i];
        if (value == seed_id_) value = id;
        if (value == seed_request_id_) value = request_id;
        if (t.table == "outbox" && column == "id") value = event_id;
        if (t.table == "outbox" && column == "sequence") value = std::nullopt;  // numbered after the commit
        row.OptionalText(column, value);
      }
      rows.emplace_back(t.table, std::move(row));
    }
    return db_->Transaction([&](soci::session& tx) {
      for (const auto& [table, row] : rows) platform::InsertRow(tx, table, row);
      return absl::OkStatus();
    });
  }

  platform::Database* db_;
  const std::vector<Template> templates_;
  const std::string seed_id_, seed_request_id_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<PlainPaths>> PlainPaths::Start(const std::string& service_db_url,
                                                              const std::string& plain_db_url,
                                                              const std::string& seed_id,
                                                              const std::string& seed_request_id, int threads) {
  const std::string from = DatabaseName(service_db_url);
  ASSIGN_OR_RETURN(auto db, platform::Database::Open(plain_db_url, threads));
  std::vector<Template> templates;
  RETURN_IF_ERROR(db->Read([&](soci::session& sql) -> absl::Status {
    RETURN_IF_ERROR(CopyTables(sql, from));
    ASSIGN_OR_RETURN(templates, ReadTemplates(sql, from, seed_id));
    return absl::OkStatus();
  }));
  std::unique_ptr<PlainPaths> plain(new PlainPaths);
  plain->db_ = std::move(db);
  plain->service_ = std::make_unique<PlainService>(plain->db_.get(), std::move(templates), seed_id, seed_request_id);
  // The health service this server answers is the one above, not gRPC's default
  // (enabled for the echo baseline, and read when a server is built).
  grpc::EnableDefaultHealthCheckService(false);
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(plain->service_.get());
  // The handler threads a service has (platform/server: pollers kept while calls come).
  grpc::ResourceQuota quota("plain");
  quota.SetMaxThreads(128);
  builder.SetResourceQuota(quota);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, 128);
  plain->server_ = builder.BuildAndStart();
  grpc::EnableDefaultHealthCheckService(true);
  if (!plain->server_ || port == 0) return absl::UnavailableError("the plain server did not start");
  plain->stub_ = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  return plain;
}

PlainPaths::~PlainPaths() {
  if (server_) server_->Shutdown();
}

bool PlainPaths::Call(const std::string& what, std::string* error) {
  grpc::ClientContext ctx;
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(what);
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status s = stub_->Check(&ctx, request, &response);
  if (!s.ok()) *error = absl::StrCat(s.error_code(), " ", s.error_message());
  return s.ok();
}

absl::StatusOr<std::unique_ptr<PlainProxy>> PlainProxy::Start(const std::string& recruitment_address) {
  std::unique_ptr<PlainProxy> proxy(new PlainProxy);
  proxy->stub_ = adoption::recruitment::v1::RecruitmentService::NewStub(
      grpc::CreateChannel(recruitment_address, grpc::InsecureChannelCredentials()));
  auto* stub = proxy->stub_.get();
  proxy->http_.new_task_queue = [] { return new httplib::ThreadPool(128); };  // the gateway's --http-threads
  proxy->http_.set_keep_alive_max_count(100);                                 // and requests a connection
  proxy->http_.set_tcp_nodelay(true);
  proxy->http_.Get("/v1/households/([^/]+)", [stub](const httplib::Request& req, httplib::Response& res) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", req.get_header_value("Authorization"));
    adoption::recruitment::v1::GetHouseholdRequest request;
    request.set_name(absl::StrCat("households/", req.matches[1].str()));
    adoption::recruitment::v1::Household household;
    grpc::Status s = stub->GetHousehold(&ctx, request, &household);
    if (!s.ok()) {
      res.status = 500;
      res.set_content(s.error_message(), "text/plain");
      return;
    }
    std::string json;
    (void)google::protobuf::util::MessageToJsonString(household, &json);
    res.set_content(json, "application/json");
  });
  proxy->port_ = proxy->http_.bind_to_any_port("127.0.0.1");
  if (proxy->port_ <= 0) return absl::UnavailableError("the plain proxy cannot listen");
  proxy->listening_ = std::thread([p = proxy.get()] { p->http_.listen_after_bind(); });
  return proxy;
}

PlainProxy::~PlainProxy() {
  http_.stop();
  if (listening_.joinable()) listening_.join();
}

bool PlainPaths::Get(const std::string& household_id, std::string* error) {
  return Call("get " + household_id, error);
}
bool PlainPaths::List(const std::string& local_authority, std::string* error) {
  return Call("list " + local_authority, error);
}
bool PlainPaths::Create(const std::string& request_id, std::string* error) {
  return Call("create " + request_id, error);
}

}  // namespace bench
