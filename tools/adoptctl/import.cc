// `adoptctl import FILE`: an agency's case-history extract (docs/import.md) sent to
// the services through their APIs, record by record.
#include "tools/adoptctl/import.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "adoption/familyfinding/v1/familyfinding_service.pb.h"
#include "adoption/panel/v1/panel_service.pb.h"
#include "adoption/recruitment/v1/recruitment_service.pb.h"
#include "platform/core/calendar.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"
#include "recruitment-svc/domain/journey.h"
#include "tools/adoptctl/call.h"
#include "tools/adoptctl/import_support.h"

namespace adoptctl {

namespace pb = adoption::recruitment::v1;
namespace ppb = adoption::panel::v1;
using nlohmann::json;

namespace {

// The extract's events recruitment records, by the extract's name.
const std::map<std::string, std::vector<pb::JourneyEvent>>& RecruitmentEvents() {
  static const std::map<std::string, std::vector<pb::JourneyEvent>> events = {
      {"INFO_SESSION_BOOKED", {pb::JOURNEY_EVENT_INFO_SESSION_BOOKED}},
      {"INFO_SESSION_ATTENDED", {pb::JOURNEY_EVENT_INFO_SESSION_ATTENDED}},
      {"INITIAL_VISIT", {pb::JOURNEY_EVENT_INITIAL_VISIT}},
      // The extract's ROI is one the agency accepted.
      {"ROI_RECEIVED", {pb::JOURNEY_EVENT_ROI_RECEIVED, pb::JOURNEY_EVENT_ROI_ACCEPTED}},
      {"STAGE_ONE_STARTED", {pb::JOURNEY_EVENT_STAGE_ONE_STARTED}},
      {"STAGE_ONE_COMPLETED", {pb::JOURNEY_EVENT_STAGE_ONE_COMPLETED}},
      {"BREAK_STARTED", {pb::JOURNEY_EVENT_BREAK_STARTED}},
      {"STAGE_TWO_STARTED", {pb::JOURNEY_EVENT_STAGE_TWO_STARTED}},
      {"WITHDRAWN", {pb::JOURNEY_EVENT_WITHDRAWN}},
      {"COUNSELLED_OUT", {pb::JOURNEY_EVENT_COUNSELLED_OUT}},
  };
  return events;
}

std::string Text(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

bool Flag(const json& household, const char* key) {
  auto flags = household.find("flags");
  if (flags == household.end() || !flags->is_object()) return false;
  auto it = flags->find(key);
  return it != flags->end() && it->is_boolean() && it->get<bool>();
}

absl::StatusOr<adoption::type::v1::Date> DateOf(const json& event) {
  auto d = platform::ParseDate(Text(event, "date"));
  if (!d.ok()) return absl::InvalidArgumentError(absl::StrCat("event date '", Text(event, "date"), "' is not YYYY-MM-DD"));
  adoption::type::v1::Date out;
  out.set_year(static_cast<int>(d->year()));
  out.set_month(d->month());
  out.set_day(d->day());
  return out;
}

// The extract's events family finding records (its part of the import).
bool FamilyFindingEvent(const std::string& type) {
  return type == "LINKED" || type == "MATCHED" || type == "CHILD_PLACED" || type == "ADOPTION_ORDER";
}

// One household of the extract, split by the service that records each part, in the
// order they must arrive: recruitment's steps up to the agency decision maker's
// approval, the approval (panel-svc's, which publishes it to recruitment-svc), then
// recruitment's steps after it up to the first event family finding records.
struct HouseholdPart {
  pb::ImportHouseholdRequest before;
  std::optional<ppb::ImportDecisionRequest> approval;
  std::vector<pb::JourneyStep> after;
  int held = 0;  // events from the first family-finding one on: family finding's part
  // Heard at panel with no decision in the extract: the hearing, for panel-svc
  // (ImportRecommendation) when the import names the panel that heard it.
  std::optional<ppb::ImportRecommendationRequest> hearing;
};

// The approval's terms. The extract carries none: the children the household was
// later linked, matched or placed with together (at least one), any age, and the dual
// approval the extract records (docs/import.md).
ppb::ApprovalTerms TermsOf(const json& events, bool dual) {
  int children = 1;
  for (const json& e : events) {
    auto it = e.find("children");
    if (it != e.end() && it->is_array()) children = std::max(children, static_cast<int>(it->size()));
  }
  ppb::ApprovalTerms t;
  t.set_min_children(1);
  t.set_max_children(children);
  t.set_min_age_years(0);
  t.set_max_age_years(17);
  t.set_sibling_groups(children > 1);
  t.set_dual_approval(dual);
  return t;
}

absl::StatusOr<HouseholdPart> PartsOf(const json& h) {
  HouseholdPart part;
  pb::ImportHouseholdRequest& r = part.before;
  r.set_source_id(Text(h, "id"));
  pb::Household* out = r.mutable_household();
  const std::string structure = Text(h, "family_structure");
  if (structure == "different_sex_couple") out->set_family_structure(pb::FAMILY_STRUCTURE_COUPLE_DIFFERENT_SEX);
  else if (structure == "same_sex_couple") out->set_family_structure(pb::FAMILY_STRUCTURE_COUPLE_SAME_SEX);
  else if (structure == "single") out->set_family_structure(pb::FAMILY_STRUCTURE_SINGLE);
  else return absl::InvalidArgumentError(absl::StrCat("family_structure '", structure, "' is not one of the format's"));
  // The extract names no applicants: one or two with the household's ethnicity, names to be added.
  for (int i = 0; i < (structure == "single" ? 1 : 2); ++i) out->add_applicants()->set_ethnicity(Text(h, "ethnicity"));
  auto la = platform::ResolveLocalAuthority(Text(h, "home_la"));
  if (!la.ok()) return absl::InvalidArgumentError(absl::StrCat("home_la: ", la.status().message()));
  out->set_home_local_authority(*la);
  out->set_second_time_adopters(Flag(h, "second_time_adopters"));
  out->set_foster_carers(Flag(h, "foster_carer_adopting"));
  out->set_connected_persons(Flag(h, "connected_person"));
  out->set_early_permanence_interest(Flag(h, "early_permanence_interest"));

  const json& events = h.contains("events") && h["events"].is_array() ? h["events"] : json::array();
  bool stage_one = false, stage_two = false, stopped = false;
  std::optional<adoption::type::v1::Date> heard;  // the panel's recommendation
  std::string heard_on;  // as the extract writes it
  for (const json& e : events) {
    const std::string type = Text(e, "type");
    auto date = DateOf(e);
    if (!date.ok()) return date.status();
    if (type == "ENQUIRY") {
      if (!out->has_enquiry_date()) *out->mutable_enquiry_date() = *date;
      continue;
    }
    stopped = stopped || FamilyFindingEvent(type);
    if (!stopped && type == "PANEL_RECOMMENDATION" && !part.approval) {
      heard = *date;
      heard_on = Text(e, "date");
      continue;
    }
    if (!stopped && type == "ADM_APPROVAL" && !part.approval) {
      ppb::ImportDecisionRequest& a = part.approval.emplace();
      a.set_source_id(absl::StrCat(Text(h, "id"), "/ADM_APPROVAL/", Text(e, "date")));
      ppb::Decision* d = a.mutable_decision();
      d->set_kind(ppb::DECISION_KIND_ADOPTER_APPROVAL);
      d->set_outcome(ppb::DECISION_OUTCOME_AGREED);
      *d->mutable_decision_date() = *date;
      if (heard) *d->mutable_panel_date() = *heard;
      auto dual = e.find("dual_approval");
      *d->mutable_approval_terms() = TermsOf(events, dual != e.end() && dual->is_boolean() && dual->get<bool>());
      continue;
    }
    auto recruitment = RecruitmentEvents().find(type);
    if (stopped || recruitment == RecruitmentEvents().end()) {
      stopped = true;
      ++part.held;
      continue;
    }
    stage_one = stage_one || type == "STAGE_ONE_STARTED";
    stage_two = stage_two || type == "STAGE_TWO_STARTED";
    // A household that left after the hearing has no decision to await.
    if (type == "WITHDRAWN" || type == "COUNSELLED_OUT") heard.reset();
    std::string reason = Text(e, "reason");
    if (type == "COUNSELLED_OUT") {
      auto named = recruitment::CounsellingOutReasonFromWording(reason);
      if (!named) return absl::InvalidArgumentError(absl::StrCat("counselled-out reason '", reason, "' is not one the agency reports"));
      reason = recruitment::CounsellingOutReasonName(*named);
    }
    for (pb::JourneyEvent event : recruitment->second) {
      pb::JourneyStep step;
      step.set_event(event);
      *step.mutable_effective_date() = *date;
      if (event != pb::JOURNEY_EVENT_ROI_ACCEPTED) step.set_reason(reason);
      if (part.approval) {
        part.after.push_back(std::move(step));
      } else {
        *r.add_steps() = std::move(step);
      }
    }
  }
  if (heard && !part.approval) {
    // The extract says only that the panel heard the approval: its recommendation, to
    // approve, is the ADM's to decide on (docs/import.md).
    ppb::ImportRecommendationRequest& hearing = part.hearing.emplace();
    hearing.set_source_id(absl::StrCat(Text(h, "id"), "/PANEL_RECOMMENDATION/", heard_on));
    *hearing.mutable_meeting_date() = *heard;
    hearing.mutable_agenda_item()->set_kind(ppb::AGENDA_ITEM_KIND_ADOPTER_APPROVAL);
    hearing.mutable_recommendation()->set_outcome(ppb::RECOMMENDATION_OUTCOME_RECOMMENDED);
  }
  if (!out->has_enquiry_date() && !events.empty()) {
    auto first = DateOf(events.front());
    if (first.ok()) *out->mutable_enquiry_date() = *first;
  }
  // Foster carers and connected persons adopting a child they know, and previous
  // adopters assessed without Stage 1, took the routes that start at Stage 2.
  if (out->foster_carers() || out->connected_persons()) {
    out->set_route(pb::ADOPTION_ROUTE_KNOWN_CHILD);
  } else if (stage_two && !stage_one && out->second_time_adopters()) {
    out->set_route(pb::ADOPTION_ROUTE_FAST_TRACK);
  }
  return part;
}

const google::protobuf::MethodDescriptor* Method(const std::string& name) {
  return google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(name);
}

// True once recruitment-svc has taken the approval published for `household` (it
// reads panel-svc's log on its own time).
bool WaitForApproval(const CallTarget& call, const std::string& household, absl::Time until) {
  pb::GetHouseholdRequest request;
  request.set_name(household);
  const auto* method = Method("adoption.recruitment.v1.RecruitmentService.GetHousehold");
  while (true) {
    std::unique_ptr<google::protobuf::Message> answer;
    if (call.Invoke(method, request, &answer).ok()) {
      for (const auto& step : static_cast<const pb::Household&>(*answer).journey()) {
        if (step.event() == pb::JOURNEY_EVENT_APPROVED) return true;
      }
    }
    if (absl::Now() >= until) return false;
    absl::SleepFor(absl::Milliseconds(200));
  }
}


// --- children (familyfinding-svc's part) ---------------------------------------

namespace fpb = adoption::familyfinding::v1;

// "Mixed White/Black Caribbean" -> "MIXED_WHITE_BLACK_CARIBBEAN": the extract's
// census category as the code the contract takes.
std::string EthnicityCode(const std::string& words) {
  std::string code;
  for (char c : words) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      code.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
    } else if (!code.empty() && code.back() != '_') {
      code.push_back('_');
    }
  }
  while (!code.empty() && code.back() == '_') code.pop_back();
  return code;
}

// The households a child's milestones name, by the extract's id: the agency's own
// (recruitment-svc's names) and partner agencies' (familyfinding-svc's).
struct KnownHousehold {
  std::string name;
  fpb::PlacementProvider provider = fpb::PLACEMENT_PROVIDER_IN_HOUSE;
};

fpb::PlacementProvider ProviderOf(const std::string& agency_type) {
  return agency_type == "voluntary adoption agency" ? fpb::PLACEMENT_PROVIDER_VOLUNTARY_ADOPTION_AGENCY
                                                    : fpb::PLACEMENT_PROVIDER_OTHER_LA_OR_RAA;
}

absl::StatusOr<fpb::ImportPartnerHouseholdRequest> PartnerOf(const json& h) {
  fpb::ImportPartnerHouseholdRequest r;
  r.set_source_id(Text(h, "id"));
  fpb::HouseholdProfile* p = r.mutable_household_profile();
  auto la = platform::ResolveLocalAuthority(Text(h, "home_la"));
  if (!la.ok()) return absl::InvalidArgumentError(absl::StrCat("home_la: ", la.status().message()));
  p->set_home_local_authority(*la);
  const std::string structure = Text(h, "family_structure");
  if (structure == "different_sex_couple") p->set_family_structure("FAMILY_STRUCTURE_COUPLE_DIFFERENT_SEX");
  else if (structure == "same_sex_couple") p->set_family_structure("FAMILY_STRUCTURE_COUPLE_SAME_SEX");
  else if (structure == "single") p->set_family_structure("FAMILY_STRUCTURE_SINGLE");
  else return absl::InvalidArgumentError(absl::StrCat("family_structure '", structure, "' is not one of the format's"));
  p->set_early_permanence_interest(Flag(h, "early_permanence_interest"));
  p->set_provider(ProviderOf(Text(h, "agency_type")));
  p->set_agency(Text(h, "agency").empty() ? "partner agency" : Text(h, "agency"));
  // Offered to us from the first day the extract knows of it.
  const json& events = h.contains("events") && h["events"].is_array() ? h["events"] : json::array();
  if (events.empty()) return absl::InvalidArgumentError("a partner's household with no events has no date");
  auto first = DateOf(events.front());
  if (!first.ok()) return first.status();
  *p->mutable_enquiry_date() = *first;
  return r;
}

// One child of the extract, split by the service that records each part: the
// milestones family finding records (in rounds, cut at each decision) and the agency
// decision maker's decisions (panel-svc's, which publishes them to family finding).
struct ChildParts {
  std::string id;
  fpb::Child details;
  // rounds[k]: family finding's milestones between decision k-1 and decision k (the
  // last: after the last decision).
  std::vector<std::vector<fpb::Milestone>> rounds;
  std::vector<ppb::ImportDecisionRequest> decisions;
  std::vector<fpb::MilestoneKind> decided_as;       // the milestone each decision becomes
};

absl::StatusOr<ChildParts> ChildPartsOf(const json& c, const std::map<std::string, KnownHousehold>& households) {
  ChildParts parts;
  parts.id = Text(c, "id");
  fpb::Child& d = parts.details;
  auto la = platform::ResolveLocalAuthority(Text(c, "la"));
  if (!la.ok()) return absl::InvalidArgumentError(absl::StrCat("la: ", la.status().message()));
  d.set_local_authority(*la);
  if (!Text(c, "dob").empty()) {
    auto dob = DateOf(json{{"date", Text(c, "dob")}});
    if (!dob.ok()) return dob.status();
    *d.mutable_date_of_birth() = *dob;
  }
  const std::string sex = Text(c, "sex");
  d.set_sex(sex == "F" ? fpb::SEX_FEMALE : sex == "M" ? fpb::SEX_MALE : fpb::SEX_NOT_KNOWN);
  d.set_ethnicity(EthnicityCode(Text(c, "ethnicity")));
  d.set_disability(c.contains("disability") && c["disability"].is_boolean() && c["disability"].get<bool>());
  if (!Text(c, "sibling_group").empty()) {
    d.set_sibling_group(Text(c, "sibling_group"));
    d.set_sibling_placement(fpb::SIBLING_PLACEMENT_TOGETHER);  // the format's groups are placed together
  }
  d.set_legal_status(fpb::LEGAL_STATUS_ACCOMMODATED);  // the milestones move it on

  auto household = [&](const json& m) -> absl::StatusOr<KnownHousehold> {
    auto it = households.find(Text(m, "household"));
    if (it == households.end()) {
      return absl::FailedPreconditionError(
          absl::StrCat("household ", Text(m, "household"), " was not imported, or its approval has not reached recruitment-svc (import again later)"));
    }
    return it->second;
  };
  // The child's facts in the extract's (date) order, each family finding's or a decision.
  struct Fact {
    std::string date;
    std::optional<fpb::Milestone> milestone;
    std::optional<ppb::Decision> decision;
    bool conversion = false;  // goes after the other facts of its day
  };
  std::vector<Fact> facts;
  const json& milestones = c.contains("milestones") && c["milestones"].is_array() ? c["milestones"] : json::array();
  for (const json& m : milestones) {
    const std::string type = Text(m, "type");
    auto date = DateOf(m);
    if (!date.ok()) return date.status();
    Fact f{.date = Text(m, "date")};
    auto own = [&](fpb::MilestoneKind kind) -> fpb::Milestone& {
      f.milestone.emplace().set_kind(kind);
      *f.milestone->mutable_date() = *date;
      return *f.milestone;
    };
    auto decision = [&](ppb::DecisionKind kind) -> ppb::Decision& {
      f.decision.emplace().set_kind(kind);
      f.decision->set_outcome(ppb::DECISION_OUTCOME_AGREED);
      *f.decision->mutable_decision_date() = *date;
      return *f.decision;
    };
    auto flag = [&](const char* key) { return m.contains(key) && m[key].is_boolean() && m[key].get<bool>(); };
    if (type == "ENTERED_CARE") {
      *d.mutable_entered_care_date() = *date;
      continue;
    } else if (type == "FAMILY_FINDING_REFERRAL") {
      own(fpb::MILESTONE_KIND_FAMILY_FINDING_REFERRAL);
    } else if (type == "SHOBPA_DECISION") {
      decision(ppb::DECISION_KIND_SHOULD_BE_PLACED);
    } else if (type == "PLACEMENT_ORDER") {
      own(fpb::MILESTONE_KIND_PLACEMENT_ORDER);
    } else if (type == "PLACEMENT_ORDER_APPEAL") {
      own(fpb::MILESTONE_KIND_PLACEMENT_ORDER_APPEAL);
    } else if (type == "LINKED" || type == "MATCH_DECISION" || type == "PLACED") {
      ASSIGN_OR_RETURN(KnownHousehold h, household(m));
      if (type == "MATCH_DECISION") {
        decision(ppb::DECISION_KIND_MATCH).set_household(h.name);
      } else if (type == "LINKED") {
        own(fpb::MILESTONE_KIND_LINKED).set_household(h.name);
      } else {
        fpb::Milestone& placed = own(fpb::MILESTONE_KIND_PLACED);
        placed.set_household(h.name);
        placed.set_provider(h.provider);
        placed.set_early_permanence(flag("early_permanence"));
        placed.set_foster_carer_adoption(flag("foster_carer_adoption"));
        if (flag("early_permanence")) d.set_early_permanence(true);
        if (placed.early_permanence() || placed.foster_carer_adoption()) {
          // It became an adoption placement later: that day goes in date order, after
          // everything on or before it (the match and the order come first).
          auto later = DateOf(json{{"date", Text(m, "adoption_placement_date")}});
          if (!later.ok()) return absl::InvalidArgumentError("adoption_placement_date is not YYYY-MM-DD");
          Fact conversion{.date = Text(m, "adoption_placement_date"), .conversion = true};
          conversion.milestone.emplace().set_kind(fpb::MILESTONE_KIND_ADOPTION_PLACEMENT);
          *conversion.milestone->mutable_date() = *later;
          facts.push_back(std::move(f));
          facts.push_back(std::move(conversion));
          continue;
        }
      }
    } else if (type == "DISRUPTION") {
      own(fpb::MILESTONE_KIND_DISRUPTION).set_reason(Text(m, "reason"));
    } else if (type == "ADOPTION_ORDER") {
      own(fpb::MILESTONE_KIND_ADOPTION_ORDER);
    } else if (type == "PLAN_CHANGED") {
      own(fpb::MILESTONE_KIND_PLAN_CHANGED).set_reason(Text(m, "reason"));
    } else {
      return absl::InvalidArgumentError(absl::StrCat("milestone type '", type, "' is not one of the format's"));
    }
    facts.push_back(std::move(f));
  }
  // Stable by date: a conversion moves past the facts dated on or before its day.
  std::stable_sort(facts.begin(), facts.end(), [](const Fact& a, const Fact& b) {
    return a.date != b.date ? a.date < b.date : (!a.conversion && b.conversion);
  });

  parts.rounds.emplace_back();
  for (Fact& f : facts) {
    if (f.milestone) {
      parts.rounds.back().push_back(std::move(*f.milestone));
      continue;
    }
    ppb::ImportDecisionRequest& r = parts.decisions.emplace_back();
    r.set_source_id(absl::StrCat(parts.id, "/", ppb::DecisionKind_Name(f.decision->kind()), "/", f.date));
    *r.mutable_decision() = std::move(*f.decision);
    parts.decided_as.push_back(r.decision().kind() == ppb::DECISION_KIND_MATCH
                                   ? fpb::MILESTONE_KIND_MATCHED
                                   : fpb::MILESTONE_KIND_SHOULD_BE_PLACED_DECISION);
    parts.rounds.emplace_back();
  }
  return parts;
}

// True once family finding shows the decision as the child's milestone (it reads
// panel-svc's log on its own time).
bool WaitForMilestone(const CallTarget& call, const std::string& child, fpb::MilestoneKind kind,
                      const adoption::type::v1::Date& date, absl::Time until) {
  fpb::GetChildRequest request;
  request.set_name(child);
  const auto* method = Method("adoption.familyfinding.v1.FamilyFindingService.GetChild");
  while (true) {
    std::unique_ptr<google::protobuf::Message> answer;
    if (call.Invoke(method, request, &answer).ok()) {
      for (const auto& m : static_cast<const fpb::Child&>(*answer).milestones()) {
        if (m.kind() == kind && m.date().year() == date.year() && m.date().month() == date.month() &&
            m.date().day() == date.day()) {
          return true;
        }
      }
    }
    if (absl::Now() >= until) return false;
    absl::SleepFor(absl::Milliseconds(200));
  }
}

struct ChildrenImported {
  std::map<std::string, int> children, decisions, partners;  // by result name
  int refused = 0;
};

// The extract's children: partner agencies' households first (they are named by the
// children's milestones), then each child in rounds — its milestones up to its next
// decision to familyfinding-svc, the decision to panel-svc, and, once family finding
// shows it, the next round.
ChildrenImported ImportChildren(const CallTarget& call, const json& extract,
                                const std::map<std::string, std::string>& ours, absl::Duration wait, Cli& cli) {
  ChildrenImported out;
  std::map<std::string, KnownHousehold> households;
  for (const auto& [id, name] : ours) households[id] = {name, fpb::PLACEMENT_PROVIDER_IN_HOUSE};
  const auto* import_partner = Method("adoption.familyfinding.v1.FamilyFindingService.ImportPartnerHousehold");
  const auto* import_child = Method("adoption.familyfinding.v1.FamilyFindingService.ImportChild");
  const auto* import_decision = Method("adoption.panel.v1.PanelService.ImportDecision");
  auto refuse = [&](const std::string& what, const std::string& why) {
    ++out.refused;
    cli.err() << what << ": " << why << "\n";
  };
  for (const json& h : extract["households"]) {
    if (!(h.contains("external") && h["external"].is_boolean() && h["external"].get<bool>())) continue;
    auto request = PartnerOf(h);
    if (!request.ok()) {
      refuse(absl::StrCat("household ", Text(h, "id")), std::string(request.status().message()));
      continue;
    }
    std::unique_ptr<google::protobuf::Message> answer;
    grpc::Status s = call.Invoke(import_partner, *request, &answer);
    if (!s.ok()) {
      refuse(absl::StrCat("household ", Text(h, "id")), StatusText(s));
      continue;
    }
    const auto& imported = static_cast<const fpb::ImportPartnerHouseholdResponse&>(*answer);
    ++out.partners[adoption::type::v1::ImportResult_Name(imported.result())];
    households[Text(h, "id")] = {imported.household_profile().household(), request->household_profile().provider()};
  }
  if (!extract.contains("children") || !extract["children"].is_array()) return out;

  struct InProgress {
    ChildParts parts;
    std::string name;         // "children/{id}" once created
    fpb::ImportChildRequest request;  // the milestones sent so far grow round by round
    std::string first_result;
  };
  std::vector<InProgress> children;
  for (const json& c : extract["children"]) {
    auto parts = ChildPartsOf(c, households);
    if (!parts.ok()) {
      refuse(absl::StrCat("child ", Text(c, "id")), std::string(parts.status().message()));
      continue;
    }
    InProgress p{.parts = *std::move(parts)};
    p.request.set_source_id(p.parts.id);
    *p.request.mutable_child() = p.parts.details;
    children.push_back(std::move(p));
  }
  const absl::Time until = absl::Now() + wait;
  for (size_t round = 0; !children.empty(); ++round) {
    std::vector<InProgress> next;
    for (InProgress& c : children) {
      if (round > 0 &&
          !WaitForMilestone(call, c.name, c.parts.decided_as[round - 1],
                            c.parts.decisions[round - 1].decision().decision_date(), until)) {
        refuse(absl::StrCat("child ", c.parts.id),
               absl::StrCat("familyfinding-svc had not taken its decision after the wait: its later milestones were not "
                            "imported (import again later)"));
        ++out.children[c.first_result];
        continue;
      }
      for (const auto& m : c.parts.rounds[round]) *c.request.add_milestones() = m;
      std::unique_ptr<google::protobuf::Message> answer;
      grpc::Status s = call.Invoke(import_child, c.request, &answer);
      if (!s.ok()) {
        refuse(absl::StrCat("child ", c.parts.id), StatusText(s));
        if (round > 0) ++out.children[c.first_result];
        continue;
      }
      const auto& imported = static_cast<const fpb::ImportChildResponse&>(*answer);
      const std::string result = adoption::type::v1::ImportResult_Name(imported.result());
      // Created in the first round stays created; a stored child given more is extended.
      if (round == 0 || c.first_result == "IMPORT_RESULT_UNCHANGED") c.first_result = result;
      c.name = imported.child().name();
      if (round == c.parts.decisions.size()) {
        ++out.children[c.first_result];
        continue;
      }
      ppb::ImportDecisionRequest decision = c.parts.decisions[round];
      decision.mutable_decision()->add_children(c.name);
      s = call.Invoke(import_decision, decision, &answer);
      if (!s.ok()) {
        refuse(absl::StrCat("child ", c.parts.id, "'s ", ppb::DecisionKind_Name(decision.decision().kind())),
               StatusText(s));
        ++out.children[c.first_result];
        continue;
      }
      ++out.decisions[adoption::type::v1::ImportResult_Name(
          static_cast<const ppb::ImportDecisionResponse&>(*answer).result())];
      next.push_back(std::move(c));
    }
    children = std::move(next);
  }
  return out;
}

}  // namespace

