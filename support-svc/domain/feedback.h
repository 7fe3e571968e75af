#pragma once
// Complaints and compliments about the agency's adoption support (docs/domain.md §4). A
// complaint moves through the statutory stages of the Children Act 1989 Representations
// Procedure (England) Regulations 2006 — local resolution, investigation, review panel —
// each with its response due a dated number of working days after it opens; each stage
// is answered with an outcome, and the complainant may take it to the next. A
// compliment is recorded and closed. Pure.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"
#include "platform/core/statutory.h"
#include "support-svc/domain/support_request.h"

namespace support {

// Names match the contract's enums (without their prefixes), in the same order.
enum class FeedbackKind { kComplaint, kCompliment };
enum class ComplaintStage { kLocalResolution, kInvestigation, kReviewPanel };
enum class FeedbackStatus { kOpen, kResponded, kClosed };
enum class ComplaintOutcome { kUpheld, kPartlyUpheld, kNotUpheld };

// One stage of a complaint: opened on a day, its response due, answered.
struct ComplaintStageRecord {
  ComplaintStage stage = ComplaintStage::kLocalResolution;
  platform::Date opened, due;
  std::optional<platform::Date> responded;
  std::optional<ComplaintOutcome> outcome;
  std::string response;  // the response in short; free text, never logged
  bool operator==(const ComplaintStageRecord&) const = default;
};

struct FeedbackDetails {
  std::optional<FeedbackKind> kind;
  std::optional<RequesterKind> from;  // who it is from
  platform::Date received_date;
  std::string summary;          // free text, never logged
  std::string local_authority;  // ONS code, or empty when not known
};

struct Feedback {
  std::string id;
  FeedbackDetails details;
  FeedbackStatus status = FeedbackStatus::kOpen;
  std::vector<ComplaintStageRecord> stages;  // a complaint's, in order
  std::optional<platform::Date> closed_date;
  long long version = 1;
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

// The working days to each stage's response, as in force on one day.
struct ComplaintRules {
  int local_resolution_days = 0;  // complaint_stage_one_working_days
  int investigation_days = 0;     // complaint_stage_two_working_days
  int review_panel_days = 0;      // complaint_review_panel_working_days
  const platform::WorkingDayCalendar* calendar = nullptr;
  static const std::vector<std::string>& Keys();
  // FAILED_PRECONDITION naming the key when one is not in force on `day`.
  static absl::StatusOr<ComplaintRules> On(const platform::StatutoryTable& table,
                                           const platform::WorkingDayCalendar& calendar, platform::Date day);
  int DaysFor(ComplaintStage stage) const;
};

inline constexpr size_t kMaxFeedbackSummaryLength = 4000;
inline constexpr size_t kMaxComplaintResponseLength = 2000;

// The rules new feedback must meet, checked whole; violations under `prefix`
// ("feedback."): the kind, who it is from, a receipt not in the future, a summary, the
// authority.
void ValidateFeedbackDetails(const FeedbackDetails& d, platform::Date today, const std::string& prefix,
                             platform::Validation& v);

// New feedback: a complaint OPEN at local resolution, its response due by `rules`
// (those in force on the day received); a compliment CLOSED on the day received.
// OUT_OF_RANGE beyond the calendar's years.
absl::StatusOr<Feedback> ReceiveFeedback(std::string id, FeedbackDetails details, const ComplaintRules& rules,
                                         const std::string& actor, long long now);

// The verbs, for complaints (STATE kind for a compliment). Each refuses (STATE status)
// a complaint not where the step starts and (ORDER <field>) a day before the step it
// follows; a day in the future, a missing outcome or response is INVALID_ARGUMENT.
// OPEN -> RESPONDED at the current stage.
absl::Status RespondToComplaint(Feedback& f, platform::Date day, std::optional<ComplaintOutcome> outcome,
                                const std::string& response, const platform::Revision& by);
// RESPONDED (or OPEN past its due day: no response in time) -> OPEN at the next stage,
// its response due by `rules` (those in force on `day`); none after the review panel.
absl::Status EscalateComplaint(Feedback& f, platform::Date day, const ComplaintRules& rules,
                               const platform::Revision& by);
// Any feedback not closed -> CLOSED (a complaint resolved or withdrawn).
absl::Status CloseFeedback(Feedback& f, platform::Date day, const platform::Revision& by);

// An open complaint whose current stage's response was due before `today`.
bool ResponseOverdue(const Feedback& f, platform::Date today);

std::string FeedbackKindName(FeedbackKind k);
std::optional<FeedbackKind> ParseFeedbackKind(const std::string& name);
std::string ComplaintStageName(ComplaintStage s);
std::optional<ComplaintStage> ParseComplaintStage(const std::string& name);
std::string FeedbackStatusName(FeedbackStatus s);
std::optional<FeedbackStatus> ParseFeedbackStatus(const std::string& name);
std::string ComplaintOutcomeName(ComplaintOutcome o);
std::optional<ComplaintOutcome> ParseComplaintOutcome(const std::string& name);

}  // namespace support
