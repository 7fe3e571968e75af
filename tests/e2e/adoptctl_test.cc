// adoptctl against real things: a token the services accept, health of a running
// service, migrations on a scratch database, least-privilege MySQL provisioning,
// event logs read as a service, and `adoptctl call` against recruitment's API.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"
#include "platform/rpc/auth.h"
#include "platform/db/db.h"
#include "platform/testing/testing.h"
#include "recruitment-svc/api/recruitment_api.h"
#include "tests/support/process.h"

namespace recruitment {
const std::vector<platform::EmbeddedFile>& Migrations();
}

namespace e2e {
namespace {

namespace pb = adoption::recruitment::v1;

std::string Adoptctl() { return BuildDir() + "/tools/adoptctl/adoptctl"; }

// "mysql://host=H port=P user=U password=W" -> its fields.
std::map<std::string, std::string> UrlFields(const std::string& url) {
  std::map<std::string, std::string> out;
  for (absl::string_view part : absl::StrSplit(url.substr(strlen("mysql://")), ' ', absl::SkipEmpty())) {
    auto eq = part.find('=');
    out[std::string(part.substr(0, eq))] = std::string(part.substr(eq + 1));
  }
  return out;
}

TEST(Adoptctl, TokenHealthMigrateAndEventsWorkAgainstARealService) {
  platform::testing::ScratchDatabase db("sqlite");
  std::string out;
  ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " migrate --service recruitment --db-url '", db.url(), "'"), &out), 0) << out;
  auto opened = platform::Database::Open(db.url(), 1).value();
  EXPECT_EQ(platform::testing::CountRows(*opened, "households"), 0);  // the table exists
  // One row per migration (a version's .mysql/.sqlite variants are one), platform's and recruitment's.
  auto versions = [](const std::vector<platform::EmbeddedFile>& files) {
    std::set<std::string> numbers;
    for (const auto& f : files) numbers.insert(f.name.substr(0, 4));
    return static_cast<long long>(numbers.size());
  };
  EXPECT_EQ(platform::testing::CountRows(*opened, "schema_migrations"),
            versions(platform::PlatformMigrations()) + versions(recruitment::Migrations()));

  Process svc("recruitment", BuildDir() + "/recruitment-svc/recruitment-svc",
              {"--grpc-address=127.0.0.1:0", "--metrics-port=0", "--metrics-address=127.0.0.1",
               "--db-url=" + db.url(), "--jwt-secret=" + Secret()});
  ASSERT_TRUE(svc.Start()) << svc.LogTail();
  const std::string target = absl::StrCat("127.0.0.1:", svc.Port("grpc_port"));
  out.clear();
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " health --target ", target), &out), 0) << out;
  EXPECT_NE(out.find("SERVING"), std::string::npos);
  out.clear();
  EXPECT_NE(Shell(absl::StrCat(Adoptctl(), " health --target 127.0.0.1:1"), &out), 0);  // nothing listens there

  // A minted token carries the role and verifies with the services' secret.
  std::string token;
  ASSERT_EQ(Shell(absl::StrCat(WithSecret(), Adoptctl(), " token --role recruitment_worker"), &token), 0);
  token.erase(token.find_last_not_of("\n") + 1);
  platform::AuthConfig auth;
  auth.hs256_secret = Secret();
  auto principal = platform::TokenVerifier::Create(auth).value()->Verify(token);
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_TRUE(principal->Has(platform::Role::kRecruitmentWorker));
  out.clear();
  EXPECT_NE(Shell(absl::StrCat(WithSecret(), Adoptctl(), " token --role superuser"), &out), 0);
  EXPECT_NE(out.find("unknown role"), std::string::npos);
  // The secret itself on the command line (ps shows it) is refused, naming what to use.
  out.clear();
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " token --role recruitment_worker --jwt-secret ", Secret()), &out), 2);
  EXPECT_NE(out.find("--jwt-secret holds a secret and is given as a process argument"), std::string::npos) << out;
  EXPECT_NE(out.find("ADOPTION_JWT_SECRET or with --jwt-secret-file"), std::string::npos) << out;
  out.clear();
  EXPECT_EQ(Shell(absl::StrCat(WithSecret(), Adoptctl(), " events tail --target ", target), &out), 0)
      << out;
}

