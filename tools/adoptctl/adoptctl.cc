// adoptctl: the operator's command line.
//   adoptctl token --role recruitment_worker [--role ...] [--subject S] [--local-authority E09000006]
//                  [--household ID] [--party ID] [--ttl-seconds 3600]
//   adoptctl health [--target host:port ...]            grpc.health.v1 of every service
//   adoptctl migrate --service recruitment --db-url URL  apply a service's migrations
//   adoptctl mysql provision --admin-url URL [--host-pattern %] [--secrets-dir DIR]
//   adoptctl events tail --target host:port [--as SERVICE] [--after N] [--follow]
// The signing secret for tokens comes from --jwt-secret, ADOPTION_JWT_SECRET, or
// --jwt-secret-file / ADOPTION_JWT_SECRET_FILE (scripts/up writes var/dev-secret).
#include <grpcpp/grpcpp.h>
#include <mysql_driver.h>
#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/statement.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "adoption/events/v1/event_log.grpc.pb.h"
#include "adoption/events/v1/events.pb.h"
#include "google/protobuf/util/json_util.h"
#include "health/v1/health.grpc.pb.h"
#include "platform/auth.h"
#include "platform/db.h"
#include "platform/ids.h"
#include "platform/server.h"

namespace recruitment { const std::vector<platform::EmbeddedFile>& Migrations(); }
namespace familyfinding { const std::vector<platform::EmbeddedFile>& Migrations(); }
namespace panel { const std::vector<platform::EmbeddedFile>& Migrations(); }
namespace support { const std::vector<platform::EmbeddedFile>& Migrations(); }
namespace letterbox { const std::vector<platform::EmbeddedFile>& Migrations(); }

namespace {

const std::vector<std::string> kContexts = {"recruitment", "familyfinding", "panel", "support", "letterbox"};

// --name value / --name=value, repeatable; positional words kept in order.
struct Args {
  std::vector<std::string> words;
  std::multimap<std::string, std::string> flags;
  std::string Get(const std::string& name, const std::string& fallback = "") const {
    auto it = flags.find(name);
    return it == flags.end() ? fallback : it->second;
  }
  std::vector<std::string> All(const std::string& name) const {
    std::vector<std::string> out;
    for (auto [a, b] = flags.equal_range(name); a != b; ++a) out.push_back(a->second);
    return out;
  }
  bool Has(const std::string& name) const { return flags.count(name) > 0; }
};

Args Parse(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) == 0) {
      std::string name = a.substr(2), value = "true";
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      } else if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0 && name != "follow") {
        value = argv[++i];
      }
      args.flags.emplace(name, value);
    } else {
      args.words.push_back(a);
    }
  }
  return args;
}

int Fail(const std::string& message) {
  std::cerr << "adoptctl: " << message << "\n";
  return 2;
}

platform::AuthConfig AuthFrom(const Args& args) {
  platform::AuthConfig auth;
  auth.issuer = args.Get("jwt-issuer", getenv("ADOPTION_JWT_ISSUER") ? getenv("ADOPTION_JWT_ISSUER") : auth.issuer);
  auth.audience =
      args.Get("jwt-audience", getenv("ADOPTION_JWT_AUDIENCE") ? getenv("ADOPTION_JWT_AUDIENCE") : auth.audience);
  std::string secret = args.Get("jwt-secret", getenv("ADOPTION_JWT_SECRET") ? getenv("ADOPTION_JWT_SECRET") : "");
  std::string file = args.Get("jwt-secret-file", getenv("ADOPTION_JWT_SECRET_FILE") ? getenv("ADOPTION_JWT_SECRET_FILE") : "");
  if (secret.empty() && file.empty() && std::filesystem::exists("var/dev-secret")) file = "var/dev-secret";
  if (secret.empty() && !file.empty()) {
    if (auto s = platform::ReadFile(file); s.ok()) secret = std::string(absl::StripTrailingAsciiWhitespace(*s));
  }
  auth.hs256_secret = secret;
  return auth;
}

