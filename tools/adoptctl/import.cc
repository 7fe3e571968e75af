// `adoptctl import FILE`: an agency's case-history extract (docs/import.md) sent to
// the services through their APIs, record by record.
#include "tools/adoptctl/import.h"

#include <fstream>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "adoption/panel/v1/panel_service.pb.h"
#include "adoption/recruitment/v1/recruitment_service.pb.h"
#include "platform/core/calendar.h"
#include "platform/core/local_authority.h"
#include "recruitment-svc/domain/journey.h"
#include "tools/adoptctl/call.h"

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
  bool undecided = false;  // heard at panel, with no decision in the extract
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
  part.undecided = heard.has_value() && !part.approval;
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

}  // namespace

int Import(Cli& cli) {
  CallTarget call;
  call.Declare(cli);
  std::string wait = "120s";
  cli.String("wait", &wait, "how long to wait for recruitment-svc to take the imported approvals (e.g. 120s)");
  if (auto done = cli.Parse()) return *done;
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
  std::map<std::string, int> households, decisions;  // by outcome
  int refused = 0, external = 0, held = 0, undecided = 0;
  struct Continued {
    std::string id, name;
    pb::ImportHouseholdRequest whole;
    std::string outcome;
  };
  std::vector<Continued> continued;  // households with steps after their approval
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
    undecided += part->undecided;
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

  cli.out() << "households: " << households["IMPORT_OUTCOME_CREATED"] << " created, "
            << households["IMPORT_OUTCOME_EXTENDED"] << " extended, " << households["IMPORT_OUTCOME_UNCHANGED"]
            << " unchanged, " << refused << " refused; " << external << " external (family finding's)\n";
  cli.out() << "approvals: " << decisions["IMPORT_RESULT_CREATED"] << " created, "
            << decisions["IMPORT_RESULT_UNCHANGED"] << " unchanged\n";
  if (undecided > 0) {
    cli.out() << undecided << " households heard at panel have no decision in the extract: the hearing is not "
              << "imported (panel-svc records hearings on its agenda)\n";
  }
  if (held > 0) {
    cli.out() << held << " households go on past their recruitment steps (matching, placement): those events are "
              << "imported by familyfinding-svc's part, not built yet\n";
  }
  return refused > 0 ? 1 : 0;
}

std::string ImportDescription() {
  return "Reads an agency's case-history extract (the JSON format of docs/import.md) and sends each\n"
         "record to the service that owns it, through its API, in the extract's order: a household's\n"
         "details and recruitment steps to recruitment-svc (ImportHousehold); the agency decision\n"
         "maker's approval, with the day the panel heard it, to panel-svc (ImportDecision), which\n"
         "publishes it to recruitment-svc as a live decision; once recruitment-svc has taken it\n"
         "(--wait), the household's steps after its approval. Records keep their old ids, so\n"
         "importing the same file again writes nothing. A record a service refuses is reported with\n"
         "its id and the rest go on; the exit code is 1 when any was refused.";
}

}  // namespace adoptctl