TEST(Adoptctl, MysqlProvisioningGivesEachServiceItsOwnDatabaseAndNothingElse) {
  const char* admin = getenv("ADOPTION_TEST_MYSQL_URL");
  if (!admin) {
    if (platform::testing::MysqlRequired()) FAIL() << "needs MariaDB";
    GTEST_SKIP() << "needs MariaDB (scripts/test)";
  }
  auto f = UrlFields(admin);
  char dir[] = "/tmp/adoptctl-secrets-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::ofstream(absl::StrCat(dir, "/admin")) << f["password"] << "\n";
  std::string out;
  // A password on the command line (ps shows it) is refused.
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " mysql provision --admin-url tcp://", f["host"], ":", f["port"],
                               " --admin-password ", f["password"]),
                  &out),
            2);
  EXPECT_NE(out.find("--admin-password holds a secret"), std::string::npos) << out;
  out.clear();
  ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " mysql provision --admin-url tcp://", f["host"], ":", f["port"],
                             " --admin-user ", f["user"], " --admin-password-file ", dir, "/admin",
                             " --host-pattern 127.0.0.1 --secrets-dir ", dir),
                &out),
            0)
      << out;
  auto password_of = [&](const std::string& file) {
    std::string password;
    EXPECT_EQ(Shell(absl::StrCat("cat ", dir, "/", file), &password), 0);
    password.erase(password.find_last_not_of("\n") + 1);
    return password;
  };
  // USER's URL of CTX's database.
  auto url_of = [&](const std::string& ctx, const std::string& user, const std::string& password) {
    return absl::StrCat("mysql://host=", f["host"], " port=", f["port"], " db=adoption_", ctx, " user=", user,
                        " password=", password);
  };
  for (const std::string ctx : {"recruitment", "panel"}) {
    const std::string runtime = password_of(ctx + ".password"), migrating = password_of(ctx + ".migrate.password");
    // The service's own user has nothing until its tables are migrated and granted.
    EXPECT_FALSE(platform::Database::Open(url_of(ctx, ctx + "_svc", runtime), 1).ok()) << ctx;
    // The migrations run as the migrating user, which grants the service's user its tables.
    out.clear();
    const std::string migrate = absl::StrCat(" migrate --service ", ctx, " --grant-to ", ctx, "_svc@127.0.0.1");
    // Its URL names a password: never on the command line; in the environment, or a file.
    EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), migrate, " --db-url '", url_of(ctx, ctx + "_migrate", migrating), "'"),
                    &out),
              2);
    EXPECT_NE(out.find("--db-url holds a secret"), std::string::npos) << out;
    out.clear();
    EXPECT_EQ(Shell(absl::StrCat("ADOPTION_DB_URL='", url_of(ctx, ctx + "_migrate", migrating), "' ", Adoptctl(),
                                 migrate),
                    &out),
              0)
        << out;
    auto own = platform::Database::Open(url_of(ctx, ctx + "_svc", runtime), 1);
    ASSERT_TRUE(own.ok()) << ctx << ": " << own.status();
    EXPECT_TRUE((*own)->Migrate("platform", platform::PlatformMigrations()).ok()) << "nothing pending: nothing to do";
    const std::string other = ctx == "panel" ? "recruitment" : "panel";
    EXPECT_FALSE(platform::Database::Open(url_of(other, ctx + "_svc", runtime), 1).ok())
        << ctx << " must not reach adoption_" << other;
    EXPECT_FALSE(platform::Database::Open(url_of(other, ctx + "_migrate", migrating), 1).ok())
        << ctx << "'s migrating user must not reach adoption_" << other;
  }

  // As a Kubernetes Job runs it: the admin password and the services' passwords from
  // mounted Secrets (files), nothing written; migrations with the URL from a file.
  const std::string given = absl::StrCat(dir, "/given"), secrets = absl::StrCat(dir, "/secrets");
  std::filesystem::create_directories(given);
  for (const std::string ctx : {"recruitment", "familyfinding", "panel", "support", "letterbox"}) {
    std::ofstream(absl::StrCat(given, "/", ctx, ".password")) << ctx << "Given0123456789\n";
    std::ofstream(absl::StrCat(given, "/", ctx, ".migrate.password")) << ctx << "Owner0123456789\n";
  }
  std::ofstream(absl::StrCat(given, "/panel.password")) << "short\n";
  const std::string provision = absl::StrCat(Adoptctl(), " mysql provision --admin-url tcp://", f["host"], ":",
                                             f["port"], " --admin-user ", f["user"], " --admin-password-file ", dir,
                                             "/admin --host-pattern 127.0.0.1 --passwords-from ", given,
                                             " --secrets-dir ", secrets);
  out.clear();
  EXPECT_NE(Shell(provision, &out), 0) << out;  // one password too short: nothing is changed
  EXPECT_NE(out.find("panel.password: a password must be at least 16 letters and digits"), std::string::npos) << out;
  auto recruitment_url = [&](const std::string& password) {
    return url_of("recruitment", "recruitment_migrate", password);
  };
  EXPECT_FALSE(platform::Database::Open(recruitment_url("recruitmentOwner0123456789"), 1).ok());
  std::ofstream(absl::StrCat(given, "/panel.password")) << "panelGiven0123456789\n";
  out.clear();
  ASSERT_EQ(Shell(provision, &out), 0) << out;
  EXPECT_FALSE(std::filesystem::exists(secrets));  // nothing written
  EXPECT_TRUE(platform::Database::Open(recruitment_url("recruitmentOwner0123456789"), 1).ok());
  std::ofstream(absl::StrCat(dir, "/url")) << recruitment_url("recruitmentOwner0123456789") << "\n";
  out.clear();
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " migrate --service recruitment --db-url-file ", dir, "/url"), &out), 0)
      << out;
  EXPECT_NE(out.find("recruitment: migrations applied"), std::string::npos) << out;
  std::filesystem::remove_all(dir);
}

