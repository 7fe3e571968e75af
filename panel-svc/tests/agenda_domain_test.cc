// The agenda: what a case needs, when its papers are due (working days before the
// meeting, across bank holidays), room on the meeting, the quorum per case with its
// conflicts, the recommendation, and a decision following it.
#include <gtest/gtest.h>

#include "panel-svc/domain/agenda.h"
#include "platform/core/errors.h"

namespace panel {
namespace {

using platform::Date;

PanelMember Member(const std::string& id, MemberRole role, int years = 0) {
  PanelMember m;
  m.member_id = id;
  m.display_name = id;
  m.role = role;
  m.social_work_experience_years = years;
  m.active = true;
  return m;
}

// A local authority's panel: exactly a quorum present when nobody is conflicted.
PanelDetails List() {
  PanelDetails d;
  d.display_name = "Panel A";
  d.local_authority_agency = true;
  d.members = {Member("chair", MemberRole::kChair),           Member("vice", MemberRole::kViceChair),
               Member("sw", MemberRole::kSocialWorker, 6),     Member("ind1", MemberRole::kIndependentMember),
               Member("ind2", MemberRole::kIndependentMember), Member("medical", MemberRole::kMedicalAdviser)};
  return d;
}

const PanelRules kRules{5, 3, 10};

Meeting Held(Date day = Date(2025, 6, 10)) {
  Meeting m = ScheduleMeeting("m1", "p1", day, 4, "coordinator", 1);
  m.status = MeetingStatus::kHeld;
  m.attendance = {"chair", "vice", "sw", "ind1", "ind2", "medical"};
  return m;
}

AgendaItem Approval() {
  AgendaItem item;
  item.id = "a1";
  item.kind = AgendaItemKind::kAdopterApproval;
  item.household_id = "h1";
  item.dual_approval_sought = true;
  item.papers = {Paper{.kind = PaperKind::kProspectiveAdopterReport, .title = "PAR", .due_date = Date(2025, 5, 27)}};
  return item;
}

std::vector<std::string> Fields(const AgendaItem& item, Date today = Date(2025, 6, 1)) {
  platform::Validation v;
  ValidateAgendaItem(item, List(), today, "agenda_item.", v);
  std::vector<std::string> out;
  for (const auto& violation : v.violations()) out.push_back(violation.field);
  return out;
}

std::vector<std::string> Preconditions(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::PreconditionViolationsOf(s)) out.push_back(v.type + " " + v.subject);
  return out;
}

TEST(Agenda, ACaseNamesTheSubjectItsKindNeeds) {
  EXPECT_TRUE(Fields(Approval()).empty());
  AgendaItem match = Approval();
  match.kind = AgendaItemKind::kMatch;
  EXPECT_EQ(Fields(match), (std::vector<std::string>{"agenda_item.children", "agenda_item.dual_approval_sought"}));
  match.dual_approval_sought = false;
  match.child_ids = {"c1", "c2", "c1"};
  EXPECT_EQ(Fields(match), std::vector<std::string>{"agenda_item.children[2]"});
  AgendaItem placed;
  placed.kind = AgendaItemKind::kShouldBePlaced;
  placed.child_ids = {"c1"};
  EXPECT_TRUE(Fields(placed).empty());
  placed.household_id = "h1";
  EXPECT_EQ(Fields(placed), std::vector<std::string>{"agenda_item.household"});
}

TEST(Agenda, PapersAreRatedOnceReceivedAndConflictsNameActiveMembersOnce) {
  AgendaItem item = Approval();
  item.papers[0].quality_rating = QualityRating::kRequiresImprovement;
  item.papers.push_back(Paper{.kind = PaperKind::kMedicalReport,
                              .title = "Medical",
                              .due_date = Date(2025, 5, 27),
                              .received_date = Date(2025, 6, 2)});
  item.conflicts = {{"sw", "knows the applicants"}, {"adviser", ""}, {"sw", "again"}};
  EXPECT_EQ(Fields(item), (std::vector<std::string>{"agenda_item.papers[0].quality_rating",
                                                     "agenda_item.papers[1].received_date",
                                                     "agenda_item.conflicts[1].member_id",
                                                     "agenda_item.conflicts[2].member_id"}));
  const Paper& late = item.papers[1];
  EXPECT_TRUE(late.LateOn(Date(2025, 6, 1)));
  Paper on_time = item.papers[0];
  EXPECT_FALSE(on_time.LateOn(Date(2025, 5, 27)));
  EXPECT_TRUE(on_time.LateOn(Date(2025, 5, 28)));  // still outstanding after its day
}

// Ten working days before Tuesday 29 April 2025, without Good Friday and Easter
// Monday: Friday 11 April.
TEST(Agenda, PapersAreDueTheConfiguredWorkingDaysBeforeTheMeeting) {
  auto due = PapersDue(Date(2025, 4, 29), 10, platform::WorkingDayCalendar::EnglandAndWales());
  ASSERT_TRUE(due.ok()) << due.status();
  EXPECT_EQ(*due, Date(2025, 4, 11));
  EXPECT_EQ(*PapersDue(Date(2025, 6, 10), 0, platform::WorkingDayCalendar::EnglandAndWales()), Date(2025, 6, 10));
}

TEST(Agenda, ACaseIsBookedOnAScheduledMeetingWithRoom) {
  Meeting m = ScheduleMeeting("m1", "p1", Date(2025, 6, 10), 2, "coordinator", 1);
  EXPECT_TRUE(CheckRoomFor(m, 1).ok());
  EXPECT_EQ(Preconditions(CheckRoomFor(m, 2)), std::vector<std::string>{"CAPACITY meeting m1"});
  m.status = MeetingStatus::kCancelled;
  EXPECT_EQ(Preconditions(CheckRoomFor(m, 0)), std::vector<std::string>{"STATE meeting m1"});
}

TEST(Agenda, OnlyAQuoratePanelRecommendsAndAConflictedMemberDoesNotCount) {
  AgendaItem item = Approval();
  auto quorum = QuorumFor(item, Held(), List(), kRules);
  ASSERT_TRUE(quorum.ok()) << quorum.status();
  EXPECT_EQ(*quorum, (std::vector<std::string>{"chair", "vice", "sw", "ind1", "ind2"}));

  // The only social worker is conflicted: a quorum of four, and no social worker.
  item.conflicts = {{"sw", "supervised the assessment"}};
  absl::Status s = QuorumFor(item, Held(), List(), kRules).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Preconditions(s), (std::vector<std::string>{"QUORUM agenda item a1", "QUORUM agenda item a1"}));

