// The store on both backends: SQLite here, MariaDB in the integration run.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>

#include "platform/core/ids.h"
#include "platform/db/record.h"
#include "platform/testing/testing.h"
#include "support-svc/store/support_request_store.h"

namespace support {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

using platform::Date;

class SupportRequestStoreTest : public platform::testing::StoreTest {
 protected:
  SupportRequestStoreTest() : StoreTest("support", Migrations()) {}

  SupportRequest Make(Date received = Date(2025, 4, 1), const std::string& la = "E09000006",
                      std::optional<Triage> triage = std::nullopt) {
    SupportRequestDetails d;
    d.requester_kind = RequesterKind::kBirthRelative;
    d.channel = Channel::kEmail;
    d.received_date = received;
    d.summary = "Wants to know how letterbox works";
    d.local_authority = la;
    d.triage = triage;
    return ReceiveSupportRequest(platform::NewId(), d, "worker-1", platform::NowMicros(), Date(2025, 6, 30),
                                 SupportRules::On(platform::StatutoryTable::Defaults(),
                                                  platform::WorkingDayCalendar::EnglandAndWales(), received))
        .value();
  }

  void Insert(const SupportRequest& r) {
    Write([&](soci::session& tx) { store_.Insert(tx, r); });
  }

  std::optional<SupportRequest> Get(const std::string& id) {
    std::optional<SupportRequest> got;
    Read([&](soci::session& sql) { got = store_.Get(sql, id); });
    return got;
  }

  std::vector<std::string> ListIds(const SupportRequestQuery& q) {
    std::vector<std::string> ids;
    Read([&](soci::session& sql) {
      for (const auto& r : store_.List(sql, q)) ids.push_back(r.id);
    });
    return ids;
  }

  SupportRequestStore store_;
};

// A call is overdue the day after its due day while it is not held and the request is
// open: the operators' gauge.
TEST_P(SupportRequestStoreTest, CallsOverdueAreThoseNotHeldByTheirDueDayOnOpenRequests) {
  SupportRequest waiting = Make(Date(2025, 4, 1), "E09000006", Triage::kSupportCall);
  ASSERT_TRUE(waiting.support_call_due_date.has_value());
  const Date due = *waiting.support_call_due_date;
  SupportRequest held = Make(Date(2025, 4, 1), "E09000006", Triage::kSupportCall);
  held.details.support_call_date = due;
  SupportRequest closed = Make(Date(2025, 4, 1), "E09000006", Triage::kSupportCall);
  closed.details.status = SupportRequestStatus::kClosed;
  SupportRequest advice = Make(Date(2025, 4, 1), "E09000006", Triage::kInformationAdvice);
  for (const auto* r : {&waiting, &held, &closed, &advice}) Insert(*r);
  long long on_due_day = -1, after = -1;
  Read([&](soci::session& sql) {
    on_due_day = store_.CountCallsOverdue(sql, due);
    after = store_.CountCallsOverdue(sql, due + 1);
  });
  EXPECT_EQ(on_due_day, 0);
  EXPECT_EQ(after, 1);
}

TEST_P(SupportRequestStoreTest, AnInsertedRequestReadsBackWhole) {
  SupportRequest r = Make(Date(2025, 4, 11), "E08000018", Triage::kSupportCall);
  r.details.requester = Requester{"Lee", "", Date(1961, 2, 28)};
  r.details.support_call_date = Date(2025, 4, 14);
  r.details.summary = "Birth mother: \xE2\x80\x9C" "can I write to my son?\xE2\x80\x9D";
  Insert(r);
  std::optional<SupportRequest> got = Get(r.id);
  ASSERT_TRUE(got);
  const SupportRequestDetails& d = got->details;
  EXPECT_EQ(d.requester_kind, RequesterKind::kBirthRelative);
  ASSERT_TRUE(d.requester);
  EXPECT_EQ(d.requester->given_name, "Lee");
  EXPECT_EQ(d.requester->family_name, "");
  EXPECT_EQ(d.requester->date_of_birth, Date(1961, 2, 28));
  EXPECT_EQ(d.channel, Channel::kEmail);
  EXPECT_EQ(d.received_date, Date(2025, 4, 11));
  EXPECT_EQ(d.summary, r.details.summary);
  EXPECT_EQ(d.local_authority, "E08000018");
  EXPECT_EQ(d.triage, Triage::kSupportCall);
  EXPECT_EQ(got->support_call_due_date, Date(2025, 4, 22));
  EXPECT_EQ(d.support_call_date, Date(2025, 4, 14));
  EXPECT_EQ(d.status, SupportRequestStatus::kInProgress);
  EXPECT_EQ(got->closed_date, std::nullopt);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(got->created_at, r.created_at);
  EXPECT_EQ(got->created_by, "worker-1");
}

TEST_P(SupportRequestStoreTest, UnknownPartsReadBackAsUnknown) {
  SupportRequest r = Make();
  r.details.local_authority = "";
  Insert(r);
  std::optional<SupportRequest> got = Get(r.id);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->details.requester);
  EXPECT_EQ(got->details.triage, std::nullopt);
  EXPECT_EQ(got->support_call_due_date, std::nullopt);
  EXPECT_EQ(got->details.support_call_date, std::nullopt);
  EXPECT_EQ(got->details.local_authority, "");
  EXPECT_EQ(Get(platform::NewId()), std::nullopt);
}

