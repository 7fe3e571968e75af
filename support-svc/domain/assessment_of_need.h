#pragma once
// Assessments of need for adoption support (docs/domain.md §4): a time-limited piece of
// social work, requested (the family waits), started, and completed with an outcome —
// where support is needed, a support plan of goals and services with a review date —
// or closed before completion with a reason. Each step is a verb; a completed plan is
// reviewed and revised at its review dates. Pure.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"

namespace support {

// Names match the contract's enums (without their prefixes), in the same order.
enum class AssessmentStatus { kWaiting, kInProgress, kCompleted, kClosed };
enum class AssessmentOutcome { kSupportPlan, kNoSupportNeeded, kReferredElsewhere };
enum class SupportServiceKind {
  kTherapy, kParentingProgramme, kSocialWork, kPeerSupport, kEducation,
  kFinancial, kShortBreaks, kContact, kCounselling, kOther,
};
enum class FundingSource { kLocalAuthority, kAdoptionSupportFund, kHealth, kEducation, kNone, kOther };

// One service in a support plan. The enums are optional because a request may leave
// them unset; ValidatePlan requires them.
struct PlannedService {
  std::optional<SupportServiceKind> kind;
  std::string provider;
  std::string frequency;  // in words: "weekly for 12 weeks"
  std::optional<FundingSource> funding_source;

  bool operator==(const PlannedService&) const = default;
};

struct SupportPlan {
  std::vector<std::string> goals;
  std::vector<PlannedService> services;
  std::optional<platform::Date> review_date;         // the next review
  std::optional<platform::Date> last_reviewed_date;  // set by ReviewSupportPlan

  bool operator==(const SupportPlan&) const = default;
};

// What staff record when an assessment is requested (or found already under way).
struct AssessmentDetails {
  std::string support_request_id;  // the request triaged to it; empty when it arose otherwise
  std::string local_authority;     // ONS code
  platform::Date requested_date;   // the start of the wait
  std::optional<platform::Date> start_date;
  std::optional<platform::Date> target_date;  // due to be completed
  std::string social_worker;                  // display name
  std::string needs;                          // free text, never logged
  std::string support_plan_summary;           // the plan in words; free text, never logged
  std::string household_id;                   // the adoptive household assessed, when it is one

  bool operator==(const AssessmentDetails&) const = default;
};

struct AssessmentOfNeed {
  std::string id;
  AssessmentDetails details;
  AssessmentStatus status = AssessmentStatus::kWaiting;
  std::optional<platform::Date> completed_date;  // the day completed or closed
  std::optional<AssessmentOutcome> outcome;
  std::optional<SupportPlan> plan;
  std::string close_reason;
  long long version = 1;  // the etag
  long long created_at = 0, updated_at = 0;  // microseconds since the epoch
  std::string created_by, updated_by;
};

// The same assessment as recorded: every field but the bookkeeping (the id, version
// and stamps), for an import that finds it already recorded.
bool SameAssessment(const AssessmentOfNeed& a, const AssessmentOfNeed& b);

// Limits on free text, in characters (code points), and on a plan's size.
inline constexpr size_t kMaxNeedsLength = 4000;
inline constexpr size_t kMaxPlanSummaryLength = 4000;
inline constexpr size_t kMaxSocialWorkerLength = 100;
inline constexpr size_t kMaxGoalLength = 500;
inline constexpr size_t kMaxPlanGoals = 20;
inline constexpr size_t kMaxPlanServices = 30;
inline constexpr size_t kMaxProviderLength = 200;
inline constexpr size_t kMaxFrequencyLength = 200;
inline constexpr size_t kMaxCloseReasonLength = 500;

// The rules a new assessment's details must meet, checked whole; violations name
// fields under `prefix` ("assessment_of_need."). `today` bounds the dates.
void ValidateAssessmentDetails(const AssessmentDetails& d, platform::Date today, const std::string& prefix,
                               platform::Validation& v);
// A plan agreed or reviewed on `agreed`: 1 to 20 goals and 1 to 30 services, each
// complete, and a review date after `agreed`; violations under `prefix` ("plan.").
void ValidatePlan(const SupportPlan& plan, platform::Date agreed, const std::string& prefix, platform::Validation& v);

// A new assessment: WAITING, or IN_PROGRESS when it has a start date. `details` must
// already be valid (ValidateAssessmentDetails).
AssessmentOfNeed RecordAssessmentOfNeed(std::string id, AssessmentDetails details, const std::string& actor,
                                        long long now);

// What completing an assessment records.
struct AssessmentCompletion {
  platform::Date day;
  std::optional<AssessmentOutcome> outcome;
  std::string needs;                  // replaces the recorded needs when not empty
  std::optional<SupportPlan> plan;    // for SUPPORT_PLAN: this or the summary
  std::string support_plan_summary;   // replaces the recorded summary when not empty
};

// The verbs. Each refuses, FAILED_PRECONDITION (STATE status), an assessment not
// where the step starts, and (ORDER <field>) a day before the step it follows; a day
// in the future or a bad plan is INVALID_ARGUMENT on its field.
absl::Status StartAssessment(AssessmentOfNeed& a, platform::Date day, const std::string& social_worker,
                             const std::optional<platform::Date>& target_date, const platform::Revision& by);
absl::Status CompleteAssessment(AssessmentOfNeed& a, AssessmentCompletion completion, const platform::Revision& by);
absl::Status CloseAssessment(AssessmentOfNeed& a, platform::Date day, const std::string& reason,
                             const platform::Revision& by);
// A review held on `day` of a completed assessment's plan (SUPPORT_PLAN outcome):
// `plan` is the plan as the review left it, its review date the next review.
absl::Status ReviewSupportPlan(AssessmentOfNeed& a, platform::Date day, SupportPlan plan,
                               const platform::Revision& by);

// Days the family waited for the assessment to start: requested to started, or to
// the day it closed unstarted, or to `today` while it waits.
int DaysWaiting(const AssessmentOfNeed& a, platform::Date today);
// A completed assessment's plan whose review date has come by `today`.
bool ReviewDue(const AssessmentOfNeed& a, platform::Date today);

// Stable names ("SUPPORT_PLAN", "IN_PROGRESS"): storage uses these.
std::string AssessmentStatusName(AssessmentStatus s);
std::optional<AssessmentStatus> ParseAssessmentStatus(const std::string& name);
std::string AssessmentOutcomeName(AssessmentOutcome o);
std::optional<AssessmentOutcome> ParseAssessmentOutcome(const std::string& name);
std::string SupportServiceKindName(SupportServiceKind k);
std::optional<SupportServiceKind> ParseSupportServiceKind(const std::string& name);
std::string FundingSourceName(FundingSource f);
std::optional<FundingSource> ParseFundingSource(const std::string& name);

}  // namespace support
