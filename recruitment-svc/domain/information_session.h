#pragma once
// Information sessions for people considering adoption (docs/domain.md §1): a date, a
// capacity, in person or online, and the households booked on each. A booking is the
// household's INFO_SESSION_BOOKED step; attending is its INFO_SESSION_ATTENDED step.
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"
#include "recruitment-svc/domain/journey.h"

namespace recruitment {

struct Household;

// Names match the contract's SessionMode.
enum class SessionMode { kInPerson, kOnline };

struct InformationSessionDetails {
  platform::Date session_date;
  int capacity = 0;
  SessionMode mode = SessionMode::kInPerson;
  std::string venue;  // a short description, no personal data
};

struct InformationSession {
  std::string id;
  InformationSessionDetails details;
  int booked = 0, attended = 0;  // households booked on it, and those that came
  long long version = 1;         // the etag
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

// A household's place on a session.
struct SessionBooking {
  std::string session_id, household_id;
  platform::Date booked_on;
  bool attended = false;
  long long recorded_at = 0;
  std::string recorded_by;
};

// A session's rules: a capacity of 1 to 500, a venue of at most 200 characters.
// Violations under `prefix` ("information_session.").
void ValidateSession(const InformationSessionDetails& details, const std::string& prefix, platform::Validation& v);

InformationSession ScheduleSession(std::string id, InformationSessionDetails details, const std::string& actor,
                                   long long now);

// Books `household` on `session` on `booked_on`: FAILED_PRECONDITION when the session
// is full ("CAPACITY information_session"), was held before the booking ("ORDER
// information_session"), already holds the household's booking, or the household's
// journey does not allow the step. On success both are changed and stamped and the
// booking is returned.
absl::StatusOr<SessionBooking> BookSession(Household& household, InformationSession& session,
                                           const std::optional<SessionBooking>& existing, platform::Date booked_on,
                                           const JourneyRules& rules, const platform::Revision& revision);

// Records that `household` attended `session`, on the session's date: FAILED_PRECONDITION
// when it holds no booking there ("BOOKING information_session"), already attended, or
// the session is still to come.
absl::Status AttendSession(Household& household, InformationSession& session, std::optional<SessionBooking>& booking,
                           const JourneyRules& rules, const platform::Revision& revision);

std::string SessionModeName(SessionMode m);
std::optional<SessionMode> ParseSessionMode(const std::string& name);

}  // namespace recruitment
