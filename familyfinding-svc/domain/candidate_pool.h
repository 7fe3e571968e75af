#pragma once
// The matching pool as the search scans it (docs/domain.md §2 "Matching"): each
// approved, unmatched household's filters and scoring facts packed into a few bytes
// — bounds, flags, the approval's day, its authority and heritages as small numbers —
// beside the profiles the few candidates shown are explained from. Built once per pool
// version (api/matching_pool.h); a search then reads about 32 bytes a household.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "familyfinding-svc/domain/household_profile.h"

namespace familyfinding {

class CandidatePool {
 public:
  // Packs the approved, unmatched households of `profiles`, which must outlive the pool.
  // `is_partner(agency)` says whether another agency's household is a partner's (tier
  // 1) or one found nationally (tier 2); without it, every other agency's is tier 1.
  explicit CandidatePool(const std::vector<HouseholdProfile>& profiles,
                         const std::function<bool(const std::string& agency)>& is_partner = {});

  struct Packed {
    uint64_t heritages = 0;   // bit i: ethnicity_codes()[i] is among the terms' ethnicities
    int32_t approved_day = 0;  // days since 1970-01-01 (kNoApprovalDay when not known)
    uint32_t index = 0;        // into profiles()
    uint16_t authority = 0;    // into authorities()
    uint8_t min_children = 0, max_children = 0, min_age = 0, max_age = 0;
    uint8_t flags = 0;         // the k* bits below
    uint8_t tier = 0;          // 0: the agency's own; 1: a partner agency's; 2: another agency's
  };
  static constexpr uint8_t kTerms = 1, kSiblings = 2, kDisability = 4, kDualApproval = 8, kInHouse = 16,
                           kHealthNeeds = 32, kMoreHeritages = 64;  // a code past the 64 numbered: read the profile
  static constexpr int32_t kNoApprovalDay = INT32_MIN;

  const std::vector<HouseholdProfile>& profiles() const { return *profiles_; }
  const std::vector<Packed>& packed() const { return packed_; }
  // The numbered heritage codes (at most 64) and authorities, in the order first met.
  const std::vector<std::string>& ethnicity_codes() const { return ethnicity_codes_; }
  const std::vector<std::string>& authorities() const { return authorities_; }
  // The number of `code` (-1 when no household has it numbered).
  int EthnicityNumber(const std::string& code) const;
  int AuthorityNumber(const std::string& code) const;

 private:
  const std::vector<HouseholdProfile>* profiles_;
  std::vector<Packed> packed_;
  std::vector<std::string> ethnicity_codes_;
  std::vector<std::string> authorities_;
};

}  // namespace familyfinding
