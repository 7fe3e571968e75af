#include "platform/testing/testing.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/error_details.h>
#include <prometheus/registry.h>
#include <soci/soci.h>
#include <stdlib.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "platform/core/ids.h"

namespace platform::testing {

namespace {
constexpr char kSecret[] = "test-secret-0123456789abcdef0123456789";
}

std::vector<std::string> Backends() { return {"sqlite", "mysql"}; }

bool MysqlRequired() {
  const char* v = getenv("ADOPTION_REQUIRE_MYSQL");
  return v && std::string(v) == "1";
}

ScratchDatabase::ScratchDatabase(const std::string& backend) {
  if (backend == "sqlite") {
    char tmpl[] = "/tmp/adoption-test-XXXXXX";
    dir_ = mkdtemp(tmpl);
    url_ = absl::StrCat("sqlite3://db=", dir_, "/test.db");
    return;
  }
  const char* admin = getenv("ADOPTION_TEST_MYSQL_URL");
  if (!admin || !*admin) {
    skip_reason_ = "ADOPTION_TEST_MYSQL_URL is not set (scripts/test starts MariaDB and sets it)";
    return;
  }
  mysql_admin_ = admin;
  mysql_db_ = absl::StrCat("t_", NewId());
  auto db = Database::Open(mysql_admin_, 1);
  if (!db.ok()) {
    skip_reason_ = absl::StrCat("MariaDB unreachable: ", db.status().message());
    return;
  }
  auto s = (*db)->Read([&](soci::session& sql) {
    sql << absl::StrCat("CREATE DATABASE ", mysql_db_, " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    return absl::OkStatus();
  });
  if (!s.ok()) {
    skip_reason_ = absl::StrCat("cannot create a scratch database: ", s.message());
    return;
  }
  url_ = absl::StrCat(mysql_admin_, " db=", mysql_db_);
}

ScratchDatabase::~ScratchDatabase() {
  if (!dir_.empty()) std::filesystem::remove_all(dir_);
  if (!mysql_db_.empty() && !url_.empty()) {
    // Scratch databases of tests are the one thing removed.
    if (auto db = Database::Open(mysql_admin_, 1); db.ok()) {
      (void)(*db)->Read([&](soci::session& sql) {
        sql << absl::StrCat("DROP DATABASE IF EXISTS ", mysql_db_);
        return absl::OkStatus();
      });
    }
  }
}

const AuthConfig& TestAuth() {
  static const AuthConfig* config = [] {
    auto* c = new AuthConfig;
    c->hs256_secret = kSecret;
    return c;
  }();
  return *config;
}

const std::vector<std::string>& TestLocalAuthorities() {
  static const std::vector<std::string> las = {"E09000006", "E08000018", "E06000001", "E10000032", "W06000015"};
  return las;
}

std::string TokenFor(std::vector<Role> roles, const std::string& subject) {
  TokenRequest request;
  request.subject = subject;
  request.roles = std::move(roles);
  request.local_authorities = TestLocalAuthorities();
  return TokenFor(request);
}

std::string TokenFor(const TokenRequest& request) { return MintToken(request, TestAuth()).value(); }

void Authorize(grpc::ClientContext& ctx, std::vector<Role> roles) {
  ctx.AddMetadata("authorization", absl::StrCat("Bearer ", TokenFor(std::move(roles))));
}

void Authorize(grpc::ClientContext& ctx, const TokenRequest& request) {
  ctx.AddMetadata("authorization", absl::StrCat("Bearer ", TokenFor(request)));
}

ServiceConfig TestConfig(const std::string& name, const std::string& db_url) {
  ServiceConfig c(name, 0, 0);
  c.grpc_address = "127.0.0.1:0";
  c.metrics_address = "127.0.0.1";
  c.metrics_port = -1;  // not served: the e2e tests scrape real processes
  c.db_url = db_url;
  c.db_pool = 4;
  c.jwt.secret = kSecret;
  c.transport.plaintext_development = true;
  c.drain_seconds = 1;
  c.log_level = "warn";
  return c;
}

namespace {

// A unary call of `path` with `bytes` as the request, over the generic stub.
grpc::Status CallRaw(grpc::GenericStub& generic, const std::string& path, const std::string& token,
                     const std::string& bytes, std::string* response_bytes) {
  grpc::ClientContext ctx;
  if (!token.empty()) ctx.AddMetadata("authorization", absl::StrCat("Bearer ", token));
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1), response;
  grpc::Status status;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  generic.UnaryCall(&ctx, path, grpc::StubOptions(), &request, &response, [&](grpc::Status s) {
    std::lock_guard<std::mutex> lock(mu);
    status = s;
    done = true;
    cv.notify_one();
  });
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return done; });
  if (response_bytes && status.ok()) {
    std::vector<grpc::Slice> slices;
    (void)response.Dump(&slices);
    response_bytes->clear();
    for (const auto& sl : slices) response_bytes->append(reinterpret_cast<const char*>(sl.begin()), sl.size());
  }
  return status;
}

