#pragma once
// How long a record is kept (docs/records.md). Each kind of record has a rule: a dated
// number of years in config/statutory.tsv, run from the record's anchor date — the
// adoption order for an adopted person's case record (section 56 information), the
// last entry for an adoption support record, the day an enquiry or an assessment
// closed for the agency's own policy. The date is recomputed whenever it is read, so
// it follows its anchor (an adoption order recorded, a later entry). Disposal is a
// manager's decision, never before that date and never while a legal hold stands.
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/statutory.h"

namespace platform {

struct RetentionRule {
  std::string key;     // the years, in statutory.tsv: "retention_adoption_case_record_years"
  std::string anchor;  // what they run from, as a person says it: "the adoption order"
};

// The statutory.tsv keys of the rules (a service that applies one requires its key).
inline constexpr char kAdoptionCaseRecordYears[] = "retention_adoption_case_record_years";
inline constexpr char kAdoptionSupportRecordYears[] = "retention_adoption_support_record_years";
inline constexpr char kEnquiryRecordYears[] = "retention_enquiry_record_years";
inline constexpr char kNotApprovedRecordYears[] = "retention_not_approved_record_years";
inline constexpr char kFeedbackRecordYears[] = "retention_feedback_record_years";

// The first day the record may be disposed of: `anchor` plus the rule's years, the
// number in force on the anchor day (29 February's anniversary in a common year is
// 1 March: never a day early). NOT_FOUND when the table has no such rule in force.
absl::StatusOr<Date> RetainUntil(const StatutoryTable& table, const RetentionRule& rule, Date anchor);

// When a record may be disposed of, and why: a rule applied to its anchor.
struct Retention {
  Date retain_until;
  // As a person reads it: "100 years from the adoption order of 2019-03-04
  // (retention_adoption_case_record_years)".
  std::string basis;
};

// RetainUntil, with its basis.
absl::StatusOr<Retention> RetentionOf(const StatutoryTable& table, const RetentionRule& rule, Date anchor);

// Whether a record kept until `retain_until` may be disposed of on `today`: OK, or
// FAILED_PRECONDITION naming why not — its anchor has not happened (no date: it is
// kept), its date has not come, or a legal hold stands.
absl::Status MayDispose(const std::optional<Date>& retain_until, bool legal_hold, Date today);

}  // namespace platform
