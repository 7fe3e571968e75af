// adoptctl against real things: a token the services accept, health of a running
// service, migrations on a scratch database, least-privilege MySQL provisioning,
// event logs read as a service, and `adoptctl call` against recruitment's API.
#include <gtest/gtest.h>

#include <filesystem>
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
  ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " token --role recruitment_worker --jwt-secret ", Secret()), &token), 0);
  token.erase(token.find_last_not_of("\n") + 1);
  platform::AuthConfig auth;
  auth.hs256_secret = Secret();
  auto principal = platform::TokenVerifier::Create(auth).value()->Verify(token);
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_TRUE(principal->Has(platform::Role::kRecruitmentWorker));
  out.clear();
  EXPECT_NE(Shell(absl::StrCat(Adoptctl(), " token --role superuser --jwt-secret ", Secret()), &out), 0);
  EXPECT_NE(out.find("unknown role"), std::string::npos);
  out.clear();
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " events tail --target ", target, " --jwt-secret ", Secret()), &out), 0)
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
  std::string out;
  ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " mysql provision --admin-url tcp://", f["host"], ":", f["port"],
                             " --admin-user ", f["user"], " --admin-password ", f["password"],
                             " --host-pattern 127.0.0.1 --secrets-dir ", dir),
                &out),
            0)
      << out;
  for (const std::string ctx : {"recruitment", "panel"}) {
    std::string password;
    ASSERT_EQ(Shell(absl::StrCat("cat ", dir, "/", ctx, ".password"), &password), 0);
    password.erase(password.find_last_not_of("\n") + 1);
    auto own = platform::Database::Open(absl::StrCat("mysql://host=", f["host"], " port=", f["port"], " db=adoption_",
                                                     ctx, " user=", ctx, "_svc password=", password),
                                        1);
    ASSERT_TRUE(own.ok()) << ctx << ": " << own.status();
    // The service's migrations run with its own user.
    out.clear();
    EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " migrate --service ", ctx, " --db-url 'mysql://host=", f["host"],
                               " port=", f["port"], " db=adoption_", ctx, " user=", ctx, "_svc password=", password,
                               "'"),
                  &out),
              0)
        << out;
    const std::string other = ctx == "panel" ? "recruitment" : "panel";
    auto foreign = platform::Database::Open(absl::StrCat("mysql://host=", f["host"], " port=", f["port"],
                                                         " db=adoption_", other, " user=", ctx,
                                                         "_svc password=", password),
                                            1);
    EXPECT_FALSE(foreign.ok()) << ctx << " must not reach adoption_" << other;
  }
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
  int Call(const std::string& args, std::string* out) {
    return Shell(absl::StrCat("env -u ADOPTION_TOKEN ", Adoptctl(), " call --target ", target_, " ", args), out);
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
  std::string out;
  ASSERT_EQ(Call(absl::StrCat("--token ", token, " RecruitmentService.CreateHousehold '",
                              HouseholdJson("call-1", "Lee"), "'"),
                 &out),
            0)
      << out;
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
  EXPECT_NE(Call(absl::StrCat("--token ", platform::testing::TokenFor({platform::Role::kRecruitmentWorker}),
                              " RecruitmentService/CreateHousehold '", HouseholdJson("bad-2", ""), "'"),
                 &out),
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
  ASSERT_EQ(Call(absl::StrCat("--token ", platform::testing::TokenFor({platform::Role::kRecruitmentWorker}),
                              " RecruitmentService.CreateHousehold '", HouseholdJson("tail-1", "Okafor"), "'"),
                 &out),
            0)
      << out;
  const std::string tail = absl::StrCat(Adoptctl(), " events tail --target ", target_, " --jwt-secret ",
                                        platform::testing::TestAuth().hs256_secret);
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
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " events tail --target ", target_, " --token ",
                               platform::testing::TokenFor({platform::Role::kService}, "familyfinding")),
                  &out),
            0)
      << out;
  EXPECT_NE(out.find("HouseholdRegistered"), std::string::npos) << out;
}

// An extract written for the edges (docs/import.md): a break, a fast track, same-day
// steps, exits, two bad records, an external household and one whose approval is panel-svc's.
std::string Extract(const std::string& name) { return std::string(ADOPTION_TEST_DATA) + "/" + name; }

