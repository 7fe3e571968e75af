#include <gtest/gtest.h>

#include "familyfinding-svc/domain/household_profile.h"

namespace familyfinding {
namespace {

HouseholdFacts Facts(const std::string& la) {
  return HouseholdFacts{la, "FAMILY_STRUCTURE_SINGLE", platform::Date(2025, 4, 1), true};
}

TEST(ApplyHouseholdFacts, TheFirstEventMakesAnUnapprovedProfile) {
  auto p = ApplyHouseholdFacts(std::nullopt, "h1", Facts("E09000006"), 7, 100);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->id, "h1");
  EXPECT_EQ(p->facts.home_local_authority, "E09000006");
  EXPECT_FALSE(p->approved);
  EXPECT_EQ(p->source_sequence, 7);
  EXPECT_EQ(p->updated_at, 100);
}

TEST(ApplyHouseholdFacts, ALaterEventReplacesTheFactsAndKeepsApproval) {
  auto p = ApplyHouseholdFacts(std::nullopt, "h1", Facts("E09000006"), 7, 100);
  p->approved = true;
  auto q = ApplyHouseholdFacts(p, "h1", Facts("E08000018"), 9, 200);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->facts.home_local_authority, "E08000018");
  EXPECT_TRUE(q->approved);
  EXPECT_EQ(q->source_sequence, 9);
}

TEST(ApplyHouseholdFacts, AnEventAlreadyReflectedChangesNothing) {
  auto p = ApplyHouseholdFacts(std::nullopt, "h1", Facts("E09000006"), 7, 100);
  EXPECT_EQ(ApplyHouseholdFacts(p, "h1", Facts("E08000018"), 7, 200), std::nullopt);
  EXPECT_EQ(ApplyHouseholdFacts(p, "h1", Facts("E08000018"), 3, 200), std::nullopt);
}

}  // namespace
}  // namespace familyfinding
