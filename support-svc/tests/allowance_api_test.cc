// Adoption allowances, their budgets and what was paid against them, through the API,
// on SQLite (unit) and MariaDB (integration).
#include <soci/soci.h>

#include "platform/testing/testing.h"
#include "support-svc/tests/support_api_fixture.h"

namespace support {
namespace {

using namespace support::testing;  // NOLINT: the fixture and its requests
using platform::Date;
using platform::testing::PreconditionViolations;
using platform::testing::ViolatedFields;
using Stub = pb::SupportService::Stub;

class AllowanceApiTest : public SupportApiTest {
 protected:
  pb::AdoptionAllowance Created(const pb::CreateAdoptionAllowanceRequest& r) {
    pb::AdoptionAllowance out;
    grpc::Status s = Call(&Stub::CreateAdoptionAllowance, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
  std::vector<std::string> Overdue() {
    pb::ListAdoptionAllowancesRequest r;
    r.set_filter("review_overdue = true");
    pb::ListAdoptionAllowancesResponse page;
    EXPECT_TRUE(Call(&Stub::ListAdoptionAllowances, r, &page, {Role::kFinanceOfficer}).ok());
    std::vector<std::string> names;
    for (const auto& a : page.adoption_allowances()) names.push_back(a.name());
    return names;
  }
  pb::AllowanceFigures Report(const std::string& fy_start_year_label_first_day) {
    pb::ReportAllowancesRequest r;
    const Date first = platform::ParseDate(fy_start_year_label_first_day).value();
    *r.mutable_period()->mutable_first_day() = platform::DateToProto(first);
    *r.mutable_period()->mutable_last_day() = platform::DateToProto(Date(first.year() + 1, 3, 31));
    pb::AllowanceFigures out;
    EXPECT_TRUE(Call(&Stub::ReportAllowances, r, &out, {Role::kFinanceOfficer}).ok());
    return out;
  }
};

long long Pence(const adoption::type::v1::Money& m) { return m.minor_units(); }

// One allowance through its verbs: its review overdue and listed, reviewed with a new
// means-tested amount from the review's day, suspended, resumed and ended ahead.
TEST_P(AllowanceApiTest, AnAllowanceIsReviewedSuspendedResumedAndEndedEachAVersion) {
  clock_.Set(Date(2026, 5, 1));
  pb::AdoptionAllowance a = Created(AllowanceCreate("a-1", Date(2025, 4, 1)));
  EXPECT_EQ(a.status(), pb::ALLOWANCE_STATUS_ACTIVE);
  EXPECT_EQ(a.review_due_date().year(), 2026);
  EXPECT_TRUE(a.review_overdue());
  EXPECT_EQ(Overdue(), std::vector<std::string>{a.name()});

  pb::ReviewAdoptionAllowanceRequest review;
  review.set_name(a.name());
  review.set_etag(a.etag());
  *review.mutable_review_date() = platform::DateToProto(Date(2026, 4, 15));
  review.mutable_amount()->set_currency_code("GBP");
  review.mutable_amount()->set_minor_units(45000);
  ASSERT_TRUE(Call(&Stub::ReviewAdoptionAllowance, review, &a).ok());
  EXPECT_EQ(Pence(a.amount()), 45000);
  ASSERT_EQ(a.rates_size(), 2);
  EXPECT_EQ(Pence(a.rates(0).amount()), 40000);
  EXPECT_EQ(a.rates(1).effective_date().day(), 15);
  EXPECT_EQ(a.last_review_date().day(), 15);
  EXPECT_EQ(a.review_due_date().year(), 2027);
  EXPECT_FALSE(a.review_overdue());
  EXPECT_TRUE(Overdue().empty());

  pb::SuspendAdoptionAllowanceRequest suspend;
  suspend.set_name(a.name());
  suspend.set_etag(a.etag());
  *suspend.mutable_suspended_date() = platform::DateToProto(Date(2026, 4, 20));
  suspend.set_reason("The family moved abroad for a term");
  ASSERT_TRUE(Call(&Stub::SuspendAdoptionAllowance, suspend, &a).ok());
  EXPECT_EQ(a.status(), pb::ALLOWANCE_STATUS_SUSPENDED);
  pb::ResumeAdoptionAllowanceRequest resume;
  resume.set_name(a.name());
  resume.set_etag(a.etag());
  *resume.mutable_resumed_date() = platform::DateToProto(Date(2026, 4, 30));
  ASSERT_TRUE(Call(&Stub::ResumeAdoptionAllowance, resume, &a).ok());
  EXPECT_EQ(a.status(), pb::ALLOWANCE_STATUS_ACTIVE);
  ASSERT_EQ(a.suspensions_size(), 1);
  EXPECT_EQ(a.suspensions(0).resumed_date().day(), 30);

  pb::EndAdoptionAllowanceRequest end;
  end.set_name(a.name());
  end.set_etag(a.etag());
  *end.mutable_end_date() = platform::DateToProto(Date(2026, 6, 30));  // ahead: the child's 18th birthday
  end.set_reason("The child turns 18");
  ASSERT_TRUE(Call(&Stub::EndAdoptionAllowance, end, &a).ok());
  EXPECT_EQ(a.status(), pb::ALLOWANCE_STATUS_ENDED);
  EXPECT_EQ(a.end_reason(), "The child turns 18");
  EXPECT_EQ(a.etag(), "5");
  EXPECT_EQ(Rows("adoption_allowance_history"), 4);
  // Ended, it takes no further step; a stale etag changes nothing.
  resume.set_etag(a.etag());
  EXPECT_EQ(PreconditionViolations(Call(&Stub::ResumeAdoptionAllowance, resume, &a)),
            std::vector<std::string>{"STATE status"});
  suspend.set_etag("1");
  EXPECT_EQ(Call(&Stub::SuspendAdoptionAllowance, suspend, &a).error_code(), grpc::StatusCode::ABORTED);
}

TEST_P(AllowanceApiTest, BadInputNamesEveryFieldAndWritesNothing) {
  clock_.Set(Date(2026, 5, 1));
  pb::CreateAdoptionAllowanceRequest r = AllowanceCreate("a-1", Date(2025, 4, 1));
  pb::AdoptionAllowance* a = r.mutable_adoption_allowance();
  a->set_household("children/1");
  a->set_child("  ");
  a->set_local_authority("Bromley");
  a->set_kind(pb::ALLOWANCE_KIND_UNSPECIFIED);
  a->mutable_amount()->set_currency_code("USD");
  a->mutable_amount()->set_minor_units(0);
  a->set_frequency(pb::PAYMENT_FREQUENCY_UNSPECIFIED);
  *a->mutable_end_date() = platform::DateToProto(Date(2025, 3, 31));
  pb::AdoptionAllowance out;
  EXPECT_EQ(ViolatedFields(Call(&Stub::CreateAdoptionAllowance, r, &out)),
            (std::vector<std::string>{"adoption_allowance.household", "adoption_allowance.amount.currency_code",
                                      "adoption_allowance.child", "adoption_allowance.local_authority",
                                      "adoption_allowance.kind", "adoption_allowance.amount",
                                      "adoption_allowance.frequency", "adoption_allowance.end_date"}));
  // A settling-in payment paid weekly.
  r = AllowanceCreate("a-2", Date(2025, 4, 1));
  r.mutable_adoption_allowance()->set_kind(pb::ALLOWANCE_KIND_SETTLING_IN);
  EXPECT_EQ(ViolatedFields(Call(&Stub::CreateAdoptionAllowance, r, &out)),
            std::vector<std::string>{"adoption_allowance.frequency"});
  EXPECT_EQ(Rows("adoption_allowances"), 0);
  // A review with no reason to be: in the future, or a negative amount.
  pb::AdoptionAllowance created = Created(AllowanceCreate("a-3", Date(2025, 4, 1)));
  pb::ReviewAdoptionAllowanceRequest review;
  review.set_name(created.name());
  review.set_etag(created.etag());
  *review.mutable_review_date() = platform::DateToProto(Date(2026, 5, 2));
  review.mutable_amount()->set_currency_code("GBP");
  review.mutable_amount()->set_minor_units(-1);
  EXPECT_EQ(ViolatedFields(Call(&Stub::ReviewAdoptionAllowance, review, &out)),
            (std::vector<std::string>{"review_date", "amount"}));
  EXPECT_EQ(Rows("adoption_allowance_history"), 0);
}

// A finance officer sets each year's budget; the report sets what was paid beside it.
TEST_P(AllowanceApiTest, WhatWasPaidIsReportedAgainstTheYearsBudget) {
  clock_.Set(Date(2026, 5, 1));
  Created(AllowanceCreate("a-1", Date(2025, 4, 1)));  // £400 monthly: 12 payments in 2025-26
  pb::CreateAdoptionAllowanceRequest settling = AllowanceCreate("a-2", Date(2025, 6, 2));
  settling.mutable_adoption_allowance()->set_kind(pb::ALLOWANCE_KIND_SETTLING_IN);
  settling.mutable_adoption_allowance()->set_frequency(pb::PAYMENT_FREQUENCY_ONCE);
  settling.mutable_adoption_allowance()->mutable_amount()->set_minor_units(50000);
  pb::AdoptionAllowance once = Created(settling);
  EXPECT_EQ(once.status(), pb::ALLOWANCE_STATUS_ENDED);

  pb::SetAllowanceBudgetRequest set;
  pb::AllowanceBudget* b = set.mutable_allowance_budget();
  b->set_local_authority("E09000006");
  b->set_financial_year("2025-26");
  b->mutable_budget()->set_currency_code("GBP");
  b->mutable_budget()->set_minor_units(1000000);
  pb::AllowanceBudget stored;
  EXPECT_EQ(Call(&Stub::SetAllowanceBudget, set, &stored).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Call(&Stub::SetAllowanceBudget, set, &stored, {Role::kFinanceOfficer}).ok());
  pb::AllowanceFigures report = Report("2025-04-01");
  ASSERT_EQ(report.years_size(), 1);
  const pb::AllowanceYear& y = report.years(0);
  EXPECT_EQ(y.financial_year(), "2025-26");
  EXPECT_EQ(y.regular_allowances_paid(), 1);
  EXPECT_EQ(y.one_off_payments(), 1);
  EXPECT_EQ(y.families_paid(), 1);  // one child, no household recorded
  EXPECT_EQ(Pence(y.paid()), 12 * 40000 + 50000);
  EXPECT_EQ(Pence(y.budget()), 1000000);
  EXPECT_DOUBLE_EQ(y.percent_of_budget().value(), 53.0);
  EXPECT_EQ(y.reviews_overdue(), 0);  // its review fell due on 1 April 2026

  // The budget revised: the value it replaced is kept.
  b->mutable_budget()->set_minor_units(800000);
  ASSERT_TRUE(Call(&Stub::SetAllowanceBudget, set, &stored, {Role::kManager}).ok());
  EXPECT_EQ(Rows("allowance_budget_history"), 1);
  EXPECT_DOUBLE_EQ(Report("2025-04-01").years(0).percent_of_budget().value(), 66.3);  // 66.25, half up
  // The year under way, to today: the review overdue since 1 April 2026, and paid on
  // 1 April and 1 May (not the months to come).
  report = Report("2026-04-01");
  ASSERT_EQ(report.years_size(), 1);
  EXPECT_EQ(report.years(0).reviews_overdue(), 1);
  EXPECT_EQ(Pence(report.years(0).paid()), 2 * 40000);
  EXPECT_FALSE(report.years(0).has_budget());
  // A bad budget names its fields.
  b->set_local_authority("Bromley");
  b->set_financial_year("2025");
  b->mutable_budget()->set_minor_units(-5);
  EXPECT_EQ(ViolatedFields(Call(&Stub::SetAllowanceBudget, set, &stored, {Role::kManager})),
            (std::vector<std::string>{"allowance_budget.local_authority", "allowance_budget.financial_year",
                                      "allowance_budget.budget"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, AllowanceApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

TEST(AllowanceMapping, EachDomainValueIsTheContractValueOfItsName) {
  using platform::testing::EnumMismatches;
  const std::vector<std::string> none;
  using K = AllowanceKind;
  EXPECT_EQ(EnumMismatches(pb::AllowanceKind_descriptor(), {K::kRegular, K::kSettlingIn, K::kOneOff},
                           AllowanceKindName),
            none);
  using F = PaymentFrequency;
  EXPECT_EQ(EnumMismatches(pb::PaymentFrequency_descriptor(), {F::kWeekly, F::kFourWeekly, F::kMonthly, F::kOnce},
                           PaymentFrequencyName),
            none);
  using S = AllowanceStatus;
  EXPECT_EQ(EnumMismatches(pb::AllowanceStatus_descriptor(), {S::kActive, S::kSuspended, S::kEnded},
                           AllowanceStatusName),
            none);
}

}  // namespace
}  // namespace support