// How many records a List response holds: the size of its first repeated message field.
int ListedRecords(const google::protobuf::Descriptor* type, const std::string& bytes) {
  std::unique_ptr<google::protobuf::Message> message(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
  if (!message->ParseFromString(bytes)) return -1;
  for (int i = 0; i < type->field_count(); ++i) {
    const auto* field = type->field(i);
    if (field->is_repeated() && field->message_type()) {
      return message->GetReflection()->FieldSize(*message, field);
    }
  }
  return -1;
}

int Counted(const google::protobuf::Descriptor* type, const std::string& bytes,
            const std::function<int(const google::protobuf::Message&)>& counted) {
  std::unique_ptr<google::protobuf::Message> message(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
  if (!message->ParseFromString(bytes)) return -1;
  return counted(*message);
}

// Claims that cover (or, with `inside` false, miss) `fixture` by `reach`.
TokenRequest ClaimsFor(Role role, Reach reach, const RecordScope& fixture, bool inside) {
  TokenRequest t;
  t.subject = absl::StrCat("scope-test-", RoleName(role), inside ? "-in" : "-out");
  t.roles = {role};
  switch (reach) {
    case Reach::kAgency:
      break;
    case Reach::kLocalAuthorities:
      if (inside) {
        t.local_authorities = fixture.local_authorities;
      } else {
        // Real authorities the fixture is not in.
        for (const char* la : {"E09000021", "E06000047", "W06000011"}) {
          if (std::find(fixture.local_authorities.begin(), fixture.local_authorities.end(), la) ==
              fixture.local_authorities.end()) {
            t.local_authorities.push_back(la);
          }
        }
      }
      break;
    case Reach::kHousehold:
      t.household = inside ? fixture.household : "01ZZZZZZZZZZZZZZZZZZZZZZZZ";
      break;
    case Reach::kParty:
      t.party = inside && !fixture.parties.empty() ? fixture.parties.front() : "someone-else";
      break;
    case Reach::kPartnerAgency:
      t.agency = inside ? fixture.partner_agency : "another-agency";
      break;
    case Reach::kSubject:
      t.subject = inside && !fixture.subjects.empty() ? fixture.subjects.front() : "someone-else";
      break;
  }
  return t;
}

}  // namespace

std::vector<std::string> ScopeMismatches(int port, const std::string& service_name, const PolicyTable& policies,
                                         const RecordScope& fixture,
                                         const std::map<std::string, ScopeCase>& cases) {
  std::vector<std::string> out;
  const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service_name);
  if (!service) return {absl::StrCat("no service ", service_name)};
  grpc::GenericStub generic(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  for (const MethodPolicy& policy : policies.policies()) {
    const auto* method = service->FindMethodByName(policy.method);
    auto it = cases.find(policy.method);
    if (!method || it == cases.end()) {
      out.push_back(absl::StrCat(policy.method, ": no scope case"));
      continue;
    }
    const ScopeCase& c = it->second;
    const std::string path = absl::StrCat("/", service->full_name(), "/", method->name());
    for (const Grant& grant : policy.grants) {
      for (bool inside : {true, false}) {
        if (!inside && grant.reach == Reach::kAgency) continue;  // nothing lies outside the agency
        std::string bytes, response;
        c.request()->SerializeToString(&bytes);
        grpc::Status status =
            CallRaw(generic, path, TokenFor(ClaimsFor(grant.role, grant.reach, fixture, inside)), bytes, &response);
        const grpc::StatusCode code = status.error_code();
        bool ok = false;
        switch (c.kind) {
          case ScopeCase::Kind::kRead:
            ok = inside ? code != grpc::StatusCode::NOT_FOUND && code != grpc::StatusCode::PERMISSION_DENIED &&
                              code != grpc::StatusCode::UNAUTHENTICATED && code != grpc::StatusCode::INVALID_ARGUMENT
                        : code == grpc::StatusCode::NOT_FOUND;
            break;
          case ScopeCase::Kind::kCreate:
            ok = inside ? code != grpc::StatusCode::PERMISSION_DENIED && code != grpc::StatusCode::UNAUTHENTICATED &&
                              code != grpc::StatusCode::INVALID_ARGUMENT
                        : code == grpc::StatusCode::PERMISSION_DENIED;
            break;
          case ScopeCase::Kind::kFigures:
            ok = status.ok();
            break;
          case ScopeCase::Kind::kList: {
            int n = -1;
            if (status.ok()) {
              n = c.counted ? Counted(method->output_type(), response, c.counted)
                            : ListedRecords(method->output_type(), response);
            }
            ok = inside ? n >= 1 : n == 0;
            if (!ok && status.ok()) status = grpc::Status(grpc::StatusCode::OK, absl::StrCat(n, " records listed"));
            break;
          }
        }
        if (!ok) {
          out.push_back(absl::StrCat(policy.method, " as ", RoleName(grant.role), " reaching ",
                                     ReachName(grant.reach), inside ? " (in scope): " : " (out of scope): ",
                                     status.error_code(), " ", status.error_message()));
        }
      }
    }
  }
  return out;
}

std::vector<std::string> PolicyMismatches(int port, const std::string& service_name, const PolicyTable& policies) {
  std::vector<std::string> out;
  const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service_name);
  if (!service) return {absl::StrCat("no service ", service_name)};
  std::set<std::string> listed;
  for (const auto& p : policies.policies()) listed.insert(p.method);
  grpc::GenericStub generic(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  for (int m = 0; m < service->method_count(); ++m) {
    const auto* method = service->method(m);
    for (Role role : AllRoles()) {
      grpc::ClientContext ctx;
      Authorize(ctx, {role});
      Principal principal;
      principal.roles = {role};
      const bool allowed = policies.Allows(method->name(), principal);
      grpc::Slice empty("");
      grpc::ByteBuffer request(&empty, 1), response;
      grpc::Status status;
      std::mutex mu;
      std::condition_variable cv;
      bool done = false;
      generic.UnaryCall(&ctx, absl::StrCat("/", service->full_name(), "/", method->name()), grpc::StubOptions(),
                        &request, &response, [&](grpc::Status s) {
                          std::lock_guard<std::mutex> lock(mu);
                          status = s;
                          done = true;
                          cv.notify_one();
                        });
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return done; });
      const bool denied = status.error_code() == grpc::StatusCode::PERMISSION_DENIED;
      const bool unimplemented = status.error_code() == grpc::StatusCode::UNIMPLEMENTED;
      bool ok = listed.count(method->name()) ? denied == !allowed : unimplemented;
      if (!ok) {
        out.push_back(absl::StrCat(method->name(), " as ", RoleName(role), ": ", status.error_code(), " ",
                                   status.error_message()));
      }
    }
  }
  return out;
}

