#include "familyfinding-svc/domain/link.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "familyfinding-svc/domain/journey.h"
#include "platform/core/enum_names.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"

namespace familyfinding {
namespace {
constexpr size_t kMaxReasonLength = 2000;
constexpr const char* kStatusNames[] = {"PROPOSED", "ACTIVE", "CLOSED", "PROGRESSED_TO_MATCH"};

absl::Status NotLive(const Link& link, const std::string& what) {
  return platform::FailedPrecondition(
      absl::StrCat("a ", LinkStatusName(link.status), " link cannot ", what),
      {{"STATE", absl::StrCat("link ", link.id), absl::StrCat("status is ", LinkStatusName(link.status))}});
}

void Close(Link& link, const std::string& reason, const platform::Revision& revision) {
  link.status = LinkStatus::kClosed;
  link.status_reason = reason;
  platform::Stamp(link, revision);
}
}  // namespace

bool Live(LinkStatus status) { return status == LinkStatus::kProposed || status == LinkStatus::kActive; }

const std::vector<std::string>& LinkRules::Keys() {
  static const std::vector<std::string> keys = {"family_finding_max_live_links"};
  return keys;
}

absl::StatusOr<LinkRules> LinkRules::On(const platform::StatutoryTable& table, platform::Date day) {
  ASSIGN_OR_RETURN(long long most, table.ValueOn("family_finding_max_live_links", day));
  return LinkRules{static_cast<int>(most)};
}

void ValidateLink(const Link& link, platform::Date today, const std::string& prefix, platform::Validation& v) {
  v.Check(!link.reason.empty() && platform::CharacterCount(link.reason) <= kMaxReasonLength, prefix + "reason",
          "is required: why this household is explored (at most 2,000 characters)");
  v.Check(link.link_date <= today, prefix + "link_date", "must not be in the future");
  std::set<MatchingFilter> seen;
  for (size_t i = 0; i < link.overrides.size(); ++i) {
    const std::string field = absl::StrCat(prefix, "filter_overrides[", i, "].");
    v.Check(seen.insert(link.overrides[i].filter).second, field + "filter", "is set aside twice");
    v.Check(!link.overrides[i].reason.empty() && platform::CharacterCount(link.overrides[i].reason) <= kMaxReasonLength,
            field + "reason", "is required: why the filter is set aside for this child (at most 2,000 characters)");
  }
}

std::vector<MatchingFilter> FailedFilters(const MatchingTerms& t, const ChildrenToPlace& c) {
  std::vector<MatchingFilter> failed;
  if (c.children < t.min_children || c.children > t.max_children) failed.push_back(MatchingFilter::kNumberOfChildren);
  if (c.children > 1 && !t.sibling_groups) failed.push_back(MatchingFilter::kSiblingGroup);
  if (c.youngest_age_years < t.min_age_years || c.oldest_age_years > t.max_age_years) {
    failed.push_back(MatchingFilter::kAgeRange);
  }
  if (c.disability && !t.disability_acceptable) failed.push_back(MatchingFilter::kDisability);
  if (c.early_permanence && !t.dual_approval) failed.push_back(MatchingFilter::kEarlyPermanence);
  return failed;
}

absl::Status CheckNewLink(const Link& link, const LinkContext& context, const LinkRules& rules,
                          const std::string& subject) {
  const HouseholdProfile& household = *context.household;
  if (link.provider != household.provider) {
    return platform::InvalidArgument(
        {{"link.provider", absl::StrCat("must be the household's: ", ProviderName(household.provider))}});
  }
  std::vector<platform::PreconditionViolation> problems;
  const FamilyFindingStatus status = context.child->status;
  const std::string child = absl::StrCat("children/", context.child->id);
  if (status == FamilyFindingStatus::kMatchedAwaitingPlacement || status == FamilyFindingStatus::kPlaced ||
      status == FamilyFindingStatus::kAdopted || status == FamilyFindingStatus::kPlanChanged) {
    problems.push_back({"STATE", child, absl::StrCat("status is ", StatusName(status), ": no longer family-found")});
  }
  if (!household.approved || household.matched) {
    problems.push_back({"STATE", subject,
                        household.matched ? "matched since its approval" : "not approved: only approved adopters are linked"});
  }
  if (context.pair_live) problems.push_back({"STATE", subject, "already linked with this child"});
  if (context.household_live_links >= rules.max_live_links) {
    problems.push_back({"CAP", subject,
                        absl::StrCat("holds ", context.household_live_links, " live links; the most is ",
                                     rules.max_live_links, " (family_finding_max_live_links)")});
  }
  if (household.terms) {
    for (MatchingFilter f : FailedFilters(*household.terms, *context.children)) {
      bool set_aside = false;
      for (const auto& o : link.overrides) set_aside |= o.filter == f;
      if (!set_aside) {
        problems.push_back({"FILTER", subject,
                            absl::StrCat("fails the approval's ", MatchingFilterName(f),
                                         ": set it aside in filter_overrides with the reason")});
      }
    }
  }
  if (problems.empty()) return absl::OkStatus();
  return platform::FailedPrecondition("the link cannot be made", std::move(problems));
}

absl::Status ActivateLink(Link& link, const platform::Revision& revision) {
  if (link.status != LinkStatus::kProposed) return NotLive(link, "be explored: only a PROPOSED one");
  link.status = LinkStatus::kActive;
  platform::Stamp(link, revision);
  return absl::OkStatus();
}

absl::Status CloseLink(Link& link, const std::string& reason, const platform::Revision& revision,
                       const std::string& field) {
  if (reason.empty() || platform::CharacterCount(reason) > kMaxReasonLength) {
    return platform::InvalidArgument({{field, "is required: why the link ended (at most 2,000 characters)"}});
  }
  if (!Live(link.status)) return NotLive(link, "close");
  Close(link, reason, revision);
  return absl::OkStatus();
}

std::vector<Link> FollowMatch(std::vector<Link> live, const std::string& child_id, const std::string& household_id,
                              const platform::Revision& revision) {
  std::vector<Link> changed;
  for (Link& link : live) {
    if (!Live(link.status)) continue;
    if (link.child_id == child_id && link.household_id == household_id) {
      link.status = LinkStatus::kProgressedToMatch;
      link.status_reason = "the match was agreed";
      platform::Stamp(link, revision);
    } else if (link.child_id == child_id) {
      Close(link, "the child was matched with another household", revision);
    } else if (link.household_id == household_id) {
      Close(link, "the household was matched with another child", revision);
    } else {
      continue;
    }
    changed.push_back(link);
  }
  return changed;
}

std::vector<Link> FollowPlanChange(std::vector<Link> live, const platform::Revision& revision) {
  std::vector<Link> changed;
  for (Link& link : live) {
    if (!Live(link.status)) continue;
    Close(link, "the child's plan changed away from adoption", revision);
    changed.push_back(link);
  }
  return changed;
}

std::string LinkStatusName(LinkStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<LinkStatus> ParseLinkStatus(const std::string& name) {
  return platform::EnumFromName<LinkStatus>(kStatusNames, name);
}

}  // namespace familyfinding
