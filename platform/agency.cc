#include "platform/agency.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "platform/auth.h"
#include "platform/embedded.h"

namespace platform {

const std::vector<EmbeddedFile>& ConfigTables();  // config/*, compiled in

namespace {

constexpr std::pair<AgencyType, const char*> kAgencyTypeNames[] = {
    {AgencyType::kLocalAuthority, "local_authority"},
    {AgencyType::kRegionalAdoptionAgency, "regional_adoption_agency"},
    {AgencyType::kVoluntaryAdoptionAgency, "voluntary_adoption_agency"},
};

// An agency id is what a token's "agency" claim carries: no spaces, nothing to quote.
bool IsAgencyId(absl::string_view id) {
  if (id.empty() || id.size() > 100) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

bool Overlap(const AgencyMembership& a, const AgencyMembership& b) {
  return !(a.to && *a.to < b.from) && !(b.to && *b.to < a.from);
}

}  // namespace

std::string AgencyTypeName(AgencyType type) {
  for (const auto& [t, name] : kAgencyTypeNames) {
    if (t == type) return name;
  }
  return "";
}

std::optional<AgencyType> ParseAgencyType(absl::string_view name) {
  for (const auto& [t, n] : kAgencyTypeNames) {
    if (name == n) return t;
  }
  return std::nullopt;
}

absl::StatusOr<Agency> Agency::Parse(absl::string_view text, const LocalAuthorityRegister& authorities) {
  Agency agency;
  std::vector<std::string> problems;
  std::vector<int> membership_lines;
  int id_line = 0, name_line = 0, type_line = 0;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    if (absl::StripAsciiWhitespace(line).empty() || line[0] == '#') continue;
    std::vector<absl::string_view> cols = absl::StrSplit(line, '\t');
    for (absl::string_view& c : cols) c = absl::StripAsciiWhitespace(c);
    const absl::string_view kind = cols[0];
    const std::string where = absl::StrCat("line ", line_no, ": ");
    auto single = [&](int& seen_at, std::string& value) -> bool {
      if (cols.size() != 2 || cols[1].empty()) {
        problems.push_back(absl::StrCat(where, kind, " takes one value"));
        return false;
      }
      if (seen_at != 0) {
        problems.push_back(absl::StrCat(where, kind, " is given again (first on line ", seen_at, ")"));
        return false;
      }
      seen_at = line_no;
      value = std::string(cols[1]);
      return true;
    };
    if (kind == "id") {
      std::string id;
      if (single(id_line, id)) {
        if (IsAgencyId(id)) {
          agency.id_ = id;
        } else {
          problems.push_back(absl::StrCat(where, "id '", id, "' may hold only letters, digits, '-', '_' and '.'"));
        }
      }
    } else if (kind == "name") {
      single(name_line, agency.name_);
    } else if (kind == "type") {
      std::string type;
      if (single(type_line, type)) {
        if (auto t = ParseAgencyType(type)) {
          agency.type_ = *t;
        } else {
          problems.push_back(absl::StrCat(where, "type '", type,
                                          "' is not local_authority, regional_adoption_agency or "
                                          "voluntary_adoption_agency"));
        }
      }
    } else if (kind == "serves") {
      if (cols.size() != 3 && cols.size() != 4) {
        problems.push_back(absl::StrCat(where, "serves takes a local authority code, from and optionally to"));
        continue;
      }
      AgencyMembership m;
      m.local_authority = std::string(cols[1]);
      const LocalAuthority* la = authorities.Find(m.local_authority);
      if (la == nullptr) {
        problems.push_back(absl::StrCat(where, "'", m.local_authority, "' is not in the local authority register"));
      }
      auto from = ParseDate(cols[2]);
      if (!from.ok()) problems.push_back(absl::StrCat(where, "from: ", from.status().message()));
      absl::StatusOr<Date> to = absl::NotFoundError("");
      if (cols.size() == 4 && !cols[3].empty()) {
        to = ParseDate(cols[3]);
        if (!to.ok()) problems.push_back(absl::StrCat(where, "to: ", to.status().message()));
      }
      if (la == nullptr || !from.ok() || (cols.size() == 4 && !cols[3].empty() && !to.ok())) continue;
      m.from = *from;
      if (to.ok()) m.to = *to;
      if (m.to && *m.to < m.from) {
        problems.push_back(absl::StrCat(where, m.local_authority, " is left before it is joined"));
        continue;
      }
      // The code must name an authority for the whole period: an agency that served
      // Dorset county council (E10000009) stopped when it was abolished on 2019-03-31
      // and serves the Dorset unitary (E06000059) on a row of its own.
      if (!la->ExistsOn(m.from)) {
        problems.push_back(absl::StrCat(where, m.local_authority, " (", la->name, ") did not exist on ",
                                        FormatDate(m.from)));
      } else if (la->valid_to && (!m.to || *m.to > *la->valid_to)) {
        problems.push_back(absl::StrCat(where, m.local_authority, " (", la->name, ") ceased on ",
                                        FormatDate(*la->valid_to), ": give the last day served"));
      }
      agency.memberships_.push_back(std::move(m));
      membership_lines.push_back(line_no);
    } else if (kind == "partner") {
      if (cols.size() != 4) {
        problems.push_back(absl::StrCat(where, "partner takes an id, a type and a name"));
        continue;
      }
      PartnerAgency p;
      p.id = std::string(cols[1]);
      p.name = std::string(cols[3]);
      auto type = ParseAgencyType(cols[2]);
      if (!IsAgencyId(p.id)) problems.push_back(absl::StrCat(where, "partner id '", p.id, "' is not an agency id"));
      if (!type) problems.push_back(absl::StrCat(where, "partner type '", cols[2], "' is not an agency type"));
      if (p.name.empty()) problems.push_back(absl::StrCat(where, "partner ", p.id, " has no name"));
      if (!IsAgencyId(p.id) || !type || p.name.empty()) continue;
      p.type = *type;
      if (agency.FindPartner(p.id) != nullptr) {
        problems.push_back(absl::StrCat(where, "partner ", p.id, " is listed twice"));
        continue;
      }
      agency.partners_.push_back(std::move(p));
    } else {
      problems.push_back(absl::StrCat(where, "'", kind, "' is not id, name, type, serves or partner"));
    }
  }
  if (id_line == 0) problems.push_back("no id");
  if (name_line == 0) problems.push_back("no name");
  if (type_line == 0) problems.push_back("no type");
  if (!agency.id_.empty() && agency.FindPartner(agency.id_) != nullptr) {
    problems.push_back(absl::StrCat("the agency ", agency.id_, " is listed as its own partner"));
  }
  const auto& ms = agency.memberships_;
  for (size_t i = 0; i < ms.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (!Overlap(ms[i], ms[j])) continue;
      if (ms[i].local_authority == ms[j].local_authority) {
        problems.push_back(absl::StrCat("line ", membership_lines[i], ": ", ms[i].local_authority,
                                        " is already served then (line ", membership_lines[j], ")"));
      } else if (type_line != 0 && agency.type_ == AgencyType::kLocalAuthority) {
        problems.push_back(absl::StrCat("line ", membership_lines[i],
                                        ": a local authority agency acts for one authority at a time (line ",
                                        membership_lines[j], ")"));
      }
    }
  }
  if (type_line != 0 && agency.type_ != AgencyType::kVoluntaryAdoptionAgency && ms.empty()) {
    problems.push_back(absl::StrCat("a ", AgencyTypeName(agency.type_), " serves at least one local authority"));
  }
  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrCat("agency: ", absl::StrJoin(problems, "; ")));
  return agency;
}

absl::StatusOr<Agency> Agency::Load(const std::string& path) {
  if (path.empty()) return Default();
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  auto agency = Parse(*text);
  if (!agency.ok()) return absl::Status(agency.status().code(), absl::StrCat(path, ": ", agency.status().message()));
  return agency;
}

const Agency& Agency::Default() {
  static const Agency* agency = [] {
    for (const auto& f : ConfigTables()) {
      if (f.name == "agency.tsv") return new Agency(Parse(f.content).value());
    }
    abort();  // compiled in by platform/CMakeLists.txt
  }();
  return *agency;
}

bool Agency::Serves(absl::string_view la_code, Date on) const {
  return std::any_of(memberships_.begin(), memberships_.end(), [&](const AgencyMembership& m) {
    return m.local_authority == la_code && m.CoversDay(on);
  });
}

std::vector<std::string> Agency::LocalAuthoritiesOn(Date on) const {
  std::vector<std::string> codes;
  for (const AgencyMembership& m : memberships_) {
    if (m.CoversDay(on)) codes.push_back(m.local_authority);
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

const PartnerAgency* Agency::FindPartner(absl::string_view id) const {
  for (const PartnerAgency& p : partners_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

}  // namespace platform