  Meeting scheduled = Held();
  scheduled.status = MeetingStatus::kScheduled;
  EXPECT_EQ(Preconditions(QuorumFor(Approval(), scheduled, List(), kRules).status()),
            std::vector<std::string>{"STATE meeting m1"});
  AgendaItem heard = Approval();
  heard.recommended = true;
  EXPECT_EQ(Preconditions(QuorumFor(heard, Held(), List(), kRules).status()),
            std::vector<std::string>{"STATE agenda item a1"});
}

TEST(Agenda, ARecommendationHasReasonsVotesWithinTheQuorumAndMinutesAfterTheMeeting) {
  Recommendation r{.outcome = RecommendationOutcome::kRecommended, .reasons = "Unanimous", .votes_for = 5};
  platform::Validation ok;
  ValidateRecommendation(r, Held(), 5, Date(2025, 6, 20), "recommendation.", ok);
  EXPECT_TRUE(ok.ok());
  r.reasons.clear();
  r.votes_for = 5;
  r.votes_against = 1;
  r.minutes_final_date = Date(2025, 6, 9);
  platform::Validation v;
  ValidateRecommendation(r, Held(), 5, Date(2025, 6, 20), "recommendation.", v);
  std::vector<std::string> fields;
  for (const auto& f : v.violations()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"recommendation.reasons", "recommendation.votes_for",
                                               "recommendation.minutes_final_date"}));
}

Decision DecisionOn(const AgendaItem& item, DecisionOutcome outcome) {
  Decision d;
  d.kind = DecisionKindOf(item.kind);
  d.outcome = outcome;
  d.decision_date = Date(2025, 6, 20);
  d.household_id = item.household_id;
  d.child_ids = item.child_ids;
  d.recommendation_received_date = Date(2025, 6, 16);
  return d;
}

