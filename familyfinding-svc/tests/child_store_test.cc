// The child store on both backends: SQLite, and MariaDB in the integration run.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>

#include "familyfinding-svc/store/child_store.h"
#include "platform/db/db.h"
#include "platform/core/ids.h"
#include "platform/db/record.h"
#include "platform/testing/testing.h"

namespace familyfinding {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

using platform::Date;

class ChildStoreTest : public platform::testing::StoreTest {
 protected:
  ChildStoreTest() : StoreTest("familyfinding", Migrations()) {}

  Child Make(const std::string& la = "E08000018") {
    ChildDetails d;
    d.given_name = "Amy";
    d.family_name = "Jones";
    d.local_authority = la;
    d.date_of_birth = Date(2023, 3, 14);
    d.sex = Sex::kFemale;
    d.ethnicity = "WHITE_BRITISH";
    d.legal_status = LegalStatus::kPlacementOrder;
    return RegisterChild(platform::NewId(), d, "sw-1", platform::NowMicros());
  }

  void Insert(const Child& c) {
    Write([&](soci::session& tx) { store_.Insert(tx, c); });
  }

  std::optional<Child> Get(const std::string& id) {
    std::optional<Child> got;
    Read([&](soci::session& sql) { got = store_.Get(sql, id); });
    return got;
  }

  std::vector<std::string> ListIds(const ChildQuery& q) { return ListAllIds(store_, q); }

  ChildStore store_;
};

TEST_P(ChildStoreTest, AnInsertedChildReadsBackWhole) {
  Child c = Make();
  c.details.sibling_group = "jones";
  c.details.sibling_placement = SiblingPlacement::kTogether;
  c.details.health_and_development_needs = std::string(3000, 'n');  // beyond any VARCHAR(255)
  c.details.entered_care_date = Date(2023, 9, 1);
  c.details.early_permanence = true;
  c.milestones.placement_order = Date(2024, 2, 29);  // set by a later verb; stored today
  Insert(c);
  std::optional<Child> got = Get(c.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->details.given_name, "Amy");
  EXPECT_EQ(got->details.date_of_birth, Date(2023, 3, 14));
  EXPECT_EQ(got->details.sex, Sex::kFemale);
  EXPECT_EQ(got->details.sibling_placement, SiblingPlacement::kTogether);
  EXPECT_EQ(got->details.health_and_development_needs.size(), 3000u);
  EXPECT_EQ(got->details.legal_status, LegalStatus::kPlacementOrder);
  EXPECT_TRUE(got->details.early_permanence);
  EXPECT_EQ(got->details.entered_care_date, Date(2023, 9, 1));
  EXPECT_EQ(got->milestones.placement_order, Date(2024, 2, 29));
  EXPECT_EQ(got->milestones.match, std::nullopt);
  EXPECT_EQ(got->household_id, "");
  EXPECT_EQ(got->status, FamilyFindingStatus::kTracking);
  EXPECT_EQ(got->created_at, c.created_at);
  EXPECT_EQ(got->created_by, "sw-1");
}

TEST_P(ChildStoreTest, AnUnbornChildKeepsItsUnsetDates) {
  Child c = Make();
  c.details.date_of_birth.reset();
  c.details.sex = Sex::kNotKnown;
  Insert(c);
  auto got = Get(c.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->details.date_of_birth, std::nullopt);
  EXPECT_EQ(got->details.sibling_placement, std::nullopt);
  EXPECT_EQ(got->details.sex, Sex::kNotKnown);
}

TEST_P(ChildStoreTest, ListPagesInIdOrderAndFilters) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    Child c = Make(i % 2 ? "E09000006" : "E08000018");
    if (i == 4) c.details.legal_status = LegalStatus::kConsent;
    Insert(c);
    ids.push_back(c.id);
  }
  std::sort(ids.begin(), ids.end());
  ChildQuery all;
  all.coverage = platform::Coverage::Everything();
  all.page.size = 2;
  EXPECT_EQ(ListIds(all), ids);
  ChildQuery bromley;
  bromley.coverage = platform::Coverage::Everything();
  bromley.local_authority = "E09000006";
  EXPECT_EQ(ListIds(bromley).size(), 2u);
  ChildQuery consent;
  consent.coverage = platform::Coverage::Everything();
  consent.legal_status = LegalStatus::kConsent;
  consent.local_authority = "E08000018";
  EXPECT_EQ(ListIds(consent).size(), 1u);
  ChildQuery tracked;
  tracked.coverage = platform::Coverage::Everything();
  tracked.status = FamilyFindingStatus::kOnHold;
  EXPECT_TRUE(ListIds(tracked).empty());
}