int Import(Cli& cli) {
  CallTarget call;
  call.Declare(cli);
  std::string wait = "120s";
  cli.String("wait", &wait,
             "how long to wait for recruitment-svc and familyfinding-svc to take the imported decisions (e.g. 120s)");
  std::string panel;
  cli.String("panel", &panel,
             "the panel (panels/{id}) that heard the approvals the extract has no decision on: their hearings are "
             "imported for the decision maker to decide");
  if (auto done = cli.Parse()) return *done;
  if (!panel.empty() && !absl::StartsWith(panel, "panels/")) return cli.Usage("--panel is a panel's name: panels/{id}");
  absl::Duration approvals_wait;
  if (!absl::ParseDuration(wait, &approvals_wait)) return cli.Usage("--wait is a duration such as 120s");
  if (cli.arguments().empty()) return cli.Usage("which FILE? (an extract in the format of docs/import.md)");
  const std::string path = cli.arguments()[0];
  std::ifstream in(path);
  if (!in) return cli.Failed(absl::StrCat("cannot read ", path));
  json extract = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (extract.is_discarded() || !extract.is_object()) return cli.Failed(absl::StrCat(path, " is not a JSON object"));
  if (!extract.contains("households") || !extract["households"].is_array()) {
    return cli.Failed(absl::StrCat(path, " has no households[]"));
  }

  const auto* import_household = Method("adoption.recruitment.v1.RecruitmentService.ImportHousehold");
  const auto* import_decision = Method("adoption.panel.v1.PanelService.ImportDecision");
  const auto* import_hearing = Method("adoption.panel.v1.PanelService.ImportRecommendation");
  std::map<std::string, int> households, decisions, hearings;  // by outcome
  // The extract's id -> recruitment-svc's name, for the households children may name:
  // only those whose approval (when the extract has one) recruitment-svc has taken. A
  // match naming a household whose approval is not there yet would reach recruitment-svc
  // before the approval (panel-svc's log holds them in the order they were imported) and
  // be set aside; such a child waits for the next import.
  std::map<std::string, std::string> ours;
  int refused = 0, external = 0, held = 0, undecided = 0;  // undecided: heard, left out without --panel
  struct Continued {
    std::string id, name;
    pb::ImportHouseholdRequest whole;
    std::string outcome;
  };
  std::vector<Continued> continued;  // households with steps after their approval
  std::vector<std::pair<std::string, std::string>> awaiting_approval;  // approved, no steps after: id, name
  auto refuse = [&](const std::string& id, const std::string& what, const std::string& why) {
    ++refused;
    cli.err() << "household " << id << what << ": " << why << "\n";
  };

  // First the households up to their approval, and the approvals.
  for (const json& h : extract["households"]) {
    const std::string id = Text(h, "id");
    if (h.contains("external") && h["external"].is_boolean() && h["external"].get<bool>()) {
      ++external;  // another agency's adopters: family finding's
      continue;
    }
    auto part = PartsOf(h);
    if (!part.ok()) {
      refuse(id, "", std::string(part.status().message()));
      continue;
    }
    std::unique_ptr<google::protobuf::Message> answer;
    grpc::Status s = call.Invoke(import_household, part->before, &answer);
    if (!s.ok()) {
      refuse(id, "", StatusText(s));
      continue;
    }
    const auto& imported = static_cast<const pb::ImportHouseholdResponse&>(*answer);
    std::string outcome = pb::ImportOutcome_Name(imported.outcome());
    held += part->held > 0;
    if (part->hearing && panel.empty()) ++undecided;
    if (part->hearing && !panel.empty()) {
      part->hearing->set_parent(panel);
      part->hearing->mutable_agenda_item()->set_household(imported.household().name());
      std::unique_ptr<google::protobuf::Message> heard;
      s = call.Invoke(import_hearing, *part->hearing, &heard);
      if (!s.ok()) {
        refuse(id, "'s hearing at panel", StatusText(s));
        ++households[outcome];
        continue;
      }
      ++hearings[adoption::type::v1::ImportResult_Name(
          static_cast<const ppb::ImportRecommendationResponse&>(*heard).result())];
    }
    if (part->approval) {
      part->approval->mutable_decision()->set_household(imported.household().name());
      std::unique_ptr<google::protobuf::Message> decided;
      s = call.Invoke(import_decision, *part->approval, &decided);
      if (!s.ok()) {
        refuse(id, "'s approval", StatusText(s));
        ++households[outcome];
        continue;
      }
      ++decisions[adoption::type::v1::ImportResult_Name(
          static_cast<const ppb::ImportDecisionResponse&>(*decided).result())];
      if (!part->after.empty()) {
        Continued c{id, imported.household().name(), part->before, outcome};
        for (const auto& step : part->after) *c.whole.add_steps() = step;
        continued.push_back(std::move(c));
        continue;
      }
      awaiting_approval.push_back({id, imported.household().name()});
    } else {
      ours[id] = imported.household().name();
    }
    ++households[outcome];
  }

  // Then the steps after the approvals, once recruitment-svc has taken them.
  const absl::Time until = absl::Now() + approvals_wait;
  for (Continued& c : continued) {
    if (!WaitForApproval(call, c.name, until)) {
      refuse(c.id, "", absl::StrCat("recruitment-svc had not taken its approval after ", wait,
                                    ": its steps after the approval were not imported (import again later)"));
      ++households[c.outcome];
      continue;
    }
    ours[c.id] = c.name;
    std::unique_ptr<google::protobuf::Message> answer;
    grpc::Status s = call.Invoke(import_household, c.whole, &answer);
    if (!s.ok()) {
      refuse(c.id, "", StatusText(s));
      ++households[c.outcome];
      continue;
    }
    const auto outcome = static_cast<const pb::ImportHouseholdResponse&>(*answer).outcome();
    // Created in the first pass stays created; a stored household given more is extended.
    ++households[c.outcome == "IMPORT_OUTCOME_CREATED" ? c.outcome : pb::ImportOutcome_Name(outcome)];
  }

  for (const auto& [id, name] : awaiting_approval) {
    if (!WaitForApproval(call, name, until)) {
      refuse(id, "", absl::StrCat("recruitment-svc had not taken its approval after ", wait,
                                  ": the children matched with it were not imported (import again later)"));
      continue;
    }
    ours[id] = name;
  }

  // Then the children, whose milestones name those households.
  ChildrenImported children = ImportChildren(call, extract, ours, approvals_wait, cli);
  refused += children.refused;
  // Then the support team's records.
  SupportImported support = ImportSupport(call, extract, cli);
  refused += support.refused;

  cli.out() << "households: " << households["IMPORT_OUTCOME_CREATED"] << " created, "
            << households["IMPORT_OUTCOME_EXTENDED"] << " extended, " << households["IMPORT_OUTCOME_UNCHANGED"]
            << " unchanged, " << refused << " refused; " << external << " external (family finding's)\n";
  cli.out() << "approvals: " << decisions["IMPORT_RESULT_CREATED"] << " created, "
            << decisions["IMPORT_RESULT_UNCHANGED"] << " unchanged\n";
  if (!panel.empty()) {
    cli.out() << "hearings awaiting a decision: " << hearings["IMPORT_RESULT_CREATED"] << " created, "
              << hearings["IMPORT_RESULT_UNCHANGED"] << " unchanged\n";
  }
  if (undecided > 0) {
    cli.out() << undecided << " households heard at panel have no decision in the extract: their hearings are not "
              << "imported without --panel (the panel that heard them)\n";
  }
  cli.out() << "partner households: " << children.partners["IMPORT_RESULT_CREATED"] << " created, "
            << children.partners["IMPORT_RESULT_UNCHANGED"] << " unchanged\n";
  cli.out() << "children: " << children.children["IMPORT_RESULT_CREATED"] << " created, "
            << children.children["IMPORT_RESULT_EXTENDED"] << " extended, "
            << children.children["IMPORT_RESULT_UNCHANGED"] << " unchanged\n";
  cli.out() << "decisions on children: " << children.decisions["IMPORT_RESULT_CREATED"] << " created, "
            << children.decisions["IMPORT_RESULT_UNCHANGED"] << " unchanged\n";
  if (extract.contains("support")) {
    cli.out() << "support requests: " << support.requests["IMPORT_RESULT_CREATED"] << " created, "
              << support.requests["IMPORT_RESULT_UNCHANGED"] << " unchanged; assessments of need: "
              << support.assessments["IMPORT_RESULT_CREATED"] << " created, "
              << support.assessments["IMPORT_RESULT_UNCHANGED"] << " unchanged\n";
  }
  if (held > 0) {
    cli.out() << held << " households go on past their recruitment steps: their matches, placements and orders "
              << "reach recruitment-svc from the children's decisions and milestones\n";
  }
  return refused > 0 ? 1 : 0;
}

