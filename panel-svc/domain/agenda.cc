#include "panel-svc/domain/agenda.h"

#include "absl/strings/str_cat.h"
#include "platform/core/enum_names.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"

namespace panel {

namespace {
constexpr const char* kKindNames[] = {"ADOPTER_APPROVAL", "MATCH", "SHOULD_BE_PLACED", "APPROVAL_REVIEW",
                                      "APPROVAL_TERMINATION"};
constexpr const char* kPaperNames[] = {"PROSPECTIVE_ADOPTER_REPORT", "CHILD_PERMANENCE_REPORT",
                                       "ADOPTION_PLACEMENT_REPORT",  "ADOPTION_SUPPORT_PLAN",
                                       "MEDICAL_REPORT",             "REVIEW_REPORT",
                                       "OTHER"};
constexpr const char* kRatingNames[] = {"GOOD", "ADEQUATE", "REQUIRES_IMPROVEMENT", "INADEQUATE"};
constexpr const char* kOutcomeNames[] = {"RECOMMENDED", "NOT_RECOMMENDED", "DEFERRED"};

constexpr size_t kMaxTitleLength = 200;

bool OnHousehold(AgendaItemKind k) { return k != AgendaItemKind::kShouldBePlaced; }
bool OnChildren(AgendaItemKind k) { return k == AgendaItemKind::kMatch || k == AgendaItemKind::kShouldBePlaced; }
}  // namespace

bool Paper::LateOn(platform::Date day) const {
  return received_date ? *received_date > due_date : day > due_date;
}

DecisionKind DecisionKindOf(AgendaItemKind kind) {
  switch (kind) {
    case AgendaItemKind::kAdopterApproval:
      return DecisionKind::kAdopterApproval;
    case AgendaItemKind::kMatch:
      return DecisionKind::kMatch;
    case AgendaItemKind::kShouldBePlaced:
      return DecisionKind::kShouldBePlaced;
    case AgendaItemKind::kApprovalReview:
      return DecisionKind::kApprovalReview;
    case AgendaItemKind::kApprovalTermination:
      return DecisionKind::kApprovalTermination;
  }
  return DecisionKind::kAdopterApproval;
}

void ValidateAgendaItem(const AgendaItem& item, const PanelDetails& panel, platform::Date today,
                        const std::string& prefix, platform::Validation& v) {
  const std::string kind = AgendaItemKindName(item.kind);
  if (OnHousehold(item.kind)) {
    v.Check(!item.household_id.empty(), prefix + "household", absl::StrCat("is required for a ", kind, " case"));
  } else {
    v.Check(item.household_id.empty(), prefix + "household", absl::StrCat("is not part of a ", kind, " case"));
  }
  if (OnChildren(item.kind)) {
    v.Check(!item.child_ids.empty(), prefix + "children",
            absl::StrCat("at least one child is required for a ", kind, " case"));
  } else {
    v.Check(item.child_ids.empty(), prefix + "children", absl::StrCat("are not part of a ", kind, " case"));
  }
  for (size_t i = 0; i < item.child_ids.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      v.Check(item.child_ids[i] != item.child_ids[j], absl::StrCat(prefix, "children[", i, "]"), "names a child twice");
    }
  }
  v.Check(!item.dual_approval_sought || item.kind == AgendaItemKind::kAdopterApproval,
          prefix + "dual_approval_sought", "is sought only with an adopter approval");
  for (size_t i = 0; i < item.papers.size(); ++i) {
    const Paper& p = item.papers[i];
    const std::string field = absl::StrCat(prefix, "papers[", i, "].");
    v.Check(platform::CharacterCount(p.title) <= kMaxTitleLength, field + "title",
            absl::StrCat("must be at most ", kMaxTitleLength, " characters"));
    if (p.received_date) {
      v.Check(*p.received_date <= today, field + "received_date",
              absl::StrCat("must not be after today (", platform::FormatDate(today), ")"));
    }
    v.Check(p.received_date || (!p.quality_rating && p.quality_feedback.empty()), field + "quality_rating",
            "is given only once the paper is received");
  }
  std::set<std::string> declared;
  for (size_t i = 0; i < item.conflicts.size(); ++i) {
    const std::string& member = item.conflicts[i].member_id;
    const std::string field = absl::StrCat(prefix, "conflicts[", i, "].member_id");
    bool active = false;
    for (const auto& m : panel.members) active |= m.member_id == member && m.active;
    v.Check(active, field, "must be the member_id of an active member of the panel");
    v.Check(declared.insert(member).second, field, "declares a member's conflict twice");
  }
}

