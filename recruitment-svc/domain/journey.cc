#include "recruitment-svc/domain/journey.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "platform/core/enum_names.h"
#include "platform/core/errors.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "recruitment-svc/domain/clocks.h"
#include "recruitment-svc/domain/household.h"

namespace recruitment {
namespace {

using S = HouseholdStatus;
using E = JourneyEvent;

// Which routes a move is open to: every route, the assessed ones (not the
// recorded-only non-agency and intercountry routes), or only those that start at
// Stage 2 (fast track, and foster carers or connected persons adopting a child they know).
enum class Routes { kAny, kAssessed, kStartAtStageTwo };
enum class Reason { kNone, kOptional, kRequired, kCounsellingOut };

struct StepRule {
  E event;
  StepOrigin origin;
  std::vector<S> from;
  std::optional<S> to;  // nullopt: the status stays (the step records a decision)
  Routes routes;
  Reason reason;
};

// Before the ROI: nothing is assessed yet.
const std::vector<S> kBeforeRoi = {S::kEnquiry, S::kInfoSessionBooked, S::kInfoSessionAttended, S::kInitialVisit};

// The journey as data (docs/domain.md §1). A move's rows are tried in order; a
// household can take it when a row lists its status and admits its route.
const std::vector<StepRule>& Rules() {
  using O = StepOrigin;
  static const std::vector<StepRule> rules = {
      {E::kInfoSessionBooked, O::kRecruitment, {S::kEnquiry, S::kInfoSessionBooked, S::kInitialVisit},
       S::kInfoSessionBooked, Routes::kAssessed, Reason::kNone},
      {E::kInfoSessionAttended, O::kRecruitment, {S::kInfoSessionBooked}, S::kInfoSessionAttended, Routes::kAssessed,
       Reason::kNone},
      {E::kInitialVisit, O::kRecruitment, {S::kEnquiry, S::kInfoSessionBooked, S::kInfoSessionAttended},
       S::kInitialVisit, Routes::kAssessed, Reason::kNone},
      {E::kRoiReceived, O::kRecruitment, kBeforeRoi, S::kRoiReceived, Routes::kAssessed, Reason::kNone},
      {E::kRoiAccepted, O::kRecruitment, {S::kRoiReceived}, std::nullopt, Routes::kAssessed, Reason::kNone},
      {E::kRoiDeclined, O::kRecruitment, {S::kRoiReceived}, S::kRoiDeclined, Routes::kAssessed, Reason::kRequired},
      {E::kStageOneStarted, O::kRecruitment, {S::kRoiReceived}, S::kStageOne, Routes::kAssessed, Reason::kNone},
      {E::kStageOneCompleted, O::kRecruitment, {S::kStageOne}, S::kStageOneCompleted, Routes::kAssessed,
       Reason::kNone},
      {E::kBreakStarted, O::kRecruitment, {S::kStageOneCompleted}, S::kBreak, Routes::kAssessed, Reason::kOptional},
      {E::kStageTwoStarted, O::kRecruitment, {S::kStageOneCompleted, S::kBreak}, S::kStageTwo, Routes::kAssessed,
       Reason::kNone},
      {E::kStageTwoStarted, O::kRecruitment,
       {S::kEnquiry, S::kInfoSessionBooked, S::kInfoSessionAttended, S::kInitialVisit, S::kRoiReceived},
       S::kStageTwo, Routes::kStartAtStageTwo, Reason::kNone},
      {E::kReferredToPanel, O::kRecruitment, {S::kStageTwo}, S::kAwaitingPanel, Routes::kAssessed, Reason::kNone},
      // Imported history often goes from Stage 2 to the panel with no referral recorded.
      {E::kApproved, O::kPanel, {S::kStageTwo, S::kAwaitingPanel}, S::kApproved, Routes::kAssessed, Reason::kNone},
      {E::kNotApproved, O::kPanel, {S::kStageTwo, S::kAwaitingPanel}, S::kNotApproved, Routes::kAssessed,
       Reason::kOptional},
      {E::kLinked, O::kFamilyFinding, {S::kApproved, S::kLinked}, S::kLinked, Routes::kAssessed, Reason::kNone},
      {E::kUnlinked, O::kFamilyFinding, {S::kLinked}, S::kApproved, Routes::kAssessed, Reason::kNone},
      // The ADM agrees a match (panel-svc); family finding links, places and sees the order.
      {E::kMatched, O::kPanel, {S::kApproved, S::kLinked}, S::kMatched, Routes::kAssessed, Reason::kNone},
      {E::kChildPlaced, O::kFamilyFinding, {S::kMatched}, S::kChildPlaced, Routes::kAssessed, Reason::kNone},
      {E::kAdoptionOrder, O::kFamilyFinding, {S::kChildPlaced}, S::kAdoptionOrder, Routes::kAssessed, Reason::kNone},
      {E::kWithdrawn, O::kRecruitment,
       {S::kEnquiry, S::kInfoSessionBooked, S::kInfoSessionAttended, S::kInitialVisit, S::kRoiReceived, S::kStageOne,
        S::kStageOneCompleted, S::kBreak, S::kStageTwo, S::kAwaitingPanel, S::kApproved, S::kLinked, S::kMatched},
       S::kWithdrawn, Routes::kAny, Reason::kRequired},
      {E::kCounselledOut, O::kRecruitment,
       {S::kInitialVisit, S::kRoiReceived, S::kStageOne, S::kStageOneCompleted, S::kBreak, S::kStageTwo,
        S::kAwaitingPanel},
       S::kCounselledOut, Routes::kAssessed, Reason::kCounsellingOut},
      {E::kApprovalTerminated, O::kPanel, {S::kApproved, S::kLinked, S::kMatched}, S::kApprovalTerminated,
       Routes::kAssessed, Reason::kOptional},
      // An agreed review of the approval (AAR 2005 reg 29) leaves the household where it is.
      {E::kApprovalReviewed, O::kPanel, {S::kApproved, S::kLinked, S::kMatched}, std::nullopt, Routes::kAssessed,
       Reason::kNone},
  };
  return rules;
}

// History takes the moves recruitment's staff take.
StepOrigin RuleOrigin(StepOrigin origin) { return origin == StepOrigin::kHistory ? StepOrigin::kRecruitment : origin; }

bool Admits(Routes routes, Route route) {
  switch (routes) {
    case Routes::kAny:
      return true;
    case Routes::kAssessed:
      return route != Route::kNonAgency && route != Route::kIntercountry;
    case Routes::kStartAtStageTwo:
      return route == Route::kFastTrack || route == Route::kKnownChild;
  }
  return false;
}

bool Lists(const std::vector<S>& statuses, S status) {
  for (S s : statuses) {
    if (s == status) return true;
  }
  return false;
}

// A decision recorded on a status that stays may be taken once: the ROI is accepted
// once, and Stage 1 starts only on an accepted ROI (or a route that skips it).
bool Decided(const Household& h, E event) { return !h.journey.empty() && h.journey.back().event == event; }

bool Open(const Household& h, const StepRule& rule) {
  if (!Lists(rule.from, h.status) || !Admits(rule.routes, h.details.route)) return false;
  // An ROI is decided once: accepted, it is no longer declined (the household leaves by
  // withdrawing or being counselled out).
  if (rule.event == E::kRoiAccepted || rule.event == E::kRoiDeclined) return !Decided(h, E::kRoiAccepted);
  if (rule.event == E::kStageOneStarted) return Decided(h, E::kRoiAccepted);
  return true;
}

constexpr size_t kMaxReasonLength = 500;

}  // namespace

std::vector<JourneyEvent> NextSteps(const Household& household, StepOrigin origin) {
  std::vector<JourneyEvent> next;
  for (const StepRule& rule : Rules()) {
    if (rule.origin != RuleOrigin(origin) || !Open(household, rule)) continue;
    if (next.empty() || next.back() != rule.event) next.push_back(rule.event);
  }
  return next;
}

const std::vector<std::string>& JourneyRules::Keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> all = StageOneRules::Keys();
    for (const std::string& key : ClockRules::Keys()) all.push_back(key);
    return all;
  }();
  return keys;
}

