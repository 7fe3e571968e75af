// `adoptctl import FILE`: an agency's case-history extract (docs/import.md) sent to
// the services through their APIs, record by record.
#include "tools/adoptctl/import.h"

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "adoption/recruitment/v1/recruitment_service.pb.h"
#include "platform/core/calendar.h"
#include "platform/core/local_authority.h"
#include "recruitment-svc/domain/journey.h"
#include "tools/adoptctl/call.h"

namespace adoptctl {

namespace pb = adoption::recruitment::v1;
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

struct HouseholdPart {
  pb::ImportHouseholdRequest request;
  int held = 0;  // events after the history's first that another service records
};

// The recruitment part of one household of the extract: its details and its steps up
// to the first event another service records (the panel's recommendation and the
// ADM's approval are panel-svc's; links, matches, placements and orders family finding's).
absl::StatusOr<HouseholdPart> RecruitmentPart(const json& h) {
  HouseholdPart part;
  pb::ImportHouseholdRequest& r = part.request;
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
  for (const json& e : events) {
    const std::string type = Text(e, "type");
    auto date = DateOf(e);
    if (!date.ok()) return date.status();
    if (type == "ENQUIRY") {
      if (!out->has_enquiry_date()) *out->mutable_enquiry_date() = *date;
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
      pb::JourneyStep* step = r.add_steps();
      step->set_event(event);
      *step->mutable_effective_date() = *date;
      if (event != pb::JOURNEY_EVENT_ROI_ACCEPTED) step->set_reason(reason);
    }
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

}  // namespace

int Import(Cli& cli) {
  CallTarget call;
  call.Declare(cli);
  if (auto done = cli.Parse()) return *done;
  if (cli.arguments().empty()) return cli.Usage("which FILE? (an extract in the format of docs/import.md)");
  const std::string path = cli.arguments()[0];
  std::ifstream in(path);
  if (!in) return cli.Failed(absl::StrCat("cannot read ", path));
  json extract = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (extract.is_discarded() || !extract.is_object()) return cli.Failed(absl::StrCat(path, " is not a JSON object"));
  if (!extract.contains("households") || !extract["households"].is_array()) {
    return cli.Failed(absl::StrCat(path, " has no households[]"));
  }

  const auto* method = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
      "adoption.recruitment.v1.RecruitmentService.ImportHousehold");
  std::map<int, int> outcomes;
  int refused = 0, external = 0, held = 0;
  for (const json& h : extract["households"]) {
    const std::string id = Text(h, "id");
    if (h.contains("external") && h["external"].is_boolean() && h["external"].get<bool>()) {
      ++external;  // another agency's adopters: family finding's
      continue;
    }
    auto part = RecruitmentPart(h);
    if (!part.ok()) {
      ++refused;
      cli.err() << "household " << id << ": " << part.status().message() << "\n";
      continue;
    }
    std::unique_ptr<google::protobuf::Message> answer;
    grpc::Status s = call.Invoke(method, part->request, &answer);
    if (!s.ok()) {
      ++refused;
      cli.err() << "household " << id << ": " << StatusText(s) << "\n";
      continue;
    }
    ++outcomes[static_cast<const pb::ImportHouseholdResponse&>(*answer).outcome()];
    held += part->held > 0;
  }
  cli.out() << "households: " << outcomes[pb::IMPORT_OUTCOME_CREATED] << " created, "
            << outcomes[pb::IMPORT_OUTCOME_EXTENDED] << " extended, " << outcomes[pb::IMPORT_OUTCOME_UNCHANGED]
            << " unchanged, " << refused << " refused; " << external << " external (family finding's)\n";
  if (held > 0) {
    cli.out() << held << " households go on past their recruitment steps (panel, matching, placement): those "
              << "events are imported by panel-svc's and familyfinding-svc's parts, not built yet\n";
  }
  return refused > 0 ? 1 : 0;
}

std::string ImportDescription() {
  return "Reads an agency's case-history extract (the JSON format of docs/import.md) and sends each\n"
         "record to the service that owns it, through its API: a household's details and recruitment\n"
         "steps to recruitment-svc (ImportHousehold), in the extract's order. Records keep their old\n"
         "ids, so importing the same file again writes nothing. A record a service refuses is\n"
         "reported with its id and the rest go on; the exit code is 1 when any was refused.";
}

}  // namespace adoptctl
