// The event log under fire: recruitment-svc (producer) and familyfinding-svc
// (consumer) run as real processes on MariaDB and are SIGKILLed at random points
// while households are being registered. Afterwards every event is in the
// producer's log once, gap-free, and applied by the consumer exactly once, in order.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "adoption/recruitment/v1/recruitment_service.grpc.pb.h"
#include "platform/db/db.h"
#include "platform/testing/testing.h"
#include "tests/support/process.h"

namespace e2e {
namespace {

namespace rpb = adoption::recruitment::v1;

rpb::CreateHouseholdRequest Registration(const std::string& request_id) {
  rpb::CreateHouseholdRequest r;
  r.set_request_id(request_id);
  auto* h = r.mutable_household();
  auto* a = h->add_applicants();
  a->mutable_person()->set_given_name("Test");
  a->mutable_person()->set_family_name("Applicant");
  h->set_family_structure(rpb::FAMILY_STRUCTURE_SINGLE);
  h->set_home_local_authority("E08000018");
  h->mutable_enquiry_date()->set_year(2025);
  h->mutable_enquiry_date()->set_month(1);
  h->mutable_enquiry_date()->set_day(6);
  return r;
}

template <typename T>
std::vector<T> Column(platform::Database& db, const std::string& query) {
  std::vector<T> out;
  EXPECT_TRUE(db.Read([&](soci::session& sql) {
                  soci::rowset<T> rows = (sql.prepare << query);
                  for (const auto& v : rows) out.push_back(v);
                  return absl::OkStatus();
                }).ok());
  return out;
}

TEST(EventLogUnderKills, EveryEventIsAppliedExactlyOnceInOrder) {
  platform::testing::ScratchDatabase producer_db("mysql"), consumer_db("mysql");
  SKIP_IF_UNAVAILABLE(producer_db);
  const int seconds = getenv("ADOPTION_KILL_TEST_SECONDS") ? atoi(getenv("ADOPTION_KILL_TEST_SECONDS")) : 20;

  Process producer("recruitment", BuildDir() + "/recruitment-svc/recruitment-svc",
                   {"--grpc-address=127.0.0.1:0", "--metrics-address=127.0.0.1", "--metrics-port=0",
                    "--db-url=" + producer_db.url(), "--jwt-secret=" + Secret()});
  ASSERT_TRUE(producer.Start()) << producer.LogTail();
  const std::string producer_address = absl::StrCat("127.0.0.1:", producer.Port("grpc_port"));
  producer.SetArg("--grpc-address=", producer_address);  // restarts keep the address
  Process consumer("familyfinding", BuildDir() + "/familyfinding-svc/familyfinding-svc",
                   {"--grpc-address=127.0.0.1:0", "--metrics-address=127.0.0.1", "--metrics-port=0",
                    "--db-url=" + consumer_db.url(), "--jwt-secret=" + Secret(),
                    "--recruitment-address=" + producer_address});
  ASSERT_TRUE(consumer.Start()) << consumer.LogTail();
  consumer.SetArg("--grpc-address=", absl::StrCat("127.0.0.1:", consumer.Port("grpc_port")));

  // Registrations keep coming; a failed call is retried with the same request id
  // (creates are idempotent), so each acknowledged household was made once.
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::atomic<int> attempts{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      auto stub = rpb::RecruitmentService::NewStub(
          grpc::CreateChannel(producer_address, grpc::InsecureChannelCredentials()));
      const std::string token = Token({"recruitment_worker"});
      for (int n = 0; !stop; ++n) {
        const std::string request_id = absl::StrCat("kill-", c, "-", n);
        while (true) {
          grpc::ClientContext ctx;
          ctx.AddMetadata("authorization", "Bearer " + token);
          ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
          rpb::Household h;
          attempts++;
          grpc::Status s = stub->CreateHousehold(&ctx, Registration(request_id), &h);
          if (s.ok()) {
            std::lock_guard<std::mutex> lock(mu);
            acknowledged.insert(h.name().substr(strlen("households/")));
            break;
          }
          if (stop) break;  // an unacknowledged request: it may or may not have landed
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
      }
    });
  }

