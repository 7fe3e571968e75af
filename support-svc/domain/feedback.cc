#include "support-svc/domain/feedback.h"

#include "absl/strings/str_cat.h"
#include "platform/core/enum_names.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"
#include "platform/core/steps.h"
#include "platform/core/text.h"

namespace support {
namespace {

using platform::CharacterCount;
using platform::Date;
using platform::IsBlank;

constexpr char kStageOneKey[] = "complaint_stage_one_working_days";
constexpr char kStageTwoKey[] = "complaint_stage_two_working_days";
constexpr char kPanelKey[] = "complaint_review_panel_working_days";

absl::Status ExpectComplaint(const Feedback& f, const char* step) {
  if (f.details.kind == FeedbackKind::kComplaint) return absl::OkStatus();
  const std::string why = absl::StrCat("a compliment cannot be ", step, ": only a complaint can");
  return platform::FailedPrecondition(why, {{"STATE", "kind", why}});
}

absl::Status Expect(const Feedback& f, std::initializer_list<FeedbackStatus> from, const char* step) {
  std::string names;
  for (FeedbackStatus s : from) {
    if (f.status == s) return absl::OkStatus();
    absl::StrAppend(&names, names.empty() ? "" : " or ", FeedbackStatusName(s));
  }
  return platform::RefuseStep("feedback", FeedbackStatusName(f.status), step, names);
}

// The day a stage opened on `opened` must be answered by.
absl::StatusOr<ComplaintStageRecord> OpenStage(ComplaintStage stage, Date opened, const ComplaintRules& rules) {
  ASSIGN_OR_RETURN(Date due, rules.calendar->AddWorkingDays(opened, rules.DaysFor(stage)));
  return ComplaintStageRecord{.stage = stage, .opened = opened, .due = due};
}

}  // namespace

const std::vector<std::string>& ComplaintRules::Keys() {
  static const std::vector<std::string> keys = {kStageOneKey, kStageTwoKey, kPanelKey};
  return keys;
}

absl::StatusOr<ComplaintRules> ComplaintRules::On(const platform::StatutoryTable& table,
                                                  const platform::WorkingDayCalendar& calendar, Date day) {
  ComplaintRules rules;
  rules.calendar = &calendar;
  for (auto [key, field] : {std::pair{kStageOneKey, &ComplaintRules::local_resolution_days},
                            std::pair{kStageTwoKey, &ComplaintRules::investigation_days},
                            std::pair{kPanelKey, &ComplaintRules::review_panel_days}}) {
    absl::StatusOr<long long> days = table.ValueOn(key, day);
    if (!days.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat("the complaints timescale ", key, " is not configured for ", platform::FormatDate(day)));
    }
    rules.*field = static_cast<int>(*days);
  }
  return rules;
}

int ComplaintRules::DaysFor(ComplaintStage stage) const {
  switch (stage) {
    case ComplaintStage::kLocalResolution:
      return local_resolution_days;
    case ComplaintStage::kInvestigation:
      return investigation_days;
    case ComplaintStage::kReviewPanel:
      break;
  }
  return review_panel_days;
}

void ValidateFeedbackDetails(const FeedbackDetails& d, Date today, const std::string& prefix,
                             platform::Validation& v) {
  v.Check(d.kind.has_value(), prefix + "kind", "is required: COMPLAINT or COMPLIMENT");
  v.Check(d.from.has_value(), prefix + "from",
          "is required: ADOPTIVE_FAMILY, ADOPTED_ADULT, BIRTH_RELATIVE, SPECIAL_GUARDIAN or OTHER");
  v.Check(d.received_date <= today, prefix + "received_date", "must not be in the future");
  v.Check(!IsBlank(d.summary) && CharacterCount(d.summary) <= kMaxFeedbackSummaryLength, prefix + "summary",
          "is required (at most 4000 characters)");
  v.Check(d.local_authority.empty() || platform::IsLocalAuthorityCode(d.local_authority), prefix + "local_authority",
          "must be an ONS local authority code such as E09000006");
}

absl::StatusOr<Feedback> ReceiveFeedback(std::string id, FeedbackDetails details, const ComplaintRules& rules,
                                         const std::string& actor, long long now) {
  Feedback f;
  f.id = std::move(id);
  if (details.kind == FeedbackKind::kComplaint) {
    ASSIGN_OR_RETURN(ComplaintStageRecord first,
                     OpenStage(ComplaintStage::kLocalResolution, details.received_date, rules));
    f.stages.push_back(first);
    f.status = FeedbackStatus::kOpen;
  } else {
    f.status = FeedbackStatus::kClosed;
    f.closed_date = details.received_date;
  }
  f.details = std::move(details);
  f.created_at = f.updated_at = now;
  f.created_by = f.updated_by = actor;
  return f;
}