long long CountRows(Database& db, const std::string& table) {
  long long n = -1;
  (void)db.Read([&](soci::session& sql) {
    sql << absl::StrCat("SELECT COUNT(*) FROM ", table), soci::into(n);
    return absl::OkStatus();
  });
  return n;
}

std::set<std::string> TablesHolding(Database& db, const std::string& text) {
  std::set<std::string> found;
  (void)db.Read([&](soci::session& sql) {
    std::vector<std::string> tables;
    std::string name;
    soci::statement st = (sql.prepare << (db.dialect() == Dialect::kMysql
                                              ? "SELECT table_name FROM information_schema.tables WHERE "
                                                "table_schema = DATABASE()"
                                              : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                                                "LIKE 'sqlite_%'"),
                          soci::into(name));
    st.execute();
    while (st.fetch()) tables.push_back(name);
    for (const std::string& table : tables) {
      soci::rowset<soci::row> rows = (sql.prepare << "SELECT * FROM " + table);
      for (const soci::row& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
          if (row.get_indicator(i) == soci::i_ok && row.get_properties(i).get_data_type() == soci::dt_string &&
              row.get<std::string>(i).find(text) != std::string::npos) {
            found.insert(table);
          }
        }
      }
    }
    return absl::OkStatus();
  });
  return found;
}

std::optional<double> MetricValue(prometheus::Registry& registry, const std::string& name,
                                  const std::map<std::string, std::string>& labels) {
  for (const auto& family : registry.Collect()) {
    if (family.name != name) continue;
    for (const auto& m : family.metric) {
      std::map<std::string, std::string> have;
      for (const auto& l : m.label) have[l.name] = l.value;
      if (have != labels) continue;
      return family.type == prometheus::MetricType::Counter ? m.counter.value : m.gauge.value;
    }
  }
  return std::nullopt;
}

