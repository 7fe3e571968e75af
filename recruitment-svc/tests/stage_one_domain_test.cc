#include <gtest/gtest.h>

#include "platform/core/statutory.h"
#include "recruitment-svc/domain/household.h"
#include "recruitment-svc/domain/journey.h"
#include "recruitment-svc/domain/stage_one.h"

namespace recruitment {
namespace {

using platform::Date;
using K = CheckKind;
using O = CheckOutcome;

const Date kToday(2025, 12, 1);
const platform::Revision kBy{.actor = "worker", .at = 9, .today = kToday};
const StageOneRules kRules{.personal_references_min = 3};

// A couple in Stage 1.
Household InStageOne() {
  HouseholdDetails d;
  d.applicants = {{"Sam", "Okafor", Date(1985, 3, 2), ""}, {"Alex", "Okafor", std::nullopt, ""}};
  d.family_structure = FamilyStructure::kCoupleSameSex;
  d.home_local_authority = "E09000006";
  d.enquiry_date = Date(2025, 1, 6);
  Household h = RegisterHousehold("h1", d, "worker", 1);
  for (JourneyEvent e : {JourneyEvent::kRoiReceived, JourneyEvent::kRoiAccepted, JourneyEvent::kStageOneStarted}) {
    EXPECT_TRUE(TakeStep(h, {e, Date(2025, 2, 1), ""}, StepOrigin::kRecruitment, {kRules}, kBy).ok());
  }
  return h;
}

StageOneCheck Check(K kind, int applicant = 0, O outcome = O::kSatisfactory, int ordinal = 1) {
  StageOneCheck c;
  c.kind = kind;
  c.applicant = applicant;
  c.ordinal = ordinal;
  c.requested = Date(2025, 2, 3);
  c.received = Date(2025, 3, 3);
  c.outcome = outcome;
  return c;
}

std::vector<std::string> Subjects(const Household& h) {
  std::vector<std::string> out;
  for (const auto& v : OutstandingChecks(h, kRules)) out.push_back(v.subject + ": " + v.description);
  return out;
}

void RecordAll(Household& h) {
  for (int i = 0; i < 2; ++i) {
    for (K k : {K::kEnhancedDbs, K::kMedical, K::kLocalAuthority, K::kEmployerReference}) {
      ASSERT_TRUE(RecordCheck(h, Check(k, i), kBy, "check.").ok());
    }
    StageOneCheck ex = Check(K::kExPartner, i, O::kNotApplicable);
    ex.received.reset();
    ASSERT_TRUE(RecordCheck(h, ex, kBy, "check.").ok());
  }
  for (int r = 1; r <= 3; ++r)
    ASSERT_TRUE(RecordCheck(h, Check(K::kPersonalReference, 0, O::kSatisfactory, r), kBy, "check.").ok());
  for (K k : {K::kFinancial, K::kHomeSafety, K::kPreparationTraining}) {
    ASSERT_TRUE(RecordCheck(h, Check(k), kBy, "check.").ok());
  }
}

TEST(StageOneChecks, NothingRecordedListsEveryRequiredCheck) {
  Household h = InStageOne();
  std::vector<std::string> outstanding = Subjects(h);
  EXPECT_EQ(outstanding.size(), 14u);  // 5 per applicant, references, 3 for the household
  EXPECT_EQ(outstanding.front(), "applicants[0].ENHANCED_DBS: not recorded");
  EXPECT_EQ(outstanding[10], "PERSONAL_REFERENCE: 0 satisfactory of the 3 required");
}

TEST(StageOneChecks, EverySatisfactoryCheckLetsStageOneComplete) {
  Household h = InStageOne();
  RecordAll(h);
  EXPECT_EQ(Subjects(h), std::vector<std::string>{});
  EXPECT_EQ(h.stage_one_checks.size(), 16u);
  EXPECT_EQ(h.stage_one_checks.front().recorded_by, "worker");
}

TEST(StageOneChecks, AConcernOrAPendingCheckOrTooFewReferencesIsListed) {
  Household h = InStageOne();
  RecordAll(h);
  ASSERT_TRUE(RecordCheck(h, Check(K::kEnhancedDbs, 1, O::kConcern), kBy, "check.").ok());  // replaces
  StageOneCheck pending = Check(K::kPersonalReference, 0, O::kPending, 3);
  pending.received.reset();
  ASSERT_TRUE(RecordCheck(h, pending, kBy, "check.").ok());
  EXPECT_EQ(Subjects(h), (std::vector<std::string>{"applicants[1].ENHANCED_DBS: outcome is CONCERN",
                                                   "PERSONAL_REFERENCE: 2 satisfactory of the 3 required"}));
  EXPECT_EQ(h.stage_one_checks.size(), 16u);
  // A fourth referee makes up the number.
  ASSERT_TRUE(RecordCheck(h, Check(K::kPersonalReference, 0, O::kSatisfactory, 4), kBy, "check.").ok());
  EXPECT_EQ(Subjects(h), std::vector<std::string>{"applicants[1].ENHANCED_DBS: outcome is CONCERN"});
}

TEST(StageOneChecks, CompletingStageOneIsRefusedWithEachOutstandingCheck) {
  Household h = InStageOne();
  const Move complete{JourneyEvent::kStageOneCompleted, Date(2025, 4, 1), ""};
  absl::Status s = TakeStep(h, complete, StepOrigin::kRecruitment, {kRules}, kBy);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("14 checks are missing"), std::string::npos) << s;
  EXPECT_EQ(h.status, HouseholdStatus::kStageOne);
  RecordAll(h);
  ASSERT_TRUE(TakeStep(h, complete, StepOrigin::kRecruitment, {kRules}, kBy).ok());
  EXPECT_EQ(h.status, HouseholdStatus::kStageOneCompleted);
}

TEST(StageOneChecks, ABadCheckNamesItsFields) {
  Household h = InStageOne();
  StageOneCheck c = Check(K::kMedical, 2, O::kNotApplicable, 0);
  c.requested = Date(2025, 4, 1);
  c.received = Date(2025, 3, 1);
  platform::Validation v;
  ValidateCheck(c, h, kToday, "check.", v);
  std::vector<std::string> fields;
  for (const auto& f : v.violations()) fields.push_back(f.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"check.applicant", "check.ordinal", "check.received_date", "check.outcome"}));
  StageOneCheck satisfied = Check(K::kFinancial);
  satisfied.received.reset();
  EXPECT_EQ(RecordCheck(h, satisfied, kBy, "check.").code(), absl::StatusCode::kInvalidArgument);
}

