#include "support-svc/domain/support_activity.h"

#include <map>
#include <utility>

#include "absl/strings/str_format.h"
#include "platform/core/status_macros.h"

namespace support {
namespace {

std::string MonthOf(platform::Date d) { return absl::StrFormat("%04d-%02d", d.year(), d.month()); }

// Raw counts and sums, turned into figures once everything is counted.
struct Tally {
  int requests = 0, calls = 0, calls_within = 0;
  long long working_days_to_call = 0;
  int requested = 0, started = 0, completed = 0;
  long long days_waiting = 0;

  void Add(const Tally& t) {
    requests += t.requests;
    calls += t.calls;
    calls_within += t.calls_within;
    working_days_to_call += t.working_days_to_call;
    requested += t.requested;
    started += t.started;
    completed += t.completed;
    days_waiting += t.days_waiting;
  }
  SupportActivityFigures Figures(std::string la, std::string month, platform::Precision p) const {
    SupportActivityFigures f;
    f.local_authority = std::move(la);
    f.month = std::move(month);
    f.requests = requests;
    f.support_calls = calls;
    f.calls_within_timescale = platform::ShareOf(calls_within, calls, p);
    f.mean_working_days_to_call = platform::Mean(working_days_to_call, calls, p.decimals, p.rounding);
    f.assessments_requested = requested;
    f.assessments_started = started;
    f.assessments_completed = completed;
    f.mean_days_waiting_for_assessment = platform::Mean(days_waiting, started, p.decimals, p.rounding);
    return f;
  }
};

}  // namespace

absl::StatusOr<SupportActivity> MeasureSupportActivity(const std::vector<SupportRequest>& requests,
                                                       const std::vector<AssessmentOfNeed>& assessments,
                                                       platform::Period period,
                                                       const platform::WorkingDayCalendar& calendar,
                                                       platform::Precision precision) {
  std::map<std::pair<std::string, std::string>, Tally> months;  // (authority, month)
  for (const SupportRequest& r : requests) {
    const platform::Date received = r.details.received_date;
    if (!period.Contains(received)) continue;
    Tally& t = months[{r.details.local_authority, MonthOf(received)}];
    ++t.requests;
    const std::optional<platform::Date>& call = r.details.support_call_date;
    if (!call) continue;
    ++t.calls;
    if (r.support_call_due_date && *call <= *r.support_call_due_date) ++t.calls_within;
    ASSIGN_OR_RETURN(int days, calendar.WorkingDaysBetween(received, *call));
    t.working_days_to_call += days;
  }
  for (const AssessmentOfNeed& a : assessments) {
    const std::string& la = a.details.local_authority;
    if (period.Contains(a.details.requested_date)) ++months[{la, MonthOf(a.details.requested_date)}].requested;
    if (a.details.start_date && period.Contains(*a.details.start_date)) {
      Tally& t = months[{la, MonthOf(*a.details.start_date)}];
      ++t.started;
      t.days_waiting += DaysWaiting(a, *a.details.start_date);
    }
    if (a.status == AssessmentStatus::kCompleted && a.completed_date && period.Contains(*a.completed_date)) {
      ++months[{la, MonthOf(*a.completed_date)}].completed;
    }
  }
  SupportActivity out;
  std::map<std::string, Tally> authorities;
  Tally total;
  for (const auto& [key, t] : months) {
    out.months.push_back(t.Figures(key.first, key.second, precision));
    authorities[key.first].Add(t);
    total.Add(t);
  }
  for (const auto& [la, t] : authorities) out.local_authorities.push_back(t.Figures(la, "", precision));
  out.total = total.Figures("", "", precision);
  return out;
}

}  // namespace support