TEST(Agenda, ADecisionFollowsFinalMinutesOnTheCaseHeardAndSaysWhenItDiffers) {
  AgendaItem item = Approval();
  Recommendation r{.outcome = RecommendationOutcome::kRecommended, .reasons = "Unanimous",
                   .minutes_final_date = Date(2025, 6, 16)};
  Decision agreed = DecisionOn(item, DecisionOutcome::kAgreed);
  ASSERT_TRUE(FollowRecommendation(agreed, item, Held(), r).ok());
  EXPECT_EQ(agreed.panel_date, Date(2025, 6, 10));
  EXPECT_EQ(agreed.agenda_item_id, "a1");
  EXPECT_FALSE(agreed.contrary_to_recommendation);
  Decision refused = DecisionOn(item, DecisionOutcome::kNotAgreed);
  ASSERT_TRUE(FollowRecommendation(refused, item, Held(), r).ok());
  EXPECT_TRUE(refused.contrary_to_recommendation);

  Decision early = DecisionOn(item, DecisionOutcome::kAgreed);
  early.recommendation_received_date = Date(2025, 6, 13);
  EXPECT_EQ(FollowRecommendation(early, item, Held(), r).code(), absl::StatusCode::kInvalidArgument);

  Recommendation deferred = r;
  deferred.outcome = RecommendationOutcome::kDeferred;
  deferred.minutes_final_date.reset();
  Decision other = DecisionOn(item, DecisionOutcome::kAgreed);
  other.kind = DecisionKind::kApprovalTermination;
  EXPECT_EQ(Preconditions(FollowRecommendation(other, item, Held(), deferred)),
            (std::vector<std::string>{"DEFERRED agenda item a1", "MINUTES agenda item a1", "SUBJECT agenda item a1"}));
  Decision someone_else = DecisionOn(item, DecisionOutcome::kAgreed);
  someone_else.household_id = "h2";
  EXPECT_EQ(Preconditions(FollowRecommendation(someone_else, item, Held(), r)),
            std::vector<std::string>{"SUBJECT agenda item a1"});
}

TEST(Agenda, NamesRoundTrip) {
  for (auto k : {AgendaItemKind::kAdopterApproval, AgendaItemKind::kMatch, AgendaItemKind::kShouldBePlaced,
                 AgendaItemKind::kApprovalReview, AgendaItemKind::kApprovalTermination}) {
    EXPECT_EQ(ParseAgendaItemKind(AgendaItemKindName(k)), k);
  }
  EXPECT_EQ(ParsePaperKind("CHILD_PERMANENCE_REPORT"), PaperKind::kChildPermanenceReport);
  EXPECT_EQ(ParseQualityRating("INADEQUATE"), QualityRating::kInadequate);
  EXPECT_EQ(ParseRecommendationOutcome("DEFERRED"), RecommendationOutcome::kDeferred);
  EXPECT_FALSE(ParseRecommendationOutcome("MAYBE").has_value());
}

TEST(Agenda, ACaseTakesReceivedAndRatedPapersAndNewConflictsButLosesNothing) {
  const platform::Revision by{.actor = "adviser", .at = 7, .today = Date(2025, 6, 10)};
  AgendaItem item = Approval();
  item.conflicts = {{"ind1", "neighbour"}};
  AgendaItem revised = item;
  revised.papers[0].received_date = Date(2025, 5, 26);
  revised.papers[0].quality_rating = QualityRating::kGood;
  revised.papers.push_back(Paper{.kind = PaperKind::kMedicalReport, .title = "Medical", .due_date = Date(2025, 5, 27)});
  revised.conflicts.push_back({"sw", "supervised the assessment"});
  AgendaItem changed = item;
  ASSERT_TRUE(ReviseAgendaItem(changed, revised, List(), by, "agenda_item.", {}).ok());
  EXPECT_EQ(changed.papers.size(), 2u);
  EXPECT_FALSE(changed.papers[0].LateOn(Date(2025, 6, 10)));
  EXPECT_EQ(changed.conflicts.size(), 2u);
  EXPECT_EQ(changed.updated_by, "adviser");

  auto fields = [&](const AgendaItem& r) {
    AgendaItem copy = item;
    std::vector<std::string> out;
    for (const auto& f : platform::FieldViolationsOf(ReviseAgendaItem(copy, r, List(), by, "agenda_item.", {}))) {
      out.push_back(f.field);
    }
    return out;
  };
  AgendaItem fewer = item;
  fewer.papers.clear();
  fewer.conflicts.clear();
  EXPECT_EQ(fields(fewer), (std::vector<std::string>{"agenda_item.papers", "agenda_item.conflicts"}));
  AgendaItem other_kind = item;
  other_kind.papers[0].kind = PaperKind::kOther;
  EXPECT_EQ(fields(other_kind), std::vector<std::string>{"agenda_item.papers[0].kind"});

  // Heard: the quorum it was made by stands, but its papers may still be rated.
  item.recommended = true;
  AgendaItem late_conflict = item;
  late_conflict.conflicts.push_back({"sw", "remembered later"});
  EXPECT_EQ(Preconditions(ReviseAgendaItem(item, late_conflict, List(), by, "agenda_item.", {})),
            std::vector<std::string>{"STATE agenda item a1"});
  AgendaItem rated = item;
  rated.papers[0].received_date = Date(2025, 5, 26);
  rated.papers[0].quality_rating = QualityRating::kAdequate;
  rated.papers[0].quality_feedback = "Clear on the applicants' support network";
  ASSERT_TRUE(ReviseAgendaItem(item, rated, List(), by, "agenda_item.", {}).ok());
  EXPECT_EQ(item.papers[0].quality_rating, QualityRating::kAdequate);
}