TEST(StageOneChecks, ChecksAreRecordedOnlyInAssessment) {
  HouseholdDetails d;
  d.applicants = {{"Jo", "Smith", std::nullopt, ""}};
  d.home_local_authority = "E09000006";
  d.enquiry_date = Date(2025, 1, 6);
  Household enquiry = RegisterHousehold("h2", d, "worker", 1);
  EXPECT_EQ(RecordCheck(enquiry, Check(K::kFinancial), kBy, "check.").code(), absl::StatusCode::kFailedPrecondition);
}

TEST(StageOneChecks, TheReferenceMinimumIsDatedConfiguration) {
  auto rules = StageOneRules::On(platform::StatutoryTable::Defaults(), Date(2015, 1, 1));
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ(rules->personal_references_min, 3);
}

TEST(StageOneChecks, EveryKindAndOutcomeHasAName) {
  for (int i = 0; i <= static_cast<int>(K::kPreparationTraining); ++i) {
    EXPECT_EQ(ParseCheckKind(CheckKindName(static_cast<K>(i))), static_cast<K>(i));
  }
  for (int i = 0; i <= static_cast<int>(O::kNotApplicable); ++i) {
    EXPECT_EQ(ParseCheckOutcome(CheckOutcomeName(static_cast<O>(i))), static_cast<O>(i));
  }
}

}  // namespace
}  // namespace recruitment
