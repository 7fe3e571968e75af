#include <gtest/gtest.h>

#include "familyfinding-svc/domain/child.h"
#include "platform/core/retention.h"

namespace familyfinding {
namespace {

using platform::Date;

const Date kToday(2025, 6, 1);

ChildDetails Toddler() {
  ChildDetails d;
  d.given_name = "Amy";
  d.family_name = "Jones";
  d.local_authority = "E08000018";
  d.date_of_birth = Date(2023, 3, 14);
  d.sex = Sex::kFemale;
  d.ethnicity = "WHITE_BRITISH";
  d.legal_status = LegalStatus::kPlacementOrder;
  d.entered_care_date = Date(2023, 9, 1);
  return d;
}

std::vector<std::string> Fields(const ChildDetails& d, Date today = kToday) {
  platform::Validation v;
  ValidateDetails(d, today, "child.", v);
  std::vector<std::string> out;
  for (const auto& fv : v.violations()) out.push_back(fv.field);
  return out;
}

TEST(ChildDetails, ATypicalChildIsValid) { EXPECT_TRUE(Fields(Toddler()).empty()); }

TEST(ChildDetails, AnUnbornBabyHasNoDateOfBirthNameOrCareDate) {
  ChildDetails d;
  d.local_authority = "E09000006";
  d.sex = Sex::kNotKnown;
  d.legal_status = LegalStatus::kAccommodated;
  EXPECT_TRUE(Fields(d).empty());
  d.entered_care_date = Date(2025, 5, 1);
  EXPECT_EQ(Fields(d), std::vector<std::string>{"child.entered_care_date"});
}

TEST(ChildDetails, DateOfBirthIsNotInTheFutureAndIsAChilds) {
  auto d = Toddler();
  d.entered_care_date.reset();
  d.date_of_birth = Date(2025, 6, 2);
  EXPECT_EQ(Fields(d), std::vector<std::string>{"child.date_of_birth"});
  d.date_of_birth = kToday;  // born today
  EXPECT_TRUE(Fields(d).empty());
  d.date_of_birth = Date(2007, 6, 1);  // 18 today: no longer a child
  EXPECT_EQ(Fields(d), std::vector<std::string>{"child.date_of_birth"});
  d.date_of_birth = Date(2007, 6, 2);  // 18 tomorrow
  EXPECT_TRUE(Fields(d).empty());
}

TEST(ChildDetails, EnteringCareIsNeitherBeforeBirthNorInTheFuture) {
  auto d = Toddler();
  d.entered_care_date = Date(2023, 3, 13);
  EXPECT_EQ(Fields(d), std::vector<std::string>{"child.entered_care_date"});
  d.entered_care_date = d.date_of_birth;  // taken into care at birth
  EXPECT_TRUE(Fields(d).empty());
  d.entered_care_date = Date(2025, 6, 2);
  EXPECT_EQ(Fields(d), std::vector<std::string>{"child.entered_care_date"});
}

TEST(ChildDetails, SiblingPlacementGoesWithASiblingGroup) {
  auto d = Toddler();
  d.sibling_group = "jones-2025";
  EXPECT_EQ(Fields(d), std::vector<std::string>{"child.sibling_placement"});
  d.sibling_placement = SiblingPlacement::kAssessmentPending;
  EXPECT_TRUE(Fields(d).empty());
  d.sibling_group.clear();
  EXPECT_EQ(Fields(d), std::vector<std::string>{"child.sibling_placement"});
}

TEST(ChildDetails, EthnicityIsACensusCode) {
  auto d = Toddler();
  d.ethnicity = "";
  EXPECT_TRUE(Fields(d).empty());  // not yet recorded
  d.ethnicity = "MIXED_WHITE_AND_BLACK_CARIBBEAN";
  EXPECT_TRUE(Fields(d).empty());
  d.ethnicity = "White British";
  EXPECT_EQ(Fields(d), std::vector<std::string>{"child.ethnicity"});
  d.ethnicity = std::string(65, 'A');
  EXPECT_EQ(Fields(d), std::vector<std::string>{"child.ethnicity"});
}

TEST(ChildDetails, EveryProblemIsReportedWithItsField) {
  auto d = Toddler();
  d.given_name = std::string(101, 'x');
  d.local_authority = "Rotherham";
  d.date_of_birth = Date(2026, 1, 1);
  d.health_and_development_needs = std::string(4001, 'x');
  d.sibling_group = std::string(65, 'g');
  d.entered_care_date = Date(2030, 1, 1);
  EXPECT_EQ(Fields(d), (std::vector<std::string>{"child.given_name", "child.local_authority", "child.date_of_birth",
                                                 "child.health_and_development_needs", "child.sibling_group",
                                                 "child.sibling_placement", "child.entered_care_date"}));
}

// "é" repeated: two bytes a character in UTF-8.
std::string Accented(int characters) {
  std::string s;
  for (int i = 0; i < characters; ++i) s += "\xC3\xA9";
  return s;
}

TEST(ChildDetails, TextIsLimitedInCharactersNotBytes) {
  auto d = Toddler();
  d.given_name = Accented(100);  // 200 bytes
  d.family_name = Accented(100);
  d.health_and_development_needs = Accented(4000);
  EXPECT_TRUE(Fields(d).empty());
  d.family_name = Accented(101);
  d.health_and_development_needs = Accented(4001);
  EXPECT_EQ(Fields(d), (std::vector<std::string>{"child.family_name", "child.health_and_development_needs"}));
}

TEST(AgeInYears, CountsCompletedYears) {
  EXPECT_EQ(AgeInYears(Date(2020, 6, 1), Date(2025, 5, 31)), 4);
  EXPECT_EQ(AgeInYears(Date(2020, 6, 1), Date(2025, 6, 1)), 5);
  EXPECT_EQ(AgeInYears(Date(2025, 6, 1), Date(2025, 6, 1)), 0);
}

TEST(AgeInYears, ALeapDayBirthdayFallsOnTheFirstOfMarchInCommonYears) {
  EXPECT_EQ(AgeInYears(Date(2020, 2, 29), Date(2025, 2, 28)), 4);
  EXPECT_EQ(AgeInYears(Date(2020, 2, 29), Date(2025, 3, 1)), 5);
  EXPECT_EQ(AgeInYears(Date(2020, 2, 29), Date(2024, 2, 29)), 4);
}

TEST(BlackOrMinorityEthnic, IsAnyRecordedGroupOutsideWhite) {
  EXPECT_FALSE(IsBlackOrMinorityEthnic("WHITE_BRITISH"));
  EXPECT_FALSE(IsBlackOrMinorityEthnic("WHITE_IRISH"));
  EXPECT_TRUE(IsBlackOrMinorityEthnic("BLACK_AFRICAN"));
  EXPECT_TRUE(IsBlackOrMinorityEthnic("MIXED_WHITE_AND_ASIAN"));  // mixed heritage counts
  EXPECT_TRUE(IsBlackOrMinorityEthnic("ASIAN_PAKISTANI"));
  EXPECT_FALSE(IsBlackOrMinorityEthnic(""));
  EXPECT_FALSE(IsBlackOrMinorityEthnic("NOT_STATED"));
  EXPECT_FALSE(IsBlackOrMinorityEthnic("NOT_KNOWN"));
}

// Each reason on its own makes a child harder to place; a white-British, single,
// non-disabled child under five is not.
TEST(HarderToPlace, AnyOneReasonIsEnough) {
  struct Case {
    const char* name;
    void (*change)(ChildDetails&);
    bool harder;
  };
  const Case cases[] = {
      {"none", [](ChildDetails&) {}, false},
      {"aged 4 years 364 days", [](ChildDetails& d) { d.date_of_birth = Date(2020, 6, 2); }, false},
      {"aged 5 today", [](ChildDetails& d) { d.date_of_birth = Date(2020, 6, 1); }, true},
      {"aged 9", [](ChildDetails& d) { d.date_of_birth = Date(2016, 1, 1); }, true},
      {"unborn", [](ChildDetails& d) { d.date_of_birth.reset(); }, false},
      {"BME", [](ChildDetails& d) { d.ethnicity = "BLACK_CARIBBEAN"; }, true},
      {"ethnicity not recorded", [](ChildDetails& d) { d.ethnicity = ""; }, false},
      {"sibling group", [](ChildDetails& d) { d.sibling_group = "g1"; }, true},
      {"disabled", [](ChildDetails& d) { d.disability = true; }, true},
  };
  for (const auto& c : cases) {
    ChildDetails d = Toddler();
    c.change(d);
    EXPECT_EQ(HarderToPlace(d, kToday), c.harder) << c.name;
  }
}

TEST(HarderToPlace, IsDerivedOnTheDayAsked) {
  ChildDetails d = Toddler();  // born 2023-03-14
  EXPECT_FALSE(HarderToPlace(d, Date(2028, 3, 13)));
  EXPECT_TRUE(HarderToPlace(d, Date(2028, 3, 14)));
}

TEST(RetainUntil, AnAdoptedPersonsRecordIsKeptAHundredYearsFromTheOrderAndWithoutOneIsKept) {
  const platform::StatutoryTable& table = platform::StatutoryTable::Defaults();
  Child child;
  EXPECT_FALSE(RetainUntil(child, table).has_value());
  child.milestones.placement_order = Date(2019, 1, 10);
  EXPECT_FALSE(RetainUntil(child, table).has_value());
  child.milestones.adoption_order = Date(2020, 5, 5);
  EXPECT_EQ(RetainUntil(child, table), Date(2120, 5, 5));
  // An order corrected to another day moves the date with it.
  child.milestones.adoption_order = Date(2020, 2, 29);
  EXPECT_EQ(RetainUntil(child, table), Date(2120, 2, 29));
  // Before the 2005 rules (a pre-commencement adoption): no date, so it is kept.
  child.milestones.adoption_order = Date(2004, 6, 1);
  EXPECT_FALSE(RetainUntil(child, table).has_value());
  EXPECT_EQ(RetentionKeys(), std::vector<std::string>{platform::kAdoptionCaseRecordYears});
}

TEST(EnumNames, RoundTripForEveryValue) {
  for (int i = 0; i <= static_cast<int>(FamilyFindingStatus::kDisrupted); ++i) {
    auto s = static_cast<FamilyFindingStatus>(i);
    EXPECT_EQ(ParseStatus(StatusName(s)), s);
  }
  for (int i = 0; i <= static_cast<int>(LegalStatus::kPlacementOrderRefusedOrRevoked); ++i) {
    auto s = static_cast<LegalStatus>(i);
    EXPECT_EQ(ParseLegalStatus(LegalStatusName(s)), s);
  }
  for (int i = 0; i <= static_cast<int>(Sex::kNotKnown); ++i) {
    EXPECT_EQ(ParseSex(SexName(static_cast<Sex>(i))), static_cast<Sex>(i));
  }
  for (int i = 0; i <= static_cast<int>(SiblingPlacement::kApart); ++i) {
    auto s = static_cast<SiblingPlacement>(i);
    EXPECT_EQ(ParseSiblingPlacement(SiblingPlacementName(s)), s);
  }
  EXPECT_EQ(ParseStatus("NOPE"), std::nullopt);
}

TEST(RegisterChild, StartsTrackedAtVersionOneWithNoMilestonesAfterCare) {
  Child c = RegisterChild("id", Toddler(), "sw-1", 42);
  EXPECT_EQ(c.status, FamilyFindingStatus::kTracking);
  EXPECT_EQ(c.version, 1);
  EXPECT_EQ(c.created_by, "sw-1");
  EXPECT_EQ(c.milestones.placement_order, std::nullopt);
  EXPECT_EQ(c.details.entered_care_date, Date(2023, 9, 1));
}

}  // namespace
}  // namespace familyfinding
