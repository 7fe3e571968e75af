// The gateway's path templates (gateway/path_template.h): parsing, matching and the
// percent-decoding of each segment. Input: "TEMPLATE\nPATH" matches PATH against a
// template parsed from TEMPLATE; a single line is a request path, matched against
// templates of every shape the contracts use.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/path_template.h"

namespace {

// The shapes of the contracts' google.api.http paths (proto/adoption/*/v1).
const std::vector<gateway::PathTemplate>& ContractTemplates() {
  static const auto* templates = [] {
    auto* out = new std::vector<gateway::PathTemplate>;
    for (const char* text : {
             "/v1/households",
             "/v1/households:import",
             "/v1/{name=households/*}",
             "/v1/{name=households/*}:startStageOne",
             "/v1/{household.name=households/*}",
             "/v1/{parent=contactArrangements/*}/exchanges",
             "/v1/{name=contactArrangements/*/exchanges/*}:approve",
             "/v1/{name=contactArrangements/*/exchanges/*/versions/*/attachments/*}",
             "/v1/{name=panels/*/meetings/*/agendaItems/*/recommendation}:finaliseMinutes",
             "/v1/{parent=panels/*/meetings/*/agendaItems/*}:recordRecommendation",
             "/v1/reports/adopterFunnel",
         }) {
      auto parsed = gateway::PathTemplate::Parse(text);
      if (!parsed.ok()) {
        fprintf(stderr, "contract template %s does not parse: %s\n", text, parsed.status().ToString().c_str());
        abort();
      }
      out->push_back(*std::move(parsed));
    }
    return out;
  }();
  return *templates;
}

void Check(bool ok, const char* what, std::string_view input) {
  if (ok) return;
  fprintf(stderr, "violated: %s\ninput: %.*s\n", what, static_cast<int>(input.size()), input.data());
  abort();
}

size_t Count(std::string_view text, std::string_view what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  for (bool plus : {false, true}) {
    // Decoding never lengthens: "%41" is one byte, anything else itself.
    Check(gateway::PercentDecode(input, plus).size() <= input.size(), "PercentDecode grew its input", input);
  }
  const size_t newline = input.find('\n');
  if (newline == std::string::npos) {
    for (const gateway::PathTemplate& t : ContractTemplates()) {
      auto bindings = t.Match(input);
      if (!bindings) continue;
      // One binding for each variable of the template, none empty (each holds a '*').
      Check(bindings->size() == Count(t.text(), "{"), "a binding per variable", input);
      for (const auto& [field, value] : *bindings) Check(!value.empty(), "a variable bound to nothing", input);
    }
    return 0;
  }
  const std::string text = input.substr(0, newline), path = input.substr(newline + 1);
  // "**" matches any number of segments and is tried at each, so a template with many
  // takes time exponential in them: the grammar allows it once, and the templates come
  // from the contracts, not from callers.
  if (Count(text, "**") > 1) return 0;
  auto parsed = gateway::PathTemplate::Parse(text);
  if (!parsed.ok()) return 0;
  Check(parsed->literal_count() >= 0, "a literal count", input);
  if (auto bindings = parsed->Match(path)) {
    for (const auto& [field, value] : *bindings) {
      Check(value.size() <= path.size(), "a binding longer than the path", input);
    }
  }
  return 0;
}
