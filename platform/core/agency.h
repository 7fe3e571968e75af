#pragma once
// The agency a deployment serves, as configuration: one deployment is one agency
// (a regional adoption agency acting for several local authorities, a single local
// authority, or a voluntary adoption agency), the authorities it acts for and since
// when, and the partner agencies it exchanges profiles and adopters with. The
// default is config/agency.tsv, compiled in; a deployment loads its own file.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "platform/core/calendar.h"
#include "platform/core/local_authority.h"

namespace platform {

// ACA 2002 s.2: an adoption agency is a local authority or a registered adoption
// society (a voluntary adoption agency); a regional adoption agency (Education and
// Adoption Act 2016 s.15, inserting ACA 2002 s.3ZA) acts for several authorities.
enum class AgencyType { kLocalAuthority, kRegionalAdoptionAgency, kVoluntaryAdoptionAgency };

// "local_authority", "regional_adoption_agency", "voluntary_adoption_agency".
std::string AgencyTypeName(AgencyType type);
std::optional<AgencyType> ParseAgencyType(absl::string_view name);

// A period in which the agency acts for a local authority: from `from` to `to`
// inclusive (`to` the last day; none while it still does).
struct AgencyMembership {
  std::string local_authority;  // ONS code
  Date from;
  std::optional<Date> to;
  bool CoversDay(Date d) const { return from <= d && (!to || d <= *to); }
};

struct PartnerAgency {
  std::string id;  // the "agency" claim of its staff's tokens
  AgencyType type;
  std::string name;
};

class Agency {
 public:
  // The config/agency.tsv format (see that file). Every problem is listed: unknown
  // rows, missing or repeated id/name/type, codes not in `authorities`, impossible
  // dates, a period outside the dates its code was in use, overlapping periods for
  // one authority, a local authority agency acting for two at once, repeated
  // partners.
  static absl::StatusOr<Agency> Parse(absl::string_view text,
                                      const LocalAuthorityRegister& authorities = LocalAuthorityRegister::Default());
  // `path` when given, else the default.
  static absl::StatusOr<Agency> Load(const std::string& path);
  // config/agency.tsv, compiled in: an example regional adoption agency.
  static const Agency& Default();

  const std::string& id() const { return id_; }
  const std::string& name() const { return name_; }
  AgencyType type() const { return type_; }
  const std::vector<AgencyMembership>& memberships() const { return memberships_; }
  const std::vector<PartnerAgency>& partners() const { return partners_; }

  // Whether the agency acted for the local authority `la_code` on `on`.
  bool Serves(absl::string_view la_code, Date on) const;
  // The codes of the local authorities it acted for on `on`, sorted.
  std::vector<std::string> LocalAuthoritiesOn(Date on) const;
  // The partner agency with this id; nullptr when it is not one.
  const PartnerAgency* FindPartner(absl::string_view id) const;
  // The region shown to partner agencies for an authority's children (a `region`
  // row: its ONS region, e.g. "London"); empty when none is configured.
  std::string RegionOf(absl::string_view la_code) const;

 private:
  std::string id_, name_;
  AgencyType type_ = AgencyType::kRegionalAdoptionAgency;
  std::vector<AgencyMembership> memberships_;
  std::vector<PartnerAgency> partners_;
  std::map<std::string, std::string, std::less<>> regions_;  // by ONS code
};

}  // namespace platform
