// The store on both backends: SQLite here, MariaDB in the integration run.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "platform/ids.h"
#include "platform/testing/testing.h"
#include "recruitment-svc/store/household_store.h"

namespace recruitment {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

using platform::Date;

class HouseholdStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<platform::testing::ScratchDatabase>(GetParam());
    SKIP_IF_UNAVAILABLE(*scratch_);
    db_ = platform::Database::Open(scratch_->url(), 2).value();
    ASSERT_TRUE(db_->Migrate("platform", platform::PlatformMigrations()).ok());
    ASSERT_TRUE(db_->Migrate("recruitment", Migrations()).ok());
  }

  Household Make(const std::string& la = "E09000006") {
    HouseholdDetails d;
    d.applicants = {{"Jo", "Smith", Date(1980, 2, 29), "WHITE_BRITISH"}};
    d.family_structure = FamilyStructure::kSingle;
    d.home_local_authority = la;
    d.enquiry_date = Date(2025, 4, 1);
    return RegisterHousehold(platform::NewId(), d, "worker-1", platform::NowMicros());
  }

  void Insert(const Household& h) {
    ASSERT_TRUE(db_->Transaction([&](soci::session& tx) {
                      store_.Insert(tx, h);
                      return absl::OkStatus();
                    }).ok());
  }

  std::unique_ptr<platform::testing::ScratchDatabase> scratch_;
  std::unique_ptr<platform::Database> db_;
  HouseholdStore store_;
};

TEST_P(HouseholdStoreTest, AnInsertedHouseholdReadsBackWhole) {
  Household h = Make();
  h.details.applicants.push_back({"Ann", "Smith-Ng", std::nullopt, ""});
  h.details.family_structure = FamilyStructure::kCoupleDifferentSex;
  h.details.early_permanence_interest = true;
  Insert(h);
  std::optional<Household> got;
  ASSERT_TRUE(db_->Read([&](soci::session& sql) {
                    got = store_.Get(sql, h.id);
                    return absl::OkStatus();
                  }).ok());
  ASSERT_TRUE(got);
  EXPECT_EQ(got->details.applicants.size(), 2u);
  EXPECT_EQ(got->details.applicants[0].date_of_birth, Date(1980, 2, 29));
  EXPECT_EQ(got->details.applicants[1].date_of_birth, std::nullopt);
  EXPECT_EQ(got->details.family_structure, FamilyStructure::kCoupleDifferentSex);
  EXPECT_TRUE(got->details.early_permanence_interest);
  EXPECT_EQ(got->details.enquiry_date, Date(2025, 4, 1));
  EXPECT_EQ(got->created_at, h.created_at);
}

TEST_P(HouseholdStoreTest, ListPagesInIdOrderAndFilters) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    Household h = Make(i % 2 ? "E08000018" : "E09000006");
    Insert(h);
    ids.push_back(h.id);
  }
  std::sort(ids.begin(), ids.end());
  HouseholdQuery q;
  q.page.size = 2;
  std::vector<std::string> seen;
  ASSERT_TRUE(db_->Read([&](soci::session& sql) {
                    while (true) {
                      auto page = store_.List(sql, q);
                      for (auto& h : page) seen.push_back(h.id);
                      if (static_cast<int>(page.size()) < q.page.size) break;
                      q.page.after_id = page.back().id;
                    }
                    return absl::OkStatus();
                  }).ok());
  EXPECT_EQ(seen, ids);
  HouseholdQuery rotherham;
  rotherham.home_local_authority = "E08000018";
  size_t n = 0;
  ASSERT_TRUE(db_->Read([&](soci::session& sql) {
                    n = store_.List(sql, rotherham).size();
                    return absl::OkStatus();
                  }).ok());
  EXPECT_EQ(n, 2u);
}

TEST_P(HouseholdStoreTest, AnUpdateWithAStaleVersionChangesNothing) {
  Household h = Make();
  Insert(h);
  h.details.home_local_authority = "E08000018";
  bool ok = true;
  ASSERT_TRUE(db_->Transaction([&](soci::session& tx) {
                    ok = store_.Update(tx, h, 7);
                    return absl::OkStatus();
                  }).ok());
  EXPECT_FALSE(ok);
  EXPECT_EQ(platform::testing::CountRows(*db_, "household_history"), 0);
}

TEST_P(HouseholdStoreTest, AnUpdateKeepsThePreviousVersionAndApplicants) {
  Household h = Make();
  Insert(h);
  h.details.applicants[0].family_name = "Smythe";
  bool ok = false;
  ASSERT_TRUE(db_->Transaction([&](soci::session& tx) {
                    ok = store_.Update(tx, h, 1);
                    return absl::OkStatus();
                  }).ok());
  ASSERT_TRUE(ok);
  EXPECT_EQ(h.version, 2);
  EXPECT_EQ(platform::testing::CountRows(*db_, "household_history"), 1);
  EXPECT_EQ(platform::testing::CountRows(*db_, "household_applicants"), 2);  // nothing hard-deleted
  std::optional<Household> got;
  ASSERT_TRUE(db_->Read([&](soci::session& sql) {
                    got = store_.Get(sql, h.id);
                    return absl::OkStatus();
                  }).ok());
  ASSERT_EQ(got->details.applicants.size(), 1u);
  EXPECT_EQ(got->details.applicants[0].family_name, "Smythe");
  EXPECT_EQ(got->version, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, HouseholdStoreTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace recruitment