// Event logs answer service tokens only, each seeing the types granted to that
// service: the operator reads a log as the service named by --as.
std::string MintServiceToken(const Args& args) {
  platform::TokenRequest request{.subject = args.Get("as", "familyfinding"), .roles = {platform::Role::kService},
                                 .lifetime = std::chrono::minutes(10)};
  auto token = platform::MintToken(request, AuthFrom(args));
  return token.ok() ? *token : "";
}

int Token(const Args& args) {
  platform::TokenRequest request;
  request.subject = args.Get("subject", "dev-user");
  for (const auto& r : args.All("role")) {
    auto role = platform::ParseRole(r);
    if (!role) return Fail(absl::StrCat("unknown role '", r, "'"));
    request.roles.push_back(*role);
  }
  if (request.roles.empty()) {
    std::string roles;
    for (auto r : platform::AllRoles()) absl::StrAppend(&roles, " ", platform::RoleName(r));
    return Fail(absl::StrCat("--role is required; roles:", roles));
  }
  request.local_authorities = args.All("local-authority");
  request.household = args.Get("household");
  request.party = args.Get("party");
  request.agency = args.Get("agency");
  request.lifetime = std::chrono::seconds(std::stol(args.Get("ttl-seconds", "3600")));
  platform::AuthConfig auth = AuthFrom(args);
  if (auth.hs256_secret.empty()) return Fail("no signing secret: --jwt-secret, ADOPTION_JWT_SECRET or var/dev-secret");
  auto token = platform::MintToken(request, auth);
  if (!token.ok()) return Fail(std::string(token.status().message()));
  std::cout << *token << "\n";
  return 0;
}

