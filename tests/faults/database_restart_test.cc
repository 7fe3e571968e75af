// The database going away under running services (docs/operations.md, "The database
// going away"): recruitment-svc and the gateway run as real processes on a MariaDB of
// the test's own, under a load of REST creates and reads through the gateway.
//  - MariaDB is shut down for five seconds and started again: health goes NOT_SERVING
//    (the gateway's /healthz names it) and back to SERVING with no process restarted, every call answered while it is
//    away is UNAVAILABLE (503 with code 14, never INTERNAL), and every acknowledged
//    household reads back afterwards.
//  - MariaDB is frozen (SIGSTOP, a database that hangs without closing connections):
//    health goes NOT_SERVING within seconds rather than hang, and recovers on thaw.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "health/v1/health.grpc.pb.h"
#include "platform/testing/testing.h"
#include "tests/support/mariadb.h"
#include "tests/support/process.h"

namespace e2e {
namespace {

using grpc::health::v1::HealthCheckResponse;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr char kHousehold[] = R"({"applicants":[{"person":{"givenName":"Sam","familyName":"Okafor"}}],
  "familyStructure":"FAMILY_STRUCTURE_SINGLE","homeLocalAuthority":"E09000006",
  "enquiryDate":{"year":2026,"month":3,"day":2}})";

double SecondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

class DatabaseGoingAway : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    database_ = std::make_unique<MariaDbServer>();
    if (!database_->Start(&skip_) || !database_->CreateDatabase("adoption_recruitment", &skip_)) {
      skip_ = "a MariaDB of the test's own cannot start: " + skip_;
      return;
    }
    recruitment_ = std::make_unique<Process>(
        "recruitment", BuildDir() + "/recruitment-svc/recruitment-svc",
        std::vector<std::string>{"--grpc-address=127.0.0.1:0", "--metrics-address=127.0.0.1", "--metrics-port=0",
                                 "--db-url=" + database_->Url("adoption_recruitment"), "--jwt-secret=" + Secret(),
                                 "--drain-seconds=1"});
    ASSERT_TRUE(recruitment_->Start()) << recruitment_->LogTail();
    gateway_ = std::make_unique<Process>(
        "gateway", BuildDir() + "/gateway/gateway",
        std::vector<std::string>{"--http-address=127.0.0.1", "--http-port=0", "--grpc-address=127.0.0.1:0",
                                 "--metrics-address=127.0.0.1", "--metrics-port=0", "--jwt-secret=" + Secret(),
                                 absl::StrCat("--recruitment-address=127.0.0.1:", recruitment_->Port("grpc_port"))});
    ASSERT_TRUE(gateway_->Start()) << gateway_->LogTail();
  }
  static void TearDownTestSuite() {
    gateway_.reset();
    recruitment_.reset();
    database_.reset();
  }
  void SetUp() override {
    if (!skip_.empty()) {
      if (platform::testing::MysqlRequired()) FAIL() << skip_;
      GTEST_SKIP() << skip_;
    }
    ASSERT_EQ(WaitForHealth(HealthCheckResponse::SERVING, 30), HealthCheckResponse::SERVING);
  }

  // The service's readiness, polled until it is `want` or `seconds` pass; the last seen.
  static HealthCheckResponse::ServingStatus WaitForHealth(HealthCheckResponse::ServingStatus want, int seconds) {
    auto health = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", recruitment_->Port("grpc_port")), grpc::InsecureChannelCredentials()));
    HealthCheckResponse::ServingStatus seen = HealthCheckResponse::UNKNOWN;
    const auto end = Clock::now() + std::chrono::seconds(seconds);
    while (Clock::now() < end) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
      grpc::health::v1::HealthCheckRequest request;
      HealthCheckResponse response;
      if (health->Check(&ctx, request, &response).ok()) seen = response.status();
      if (seen == want) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return seen;
  }

  // Processes still the ones started in SetUpTestSuite: nothing was restarted.
  static void ExpectNoProcessRestarted() {
    EXPECT_EQ(kill(recruitment_->pid(), 0), 0) << recruitment_->LogTail();
    EXPECT_EQ(kill(gateway_->pid(), 0), 0) << gateway_->LogTail();
  }

  static inline std::string skip_;
  static inline std::unique_ptr<MariaDbServer> database_;
  static inline std::unique_ptr<Process> recruitment_, gateway_;
};

// What the load saw: answers by HTTP status (and gRPC code), the households created.
struct Outcomes {
  std::mutex mu;
  std::map<std::string, int> answers;  // "200", "503/14", ...
  std::vector<std::string> unexpected;
  std::vector<std::string> acknowledged;
  std::atomic<int> ok_after_restart{0};
};