TEST_F(AdoptctlCall, ImportsAnExtractOnceReportsBadRecordsByIdAndItsFiguresComeOutOfAdoptctlReport) {
  const std::string token = platform::testing::TokenFor({platform::Role::kManager});
  const std::string flags = absl::StrCat(" --target ", target_, " --token ", token, " ");
  std::string out;
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " import", flags, Extract("adopter-edges-extract.json")), &out), 1) << out;
  EXPECT_NE(out.find("5 created, 0 extended, 0 unchanged, 2 refused; 1 external"), std::string::npos) << out;
  // A history out of order is the service's refusal; an unknown reason adoptctl's; both by id.
  EXPECT_NE(out.find("household E-H5: FAILED_PRECONDITION: steps[2] (STAGE_ONE_COMPLETED on 2023-07-01)"),
            std::string::npos) << out;
  EXPECT_NE(out.find("household E-H6: counselled-out reason 'did not like them'"), std::string::npos) << out;
  EXPECT_NE(out.find("1 households go on past their recruitment steps"), std::string::npos) << out;
  const long long journey = platform::testing::CountRows(host_->db(), "household_journey");
  const long long outbox = platform::testing::CountRows(host_->db(), "outbox");

  out.clear();
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " import", flags, Extract("adopter-edges-extract.json")), &out), 1) << out;
  EXPECT_NE(out.find("0 created, 0 extended, 5 unchanged, 2 refused"), std::string::npos) << out;
  EXPECT_EQ(platform::testing::CountRows(host_->db(), "households"), 5);
  EXPECT_EQ(platform::testing::CountRows(host_->db(), "household_journey"), journey);
  EXPECT_EQ(platform::testing::CountRows(host_->db(), "outbox"), outbox);

  // 2023/24: E-H1..E-H4 enquired (E-H7 the year before); ROIs of E-H1, E-H3 and E-H4.
  out.clear();
  ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " report adopter-funnel --fy 2023-24 --format csv", flags), &out), 0)
      << out;
  for (const char* row : {"figure,value\n", "period.first_day,2023-04-01\n", "period.last_day,2024-03-31\n",
                          "enquiries,4\n", "info_sessions_booked,1\n", "registrations_of_interest,3\n",
                          "stage_one_started,3\n", "stage_two_started,3\n", "approvals,0\n"}) {
    EXPECT_NE(out.find(row), std::string::npos) << row << " in " << out;
  }
  out.clear();
  ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " report household-stages --at 2024-03-31 --format csv", flags), &out), 0)
      << out;
  for (const char* row : {"stages.STAGE_TWO.households,3\n", "stages.STAGE_ONE.households,1\n",
                          "stages.EXITED.households,1\n", "stages.ON_BREAK.households,0\n"}) {
    EXPECT_NE(out.find(row), std::string::npos) << row << " in " << out;
  }
  out.clear();
  ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " report roi-cohort --fy 2023-24 --at 2024-03-31 --places whole", flags),
                  &out),
            0)
      << out;
  pb::RoiCohort cohort;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out, &cohort).ok()) << out;
  EXPECT_EQ(cohort.households(), 3);
  EXPECT_EQ(cohort.stage_two().count(), 1);
  EXPECT_EQ(cohort.exited().count(), 1);
  EXPECT_EQ(cohort.stage_one().percent().value(), 33);
  out.clear();
  ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " report withdrawals --from 2023-04-01 --to 2024-04-02 --format csv",
                               flags),
                  &out),
            0)
      << out;
  EXPECT_NE(out.find("by_reason.COUNSELLED_OUT/REFEREE_CONCERNS.households,1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("by_reason.WITHDRAWN/work commitments.households,1\n"), std::string::npos) << out;

  // Usage: a report needs its period; flags it does not take are refused; names are listed.
  out.clear();
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " report approvals", flags), &out), 2);
  EXPECT_NE(out.find("approvals counts a period"), std::string::npos) << out;
  out.clear();
  EXPECT_EQ(Shell(absl::StrCat(Adoptctl(), " report approvals --fy 2023-24 --at 2024-01-01", flags), &out), 2);
  EXPECT_NE(out.find("approvals takes no --at"), std::string::npos) << out;
  out.clear();
  ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " report list"), &out), 0);
  for (const char* name : {"adopter-funnel\t", "household-stages\t", "approved-not-matched\t", "roi-cohort\t",
                           "withdrawals\t", "assessment-timeliness\t", "approvals\t", "match-waits\t"}) {
    EXPECT_NE(out.find(name), std::string::npos) << name << " in " << out;
  }
}

// Rotherham's published enquiries and ROIs (2017/18, with 2016/17) from its synthetic
// extract; the approvals and timeliness figures need panel-svc's part of the import.
TEST_F(AdoptctlCall, RotherhamsEnquiriesAndRegistrationsOfInterestComeOutOfItsExtract) {
  const std::string token = platform::testing::TokenFor({platform::Role::kManager});
  const std::string flags = absl::StrCat(" --target ", target_, " --token ", token, " ");
  std::string out;
  ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " import", flags, Extract("rotherham-extract.json")), &out), 0) << out;
  EXPECT_NE(out.find("510 created, 0 extended, 0 unchanged, 0 refused; 58 external"), std::string::npos) << out;
  for (auto [fy, enquiries, rois] : {std::tuple{"2017-18", 146, 30}, std::tuple{"2016-17", 151, 25}}) {
    out.clear();
    ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " report adopter-funnel --fy ", fy, flags), &out), 0) << out;
    pb::AdopterFunnel funnel;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out, &funnel).ok()) << out;
    EXPECT_EQ(funnel.enquiries(), enquiries) << fy;
    EXPECT_EQ(funnel.registrations_of_interest(), rois) << fy;
  }
}


}  // namespace
}  // namespace e2e
