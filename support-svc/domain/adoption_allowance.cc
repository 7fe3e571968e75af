#include "support-svc/domain/adoption_allowance.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "platform/core/enum_names.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"
#include "platform/core/steps.h"
#include "platform/core/text.h"

namespace support {
namespace {

using platform::CharacterCount;
using platform::Date;
using platform::IsBlank;

bool OneOff(const AllowanceDetails& d) { return d.kind && *d.kind != AllowanceKind::kRegular; }

absl::Status Expect(const AdoptionAllowance& a, std::initializer_list<AllowanceStatus> from, const char* step) {
  std::string names;
  for (AllowanceStatus s : from) {
    if (a.status == s) return absl::OkStatus();
    absl::StrAppend(&names, names.empty() ? "" : " or ", AllowanceStatusName(s));
  }
  return platform::RefuseStep("an allowance", AllowanceStatusName(a.status), step, names);
}

absl::Status ExpectRegular(const AdoptionAllowance& a, const char* step) {
  if (!OneOff(a.details)) return absl::OkStatus();
  const std::string why = absl::StrCat("a one-off payment (", AllowanceKindName(*a.details.kind), ") cannot be ",
                                       step, ": only a regular allowance can");
  return platform::FailedPrecondition(why, {{"STATE", "kind", why}});
}

absl::Status CheckReason(const std::string& reason) {
  platform::Validation v;
  v.Check(!IsBlank(reason) && CharacterCount(reason) <= kMaxAllowanceReasonLength, "reason",
          "is required: why, in at most 500 characters");
  return v.Status();
}

// The last day payments may be made, if any.
std::optional<Date> LastDay(const AdoptionAllowance& a) { return a.details.end_date; }

bool Suspended(const AdoptionAllowance& a, Date day) {
  for (const AllowanceSuspension& s : a.suspensions) {
    if (s.suspended <= day && (!s.resumed || day < *s.resumed)) return true;
  }
  return false;
}

// The k-th payment day (k = 0: the start).
Date PaymentDay(const AllowanceDetails& d, long long k) {
  switch (*d.frequency) {
    case PaymentFrequency::kWeekly:
      return d.start_date + 7 * k;
    case PaymentFrequency::kFourWeekly:
      return d.start_date + 28 * k;
    case PaymentFrequency::kMonthly:
      return platform::AddMonths(d.start_date, static_cast<int>(k));
    case PaymentFrequency::kOnce:
      break;
  }
  return d.start_date;
}

}  // namespace

absl::StatusOr<int> ReviewMonthsOn(const platform::StatutoryTable& table, Date day) {
  absl::StatusOr<long long> months = table.ValueOn(kAllowanceReviewMonths, day);
  if (!months.ok()) {
    return absl::FailedPreconditionError(absl::StrCat("the allowance review period (", kAllowanceReviewMonths,
                                                      ") is not configured for ", platform::FormatDate(day)));
  }
  return static_cast<int>(*months);
}

void ValidateAllowanceDetails(const AllowanceDetails& d, Date today, const std::string& prefix,
                              platform::Validation& v) {
  v.Check(!IsBlank(d.child_reference) && CharacterCount(d.child_reference) <= kMaxChildReferenceLength,
          prefix + "child", "is required: children/{id}, or the agency's reference (at most 64 characters)");
  v.Check(platform::IsLocalAuthorityCode(d.local_authority), prefix + "local_authority",
          "is required: an ONS local authority code such as E09000006");
  v.Check(d.kind.has_value(), prefix + "kind", "is required: REGULAR, SETTLING_IN or ONE_OFF");
  v.Check(d.amount_pence > 0, prefix + "amount", "is required: a positive amount in GBP");
  if (v.Check(d.frequency.has_value(), prefix + "frequency", "is required: WEEKLY, FOUR_WEEKLY, MONTHLY or ONCE") &&
      d.kind) {
    v.Check(OneOff(d) == (*d.frequency == PaymentFrequency::kOnce), prefix + "frequency",
            OneOff(d) ? "a one-off payment is paid ONCE"
                      : "a regular allowance is paid WEEKLY, FOUR_WEEKLY or MONTHLY");
  }
  if (d.end_date) {
    v.Check(*d.end_date >= d.start_date, prefix + "end_date", "must not be before start_date");
  }
  if (d.last_review_date) {
    v.Check(!OneOff(d), prefix + "last_review_date", "is for a regular allowance");
    v.Check(*d.last_review_date >= d.start_date && *d.last_review_date <= today, prefix + "last_review_date",
            "must be between start_date and today");
  }
}

AdoptionAllowance AgreeAllowance(std::string id, AllowanceDetails details, int review_months, Date today,
                                 const std::string& actor, long long now) {
  AdoptionAllowance a;
  a.id = std::move(id);
  a.rates.push_back({details.start_date, details.amount_pence});
  if (OneOff(details)) {
    details.end_date = details.start_date;
    a.status = AllowanceStatus::kEnded;
  } else {
    a.first_review_due_date = platform::AddMonths(details.last_review_date.value_or(details.start_date), review_months);
    a.review_due_date = a.first_review_due_date;
    a.status = details.end_date && *details.end_date < today ? AllowanceStatus::kEnded : AllowanceStatus::kActive;
  }
  a.details = std::move(details);
  a.created_at = a.updated_at = now;
  a.created_by = a.updated_by = actor;
  return a;
}

absl::Status ReviewAllowance(AdoptionAllowance& a, Date day, std::optional<long long> new_pence, int review_months,
                             const platform::Revision& by) {
  platform::Validation v;
  v.Check(day <= by.today, "review_date", "must not be in the future");
  if (new_pence) v.Check(*new_pence > 0, "amount", "must be a positive amount in GBP");
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(ExpectRegular(a, "reviewed"));
  RETURN_IF_ERROR(Expect(a, {AllowanceStatus::kActive, AllowanceStatus::kSuspended}, "reviewed"));
  const std::optional<Date> last = a.reviews.empty() ? a.details.last_review_date.value_or(a.details.start_date)
                                                     : a.reviews.back().held;
  RETURN_IF_ERROR(platform::NotBefore(day, last, "review_date", a.reviews.empty() ? "start" : "last review"));
  const Date next = platform::AddMonths(day, review_months);
  a.reviews.push_back({day, next});
  a.review_due_date = next;
  if (new_pence && *new_pence != AmountOn(a, day)) {
    // A second change on one day replaces the first.
    if (a.rates.back().effective_date == day) a.rates.pop_back();
    a.rates.push_back({day, *new_pence});
  }
  platform::Stamp(a, by);
  return absl::OkStatus();
}

absl::Status SuspendAllowance(AdoptionAllowance& a, Date day, const std::string& reason,
                              const platform::Revision& by) {
  platform::Validation v;
  v.Check(day <= by.today, "suspended_date", "must not be in the future");
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(CheckReason(reason));
  RETURN_IF_ERROR(ExpectRegular(a, "suspended"));
  RETURN_IF_ERROR(Expect(a, {AllowanceStatus::kActive}, "suspended"));
  const std::optional<Date> after = a.suspensions.empty() ? a.details.start_date : a.suspensions.back().resumed;
  RETURN_IF_ERROR(platform::NotBefore(day, after, "suspended_date",
                                      a.suspensions.empty() ? "start" : "last resumption"));
  a.suspensions.push_back({day, std::nullopt, reason});
  a.status = AllowanceStatus::kSuspended;
  platform::Stamp(a, by);
  return absl::OkStatus();
}

absl::Status ResumeAllowance(AdoptionAllowance& a, Date day, const platform::Revision& by) {
  platform::Validation v;
  v.Check(day <= by.today, "resumed_date", "must not be in the future");
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(Expect(a, {AllowanceStatus::kSuspended}, "resumed"));
  AllowanceSuspension& s = a.suspensions.back();
  if (day <= s.suspended) {
    const std::string why = absl::StrCat("resumed_date ", platform::FormatDate(day),
                                         " must be after the suspension began on ", platform::FormatDate(s.suspended));
    return platform::FailedPrecondition(why, {{"ORDER", "resumed_date", why}});
  }
  s.resumed = day;
  a.status = AllowanceStatus::kActive;
  platform::Stamp(a, by);
  return absl::OkStatus();
}

absl::Status EndAllowance(AdoptionAllowance& a, Date last_day, const std::string& reason,
                          const platform::Revision& by) {
  RETURN_IF_ERROR(CheckReason(reason));
  RETURN_IF_ERROR(ExpectRegular(a, "ended"));
  RETURN_IF_ERROR(Expect(a, {AllowanceStatus::kActive, AllowanceStatus::kSuspended}, "ended"));
  RETURN_IF_ERROR(platform::NotBefore(last_day, a.details.start_date, "end_date", "start"));
  if (!a.suspensions.empty() && !a.suspensions.back().resumed) {
    // Suspended to the end: the suspension closes the day after the last day.
    RETURN_IF_ERROR(platform::NotBefore(last_day, a.suspensions.back().suspended, "end_date", "suspension"));
    a.suspensions.back().resumed = last_day + 1;
  }
  a.details.end_date = last_day;
  a.end_reason = reason;
  a.status = AllowanceStatus::kEnded;
  platform::Stamp(a, by);
  return absl::OkStatus();
}

long long AmountOn(const AdoptionAllowance& a, Date day) {
  long long pence = a.rates.empty() ? a.details.amount_pence : a.rates.front().pence;
  for (const AllowanceRate& r : a.rates) {
    if (r.effective_date <= day) pence = r.pence;
  }
  return pence;
}

bool ReviewOverdue(const AdoptionAllowance& a, Date day) {
  if (OneOff(a.details) || !a.first_review_due_date) return false;
  if (day < a.details.start_date || (a.details.end_date && *a.details.end_date < day)) return false;
  Date due = *a.first_review_due_date;
  for (const AllowanceReview& r : a.reviews) {
    if (r.held <= day) due = r.next_due;
  }
  return due < day;
}

Payments PaidIn(const AdoptionAllowance& a, platform::Period period) {
  Payments out;
  const AllowanceDetails& d = a.details;
  if (!d.frequency) return out;
  Date last = period.last;
  if (std::optional<Date> end = LastDay(a); end && *end < last) last = *end;
  auto pay = [&](Date day) {
    if (day < period.first || day > last || Suspended(a, day)) return;
    ++out.count;
    out.pence += AmountOn(a, day);
  };
  if (*d.frequency == PaymentFrequency::kOnce) {
    pay(d.start_date);
    return out;
  }
  // Skip the steps wholly before the period (a month is at most 31 days).
  const long long longest_step =
      *d.frequency == PaymentFrequency::kWeekly ? 7 : *d.frequency == PaymentFrequency::kFourWeekly ? 28 : 31;
  long long k = period.first > d.start_date ? (period.first - d.start_date) / longest_step : 0;
  for (Date day = PaymentDay(d, k); day <= last; day = PaymentDay(d, ++k)) pay(day);
  return out;
}

std::vector<AllowanceYearFigures> MeasureAllowances(const std::vector<AdoptionAllowance>& allowances,
                                                    const std::vector<AllowanceBudget>& budgets,
                                                    platform::FinancialYear first, platform::FinancialYear last,
                                                    Date today, platform::Precision precision) {
  std::vector<AllowanceYearFigures> out;
  for (platform::FinancialYear fy = first; fy.start_year <= last.start_year; ++fy.start_year) {
    const std::string label = fy.Label();
    const platform::Period year = platform::Period::Of(fy);
    const Date overdue_on = std::min(year.last, today);
    struct Tally {
      AllowanceYearFigures figures;
      std::set<std::string> families;
    };
    std::map<std::string, Tally> authorities;
    // What was paid: the year under way up to today, a year ahead nothing yet.
    const platform::Period paid_period{year.first, std::min(year.last, today)};
    for (const AdoptionAllowance& a : allowances) {
      const Payments paid = paid_period.first <= paid_period.last ? PaidIn(a, paid_period) : Payments{};
      const bool overdue = year.first <= today && ReviewOverdue(a, overdue_on);
      if (paid.count == 0 && !overdue) continue;
      Tally& t = authorities[a.details.local_authority];
      if (overdue) ++t.figures.reviews_overdue;
      if (paid.count == 0) continue;
      if (OneOff(a.details)) {
        t.figures.one_off_payments += paid.count;
      } else {
        ++t.figures.regular_allowances_paid;
      }
      t.families.insert(a.details.household_id.empty() ? "child " + a.details.child_reference
                                                        : a.details.household_id);
      t.figures.paid_pence += paid.pence;
    }
    for (const AllowanceBudget& b : budgets) {
      if (b.financial_year == label) authorities[b.local_authority].figures.budget_pence = b.pence;
    }
    for (auto& [la, t] : authorities) {
      AllowanceYearFigures& f = t.figures;
      f.financial_year = label;
      f.local_authority = la;
      f.families_paid = static_cast<int>(t.families.size());
      if (f.budget_pence && *f.budget_pence > 0) {
        f.percent_of_budget = platform::RoundFigure(100.0 * static_cast<double>(f.paid_pence) /
                                                        static_cast<double>(*f.budget_pence),
                                                    precision.decimals, precision.rounding);
      }
      out.push_back(f);
    }
  }
  return out;
}

namespace {
constexpr const char* kKindNames[] = {"REGULAR", "SETTLING_IN", "ONE_OFF"};
constexpr const char* kFrequencyNames[] = {"WEEKLY", "FOUR_WEEKLY", "MONTHLY", "ONCE"};
constexpr const char* kStatusNames[] = {"ACTIVE", "SUSPENDED", "ENDED"};
}  // namespace

std::string AllowanceKindName(AllowanceKind k) { return kKindNames[static_cast<int>(k)]; }
std::optional<AllowanceKind> ParseAllowanceKind(const std::string& name) {
  return platform::EnumFromName<AllowanceKind>(kKindNames, name);
}
std::string PaymentFrequencyName(PaymentFrequency f) { return kFrequencyNames[static_cast<int>(f)]; }
std::optional<PaymentFrequency> ParsePaymentFrequency(const std::string& name) {
  return platform::EnumFromName<PaymentFrequency>(kFrequencyNames, name);
}
std::string AllowanceStatusName(AllowanceStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<AllowanceStatus> ParseAllowanceStatus(const std::string& name) {
  return platform::EnumFromName<AllowanceStatus>(kStatusNames, name);
}

}  // namespace support
