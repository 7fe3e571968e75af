#pragma once
// The matching pool held in memory between searches (docs/domain.md §2 "Matching"):
// the approved, unmatched household profiles and their packed form (CandidatePool),
// reloaded only when the profiles' version has moved — one primary-key read per search
// instead of every profile. Safe across threads; each replica keeps its own and sees
// another's writes by the version.
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "familyfinding-svc/domain/candidate_pool.h"
#include "familyfinding-svc/store/household_profile_store.h"

namespace familyfinding {

// The profiles and the pool packed from them, together (the pool points into them).
struct PoolSnapshot {
  PoolSnapshot(std::vector<HouseholdProfile> loaded, const std::function<bool(const std::string&)>& is_partner)
      : profiles(std::move(loaded)), packed(profiles, is_partner) {}
  PoolSnapshot(const PoolSnapshot&) = delete;
  PoolSnapshot& operator=(const PoolSnapshot&) = delete;
  const std::vector<HouseholdProfile> profiles;
  const CandidatePool packed;
};

class MatchingPool {
 public:
  // `is_partner(agency)`: whether another agency's household is a partner's (tier 1)
  // or one found nationally (tier 2).
  MatchingPool(HouseholdProfileStore* profiles, std::function<bool(const std::string& agency)> is_partner)
      : profiles_(profiles), is_partner_(std::move(is_partner)) {}
  // The pool as `sql` sees it: the one held when the version has not moved since it
  // was read, else read again. The pool stays valid while the caller holds it.
  std::shared_ptr<const PoolSnapshot> Current(soci::session& sql);

 private:
  HouseholdProfileStore* profiles_;
  std::function<bool(const std::string& agency)> is_partner_;
  std::mutex mu_;
  long long version_ = -1;
  std::shared_ptr<const PoolSnapshot> pool_;
};

}  // namespace familyfinding
