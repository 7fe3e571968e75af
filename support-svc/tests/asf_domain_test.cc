#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/core/errors.h"
#include "platform/core/statutory.h"
#include "support-svc/domain/asf_application.h"

namespace support {
namespace {

using platform::Date;
using S = AsfServiceType;

FairAccessRules On(Date day) { return FairAccessRules::On(platform::StatutoryTable::Defaults(), day).value(); }

AsfDetails Therapy(long long pence, const std::string& year = "2017-18", S service = S::kTheraplay) {
  AsfDetails d;
  d.child_reference = "C-1042";
  d.family_reference = "F-311";
  d.child_category = ChildCategory::kAdopted;
  d.child_age_years = 7;
  d.local_authority = "E08000018";
  d.service_type = service;
  d.provider = "Family Futures";
  d.cost_pence = pence;
  d.financial_year = year;
  return d;
}

// "TYPE subject" of a refusal's PreconditionFailure.
std::vector<std::string> Violations(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::PreconditionViolationsOf(s)) out.push_back(v.type + " " + v.subject);
  return out;
}

const platform::Revision kBy{"sw-1", 1'000, Date(2026, 6, 1)};

TEST(FairAccessRules, EachLimitFromItsDayAndNoneBefore) {
  // Before 1 October 2016: the fund had no limits.
  const FairAccessRules before = On(Date(2016, 9, 30));
  EXPECT_FALSE(before.therapy_limit || before.assessment_limit || before.total_limit);
  EXPECT_EQ(before.match_funding_percent, 0);
  // From 1 October 2016: £5,000 of therapy, half the excess match-funded.
  const FairAccessRules october = On(Date(2016, 10, 1));
  EXPECT_EQ(october.therapy_limit, 500000);
  EXPECT_FALSE(october.assessment_limit.has_value());
  EXPECT_EQ(october.match_funding_percent, 50);
  // From 2017/18: £2,500 of specialist assessment too.
  EXPECT_FALSE(On(Date(2017, 3, 31)).assessment_limit.has_value());
  EXPECT_EQ(On(Date(2017, 4, 1)).assessment_limit, 250000);
  // From April 2025: £3,000 in all, no match funding.
  const FairAccessRules march = On(Date(2025, 3, 31));
  EXPECT_EQ(march.therapy_limit, 500000);
  EXPECT_FALSE(march.total_limit.has_value());
  const FairAccessRules april = On(Date(2025, 4, 1));
  EXPECT_EQ(april.therapy_limit, 300000);
  EXPECT_EQ(april.total_limit, 300000);
  EXPECT_EQ(april.assessment_limit, 250000);
  EXPECT_EQ(april.match_funding_percent, 0);
  EXPECT_EQ(april.decision_working_days, 20);
}

TEST(FairAccessRules, AYearIsJudgedByItsOwnRulesNotTheDayBefore) {
  // A 2025-26 application drafted on 31 March 2025 is judged by the April 2025 rules.
  EXPECT_EQ(RulesDay("2025-26", Date(2025, 3, 31)).value(), Date(2025, 4, 1));
  EXPECT_EQ(RulesDay("2024-25", Date(2025, 3, 31)).value(), Date(2025, 3, 31));
  EXPECT_EQ(RulesDay("2025-26", Date(2025, 9, 1)).value(), Date(2025, 9, 1));
  EXPECT_FALSE(RulesDay("2025/26", Date(2025, 9, 1)).ok());
}

TEST(FundApplication, WithinTheLimitTheFundPaysAll) {
  const absl::StatusOr<AsfFunding> f = FundApplication(On(Date(2017, 6, 1)), Therapy(450000), {.therapy = 50000});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->fund, 450000);
  EXPECT_EQ(f->match, 0);
}

TEST(FundApplication, AboveTheTherapyLimitTheAgencyMatchFundsHalfTheExcess) {
  // £4,000 spent, £3,000 asked: £1,000 within the limit, £2,000 above, half each.
  const absl::StatusOr<AsfFunding> f = FundApplication(On(Date(2017, 6, 1)), Therapy(300000), {.therapy = 400000});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->match, 100000);
  EXPECT_EQ(f->fund, 200000);
  // An odd penny of excess: the agency's half rounds up.
  const absl::StatusOr<AsfFunding> odd = FundApplication(On(Date(2017, 6, 1)), Therapy(100001), {.therapy = 500000});
  EXPECT_EQ(odd->match, 50001);
  EXPECT_EQ(odd->fund, 50000);
}

TEST(FundApplication, TherapyAndAssessmentHaveTheirOwnLimitsUntilApril2025) {
  const FairAccessRules rules = On(Date(2018, 6, 1));
  // Therapy spent in full does not touch the assessment limit.
  const absl::StatusOr<AsfFunding> a =
      FundApplication(rules, Therapy(250000, "2018-19", S::kSpecialistAssessment), {.therapy = 500000});
  EXPECT_EQ(a->fund, 250000);
  EXPECT_EQ(a->match, 0);
  const absl::StatusOr<AsfFunding> over =
      FundApplication(rules, Therapy(100000, "2018-19", S::kSpecialistAssessment), {.assessment = 200000});
  EXPECT_EQ(over->fund, 75000);  // £500 within, £500 above shared
  EXPECT_EQ(over->match, 25000);
  // Before 2017/18 an assessment had no limit of its own.
  EXPECT_EQ(FundApplication(On(Date(2016, 12, 1)), Therapy(900000, "2016-17", S::kSpecialistAssessment), {})->fund,
            900000);
}

