#include <gtest/gtest.h>

#include "recruitment-svc/domain/household.h"

namespace recruitment {
namespace {

using platform::Date;

HouseholdDetails Couple() {
  HouseholdDetails d;
  d.applicants = {{"Sam", "Okafor", Date(1985, 3, 2), "BLACK_AFRICAN"}, {"Alex", "Okafor", std::nullopt, ""}};
  d.family_structure = FamilyStructure::kCoupleSameSex;
  d.home_local_authority = "E09000006";
  d.enquiry_date = Date(2025, 5, 1);
  return d;
}

std::vector<std::string> Fields(const HouseholdDetails& d, Date today = Date(2025, 6, 1)) {
  platform::Validation v;
  ValidateDetails(d, today, "household.", v);
  std::vector<std::string> out;
  for (const auto& fv : v.violations()) out.push_back(fv.field);
  return out;
}

TEST(HouseholdDetails, ACoupleWithTwoApplicantsIsValid) { EXPECT_TRUE(Fields(Couple()).empty()); }

TEST(HouseholdDetails, ASingleAdopterMustHaveExactlyOneApplicant) {
  auto d = Couple();
  d.family_structure = FamilyStructure::kSingle;
  EXPECT_EQ(Fields(d), std::vector<std::string>{"household.family_structure"});
  d.applicants.pop_back();
  EXPECT_TRUE(Fields(d).empty());
}

TEST(HouseholdDetails, ThreeApplicantsOrNoneAreRejected) {
  auto d = Couple();
  d.applicants.push_back(d.applicants[0]);
  EXPECT_EQ(Fields(d), std::vector<std::string>{"household.applicants"});
  d.applicants.clear();
  EXPECT_EQ(Fields(d), std::vector<std::string>{"household.applicants"});
}

TEST(HouseholdDetails, EveryProblemIsReportedWithItsField) {
  auto d = Couple();
  d.applicants[1].given_name = "";
  d.applicants[0].date_of_birth = Date(2030, 1, 1);
  d.home_local_authority = "Bromley";
  d.enquiry_date = Date(2025, 7, 1);
  EXPECT_EQ(Fields(d), (std::vector<std::string>{"household.applicants[0].person.date_of_birth",
                                                 "household.applicants[1].person.given_name",
                                                 "household.home_local_authority", "household.enquiry_date"}));
}

// "é" repeated: two bytes a character in UTF-8.
std::string Accented(int characters) {
  std::string s;
  for (int i = 0; i < characters; ++i) s += "\xC3\xA9";
  return s;
}

TEST(HouseholdDetails, NamesAreLimitedInCharactersNotBytes) {
  auto d = Couple();
  d.applicants[0].given_name = Accented(100);  // 200 bytes
  d.applicants[0].family_name = Accented(100);
  EXPECT_TRUE(Fields(d).empty());
  d.applicants[0].family_name = Accented(101);
  EXPECT_EQ(Fields(d), std::vector<std::string>{"household.applicants[0].person.family_name"});
}

TEST(HouseholdStatusNames, RoundTripForEveryStatus) {
  for (int i = 0; i <= static_cast<int>(HouseholdStatus::kRoiDeclined); ++i) {
    auto s = static_cast<HouseholdStatus>(i);
    EXPECT_EQ(ParseStatus(StatusName(s)), s);
  }
  EXPECT_EQ(ParseStatus("NOPE"), std::nullopt);
}

TEST(RegisterHousehold, StartsAtEnquiryAtVersionOne) {
  Household h = RegisterHousehold("id", Couple(), "worker", 42);
  EXPECT_EQ(h.status, HouseholdStatus::kEnquiry);
  EXPECT_EQ(h.version, 1);
  EXPECT_EQ(h.created_by, "worker");
}

}  // namespace
}  // namespace recruitment