absl::StatusOr<JourneyRules> JourneyRules::On(const platform::StatutoryTable& table, platform::Date day) {
  ASSIGN_OR_RETURN(StageOneRules stage_one, StageOneRules::On(table, day));
  return JourneyRules{.stage_one = stage_one};
}

absl::Status TakeStep(Household& household, const Move& move, StepOrigin origin, const JourneyRules& rules,
                      const platform::Revision& revision) {
  const StepRule* rule = nullptr;
  bool status_allows = false;
  for (const StepRule& r : Rules()) {
    if (r.event != move.event || r.origin != RuleOrigin(origin)) continue;
    status_allows = status_allows || Lists(r.from, household.status);
    if (Open(household, r)) {
      rule = &r;
      break;
    }
  }

  platform::Validation v;
  v.Check(move.date <= revision.today, move.date_field, "must not be in the future");
  const Reason reason = rule ? rule->reason : Reason::kOptional;
  const std::string& field = move.reason_field;
  v.Check(platform::CharacterCount(move.reason) <= kMaxReasonLength, field, "is at most 500 characters");
  if (reason == Reason::kRequired) {
    v.Check(!move.reason.empty(), field, absl::StrCat("is required to record ", EventName(move.event)));
  } else if (reason == Reason::kCounsellingOut) {
    v.Check(ParseCounsellingOutReason(move.reason).has_value(), field,
            "must be one of REFEREE_CONCERNS, FAMILY_CIRCUMSTANCES, UNDERSTANDING_OF_NEEDS, RELATIONSHIP_STABILITY, "
            "FINANCIAL_OPENNESS, LONGER_TERM_NEEDS, OTHER");
  } else if (reason == Reason::kNone) {
    v.Check(move.reason.empty(), field, absl::StrCat(EventName(move.event), " takes no reason"));
  }
  RETURN_IF_ERROR(v.Status());

  if (rule == nullptr) {
    std::vector<std::string> allowed;
    for (JourneyEvent e : NextSteps(household, origin)) allowed.push_back(EventName(e));
    const std::string next = allowed.empty() ? "nothing more" : absl::StrJoin(allowed, ", ");
    const std::string message = absl::StrCat("a household at ", StatusName(household.status), " on the ",
                                             RouteName(household.details.route), " route cannot record ",
                                             EventName(move.event));
    if (status_allows) {
      return platform::FailedPrecondition(
          message, {{"ROUTE", "route",
                     absl::StrCat(EventName(move.event), " is not open to the ", RouteName(household.details.route),
                                  " route from ", StatusName(household.status), "; it can record ", next)}});
    }
    return platform::FailedPrecondition(
        message, {{"STATE", "status", absl::StrCat("from ", StatusName(household.status), " it can record ", next)}});
  }

  // Steps are kept in date order, so a household's state at any date is its last step
  // on or before it.
  platform::Date floor = household.details.enquiry_date;
  std::string floor_of = "the enquiry";
  if (!household.journey.empty() && floor < household.journey.back().date) {
    floor = household.journey.back().date;
    floor_of = EventName(household.journey.back().event);
  }
  if (move.date < floor) {
    return platform::FailedPrecondition(
        absl::StrCat(EventName(move.event), " cannot be dated before the journey's last step"),
        {{"ORDER", move.date_field,
          absl::StrCat("must be on or after ", platform::FormatDate(floor), " (", floor_of, ")")}});
  }

  if (move.event == E::kStageOneCompleted && origin != StepOrigin::kHistory) {
    std::vector<platform::PreconditionViolation> outstanding = OutstandingChecks(household, rules.stage_one);
    if (!outstanding.empty()) {
      const std::string message = absl::StrCat("Stage 1 cannot be completed: ", outstanding.size(), " check",
                                               outstanding.size() == 1 ? " is" : "s are", " missing or unsatisfactory");
      return platform::FailedPrecondition(message, std::move(outstanding));
    }
  }

  if (move.event == E::kReferredToPanel && origin == StepOrigin::kRecruitment) {
    std::vector<platform::PreconditionViolation> outstanding =
        OutstandingForPanel(household, household.dual_approval_sought);
    if (!outstanding.empty()) {
      const std::string message = absl::StrCat("the household cannot be referred to panel: Stage 2 lacks ",
                                               outstanding.size(), outstanding.size() == 1 ? " piece" : " pieces");
      return platform::FailedPrecondition(message, std::move(outstanding));
    }
  }

  JourneyStep step;
  step.event = move.event;
  step.date = move.date;
  step.from = household.status;
  step.to = rule->to.value_or(household.status);
  step.reason = move.reason;
  step.recorded_at = revision.at;
  step.recorded_by = revision.actor;
  household.status = step.to;
  household.journey.push_back(std::move(step));
  platform::Stamp(household, revision);
  return absl::OkStatus();
}

