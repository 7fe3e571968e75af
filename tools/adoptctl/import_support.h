#pragma once
// `adoptctl import`'s support part: the extract's `support.requests[]` and
// `support.assessments[]` (docs/import.md) to support-svc, through its API.
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "adoption/support/v1/support_service.pb.h"
#include "tools/adoptctl/call.h"
#include "tools/adoptctl/cli.h"

namespace adoptctl {

// The old system's words for how a request came in and who asked, read generously
// (case, spaces, hyphens and common synonyms): an unknown channel is OTHER; an unknown
// requester is OTHER.
adoption::support::v1::Channel ChannelOfWords(const std::string& words);
adoption::support::v1::RequesterKind RequesterOfWords(const std::string& words);
// What a request's outcome words say it was triaged to, when they say (a request
// whose support & advice call is recorded was triaged to a call, whatever its words).
std::optional<adoption::support::v1::Triage> TriageOfWords(const std::string& words);
// What a completed assessment's outcome words say it concluded: no support needed,
// referred elsewhere, or (by default: an assessment completed ends in a plan) a
// support plan.
adoption::support::v1::AssessmentOutcome AssessmentOutcomeOfWords(const std::string& words);

// The extract's support records as the API's import requests; INVALID_ARGUMENT for a
// record the format does not allow (a date that is no date, an unknown authority).
absl::StatusOr<adoption::support::v1::ImportSupportRequestRequest> SupportRequestOf(const nlohmann::json& r,
                                                                                    const std::string& agency);
absl::StatusOr<adoption::support::v1::ImportAssessmentOfNeedRequest> AssessmentOf(const nlohmann::json& a);

struct SupportImported {
  std::map<std::string, int> requests, assessments;  // by ImportResult name
  int refused = 0;
};
// Every request, then every assessment (which may name a request): a refused record
// is reported on cli.err() with its id and the rest go on.
SupportImported ImportSupport(const CallTarget& call, const nlohmann::json& extract, Cli& cli);

}  // namespace adoptctl