std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  google::rpc::Status details;
  std::vector<std::string> out;
  if (!grpc::ExtractErrorDetails(status, &details).ok()) return out;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest br;
    if (any.UnpackTo(&br)) {
      for (const auto& fv : br.field_violations()) out.push_back(fv.field());
    }
  }
  return out;
}

std::vector<std::string> PreconditionViolations(const grpc::Status& status) {
  google::rpc::Status details;
  std::vector<std::string> out;
  if (!grpc::ExtractErrorDetails(status, &details).ok()) return out;
  for (const auto& any : details.details()) {
    google::rpc::PreconditionFailure pf;
    if (any.UnpackTo(&pf)) {
      for (const auto& v : pf.violations()) out.push_back(absl::StrCat(v.type(), " ", v.subject()));
    }
  }
  return out;
}

void SetDate(adoption::type::v1::Date* date, int year, int month, int day) {
  date->set_year(year);
  date->set_month(month);
  date->set_day(day);
}

std::unique_ptr<ServiceHost> CreateHost(const std::string& name, const ScratchDatabase& db,
                                        const std::vector<EmbeddedFile>& migrations, EventVisibility visibility) {
  return ServiceHost::Create(TestConfig(name, db.url()), migrations, std::move(visibility)).value();
}

std::shared_ptr<grpc::Channel> ChannelTo(const ServiceHost& host) {
  return grpc::CreateChannel(absl::StrCat("127.0.0.1:", host.port()), grpc::InsecureChannelCredentials());
}

std::unique_ptr<Database> MigratedDatabase(const ScratchDatabase& db, const std::string& component,
                                           const std::vector<EmbeddedFile>& migrations) {
  std::unique_ptr<Database> out = Database::Open(db.url(), 2).value();
  absl::Status s = out->Migrate("platform", PlatformMigrations());
  if (s.ok()) s = out->Migrate(component, migrations);
  if (!s.ok()) {
    ADD_FAILURE() << "migrations failed: " << s;
    return nullptr;
  }
  return out;
}

void StoreTest::SetUp() {
  scratch_ = std::make_unique<ScratchDatabase>(GetParam());
  SKIP_IF_UNAVAILABLE(*scratch_);
  db_ = MigratedDatabase(*scratch_, component_, *migrations_);
  ASSERT_TRUE(db_);
}

void StoreTest::Write(const std::function<void(soci::session&)>& work) {
  absl::Status s = db_->Transaction([&](soci::session& tx) {
    work(tx);
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
}

void StoreTest::Read(const std::function<void(soci::session&)>& work) {
  absl::Status s = db_->Read([&](soci::session& sql) {
    work(sql);
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
}

namespace internal {

std::vector<std::string> EnumMismatches(const google::protobuf::EnumDescriptor* proto,
                                        const std::vector<DomainEnumValue>& values) {
  std::vector<std::string> out;
  const google::protobuf::EnumValueDescriptor* zero = proto->FindValueByNumber(0);
  const std::string unspecified = "UNSPECIFIED";
  if (zero == nullptr || !absl::EndsWith(zero->name(), unspecified)) {
    out.push_back(absl::StrCat(proto->full_name(), " has no ..._UNSPECIFIED zero to take its prefix from"));
    return out;
  }
  const std::string prefix = zero->name().substr(0, zero->name().size() - unspecified.size());
  std::set<std::string> names;
  for (const DomainEnumValue& v : values) {
    names.insert(v.name);
    const google::protobuf::EnumValueDescriptor* match = proto->FindValueByName(prefix + v.name);
    if (match == nullptr) {
      out.push_back(absl::StrCat(v.name, ": ", proto->full_name(), " has no value ", prefix, v.name));
    } else if (match->number() != v.to_proto) {
      out.push_back(absl::StrCat(v.name, ": maps to number ", v.to_proto, " but ", match->name(), " is ",
                                 match->number()));
    } else if (!v.maps_back) {
      out.push_back(absl::StrCat(v.name, ": ", match->name(), " does not map back to it"));
    }
  }
  for (int i = 0; i < proto->value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* value = proto->value(i);
    if (value->number() == 0) continue;
    if (!absl::StartsWith(value->name(), prefix) || !names.count(value->name().substr(prefix.size()))) {
      out.push_back(absl::StrCat(value->name(), ": no domain value of that name"));
    }
  }
  return out;
}

}  // namespace internal

}  // namespace platform::testing