TEST(FundApplication, BeforeOctober2016NothingIsLimited) {
  const absl::StatusOr<AsfFunding> f =
      FundApplication(On(Date(2016, 9, 30)), Therapy(2000000, "2016-17"), {.therapy = 900000});
  EXPECT_EQ(f->fund, 2000000);
  EXPECT_EQ(f->match, 0);
}

TEST(FundApplication, FromApril2025OneLimitForBothAndOverItIsRefusedNamingTheSpendAndRemainder) {
  const FairAccessRules rules = On(Date(2025, 4, 1));
  // £2,000 of assessment spent: £1,000 of therapy remains of the £3,000.
  EXPECT_EQ(FundApplication(rules, Therapy(100000, "2025-26"), {.assessment = 200000})->fund, 100000);
  const absl::StatusOr<AsfFunding> over = FundApplication(rules, Therapy(100001, "2025-26"), {.assessment = 200000});
  ASSERT_EQ(over.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Violations(over.status()), std::vector<std::string>{"FAIR_ACCESS_LIMIT total"});
  const std::string why(over.status().message());
  EXPECT_NE(why.find("£3000.00"), std::string::npos) << why;
  EXPECT_NE(why.find("so far that year is £2000.00"), std::string::npos) << why;
  EXPECT_NE(why.find("£1000.00 remains"), std::string::npos) << why;
  // The assessment limit within it: £2,500.
  const absl::StatusOr<AsfFunding> assessment =
      FundApplication(rules, Therapy(260000, "2025-26", S::kSpecialistAssessment), {});
  EXPECT_EQ(Violations(assessment.status()), std::vector<std::string>{"FAIR_ACCESS_LIMIT specialist_assessment"});
  // On 31 March 2025 the old rules: £5,000 of therapy, match funding above.
  EXPECT_EQ(FundApplication(On(Date(2025, 3, 31)), Therapy(600000, "2024-25"), {})->match, 50000);
}

TEST(CountsAgainstLimits, WhatWasSentToTheFundAndNotDeclined) {
  EXPECT_FALSE(CountsAgainstLimits(AsfStatus::kDraft));
  EXPECT_TRUE(CountsAgainstLimits(AsfStatus::kSubmitted));
  EXPECT_TRUE(CountsAgainstLimits(AsfStatus::kApproved));
  EXPECT_FALSE(CountsAgainstLimits(AsfStatus::kDeclined));
  EXPECT_TRUE(CountsAgainstLimits(AsfStatus::kInDelivery));
  EXPECT_TRUE(CountsAgainstLimits(AsfStatus::kCompleted));
}

TEST(MeasureAsf, EachYearsApplicationsDecisionsBeneficiariesAndMoney) {
  auto app = [](const std::string& child, const std::string& family, const std::string& year, AsfStatus status,
                long long fund, long long match) {
    AsfApplication a;
    a.details.child_reference = child;
    a.details.family_reference = family;
    a.details.financial_year = year;
    a.status = status;
    a.fund_pence = fund;
    a.match_pence = match;
    return a;
  };
  // Two siblings of one family and another child; a draft and a year before.
  const std::vector<AsfApplication> apps = {
      app("C-1", "F-1", "2024-25", AsfStatus::kCompleted, 500000, 100000),
      app("C-1", "F-1", "2024-25", AsfStatus::kApproved, 50000, 0),
      app("C-2", "F-1", "2024-25", AsfStatus::kInDelivery, 250000, 0),
      app("C-3", "", "2024-25", AsfStatus::kDeclined, 0, 0),
      app("C-3", "", "2024-25", AsfStatus::kSubmitted, 120000, 0),
      app("C-4", "F-2", "2024-25", AsfStatus::kDraft, 90000, 0),
      app("C-9", "F-9", "2023-24", AsfStatus::kApproved, 70000, 0)};
  const std::vector<AsfYearFigures> years = MeasureAsf(apps);
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].financial_year, "2023-24");
  const AsfYearFigures& y = years[1];
  EXPECT_EQ(y.financial_year, "2024-25");
  EXPECT_EQ(y.applications, 5);  // not the draft
  EXPECT_EQ(y.approved, 3);
  EXPECT_EQ(y.declined, 1);
  EXPECT_EQ(y.awaiting_decision, 1);
  EXPECT_EQ(y.children_benefiting, 2);  // C-1 twice, C-2
  EXPECT_EQ(y.families_benefiting, 1);  // F-1
  EXPECT_EQ(y.funding_secured_pence, 800000);
  EXPECT_EQ(y.match_funding_pence, 100000);
}

