#include "recruitment-svc/domain/information_session.h"

#include "absl/strings/str_cat.h"
#include "platform/core/enum_names.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "recruitment-svc/domain/household.h"

namespace recruitment {
namespace {
constexpr int kMaxCapacity = 500;
constexpr size_t kMaxVenueLength = 200;
}  // namespace

void ValidateSession(const InformationSessionDetails& d, const std::string& prefix, platform::Validation& v) {
  v.Check(d.capacity >= 1 && d.capacity <= kMaxCapacity, prefix + "capacity", "must be 1 to 500 places");
  v.Check(platform::CharacterCount(d.venue) <= kMaxVenueLength, prefix + "venue", "is at most 200 characters");
}

InformationSession ScheduleSession(std::string id, InformationSessionDetails details, const std::string& actor,
                                   long long now) {
  InformationSession s;
  s.id = std::move(id);
  s.details = std::move(details);
  s.created_at = s.updated_at = now;
  s.created_by = s.updated_by = actor;
  return s;
}

absl::StatusOr<SessionBooking> BookSession(Household& household, InformationSession& session,
                                           const std::optional<SessionBooking>& existing, platform::Date booked_on,
                                           const JourneyRules& rules, const platform::Revision& revision) {
  const std::string held = platform::FormatDate(session.details.session_date);
  if (existing) {
    return platform::FailedPrecondition(
        "the household is already booked on this session",
        {{"BOOKING", "information_session", absl::StrCat("booked on ", platform::FormatDate(existing->booked_on))}});
  }
  if (session.details.session_date < booked_on) {
    return platform::FailedPrecondition(
        "a session cannot be booked after it was held",
        {{"ORDER", "information_session", absl::StrCat("the session was held on ", held)}});
  }
  if (session.booked >= session.details.capacity) {
    return platform::FailedPrecondition(
        absl::StrCat("the session on ", held, " is full"),
        {{"CAPACITY", "information_session", absl::StrCat("all ", session.details.capacity, " places are booked")}});
  }
  Household next = household;
  RETURN_IF_ERROR(
      TakeStep(next, {JourneyEvent::kInfoSessionBooked, booked_on, ""}, StepOrigin::kRecruitment, rules, revision));
  household = std::move(next);
  ++session.booked;
  platform::Stamp(session, revision);
  return SessionBooking{.session_id = session.id,
                        .household_id = household.id,
                        .booked_on = booked_on,
                        .attended = false,
                        .recorded_at = revision.at,
                        .recorded_by = revision.actor};
}

absl::Status AttendSession(Household& household, InformationSession& session, std::optional<SessionBooking>& booking,
                           const JourneyRules& rules, const platform::Revision& revision) {
  if (!booking) {
    return platform::FailedPrecondition("the household has no booking on this session",
                                        {{"BOOKING", "information_session", "not booked"}});
  }
  if (booking->attended) {
    return platform::FailedPrecondition("the household's attendance is already recorded",
                                        {{"BOOKING", "information_session", "attended"}});
  }
  if (revision.today < session.details.session_date) {
    return platform::FailedPrecondition(
        "attendance is recorded once the session has been held",
        {{"ORDER", "information_session",
          absl::StrCat("the session is on ", platform::FormatDate(session.details.session_date))}});
  }
  RETURN_IF_ERROR(TakeStep(household, {JourneyEvent::kInfoSessionAttended, session.details.session_date, ""},
                           StepOrigin::kRecruitment, rules, revision));
  booking->attended = true;
  booking->recorded_at = revision.at;
  booking->recorded_by = revision.actor;
  ++session.attended;
  platform::Stamp(session, revision);
  return absl::OkStatus();
}

namespace {
constexpr const char* kModeNames[] = {"IN_PERSON", "ONLINE"};
}  // namespace

std::string SessionModeName(SessionMode m) { return kModeNames[static_cast<int>(m)]; }
std::optional<SessionMode> ParseSessionMode(const std::string& name) {
  return platform::EnumFromName<SessionMode>(kModeNames, name);
}

}  // namespace recruitment
