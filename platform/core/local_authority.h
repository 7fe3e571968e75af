#pragma once
// Local authorities are named by their ONS codes in every context (the household's
// home authority, the child's authority of origin, the requester's authority). The
// codes come from a register, config/local_authorities.tsv, compiled in: the English
// authorities with children's services and the Welsh principal areas, each with its
// ONS name, the short names people type, and the dates a superseded code was in use.
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "platform/core/calendar.h"

namespace platform {

// From the code's prefix. ACA 2002 s.144(1): in England the council of a county, of
// a district with no county council (a unitary or metropolitan district), of a London
// borough, the Common Council of the City of London and the Council of the Isles of
// Scilly; in Wales a county or county borough council.
enum class LocalAuthorityKind {
  kUnitary,               // E06 (including the Isles of Scilly)
  kMetropolitanDistrict,  // E08
  kLondonBorough,         // E09 (including the City of London)
  kCounty,                // E10
  kWelshPrincipalArea,    // W06
};

struct LocalAuthority {
  std::string code;  // "E09000006"
  std::string name;  // the ONS name: "Bromley", "Bristol, City of"
  std::vector<std::string> aliases;
  std::optional<Date> valid_from;  // none: before the register's history (2010)
  std::optional<Date> valid_to;    // none: current
  LocalAuthorityKind kind() const;
  bool current() const { return !valid_to.has_value(); }
  bool ExistsOn(Date d) const { return (!valid_from || *valid_from <= d) && (!valid_to || d <= *valid_to); }
};

class LocalAuthorityRegister {
 public:
  // The TSV of config/local_authorities.tsv; every malformed row, duplicate code and
  // name shared by two authorities at once is reported.
  static absl::StatusOr<LocalAuthorityRegister> Parse(absl::string_view tsv);
  // config/local_authorities.tsv, compiled in.
  static const LocalAuthorityRegister& Default();

  // The authority with this code, current or superseded; nullptr when unknown.
  const LocalAuthority* Find(absl::string_view code) const;
  // The code of the current authority called `name`: its ONS name, an alias or its
  // code, ignoring case, punctuation and "&" for "and" ("st helens" finds "St.
  // Helens"). NOT_FOUND when none is; INVALID_ARGUMENT, listing them, when several
  // are ("Northamptonshire" since 2021).
  absl::StatusOr<std::string> Resolve(absl::string_view name) const;
  // The same among the authorities that existed on `on` (for imported history:
  // "Dorset" on 2015-01-01 is the county council E10000009).
  absl::StatusOr<std::string> ResolveOn(absl::string_view name, Date on) const;
  // Every authority in code order, superseded ones included.
  const std::vector<LocalAuthority>& all() const { return authorities_; }

 private:
  absl::StatusOr<std::string> ResolveAmong(absl::string_view name, std::optional<Date> on) const;

  std::vector<LocalAuthority> authorities_;                    // sorted by code
  absl::flat_hash_map<std::string, std::vector<size_t>> by_name_;  // normalised name or alias -> indexes
};

// True when `code` is in the register (current or superseded): what every validator
// of a local authority field checks.
bool IsLocalAuthorityCode(absl::string_view code);
// True when `code` named an authority on `on`.
bool IsLocalAuthorityCodeOn(absl::string_view code, Date on);
// LocalAuthorityRegister::Default().Resolve / ResolveOn.
absl::StatusOr<std::string> ResolveLocalAuthority(absl::string_view name);
absl::StatusOr<std::string> ResolveLocalAuthorityOn(absl::string_view name, Date on);

}  // namespace platform
