// Reads' audit rows committed in groups (AuditJournal), on both backends: callers that
// arrive while a commit is under way share the next one, each returns only once its
// rows are committed, and a failed commit fails exactly the callers whose rows it held.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "platform/db/db.h"
#include "platform/rpc/audit.h"
#include "platform/testing/testing.h"

namespace platform {
namespace {

const std::vector<EmbeddedFile>& NoMigrations() {
  static const auto* files = new std::vector<EmbeddedFile>();
  return *files;
}

class AuditJournalTest : public testing::StoreTest {
 protected:
  AuditJournalTest() : StoreTest("journal", NoMigrations()) {}

  static AuditRow Read(const std::string& who, const std::string& household) {
    return MakeAuditRow(Principal{.subject = who, .roles = {Role::kRecruitmentWorker}}, "GetHousehold", "household",
                        household, "OK", absl::StrCat("req-", who, "-", household));
  }
  long long RowsFor(const std::string& who) {
    long long n = 0;
    StoreTest::Read([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM audit_log WHERE actor = :a AND action = 'GetHousehold' AND outcome = 'OK'",
          soci::use(who), soci::into(n);
    });
    return n;
  }
  // Waits (polling, without a deadline of its own: the test's timeout is the limit) until
  // `ready` holds of the journal's counts.
  static void WaitFor(AuditJournal& journal, const std::function<bool(const AuditJournal::Counts&)>& ready) {
    while (!ready(journal.counts())) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
};

TEST_P(AuditJournalTest, CallersArrivingDuringACommitShareTheNext) {
  // Another session holds audit_log, so the first caller's commit waits for it.
  auto other = Database::Open(scratch_->url(), 1);
  ASSERT_TRUE(other.ok()) << other.status();
  std::promise<void> held, release;
  std::thread blocker([&] {
    EXPECT_TRUE((*other)->Transaction([&](soci::session& tx) {
      // SQLite: the transaction's BEGIN IMMEDIATE holds the write lock already.
      if (GetParam() == "mysql") tx << "LOCK TABLES audit_log WRITE";
      held.set_value();
      release.get_future().wait();
      if (GetParam() == "mysql") tx << "UNLOCK TABLES";
      return absl::OkStatus();
    }).ok());
  });
  held.get_future().wait();
  AuditJournal journal(db_.get());
  absl::Status first_status;
  std::atomic<bool> first_returned{false};
  std::thread first([&] {
    first_status = journal.Write({Read("sw-0", "h0")});
    first_returned = true;
  });
  WaitFor(journal, [](const AuditJournal::Counts& c) { return c.committing && c.queued == 0; });

  constexpr int kCallers = 8;
  std::vector<absl::Status> statuses(kCallers);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      const std::string who = absl::StrCat("sw-", i + 1);
      statuses[i] = journal.Write({Read(who, "h1"), Read(who, "h2")});  // a page of two
    });
  }
  WaitFor(journal, [](const AuditJournal::Counts& c) { return c.queued == 2 * kCallers; });
  EXPECT_FALSE(first_returned);  // its rows are not committed, so it has not returned
  release.set_value();
  blocker.join();
  first.join();
  for (auto& c : callers) c.join();

  EXPECT_TRUE(first_status.ok()) << first_status;
  for (const absl::Status& s : statuses) EXPECT_TRUE(s.ok()) << s;
  const AuditJournal::Counts counts = journal.counts();
  EXPECT_EQ(counts.commits, 2);  // the first caller's, then the eight together
  EXPECT_EQ(counts.rows, 1 + 2 * kCallers);
  EXPECT_EQ(RowsFor("sw-0"), 1);
  for (int i = 1; i <= kCallers; ++i) EXPECT_EQ(RowsFor(absl::StrCat("sw-", i)), 2);
}

TEST_P(AuditJournalTest, ManyCallersWritingAtOnceAreEachAnsweredWithTheirRowsCommitted) {
  // Callers come and go while commits run: each is woken by its own group's commit or
  // for its turn to make the next one, and none is left waiting (the test would hang).
  AuditJournal journal(db_.get());
  constexpr int kCallers = 12, kWrites = 40;
  std::vector<std::thread> callers;
  std::atomic<int> failed{0};
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      const std::string who = absl::StrCat("many-", i);
      for (int w = 0; w < kWrites; ++w) {
        if (!journal.Write({Read(who, absl::StrCat("h", w))}).ok()) failed++;
      }
    });
  }
  for (auto& c : callers) c.join();
  EXPECT_EQ(failed, 0);
  const AuditJournal::Counts counts = journal.counts();
  EXPECT_EQ(counts.rows, kCallers * kWrites);
  EXPECT_LE(counts.commits, kCallers * kWrites);
  EXPECT_EQ(counts.queued, 0u);
  EXPECT_FALSE(counts.committing);
  for (int i = 0; i < kCallers; ++i) EXPECT_EQ(RowsFor(absl::StrCat("many-", i)), kWrites);
}

TEST_P(AuditJournalTest, AFailedCommitFailsItsCallersAndTheNextCommitStandsAlone) {
  AuditJournal journal(db_.get());
  Write([](soci::session& tx) { tx << "ALTER TABLE audit_log RENAME TO audit_log_away"; });
  EXPECT_FALSE(journal.Write({Read("sw-1", "h1")}).ok());
  Write([](soci::session& tx) { tx << "ALTER TABLE audit_log_away RENAME TO audit_log"; });
  EXPECT_TRUE(journal.Write({Read("sw-2", "h1")}).ok());
  EXPECT_EQ(RowsFor("sw-1"), 0);
  EXPECT_EQ(RowsFor("sw-2"), 1);
  EXPECT_EQ(journal.counts().commits, 1);
}

TEST_P(AuditJournalTest, NothingToWriteCommitsNothing) {
  AuditJournal journal(db_.get());
  EXPECT_TRUE(journal.Write({}).ok());
  EXPECT_EQ(journal.counts().commits, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditJournalTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace platform