absl::Status ReviseAgendaItem(AgendaItem& item, const AgendaItem& revised, const PanelDetails& panel,
                              const platform::Revision& revision, const std::string& prefix, platform::Validation v) {
  RETURN_IF_ERROR(v.Status());
  v.Check(revised.papers.size() >= item.papers.size(), prefix + "papers",
          absl::StrCat("papers are never removed: the case has ", item.papers.size()));
  for (size_t i = 0; i < item.papers.size() && i < revised.papers.size(); ++i) {
    v.Check(revised.papers[i].kind == item.papers[i].kind, absl::StrCat(prefix, "papers[", i, "].kind"),
            absl::StrCat("a paper keeps its kind (", PaperKindName(item.papers[i].kind), ")"));
  }
  bool kept = revised.conflicts.size() >= item.conflicts.size();
  for (size_t i = 0; kept && i < item.conflicts.size(); ++i) {
    kept = revised.conflicts[i].member_id == item.conflicts[i].member_id;
  }
  v.Check(kept, prefix + "conflicts", "declared conflicts stay, in their order; new ones are added at the end");
  RETURN_IF_ERROR(v.Status());
  if (item.recommended && revised.conflicts.size() > item.conflicts.size()) {
    return platform::FailedPrecondition(
        "the case has its recommendation: the quorum it was made by stands",
        {{"STATE", absl::StrCat("agenda item ", item.id), "a recommendation is recorded"}});
  }
  AgendaItem next = item;
  next.papers = revised.papers;
  next.conflicts = revised.conflicts;
  ValidateAgendaItem(next, panel, revision.today, prefix, v);
  RETURN_IF_ERROR(v.Status());
  platform::Stamp(next, revision);
  item = std::move(next);
  return absl::OkStatus();
}

absl::Status MoveAgendaItem(AgendaItem& item, const Meeting& to, int booked, const PapersDueDays& due,
                            const platform::Revision& revision) {
  const std::string subject = absl::StrCat("agenda item ", item.id);
  if (item.recommended) {
    return platform::FailedPrecondition("a case heard stays with the meeting that heard it",
                                        {{"STATE", subject, "a recommendation is recorded"}});
  }
  if (to.id == item.meeting_id) {
    return platform::FailedPrecondition("the case is already on that meeting",
                                        {{"STATE", subject, absl::StrCat("booked on meeting ", to.id)}});
  }
  RETURN_IF_ERROR(CheckRoomFor(to, booked));
  item.meeting_id = to.id;
  for (Paper& paper : item.papers) {
    if (paper.due_date == due.leaving) paper.due_date = due.joining;
  }
  platform::Stamp(item, revision);
  return absl::OkStatus();
}

absl::Status CheckRoomFor(const Meeting& meeting, int booked) {
  const std::string subject = absl::StrCat("meeting ", meeting.id);
  if (meeting.status != MeetingStatus::kScheduled) {
    return platform::FailedPrecondition(
        absl::StrCat("a ", MeetingStatusName(meeting.status), " meeting takes no more cases"),
        {{"STATE", subject, absl::StrCat("status is ", MeetingStatusName(meeting.status), "; cases are booked on a SCHEDULED meeting")}});
  }
  if (booked >= meeting.case_capacity) {
    return platform::FailedPrecondition(
        "the meeting is full",
        {{"CAPACITY", subject, absl::StrCat(booked, " of ", meeting.case_capacity, " cases are booked")}});
  }
  return absl::OkStatus();
}

absl::StatusOr<platform::Date> PapersDue(platform::Date meeting_date, int working_days,
                                         const platform::WorkingDayCalendar& calendar) {
  platform::Date day = meeting_date;
  for (int counted = 0; counted < working_days;) {
    day -= 1;
    ASSIGN_OR_RETURN(bool working, calendar.IsWorkingDay(day));
    if (working) ++counted;
  }
  return day;
}

absl::StatusOr<std::vector<std::string>> QuorumFor(const AgendaItem& item, const Meeting& meeting,
                                                   const PanelDetails& panel, const PanelRules& rules) {
  const std::string subject = absl::StrCat("agenda item ", item.id);
  if (meeting.status != MeetingStatus::kHeld) {
    return platform::FailedPrecondition(
        "the panel recommends only at a meeting that was held",
        {{"STATE", absl::StrCat("meeting ", meeting.id),
          absl::StrCat("status is ", MeetingStatusName(meeting.status), "; record its attendance and mark it HELD")}});
  }
  if (item.recommended) {
    return platform::FailedPrecondition("the case already has the panel's recommendation",
                                        {{"STATE", subject, "a recommendation is recorded"}});
  }
  std::set<std::string> conflicted;
  for (const auto& c : item.conflicts) conflicted.insert(c.member_id);
  Quorum quorum = AssessQuorum(panel, meeting.attendance, conflicted, rules, meeting.meeting_date);
  if (!quorum.quorate) {
    std::vector<platform::PreconditionViolation> missing;
    for (const auto& m : quorum.missing) missing.push_back({"QUORUM", subject, m});
    return platform::FailedPrecondition(
        "the panel was not quorate for this case once conflicted members are left out", std::move(missing));
  }
  return quorum.counted;
}