absl::Status RecordUpstreamStep(Household& household, JourneyEvent decision, platform::Date date, StepOrigin origin,
                                const std::optional<ApprovalTerms>& terms, const JourneyRules& rules,
                                const platform::Revision& revision) {
  // Already recorded: a replayed event, or a sibling's (a sibling group is matched,
  // placed and adopted child by child, on the same day).
  for (const JourneyStep& step : household.journey) {
    if (step.event == decision && step.date == date) return absl::OkStatus();
  }
  // An approval, and a review of it, give the terms matching reads from then on.
  const bool gives_terms = decision == E::kApproved || decision == E::kApprovalReviewed;
  if (gives_terms) {
    platform::Validation v;
    if (v.Check(terms.has_value(), "max_children", "an approval carries its terms")) {
      v.Check(terms->max_children >= 1, "max_children", "must be at least 1");
      v.Check(terms->min_children >= 1 && terms->min_children <= terms->max_children, "min_children",
              "must be 1 or more and not above max_children");
      v.Check(terms->min_age_years >= 0 && terms->min_age_years <= terms->max_age_years, "min_age_years",
              "must be 0 or more and not above max_age_years");
      v.Check(terms->max_age_years <= 17, "max_age_years", "must be under 18");
    }
    RETURN_IF_ERROR(v.Status());
  }
  RETURN_IF_ERROR(TakeStep(household, {decision, date, ""}, origin, rules, revision));
  if (gives_terms) household.approval = terms;
  return absl::OkStatus();
}

