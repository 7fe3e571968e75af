#include "familyfinding-svc/domain/household_profile.h"

namespace familyfinding {

std::optional<HouseholdProfile> ApplyHouseholdFacts(const std::optional<HouseholdProfile>& current,
                                                    const std::string& id, const HouseholdFacts& facts,
                                                    long long sequence, long long now) {
  if (current && current->source_sequence >= sequence) return std::nullopt;
  HouseholdProfile p = current.value_or(HouseholdProfile{});
  p.id = id;
  p.facts = facts;
  p.source_sequence = sequence;
  p.updated_at = now;
  return p;
}

}  // namespace familyfinding
