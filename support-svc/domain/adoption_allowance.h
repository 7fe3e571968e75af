#pragma once
// Adoption allowances (docs/domain.md §4): financial support paid to an adoptive family
// for a child — a regular, means-tested allowance paid weekly, four-weekly or monthly and
// reviewed annually (`allowance_review_months`), or a one-off payment (settling-in and
// others) paid once. Each step is a verb: a review (with the new means-tested amount from
// its day), a suspension and its resumption, the end. What was paid in a period follows
// from the payment days, the amount in force on each and the suspensions. Pure.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/figures.h"
#include "platform/core/revision.h"
#include "platform/core/statutory.h"

namespace support {

// Names match the contract's enums (without their prefixes), in the same order.
enum class AllowanceKind { kRegular, kSettlingIn, kOneOff };
enum class PaymentFrequency { kWeekly, kFourWeekly, kMonthly, kOnce };
enum class AllowanceStatus { kActive, kSuspended, kEnded };

// An amount per payment from a day.
struct AllowanceRate {
  platform::Date effective_date;
  long long pence = 0;
  bool operator==(const AllowanceRate&) const = default;
};

// Payments stopped from `suspended` (the first day not paid) until `resumed` (paid
// again from it; unset while suspended).
struct AllowanceSuspension {
  platform::Date suspended;
  std::optional<platform::Date> resumed;
  std::string reason;
  bool operator==(const AllowanceSuspension&) const = default;
};

// What staff record when an allowance is agreed. The enums are optional because a
// request may leave them unset; ValidateAllowanceDetails requires them.
struct AllowanceDetails {
  std::string household_id;     // the adoptive household; may be empty
  std::string child_reference;  // "children/{id}" or the agency's reference
  std::string local_authority;  // ONS code of the paying authority
  std::optional<AllowanceKind> kind;
  long long amount_pence = 0;  // per payment, the first
  std::optional<PaymentFrequency> frequency;
  bool means_tested = false;
  platform::Date start_date;  // the first payment (a one-off's only)
  std::optional<platform::Date> end_date;
  std::optional<platform::Date> last_review_date;  // a review before it was recorded here
};

// An annual review held, and the next it set.
struct AllowanceReview {
  platform::Date held, next_due;
  bool operator==(const AllowanceReview&) const = default;
};

struct AdoptionAllowance {
  std::string id;
  AllowanceDetails details;
  AllowanceStatus status = AllowanceStatus::kActive;
  std::vector<AllowanceRate> rates;  // earliest first; the first from start_date
  std::vector<AllowanceSuspension> suspensions;  // earliest first
  // Regular allowances only: the review due when it was agreed, the reviews held
  // since, and so the review due now.
  std::optional<platform::Date> first_review_due_date;
  std::vector<AllowanceReview> reviews;
  std::optional<platform::Date> review_due_date;
  std::string end_reason;
  long long version = 1;
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

// The statutory key for the annual review of financial support (Adoption Support
// Services Regulations 2005: financial support is reviewed annually).
inline constexpr char kAllowanceReviewMonths[] = "allowance_review_months";
inline constexpr size_t kMaxAllowanceReasonLength = 500;
inline constexpr size_t kMaxChildReferenceLength = 64;

// The review period in force on `day`; FAILED_PRECONDITION when none is configured.
absl::StatusOr<int> ReviewMonthsOn(const platform::StatutoryTable& table, platform::Date day);

// The rules a new allowance's details must meet, checked whole; violations name
// fields under `prefix` ("adoption_allowance."): the child's reference, the
// authority, the kind with its frequency (a one-off is paid ONCE, a regular allowance
// never), a positive amount, an end not before the start, a last review between the
// start and `today`.
void ValidateAllowanceDetails(const AllowanceDetails& d, platform::Date today, const std::string& prefix,
                              platform::Validation& v);

// A new allowance: a regular one ACTIVE (ENDED when its end date has passed), its
// review due `review_months` after the last review or the start; a one-off ENDED,
// paid on its start date. `details` must already be valid.
AdoptionAllowance AgreeAllowance(std::string id, AllowanceDetails details, int review_months, platform::Date today,
                                 const std::string& actor, long long now);

// The verbs. Each refuses, FAILED_PRECONDITION (STATE status or STATE kind), an
// allowance not where the step starts, and (ORDER <field>) a day before the step it
// follows; a day in the future or a bad amount or reason is INVALID_ARGUMENT.
absl::Status ReviewAllowance(AdoptionAllowance& a, platform::Date day, std::optional<long long> new_pence,
                             int review_months, const platform::Revision& by);
absl::Status SuspendAllowance(AdoptionAllowance& a, platform::Date day, const std::string& reason,
                              const platform::Revision& by);
absl::Status ResumeAllowance(AdoptionAllowance& a, platform::Date day, const platform::Revision& by);
// `last_day` may be ahead (an allowance agreed to end at 18); the allowance is ENDED
// now and pays nothing after it.
absl::Status EndAllowance(AdoptionAllowance& a, platform::Date last_day, const std::string& reason,
                          const platform::Revision& by);

// The amount per payment in force on `day` (the first rate before its start).
long long AmountOn(const AdoptionAllowance& a, platform::Date day);
// A regular allowance running on `day` (started, not ended before it) whose review
// due then — by the reviews held by that day — was before it.
bool ReviewOverdue(const AdoptionAllowance& a, platform::Date day);

// The payments made in `period`: the payment days (the start, then every week, four
// weeks or calendar month after it; a one-off's start alone) up to the end, none while
// suspended, each of the amount in force that day.
struct Payments {
  int count = 0;
  long long pence = 0;
};
Payments PaidIn(const AdoptionAllowance& a, platform::Period period);

// One authority's allowances in one financial year (docs/reports.md "Support").
struct AllowanceYearFigures {
  std::string financial_year, local_authority;
  int regular_allowances_paid = 0, one_off_payments = 0, families_paid = 0;
  long long paid_pence = 0;
  std::optional<long long> budget_pence;
  std::optional<double> percent_of_budget;
  int reviews_overdue = 0;
};
// A budget set for an authority's year.
struct AllowanceBudget {
  std::string local_authority, financial_year;
  long long pence = 0;
};
// For each financial year from `first` to `last` and each authority with a payment
// or a budget: the figures, by year then authority. What was paid, and the reviews
// overdue, are counted to the year's end, or to `today` for the year under way.
std::vector<AllowanceYearFigures> MeasureAllowances(const std::vector<AdoptionAllowance>& allowances,
                                                    const std::vector<AllowanceBudget>& budgets,
                                                    platform::FinancialYear first, platform::FinancialYear last,
                                                    platform::Date today, platform::Precision precision);

std::string AllowanceKindName(AllowanceKind k);
std::optional<AllowanceKind> ParseAllowanceKind(const std::string& name);
std::string PaymentFrequencyName(PaymentFrequency f);
std::optional<PaymentFrequency> ParsePaymentFrequency(const std::string& name);
std::string AllowanceStatusName(AllowanceStatus s);
std::optional<AllowanceStatus> ParseAllowanceStatus(const std::string& name);

}  // namespace support