int Health(const Args& args) {
  std::vector<std::string> targets = args.All("target");
  if (targets.empty()) {
    targets = {"127.0.0.1:50051", "127.0.0.1:50052", "127.0.0.1:50053", "127.0.0.1:50054", "127.0.0.1:50055",
               "127.0.0.1:9090"};
  }
  int bad = 0;
  for (const auto& target : targets) {
    auto stub = grpc::health::v1::Health::NewStub(grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    grpc::Status s = stub->Check(&ctx, request, &response);
    std::string state = s.ok() ? grpc::health::v1::HealthCheckResponse_ServingStatus_Name(response.status())
                               : absl::StrCat("UNREACHABLE (", s.error_message(), ")");
    bad += !(s.ok() && response.status() == grpc::health::v1::HealthCheckResponse::SERVING);
    std::cout << target << "\t" << state << "\n";
  }
  return bad ? 1 : 0;
}

const std::vector<platform::EmbeddedFile>* MigrationsOf(const std::string& service) {
#if ADOPTION_HAS_recruitment
  if (service == "recruitment") return &recruitment::Migrations();
#endif
#if ADOPTION_HAS_familyfinding
  if (service == "familyfinding") return &familyfinding::Migrations();
#endif
#if ADOPTION_HAS_panel
  if (service == "panel") return &panel::Migrations();
#endif
#if ADOPTION_HAS_support
  if (service == "support") return &support::Migrations();
#endif
#if ADOPTION_HAS_letterbox
  if (service == "letterbox") return &letterbox::Migrations();
#endif
  return nullptr;
}

int Migrate(const Args& args) {
  std::string service = args.Get("service"), url = args.Get("db-url");
  const auto* migrations = MigrationsOf(service);
  if (!migrations) return Fail("--service must be one of recruitment, familyfinding, panel, support, letterbox");
  if (url.empty()) return Fail("--db-url is required");
  auto db = platform::Database::Open(url, 1);
  if (!db.ok()) return Fail(std::string(db.status().message()));
  for (auto [component, files] : {std::pair{std::string("platform"), &platform::PlatformMigrations()},
                                  std::pair{service, migrations}}) {
    if (auto s = (*db)->Migrate(component, *files); !s.ok()) return Fail(std::string(s.message()));
  }
  std::cout << service << ": migrations applied\n";
  return 0;
}

// A database and a least-privilege user per service, with MySQL Connector/C++.
int ProvisionMysql(const Args& args) {
  std::string admin = args.Get("admin-url");  // tcp://host:port, user and password as flags
  if (admin.empty()) return Fail("--admin-url tcp://host:port is required (with --admin-user, --admin-password)");
  std::string host_pattern = args.Get("host-pattern", "%");
  std::string dir = args.Get("secrets-dir", "var/mysql");
  std::filesystem::create_directories(dir);
  try {
    sql::mysql::MySQL_Driver* driver = sql::mysql::get_mysql_driver_instance();
    std::unique_ptr<sql::Connection> conn(
        driver->connect(admin, args.Get("admin-user", "root"), args.Get("admin-password", "")));
    std::unique_ptr<sql::Statement> st(conn->createStatement());
    for (const auto& ctx : kContexts) {
      const std::string db = "adoption_" + ctx, user = ctx + "_svc";
      // Random hex: safe inside SQL quotes and connection strings.
      std::string password = platform::NewId() + platform::NewId();
      st->execute("CREATE DATABASE IF NOT EXISTS " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
      st->execute("CREATE USER IF NOT EXISTS '" + user + "'@'" + host_pattern + "' IDENTIFIED BY '" + password + "'");
      st->execute("ALTER USER '" + user + "'@'" + host_pattern + "' IDENTIFIED BY '" + password + "'");
      st->execute("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, REFERENCES ON " + db + ".* TO '" +
                  user + "'@'" + host_pattern + "'");
      std::string path = dir + "/" + ctx + ".password";
      std::ofstream(path) << password << "\n";
      std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
      std::cout << ctx << "\tdatabase " << db << "\tuser " << user << "\tpassword in " << path << "\n";
    }
  } catch (const sql::SQLException& e) {
    return Fail(absl::StrCat("MySQL: ", e.what(), " (error ", e.getErrorCode(), ")"));
  }
  return 0;
}

int EventsTail(const Args& args) {
  std::string target = args.Get("target");
  if (target.empty()) return Fail("--target host:port is required");
  long long after = std::stoll(args.Get("after", "0"));
  const bool follow = args.Has("follow");
  (void)adoption::events::v1::HouseholdRegistered::descriptor();  // links every event type for JSON
  auto stub = adoption::events::v1::EventLogService::NewStub(
      grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
  while (true) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + MintServiceToken(args));
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(40));
    adoption::events::v1::ReadEventsRequest request;
    request.set_after_sequence(after);
    request.set_max_events(500);
    if (follow) request.mutable_wait()->set_seconds(20);
    adoption::events::v1::ReadEventsResponse response;
    grpc::Status s = stub->ReadEvents(&ctx, request, &response);
    if (!s.ok()) return Fail(absl::StrCat("ReadEvents: ", s.error_message()));
    for (const auto& e : response.events()) {
      std::string json;
      if (auto st = google::protobuf::util::MessageToJsonString(e, &json); !st.ok()) {
        return Fail(absl::StrCat("event ", e.sequence(), " cannot be shown: ", st.message().as_string()));
      }
      std::cout << json << "\n";
      after = e.sequence();
    }
    std::cout.flush();
    if (!follow && response.events_size() < 500) return 0;
  }
}

}  // namespace

int main(int argc, char** argv) {
  Args args = Parse(argc, argv);
  const auto& w = args.words;
  if (w.size() >= 1 && w[0] == "token") return Token(args);
  if (w.size() >= 1 && w[0] == "health") return Health(args);
  if (w.size() >= 1 && w[0] == "migrate") return Migrate(args);
  if (w.size() >= 2 && w[0] == "mysql" && w[1] == "provision") return ProvisionMysql(args);
  if (w.size() >= 2 && w[0] == "events" && w[1] == "tail") return EventsTail(args);
  std::cerr << "usage: adoptctl token | health | migrate | mysql provision | events tail  (see tools/adoptctl/adoptctl.cc)\n";
  return 2;
}