TEST(Agenda, OnlyACaseNotYetHeardMovesAndOnlyToAMeetingWithRoom) {
  const platform::Revision by{.actor = "coordinator", .at = 9, .today = Date(2025, 6, 10)};
  AgendaItem item = Approval();
  item.meeting_id = "m1";
  // The PAR was due on the default day before m1 (27 May); a medical report on a day of its own.
  item.papers.push_back(Paper{.kind = PaperKind::kMedicalReport, .title = "AH", .due_date = Date(2025, 5, 20)});
  const PapersDueDays due{.leaving = Date(2025, 5, 27), .joining = Date(2025, 6, 10)};
  Meeting later = ScheduleMeeting("m2", "p1", Date(2025, 6, 24), 1, "coordinator", 1);
  EXPECT_EQ(Preconditions(MoveAgendaItem(item, later, 1, due, by)), std::vector<std::string>{"CAPACITY meeting m2"});
  Meeting same = ScheduleMeeting("m1", "p1", Date(2025, 6, 10), 4, "coordinator", 1);
  EXPECT_EQ(Preconditions(MoveAgendaItem(item, same, 0, due, by)), std::vector<std::string>{"STATE agenda item a1"});
  AgendaItem heard = item;
  heard.recommended = true;
  EXPECT_EQ(Preconditions(MoveAgendaItem(heard, later, 0, due, by)), std::vector<std::string>{"STATE agenda item a1"});
  EXPECT_EQ(item.papers[0].due_date, Date(2025, 5, 27));  // a refused move changes nothing
  ASSERT_TRUE(MoveAgendaItem(item, later, 0, due, by).ok());
  EXPECT_EQ(item.meeting_id, "m2");
  EXPECT_EQ(item.updated_by, "coordinator");
  // The defaulted paper follows the case; the one with its own day keeps it.
  EXPECT_EQ(item.papers[0].due_date, Date(2025, 6, 10));
  EXPECT_EQ(item.papers[1].due_date, Date(2025, 5, 20));
}

