#pragma once
// The checks every verb of a record's life makes before it moves the record on a
// day: the record is where the step starts, the day is not in the future, and it is
// not before the step it follows. Refusals are FAILED_PRECONDITION with a
// PreconditionFailure (STATE status / ORDER <field>); a future day is INVALID_ARGUMENT
// on its field, a bad input rather than a bad moment.
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"

namespace platform {

// `what` ("an application", "an assessment") at `at` cannot take `step` ("submitted",
// "started"); it must be at one of `from` (names as stored: "DRAFT").
inline absl::Status RefuseStep(absl::string_view what, absl::string_view at, absl::string_view step,
                               absl::string_view from) {
  const std::string why = absl::StrCat(what, " ", at, " cannot be ", step, "; it must be ", from);
  return FailedPrecondition(why, {{"STATE", "status", why}});
}

// `day` (the request's `field`) must not be after the revision's today.
inline absl::Status NotFuture(Date day, const Revision& by, absl::string_view field) {
  Validation v;
  v.Check(day <= by.today, field, "must not be in the future");
  return v.Status();
}

// `day` (`field`) must not be before `earlier`, the day of the step it follows
// (`earlier_name`: "submission"); nothing to check when that step has no day.
inline absl::Status NotBefore(Date day, const std::optional<Date>& earlier, absl::string_view field,
                              absl::string_view earlier_name) {
  if (!earlier || day >= *earlier) return absl::OkStatus();
  const std::string why = absl::StrCat(field, " ", FormatDate(day), " is before the ", earlier_name, " on ",
                                       FormatDate(*earlier));
  return FailedPrecondition(why, {{"ORDER", std::string(field), why}});
}

}  // namespace platform
