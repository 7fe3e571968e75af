// adoptctl's commands and their table: tokens, health, migrations, MySQL
// provisioning, event logs, and `call` (call.cc).
#include <grpcpp/grpcpp.h>
#include <mysql_driver.h>
#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/statement.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "adoption/events/v1/event_consumers.grpc.pb.h"
#include "adoption/events/v1/event_log.grpc.pb.h"
#include "adoption/events/v1/events.pb.h"
#include "google/protobuf/util/json_util.h"
#include "health/v1/health.grpc.pb.h"
#include "platform/rpc/auth.h"
#include "platform/db/database_url.h"
#include "platform/db/db.h"
#include "platform/db/grants.h"
#include "platform/core/config.h"
#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/jwt_settings.h"
#include "platform/server/registry.h"
#include "platform/server/server.h"
#include "tools/adoptctl/annual.h"
#include "tools/adoptctl/audit.h"
#include "tools/adoptctl/backup.h"
#include "tools/adoptctl/disclosure.h"
#include "tools/adoptctl/retention.h"
#include "tools/adoptctl/call.h"
#include "tools/adoptctl/cli.h"
#include "tools/adoptctl/import.h"
#include "tools/adoptctl/report.h"

namespace recruitment { const std::vector<platform::EmbeddedFile>& Migrations(); }
namespace familyfinding { const std::vector<platform::EmbeddedFile>& Migrations(); }
namespace panel { const std::vector<platform::EmbeddedFile>& Migrations(); }
namespace support { const std::vector<platform::EmbeddedFile>& Migrations(); }
namespace letterbox { const std::vector<platform::EmbeddedFile>& Migrations(); }

namespace adoptctl {

const std::vector<std::string>& Contexts() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const platform::SuiteService* s : platform::Registry::Default().Contexts()) out.push_back(s->name);
    return out;
  }();
  return names;
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

namespace {

std::string RoleNames() {
  std::vector<std::string> names;
  for (auto r : platform::AllRoles()) names.push_back(platform::RoleName(r));
  return absl::StrJoin(names, ", ");
}

platform::ConfigSpec::Check IsRole() {
  return [](const std::string& v) {
    return platform::ParseRole(v) ? std::string() : absl::StrCat("unknown role '", v, "'; roles: ", RoleNames());
  };
}

platform::ConfigSpec::Check IsSequence() {
  return [](const std::string& v) {
    long long n;
    return absl::SimpleAtoi(v, &n) && n >= 0 ? std::string() : absl::StrCat("'", v, "' is not a sequence number");
  };
}

// The HS256 development secret tokens are signed with: the services' --jwt-* settings,
// falling back to var/dev-secret (scripts/up writes it) when no secret is given.
struct Signing {
  platform::JwtSettings jwt;

  void Declare(Cli& cli) { jwt.Declare(cli, /*with_public_keys=*/false); }