TEST_F(DatabaseGoingAway, ARestartUnderLoadIsAnsweredUnavailableAndLosesNoAcknowledgedWrite) {
  Outcomes outcomes;
  std::atomic<bool> stop{false}, restarted{false};
  const httplib::Headers worker = {{"Authorization", "Bearer " + Token({"recruitment_worker"})}};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client http("127.0.0.1", gateway_->Port("http_port"));
      http.set_read_timeout(20, 0);
      for (int n = 0; !stop; ++n) {
        const bool create = n % 2 == 0;
        std::string path = absl::StrCat("/v1/households?requestId=restart-", c, "-", n);
        if (!create) {
          std::lock_guard<std::mutex> lock(outcomes.mu);
          if (outcomes.acknowledged.empty()) continue;
          path = "/v1/" + outcomes.acknowledged[n % outcomes.acknowledged.size()];
        }
        auto answer = create ? http.Post(path.c_str(), worker, kHousehold, "application/json")
                             : http.Get(path.c_str(), worker);
        std::string key = answer ? absl::StrCat(answer->status) : "no answer";
        if (answer && answer->status != 200) {
          json body = json::parse(answer->body, nullptr, false);
          if (body.is_object() && body.contains("code")) absl::StrAppend(&key, "/", body["code"].dump());
        }
        std::lock_guard<std::mutex> lock(outcomes.mu);
        outcomes.answers[key]++;
        if (key == "200") {
          if (create) outcomes.acknowledged.push_back(json::parse(answer->body)["name"]);
          if (restarted) outcomes.ok_after_restart++;
        } else if (key != "503/14" && outcomes.unexpected.size() < 5) {
          outcomes.unexpected.push_back(absl::StrCat(path, " -> ", key, ": ", answer ? answer->body : ""));
        }
        if (key != "200") std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
  }

  std::this_thread::sleep_for(std::chrono::seconds(2));
  const auto stopped = Clock::now();
  ASSERT_TRUE(database_->Stop());
  EXPECT_EQ(WaitForHealth(HealthCheckResponse::NOT_SERVING, 15), HealthCheckResponse::NOT_SERVING);
  const double to_not_serving = SecondsSince(stopped);
  {  // and the gateway's /healthz says which service is not ready
    httplib::Client http("127.0.0.1", gateway_->Port("http_port"));
    http.set_read_timeout(10, 0);
    auto readiness = http.Get("/healthz");
    ASSERT_TRUE(readiness);
    EXPECT_EQ(readiness->status, 503) << readiness->body;
    json body = json::parse(readiness->body, nullptr, false);
    EXPECT_EQ(body.value("status", ""), "NOT_SERVING") << readiness->body;
    EXPECT_EQ(body["services"].value("recruitment", ""), "NOT_SERVING") << readiness->body;
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(std::max(0.0, 5.0 - SecondsSince(stopped))));
  int during_outage = 0;
  {
    std::lock_guard<std::mutex> lock(outcomes.mu);
    for (const auto& [key, n] : outcomes.answers) during_outage += key == "200" ? 0 : n;
  }
  std::string error;
  const auto started = Clock::now();
  ASSERT_TRUE(database_->Start(&error)) << error;
  restarted = true;
  EXPECT_EQ(WaitForHealth(HealthCheckResponse::SERVING, 30), HealthCheckResponse::SERVING)
      << recruitment_->LogTail();
  const double to_serving = SecondsSince(started);
  for (int i = 0; i < 300 && outcomes.ok_after_restart < 20; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  stop = true;
  for (auto& t : clients) t.join();

  std::string answers;
  for (const auto& [key, n] : outcomes.answers) absl::StrAppend(&answers, key, ": ", n, "; ");
  std::cout << "[ figures  ] answers " << answers << "NOT_SERVING " << to_not_serving << " s after the stop, SERVING "
            << to_serving << " s after the start; " << outcomes.acknowledged.size() << " households acknowledged\n";
  // The outage was felt, and answered only as UNAVAILABLE.
  EXPECT_GT(during_outage, 0) << answers;
  EXPECT_TRUE(outcomes.unexpected.empty()) << absl::StrJoin(outcomes.unexpected, "\n") << recruitment_->LogTail();
  for (const auto& [key, n] : outcomes.answers) EXPECT_TRUE(key == "200" || key == "503/14") << key << ": " << n;
  EXPECT_GE(outcomes.ok_after_restart.load(), 20) << answers << recruitment_->LogTail();
  ExpectNoProcessRestarted();

  // Every acknowledged household is there.
  httplib::Client http("127.0.0.1", gateway_->Port("http_port"));
  int missing = 0;
  for (const std::string& name : outcomes.acknowledged) {
    auto got = http.Get(("/v1/" + name).c_str(), worker);
    if (!got || got->status != 200) ++missing;
  }
  EXPECT_EQ(missing, 0) << "of " << outcomes.acknowledged.size();
}

TEST_F(DatabaseGoingAway, AHungDatabaseIsNotServingWithinSecondsAndRecoversOnThaw) {
  const auto frozen = Clock::now();
  database_->Freeze();
  const auto seen = WaitForHealth(HealthCheckResponse::NOT_SERVING, 20);
  const double to_not_serving = SecondsSince(frozen);
  database_->Thaw();
  EXPECT_EQ(seen, HealthCheckResponse::NOT_SERVING) << recruitment_->LogTail();
  const auto thawed = Clock::now();
  EXPECT_EQ(WaitForHealth(HealthCheckResponse::SERVING, 30), HealthCheckResponse::SERVING)
      << recruitment_->LogTail();
  std::cout << "[ figures  ] frozen: NOT_SERVING after " << to_not_serving << " s; SERVING " << SecondsSince(thawed)
            << " s after the thaw\n";
  // And the service answers again.
  httplib::Client http("127.0.0.1", gateway_->Port("http_port"));
  http.set_read_timeout(20, 0);
  auto created = http.Post("/v1/households?requestId=after-thaw",
                           {{"Authorization", "Bearer " + Token({"recruitment_worker"})}}, kHousehold,
                           "application/json");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 200) << created->body;
  ExpectNoProcessRestarted();
}

}  // namespace
}  // namespace e2e