// A page of children comes with every child's own journey (read in one statement).
TEST_P(ChildStoreTest, AListedChildHasItsOwnJourney) {
  std::vector<Child> made;
  for (int n = 0; n < 3; ++n) {
    Child c = Make();
    for (int k = 0; k < n; ++k) {
      Milestone m;
      m.kind = k == 0 ? MilestoneKind::kFamilyFindingReferral : MilestoneKind::kCareProceedingsStarted;
      m.date = Date(2024, 1 + k, 10 + n);
      m.recorded_by = "sw-1";
      c.journey.push_back(m);
    }
    Insert(c);
    made.push_back(c);
  }
  ChildQuery q;
  q.page.size = 10;
  q.coverage = platform::Coverage::Everything();
  std::vector<Child> listed;
  Read([&](soci::session& sql) { listed = store_.List(sql, q); });
  ASSERT_EQ(listed.size(), 3u);
  // Ids made in one millisecond list in id order, not creation order: match them by id.
  for (const Child& m : made) {
    auto it = std::find_if(listed.begin(), listed.end(), [&](const Child& c) { return c.id == m.id; });
    ASSERT_NE(it, listed.end());
    ASSERT_EQ(it->journey.size(), m.journey.size());
    for (size_t k = 0; k < m.journey.size(); ++k) EXPECT_TRUE(it->journey[k].SameAs(m.journey[k])) << m.id << "," << k;
  }
}

TEST_P(ChildStoreTest, TheDerivedHarderToPlaceFilterFillsWholePages) {
  // Alternate: every second child is disabled (harder to place).
  std::vector<std::string> harder;
  for (int i = 0; i < 7; ++i) {
    Child c = Make();
    c.details.disability = i % 2 == 1;
    Insert(c);
    if (c.details.disability) harder.push_back(c.id);
  }
  std::sort(harder.begin(), harder.end());
  ChildQuery q;
  q.coverage = platform::Coverage::Everything();
  q.on = Date(2025, 6, 1);
  q.harder_to_place = true;
  q.page.size = 2;
  EXPECT_EQ(ListIds(q), harder);
  q.harder_to_place = false;
  EXPECT_EQ(ListIds(q).size(), 4u);
}

TEST_P(ChildStoreTest, AnUpdateWithAStaleVersionChangesNothing) {
  Child c = Make();
  Insert(c);
  c.details.local_authority = "E09000006";
  bool ok = true;
  Write([&](soci::session& tx) { ok = store_.Update(tx, c, 7); });
  EXPECT_FALSE(ok);
  EXPECT_EQ(c.version, 1);
  EXPECT_EQ(Rows("child_history"), 0);
  EXPECT_EQ(Get(c.id)->details.local_authority, "E08000018");
}

TEST_P(ChildStoreTest, AnUpdateKeepsThePreviousVersion) {
  Child c = Make();
  Insert(c);
  c.details.family_name = "Jones-Smith";
  c.details.date_of_birth.reset();
  bool ok = false;
  Write([&](soci::session& tx) { ok = store_.Update(tx, c, 1); });
  ASSERT_TRUE(ok);
  EXPECT_EQ(c.version, 2);
  EXPECT_EQ(Rows("child_history"), 1);
  EXPECT_EQ(Rows("children"), 1);
  auto got = Get(c.id);
  EXPECT_EQ(got->details.family_name, "Jones-Smith");
  EXPECT_EQ(got->details.date_of_birth, std::nullopt);
  EXPECT_EQ(got->version, 2);
  std::string old_name;
  Read([&](soci::session& sql) {
    sql << "SELECT family_name FROM child_history WHERE id = :id AND version = 1", soci::use(c.id),
        soci::into(old_name);
  });
  EXPECT_EQ(old_name, "Jones");
}

TEST_P(ChildStoreTest, ACorruptStoredValueIsAnErrorNotADefault) {
  Child c = Make();
  Insert(c);
  Write([&](soci::session& tx) {
    tx << "UPDATE children SET legal_status = 'SOMETHING_ELSE' WHERE id = :id", soci::use(c.id);
  });
  Read([&](soci::session& sql) { EXPECT_THROW(store_.Get(sql, c.id), platform::CorruptRecord); });
  Write([&](soci::session& tx) {
    tx << "UPDATE children SET legal_status = 'PLACEMENT_ORDER', match_date = '2024-13-01' WHERE id = :id",
        soci::use(c.id);
  });
  Read([&](soci::session& sql) { EXPECT_THROW(store_.Get(sql, c.id), platform::CorruptRecord); });
}

INSTANTIATE_TEST_SUITE_P(Backends, ChildStoreTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace familyfinding