std::string ImportDescription() {
  return "Reads an agency's case-history extract (the JSON format of docs/import.md) and sends each\n"
         "record to the service that owns it, through its API, in the extract's order: a household's\n"
         "details and recruitment steps to recruitment-svc (ImportHousehold); the agency decision\n"
         "maker's approval, with the day the panel heard it, to panel-svc (ImportDecision), which\n"
         "publishes it to recruitment-svc as a live decision; an approval the panel heard that has no\n"
         "decision yet, with --panel, to panel-svc as that panel's hearing (ImportRecommendation), for\n"
         "the decision maker to decide there; once recruitment-svc has taken an approval\n"
         "(--wait), the household's steps after its approval. Then partner agencies' households\n"
         "and the children to familyfinding-svc (ImportPartnerHousehold, ImportChild), each child\n"
         "in rounds: its milestones up to the decision maker's next decision, the decision to\n"
         "panel-svc, and once familyfinding-svc has taken it, the next round. Then the support part:\n"
         "requests and assessments of need to support-svc (ImportSupportRequest, ImportAssessmentOfNeed).\n"
         "Records keep their old ids, so\n"
         "importing the same file again writes nothing. A record a service refuses is reported with\n"
         "its id and the rest go on; the exit code is 1 when any was refused.";
}

}  // namespace adoptctl
