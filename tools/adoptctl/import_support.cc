#include "tools/adoptctl/import_support.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "platform/core/calendar.h"
#include "platform/core/local_authority.h"

namespace adoptctl {

namespace spb = adoption::support::v1;
using nlohmann::json;

namespace {

// Lower case, with spaces and hyphens as underscores: "Birth parent" -> "birth_parent".
std::string Normal(const std::string& words) {
  return absl::StrReplaceAll(absl::AsciiStrToLower(absl::StripAsciiWhitespace(words)), {{" ", "_"}, {"-", "_"}});
}

bool AnyOf(const std::string& text, std::initializer_list<const char*> words) {
  for (const char* w : words) {
    if (absl::StrContains(text, w)) return true;
  }
  return false;
}

std::string Text(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// `key`'s date, unset when absent or null; INVALID_ARGUMENT when it is no date.
absl::StatusOr<std::optional<adoption::type::v1::Date>> OptionalDate(const json& j, const char* key) {
  const std::string text = Text(j, key);
  if (text.empty()) return std::nullopt;
  absl::StatusOr<platform::Date> d = platform::ParseDate(text);
  if (!d.ok()) return absl::InvalidArgumentError(absl::StrCat(key, " '", text, "' is not YYYY-MM-DD"));
  adoption::type::v1::Date out;
  out.set_year(static_cast<int>(d->year()));
  out.set_month(d->month());
  out.set_day(d->day());
  return out;
}

absl::StatusOr<std::string> AuthorityOf(const json& j, bool required) {
  const std::string la = Text(j, "la");
  if (la.empty()) {
    if (required) return absl::InvalidArgumentError("la is required");
    return std::string();
  }
  absl::StatusOr<std::string> code = platform::ResolveLocalAuthority(la);
  if (!code.ok()) return absl::InvalidArgumentError(absl::StrCat("la: ", code.status().message()));
  return code;
}

}  // namespace

spb::Channel ChannelOfWords(const std::string& words) {
  const std::string w = Normal(words);
  if (AnyOf(w, {"helpline", "phone", "call", "advice_line"})) return spb::CHANNEL_HELPLINE;
  if (AnyOf(w, {"email", "e_mail"})) return spb::CHANNEL_EMAIL;
  if (AnyOf(w, {"duty"})) return spb::CHANNEL_DUTY;
  if (AnyOf(w, {"referral", "referred", "professional"})) return spb::CHANNEL_REFERRAL;
  if (AnyOf(w, {"web", "online", "form", "portal"})) return spb::CHANNEL_WEB;
  return spb::CHANNEL_OTHER;
}

spb::RequesterKind RequesterOfWords(const std::string& words) {
  const std::string w = Normal(words);
  if (AnyOf(w, {"special_guardian", "sgo"})) return spb::REQUESTER_KIND_SPECIAL_GUARDIAN;
  if (AnyOf(w, {"birth"})) return spb::REQUESTER_KIND_BIRTH_RELATIVE;
  if (AnyOf(w, {"adopted_adult", "adopted_person", "adoptee"})) return spb::REQUESTER_KIND_ADOPTED_ADULT;
  if (AnyOf(w, {"adoptive", "adopter"})) return spb::REQUESTER_KIND_ADOPTIVE_FAMILY;
  return spb::REQUESTER_KIND_OTHER;
}

std::optional<spb::Triage> TriageOfWords(const std::string& words) {
  const std::string w = Normal(words);
  if (AnyOf(w, {"assessment"})) return spb::TRIAGE_ASSESSMENT_OF_NEED;
  if (AnyOf(w, {"signpost", "referred"})) return spb::TRIAGE_SIGNPOSTING;
  if (AnyOf(w, {"advice", "information", "resolved"})) return spb::TRIAGE_INFORMATION_ADVICE;
  return std::nullopt;
}

spb::AssessmentOutcome AssessmentOutcomeOfWords(const std::string& words) {
  const std::string w = Normal(words);
  if (AnyOf(w, {"no_support", "no_further", "nfa", "not_needed", "no_services"})) {
    return spb::ASSESSMENT_OUTCOME_NO_SUPPORT_NEEDED;
  }
  if (AnyOf(w, {"signpost", "referred", "elsewhere"})) return spb::ASSESSMENT_OUTCOME_REFERRED_ELSEWHERE;
  return spb::ASSESSMENT_OUTCOME_SUPPORT_PLAN;
}

absl::StatusOr<spb::ImportSupportRequestRequest> SupportRequestOf(const json& r, const std::string& agency) {
  spb::ImportSupportRequestRequest out;
  out.set_source_id(Text(r, "id"));
  spb::SupportRequest* s = out.mutable_support_request();
  absl::StatusOr<std::string> la = AuthorityOf(r, /*required=*/false);
  if (!la.ok()) return la.status();
  s->set_local_authority(*la);
  absl::StatusOr<std::optional<adoption::type::v1::Date>> received = OptionalDate(r, "date");
  if (!received.ok()) return received.status();
  if (!*received) return absl::InvalidArgumentError("date is required");
  *s->mutable_received_date() = **received;
  s->set_channel(ChannelOfWords(Text(r, "channel")));
  s->set_requester_kind(RequesterOfWords(Text(r, "requester")));
  // The format keeps no summary: say where the request came from instead.
  s->set_summary(absl::StrCat("Carried over from ", agency.empty() ? "the agency" : agency,
                              "'s old system (request ", Text(r, "id"), "); no summary was kept"));
  absl::StatusOr<std::optional<adoption::type::v1::Date>> call = OptionalDate(r, "sa_call_date");
  if (!call.ok()) return call.status();
  const std::string outcome(absl::StripAsciiWhitespace(Text(r, "outcome")));
  if (*call) {
    s->set_triage(spb::TRIAGE_SUPPORT_CALL);
    *s->mutable_support_call_date() = **call;
  } else if (std::optional<spb::Triage> triage = TriageOfWords(outcome)) {
    s->set_triage(*triage);
  }
  if (!outcome.empty()) {
    s->set_status(spb::SUPPORT_REQUEST_STATUS_CLOSED);
    s->set_outcome(outcome);
  }
  return out;
}

absl::StatusOr<spb::ImportAssessmentOfNeedRequest> AssessmentOf(const json& a) {
  spb::ImportAssessmentOfNeedRequest out;
  out.set_source_id(Text(a, "id"));
  spb::AssessmentOfNeed* s = out.mutable_assessment_of_need();
  absl::StatusOr<std::string> la = AuthorityOf(a, /*required=*/true);
  if (!la.ok()) return la.status();
  s->set_local_authority(*la);
  auto started = OptionalDate(a, "started");
  auto requested = OptionalDate(a, "requested");  // kept by some systems; the start otherwise
  auto completed = OptionalDate(a, "completed");
  for (const auto* d : {&started, &requested, &completed}) {
    if (!d->ok()) return d->status();
  }
  if (!*started) return absl::InvalidArgumentError("started is required");
  *s->mutable_requested_date() = requested->value_or(**started);
  *s->mutable_start_date() = **started;
  out.set_support_request_source_id(Text(a, "request"));
  if (*completed) {
    *out.mutable_completed_date() = **completed;
    const std::string words(absl::StripAsciiWhitespace(Text(a, "outcome")));
    out.set_outcome(AssessmentOutcomeOfWords(words));
    if (out.outcome() == spb::ASSESSMENT_OUTCOME_SUPPORT_PLAN) {
      s->set_support_plan(words.empty() ? "Support plan kept in the old system; its outcome was not recorded" : words);
    }
  }
  return out;
}

SupportImported ImportSupport(const CallTarget& call, const json& extract, Cli& cli) {
  SupportImported out;
  auto part = extract.find("support");
  if (part == extract.end() || !part->is_object()) return out;
  auto refuse = [&](const std::string& what, const std::string& why) {
    ++out.refused;
    cli.err() << what << ": " << why << "\n";
  };
  const google::protobuf::DescriptorPool* pool = google::protobuf::DescriptorPool::generated_pool();
  const auto* import_request = pool->FindMethodByName("adoption.support.v1.SupportService.ImportSupportRequest");
  const auto* import_assessment = pool->FindMethodByName("adoption.support.v1.SupportService.ImportAssessmentOfNeed");
  const std::string agency = Text(extract, "agency");
  auto records = [&](const char* key) {
    auto it = part->find(key);
    return it != part->end() && it->is_array() ? *it : json::array();
  };
  for (const json& r : records("requests")) {
    const std::string what = absl::StrCat("support request ", Text(r, "id"));
    absl::StatusOr<spb::ImportSupportRequestRequest> request = SupportRequestOf(r, agency);
    if (!request.ok()) {
      refuse(what, std::string(request.status().message()));
      continue;
    }
    std::unique_ptr<google::protobuf::Message> answer;
    grpc::Status s = call.Invoke(import_request, *request, &answer);
    if (!s.ok()) {
      refuse(what, StatusText(s));
      continue;
    }
    ++out.requests[adoption::type::v1::ImportResult_Name(
        static_cast<const spb::ImportSupportRequestResponse&>(*answer).result())];
  }
  for (const json& a : records("assessments")) {
    const std::string what = absl::StrCat("assessment ", Text(a, "id"));
    absl::StatusOr<spb::ImportAssessmentOfNeedRequest> request = AssessmentOf(a);
    if (!request.ok()) {
      refuse(what, std::string(request.status().message()));
      continue;
    }
    std::unique_ptr<google::protobuf::Message> answer;
    grpc::Status s = call.Invoke(import_assessment, *request, &answer);
    if (!s.ok()) {
      refuse(what, StatusText(s));
      continue;
    }
    ++out.assessments[adoption::type::v1::ImportResult_Name(
        static_cast<const spb::ImportAssessmentOfNeedResponse&>(*answer).result())];
  }
  return out;
}

}  // namespace adoptctl
