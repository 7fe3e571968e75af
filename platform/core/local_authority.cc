#include "platform/core/local_authority.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "platform/core/status_macros.h"
#include "platform/core/table.h"

namespace platform {

namespace {

// The form names are compared in: ASCII case folded, "&" read as "and", punctuation
// that people type or leave out ("St. Helens", "Stockton on Tees", "Bristol, City
// of") as a space, runs of spaces as one. Other bytes (Welsh "Ynys Môn") are kept.
std::string NormaliseName(absl::string_view name) {
  std::string out;
  for (char c : name) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '&') {
      out += " and ";
    } else if (c == '.' || c == ',' || c == '-' || c == '\'' || absl::ascii_isspace(u)) {
      out += ' ';
    } else {
      out += static_cast<char>(absl::ascii_tolower(u));
    }
  }
  std::vector<absl::string_view> words = absl::StrSplit(out, ' ', absl::SkipEmpty());
  return absl::StrJoin(words, " ");
}

bool IsCodeShape(absl::string_view code) {
  if (code.size() != 9) return false;
  for (size_t i = 3; i < code.size(); ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(code[i]))) return false;
  }
  return true;
}

std::optional<LocalAuthorityKind> KindOf(absl::string_view code) {
  if (!IsCodeShape(code)) return std::nullopt;
  const absl::string_view prefix = code.substr(0, 3);
  if (prefix == "E06") return LocalAuthorityKind::kUnitary;
  if (prefix == "E08") return LocalAuthorityKind::kMetropolitanDistrict;
  if (prefix == "E09") return LocalAuthorityKind::kLondonBorough;
  if (prefix == "E10") return LocalAuthorityKind::kCounty;
  if (prefix == "W06") return LocalAuthorityKind::kWelshPrincipalArea;
  return std::nullopt;  // E07 districts under a county, S12 Scotland, anything else
}

bool Overlap(const LocalAuthority& a, const LocalAuthority& b) {
  const bool a_ends_before_b = a.valid_to && b.valid_from && *a.valid_to < *b.valid_from;
  const bool b_ends_before_a = b.valid_to && a.valid_from && *b.valid_to < *a.valid_from;
  return !a_ends_before_b && !b_ends_before_a;
}

}  // namespace

LocalAuthorityKind LocalAuthority::kind() const {
  // The register admits only codes with a kind (Parse).
  return KindOf(code).value_or(LocalAuthorityKind::kUnitary);
}

absl::StatusOr<LocalAuthorityRegister> LocalAuthorityRegister::Parse(absl::string_view tsv) {
  LocalAuthorityRegister reg;
  TableReading reading("local authorities");
  for (const TableRow& row : reading.Rows(tsv, 5, "expected code, name, aliases, valid_from, valid_to")) {
    const auto& cols = row.cells;
    auto problem = [&](absl::string_view what) { reading.Problem(row.line, what); };
    LocalAuthority la;
    la.code = std::string(cols[0]);
    la.name = std::string(absl::StripAsciiWhitespace(cols[1]));
    bool ok = true;
    if (!KindOf(la.code)) {
      problem(absl::StrCat("'", la.code,
                           "' is not an ONS code of an English upper-tier authority (E06, E08, E09, E10) "
                           "or a Welsh principal area (W06)"));
      ok = false;
    }
    if (NormaliseName(la.name).empty()) {
      problem("no name");
      ok = false;
    }
    for (absl::string_view alias : absl::StrSplit(cols[2], '|', absl::SkipWhitespace())) {
      la.aliases.emplace_back(absl::StripAsciiWhitespace(alias));
    }
    for (int i : {3, 4}) {
      if (cols[i].empty()) continue;
      auto d = ParseDate(cols[i]);
      if (!d.ok()) {
        problem(d.status().message());
        ok = false;
        continue;
      }
      (i == 3 ? la.valid_from : la.valid_to) = *d;
    }
    if (la.valid_from && la.valid_to && *la.valid_to < *la.valid_from) {
      problem(absl::StrCat(la.code, " ends before it begins"));
      ok = false;
    }
    if (ok) reg.authorities_.push_back(std::move(la));
  }

  std::sort(reg.authorities_.begin(), reg.authorities_.end(),
            [](const LocalAuthority& a, const LocalAuthority& b) { return a.code < b.code; });
  for (size_t i = 1; i < reg.authorities_.size(); ++i) {
    if (reg.authorities_[i].code == reg.authorities_[i - 1].code) {
      reading.Problem(absl::StrCat(reg.authorities_[i].code, " is listed twice"));
    }
  }
  // Names resolve to one authority at a time: two authorities in existence together
  // may share an alias (resolving it lists both) but not a name, and no alias may be
  // another's name.
  absl::flat_hash_map<std::string, std::vector<size_t>> by_ons_name;
  for (size_t i = 0; i < reg.authorities_.size(); ++i) {
    const LocalAuthority& la = reg.authorities_[i];
    by_ons_name[NormaliseName(la.name)].push_back(i);
    std::vector<std::string> keys = {NormaliseName(la.name)};
    for (const std::string& alias : la.aliases) keys.push_back(NormaliseName(alias));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (const std::string& key : keys) reg.by_name_[key].push_back(i);
  }
  for (const auto& [key, indexes] : reg.by_name_) {
    auto named = by_ons_name.find(key);
    if (named == by_ons_name.end()) continue;
    for (size_t n : named->second) {
      for (size_t other : indexes) {
        if (other == n || !Overlap(reg.authorities_[n], reg.authorities_[other])) continue;
        if (other < n && NormaliseName(reg.authorities_[other].name) == key) continue;  // reported once
        reading.Problem(absl::StrCat("'", reg.authorities_[n].name, "' names both ", reg.authorities_[n].code, " and ",
                                     reg.authorities_[other].code));
      }
    }
  }
  RETURN_IF_ERROR(reading.Status(/*sorted=*/true));
  return reg;
}