void ValidateRecommendation(const Recommendation& r, const Meeting& meeting, int quorum, platform::Date today,
                            const std::string& prefix, platform::Validation& v) {
  v.Check(!r.reasons.empty(), prefix + "reasons", "is required: the panel's reasons, as minuted");
  v.Check(r.votes_for >= 0, prefix + "votes_for", "must not be negative");
  v.Check(r.votes_against >= 0, prefix + "votes_against", "must not be negative");
  v.Check(r.votes_abstain >= 0, prefix + "votes_abstain", "must not be negative");
  v.Check(r.votes_for + r.votes_against + r.votes_abstain <= quorum, prefix + "votes_for",
          absl::StrCat("votes cast must be at most the ", quorum, " members who made the quorum"));
  if (r.minutes_final_date) {
    v.Check(*r.minutes_final_date >= meeting.meeting_date && *r.minutes_final_date <= today,
            prefix + "minutes_final_date",
            absl::StrCat("must be from the meeting (", platform::FormatDate(meeting.meeting_date), ") to today"));
  }
}

void ValidateImportedHearing(const AgendaItem& item, Recommendation& r, platform::Date meeting_date,
                             const PanelDetails& panel, platform::Date today, platform::Validation& v) {
  ValidateAgendaItem(item, panel, today, "agenda_item.", v);
  v.Check(item.papers.empty(), "agenda_item.papers", "are not imported: the old system keeps them");
  v.Check(item.conflicts.empty(), "agenda_item.conflicts", "are not imported: the old system keeps them");
  v.Check(meeting_date <= today, "meeting_date",
          absl::StrCat("must not be after today (", platform::FormatDate(today), "): the case was heard"));
  v.Check(r.votes_for >= 0, "recommendation.votes_for", "must not be negative");
  v.Check(r.votes_against >= 0, "recommendation.votes_against", "must not be negative");
  v.Check(r.votes_abstain >= 0, "recommendation.votes_abstain", "must not be negative");
  if (!r.minutes_final_date) r.minutes_final_date = meeting_date;
  v.Check(*r.minutes_final_date >= meeting_date && *r.minutes_final_date <= today,
          "recommendation.minutes_final_date",
          absl::StrCat("must be from the meeting (", platform::FormatDate(meeting_date), ") to today"));
}

bool SameHearing(const AgendaItem& item, const Recommendation& r, platform::Date meeting_date,
                 const AgendaItem& given, const Recommendation& given_r, platform::Date given_date) {
  return item.kind == given.kind && item.household_id == given.household_id && item.child_ids == given.child_ids &&
         item.dual_approval_sought == given.dual_approval_sought && meeting_date == given_date &&
         r.outcome == given_r.outcome && r.minutes_final_date == given_r.minutes_final_date;
}

bool DecidesImportedCase(const Decision& decision, const AgendaItem& item, platform::Date meeting_date) {
  return decision.kind == DecisionKindOf(item.kind) && decision.household_id == item.household_id &&
         decision.child_ids == item.child_ids && decision.decision_date >= meeting_date &&
         (!decision.panel_date || *decision.panel_date == meeting_date);
}

absl::StatusOr<std::optional<platform::Date>> DecisionDue(const Recommendation& r, const DecisionRules& rules,
                                                          const platform::WorkingDayCalendar& calendar) {
  if (r.outcome == RecommendationOutcome::kDeferred || !r.minutes_final_date) return std::optional<platform::Date>();
  ASSIGN_OR_RETURN(platform::Date due, calendar.AddWorkingDays(*r.minutes_final_date, rules.decision_working_days));
  return std::optional<platform::Date>(due);
}