absl::Status RespondToComplaint(Feedback& f, Date day, std::optional<ComplaintOutcome> outcome,
                                const std::string& response, const platform::Revision& by) {
  platform::Validation v;
  v.Check(day <= by.today, "responded_date", "must not be in the future");
  v.Check(outcome.has_value(), "outcome", "is required: UPHELD, PARTLY_UPHELD or NOT_UPHELD");
  v.Check(!IsBlank(response) && CharacterCount(response) <= kMaxComplaintResponseLength, "response",
          "is required: the response in short (at most 2000 characters)");
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(ExpectComplaint(f, "answered"));
  RETURN_IF_ERROR(Expect(f, {FeedbackStatus::kOpen}, "answered"));
  ComplaintStageRecord& stage = f.stages.back();
  RETURN_IF_ERROR(platform::NotBefore(day, stage.opened, "responded_date", "stage's opening"));
  stage.responded = day;
  stage.outcome = outcome;
  stage.response = response;
  f.status = FeedbackStatus::kResponded;
  platform::Stamp(f, by);
  return absl::OkStatus();
}

absl::Status EscalateComplaint(Feedback& f, Date day, const ComplaintRules& rules, const platform::Revision& by) {
  RETURN_IF_ERROR(platform::NotFuture(day, by, "escalated_date"));
  RETURN_IF_ERROR(ExpectComplaint(f, "escalated"));
  const ComplaintStageRecord& current = f.stages.back();
  // Unanswered, it may go on only once its response is overdue.
  if (!(f.status == FeedbackStatus::kOpen && current.due < day)) {
    RETURN_IF_ERROR(Expect(f, {FeedbackStatus::kResponded}, "escalated"));
  }
  if (current.stage == ComplaintStage::kReviewPanel) {
    const std::string why = "the review panel is the complaint's last stage (then the Ombudsman)";
    return platform::FailedPrecondition(why, {{"STATE", "stage", why}});
  }
  RETURN_IF_ERROR(platform::NotBefore(day, current.responded.value_or(current.opened), "escalated_date",
                                      current.responded ? "stage's response" : "stage's opening"));
  const ComplaintStage next = current.stage == ComplaintStage::kLocalResolution ? ComplaintStage::kInvestigation
                                                                                : ComplaintStage::kReviewPanel;
  ASSIGN_OR_RETURN(ComplaintStageRecord opened, OpenStage(next, day, rules));
  f.stages.push_back(opened);
  f.status = FeedbackStatus::kOpen;
  platform::Stamp(f, by);
  return absl::OkStatus();
}

absl::Status CloseFeedback(Feedback& f, Date day, const platform::Revision& by) {
  RETURN_IF_ERROR(platform::NotFuture(day, by, "closed_date"));
  RETURN_IF_ERROR(Expect(f, {FeedbackStatus::kOpen, FeedbackStatus::kResponded}, "closed"));
  const ComplaintStageRecord& current = f.stages.back();
  RETURN_IF_ERROR(platform::NotBefore(day, current.responded.value_or(current.opened), "closed_date",
                                      current.responded ? "stage's response" : "stage's opening"));
  f.status = FeedbackStatus::kClosed;
  f.closed_date = day;
  platform::Stamp(f, by);
  return absl::OkStatus();
}

bool ResponseOverdue(const Feedback& f, Date today) {
  return f.status == FeedbackStatus::kOpen && !f.stages.empty() && f.stages.back().due < today;
}

namespace {
constexpr const char* kKindNames[] = {"COMPLAINT", "COMPLIMENT"};
constexpr const char* kStageNames[] = {"LOCAL_RESOLUTION", "INVESTIGATION", "REVIEW_PANEL"};
constexpr const char* kStatusNames[] = {"OPEN", "RESPONDED", "CLOSED"};
constexpr const char* kOutcomeNames[] = {"UPHELD", "PARTLY_UPHELD", "NOT_UPHELD"};
}  // namespace

std::string FeedbackKindName(FeedbackKind k) { return kKindNames[static_cast<int>(k)]; }
std::optional<FeedbackKind> ParseFeedbackKind(const std::string& name) {
  return platform::EnumFromName<FeedbackKind>(kKindNames, name);
}
std::string ComplaintStageName(ComplaintStage s) { return kStageNames[static_cast<int>(s)]; }
std::optional<ComplaintStage> ParseComplaintStage(const std::string& name) {
  return platform::EnumFromName<ComplaintStage>(kStageNames, name);
}
std::string FeedbackStatusName(FeedbackStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<FeedbackStatus> ParseFeedbackStatus(const std::string& name) {
  return platform::EnumFromName<FeedbackStatus>(kStatusNames, name);
}
std::string ComplaintOutcomeName(ComplaintOutcome o) { return kOutcomeNames[static_cast<int>(o)]; }
std::optional<ComplaintOutcome> ParseComplaintOutcome(const std::string& name) {
  return platform::EnumFromName<ComplaintOutcome>(kOutcomeNames, name);
}

}  // namespace support
