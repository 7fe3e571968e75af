// The household profiles read model on both backends, fed through the consumer's
// handlers exactly as the Consumer applies them (inside its transaction).
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "adoption/events/v1/events.pb.h"
#include "familyfinding-svc/api/household_events.h"
#include "platform/db/db.h"
#include "platform/core/ids.h"
#include "platform/rpc/proto_convert.h"
#include "platform/db/record.h"
#include "platform/testing/testing.h"

namespace familyfinding {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

namespace ev = adoption::events::v1;
using platform::Date;

template <typename Event>
ev::EventRecord Record(long long sequence, const std::string& household_id, const std::string& la, Date enquiry,
                       bool ep = false) {
  Event e;
  e.set_household("households/" + household_id);
  e.set_home_local_authority(la);
  e.set_family_structure("FAMILY_STRUCTURE_COUPLE_SAME_SEX");
  *e.mutable_enquiry_date() = platform::DateToProto(enquiry);
  e.set_early_permanence_interest(ep);
  ev::EventRecord r;
  r.set_sequence(sequence);
  r.set_event_id(platform::NewId());
  r.set_aggregate_type("household");
  r.set_aggregate_id(household_id);
  r.set_event_type(Event::descriptor()->full_name());
  r.mutable_payload()->PackFrom(e);
  return r;
}

class HouseholdProfileStoreTest : public platform::testing::StoreTest {
 protected:
  HouseholdProfileStoreTest()
      : StoreTest("familyfinding", Migrations()), handlers_(HouseholdEventHandlers(&store_, &clock_)) {}

  absl::Status Apply(const ev::EventRecord& record) {
    return db_->Transaction(
        [&](soci::session& tx) { return handlers_.at(record.event_type())(tx, record); });
  }

  std::optional<HouseholdProfile> Get(const std::string& id) {
    std::optional<HouseholdProfile> got;
    Read([&](soci::session& sql) { got = store_.Get(sql, id); });
    return got;
  }

  std::vector<std::string> ListIds(const HouseholdProfileQuery& q) { return ListAllIds(store_, q); }

  HouseholdProfileStore store_;
  platform::SystemClock clock_;  // before handlers_, which keep a pointer to it
  std::map<std::string, platform::Consumer::Handler> handlers_;
};

TEST_P(HouseholdProfileStoreTest, HandlesExactlyTheThreeHouseholdEventsAndAHouseholdsDisposal) {
  EXPECT_EQ(handlers_.size(), 4u);
  EXPECT_TRUE(handlers_.count("adoption.events.v1.HouseholdRegistered"));
  EXPECT_TRUE(handlers_.count("adoption.events.v1.HouseholdDetailsChanged"));
  EXPECT_TRUE(handlers_.count("adoption.events.v1.HouseholdStatusChanged"));
  EXPECT_TRUE(handlers_.count("adoption.events.v1.RecordDisposed"));
}

// The in-memory matching pool reloads when this moves: every write moves it, a
// replayed event (nothing written) does not.
TEST_P(HouseholdProfileStoreTest, EveryWriteMovesThePoolVersion) {
  auto version = [&] {
    long long v = -1;
    Read([&](soci::session& sql) { v = store_.PoolVersion(sql); });
    return v;
  };
  const long long before = version();
  const std::string id = platform::NewId();
  ASSERT_TRUE(Apply(Record<ev::HouseholdRegistered>(3, id, "E09000006", Date(2025, 4, 7))).ok());
  EXPECT_EQ(version(), before + 1);
  ASSERT_TRUE(Apply(Record<ev::HouseholdDetailsChanged>(4, id, "E09000011", Date(2025, 4, 7))).ok());
  EXPECT_EQ(version(), before + 2);
  ASSERT_TRUE(Apply(Record<ev::HouseholdDetailsChanged>(4, id, "E09000011", Date(2025, 4, 7))).ok());
  EXPECT_EQ(version(), before + 2);
}

TEST_P(HouseholdProfileStoreTest, ARegisteredHouseholdBecomesAnUnapprovedProfile) {
  const std::string id = platform::NewId();
  ASSERT_TRUE(Apply(Record<ev::HouseholdRegistered>(3, id, "E09000006", Date(2025, 4, 7), true)).ok());
  auto p = Get(id);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->facts.home_local_authority, "E09000006");
  EXPECT_EQ(p->facts.family_structure, "FAMILY_STRUCTURE_COUPLE_SAME_SEX");
  EXPECT_EQ(p->facts.enquiry_date, Date(2025, 4, 7));
  EXPECT_TRUE(p->facts.early_permanence_interest);
  EXPECT_FALSE(p->approved);
  EXPECT_EQ(p->source_sequence, 3);
  std::string household;
  Read([&](soci::session& sql) {
    sql << "SELECT household FROM household_profiles WHERE id = :id", soci::use(id),
        soci::into(household);
  });
  EXPECT_EQ(household, "households/" + id);
}