  std::mt19937 random(std::random_device{}());
  int producer_kills = 0, consumer_kills = 0;
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<>(200, 1200)(random)));
    Process& victim = random() % 2 ? producer : consumer;
    victim.Kill();
    (&victim == &producer ? producer_kills : consumer_kills)++;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<>(0, 400)(random)));
    ASSERT_TRUE(victim.Start()) << victim.LogTail();
  }
  stop = true;
  for (auto& t : clients) t.join();

  auto pdb = platform::Database::Open(producer_db.url(), 1).value();
  auto cdb = platform::Database::Open(consumer_db.url(), 1).value();
  // Let the sequencer and the consumer catch up (both are running now).
  long long head = -1, cursor = -2;
  for (int i = 0; i < 600 && !(head == cursor && head >= 0); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto unsequenced = Column<long long>(*pdb, "SELECT COUNT(*) FROM outbox WHERE sequence IS NULL");
    head = unsequenced[0] == 0 ? Column<long long>(*pdb, "SELECT last_sequence FROM event_sequencer")[0] : -1;
    auto cursors = Column<long long>(*cdb, "SELECT sequence FROM consumer_cursors WHERE upstream = 'recruitment'");
    cursor = cursors.empty() ? 0 : cursors[0];
  }
  ASSERT_EQ(head, cursor) << consumer.LogTail() << producer.LogTail();

  // The producer's log: every row sequenced, 1..N without gaps or repeats.
  auto sequences = Column<long long>(*pdb, "SELECT sequence FROM outbox ORDER BY sequence");
  ASSERT_EQ(static_cast<long long>(sequences.size()), head);
  for (size_t i = 0; i < sequences.size(); ++i) ASSERT_EQ(sequences[i], static_cast<long long>(i + 1));
  // One HouseholdRegistered per household, and every acknowledged household has one.
  auto registered = Column<std::string>(
      *pdb, "SELECT aggregateid FROM outbox WHERE type = 'adoption.events.v1.HouseholdRegistered'");
  std::set<std::string> registered_set(registered.begin(), registered.end());
  EXPECT_EQ(registered_set.size(), registered.size());
  EXPECT_EQ(static_cast<long long>(registered.size()), platform::testing::CountRows(*pdb, "households"));
  for (const auto& id : acknowledged) EXPECT_TRUE(registered_set.count(id)) << id;

  // The consumer: each event applied once, in sequence order.
  auto applied = Column<long long>(
      *cdb, "SELECT sequence FROM consumer_inbox WHERE upstream = 'recruitment' ORDER BY inbox_pk");
  ASSERT_EQ(applied, sequences);
  auto profiles = Column<std::string>(*cdb, "SELECT id FROM household_profiles");
  EXPECT_EQ(std::set<std::string>(profiles.begin(), profiles.end()), registered_set);
  // Each profile came from its own household's event.
  auto produced = Column<std::string>(
      *pdb, "SELECT CONCAT(aggregateid, ':', sequence) FROM outbox ORDER BY sequence");
  auto consumed = Column<std::string>(
      *cdb, "SELECT CONCAT(id, ':', source_sequence) FROM household_profiles ORDER BY source_sequence");
  EXPECT_EQ(consumed, produced);

  std::printf("kill test: %zu events, %zu acknowledged creates (%d attempts), producer killed %d times, "
              "consumer killed %d times\n",
              sequences.size(), acknowledged.size(), attempts.load(), producer_kills, consumer_kills);
  EXPECT_GT(producer_kills + consumer_kills, 3);
  EXPECT_GT(acknowledged.size(), 20u);
}

}  // namespace
}  // namespace e2e
