#pragma once
// A pause on new registrations of interest (docs/domain.md §1): agencies stop taking
// ROIs for a while — enquiries and information sessions go on — from a start date
// until an end date, or until a manager ends it.
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"

namespace recruitment {

struct RegistrationPauseDetails {
  platform::Date start_date;
  std::optional<platform::Date> end_date;  // its last day; none: until ended
  std::string reason;
};

struct RegistrationPause {
  std::string id;
  RegistrationPauseDetails details;
  long long version = 1;
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

// A reason of 1 to 500 characters; an end not before the start. Violations under `prefix`.
void ValidatePause(const RegistrationPauseDetails& details, const std::string& prefix, platform::Validation& v);

RegistrationPause PauseRegistrations(std::string id, RegistrationPauseDetails details, const std::string& actor,
                                     long long now);

// True when `pause` holds on `day`.
bool InForce(const RegistrationPause& pause, platform::Date day);

// Ends `pause` on `last_day` (its last paused day): FAILED_PRECONDITION when it has
// already ended before then; INVALID_ARGUMENT ("end_date") before its start.
absl::Status EndPause(RegistrationPause& pause, platform::Date last_day, const platform::Revision& revision);

// FAILED_PRECONDITION ("PAUSE registrationPauses/{id}") when `pause` holds on `day`:
// what an ROI received that day is refused with.
absl::Status RefusedByPause(const RegistrationPause& pause, platform::Date day);

}  // namespace recruitment