absl::Status FinaliseMinutes(Recommendation& r, const Meeting& meeting, platform::Date day, const DecisionRules& rules,
                             const platform::WorkingDayCalendar& calendar, const platform::Revision& revision,
                             const std::string& field) {
  if (r.minutes_final_date) {
    return platform::FailedPrecondition(
        "the minutes are already final",
        {{"STATE", absl::StrCat("agenda item ", r.agenda_item_id),
          absl::StrCat("minutes final on ", platform::FormatDate(*r.minutes_final_date))}});
  }
  if (day < meeting.meeting_date || day > revision.today) {
    return platform::InvalidArgument(
        {{field, absl::StrCat("must be from the meeting (", platform::FormatDate(meeting.meeting_date), ") to today")}});
  }
  Recommendation next = r;
  next.minutes_final_date = day;
  auto due = DecisionDue(next, rules, calendar);
  if (!due.ok()) return platform::InvalidArgument({{field, std::string(due.status().message())}});
  next.decision_due_date = *due;
  platform::Stamp(next, revision);
  r = std::move(next);
  return absl::OkStatus();
}

absl::Status CheckDecisionMaker(const std::string& account, const AgendaItem& item, const Meeting& meeting,
                                const PanelDetails& panel) {
  std::set<std::string> conflicted;
  for (const auto& c : item.conflicts) conflicted.insert(c.member_id);
  for (const auto& sat : AccountsPresent(panel, meeting, conflicted)) {
    if (sat != account) continue;
    return platform::FailedPrecondition(
        "the decision maker sat on the panel that heard this case",
        {{"DECISION_MAKER", absl::StrCat("agenda item ", item.id),
          "the caller's account is a panel member present for this case: the decision maker is never a member of "
          "the panel on the case decided"}});
  }
  return absl::OkStatus();
}

absl::Status FollowRecommendation(Decision& decision, const AgendaItem& item, const Meeting& meeting,
                                  const Recommendation& recommendation) {
  const std::string subject = absl::StrCat("agenda item ", item.id);
  std::vector<platform::PreconditionViolation> problems;
  if (recommendation.outcome == RecommendationOutcome::kDeferred) {
    problems.push_back({"DEFERRED", subject, "the panel deferred the case: it returns on a later agenda"});
  }
  if (!recommendation.minutes_final_date) {
    problems.push_back({"MINUTES", subject, "the minutes are not final: the decision maker decides on final minutes"});
  }
  if (decision.kind != DecisionKindOf(item.kind)) {
    problems.push_back({"SUBJECT", subject,
                        absl::StrCat("the case is ", AgendaItemKindName(item.kind), ", not ",
                                     DecisionKindName(decision.kind))});
  }
  if (decision.household_id != item.household_id || decision.child_ids != item.child_ids) {
    problems.push_back({"SUBJECT", subject, "the decision names other people than the case heard"});
  }
  if (!problems.empty()) {
    return platform::FailedPrecondition("the recommendation cannot be decided on", std::move(problems));
  }
  platform::Validation v;
  if (v.Check(decision.recommendation_received_date.has_value(), "decision.recommendation_received_date",
              "is required with a recommendation: the day the decision maker received it and the final minutes")) {
    v.Check(*decision.recommendation_received_date >= *recommendation.minutes_final_date,
            "decision.recommendation_received_date",
            absl::StrCat("must not be before the minutes were final (",
                         platform::FormatDate(*recommendation.minutes_final_date), ")"));
  }
  RETURN_IF_ERROR(v.Status());
  decision.panel_date = meeting.meeting_date;
  decision.agenda_item_id = item.id;
  const bool recommended = recommendation.outcome == RecommendationOutcome::kRecommended;
  decision.contrary_to_recommendation = recommended != (decision.outcome == DecisionOutcome::kAgreed);
  return absl::OkStatus();
}

std::string AgendaItemKindName(AgendaItemKind k) { return kKindNames[static_cast<int>(k)]; }
std::optional<AgendaItemKind> ParseAgendaItemKind(const std::string& name) {
  return platform::EnumFromName<AgendaItemKind>(kKindNames, name);
}
std::string PaperKindName(PaperKind k) { return kPaperNames[static_cast<int>(k)]; }
std::optional<PaperKind> ParsePaperKind(const std::string& name) {
  return platform::EnumFromName<PaperKind>(kPaperNames, name);
}
std::string QualityRatingName(QualityRating r) { return kRatingNames[static_cast<int>(r)]; }
std::optional<QualityRating> ParseQualityRating(const std::string& name) {
  return platform::EnumFromName<QualityRating>(kRatingNames, name);
}
std::string RecommendationOutcomeName(RecommendationOutcome o) { return kOutcomeNames[static_cast<int>(o)]; }
std::optional<RecommendationOutcome> ParseRecommendationOutcome(const std::string& name) {
  return platform::EnumFromName<RecommendationOutcome>(kOutcomeNames, name);
}

}  // namespace panel