TEST(Eligibility, UpTo21Or25WithAnEhcp) {
  const FairAccessRules rules = On(Date(2020, 6, 1));
  AsfDetails d = Therapy(1000);
  d.child_age_years = 21;
  EXPECT_TRUE(CheckEligible(d, rules).ok());
  d.child_age_years = 22;
  EXPECT_EQ(Violations(CheckEligible(d, rules)), std::vector<std::string>{"ELIGIBILITY child_age_years"});
  d.education_health_care_plan = true;
  EXPECT_TRUE(CheckEligible(d, rules).ok());
  d.child_age_years = 25;
  EXPECT_TRUE(CheckEligible(d, rules).ok());
}

TEST(ValidateAsfDetails, ReferencesAreOpaqueNeverNames) {
  platform::Validation v;
  AsfDetails d = Therapy(1000);
  d.child_reference = "Amy Jones";
  d.family_reference = "Jones";
  d.financial_year = "2025";
  d.cost_pence = 0;
  ValidateAsfDetails(d, "asf_application.", v);
  std::vector<std::string> fields;
  for (const auto& f : v.violations()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"asf_application.child_reference", "asf_application.family_reference",
                                               "asf_application.cost", "asf_application.financial_year"}));
  platform::Validation ok;
  ValidateAsfDetails(Therapy(1000), "", ok);
  EXPECT_TRUE(ok.violations().empty());
}

TEST(AsfVerbs, DraftSubmitDecideDeliverCompleteInOrder) {
  const FairAccessRules rules = On(Date(2025, 5, 1));
  absl::StatusOr<AsfApplication> a = DraftAsfApplication("a1", Therapy(150000, "2025-26"), "sw-1", 5, rules, {});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->status, AsfStatus::kDraft);
  EXPECT_EQ(a->fund_pence, 150000);
  const auto& calendar = platform::WorkingDayCalendar::EnglandAndWales();
  // Submitted Thursday 1 May 2025: 20 working days, over the 5 and 26 May bank holidays.
  ASSERT_TRUE(SubmitAsfApplication(*a, Date(2025, 5, 1), rules, calendar, {}, kBy).ok());
  EXPECT_EQ(a->status, AsfStatus::kSubmitted);
  EXPECT_EQ(a->decision_due_date, Date(2025, 6, 2));
  // Out of order: delivery before the decision, a decision before submission.
  EXPECT_EQ(Violations(StartAsfDelivery(*a, Date(2025, 5, 20), kBy)), std::vector<std::string>{"STATE status"});
  EXPECT_EQ(Violations(DecideAsfApplication(*a, true, Date(2025, 4, 30), "", kBy)),
            std::vector<std::string>{"ORDER decision_date"});
  EXPECT_EQ(DecideAsfApplication(*a, true, Date(2026, 7, 1), "", kBy).code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(DecideAsfApplication(*a, true, Date(2025, 5, 20), "", kBy).ok());
  EXPECT_EQ(a->status, AsfStatus::kApproved);
  ASSERT_TRUE(StartAsfDelivery(*a, Date(2025, 6, 2), kBy).ok());
  EXPECT_EQ(Violations(CompleteAsfApplication(*a, Date(2025, 6, 1), kBy)),
            std::vector<std::string>{"ORDER completed_date"});
  ASSERT_TRUE(CompleteAsfApplication(*a, Date(2025, 9, 30), kBy).ok());
  EXPECT_EQ(a->status, AsfStatus::kCompleted);
  EXPECT_EQ(a->updated_by, "sw-1");
}

TEST(AsfVerbs, SubmissionJudgesTheLimitAgainWithWhatWasSentSince) {
  const FairAccessRules rules = On(Date(2025, 5, 1));
  absl::StatusOr<AsfApplication> a = DraftAsfApplication("a2", Therapy(200000, "2025-26"), "sw-1", 5, rules, {});
  ASSERT_TRUE(a.ok());
  const absl::Status s = SubmitAsfApplication(*a, Date(2025, 5, 2), rules, platform::WorkingDayCalendar::EnglandAndWales(),
                                              {.therapy = 150000}, kBy);
  EXPECT_EQ(Violations(s), std::vector<std::string>{"FAIR_ACCESS_LIMIT therapy"});
  EXPECT_EQ(a->status, AsfStatus::kDraft);  // unchanged
  const absl::Status declined_draft = DecideAsfApplication(*a, false, Date(2025, 5, 2), "no", kBy);
  EXPECT_EQ(Violations(declined_draft), std::vector<std::string>{"STATE status"});
}

TEST(AsfVerbs, ADraftOverTheLimitWithNoMatchFundingIsRefusedAndAnIneligibleChildToo) {
  const FairAccessRules rules = On(Date(2025, 5, 1));
  EXPECT_EQ(Violations(DraftAsfApplication("a3", Therapy(300001, "2025-26"), "sw-1", 5, rules, {}).status()),
            std::vector<std::string>{"FAIR_ACCESS_LIMIT therapy"});
  AsfDetails old = Therapy(1000, "2025-26");
  old.child_age_years = 23;
  EXPECT_EQ(Violations(DraftAsfApplication("a4", old, "sw-1", 5, rules, {}).status()),
            std::vector<std::string>{"ELIGIBILITY child_age_years"});
}

}  // namespace
}  // namespace support
