#pragma once
// Household profiles for the benches: `n` approved adopters' profiles (a tenth not
// approved, an eighth matched, a fifth a partner's) in five authorities, with terms
// and heritages drawn from `rng`, approved up to 900 days before `today`.
#include <random>
#include <string>
#include <vector>

#include "familyfinding-svc/domain/household_profile.h"

namespace bench {

inline const char* const kEthnicities[] = {"WHITE_BRITISH", "WHITE_OTHER",  "MIXED_WHITE_BLACK_CARIBBEAN",
                                           "ASIAN_PAKISTANI", "BLACK_AFRICAN", "MIXED_WHITE_ASIAN",
                                           "ASIAN_INDIAN",    "BLACK_CARIBBEAN"};
inline const char* const kAuthorities[] = {"E08000018", "E08000019", "E09000006", "E09000011", "E08000016"};

inline std::vector<familyfinding::HouseholdProfile> HouseholdProfiles(int n, std::mt19937& rng, platform::Date today,
                                                                      int first_id = 1000000) {
  using familyfinding::PlacementProvider;
  std::vector<familyfinding::HouseholdProfile> pool(n);
  for (int i = 0; i < n; ++i) {
    familyfinding::HouseholdProfile& h = pool[i];
    h.id = std::to_string(first_id + i);
    h.facts.home_local_authority = kAuthorities[rng() % 5];
    h.facts.family_structure = "FAMILY_STRUCTURE_COUPLE_DIFFERENT_SEX";
    h.approved = rng() % 10 != 0;
    h.matched = rng() % 8 == 0;
    h.provider = rng() % 5 == 0 ? PlacementProvider::kVoluntaryAdoptionAgency : PlacementProvider::kInHouse;
    if (h.provider != PlacementProvider::kInHouse) h.agency = "Bench Voluntary Adoption Agency";
    h.approval_date = today - static_cast<int>(rng() % 900);
    h.facts.enquiry_date = *h.approval_date - 300;
    familyfinding::MatchingTerms t;
    t.min_age_years = static_cast<int>(rng() % 3);
    t.max_age_years = t.min_age_years + 2 + static_cast<int>(rng() % 8);
    t.max_children = 1 + static_cast<int>(rng() % 3);
    t.sibling_groups = t.max_children > 1;
    t.disability_acceptable = rng() % 3 == 0;
    t.dual_approval = rng() % 4 == 0;
    t.ethnicities = {kEthnicities[rng() % 8]};
    if (rng() % 3 == 0) t.ethnicities.push_back(kEthnicities[rng() % 8]);
    if (rng() % 4 == 0) t.health_needs = "Developmental delay";
    h.terms = t;
  }
  return pool;
}

}  // namespace bench
