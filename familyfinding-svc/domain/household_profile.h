#pragma once
// Family finding's own read model of a prospective adopters' household, built from
// recruitment-svc's events (docs/architecture.md: no service reads another's tables).
// It changes only when an event is applied, and carries no names or addresses.
#include <optional>
#include <string>
#include <vector>

#include "familyfinding-svc/domain/milestone.h"
#include "platform/core/calendar.h"

namespace familyfinding {

// What recruitment's HouseholdRegistered and HouseholdDetailsChanged tell us.
struct HouseholdFacts {
  std::string home_local_authority;  // ONS code
  std::string family_structure;      // recruitment's enum name, e.g. FAMILY_STRUCTURE_SINGLE
  platform::Date enquiry_date;
  bool early_permanence_interest = false;
};

// The terms the agency decision maker approved a household on (panel-svc's
// AdopterApproved), the matching search's hard filters (docs/domain.md §1).
struct MatchingTerms {
  int min_children = 1, max_children = 1;
  int min_age_years = 0, max_age_years = 17;
  bool sibling_groups = false;
  bool disability_acceptable = false;
  bool dual_approval = false;  // approved also as foster carers: early permanence
  std::vector<std::string> ethnicities;  // census codes of the heritage they can parent
  std::string health_needs;  // the health and developmental needs they can meet, in the ADM's words
  bool operator==(const MatchingTerms&) const = default;
};

struct HouseholdProfile {
  std::string id;  // the household's id in recruitment-svc; a partner's is ours for it
  HouseholdFacts facts;
  bool approved = false;          // set by panel-svc's decisions (a later issue); a partner's is
  PlacementProvider provider = PlacementProvider::kInHouse;  // whose household it is
  std::string agency;             // a partner's household: the partner agency
  std::optional<std::string> source_id;  // a partner's household imported: the old system's id
  std::optional<std::string> offer_reference;  // a partner's household offered: the partner's reference
  std::optional<MatchingTerms> terms;           // as approved; unknown for a partner's imported without them
  std::optional<platform::Date> approval_date;  // the decision maker's approval
  bool matched = false;                         // a match agreed since the approval
  long long source_sequence = 0;  // recruitment's log position of the last event applied
  long long updated_at = 0;       // microseconds since the epoch
};

// The profile after applying facts published at `sequence` of the upstream log, or
// nullopt when `current` already reflects a later event (a replayed log changes
// nothing). Approval is not among the facts and is kept.
std::optional<HouseholdProfile> ApplyHouseholdFacts(const std::optional<HouseholdProfile>& current,
                                                    const std::string& id, const HouseholdFacts& facts,
                                                    long long sequence, long long now);

}  // namespace familyfinding