TEST(Agenda, MinutesAreMadeFinalOnceOnADayFromTheMeetingToToday) {
  const platform::Revision by{.actor = "adviser", .at = 9, .today = Date(2025, 6, 20)};
  Meeting held = ScheduleMeeting("m1", "p1", Date(2025, 6, 10), 4, "coordinator", 1);
  Recommendation r;
  r.agenda_item_id = "a1";
  r.reasons = "Recommended.";
  const DecisionRules rules{.decision_working_days = 7};
  const auto& calendar = platform::WorkingDayCalendar::EnglandAndWales();
  for (Date bad : {Date(2025, 6, 9), Date(2025, 6, 21)}) {
    absl::Status s = FinaliseMinutes(r, held, bad, rules, calendar, by, "minutes_final_date");
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_FALSE(r.minutes_final_date);
  }
  ASSERT_TRUE(FinaliseMinutes(r, held, Date(2025, 6, 13), rules, calendar, by, "minutes_final_date").ok());
  EXPECT_EQ(r.minutes_final_date, Date(2025, 6, 13));
  EXPECT_EQ(r.decision_due_date, Date(2025, 6, 24));  // Friday + 7 working days
  EXPECT_EQ(r.updated_by, "adviser");
  EXPECT_EQ(Preconditions(FinaliseMinutes(r, held, Date(2025, 6, 16), rules, calendar, by, "minutes_final_date")),
            std::vector<std::string>{"STATE agenda item a1"});
  // A deferred case's minutes are final too, with no decision to follow.
  Recommendation deferred;
  deferred.agenda_item_id = "a2";
  deferred.outcome = RecommendationOutcome::kDeferred;
  ASSERT_TRUE(FinaliseMinutes(deferred, held, Date(2025, 6, 13), rules, calendar, by, "minutes_final_date").ok());
  EXPECT_FALSE(deferred.decision_due_date);
}

// A case the old system heard, imported for its decision: no papers or conflicts, heard
// by today, minutes final from the hearing to today (the hearing day by default),
// reasons optional; the same hearing again compares equal, another does not; an
// imported decision decides it when it names the same people and follows the hearing.
TEST(Agenda, AHearingTheOldSystemLeftUndecidedIsJudgedAndMatched) {
  const Date heard(2025, 6, 3), today(2025, 6, 20);
  AgendaItem item = Approval();
  item.papers.clear();
  Recommendation r;
  auto fields = [&](AgendaItem i, Recommendation rec, Date day) {
    platform::Validation v;
    ValidateImportedHearing(i, rec, day, List(), today, v);
    std::vector<std::string> out;
    for (const auto& violation : v.violations()) out.push_back(violation.field);
    return out;
  };
  EXPECT_EQ(fields(item, r, heard), std::vector<std::string>{});
  platform::Validation ok;
  ValidateImportedHearing(item, r, heard, List(), today, ok);
  EXPECT_EQ(r.minutes_final_date, heard);
  AgendaItem with_papers = Approval();
  with_papers.conflicts = {{"chair", "knows them"}};
  Recommendation bad;
  bad.votes_against = -1;
  bad.minutes_final_date = Date(2025, 6, 2);
  EXPECT_EQ(fields(with_papers, bad, heard),
            (std::vector<std::string>{"agenda_item.papers", "agenda_item.conflicts", "recommendation.votes_against",
                                      "recommendation.minutes_final_date"}));
  EXPECT_EQ(fields(item, Recommendation{}, Date(2025, 6, 21)),
            (std::vector<std::string>{"meeting_date", "recommendation.minutes_final_date"}));

  EXPECT_TRUE(SameHearing(item, r, heard, item, r, heard));
  Recommendation other = r;
  other.outcome = RecommendationOutcome::kNotRecommended;
  EXPECT_FALSE(SameHearing(item, r, heard, item, other, heard));
  EXPECT_FALSE(SameHearing(item, r, heard, item, r, Date(2025, 6, 4)));
  AgendaItem dual = item;
  dual.dual_approval_sought = !item.dual_approval_sought;
  EXPECT_FALSE(SameHearing(item, r, heard, dual, r, heard));

  Decision d;
  d.kind = DecisionKind::kAdopterApproval;
  d.household_id = "h1";
  d.decision_date = Date(2025, 6, 10);
  EXPECT_TRUE(DecidesImportedCase(d, item, heard));
  d.panel_date = heard;
  EXPECT_TRUE(DecidesImportedCase(d, item, heard));
  d.panel_date = Date(2025, 5, 6);  // another hearing
  EXPECT_FALSE(DecidesImportedCase(d, item, heard));
  d.panel_date.reset();
  d.decision_date = Date(2025, 6, 2);  // before the hearing
  EXPECT_FALSE(DecidesImportedCase(d, item, heard));
  d.decision_date = Date(2025, 6, 10);
  d.household_id = "h2";
  EXPECT_FALSE(DecidesImportedCase(d, item, heard));
  d.household_id = "h1";
  d.kind = DecisionKind::kApprovalTermination;
  EXPECT_FALSE(DecidesImportedCase(d, item, heard));
}

