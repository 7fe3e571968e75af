#pragma once
// A link: a household being explored as a family for a child, before anything goes to
// panel (docs/domain.md §2 "Links"). A household holds at most a configured number of
// live links at once; a link that would fail one of the household's approval terms
// needs that filter set aside, with the family finder's reason. A link becomes a match
// only through panel and the decision maker: when the match is agreed, its link
// progresses and the child's and the household's other live links close.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "familyfinding-svc/domain/child.h"
#include "familyfinding-svc/domain/household_profile.h"
#include "familyfinding-svc/domain/matching.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"
#include "platform/core/statutory.h"

namespace familyfinding {

// In the contract's order.
enum class LinkStatus { kProposed, kActive, kClosed, kProgressedToMatch };

struct FilterOverride {
  MatchingFilter filter = MatchingFilter::kNumberOfChildren;
  std::string reason;
};

struct Link {
  std::string id;
  std::string child_id, household_id;
  PlacementProvider provider = PlacementProvider::kInHouse;
  std::string reason;  // why this household is explored
  std::vector<FilterOverride> overrides;
  platform::Date link_date;
  LinkStatus status = LinkStatus::kProposed;
  std::string status_reason;
  long long version = 1;
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

// Proposed or being explored: counts towards the household's cap.
bool Live(LinkStatus status);

// The dated number of live links a household may hold (family_finding_max_live_links).
struct LinkRules {
  int max_live_links = 0;
  static const std::vector<std::string>& Keys();
  static absl::StatusOr<LinkRules> On(const platform::StatutoryTable& table, platform::Date day);
};

// A new link's own rules, under `prefix` ("link."): a reason of at most 2,000
// characters; the link day not after `today`; each filter set aside once, with a reason.
void ValidateLink(const Link& link, platform::Date today, const std::string& prefix, platform::Validation& v);

// The approval terms' filters `children` fail, in the search's order.
std::vector<MatchingFilter> FailedFilters(const MatchingTerms& terms, const ChildrenToPlace& children);

// What stands around a new link when it is made.
struct LinkContext {
  const Child* child = nullptr;
  const HouseholdProfile* household = nullptr;
  const ChildrenToPlace* children = nullptr;  // the child with the siblings placed with it
  int household_live_links = 0;               // the household's live links now
  bool pair_live = false;                     // a live link of this child and household exists
};

// FAILED_PRECONDITION naming what stops `link` (on `subject`, the household's name):
// STATE when the child is not being family-found (placed, matched, adopted, or with
// another plan), the household is not approved or is matched, or this child and
// household are already linked; CAP when the household holds `rules.max_live_links`
// live links; FILTER once per approval term failed that the link does not set aside.
// The provider must be the household's (INVALID_ARGUMENT link.provider).
absl::Status CheckNewLink(const Link& link, const LinkContext& context, const LinkRules& rules,
                          const std::string& subject);

// The family finder starts exploring a proposed link: FAILED_PRECONDITION STATE otherwise.
absl::Status ActivateLink(Link& link, const platform::Revision& revision);
// A live link ends without a match, with its reason (INVALID_ARGUMENT on `field` when
// empty); FAILED_PRECONDITION STATE when it is not live.
absl::Status CloseLink(Link& link, const std::string& reason, const platform::Revision& revision,
                       const std::string& field);
// A match of `child_id` with `household_id` was agreed: the pair's live link progresses;
// the child's other live links, and the household's, close saying why. Returns the
// links changed (stamped by `revision`).
std::vector<Link> FollowMatch(std::vector<Link> live, const std::string& child_id, const std::string& household_id,
                              const platform::Revision& revision);
// A child's plan changed away from adoption: its live links close.
std::vector<Link> FollowPlanChange(std::vector<Link> live, const platform::Revision& revision);

// recruitment-svc shows a household LINKED while it holds a live link: the number
// crossing zero is worth telling (HouseholdLinksChanged).
inline bool LinkingChanged(int live_before, int live_after) { return (live_before == 0) != (live_after == 0); }

std::string LinkStatusName(LinkStatus s);
std::optional<LinkStatus> ParseLinkStatus(const std::string& name);

}  // namespace familyfinding
