// The ASF application store on SQLite (unit) and MariaDB (integration): a row and its
// versions, and the child's spend that year as the fair access limits read it.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "platform/testing/testing.h"
#include "support-svc/store/asf_application_store.h"

namespace support {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

class AsfApplicationStoreTest : public platform::testing::StoreTest {
 protected:
  AsfApplicationStoreTest() : StoreTest("support", Migrations()) {}

  // An application of `child` in `year` at `status`, the fund paying `fund`.
  AsfApplication Stored(const std::string& id, const std::string& child, const std::string& year, AsfStatus status,
                        AsfServiceType service, long long fund) {
    AsfApplication a;
    a.id = id;
    a.details = {.child_reference = child, .family_reference = "F-1", .child_category = ChildCategory::kAdopted,
                 .child_age_years = 6, .local_authority = "E09000006", .service_type = service,
                 .provider = "Family Futures", .cost_pence = fund, .financial_year = year};
    a.status = status;
    a.fund_pence = fund;
    a.created_by = a.updated_by = "sw-1";
    Write([&](soci::session& tx) { store_.Insert(tx, a); });
    return a;
  }

  AsfApplicationStore store_;
};

TEST_P(AsfApplicationStoreTest, TheChildsSpendCountsWhatWasSentAndNotDeclinedThatYearOnly) {
  using S = AsfStatus;
  using T = AsfServiceType;
  Stored("01a", "C-1", "2024-25", S::kDraft, T::kTheraplay, 100);
  Stored("01b", "C-1", "2024-25", S::kSubmitted, T::kTheraplay, 1000);
  Stored("01c", "C-1", "2024-25", S::kApproved, T::kPlayTherapy, 10000);
  Stored("01d", "C-1", "2024-25", S::kDeclined, T::kTheraplay, 99999);
  Stored("01e", "C-1", "2024-25", S::kInDelivery, T::kSpecialistAssessment, 200000);
  Stored("01f", "C-1", "2024-25", S::kCompleted, T::kFamilyTherapy, 300000);
  Stored("01g", "C-1", "2023-24", S::kCompleted, T::kFamilyTherapy, 7);  // another year
  Stored("01h", "C-2", "2024-25", S::kCompleted, T::kFamilyTherapy, 7);  // another child
  ChildYearSpend spent, except, nobody;
  Write([&](soci::session& tx) {
    spent = store_.ChildYearSpendFor(tx, "C-1", "2024-25", "");
    except = store_.ChildYearSpendFor(tx, "C-1", "2024-25", "01c");
    nobody = store_.ChildYearSpendFor(tx, "C-9", "2024-25", "");
  });
  EXPECT_EQ(spent.therapy, 1000 + 10000 + 300000);
  EXPECT_EQ(spent.assessment, 200000);
  EXPECT_EQ(except.therapy, 1000 + 300000);
  EXPECT_EQ(nobody.total(), 0);
  // Each child's year taken in turn has its row, written once per change.
  EXPECT_EQ(Rows("asf_child_years"), 2);
}

// The operators' view of a year: what counts against the limits, per child at most, and
// submitted applications past their decision day.
TEST_P(AsfApplicationStoreTest, AYearsSpendAndTheOverdueDecisionsAreCountedForTheGauges) {
  using S = AsfStatus;
  using T = AsfServiceType;
  Stored("03a", "C-1", "2024-25", S::kDraft, T::kTheraplay, 100);
  Stored("03b", "C-1", "2024-25", S::kApproved, T::kPlayTherapy, 10000);
  Stored("03c", "C-1", "2024-25", S::kCompleted, T::kSpecialistAssessment, 2500);
  Stored("03d", "C-2", "2024-25", S::kDeclined, T::kTheraplay, 99999);
  Stored("03e", "C-2", "2024-25", S::kInDelivery, T::kFamilyTherapy, 4000);
  Stored("03f", "C-3", "2023-24", S::kCompleted, T::kFamilyTherapy, 50000);  // another year
  AsfApplication late = Stored("03g", "C-4", "2024-25", S::kSubmitted, T::kTheraplay, 700);
  late.decision_due_date = platform::Date(2024, 7, 1);
  late.match_pence = 300;
  Write([&](soci::session& tx) { ASSERT_TRUE(store_.Update(tx, late, 1)); });
  AsfYearSpend spend, none;
  long long overdue_on_due_day = -1, overdue_after = -1;
  Read([&](soci::session& sql) {
    spend = store_.YearSpend(sql, "2024-25");
    none = store_.YearSpend(sql, "2019-20");
    overdue_on_due_day = store_.CountDecisionsOverdue(sql, platform::Date(2024, 7, 1));
    overdue_after = store_.CountDecisionsOverdue(sql, platform::Date(2024, 7, 2));
  });
  EXPECT_EQ(spend.fund, 10000 + 2500 + 4000 + 700);
  EXPECT_EQ(spend.match, 300);
  EXPECT_EQ(spend.children, 3);
  EXPECT_EQ(spend.highest, 12500);
  EXPECT_EQ(none.fund + none.match + none.children + none.highest, 0);
  EXPECT_EQ(overdue_on_due_day, 0);
  EXPECT_EQ(overdue_after, 1);
}

TEST_P(AsfApplicationStoreTest, AnUpdateKeepsTheVersionBeforeAndAStaleOneWritesNothing) {
  AsfApplication a = Stored("02a", "C-1", "2024-25", AsfStatus::kDraft, AsfServiceType::kTheraplay, 5000);
  a.status = AsfStatus::kSubmitted;
  a.submitted_date = platform::Date(2024, 6, 3);
  bool saved = false, stale = true;
  Write([&](soci::session& tx) { saved = store_.Update(tx, a, 1); });
  Write([&](soci::session& tx) { stale = store_.Update(tx, a, 1); });
  EXPECT_TRUE(saved);
  EXPECT_FALSE(stale);
  EXPECT_EQ(Rows("asf_application_history"), 1);
  std::optional<AsfApplication> read;
  Read([&](soci::session& sql) { read = store_.Get(sql, "02a"); });
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->status, AsfStatus::kSubmitted);
  EXPECT_EQ(read->submitted_date, platform::Date(2024, 6, 3));
  EXPECT_EQ(read->version, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, AsfApplicationStoreTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace support