// A household as `adoptctl call` takes it: protobuf JSON.
constexpr char kHousehold[] =
    R"({"requestId":"REQ","household":{"applicants":[{"person":{"givenName":"Ann","familyName":"SURNAME"}}],)"
    R"("familyStructure":"FAMILY_STRUCTURE_SINGLE","homeLocalAuthority":"E09000006",)"
    R"("enquiryDate":{"year":2025,"month":3,"day":1}}})";

std::string HouseholdJson(const std::string& request_id, const std::string& family_name) {
  return absl::StrReplaceAll(kHousehold, {{"REQ", request_id}, {"SURNAME", family_name}});
}

// recruitment's API in this process: a ServiceHost on port 0 over SQLite, its event
// log readable as recruitment grants it (familyfinding and panel).
class AdoptctlCall : public ::testing::Test {
 protected:
  void SetUp() override {
    host_ = platform::testing::CreateHost("recruitment", db_, recruitment::Migrations(),
                                          recruitment::EventVisibility());
    api_ = std::make_unique<recruitment::RecruitmentApi>(host_->Runner(&recruitment::Policies()), &host_->db(),
                                                         &clock_, &host_->statutory(), &store_, &sessions_, &pauses_);
    host_->Register(api_.get());
    ASSERT_TRUE(host_->Start().ok());
    target_ = absl::StrCat("127.0.0.1:", host_->port());
  }
  void TearDown() override {
    if (host_) host_->Shutdown();
  }

  // adoptctl call against the host, without any ADOPTION_TOKEN of the caller's.
  // adoptctl call with `token` in ADOPTION_TOKEN (none when empty): never an argument.
  int Call(const std::string& args, std::string* out, const std::string& token = "") {
    const std::string env = token.empty() ? "env -u ADOPTION_TOKEN " : absl::StrCat("env ADOPTION_TOKEN=", token, " ");
    return Shell(absl::StrCat(env, Adoptctl(), " call --target ", target_, " ", args), out);
  }

  platform::testing::ScratchDatabase db_{"sqlite"};
  platform::SystemClock clock_;
  recruitment::HouseholdStore store_;
  recruitment::InformationSessionStore sessions_;
  recruitment::RegistrationPauseStore pauses_;
  std::unique_ptr<platform::ServiceHost> host_;
  std::unique_ptr<recruitment::RecruitmentApi> api_;
  std::string target_;
};