const LocalAuthorityRegister& LocalAuthorityRegister::Default() {
  static const LocalAuthorityRegister* reg = new LocalAuthorityRegister(Parse(EmbeddedTable("local_authorities.tsv")).value());
  return *reg;
}

const LocalAuthority* LocalAuthorityRegister::Find(absl::string_view code) const {
  auto it = std::lower_bound(authorities_.begin(), authorities_.end(), code,
                             [](const LocalAuthority& a, absl::string_view c) { return a.code < c; });
  return it != authorities_.end() && it->code == code ? &*it : nullptr;
}

absl::StatusOr<std::string> LocalAuthorityRegister::Resolve(absl::string_view name) const {
  return ResolveAmong(name, std::nullopt);
}

absl::StatusOr<std::string> LocalAuthorityRegister::ResolveOn(absl::string_view name, Date on) const {
  return ResolveAmong(name, on);
}

absl::StatusOr<std::string> LocalAuthorityRegister::ResolveAmong(absl::string_view name,
                                                                 std::optional<Date> on) const {
  auto exists = [&](const LocalAuthority& la) { return on ? la.ExistsOn(*on) : la.current(); };
  const std::string when = on ? absl::StrCat(" on ", FormatDate(*on)) : "";
  const std::string key = NormaliseName(name);
  if (key.empty()) return absl::InvalidArgumentError("no local authority name given");
  if (const LocalAuthority* la = Find(absl::AsciiStrToUpper(absl::StripAsciiWhitespace(name)))) {
    if (exists(*la)) return la->code;
    return absl::NotFoundError(absl::StrCat(la->code, " (", la->name, ") was not a local authority", when));
  }
  std::vector<const LocalAuthority*> found;
  if (auto it = by_name_.find(key); it != by_name_.end()) {
    for (size_t i : it->second) {
      if (exists(authorities_[i])) found.push_back(&authorities_[i]);
    }
  }
  if (found.size() == 1) return found[0]->code;
  if (found.empty()) {
    return absl::NotFoundError(absl::StrCat("no local authority is called '", name, "'", when));
  }
  std::vector<std::string> candidates;
  for (const LocalAuthority* la : found) candidates.push_back(absl::StrCat(la->name, " (", la->code, ")"));
  return absl::InvalidArgumentError(
      absl::StrCat("'", name, "' could be ", absl::StrJoin(candidates, " or "), when, ": give the code"));
}

bool IsLocalAuthorityCode(absl::string_view code) { return LocalAuthorityRegister::Default().Find(code) != nullptr; }

bool IsLocalAuthorityCodeOn(absl::string_view code, Date on) {
  const LocalAuthority* la = LocalAuthorityRegister::Default().Find(code);
  return la != nullptr && la->ExistsOn(on);
}

absl::StatusOr<std::string> ResolveLocalAuthority(absl::string_view name) {
  return LocalAuthorityRegister::Default().Resolve(name);
}

absl::StatusOr<std::string> ResolveLocalAuthorityOn(absl::string_view name, Date on) {
  return LocalAuthorityRegister::Default().ResolveOn(name, on);
}

}  // namespace platform
