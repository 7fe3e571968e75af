// Adoption allowances: the payment days, the amounts in force, suspensions, reviews
// and the yearly figures, at their boundaries.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/core/errors.h"
#include "platform/core/statutory.h"
#include "support-svc/domain/adoption_allowance.h"

namespace support {
namespace {

using platform::Date;

const platform::Revision kBy{"sw-1", 1'000, Date(2026, 11, 30)};

std::vector<std::string> Violations(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::PreconditionViolationsOf(s)) out.push_back(v.type + " " + v.subject);
  return out;
}
std::vector<std::string> Fields(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::FieldViolationsOf(s)) out.push_back(v.field);
  return out;
}

AllowanceDetails Regular(Date start, PaymentFrequency f, long long pence, std::string household = "h-1") {
  AllowanceDetails d;
  d.household_id = std::move(household);
  d.child_reference = "children/c-1";
  d.local_authority = "E08000018";
  d.kind = AllowanceKind::kRegular;
  d.amount_pence = pence;
  d.frequency = f;
  d.means_tested = true;
  d.start_date = start;
  return d;
}

AdoptionAllowance Agreed(const AllowanceDetails& d) { return AgreeAllowance("a-1", d, 12, kBy.today, "sw-1", 1); }

platform::Period Year(int start_year) { return platform::Period::Of(platform::FinancialYear{start_year}); }

TEST(AdoptionAllowance, TheReviewPeriodIsDatedConfiguration) {
  EXPECT_EQ(ReviewMonthsOn(platform::StatutoryTable::Defaults(), Date(2025, 4, 1)).value(), 12);
  EXPECT_EQ(ReviewMonthsOn(platform::StatutoryTable::Defaults(), Date(2005, 12, 29)).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(AdoptionAllowance, AMonthlyAllowanceIsPaidOnItsDayEachMonthClampedToShortMonths) {
  AdoptionAllowance a = Agreed(Regular(Date(2025, 1, 31), PaymentFrequency::kMonthly, 40000));
  // 31 Jan, 28 Feb, 31 Mar: February's is on its last day.
  EXPECT_EQ(PaidIn(a, {Date(2025, 2, 1), Date(2025, 2, 28)}).count, 1);
  EXPECT_EQ(PaidIn(a, {Date(2025, 2, 1), Date(2025, 2, 27)}).count, 0);
  const Payments year = PaidIn(a, Year(2025));
  EXPECT_EQ(year.count, 12);
  EXPECT_EQ(year.pence, 12 * 40000);
  // Nothing before the start.
  EXPECT_EQ(PaidIn(a, Year(2023)).count, 0);
}

TEST(AdoptionAllowance, AReviewChangesTheAmountFromItsDayAndSetsTheNextReview) {
  AdoptionAllowance a = Agreed(Regular(Date(2025, 4, 7), PaymentFrequency::kWeekly, 10000));
  EXPECT_EQ(a.status, AllowanceStatus::kActive);
  EXPECT_EQ(a.review_due_date, Date(2026, 4, 7));
  // Paid every Monday from 7 April 2025: 52 in 2025-26 (the last on 30 March 2026).
  EXPECT_EQ(PaidIn(a, Year(2025)).count, 52);
  EXPECT_FALSE(ReviewOverdue(a, Date(2026, 4, 7)));
  EXPECT_TRUE(ReviewOverdue(a, Date(2026, 4, 8)));
  platform::Revision later = kBy;
  ASSERT_TRUE(ReviewAllowance(a, Date(2026, 4, 20), 12000, 12, later).ok());
  EXPECT_EQ(a.review_due_date, Date(2027, 4, 20));
  // Overdue on the days before the review was held, not after.
  EXPECT_TRUE(ReviewOverdue(a, Date(2026, 4, 19)));
  EXPECT_FALSE(ReviewOverdue(a, Date(2026, 4, 20)));
  EXPECT_EQ(AmountOn(a, Date(2026, 4, 19)), 10000);
  EXPECT_EQ(AmountOn(a, Date(2026, 4, 20)), 12000);
  // 2026-27: 6, 13 April at the old amount, then 50 at the new.
  EXPECT_EQ(PaidIn(a, Year(2026)).pence, 2 * 10000 + 50 * 12000);
  // A review before the last one is out of order.
  EXPECT_EQ(Violations(ReviewAllowance(a, Date(2026, 4, 19), std::nullopt, 12, later)),
            std::vector<std::string>{"ORDER review_date"});
}

TEST(AdoptionAllowance, NothingIsPaidWhileSuspendedOrAfterTheEnd) {
  AdoptionAllowance a = Agreed(Regular(Date(2025, 4, 1), PaymentFrequency::kFourWeekly, 50000));
  // Four-weekly from 1 April 2025: 29 April, 27 May, 24 June, 22 July, ...
  ASSERT_TRUE(SuspendAllowance(a, Date(2025, 5, 27), "Review overdue", kBy).ok());
  EXPECT_EQ(Violations(SuspendAllowance(a, Date(2025, 6, 1), "Again", kBy)), std::vector<std::string>{"STATE status"});
  EXPECT_EQ(Violations(ResumeAllowance(a, Date(2025, 5, 27), kBy)), std::vector<std::string>{"ORDER resumed_date"});
  ASSERT_TRUE(ResumeAllowance(a, Date(2025, 6, 24), kBy).ok());  // paid again that day
  EXPECT_EQ(PaidIn(a, {Date(2025, 4, 1), Date(2025, 7, 22)}).count, 4);  // 1 Apr, 29 Apr, 24 Jun, 22 Jul
  EXPECT_EQ(Fields(EndAllowance(a, Date(2025, 8, 31), "", kBy)), std::vector<std::string>{"reason"});
  EXPECT_EQ(Violations(EndAllowance(a, Date(2025, 3, 31), "Turned 18", kBy)),
            std::vector<std::string>{"ORDER end_date"});
  ASSERT_TRUE(EndAllowance(a, Date(2025, 8, 18), "The child turned 18", kBy).ok());
  EXPECT_EQ(a.status, AllowanceStatus::kEnded);
  EXPECT_EQ(PaidIn(a, Year(2025)).count, 4);  // 19 August is after the end
  EXPECT_FALSE(ReviewOverdue(a, Date(2026, 6, 1)));
  EXPECT_EQ(Violations(ResumeAllowance(a, Date(2025, 9, 1), kBy)), std::vector<std::string>{"STATE status"});
}

TEST(AdoptionAllowance, AOneOffPaymentIsPaidOnceAndHasNoReview) {
  AllowanceDetails d = Regular(Date(2025, 9, 1), PaymentFrequency::kOnce, 75000);
  d.kind = AllowanceKind::kSettlingIn;
  platform::Validation v;
  ValidateAllowanceDetails(d, kBy.today, "", v);
  EXPECT_TRUE(v.ok());
  AdoptionAllowance a = Agreed(d);
  EXPECT_EQ(a.status, AllowanceStatus::kEnded);
  EXPECT_FALSE(a.review_due_date.has_value());
  EXPECT_EQ(PaidIn(a, Year(2025)).pence, 75000);
  EXPECT_EQ(PaidIn(a, Year(2026)).count, 0);
  EXPECT_EQ(Violations(ReviewAllowance(a, Date(2025, 10, 1), std::nullopt, 12, kBy)),
            std::vector<std::string>{"STATE kind"});
  // A regular allowance is not paid ONCE, nor a one-off weekly.
  d.frequency = PaymentFrequency::kWeekly;
  platform::Validation weekly;
  ValidateAllowanceDetails(d, kBy.today, "", weekly);
  EXPECT_EQ(Fields(weekly.Status()), std::vector<std::string>{"frequency"});
}

TEST(AdoptionAllowance, EachAuthoritysYearIsPaidAgainstItsBudget) {
  std::vector<AdoptionAllowance> all = {
      Agreed(Regular(Date(2025, 4, 1), PaymentFrequency::kMonthly, 40000, "h-1")),
      Agreed(Regular(Date(2025, 10, 1), PaymentFrequency::kMonthly, 20000, "h-2")),
  };
  AllowanceDetails one_off = Regular(Date(2025, 6, 2), PaymentFrequency::kOnce, 50000, "h-2");
  one_off.kind = AllowanceKind::kSettlingIn;
  all.push_back(Agreed(one_off));
  AllowanceDetails bromley = Regular(Date(2024, 1, 10), PaymentFrequency::kMonthly, 30000, "");
  bromley.local_authority = "E09000006";
  all.push_back(Agreed(bromley));  // review due 10 January 2025, never held
  const std::vector<AllowanceBudget> budgets = {{"E08000018", "2025-26", 800000}, {"E08000018", "2026-27", 1}};
  const auto rows = MeasureAllowances(all, budgets, platform::FinancialYear{2025}, platform::FinancialYear{2025},
                                      Date(2026, 11, 30), {});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].local_authority, "E08000018");
  EXPECT_EQ(rows[0].regular_allowances_paid, 2);
  EXPECT_EQ(rows[0].one_off_payments, 1);
  EXPECT_EQ(rows[0].families_paid, 2);
  EXPECT_EQ(rows[0].paid_pence, 12 * 40000 + 6 * 20000 + 50000);  // £6,500
  EXPECT_EQ(rows[0].budget_pence, 800000);
  EXPECT_EQ(rows[0].percent_of_budget, 81.3);  // 6,500 / 8,000 = 81.25%, half up
  // The first allowance's review fell due on 1 April 2026, after the year's end.
  EXPECT_EQ(rows[0].reviews_overdue, 0);
  EXPECT_EQ(rows[1].local_authority, "E09000006");
  EXPECT_EQ(rows[1].families_paid, 1);  // no household: counted by its child
  EXPECT_FALSE(rows[1].budget_pence.has_value());
  EXPECT_FALSE(rows[1].percent_of_budget.has_value());
  EXPECT_EQ(rows[1].reviews_overdue, 1);
}

}  // namespace
}  // namespace support