TEST_F(AdoptctlCall, CreatesAndListsAHouseholdOnARealService) {
  const std::string token = platform::testing::TokenFor({platform::Role::kRecruitmentWorker});
  // The token from a file of the operator's (mode 0600).
  char token_file[] = "/tmp/adoptctl-token-XXXXXX";
  const int fd = mkstemp(token_file);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, token.data(), token.size()), static_cast<ssize_t>(token.size()));
  close(fd);
  std::string out;
  const int created_rc = Call(absl::StrCat("--token-file ", token_file, " RecruitmentService.CreateHousehold '",
                                           HouseholdJson("call-1", "Lee"), "'"),
                              &out);
  unlink(token_file);
  ASSERT_EQ(created_rc, 0) << out;
  pb::Household created;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out, &created).ok()) << out;
  EXPECT_EQ(created.applicants(0).person().family_name(), "Lee");
  ASSERT_FALSE(created.name().empty());

  // The token from ADOPTION_TOKEN, the method by its full name.
  out.clear();
  ASSERT_EQ(Shell(absl::StrCat("ADOPTION_TOKEN=", token, " ", Adoptctl(), " call --target ", target_,
                               " adoption.recruitment.v1.RecruitmentService/ListHouseholds '{\"pageSize\":10}'"),
                  &out),
            0)
      << out;
  pb::ListHouseholdsResponse listed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out, &listed).ok()) << out;
  ASSERT_EQ(listed.households_size(), 1) << out;
  EXPECT_EQ(listed.households(0).name(), created.name());
  EXPECT_EQ(platform::testing::CountRows(host_->db(), "households"), 1);
}

TEST_F(AdoptctlCall, ABadRequestPrintsItsFieldViolationsAndExitsNonZero) {
  // What the service itself says of a household without a family name.
  pb::CreateHouseholdRequest bad;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(HouseholdJson("bad-1", ""), &bad).ok());
  auto stub = platform::testing::StubFor<pb::RecruitmentService>(*host_);
  grpc::ClientContext ctx;
  platform::testing::Authorize(ctx, {platform::Role::kRecruitmentWorker});
  pb::Household ignored;
  grpc::Status direct = stub->CreateHousehold(&ctx, bad, &ignored);
  ASSERT_EQ(direct.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields = platform::testing::ViolatedFields(direct);
  ASSERT_FALSE(fields.empty());

  std::string out;
  EXPECT_NE(Call(absl::StrCat("RecruitmentService/CreateHousehold '", HouseholdJson("bad-2", ""), "'"),
                 &out, platform::testing::TokenFor({platform::Role::kRecruitmentWorker})),
            0);
  EXPECT_NE(out.find("INVALID_ARGUMENT: " + direct.error_message()), std::string::npos) << out;
  for (const auto& field : fields) {
    EXPECT_NE(out.find("field violation: " + field + ": "), std::string::npos) << field << " in " << out;
  }
  EXPECT_EQ(platform::testing::CountRows(host_->db(), "households"), 0);

  out.clear();
  EXPECT_NE(Call("RecruitmentService.ListHouseholds", &out), 0);  // no token
  EXPECT_NE(out.find("UNAUTHENTICATED"), std::string::npos) << out;
}

