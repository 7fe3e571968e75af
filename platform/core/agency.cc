#include "platform/core/agency.h"

#include <algorithm>
#include <map>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "platform/core/config.h"
#include "platform/core/status_macros.h"
#include "platform/core/table.h"

namespace platform {


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
  TableReading reading("agency");
  std::vector<int> membership_lines;
  std::map<std::string, int> region_lines;
  int id_line = 0, name_line = 0, type_line = 0;
  // No header: each row's first cell says what it is.
  for (TableRow row : reading.Rows(text, 0, "", /*header=*/false)) {
    const int line_no = row.line;
    std::vector<absl::string_view>& cols = row.cells;
    for (absl::string_view& c : cols) c = absl::StripAsciiWhitespace(c);
    const absl::string_view kind = cols[0];
    auto problem = [&](absl::string_view what) { reading.Problem(line_no, what); };
    auto single = [&](int& seen_at, std::string& value) -> bool {
      if (cols.size() != 2 || cols[1].empty()) {
        problem(absl::StrCat(kind, " takes one value"));
        return false;
      }
      if (seen_at != 0) {
        problem(absl::StrCat(kind, " is given again (first on line ", seen_at, ")"));
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
          problem(absl::StrCat("id '", id, "' may hold only letters, digits, '-', '_' and '.'"));
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
          problem(absl::StrCat("type '", type,
                                          "' is not local_authority, regional_adoption_agency or "
                                          "voluntary_adoption_agency"));
        }
      }
    } else if (kind == "serves") {
      if (cols.size() != 3 && cols.size() != 4) {
        problem("serves takes a local authority code, from and optionally to");
        continue;
      }
      AgencyMembership m;
      m.local_authority = std::string(cols[1]);
      const LocalAuthority* la = authorities.Find(m.local_authority);
      if (la == nullptr) {
        problem(absl::StrCat("'", m.local_authority, "' is not in the local authority register"));
      }
      auto from = ParseDate(cols[2]);
      if (!from.ok()) problem(absl::StrCat("from: ", from.status().message()));
      absl::StatusOr<Date> to = absl::NotFoundError("");
      if (cols.size() == 4 && !cols[3].empty()) {
        to = ParseDate(cols[3]);
        if (!to.ok()) problem(absl::StrCat("to: ", to.status().message()));
      }
      if (la == nullptr || !from.ok() || (cols.size() == 4 && !cols[3].empty() && !to.ok())) continue;
      m.from = *from;
      if (to.ok()) m.to = *to;
      if (m.to && *m.to < m.from) {
        problem(absl::StrCat(m.local_authority, " is left before it is joined"));
        continue;
      }
      // The code must name an authority for the whole period: an agency that served
      // Dorset county council (E10000009) stopped when it was abolished on 2019-03-31
      // and serves the Dorset unitary (E06000059) on a row of its own.
      if (!la->ExistsOn(m.from)) {
        problem(absl::StrCat(m.local_authority, " (", la->name, ") did not exist on ",
                                        FormatDate(m.from)));
      } else if (la->valid_to && (!m.to || *m.to > *la->valid_to)) {
        problem(absl::StrCat(m.local_authority, " (", la->name, ") ceased on ",
                                        FormatDate(*la->valid_to), ": give the last day served"));
      }
      agency.memberships_.push_back(std::move(m));
      membership_lines.push_back(line_no);
    } else if (kind == "partner") {
      if (cols.size() != 4) {
        problem("partner takes an id, a type and a name");
        continue;
      }
      PartnerAgency p;
      p.id = std::string(cols[1]);
      p.name = std::string(cols[3]);
      auto type = ParseAgencyType(cols[2]);
      if (!IsAgencyId(p.id)) problem(absl::StrCat("partner id '", p.id, "' is not an agency id"));
      if (!type) problem(absl::StrCat("partner type '", cols[2], "' is not an agency type"));
      if (p.name.empty()) problem(absl::StrCat("partner ", p.id, " has no name"));
      if (!IsAgencyId(p.id) || !type || p.name.empty()) continue;
      p.type = *type;
      if (agency.FindPartner(p.id) != nullptr) {
        problem(absl::StrCat("partner ", p.id, " is listed twice"));
        continue;
      }
      agency.partners_.push_back(std::move(p));
    } else if (kind == "region") {
      if (cols.size() != 3 || cols[2].empty()) {
        problem("region takes a local authority code and the region's name");
        continue;
      }
      const std::string code(cols[1]);
      if (authorities.Find(code) == nullptr) {
        problem(absl::StrCat("'", code, "' is not in the local authority register"));
        continue;
      }
      if (!agency.regions_.emplace(code, std::string(cols[2])).second) {
        problem(absl::StrCat("the region of ", code, " is given twice"));
      }
      region_lines[code] = line_no;
    } else {
      problem(absl::StrCat("'", kind, "' is not id, name, type, serves, partner or region"));
    }
  }
  for (const auto& [code, line] : region_lines) {
    bool served = false;
    for (const auto& m : agency.memberships_) served |= m.local_authority == code;
    if (!served) reading.Problem(line, absl::StrCat("a region is given for ", code, ", which the agency never served"));
  }
  if (id_line == 0) reading.Problem("no id");
  if (name_line == 0) reading.Problem("no name");
  if (type_line == 0) reading.Problem("no type");
  if (!agency.id_.empty() && agency.FindPartner(agency.id_) != nullptr) {
    reading.Problem(absl::StrCat("the agency ", agency.id_, " is listed as its own partner"));
  }
  const auto& ms = agency.memberships_;
  for (size_t i = 0; i < ms.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (!Overlap(ms[i], ms[j])) continue;
      if (ms[i].local_authority == ms[j].local_authority) {
        reading.Problem(membership_lines[i], absl::StrCat(ms[i].local_authority, " is already served then (line ",
                                                          membership_lines[j], ")"));
      } else if (type_line != 0 && agency.type_ == AgencyType::kLocalAuthority) {
        reading.Problem(membership_lines[i],
                        absl::StrCat("a local authority agency acts for one authority at a time (line ",
                                     membership_lines[j], ")"));
      }
    }
  }
  if (type_line != 0 && agency.type_ != AgencyType::kVoluntaryAdoptionAgency && ms.empty()) {
    reading.Problem(absl::StrCat("a ", AgencyTypeName(agency.type_), " serves at least one local authority"));
  }
  RETURN_IF_ERROR(reading.Status());
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
  static const Agency* agency = new Agency(Parse(EmbeddedTable("agency.tsv")).value());
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

std::string Agency::RegionOf(absl::string_view la_code) const {
  auto it = regions_.find(la_code);
  return it == regions_.end() ? std::string() : it->second;
}

}  // namespace platform