TEST_P(SupportRequestStoreTest, ListPagesInDateReceivedOrderAndFilters) {
  // Recorded out of date order: the list follows the day received, then the id.
  std::vector<std::pair<std::string, std::string>> expected;  // received, id
  const std::vector<Date> received = {Date(2025, 5, 3), Date(2025, 5, 1), Date(2025, 5, 3), Date(2025, 4, 30),
                                      Date(2025, 5, 2)};
  for (size_t i = 0; i < received.size(); ++i) {
    SupportRequest r = Make(received[i], i % 2 ? "E08000018" : "E09000006",
                            i == 4 ? std::optional<Triage>(Triage::kSupportCall) : std::nullopt);
    Insert(r);
    expected.emplace_back(platform::FormatDate(received[i]), r.id);
  }
  std::sort(expected.begin(), expected.end());
  SupportRequestQuery q;
  q.coverage = platform::Coverage::Everything();
  q.page.size = 2;
  std::vector<std::string> seen;
  while (true) {
    std::vector<std::string> page = ListIds(q);
    seen.insert(seen.end(), page.begin(), page.end());
    if (static_cast<int>(page.size()) < q.page.size) break;
    q.page.after_id = page.back();
  }
  std::vector<std::string> ids;
  for (const auto& [date, id] : expected) ids.push_back(id);
  EXPECT_EQ(seen, ids);

  SupportRequestQuery rotherham;

  rotherham.coverage = platform::Coverage::Everything();
  rotherham.local_authority = "E08000018";
  EXPECT_EQ(ListIds(rotherham).size(), 2u);
  SupportRequestQuery calls;
  calls.coverage = platform::Coverage::Everything();
  calls.triage = Triage::kSupportCall;
  calls.status = SupportRequestStatus::kInProgress;
  EXPECT_EQ(ListIds(calls), std::vector<std::string>{expected[2].second});
  SupportRequestQuery families;
  families.coverage = platform::Coverage::Everything();
  families.requester_kind = RequesterKind::kAdoptiveFamily;
  families.channel = Channel::kEmail;
  EXPECT_TRUE(ListIds(families).empty());
  SupportRequestQuery unknown;
  unknown.coverage = platform::Coverage::Everything();
  unknown.page.after_id = platform::NewId();
  EXPECT_TRUE(ListIds(unknown).empty());
}

TEST_P(SupportRequestStoreTest, AnUpdateWithAStaleVersionChangesNothing) {
  SupportRequest r = Make();
  Insert(r);
  r.details.summary = "changed";
  bool ok = true;
  Write([&](soci::session& tx) { ok = store_.Update(tx, r, 7); });
  EXPECT_FALSE(ok);
  EXPECT_EQ(Rows("support_request_history"), 0);
  EXPECT_EQ(Get(r.id)->details.summary, "Wants to know how letterbox works");
}

TEST_P(SupportRequestStoreTest, AnUpdateKeepsThePreviousVersion) {
  SupportRequest r = Make();
  Insert(r);
  r.details.triage = Triage::kSupportCall;
  r.details.status = SupportRequestStatus::kClosed;
  r.details.outcome = "Call held";
  r.support_call_due_date = Date(2025, 4, 8);
  r.closed_date = Date(2025, 4, 9);
  r.details.requester = Requester{"Sam", "Jones", std::nullopt};
  bool ok = false;
  Write([&](soci::session& tx) { ok = store_.Update(tx, r, 1); });
  ASSERT_TRUE(ok);
  EXPECT_EQ(r.version, 2);
  EXPECT_EQ(Rows("support_request_history"), 1);
  EXPECT_EQ(Rows("support_requests"), 1);
  std::optional<SupportRequest> got = Get(r.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->details.status, SupportRequestStatus::kClosed);
  EXPECT_EQ(got->details.outcome, "Call held");
  EXPECT_EQ(got->closed_date, Date(2025, 4, 9));
  EXPECT_EQ(got->details.requester->family_name, "Jones");
  std::string old_status;
  Read([&](soci::session& sql) {
    sql << "SELECT status FROM support_request_history WHERE id = :id AND version = 1",
        soci::use(r.id), soci::into(old_status);
  });
  EXPECT_EQ(old_status, "OPEN");
}

TEST_P(SupportRequestStoreTest, ACorruptStoredValueIsAnErrorNotADefault) {
  SupportRequest r = Make();
  Insert(r);
  Write([&](soci::session& tx) {
    tx << "UPDATE support_requests SET channel = 'CARRIER_PIGEON' WHERE id = :id", soci::use(r.id);
  });
  Read([&](soci::session& sql) { EXPECT_THROW(store_.Get(sql, r.id), platform::CorruptRecord); });
  Write([&](soci::session& tx) {
    tx << "UPDATE support_requests SET channel = 'EMAIL', triage = 'URGENT' WHERE id = :id", soci::use(r.id);
  });
  Read([&](soci::session& sql) { EXPECT_THROW(store_.Get(sql, r.id), platform::CorruptRecord); });
}

INSTANTIATE_TEST_SUITE_P(Backends, SupportRequestStoreTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace support
