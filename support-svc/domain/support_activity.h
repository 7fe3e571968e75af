#pragma once
// The support team's activity per local authority per month (docs/reports.md
// "Support"): requests received, those progressed to a support & advice call and the
// share called within the timescale, and assessments of need requested, started and
// completed, with the waits. Each figure is counted in the month its own day falls
// in. Pure.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/figures.h"
#include "support-svc/domain/assessment_of_need.h"
#include "support-svc/domain/support_request.h"

namespace support {

struct SupportActivityFigures {
  std::string local_authority;  // ONS code; empty on the total row and for unrecorded authorities
  std::string month;            // "2021-03"; empty on a whole-period row
  int requests = 0;
  int support_calls = 0;  // of the requests, those whose call took place
  platform::Share calls_within_timescale;  // of the calls, held by their due date
  std::optional<double> mean_working_days_to_call;
  int assessments_requested = 0, assessments_started = 0, assessments_completed = 0;
  std::optional<double> mean_days_waiting_for_assessment;  // over those started
};

struct SupportActivity {
  std::vector<SupportActivityFigures> months;            // by authority, then month
  std::vector<SupportActivityFigures> local_authorities;  // the period, by authority
  SupportActivityFigures total;
};

// The activity of `requests` and `assessments` in `period`. OUT_OF_RANGE when a
// call's working days cannot be counted (a date beyond the calendar's years).
absl::StatusOr<SupportActivity> MeasureSupportActivity(const std::vector<SupportRequest>& requests,
                                                       const std::vector<AssessmentOfNeed>& assessments,
                                                       platform::Period period,
                                                       const platform::WorkingDayCalendar& calendar,
                                                       platform::Precision precision);

}  // namespace support