TEST_P(HouseholdProfileStoreTest, ChangedDetailsUpdateTheProfileAndItsSequence) {
  const std::string id = platform::NewId();
  ASSERT_TRUE(Apply(Record<ev::HouseholdRegistered>(3, id, "E09000006", Date(2025, 4, 7))).ok());
  ASSERT_TRUE(Apply(Record<ev::HouseholdDetailsChanged>(8, id, "E08000018", Date(2025, 4, 6))).ok());
  auto p = Get(id);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->facts.home_local_authority, "E08000018");
  EXPECT_EQ(p->facts.enquiry_date, Date(2025, 4, 6));
  EXPECT_EQ(p->source_sequence, 8);
  EXPECT_EQ(Rows("household_profiles"), 1);
}

TEST_P(HouseholdProfileStoreTest, AReplayedOlderEventChangesNothing) {
  const std::string id = platform::NewId();
  ASSERT_TRUE(Apply(Record<ev::HouseholdRegistered>(3, id, "E09000006", Date(2025, 4, 7))).ok());
  ASSERT_TRUE(Apply(Record<ev::HouseholdDetailsChanged>(8, id, "E08000018", Date(2025, 4, 7))).ok());
  ASSERT_TRUE(Apply(Record<ev::HouseholdRegistered>(3, id, "E09000006", Date(2025, 4, 7))).ok());
  EXPECT_EQ(Get(id)->facts.home_local_authority, "E08000018");
  EXPECT_EQ(Get(id)->source_sequence, 8);
}

TEST_P(HouseholdProfileStoreTest, AMalformedEventFailsAndWritesNothing) {
  auto record = Record<ev::HouseholdRegistered>(3, "not-an-id", "E09000006", Date(2025, 4, 7));
  EXPECT_EQ(Apply(record).code(), absl::StatusCode::kInvalidArgument);
  auto wrong_type = Record<ev::HouseholdRegistered>(4, platform::NewId(), "E09000006", Date(2025, 4, 7));
  wrong_type.set_event_type("adoption.events.v1.HouseholdDetailsChanged");
  wrong_type.mutable_payload()->set_type_url("type.googleapis.com/adoption.events.v1.HouseholdStatusChanged");
  EXPECT_FALSE(Apply(wrong_type).ok());
  EXPECT_EQ(Rows("household_profiles"), 0);
}

TEST_P(HouseholdProfileStoreTest, ACorruptStoredProfileIsAnErrorNotADefault) {
  const std::string id = platform::NewId();
  ASSERT_TRUE(Apply(Record<ev::HouseholdRegistered>(3, id, "E09000006", Date(2025, 4, 7))).ok());
  Write([&](soci::session& tx) {
    tx << "UPDATE household_profiles SET enquiry_date = 'April' WHERE id = :id", soci::use(id);
  });
  Read([&](soci::session& sql) { EXPECT_THROW(store_.Get(sql, id), platform::CorruptRecord); });
}

TEST_P(HouseholdProfileStoreTest, ListIsByEnquiryDateAcrossPagesAndFilters) {
  // Registered in one order, enquiries dated in another.
  const Date enquiries[] = {Date(2025, 3, 1), Date(2025, 1, 5), Date(2025, 3, 1), Date(2024, 12, 1),
                            Date(2025, 2, 1)};
  std::vector<std::pair<Date, std::string>> expected;
  for (int i = 0; i < 5; ++i) {
    const std::string id = platform::NewId();
    ASSERT_TRUE(Apply(Record<ev::HouseholdRegistered>(i + 1, id, i % 2 ? "E08000018" : "E09000006", enquiries[i]))
                    .ok());
    expected.emplace_back(enquiries[i], id);
  }
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> expected_ids;
  for (const auto& [date, id] : expected) expected_ids.push_back(id);
  HouseholdProfileQuery all;
  all.coverage = platform::Coverage::Everything();
  all.page.size = 2;
  EXPECT_EQ(ListIds(all), expected_ids);
  HouseholdProfileQuery rotherham;
  rotherham.coverage = platform::Coverage::Everything();
  rotherham.home_local_authority = "E08000018";
  rotherham.page.size = 1;
  EXPECT_EQ(ListIds(rotherham).size(), 2u);
  HouseholdProfileQuery approved;
  approved.coverage = platform::Coverage::Everything();
  approved.approved = true;
  EXPECT_TRUE(ListIds(approved).empty());
  approved.approved = false;
  EXPECT_EQ(ListIds(approved).size(), 5u);
}

INSTANTIATE_TEST_SUITE_P(Backends, HouseholdProfileStoreTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace familyfinding