// What familyfinding-svc says of a child decides which decision may be taken on it.
TEST(Children, EachDecisionNeedsTheChildWhereItStands) {
  ChildFacts child{.name = "children/c1",
                   .local_authority = "E09000006",
                   .status = "FAMILY_FINDING_STATUS_TRACKING",
                   .legal_status = "LEGAL_STATUS_CARE_ORDER"};
  auto check = [](DecisionKind kind, bool with_panel, const ChildFacts& c) {
    return Preconditions(CheckChild(kind, with_panel, c));
  };
  const std::vector<std::string> ok;
  // Should-be-placed: the ADM alone for a child not relinquished, the panel first for one who is.
  EXPECT_EQ(check(DecisionKind::kShouldBePlaced, false, child), ok);
  EXPECT_EQ(check(DecisionKind::kShouldBePlaced, true, child), std::vector<std::string>{"CONSENT children/c1"});
  ChildFacts relinquished = child;
  relinquished.legal_status = "LEGAL_STATUS_CONSENT";
  EXPECT_EQ(check(DecisionKind::kShouldBePlaced, true, relinquished), ok);
  EXPECT_EQ(check(DecisionKind::kShouldBePlaced, false, relinquished),
            std::vector<std::string>{"CONSENT children/c1"});
  // A match only after the decision, and not twice.
  EXPECT_EQ(check(DecisionKind::kMatch, true, child), std::vector<std::string>{"DECISION children/c1"});
  child.should_be_placed_decided = true;
  child.status = "FAMILY_FINDING_STATUS_LINKED";
  EXPECT_EQ(check(DecisionKind::kMatch, true, child), ok);
  EXPECT_EQ(check(DecisionKind::kShouldBePlaced, false, child), std::vector<std::string>{"STATE children/c1"});
  for (const char* status : {"FAMILY_FINDING_STATUS_MATCHED_AWAITING_PLACEMENT", "FAMILY_FINDING_STATUS_PLACED",
                             "FAMILY_FINDING_STATUS_ADOPTED", "FAMILY_FINDING_STATUS_PLAN_CHANGED"}) {
    child.status = status;
    EXPECT_EQ(check(DecisionKind::kMatch, true, child), std::vector<std::string>{"STATE children/c1"}) << status;
  }
  // A plan changes away from adoption only while the child is on it.
  EXPECT_EQ(check(DecisionKind::kPlanChange, false, child), std::vector<std::string>{"STATE children/c1"});
  child.status = "FAMILY_FINDING_STATUS_PLACED";
  EXPECT_EQ(check(DecisionKind::kPlanChange, false, child), ok);
  // The decision maker of each child's own authority.
  ChildFacts rotherham = child;
  rotherham.name = "children/c2";
  rotherham.local_authority = "E08000018";
  EXPECT_TRUE(CheckChildrensAuthority("E09000006", {child}).ok());
  EXPECT_EQ(Preconditions(CheckChildrensAuthority("E09000006", {child, rotherham})),
            std::vector<std::string>{"AUTHORITY children/c2"});
  EXPECT_EQ(Preconditions(CheckChildrensAuthority("", {child})), std::vector<std::string>{"AUTHORITY children/c1"});
}

TEST(Agenda, ADecisionMakerWhoSatOnTheCaseMayNotDecideIt) {
  PanelDetails panel = List();
  panel.members[0].account = "ruth@agency";
  panel.members[1].account = "sam@agency";
  Meeting held = ScheduleMeeting("m1", "p1", Date(2025, 6, 10), 4, "coordinator", 1);
  for (const auto& m : panel.members) held.attendance.push_back(m.member_id);
  AgendaItem item = Approval();
  item.conflicts = {{panel.members[1].member_id, "knows the family"}};
  EXPECT_EQ(Preconditions(CheckDecisionMaker("ruth@agency", item, held, panel)),
            std::vector<std::string>{"DECISION_MAKER agenda item a1"});
  EXPECT_TRUE(CheckDecisionMaker("sam@agency", item, held, panel).ok());  // left the room for this case
  EXPECT_TRUE(CheckDecisionMaker("adm@agency", item, held, panel).ok());
  held.attendance.erase(held.attendance.begin());  // Ruth absent
  EXPECT_TRUE(CheckDecisionMaker("ruth@agency", item, held, panel).ok());
}

}  // namespace
}  // namespace panel
