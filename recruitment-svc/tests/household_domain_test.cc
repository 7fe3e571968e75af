#include <gtest/gtest.h>

#include <tuple>

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

// A household whose journey took `steps` (event, day, status after), ending where the last left it.
Household Through(std::vector<std::tuple<JourneyEvent, Date, HouseholdStatus>> steps) {
  Household h;
  for (const auto& [event, day, to] : steps) {
    h.journey.push_back(JourneyStep{.event = event, .date = day, .from = h.status, .to = to});
    h.status = to;
  }
  return h;
}

TEST(RetainUntil, AnAdoptionKeepsTheAdoptersRecordWithTheChildsAndAClosedOneAsTheAgencySays) {
  const platform::StatutoryTable& table = platform::StatutoryTable::Defaults();
  using E = JourneyEvent;
  using S = HouseholdStatus;
  // Open, or approved: kept, no date.
  EXPECT_FALSE(RetainUntil(Household(), table).has_value());
  Household approved = Through({{E::kRoiAccepted, Date(2024, 1, 8), S::kStageOne},
                                {E::kStageOneStarted, Date(2024, 1, 8), S::kStageOne},
                                {E::kApproved, Date(2024, 7, 1), S::kApproved}});
  EXPECT_FALSE(RetainUntil(approved, table).has_value());
  // An enquiry that went no further: 2 years (agency policy default) from its closing.
  EXPECT_EQ(RetainUntil(Through({{E::kRoiReceived, Date(2024, 1, 2), S::kRoiReceived},
                                 {E::kRoiDeclined, Date(2024, 1, 9), S::kRoiDeclined}}),
                        table),
            Date(2026, 1, 9));
  EXPECT_EQ(RetainUntil(Through({{E::kRoiAccepted, Date(2024, 1, 8), S::kRoiReceived},
                                 {E::kWithdrawn, Date(2024, 2, 1), S::kWithdrawn}}),
                        table),
            Date(2026, 2, 1));
  // Assessed and not approved, or withdrawn in Stage 2: 10 years from the day it closed.
  EXPECT_EQ(RetainUntil(Through({{E::kStageOneStarted, Date(2024, 1, 8), S::kStageOne},
                                 {E::kStageTwoStarted, Date(2024, 4, 1), S::kStageTwo},
                                 {E::kCounselledOut, Date(2024, 6, 3), S::kCounselledOut}}),
                        table),
            Date(2034, 6, 3));
  Household ended = approved;
  ended.journey.push_back({.event = E::kApprovalTerminated, .date = Date(2025, 3, 1), .to = S::kApprovalTerminated});
  ended.status = S::kApprovalTerminated;
  EXPECT_EQ(RetainUntil(ended, table), Date(2035, 3, 1));
  // An adoption: the adopted person's case record, 100 years from the latest order —
  // even when the household later withdrew.
  Household adopted = approved;
  adopted.journey.push_back({.event = E::kAdoptionOrder, .date = Date(2025, 2, 3), .to = S::kAdoptionOrder});
  adopted.journey.push_back({.event = E::kAdoptionOrder, .date = Date(2027, 9, 9), .to = S::kAdoptionOrder});
  adopted.journey.push_back({.event = E::kWithdrawn, .date = Date(2028, 1, 1), .to = S::kWithdrawn});
  adopted.status = S::kWithdrawn;
  EXPECT_EQ(RetainUntil(adopted, table), Date(2127, 9, 9));
  EXPECT_EQ(RetentionKeys().size(), 3u);
}

TEST(RegisterHousehold, StartsAtEnquiryAtVersionOne) {
  Household h = RegisterHousehold("id", Couple(), "worker", 42);
  EXPECT_EQ(h.status, HouseholdStatus::kEnquiry);
  EXPECT_EQ(h.version, 1);
  EXPECT_EQ(h.created_by, "worker");
}

}  // namespace
}  // namespace recruitment
