#include "recruitment-svc/domain/registration_pause.h"

#include "absl/strings/str_cat.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"

namespace recruitment {
namespace {
constexpr size_t kMaxReasonLength = 500;
}  // namespace

void ValidatePause(const RegistrationPauseDetails& d, const std::string& prefix, platform::Validation& v) {
  v.Check(!d.reason.empty() && platform::CharacterCount(d.reason) <= kMaxReasonLength, prefix + "reason",
          "is required (at most 500 characters)");
  if (d.end_date) v.Check(d.start_date <= *d.end_date, prefix + "end_date", "must not be before start_date");
}

RegistrationPause PauseRegistrations(std::string id, RegistrationPauseDetails details, const std::string& actor,
                                     long long now) {
  RegistrationPause p;
  p.id = std::move(id);
  p.details = std::move(details);
  p.created_at = p.updated_at = now;
  p.created_by = p.updated_by = actor;
  return p;
}

bool InForce(const RegistrationPause& pause, platform::Date day) {
  return pause.details.start_date <= day && (!pause.details.end_date || day <= *pause.details.end_date);
}

absl::Status EndPause(RegistrationPause& pause, platform::Date last_day, const platform::Revision& revision) {
  platform::Validation v;
  v.Check(pause.details.start_date <= last_day, "end_date",
          absl::StrCat("must not be before the pause's start, ", platform::FormatDate(pause.details.start_date)));
  RETURN_IF_ERROR(v.Status());
  if (pause.details.end_date && *pause.details.end_date < last_day) {
    return platform::FailedPrecondition(
        "the pause has already ended",
        {{"STATE", "end_date", absl::StrCat("it ended on ", platform::FormatDate(*pause.details.end_date))}});
  }
  pause.details.end_date = last_day;
  platform::Stamp(pause, revision);
  return absl::OkStatus();
}

absl::Status RefusedByPause(const RegistrationPause& pause, platform::Date day) {
  if (!InForce(pause, day)) return absl::OkStatus();
  const std::string until =
      pause.details.end_date ? absl::StrCat(" until ", platform::FormatDate(*pause.details.end_date)) : "";
  return platform::FailedPrecondition(
      absl::StrCat("new registrations of interest are paused on ", platform::FormatDate(day)),
      {{"PAUSE", absl::StrCat("registrationPauses/", pause.id),
        absl::StrCat("paused from ", platform::FormatDate(pause.details.start_date), until, ": ",
                     pause.details.reason)}});
}

}  // namespace recruitment
