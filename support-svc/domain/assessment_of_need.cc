#include "support-svc/domain/assessment_of_need.h"

#include "absl/strings/str_cat.h"
#include "platform/core/enum_names.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"
#include "platform/core/steps.h"
#include "platform/core/text.h"

namespace support {
namespace {

using platform::CharacterCount;
using platform::IsBlank;

// Present, not blank, and within `most` characters.
bool Given(const std::string& text, size_t most) { return !IsBlank(text) && CharacterCount(text) <= most; }

absl::Status Expect(const AssessmentOfNeed& a, std::initializer_list<AssessmentStatus> from, const char* step) {
  std::string names;
  for (AssessmentStatus s : from) {
    if (a.status == s) return absl::OkStatus();
    absl::StrAppend(&names, names.empty() ? "" : " or ", AssessmentStatusName(s));
  }
  return platform::RefuseStep("an assessment", AssessmentStatusName(a.status), step, names);
}

}  // namespace

void ValidateAssessmentDetails(const AssessmentDetails& d, platform::Date today, const std::string& prefix,
                               platform::Validation& v) {
  v.Check(platform::IsLocalAuthorityCode(d.local_authority), prefix + "local_authority",
          "is required: an ONS local authority code such as E09000006");
  v.Check(d.requested_date <= today, prefix + "requested_date", "must not be in the future");
  if (d.start_date) {
    v.Check(*d.start_date >= d.requested_date && *d.start_date <= today, prefix + "start_date",
            "must be between requested_date and today");
  }
  if (d.target_date) {
    v.Check(*d.target_date >= d.start_date.value_or(d.requested_date), prefix + "target_date",
            "must not be before the assessment starts (or is requested)");
  }
  v.Check(CharacterCount(d.social_worker) <= kMaxSocialWorkerLength, prefix + "social_worker",
          "is at most 100 characters");
  v.Check(CharacterCount(d.needs) <= kMaxNeedsLength, prefix + "needs", "is at most 4000 characters");
  v.Check(CharacterCount(d.support_plan_summary) <= kMaxPlanSummaryLength, prefix + "support_plan",
          "is at most 4000 characters");
}

void ValidatePlan(const SupportPlan& plan, platform::Date agreed, const std::string& prefix,
                  platform::Validation& v) {
  if (v.Check(!plan.goals.empty() && plan.goals.size() <= kMaxPlanGoals, prefix + "goals",
              "must hold 1 to 20 goals")) {
    for (size_t i = 0; i < plan.goals.size(); ++i) {
      v.Check(Given(plan.goals[i], kMaxGoalLength), absl::StrCat(prefix, "goals[", i, "]"),
              "is required: a goal in at most 500 characters");
    }
  }
  if (v.Check(!plan.services.empty() && plan.services.size() <= kMaxPlanServices, prefix + "services",
              "must hold 1 to 30 services")) {
    for (size_t i = 0; i < plan.services.size(); ++i) {
      const PlannedService& s = plan.services[i];
      const std::string at = absl::StrCat(prefix, "services[", i, "].");
      v.Check(s.kind.has_value(), at + "kind", "is required: a SupportServiceKind");
      v.Check(Given(s.provider, kMaxProviderLength), at + "provider",
              "is required: who provides it, in at most 200 characters");
      v.Check(Given(s.frequency, kMaxFrequencyLength), at + "frequency",
              "is required: how often, in at most 200 characters");
      v.Check(s.funding_source.has_value(), at + "funding_source", "is required: a FundingSource");
    }
  }
  v.Check(plan.review_date.has_value() && *plan.review_date > agreed, prefix + "review_date",
          absl::StrCat("is required: the next review, after ", platform::FormatDate(agreed)));
}

AssessmentOfNeed RecordAssessmentOfNeed(std::string id, AssessmentDetails details, const std::string& actor,
                                        long long now) {
  AssessmentOfNeed a;
  a.id = std::move(id);
  a.status = details.start_date ? AssessmentStatus::kInProgress : AssessmentStatus::kWaiting;
  a.details = std::move(details);
  a.created_at = a.updated_at = now;
  a.created_by = a.updated_by = actor;
  return a;
}

absl::Status StartAssessment(AssessmentOfNeed& a, platform::Date day, const std::string& social_worker,
                             const std::optional<platform::Date>& target_date, const platform::Revision& by) {
  platform::Validation v;
  v.Check(day <= by.today, "start_date", "must not be in the future");
  v.Check(CharacterCount(social_worker) <= kMaxSocialWorkerLength, "social_worker", "is at most 100 characters");
  if (target_date) v.Check(*target_date >= day, "target_date", "must not be before start_date");
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(Expect(a, {AssessmentStatus::kWaiting}, "started"));
  RETURN_IF_ERROR(platform::NotBefore(day, a.details.requested_date, "start_date", "request"));
  a.status = AssessmentStatus::kInProgress;
  a.details.start_date = day;
  if (!social_worker.empty()) a.details.social_worker = social_worker;
  if (target_date) a.details.target_date = target_date;
  platform::Stamp(a, by);
  return absl::OkStatus();
}

absl::Status CompleteAssessment(AssessmentOfNeed& a, AssessmentCompletion c, const platform::Revision& by) {
  platform::Validation v;
  v.Check(c.day <= by.today, "completed_date", "must not be in the future");
  v.Check(c.outcome.has_value(), "outcome", "is required: SUPPORT_PLAN, NO_SUPPORT_NEEDED or REFERRED_ELSEWHERE");
  v.Check(CharacterCount(c.needs) <= kMaxNeedsLength, "needs", "is at most 4000 characters");
  v.Check(CharacterCount(c.support_plan_summary) <= kMaxPlanSummaryLength, "support_plan",
          "is at most 4000 characters");
  if (c.outcome == AssessmentOutcome::kSupportPlan) {
    if (c.plan) {
      ValidatePlan(*c.plan, c.day, "plan.", v);
    } else {
      v.Check(!IsBlank(c.support_plan_summary) || !IsBlank(a.details.support_plan_summary), "plan",
              "is required for SUPPORT_PLAN: the plan, or (for a plan carried over from paper) its words in "
              "support_plan");
    }
  } else if (c.outcome) {
    v.Check(!c.plan, "plan", "is only for the outcome SUPPORT_PLAN");
  }
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(Expect(a, {AssessmentStatus::kInProgress}, "completed"));
  RETURN_IF_ERROR(platform::NotBefore(c.day, a.details.start_date, "completed_date", "start"));
  a.status = AssessmentStatus::kCompleted;
  a.completed_date = c.day;
  a.outcome = c.outcome;
  if (!c.needs.empty()) a.details.needs = std::move(c.needs);
  if (!c.support_plan_summary.empty()) a.details.support_plan_summary = std::move(c.support_plan_summary);
  a.plan = std::move(c.plan);
  if (a.plan) a.plan->last_reviewed_date.reset();
  platform::Stamp(a, by);
  return absl::OkStatus();
}

absl::Status CloseAssessment(AssessmentOfNeed& a, platform::Date day, const std::string& reason,
                             const platform::Revision& by) {
  platform::Validation v;
  v.Check(day <= by.today, "closed_date", "must not be in the future");
  v.Check(Given(reason, kMaxCloseReasonLength), "reason", "is required: why, in at most 500 characters");
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(Expect(a, {AssessmentStatus::kWaiting, AssessmentStatus::kInProgress}, "closed"));
  RETURN_IF_ERROR(platform::NotBefore(day, a.details.start_date.value_or(a.details.requested_date), "closed_date",
                                      a.details.start_date ? "start" : "request"));
  a.status = AssessmentStatus::kClosed;
  a.completed_date = day;
  a.close_reason = reason;
  platform::Stamp(a, by);
  return absl::OkStatus();
}

absl::Status ReviewSupportPlan(AssessmentOfNeed& a, platform::Date day, SupportPlan plan,
                               const platform::Revision& by) {
  platform::Validation v;
  v.Check(day <= by.today, "reviewed_date", "must not be in the future");
  ValidatePlan(plan, day, "plan.", v);
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(Expect(a, {AssessmentStatus::kCompleted}, "reviewed"));
  if (a.outcome != AssessmentOutcome::kSupportPlan) {
    const std::string why = absl::StrCat("the assessment's outcome is ",
                                         AssessmentOutcomeName(*a.outcome), ": it has no support plan to review");
    return platform::FailedPrecondition(why, {{"STATE", "outcome", why}});
  }
  const std::optional<platform::Date> last = a.plan && a.plan->last_reviewed_date ? a.plan->last_reviewed_date
                                                                                  : a.completed_date;
  RETURN_IF_ERROR(platform::NotBefore(day, last, "reviewed_date",
                                      a.plan && a.plan->last_reviewed_date ? "last review" : "plan's agreement"));
  plan.last_reviewed_date = day;
  a.plan = std::move(plan);
  platform::Stamp(a, by);
  return absl::OkStatus();
}

bool SameAssessment(const AssessmentOfNeed& a, const AssessmentOfNeed& b) {
  return a.details == b.details && a.status == b.status && a.completed_date == b.completed_date &&
         a.outcome == b.outcome && a.plan == b.plan && a.close_reason == b.close_reason;
}

int DaysWaiting(const AssessmentOfNeed& a, platform::Date today) {
  platform::Date until = today;
  if (a.details.start_date) {
    until = *a.details.start_date;
  } else if (a.completed_date) {
    until = *a.completed_date;
  }
  return until > a.details.requested_date ? static_cast<int>(until - a.details.requested_date) : 0;
}

bool ReviewDue(const AssessmentOfNeed& a, platform::Date today) {
  return a.status == AssessmentStatus::kCompleted && a.plan && a.plan->review_date && *a.plan->review_date <= today;
}

namespace {
constexpr const char* kStatusNames[] = {"WAITING", "IN_PROGRESS", "COMPLETED", "CLOSED"};
constexpr const char* kOutcomeNames[] = {"SUPPORT_PLAN", "NO_SUPPORT_NEEDED", "REFERRED_ELSEWHERE"};
constexpr const char* kServiceNames[] = {"THERAPY",  "PARENTING_PROGRAMME", "SOCIAL_WORK",  "PEER_SUPPORT",
                                         "EDUCATION", "FINANCIAL",          "SHORT_BREAKS", "CONTACT",
                                         "COUNSELLING", "OTHER"};
constexpr const char* kFundingNames[] = {"LOCAL_AUTHORITY", "ADOPTION_SUPPORT_FUND", "HEALTH", "EDUCATION",
                                         "NONE", "OTHER"};
}  // namespace

std::string AssessmentStatusName(AssessmentStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<AssessmentStatus> ParseAssessmentStatus(const std::string& name) {
  return platform::EnumFromName<AssessmentStatus>(kStatusNames, name);
}
std::string AssessmentOutcomeName(AssessmentOutcome o) { return kOutcomeNames[static_cast<int>(o)]; }
std::optional<AssessmentOutcome> ParseAssessmentOutcome(const std::string& name) {
  return platform::EnumFromName<AssessmentOutcome>(kOutcomeNames, name);
}
std::string SupportServiceKindName(SupportServiceKind k) { return kServiceNames[static_cast<int>(k)]; }
std::optional<SupportServiceKind> ParseSupportServiceKind(const std::string& name) {
  return platform::EnumFromName<SupportServiceKind>(kServiceNames, name);
}
std::string FundingSourceName(FundingSource f) { return kFundingNames[static_cast<int>(f)]; }
std::optional<FundingSource> ParseFundingSource(const std::string& name) {
  return platform::EnumFromName<FundingSource>(kFundingNames, name);
}

}  // namespace support
