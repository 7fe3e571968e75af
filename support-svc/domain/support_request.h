#pragma once
// A request for adoption support and its triage (docs/domain.md §4): anyone affected by
// adoption asks (helpline, email, duty, referral, web); the request is triaged to
// information/advice, signposting, a support & advice call within the configured
// working days, or an assessment of need.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"
#include "platform/core/statutory.h"

namespace support {

// Names match the contract's enums (without their prefixes), in the same order.
enum class RequesterKind { kAdoptiveFamily, kAdoptedAdult, kBirthRelative, kSpecialGuardian, kOther };
enum class Channel { kHelpline, kEmail, kDuty, kReferral, kWeb, kOther };
enum class Triage { kInformationAdvice, kSignposting, kSupportCall, kAssessmentOfNeed };
enum class SupportRequestStatus { kOpen, kInProgress, kClosed };

// The person asking, when they give their name. Personal data.
struct Requester {
  std::string given_name;
  std::string family_name;
  std::optional<platform::Date> date_of_birth;
};

// What staff record when a request comes in, and may later correct or move on.
// The enums are optional because a request may leave them unset; the rules below
// say which are required.
struct SupportRequestDetails {
  std::optional<RequesterKind> requester_kind;
  std::optional<Requester> requester;
  std::optional<Channel> channel;
  platform::Date received_date;
  std::string summary;          // free text, may hold personal data: never logged
  std::string local_authority;  // ONS code, or empty when not known
  std::optional<Triage> triage;
  std::optional<platform::Date> support_call_date;  // the day the call took place
  // Unset only in a request (a create defaults it to OPEN); a recorded one always has it.
  std::optional<SupportRequestStatus> status;
  std::string outcome;  // how it was resolved; free text, never logged
  std::string household_id;  // the adoptive household asking; only for an adoptive family
};

struct SupportRequest {
  std::string id;
  SupportRequestDetails details;
  // Derived: received_date + the configured working days, for a support call.
  std::optional<platform::Date> support_call_due_date;
  // Derived: the day it was closed.
  std::optional<platform::Date> closed_date;
  long long version = 1;  // the etag
  long long created_at = 0, updated_at = 0;  // microseconds since the epoch
  std::string created_by, updated_by;
};

// The same request as recorded: every field but the bookkeeping (the id, version and
// stamps), for an import that finds it already recorded.
bool SameRequest(const SupportRequest& a, const SupportRequest& b);

// The statutory key for the support call timescale (APSE: within 5 working days).
inline constexpr char kSupportCallWorkingDays[] = "support_call_working_days";

// The numbers the support rules use, as in force on one day — the day a request was
// received, whose timescale is the one in force then — with the working-day
// calendar they count on (weekends and England & Wales bank holidays).
struct SupportRules {
  // Working days to a support & advice call; NOT_FOUND when no timescale was in
  // force that day, refused only where a support call needs it.
  absl::StatusOr<int> support_call_working_days;
  const platform::WorkingDayCalendar* calendar = nullptr;
  // The keys a deployment's table must have.
  static const std::vector<std::string>& Keys();
  static SupportRules On(const platform::StatutoryTable& table, const platform::WorkingDayCalendar& calendar,
                         platform::Date day);
};

// The day a support & advice call is due for a request received on `received`
// (`rules` being those in force then): that many working days after it (the day
// received does not count). NOT_FOUND when no timescale was in force;
// OUT_OF_RANGE beyond the bank holiday table.
absl::StatusOr<platform::Date> SupportCallDueDate(platform::Date received, const SupportRules& rules);

// Limits on free text, in characters (code points).
inline constexpr size_t kMaxSummaryLength = 4000;
inline constexpr size_t kMaxOutcomeLength = 2000;
inline constexpr size_t kMaxNameLength = 100;

// The rules a request's details must meet, checked whole; violations name fields
// under `prefix` ("support_request."). `today` bounds dates that cannot be in the
// future; `rules` are those in force on the details' received_date.
void ValidateDetails(const SupportRequestDetails& details, platform::Date today, const SupportRules& rules,
                     const std::string& prefix, platform::Validation& v);

// A request as received: OPEN unless the details say otherwise (a triaged request is
// IN_PROGRESS), with its derived dates. `details` must already be valid
// (ValidateDetails); errors are only those of SupportCallDueDate.
absl::StatusOr<SupportRequest> ReceiveSupportRequest(std::string id, SupportRequestDetails details,
                                                     const std::string& actor, long long now, platform::Date today,
                                                     const SupportRules& rules);

// Replaces `request`'s details with `revised` (a correction or a step on: triage,
// call held, closed), judged on revision.today under the `rules` in force on the
// revised received_date: INVALID_ARGUMENT naming every bad field (`v` may already
// hold violations of the request's shape); FAILED_PRECONDITION when the status
// cannot move that way (AllowedStatusChanges). On success the derived dates are
// recomputed and the change stamped.
absl::Status ReviseSupportRequest(SupportRequest& request, SupportRequestDetails revised, const SupportRules& rules,
                                  const platform::Revision& revision, const std::string& prefix,
                                  platform::Validation v);

// Working days the requester has waited (the waiting list's wait): from the day
// received to the support call, else to the close, else to `today`. OUT_OF_RANGE when
// a day is beyond the calendar's years.
absl::StatusOr<int> WorkingDaysWaiting(const SupportRequest& request, platform::Date today,
                                       const platform::WorkingDayCalendar& calendar);

// An imported closed request closes on the day the old system closed it, or, when it
// did not keep that day, the last day its history knows (the call, or the day
// received): INVALID_ARGUMENT (`field`) for a day before either or after `today`.
// Nothing to do for a request not closed.
absl::Status CloseOnRecordedDay(SupportRequest& request, const std::optional<platform::Date>& closed,
                                platform::Date today, const std::string& field);

// Status changes, as data: OPEN -> IN_PROGRESS (triaged) or CLOSED, IN_PROGRESS ->
// CLOSED, and CLOSED -> IN_PROGRESS (reopened). Staying put is always allowed.
using StatusChange = platform::StatusChange<SupportRequestStatus>;
const std::vector<StatusChange>& AllowedStatusChanges();
bool CanChangeStatus(SupportRequestStatus from, SupportRequestStatus to);

// Stable names ("SUPPORT_CALL", "IN_PROGRESS"): storage and events use these.
std::string RequesterKindName(RequesterKind k);
std::optional<RequesterKind> ParseRequesterKind(const std::string& name);
std::string ChannelName(Channel c);
std::optional<Channel> ParseChannel(const std::string& name);
std::string TriageName(Triage t);
std::optional<Triage> ParseTriage(const std::string& name);
std::string StatusName(SupportRequestStatus s);
std::optional<SupportRequestStatus> ParseStatus(const std::string& name);

}  // namespace support