TEST_F(AdoptctlCall, EventsTailReadsTheLogAsTheServiceNamedByAs) {
  std::string out;
  ASSERT_EQ(Call(absl::StrCat("RecruitmentService.CreateHousehold '", HouseholdJson("tail-1", "Okafor"), "'"),
                 &out, platform::testing::TokenFor({platform::Role::kRecruitmentWorker})),
            0)
      << out;
  const std::string tail = absl::StrCat(WithSecret(platform::testing::TestAuth().hs256_secret), Adoptctl(),
                                        " events tail --target ", target_);
  // familyfinding is granted HouseholdRegistered; the sequencer numbers it shortly.
  bool seen = false;
  for (int i = 0; i < 50 && !seen; ++i) {
    out.clear();
    ASSERT_EQ(Shell(tail + " --as familyfinding", &out), 0) << out;
    seen = out.find("HouseholdRegistered") != std::string::npos;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(seen) << out;
  // panel is granted only referrals to panel: the same log shows it nothing.
  out.clear();
  EXPECT_EQ(Shell(tail + " --as panel", &out), 0) << out;
  EXPECT_EQ(out, "");
  // letterbox is granted nothing of recruitment's.
  out.clear();
  EXPECT_NE(Shell(tail + " --as letterbox", &out), 0);
  EXPECT_NE(out.find("PERMISSION_DENIED"), std::string::npos) << out;
  // A token the operator brings is sent as it is.
  out.clear();
  EXPECT_EQ(Shell(absl::StrCat("ADOPTION_TOKEN=", platform::testing::TokenFor({platform::Role::kService}, "familyfinding"),
                               " ", Adoptctl(), " events tail --target ", target_),
                  &out),
            0)
      << out;
  EXPECT_NE(out.find("HouseholdRegistered"), std::string::npos) << out;
}

// The operator's commands on a service's consumers reach EventConsumerService as a
// manager: this host consumes nothing, so none are listed and nothing was set aside.
TEST_F(AdoptctlCall, EventConsumerCommandsAnswerAManagerOnly) {
  const std::string manager = absl::StrCat("ADOPTION_TOKEN=", platform::testing::TokenFor({platform::Role::kManager}),
                                           " ", Adoptctl());
  const std::string target = absl::StrCat(" --target ", target_);
  std::string out;
  ASSERT_EQ(Shell(absl::StrCat(manager, " events consumers", target), &out), 0) << out;
  EXPECT_EQ(out, "upstream\tcursor\tcursor event\tdead letters waiting\n");
  out.clear();
  ASSERT_EQ(Shell(absl::StrCat(manager, " events dead-letter list --all", target), &out), 0) << out;
  EXPECT_EQ(out, "");
  out.clear();
  EXPECT_NE(Shell(absl::StrCat(manager, " events dead-letter replay --upstream panel --sequence 3", target), &out), 0);
  EXPECT_NE(out.find("NOT_FOUND"), std::string::npos) << out;
  out.clear();
  EXPECT_NE(Shell(absl::StrCat("ADOPTION_TOKEN=", platform::testing::TokenFor({platform::Role::kRecruitmentWorker}), " ",
                               Adoptctl(), " events rebaseline --upstream panel --after 3 --reason restored", target),
                  &out),
            0);
  EXPECT_NE(out.find("PERMISSION_DENIED"), std::string::npos) << out;
}


// adoptctl backup and restore, on each backend: a database a real recruitment API wrote
// (households, their history, audit rows, the event log) backed up while the service
// runs, restored into an empty database, and every table compared row by row; a restore
// into a database holding tables, and a backup over an existing file, are refused.
class AdoptctlBackup : public ::testing::TestWithParam<std::string> {
 protected:
  // Every row of every table of `url`'s database, as text, table by table.
  static std::map<std::string, std::multiset<std::string>> Contents(const std::string& url) {
    auto db = platform::Database::Open(url, 1).value();
    std::map<std::string, std::multiset<std::string>> tables;
    EXPECT_TRUE(db->Read([&](soci::session& sql) -> absl::Status {
                    std::vector<std::string> names;
                    std::string name;
                    soci::statement st =
                        (sql.prepare << (db->dialect() == platform::Dialect::kMysql
                                             ? "SELECT table_name FROM information_schema.tables WHERE "
                                               "table_schema = DATABASE()"
                                             : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                                               "LIKE 'sqlite_%'"),
                         soci::into(name));
                    st.execute();
                    while (st.fetch()) names.push_back(name);
                    for (const std::string& table : names) {
                      auto& rows = tables[table];
                      soci::rowset<soci::row> all = (sql.prepare << "SELECT * FROM " + table);
                      for (const soci::row& row : all) {
                        std::string text;
                        for (std::size_t i = 0; i < row.size(); ++i) {
                          absl::StrAppend(&text, "|");
                          if (row.get_indicator(i) == soci::i_null) {
                            absl::StrAppend(&text, "NULL");
                            continue;
                          }
                          switch (row.get_properties(i).get_data_type()) {
                            case soci::dt_string: absl::StrAppend(&text, row.get<std::string>(i)); break;
                            case soci::dt_integer: absl::StrAppend(&text, row.get<int>(i)); break;
                            case soci::dt_long_long: absl::StrAppend(&text, row.get<long long>(i)); break;
                            case soci::dt_unsigned_long_long:
                              absl::StrAppend(&text, row.get<unsigned long long>(i));
                              break;
                            case soci::dt_double: absl::StrAppend(&text, row.get<double>(i)); break;
                            case soci::dt_date: {
                              std::tm t = row.get<std::tm>(i);
                              absl::StrAppend(&text, std::mktime(&t));
                              break;
                            }
                            default:
                              ADD_FAILURE() << table << "." << row.get_properties(i).get_name()
                                            << ": a column of a type this comparison cannot read";
                          }
                        }
                        rows.insert(text);
                      }
                    }
                    return absl::OkStatus();
                  })
                    .ok());
    return tables;
  }
  // A file (mode 0600) in `dir` holding `url`, for --db-url-file: a URL with a password
  // is never an argument.
  static std::string UrlFile(const std::string& dir, const std::string& name, const std::string& url) {
    const std::string path = absl::StrCat(dir, "/", name, ".url");
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    EXPECT_GE(fd, 0);
    EXPECT_EQ(write(fd, url.data(), url.size()), static_cast<ssize_t>(url.size()));
    close(fd);
    return path;
  }
};

TEST_P(AdoptctlBackup, ARestoredBackupHoldsEveryRowOfEveryTable) {
  platform::testing::ScratchDatabase source(GetParam()), during(GetParam()), after_stop(GetParam());
  SKIP_IF_UNAVAILABLE(source);
  auto host = platform::testing::CreateHost("recruitment", source, recruitment::Migrations(),
                                            recruitment::EventVisibility());
  platform::SystemClock clock;
  recruitment::HouseholdStore store;
  recruitment::InformationSessionStore sessions;
  recruitment::RegistrationPauseStore pauses;
  recruitment::RecruitmentApi api(host->Runner(&recruitment::Policies()), &host->db(), &clock, &host->statutory(),
                                  &store, &sessions, &pauses);
  host->Register(&api);
  ASSERT_TRUE(host->Start().ok());
  auto stub = platform::testing::StubFor<pb::RecruitmentService>(*host);
  std::atomic<int> n{0};
  const auto create = [&](const std::string& surname) -> grpc::Status {
    grpc::ClientContext ctx;
    platform::testing::Authorize(ctx, {platform::Role::kRecruitmentWorker});
    pb::CreateHouseholdRequest request;
    EXPECT_TRUE(
        google::protobuf::util::JsonStringToMessage(HouseholdJson(absl::StrCat("backup-", ++n), surname), &request)
            .ok());
    pb::Household created;
    grpc::Status s = stub->CreateHousehold(&ctx, request, &created);
    if (!s.ok()) return s;
    grpc::ClientContext read;
    platform::testing::Authorize(read, {platform::Role::kManager});
    pb::GetHouseholdRequest get;
    get.set_name(created.name());
    return stub->GetHousehold(&read, get, &created);
  };
  for (const char* surname : {"Lee", "O'Neill", "Zoë Šťastná"}) {
    grpc::Status s = create(surname);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  char dir[] = "/tmp/adoptctl-backup-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const std::string source_url = UrlFile(dir, "source", source.url());
  const auto backup_and_restore = [&](const std::string& name, const std::string& into, std::string* restored) {
    const std::string file = absl::StrCat(dir, "/", name, ".backup");
    std::string out;
    ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " backup --service recruitment --db-url-file ", source_url,
                                 " --out ", file),
                    &out),
              0)
        << out;
    EXPECT_NE(out.find("recruitment: backed up to " + file), std::string::npos) << out;
    EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " restore --service recruitment --db-url-file ",
                                 UrlFile(dir, name, into), " --in ", file),
                    restored),
              0)
        << *restored;
  };

  // Taken while households are being created: the copy is one moment of the database —
  // each household in it has its event and its audit entry, and no event or entry is
  // there without its household.
  std::atomic<bool> writing{true};
  std::thread writer([&] {
    while (writing) EXPECT_TRUE(create("During").ok());
  });
  while (n < 6) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::string restored;
  backup_and_restore("during", during.url(), &restored);
  writing = false;
  writer.join();
  {
    auto db = platform::Database::Open(during.url(), 1).value();
    const long long households = platform::testing::CountRows(*db, "households");
    EXPECT_GE(households, 4);
    EXPECT_EQ(platform::testing::CountRows(*db, "outbox"), households);
    long long created = 0, read = 0, head = 0;
    ASSERT_TRUE(db->Read([&](soci::session& sql) -> absl::Status {
                    sql << "SELECT COUNT(*) FROM audit_log WHERE action LIKE '%CreateHousehold'", soci::into(created);
                    sql << "SELECT COUNT(*) FROM audit_log WHERE action LIKE '%GetHousehold'", soci::into(read);
                    sql << "SELECT MAX(sequence) FROM outbox", soci::into(head);
                    return absl::OkStatus();
                  })
                    .ok());
    EXPECT_EQ(created, households);
    EXPECT_LE(read, households);  // a household's read comes after its creation
    EXPECT_GE(read, households - 1);
    EXPECT_NE(restored.find(absl::StrCat("its event log's head: ", head)), std::string::npos) << restored;
  }

  // With the service stopped: every row of every table, as it was.
  host->Shutdown();
  backup_and_restore("after-stop", after_stop.url(), &restored);
  long long head = 0;
  ASSERT_TRUE(platform::Database::Open(source.url(), 1)
                  .value()
                  ->Read([&](soci::session& sql) -> absl::Status {
                    sql << "SELECT MAX(sequence) FROM outbox", soci::into(head);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_NE(restored.find(absl::StrCat("its event log's head: ", head)), std::string::npos) << restored;
  const auto before = Contents(source.url()), after = Contents(after_stop.url());
  EXPECT_GE(before.size(), 10u);
  EXPECT_EQ(before.at("households").size(), static_cast<std::size_t>(n.load()));
  EXPECT_EQ(before.at("audit_log").size(), 2u * n.load());  // each household created and read
  for (const auto& [table, rows] : before) {
    ASSERT_TRUE(after.count(table)) << table;
    EXPECT_EQ(after.at(table), rows) << table;
  }
  EXPECT_EQ(after.size(), before.size());

  // Over a file: refused, the file as it was.
  std::string out;
  const std::string existing = absl::StrCat(dir, "/after-stop.backup");
  const auto size = std::filesystem::file_size(existing);
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " backup --service recruitment --db-url-file ", source_url, " --out ",
                               existing),
                  &out),
            1);
  EXPECT_NE(out.find("exists: a backup never overwrites a file"), std::string::npos) << out;
  EXPECT_EQ(std::filesystem::file_size(existing), size);

  // Into a database that holds tables: refused, and it is left as it was.
  out.clear();
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " restore --service recruitment --db-url-file ",
                               absl::StrCat(dir, "/after-stop.url"), " --in ", existing),
                  &out),
            1);
  EXPECT_NE(out.find("restore only into an empty one"), std::string::npos) << out;
  EXPECT_EQ(Contents(after_stop.url()), after);

  if (GetParam() == "sqlite") {
    // A mistyped database path is not a backup of an empty database.
    out.clear();
    EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " backup --service recruitment --db-url sqlite3://db=", dir,
                                 "/no-such.db --out ", dir, "/mistyped.backup"),
                    &out),
              1);
    EXPECT_NE(out.find("no-such.db: no such database"), std::string::npos) << out;
    EXPECT_FALSE(std::filesystem::exists(absl::StrCat(dir, "/no-such.db")));
    EXPECT_FALSE(std::filesystem::exists(absl::StrCat(dir, "/mistyped.backup")));
  } else {
    // A dump that fails leaves no partial file.
    out.clear();
    EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " backup --service recruitment --db-url-file ",
                                 UrlFile(dir, "wrong-password", absl::StrCat(source.url(), "x")), " --out ", dir,
                                 "/refused.backup"),
                    &out),
              1);
    EXPECT_NE(out.find("mariadb-dump failed"), std::string::npos) << out;
    EXPECT_FALSE(std::filesystem::exists(absl::StrCat(dir, "/refused.backup")));
  }
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, AdoptctlBackup, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace e2e
