#include "familyfinding-svc/domain/matching.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "familyfinding-svc/domain/journey.h"
#include "platform/core/enum_names.h"
#include "platform/core/status_macros.h"

namespace familyfinding {
namespace {

constexpr int kWaitingFullDays = 365;  // a year's wait earns every waiting point
constexpr int kTierOwn = 0, kTierPartner = 1;

template <typename T>
bool Contains(const std::vector<T>& list, const T& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The first filter of `terms` the children fail, if any.
std::optional<MatchingFilter> FirstFailed(const MatchingTerms& t, const ChildrenToPlace& c,
                                          const std::vector<MatchingFilter>& set_aside,
                                          std::vector<MatchingFilter>* overridden) {
  auto check = [&](bool ok, MatchingFilter f) -> bool {
    if (ok) return true;
    if (Contains(set_aside, f)) {
      overridden->push_back(f);
      return true;
    }
    return false;
  };
  if (!check(c.children >= t.min_children && c.children <= t.max_children, MatchingFilter::kNumberOfChildren)) {
    return MatchingFilter::kNumberOfChildren;
  }
  if (!check(c.children == 1 || t.sibling_groups, MatchingFilter::kSiblingGroup)) return MatchingFilter::kSiblingGroup;
  if (!check(c.youngest_age_years >= t.min_age_years && c.oldest_age_years <= t.max_age_years,
             MatchingFilter::kAgeRange)) {
    return MatchingFilter::kAgeRange;
  }
  if (!check(!c.disability || t.disability_acceptable, MatchingFilter::kDisability)) return MatchingFilter::kDisability;
  if (!check(!c.early_permanence || t.dual_approval, MatchingFilter::kEarlyPermanence)) {
    return MatchingFilter::kEarlyPermanence;
  }
  return std::nullopt;
}

// How many of the children's heritages the household was approved to parent.
int HeritagePoints(const HouseholdProfile& h, const ChildrenToPlace& c, const MatchingWeights& w) {
  if (!h.terms || h.terms->ethnicities.empty() || c.ethnicities.empty()) return 0;
  int met = 0;
  for (const auto& e : c.ethnicities) met += Contains(h.terms->ethnicities, e);
  return w.heritage * met / static_cast<int>(c.ethnicities.size());
}

int WaitingDays(const HouseholdProfile& h, platform::Date today) {
  return h.approval_date ? static_cast<int>(std::max<long long>(0, today - *h.approval_date)) : 0;
}

// The children's needs the approval speaks to, each an equal share of the points: a
// disability (approved to parent a disabled child, not set aside), and health and
// developmental needs — free text on both sides, so an approval that names needs it
// can meet earns the share and the reason quotes both for the family finder to judge.
bool DisabilityMet(const HouseholdProfile& h, const std::vector<MatchingFilter>& overridden) {
  return h.terms && h.terms->disability_acceptable && !Contains(overridden, MatchingFilter::kDisability);
}
bool HealthNeedsMet(const HouseholdProfile& h) { return h.terms && !h.terms->health_needs.empty(); }

int NeedsPoints(const HouseholdProfile& h, const ChildrenToPlace& c, const MatchingWeights& w,
                const std::vector<MatchingFilter>& overridden) {
  const bool health = !c.health_needs.empty();
  const int shares = int(c.disability) + int(health);
  if (shares == 0) return w.needs;
  const int met = int(c.disability && DisabilityMet(h, overridden)) + int(health && HealthNeedsMet(h));
  return w.needs * met / shares;
}

// The score's parts as numbers; Explain() words the same for the few shown.
struct Points {
  int heritage = 0, waiting = 0, needs = 0, location = 0, cost = 0;
  int total() const { return heritage + waiting + needs + location + cost; }
};

Points Score(const HouseholdProfile& h, const ChildrenToPlace& c, const MatchingWeights& w, platform::Date today,
             const std::vector<MatchingFilter>& overridden) {
  Points p;
  p.heritage = HeritagePoints(h, c, w);
  p.waiting = w.waiting * std::min(WaitingDays(h, today), kWaitingFullDays) / kWaitingFullDays;
  p.needs = NeedsPoints(h, c, w, overridden);
  p.location = h.facts.home_local_authority == c.local_authority ? w.location : 0;
  p.cost = h.provider == PlacementProvider::kInHouse ? w.cost : 0;
  return p;
}

std::vector<ScorePart> Explain(const HouseholdProfile& h, const ChildrenToPlace& c, const Points& p,
                               platform::Date today, const std::vector<MatchingFilter>& overridden) {
  std::vector<ScorePart> parts;
  std::string heritage;
  if (c.ethnicities.empty()) {
    heritage = "the children's ethnicity is not recorded";
  } else if (!h.terms || h.terms->ethnicities.empty()) {
    heritage = "the heritage they can parent is not recorded in their approval";
  } else {
    heritage = absl::StrCat("approved to parent ", absl::StrJoin(h.terms->ethnicities, ", "), "; the children: ",
                            absl::StrJoin(c.ethnicities, ", "));
  }
  parts.push_back({"heritage", p.heritage, heritage});
  parts.push_back({"waiting", p.waiting,
                   h.approval_date ? absl::StrCat("waited ", WaitingDays(h, today), " days since approval on ",
                                                  platform::FormatDate(*h.approval_date))
                                   : "approval date not known"});
  // The words follow the facts, not the points: a factor weighted at nothing still
  // says what is true.
  std::vector<std::string> needs;
  if (c.disability) {
    if (!h.terms) {
      needs.push_back("not known whether they can parent a disabled child");
    } else if (DisabilityMet(h, overridden)) {
      needs.push_back("approved to parent a disabled child");
    } else {
      needs.push_back("not approved to parent a disabled child");
    }
  }
  if (!c.health_needs.empty()) {
    const std::string children = absl::StrCat("the children's health and developmental needs: ",
                                              absl::StrJoin(c.health_needs, "; "));
    if (!h.terms) {
      needs.push_back(absl::StrCat(children, "; the needs they can meet are not known"));
    } else if (HealthNeedsMet(h)) {
      needs.push_back(absl::StrCat(children, "; approved to meet: ", h.terms->health_needs));
    } else {
      needs.push_back(absl::StrCat(children, "; their approval names no health needs they can meet"));
    }
  }
  parts.push_back({"needs", p.needs, needs.empty() ? "no disability or health needs recorded" : absl::StrJoin(needs, "; ")});
  parts.push_back({"location", p.location,
                   h.facts.home_local_authority == c.local_authority
                       ? "lives in the children's local authority"
                       : absl::StrCat("lives in ", h.facts.home_local_authority, ", another local authority")});
  parts.push_back({"cost", p.cost,
                   h.provider == PlacementProvider::kInHouse
                       ? "the agency's own household: no inter-agency fee"
                       : absl::StrCat("a partner's household (", h.agency.empty() ? ProviderName(h.provider) : h.agency,
                                      "): an inter-agency fee is payable")});
  if (!h.terms) parts.push_back({"terms", 0, "approval terms not recorded: check them with the household's agency"});
  return parts;
}

}  // namespace

const std::vector<std::string>& MatchingWeights::Keys() {
  static const std::vector<std::string> keys = {"matching_weight_heritage", "matching_weight_waiting",
                                                "matching_weight_needs", "matching_weight_location",
                                                "matching_weight_cost"};
  return keys;
}

absl::StatusOr<MatchingWeights> MatchingWeights::On(const platform::StatutoryTable& table, platform::Date day) {
  MatchingWeights w;
  ASSIGN_OR_RETURN(long long heritage, table.ValueOn("matching_weight_heritage", day));
  ASSIGN_OR_RETURN(long long waiting, table.ValueOn("matching_weight_waiting", day));
  ASSIGN_OR_RETURN(long long needs, table.ValueOn("matching_weight_needs", day));
  ASSIGN_OR_RETURN(long long location, table.ValueOn("matching_weight_location", day));
  ASSIGN_OR_RETURN(long long cost, table.ValueOn("matching_weight_cost", day));
  w.heritage = static_cast<int>(heritage);
  w.waiting = static_cast<int>(waiting);
  w.needs = static_cast<int>(needs);
  w.location = static_cast<int>(location);
  w.cost = static_cast<int>(cost);
  return w;
}

SearchResult SearchHouseholds(const ChildrenToPlace& children, const std::vector<HouseholdProfile>& pool,
                              const MatchingWeights& weights, const std::vector<MatchingFilter>& set_aside,
                              platform::Date today, int limit) {
  SearchResult result;
  // One pass scoring numbers only; the few shown are explained afterwards.
  struct Scored {
    const HouseholdProfile* household;
    int tier;
    Points points;
    std::vector<MatchingFilter> overridden;
  };
  std::vector<Scored> passed;
  passed.reserve(pool.size());
  for (const HouseholdProfile& h : pool) {
    if (!h.approved || h.matched) continue;
    ++result.considered;
    std::vector<MatchingFilter> overridden;
    if (h.terms) {
      if (auto failed = FirstFailed(*h.terms, children, set_aside, &overridden)) {
        ++result.filtered_out[MatchingFilterName(*failed)];
        continue;
      }
    }
    const int tier = h.provider == PlacementProvider::kInHouse ? kTierOwn : kTierPartner;
    passed.push_back({&h, tier, Score(h, children, weights, today, overridden), std::move(overridden)});
  }
  auto before = [](const Scored& a, const Scored& b) {
    if (a.tier != b.tier) return a.tier < b.tier;
    if (a.points.total() != b.points.total()) return a.points.total() > b.points.total();
    const auto approved = [](const Scored& s) { return s.household->approval_date.value_or(platform::Date::max()); };
    if (approved(a) != approved(b)) return approved(a) < approved(b);
    return a.household->id < b.household->id;
  };
  const size_t shown = std::min(passed.size(), static_cast<size_t>(std::max(0, limit)));
  std::partial_sort(passed.begin(), passed.begin() + static_cast<std::ptrdiff_t>(shown), passed.end(), before);
  for (size_t i = 0; i < shown; ++i) {
    const Scored& s = passed[i];
    Candidate c{.household = s.household, .tier = s.tier, .score = s.points.total()};
    c.parts = Explain(*s.household, children, s.points, today, s.overridden);
    for (MatchingFilter f : s.overridden) c.filters_set_aside.push_back(MatchingFilterName(f));
    result.candidates.push_back(std::move(c));
  }
  return result;
}

ChildrenToPlace ToPlace(const Child& child, const std::vector<Child>& siblings, platform::Date today) {
  ChildrenToPlace p;
  p.local_authority = child.details.local_authority;
  std::vector<const Child*> group = {&child};
  for (const Child& s : siblings) {
    if (s.id != child.id && s.details.sibling_placement == SiblingPlacement::kTogether &&
        s.status != FamilyFindingStatus::kAdopted && s.status != FamilyFindingStatus::kPlanChanged) {
      group.push_back(&s);
    }
  }
  p.children = static_cast<int>(group.size());
  p.youngest_age_years = 17;
  p.oldest_age_years = 0;
  std::set<std::string> ethnicities;
  for (const Child* c : group) {
    const int age = c->details.date_of_birth ? AgeInYears(*c->details.date_of_birth, today) : 0;
    p.youngest_age_years = std::min(p.youngest_age_years, age);
    p.oldest_age_years = std::max(p.oldest_age_years, age);
    p.disability = p.disability || c->details.disability;
    if (!c->details.health_and_development_needs.empty()) {
      p.health_needs.push_back(c->details.health_and_development_needs);
    }
    p.early_permanence = p.early_permanence || c->details.early_permanence;
    if (!c->details.ethnicity.empty()) ethnicities.insert(c->details.ethnicity);
  }
  p.ethnicities.assign(ethnicities.begin(), ethnicities.end());
  return p;
}

namespace {
constexpr const char* kFilterNames[] = {"number_of_children", "age_range", "disability", "early_permanence",
                                        "sibling_group"};
}  // namespace

std::string MatchingFilterName(MatchingFilter f) { return kFilterNames[static_cast<int>(f)]; }
std::optional<MatchingFilter> ParseMatchingFilter(const std::string& name) {
  return platform::EnumFromName<MatchingFilter>(kFilterNames, name);
}

}  // namespace familyfinding