  absl::StatusOr<platform::AuthConfig> Auth() const {
    platform::JwtSettings settings = jwt;
    if (settings.secret.empty() && settings.secret_file.empty() && std::filesystem::exists("var/dev-secret")) {
      settings.secret_file = "var/dev-secret";
    }
    absl::StatusOr<platform::AuthConfig> auth = settings.Load();
    if (auth.ok() && auth->hs256_secret.empty()) {
      return absl::FailedPreconditionError(
          "no signing secret: --jwt-secret, --jwt-secret-file, ADOPTION_JWT_SECRET or var/dev-secret");
    }
    return auth;
  }
};

int Token(Cli& cli) {
  std::vector<std::string> roles, local_authorities;
  platform::TokenRequest request{.subject = "dev-user"};
  int ttl_seconds = 0;
  Signing signing;
  cli.List("role", &roles, "a role the token carries (repeat, or separate with commas): " + RoleNames(), IsRole())
      .Required()
      .String("subject", &request.subject, "who the token names (sub)", platform::NonEmpty())
      .List("local-authority", &local_authorities, "a local authority (ONS code) the holder acts for; repeatable")
      .String("household", &request.household, "the household an adopter token is scoped to")
      .String("party", &request.party, "the letterbox party a birth relative or adopter token is scoped to")
      .String("agency", &request.agency, "the agency a partner_agency token is scoped to")
      .Int("ttl-seconds", &ttl_seconds,
           "lifetime of the token (0: the longest allowed, --jwt-max-lifetime-seconds or, for role service, "
           "--jwt-max-service-lifetime-seconds)",
           0, 24 * 3600);
  signing.Declare(cli);
  if (auto done = cli.Parse()) return *done;

  for (const auto& r : roles) request.roles.push_back(*platform::ParseRole(r));
  request.local_authorities = local_authorities;
  request.lifetime = std::chrono::seconds(ttl_seconds);
  auto auth = signing.Auth();
  if (!auth.ok()) return cli.Failed(std::string(auth.status().message()));
  auto token = platform::MintToken(request, *auth);
  if (!token.ok()) return cli.Failed(std::string(token.status().message()));
  cli.out() << *token << "\n";
  return 0;
}

int Health(Cli& cli) {
  std::vector<std::string> targets;  // every service of the registry, the gateway last
  for (const auto& s : platform::Registry::Default().services()) targets.push_back(s.LocalAddress());
  cli.List("target", &targets, "host:port to check (repeatable); the default is every service and the gateway");
  Dialing dialing;
  dialing.Declare(cli);
  if (auto done = cli.Parse()) return *done;

  int bad = 0;
  for (const auto& target : targets) {
    auto channel = dialing.Channel(target);
    if (!channel.ok()) return cli.Failed(std::string(channel.status().message()));
    auto stub = grpc::health::v1::Health::NewStub(*channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    grpc::Status s = stub->Check(&ctx, request, &response);
    std::string state = s.ok() ? grpc::health::v1::HealthCheckResponse_ServingStatus_Name(response.status())
                               : absl::StrCat("UNREACHABLE (", s.error_message(), ")");
    bad += !(s.ok() && response.status() == grpc::health::v1::HealthCheckResponse::SERVING);
    cli.out() << target << "\t" << state << "\n";
  }
  return bad ? 1 : 0;
}


int Migrate(Cli& cli) {
  std::string service, url, url_file, grant_to;
  platform::DatabaseTlsFiles tls;
  bool plaintext = false;
  cli.String("service", &service, "whose migrations: " + absl::StrJoin(Contexts(), ", "), platform::OneOf(Contexts()))
      .Required()
      .String("db-url", &url, "the service's database: sqlite:///path or mysql://host=H port=P db=D user=U password=W")
      .Secret("db-url", "--db-url-file", [](const std::string& v) { return v.find("password=") != std::string::npos; })
      .String("db-url-file", &url_file, "a file holding the database URL (a mounted Secret); instead of --db-url")
      .String("db-tls-ca-file", &tls.ca_file, "PEM certificate of the CA that signed the MySQL server's: TLS")
      .String("db-tls-cert-file", &tls.cert_file, "PEM client certificate for the MySQL server, if it asks")
      .String("db-tls-key-file", &tls.key_file, "PEM private key of --db-tls-cert-file")
      .Bool("plaintext-development", &plaintext, "a MySQL server over the network without TLS (development only)")
      .String("grant-to", &grant_to,
              "MySQL: then grant this runtime user (USER or USER@HOST) its privileges on every table — the audit "
              "log only to add to (docs/deployment.md, \"Database users\"); run as the migrating user");
  if (auto done = cli.Parse()) return *done;
  if (url.empty() == url_file.empty()) return cli.Usage("give one of --db-url and --db-url-file");
  if (!url_file.empty()) {
    auto read = platform::ReadSecretFile(url_file);
    if (!read.ok()) return cli.Failed(std::string(read.status().message()));
    url = *read;
  }
  // As the services open it (docs/operations.md, "Transport security").
  auto with_tls = platform::WithDatabaseTls(url, tls, plaintext);
  if (!with_tls.ok()) return cli.Failed(std::string(with_tls.status().message()));
  url = *with_tls;

  const auto* migrations = MigrationsOf(service);
  if (!migrations) return cli.Failed(absl::StrCat(service, "-svc is not built into this adoptctl"));
  auto db = platform::Database::Open(url, 1);
  if (!db.ok()) return cli.Failed(std::string(db.status().message()));
  for (auto [component, files] : {std::pair{std::string("platform"), &platform::PlatformMigrations()},
                                  std::pair{service, migrations}}) {
    if (auto s = (*db)->Migrate(component, *files); !s.ok()) return cli.Failed(std::string(s.message()));
  }
  cli.out() << service << ": migrations applied\n";
  if (!grant_to.empty()) {
    if (auto s = platform::GrantRuntimeUser(**db, grant_to); !s.ok()) return cli.Failed(std::string(s.message()));
    cli.out() << service << ": " << grant_to << " granted its tables\n";
  }
  return 0;
}

// A database and a least-privilege user per service, with MySQL Connector/C++.
int ProvisionMysql(Cli& cli) {
  std::string admin, admin_user = "root", admin_password, admin_password_file, host_pattern = "%",
                                          dir = "var/mysql", passwords_from, admin_ca_file;
  bool plaintext = false;
  cli.String("admin-url", &admin, "the server, as tcp://host:port", platform::NonEmpty())
      .Required()
      .String("admin-user", &admin_user, "a user that may create databases and users")
      .String("admin-password", &admin_password,
              "its password: only as ADOPTION_ADMIN_PASSWORD, never on the command line (or --admin-password-file)")
      .Secret("admin-password", "--admin-password-file")
      .String("host-pattern", &host_pattern, "the hosts the service users may connect from (MySQL host pattern)",
              platform::NonEmpty())
      .String("admin-password-file", &admin_password_file, "a file holding its password (a mounted Secret)")
      .String("secrets-dir", &dir, "where each service's password is written, as <service>.password (mode 0600)",
              platform::NonEmpty())
      .String("passwords-from", &passwords_from,
              "a directory holding each service's password as <service>.password (letters and digits, at least 16): "
              "set those passwords instead of new random ones, and write nothing")
      .String("admin-tls-ca-file", &admin_ca_file,
              "PEM certificate of the CA that signed the server's: TLS, the server's certificate checked")
      .Bool("plaintext-development", &plaintext, "a server over the network without TLS (development only)");
  if (auto done = cli.Parse()) return *done;
  // tcp://host:port — a server beyond this machine only over TLS, as the services reach it.
  absl::string_view host = admin;
  absl::ConsumePrefix(&host, "tcp://");
  host = host.substr(0, host.rfind(':'));
  if (admin_ca_file.empty() && !plaintext && !platform::IsThisMachine(host)) {
    return cli.Failed(absl::StrCat("--admin-url: the MySQL server at ", host, " is reached over the network: "
                                   "give --admin-tls-ca-file (TLS), or --plaintext-development (development only)"));
  }
  if (!admin_password_file.empty()) {
    auto read = platform::ReadSecretFile(admin_password_file);
    if (!read.ok()) return cli.Failed(std::string(read.status().message()));
    admin_password = *read;
  }
  // Given passwords are checked before anything is created: they go inside SQL quotes.
  // Each service has two users (docs/deployment.md, "Database users"): <ctx>_svc, which
  // it runs as, and <ctx>_migrate, which owns its schema; their passwords are
  // <ctx>.password and <ctx>.migrate.password.
  std::map<std::string, std::string> given;
  for (const auto& ctx : passwords_from.empty() ? std::vector<std::string>{} : Contexts()) {
    for (const std::string& file : {ctx + ".password", ctx + ".migrate.password"}) {
      std::string path = passwords_from + "/" + file;
      auto read = platform::ReadSecretFile(path);
      if (!read.ok()) return cli.Failed(std::string(read.status().message()));
      if (read->size() < 16 || !std::all_of(read->begin(), read->end(), [](unsigned char c) { return isalnum(c); })) {
        return cli.Failed(absl::StrCat(path, ": a password must be at least 16 letters and digits"));
      }
      given[file] = *read;
    }
  }

  if (given.empty()) std::filesystem::create_directories(dir);
  try {
    sql::mysql::MySQL_Driver* driver = sql::mysql::get_mysql_driver_instance();
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString(admin);
    options["userName"] = sql::SQLString(admin_user);
    options["password"] = sql::SQLString(admin_password);
    if (!admin_ca_file.empty()) {
      options["sslCA"] = sql::SQLString(admin_ca_file);
      options["sslVerify"] = true;   // the server's certificate checked against it
      options["sslEnforce"] = true;  // never falling back to plaintext
    }
    std::unique_ptr<sql::Connection> conn(driver->connect(options));
    std::unique_ptr<sql::Statement> st(conn->createStatement());
    for (const auto& ctx : Contexts()) {
      const std::string db = "adoption_" + ctx;
      st->execute("CREATE DATABASE IF NOT EXISTS " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
      std::vector<std::string> said;
      for (const bool migrating : {false, true}) {
        const std::string user = ctx + (migrating ? "_migrate" : "_svc");
        const std::string file = ctx + (migrating ? ".migrate.password" : ".password");
        const std::string account = "'" + user + "'@'" + host_pattern + "'";
        // Random letters and digits: safe inside SQL quotes and connection strings.
        std::string password = given.empty() ? platform::NewId() + platform::NewId() : given.at(file);
        st->execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "'");
        st->execute("ALTER USER " + account + " IDENTIFIED BY '" + password + "'");
        if (migrating) {
          // It owns the schema, and grants the runtime user its tables after each
          // migration run (adoptctl migrate --grant-to).
          st->execute("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, REFERENCES ON " + db +
                      ".* TO " + account + " WITH GRANT OPTION");
        } else {
          // Nothing database-wide (that would reach the audit log too): table by table.
          // A deployment provisioned before the split had it; take it away.
          try {
            st->execute("REVOKE ALL PRIVILEGES ON " + db + ".* FROM " + account);
          } catch (const sql::SQLException& e) {
            if (e.getErrorCode() != 1141) throw;  // no such grant: nothing to take away
          }
        }
        if (given.empty()) {
          std::string path = dir + "/" + file;
          std::ofstream(path) << password << "\n";
          std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
          said.push_back(absl::StrCat("user ", user, "\tpassword in ", path));
        } else {
          said.push_back(absl::StrCat("user ", user, "\tpassword from ", passwords_from));
        }
      }
      cli.out() << ctx << "\tdatabase " << db << "\t" << absl::StrJoin(said, "\t") << "\n";
    }
  } catch (const sql::SQLException& e) {
    return cli.Failed(absl::StrCat("MySQL: ", e.what(), " (error ", e.getErrorCode(), ")"));
  }
  return 0;
}

int EventsTail(Cli& cli) {
  std::string target, after_text = "0", as = "familyfinding", token;
  bool follow = false;
  Signing signing;
  cli.String("target", &target, "host:port of the service whose log to read", platform::NonEmpty())
      .Required()
      .String("after", &after_text, "start after this sequence number", IsSequence())
      .Bool("follow", &follow, "keep waiting for new events (long poll) until interrupted")
      .String("as", &as,
              "read as this service: mint a `service` token with it as subject (needs the signing secret); the log "
              "shows the event types that service is granted. One of " + absl::StrJoin(Contexts(), ", "),
              platform::OneOf(Contexts()));
  Bearer bearer;
  bearer.Declare(cli, "instead of --as, a");
  signing.Declare(cli);
  Dialing dialing;
  dialing.Declare(cli);
  if (auto done = cli.Parse()) return *done;
  if (cli.Given("as") && cli.Given("token-file")) return cli.Usage("give --as or --token-file, not both");

  long long after = 0;
  (void)absl::SimpleAtoi(after_text, &after);
  // Event logs answer service tokens only, each seeing the types granted to that
  // service: without a token of their own the operator reads the log as the service
  // --as names.
  platform::TokenRequest mint{.subject = as, .roles = {platform::Role::kService},
                              .lifetime = std::chrono::minutes(10)};
  const bool minting = cli.Given("as") || !bearer.supplied();
  absl::StatusOr<std::string> supplied = minting ? std::string() : bearer.Value();
  if (!supplied.ok()) return cli.Failed(std::string(supplied.status().message()));
  absl::StatusOr<platform::AuthConfig> auth = minting ? signing.Auth() : platform::AuthConfig();
  if (!auth.ok()) return cli.Failed(std::string(auth.status().message()));

  (void)adoption::events::v1::HouseholdRegistered::descriptor();  // links every event type for JSON
  auto channel = dialing.Channel(target);
  if (!channel.ok()) return cli.Failed(std::string(channel.status().message()));
  auto stub = adoption::events::v1::EventLogService::NewStub(*channel);
  while (true) {
    std::string token = *supplied;
    if (minting) {  // each poll gets a fresh token, so --follow outlives a token's lifetime
      auto minted = platform::MintToken(mint, *auth);
      if (!minted.ok()) return cli.Failed(std::string(minted.status().message()));
      token = *minted;
    }
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(40));
    adoption::events::v1::ReadEventsRequest request;
    request.set_after_sequence(after);
    request.set_max_events(500);
    if (follow) request.mutable_wait()->set_seconds(20);
    adoption::events::v1::ReadEventsResponse response;
    grpc::Status s = stub->ReadEvents(&ctx, request, &response);
    if (!s.ok()) return cli.Failed(absl::StrCat("ReadEvents: ", StatusText(s)));
    for (const auto& e : response.events()) {
      std::string json;
      if (auto st = google::protobuf::util::MessageToJsonString(e, &json); !st.ok()) {
        return cli.Failed(absl::StrCat("event ", e.sequence(), " cannot be shown: ", st.message().as_string()));
      }
      cli.out() << json << "\n";
      after = e.sequence();
    }
    cli.out().flush();
    if (!follow && response.events_size() < 500) return 0;
  }
}

// `events consumers|rebaseline|dead-letter …`: EventConsumerService of the service at --target
// (not the gateway, which routes by context), as a manager (docs/operations.md, "Event logs").
struct DeadLetterCall {
  CallTarget call;
  void Declare(Cli& cli) {
    cli.String("target", &call.target, "host:port of the service whose consumers set the events aside",
               platform::NonEmpty())
        .Required();
    call.bearer.Declare(cli, "a manager's");
    call.dialing.Declare(cli);  // a service's port speaks mutual TLS outside development
  }
  // Calls `method` of EventConsumerService; prints the answer's dead letters, one JSON
  // line each, into `out`. Returns the exit code.
  int Run(Cli& cli, const std::string& method, const google::protobuf::Message& request,
          google::protobuf::Message* response) const {
    const auto* m = adoption::events::v1::DeadLetter::descriptor()->file()->FindServiceByName("EventConsumerService")
                        ->FindMethodByName(method);
    if (!call.bearer.supplied()) return cli.Usage("a manager's token is required: ADOPTION_TOKEN or --token-file");
    std::unique_ptr<google::protobuf::Message> answer;
    grpc::Status s = call.Invoke(m, request, &answer);
    if (!s.ok()) return cli.Failed(absl::StrCat(method, ": ", StatusText(s)));
    response->CopyFrom(*answer);
    return 0;
  }
  static int Print(Cli& cli, const adoption::events::v1::DeadLetter& d) {
    std::string json;
    if (auto st = google::protobuf::util::MessageToJsonString(d, &json); !st.ok()) {
      return cli.Failed(absl::StrCat("dead letter ", d.sequence(), " cannot be shown: ", st.message().as_string()));
    }
    cli.out() << json << "\n";
    return 0;
  }
};

int EventConsumers(Cli& cli) {
  DeadLetterCall dl;
  dl.Declare(cli);
  if (auto done = cli.Parse()) return *done;
  adoption::events::v1::ListEventConsumersResponse listed;
  if (int rc = dl.Run(cli, "ListEventConsumers", adoption::events::v1::ListEventConsumersRequest(), &listed)) {
    return rc;
  }
  cli.out() << "upstream\tcursor\tcursor event\tdead letters waiting\n";
  for (const auto& c : listed.event_consumers()) {
    cli.out() << c.upstream() << "\t" << c.cursor() << "\t" << (c.cursor_event_id().empty() ? "-" : c.cursor_event_id())
              << "\t" << c.dead_letters_waiting() << "\n";
  }
  return 0;
}

int EventsRebaseline(Cli& cli) {
  DeadLetterCall dl;
  std::string upstream, after = "0", reason;
  dl.Declare(cli);
  cli.String("upstream", &upstream, "the upstream whose log went back", platform::NonEmpty())
      .Required()
      .String("after", &after, "go on after this sequence of its log as it now is (0: from the start)", IsSequence())
      .Required()
      .String("reason", &reason, "why (kept with who did it and when)", platform::NonEmpty())
      .Required();
  if (auto done = cli.Parse()) return *done;
  adoption::events::v1::RebaselineEventConsumerRequest request;
  request.set_upstream(upstream);
  long long n = 0;
  (void)absl::SimpleAtoi(after, &n);
  request.set_after_sequence(n);
  request.set_reason(reason);
  adoption::events::v1::EventConsumer consumer;
  if (int rc = dl.Run(cli, "RebaselineEventConsumer", request, &consumer)) return rc;
  cli.out() << consumer.upstream() << ": goes on after " << consumer.cursor() << "\n";
  return 0;
}

int DeadLetterList(Cli& cli) {
  DeadLetterCall dl;
  adoption::events::v1::ListDeadLettersRequest request;
  std::string upstream;
  bool all = false;
  dl.Declare(cli);
  cli.String("upstream", &upstream, "only the events of this upstream's log (e.g. recruitment)")
      .Bool("all", &all, "replayed and skipped ones too");
  if (auto done = cli.Parse()) return *done;
  (void)adoption::events::v1::HouseholdRegistered::descriptor();  // links every event type for JSON
  request.set_upstream(upstream);
  request.set_include_resolved(all);
  request.set_page_size(500);
  do {
    adoption::events::v1::ListDeadLettersResponse page;
    if (int rc = dl.Run(cli, "ListDeadLetters", request, &page)) return rc;
    for (const auto& d : page.dead_letters()) {
      if (int rc = DeadLetterCall::Print(cli, d)) return rc;
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return 0;
}

int DeadLetterReplay(Cli& cli) {
  DeadLetterCall dl;
  std::string upstream, sequence = "0";
  dl.Declare(cli);
  cli.String("upstream", &upstream, "the upstream the event came from", platform::NonEmpty())
      .Required()
      .String("sequence", &sequence, "its sequence in that upstream's log", IsSequence())
      .Required();
  if (auto done = cli.Parse()) return *done;
  adoption::events::v1::ReplayDeadLetterRequest request;
  request.set_upstream(upstream);
  long long n = 0;
  (void)absl::SimpleAtoi(sequence, &n);
  request.set_sequence(n);
  adoption::events::v1::DeadLetter replayed;
  if (int rc = dl.Run(cli, "ReplayDeadLetter", request, &replayed)) return rc;
  return DeadLetterCall::Print(cli, replayed);
}

int DeadLetterSkip(Cli& cli) {
  DeadLetterCall dl;
  std::string upstream, sequence = "0", reason;
  dl.Declare(cli);
  cli.String("upstream", &upstream, "the upstream the event came from", platform::NonEmpty())
      .Required()
      .String("sequence", &sequence, "its sequence in that upstream's log", IsSequence())
      .Required()
      .String("reason", &reason, "why it is not applied (kept with it)", platform::NonEmpty())
      .Required();
  if (auto done = cli.Parse()) return *done;
  adoption::events::v1::SkipDeadLetterRequest request;
  request.set_upstream(upstream);
  long long n = 0;
  (void)absl::SimpleAtoi(sequence, &n);
  request.set_sequence(n);
  request.set_reason(reason);
  adoption::events::v1::DeadLetter skipped;
  if (int rc = dl.Run(cli, "SkipDeadLetter", request, &skipped)) return rc;
  return DeadLetterCall::Print(cli, skipped);
}

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {.path = "token",
       .summary = "mint a development bearer token (HS256, with the dev secret)",
       .description = "Prints a JWT for the roles given, signed with the development secret the services are\n"
                      "started with (scripts/up keeps it in var/dev-secret). Production tokens come from the\n"
                      "agency's identity provider instead.",
       .examples = {"TOKEN=$(adoptctl token --role recruitment_worker)",
                    "adoptctl token --role adopter --household hh-123 --ttl-seconds 600",
                    "adoptctl token --role recruitment_worker --local-authority E09000006,E09000007"},
       .run = Token},
      {.path = "health",
       .summary = "grpc.health.v1 state of every service (exit 1 unless all SERVING)",
       .examples = {"adoptctl health", "adoptctl health --target 127.0.0.1:50051 --target 127.0.0.1:9090"},
       .run = Health},
      {.path = "migrate",
       .summary = "apply a service's database migrations (the platform's first)",
       .examples = {"adoptctl migrate --service recruitment --db-url sqlite:///var/recruitment.db",
                    "adoptctl migrate --service panel --db-url 'mysql://host=127.0.0.1 port=3306 db=adoption_panel "
                    "user=panel_svc password=...'",
                    "adoptctl migrate --service panel --db-url-file /etc/permanence/db/url"},
       .run = Migrate},
      {.path = "mysql provision",
       .summary = "a database and a least-privilege user per service on a MySQL/MariaDB server",
       .description = "Creates adoption_<service> and <service>_svc (data and schema rights on its own database\n"
                      "only) for each service, with a new random password written to --secrets-dir. Running it\n"
                      "again rotates the passwords. With --passwords-from the passwords are read from files (a\n"
                      "Kubernetes Secret) and nothing is written.",
       .examples = {"adoptctl mysql provision --admin-url tcp://127.0.0.1:3306 --admin-user root "
                    "--admin-password-file root.password"},
       .run = ProvisionMysql},
      {.path = "events tail",
       .summary = "print a service's event log as protobuf JSON, one event a line",
       .description = "Event logs answer `service` tokens for the event types each service is granted; --as\n"
                      "mints one for the service named; a token of your own comes from ADOPTION_TOKEN or\n"
                      "--token-file. Without either a manager token is minted, which event logs do not answer.",
       .examples = {"adoptctl events tail --target 127.0.0.1:50051 --as familyfinding --follow",
                    "adoptctl events tail --target 127.0.0.1:50051 --token-file token --after 120"},
       .run = EventsTail},
      {.path = "events consumers",
       .summary = "where each of a service's consumers stands in its upstream's log",
       .examples = {"ADOPTION_TOKEN=$(adoptctl token --role manager) adoptctl events consumers --target 127.0.0.1:50052"},
       .run = EventConsumers},
      {.path = "events rebaseline",
       .summary = "after an upstream's restore or reset: a stopped consumer goes on after a sequence of its log",
       .description = "A consumer stops (event_consumer_upstream_diverged = 1) when its upstream's log no longer\n"
                      "holds the event at its cursor. Choose --after with the upstream's history in hand\n"
                      "(docs/runbook.md); what the consumer applied from the old log stays applied.",
       .examples = {"adoptctl events rebaseline --target 127.0.0.1:50052 --token-file token --upstream recruitment "
                    "--after 1180 --reason 'recruitment restored from the 02:00 backup'"},
       .run = EventsRebaseline},
      {.path = "events dead-letter list",
       .summary = "events a service's consumers set aside after they kept failing, one JSON line each",
       .description = "A consumer sets an event aside (a dead letter) when applying it keeps failing for a reason\n"
                      "trying again will not cure (--event-dead-letter-after tries), and goes on with the next.\n"
                      "Lists those still waiting (--all: replayed and skipped too). Ask the service itself.",
       .examples = {"ADOPTION_TOKEN=$(adoptctl token --role manager) adoptctl events dead-letter list --target "
                    "127.0.0.1:50052"},
       .run = DeadLetterList},
      {.path = "events dead-letter replay",
       .summary = "apply a waiting dead letter's event again, once its cause is fixed",
       .examples = {"adoptctl events dead-letter replay --target 127.0.0.1:50052 --token-file token "
                    "--upstream recruitment --sequence 42"},
       .run = DeadLetterReplay},
      {.path = "events dead-letter skip",
       .summary = "close a waiting dead letter without applying it, with the reason",
       .examples = {"adoptctl events dead-letter skip --target 127.0.0.1:50052 --token-file token "
                    "--upstream recruitment --sequence 42 --reason 'registered twice upstream'"},
       .run = DeadLetterSkip},
      {.path = "audit",
       .summary = "who read and changed a record, what a caller did, or what happened when: every service's audit log",
       .description = AuditDescription(),
       .examples = AuditExamples(),
       .run = Audit},
      {.path = "retention report",
       .summary = "the records each service may now dispose of, soonest first (disposal is a manager's decision)",
       .description = RetentionReportDescription(),
       .examples = RetentionReportExamples(),
       .run = RetentionReport},
      {.path = "disclosure export",
       .summary = "everything the suite holds on one person, as JSON and a page to review, third parties marked",
       .description = DisclosureExportDescription(),
       .examples = DisclosureExportExamples(),
       .run = DisclosureExport},
      {.path = "backup",
       .summary = "one service's database, whole and consistent while it runs, to a file",
       .description = BackupDescription(),
       .examples = {"adoptctl backup --service recruitment --db-url-file /etc/permanence/recruitment.migrate.url "
                    "--out recruitment-2026-03-31.sql",
                    "adoptctl backup --service panel --db-url sqlite3://db=var/panel.db --out backup/panel.db"},
       .run = Backup},
      {.path = "restore",
       .summary = "a backup into an empty database, migrated and granted",
       .description = RestoreDescription(),
       .examples = {"adoptctl restore --service recruitment --db-url-file restored.url --in recruitment-2026-03-31.sql "
                    "--grant-to recruitment_svc"},
       .run = Restore},
      {.path = "call",
       .summary = "call any unary method of the suite with a JSON request; prints the JSON response",
       .description = CallDescription(),
       .arguments = "METHOD [JSON|-]",
       .max_arguments = 2,
       .examples = CallExamples(),
       .run = Call},
      {.path = "import",
       .summary = "load an agency's case-history extract through the services' APIs (idempotent)",
       .description = ImportDescription(),
       .arguments = "FILE",
       .max_arguments = 1,
       .examples = {"ADOPTION_TOKEN=$(adoptctl token --role manager) adoptctl import extract.json"},
       .run = Import},
      {.path = "report annual",
       .summary = "the agency's annual report for a year: one HTML page and a CSV file for every table",
       .description = AnnualReportDescription(),
       .examples = AnnualReportExamples(),
       .run = AnnualReport},
      {.path = "report",
       .summary = "run a report of the suite by name (`adoptctl report list`), as JSON or CSV",
       .description = ReportDescription(),
       .arguments = "NAME|list",
       .max_arguments = 1,
       .examples = {"adoptctl report list",
                    "adoptctl report adopter-funnel --fy 2017-18 --format csv",
                    "adoptctl report roi-cohort --fy 2017-18 --at 2018-03-31 --places whole",
                    "adoptctl report assessment-timeliness --from 2017-04-01 --to 2018-03-31 --rounding truncate"},
       .run = Report},
  };
  return commands;
}

}  // namespace adoptctl
