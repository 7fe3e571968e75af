#include "platform/core/retention.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "platform/core/errors.h"

namespace platform {

namespace {

absl::Status KeptBecause(const std::string& why) {
  return FailedPrecondition(absl::StrCat("the record may not be disposed of: ", why), {{"RETENTION", "record", why}});
}

}  // namespace

absl::StatusOr<Date> RetainUntil(const StatutoryTable& table, const RetentionRule& rule, Date anchor) {
  absl::StatusOr<long long> years = table.ValueOn(rule.key, anchor);
  if (!years.ok()) return years.status();
  // CivilDay normalises 29 February of a common year to 1 March.
  return Date(anchor.year() + *years, anchor.month(), anchor.day());
}

absl::StatusOr<Retention> RetentionOf(const StatutoryTable& table, const RetentionRule& rule, Date anchor) {
  absl::StatusOr<long long> years = table.ValueOn(rule.key, anchor);
  if (!years.ok()) return years.status();
  absl::StatusOr<Date> until = RetainUntil(table, rule, anchor);
  if (!until.ok()) return until.status();
  return Retention{*until, absl::StrCat(*years, " years from ", rule.anchor, " of ", FormatDate(anchor), " (",
                                        rule.key, ")")};
}

absl::Status MayDispose(const std::optional<Date>& retain_until, bool legal_hold, Date today) {
  if (legal_hold) return KeptBecause("a legal hold stands on it");
  if (!retain_until) return KeptBecause("it has no retention date yet (what its years run from has not happened)");
  if (today < *retain_until) return KeptBecause(absl::StrCat("it is kept until ", FormatDate(*retain_until)));
  return absl::OkStatus();
}

}  // namespace platform