std::optional<platform::Date> LastDateOf(const Household& household, JourneyEvent event) {
  for (auto it = household.journey.rbegin(); it != household.journey.rend(); ++it) {
    if (it->event == event) return it->date;
  }
  return std::nullopt;
}

namespace {
constexpr const char* kEventNames[] = {
    "INFO_SESSION_BOOKED", "INFO_SESSION_ATTENDED", "INITIAL_VISIT", "ROI_RECEIVED", "ROI_ACCEPTED",
    "ROI_DECLINED", "STAGE_ONE_STARTED", "STAGE_ONE_COMPLETED", "BREAK_STARTED", "STAGE_TWO_STARTED",
    "REFERRED_TO_PANEL", "APPROVED", "NOT_APPROVED", "LINKED", "MATCHED", "CHILD_PLACED", "ADOPTION_ORDER",
    "WITHDRAWN", "COUNSELLED_OUT", "APPROVAL_TERMINATED", "UNLINKED", "APPROVAL_REVIEWED"};
constexpr const char* kCounsellingOutNames[] = {
    "REFEREE_CONCERNS", "FAMILY_CIRCUMSTANCES", "UNDERSTANDING_OF_NEEDS", "RELATIONSHIP_STABILITY",
    "FINANCIAL_OPENNESS", "LONGER_TERM_NEEDS", "OTHER"};
}  // namespace

std::string EventName(JourneyEvent e) { return kEventNames[static_cast<int>(e)]; }
std::optional<JourneyEvent> ParseEvent(const std::string& name) {
  return platform::EnumFromName<JourneyEvent>(kEventNames, name);
}
std::string CounsellingOutReasonName(CounsellingOutReason r) { return kCounsellingOutNames[static_cast<int>(r)]; }
std::optional<CounsellingOutReason> ParseCounsellingOutReason(const std::string& name) {
  return platform::EnumFromName<CounsellingOutReason>(kCounsellingOutNames, name);
}

std::optional<CounsellingOutReason> CounsellingOutReasonFromWording(const std::string& words) {
  std::string key;  // lower-case letters only: "Poor understanding of a child's needs" -> "poorunderstandingofachildsneeds"
  for (char c : words) {
    if (absl::ascii_isalpha(static_cast<unsigned char>(c))) key += absl::ascii_tolower(static_cast<unsigned char>(c));
  }
  using C = CounsellingOutReason;
  static const std::vector<std::pair<std::string, C>> kWordings = {
      {"refereeconcerns", C::kRefereeConcerns},
      {"currentfamilycircumstances", C::kFamilyCircumstances},
      {"familycircumstances", C::kFamilyCircumstances},
      {"poorunderstandingofachildsneeds", C::kUnderstandingOfNeeds},
      {"understandingofneeds", C::kUnderstandingOfNeeds},
      {"lengthandstabilityofrelationship", C::kRelationshipStability},
      {"lengthstabilityofrelationship", C::kRelationshipStability},
      {"relationshipstability", C::kRelationshipStability},
      {"opennessaboutfinances", C::kFinancialOpenness},
      {"financialopenness", C::kFinancialOpenness},
      {"abilitytomeetlongertermneeds", C::kLongerTermNeeds},
      {"longertermneeds", C::kLongerTermNeeds},
      {"other", C::kOther},
  };
  for (const auto& [wording, reason] : kWordings) {
    if (key == wording) return reason;
  }
  return std::nullopt;
}

}  // namespace recruitment
