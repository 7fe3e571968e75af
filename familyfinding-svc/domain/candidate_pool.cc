#include "familyfinding-svc/domain/candidate_pool.h"

#include <algorithm>
#include <limits>

namespace familyfinding {
namespace {

constexpr size_t kMostNumberedHeritages = 64;

int NumberOf(const std::vector<std::string>& codes, const std::string& code) {
  auto it = std::find(codes.begin(), codes.end(), code);
  return it == codes.end() ? -1 : static_cast<int>(it - codes.begin());
}

uint8_t Small(int n) { return static_cast<uint8_t>(std::clamp(n, 0, 255)); }

}  // namespace

CandidatePool::CandidatePool(const std::vector<HouseholdProfile>& profiles,
                             const std::function<bool(const std::string& agency)>& is_partner)
    : profiles_(&profiles) {
  packed_.reserve(profiles.size());
  for (size_t i = 0; i < profiles.size(); ++i) {
    const HouseholdProfile& h = profiles[i];
    if (!h.approved || h.matched) continue;
    Packed p;
    p.index = static_cast<uint32_t>(i);
    int authority = NumberOf(authorities_, h.facts.home_local_authority);
    if (authority < 0) {
      authority = static_cast<int>(authorities_.size());
      authorities_.push_back(h.facts.home_local_authority);
    }
    p.authority = static_cast<uint16_t>(std::min(authority, int{std::numeric_limits<uint16_t>::max()}));
    p.approved_day = h.approval_date ? static_cast<int32_t>(*h.approval_date - platform::Date(1970, 1, 1))
                                     : kNoApprovalDay;
    if (h.provider == PlacementProvider::kInHouse) {
      p.flags |= kInHouse;
    } else {
      p.tier = !is_partner || is_partner(h.agency) ? 1 : 2;
    }
    if (h.terms) {
      const MatchingTerms& t = *h.terms;
      p.flags |= kTerms;
      if (t.sibling_groups) p.flags |= kSiblings;
      if (t.disability_acceptable) p.flags |= kDisability;
      if (t.dual_approval) p.flags |= kDualApproval;
      if (!t.health_needs.empty()) p.flags |= kHealthNeeds;
      p.min_children = Small(t.min_children);
      p.max_children = Small(t.max_children);
      p.min_age = Small(t.min_age_years);
      p.max_age = Small(t.max_age_years);
      for (const std::string& code : t.ethnicities) {
        int n = NumberOf(ethnicity_codes_, code);
        if (n < 0 && ethnicity_codes_.size() < kMostNumberedHeritages) {
          n = static_cast<int>(ethnicity_codes_.size());
          ethnicity_codes_.push_back(code);
        }
        if (n < 0) {
          p.flags |= kMoreHeritages;
        } else {
          p.heritages |= uint64_t{1} << n;
        }
      }
    }
    packed_.push_back(p);
  }
}

int CandidatePool::EthnicityNumber(const std::string& code) const { return NumberOf(ethnicity_codes_, code); }
int CandidatePool::AuthorityNumber(const std::string& code) const { return NumberOf(authorities_, code); }

}  // namespace familyfinding
