// Links (docs/domain.md §2 "Links"): the approval's filters, the cap on live links,
// the verbs, and what a match or a plan change does to the live links.
#include <gtest/gtest.h>

#include "familyfinding-svc/domain/link.h"

namespace familyfinding {
namespace {

using platform::Date;

const platform::Revision kBy{.actor = "finder", .at = 7, .today = Date(2025, 6, 1)};

TEST(Links, FailedFiltersAreEveryTermTheChildrenFail) {
  MatchingTerms one_under_two{.min_children = 1, .max_children = 1, .min_age_years = 0, .max_age_years = 1};
  ChildrenToPlace two_siblings{.children = 2, .youngest_age_years = 1, .oldest_age_years = 3, .disability = true,
                               .early_permanence = true};
  EXPECT_EQ(FailedFilters(one_under_two, two_siblings),
            (std::vector<MatchingFilter>{MatchingFilter::kNumberOfChildren, MatchingFilter::kSiblingGroup,
                                         MatchingFilter::kAgeRange, MatchingFilter::kDisability,
                                         MatchingFilter::kEarlyPermanence}));
  ChildrenToPlace one{.children = 1, .youngest_age_years = 1, .oldest_age_years = 1};
  EXPECT_TRUE(FailedFilters(one_under_two, one).empty());
}

TEST(Links, AreExploredThenClosedOnlyWhileLive) {
  Link l;
  l.id = "l1";
  EXPECT_TRUE(ActivateLink(l, kBy).ok());
  EXPECT_EQ(l.status, LinkStatus::kActive);
  EXPECT_EQ(l.updated_by, "finder");
  EXPECT_EQ(ActivateLink(l, kBy).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CloseLink(l, "", kBy, "reason").code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(CloseLink(l, "The family withdrew", kBy, "reason").ok());
  EXPECT_EQ(l.status, LinkStatus::kClosed);
  EXPECT_EQ(l.status_reason, "The family withdrew");
  EXPECT_EQ(CloseLink(l, "again", kBy, "reason").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(Live(LinkStatus::kClosed));
  EXPECT_FALSE(Live(LinkStatus::kProgressedToMatch));
}

TEST(Links, AMatchProgressesItsLinkAndClosesTheOthersOfTheChildAndTheHousehold) {
  auto link = [](const std::string& id, const std::string& child, const std::string& household, LinkStatus s) {
    Link l;
    l.id = id;
    l.child_id = child;
    l.household_id = household;
    l.status = s;
    return l;
  };
  const std::vector<Link> live = {link("l1", "c1", "h1", LinkStatus::kActive),
                                  link("l2", "c1", "h2", LinkStatus::kProposed),
                                  link("l3", "c2", "h1", LinkStatus::kProposed),
                                  link("l4", "c1", "h3", LinkStatus::kClosed)};
  std::vector<Link> changed = FollowMatch(live, "c1", "h1", kBy);
  ASSERT_EQ(changed.size(), 3u);
  EXPECT_EQ(changed[0].status, LinkStatus::kProgressedToMatch);
  EXPECT_EQ(changed[1].status, LinkStatus::kClosed);
  EXPECT_EQ(changed[1].status_reason, "the child was matched with another household");
  EXPECT_EQ(changed[2].status_reason, "the household was matched with another child");
  changed = FollowPlanChange({live[1], live[3]}, kBy);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].id, "l2");
  EXPECT_EQ(changed[0].status, LinkStatus::kClosed);
}

}  // namespace
}  // namespace familyfinding
