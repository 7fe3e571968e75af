#include <gtest/gtest.h>

#include "recruitment-svc/domain/registration_pause.h"

namespace recruitment {
namespace {

using platform::Date;

const platform::Revision kBy{.actor = "manager", .at = 7, .today = Date(2025, 12, 1)};

RegistrationPause Paused(Date from, std::optional<Date> to = std::nullopt) {
  return PauseRegistrations("p1", {.start_date = from, .end_date = to, .reason = "capacity"}, "manager", 1);
}

TEST(RegistrationPause, HoldsFromItsStartToItsLastDay) {
  RegistrationPause p = Paused(Date(2025, 5, 1), Date(2025, 5, 31));
  EXPECT_FALSE(InForce(p, Date(2025, 4, 30)));
  EXPECT_TRUE(InForce(p, Date(2025, 5, 1)));
  EXPECT_TRUE(InForce(p, Date(2025, 5, 31)));
  EXPECT_FALSE(InForce(p, Date(2025, 6, 1)));
  EXPECT_TRUE(InForce(Paused(Date(2025, 5, 1)), Date(2030, 1, 1)));  // until ended
  absl::Status refused = RefusedByPause(p, Date(2025, 5, 2));
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.ToString().find("until 2025-05-31"), std::string::npos) << refused;
  EXPECT_TRUE(RefusedByPause(p, Date(2025, 6, 2)).ok());
}

TEST(RegistrationPause, EndsOnItsLastDayNotBeforeItsStartAndNotAfterItEnded) {
  RegistrationPause p = Paused(Date(2025, 5, 1));
  EXPECT_EQ(EndPause(p, Date(2025, 4, 1), kBy).code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(EndPause(p, Date(2025, 6, 30), kBy).ok());
  EXPECT_EQ(p.details.end_date, Date(2025, 6, 30));
  EXPECT_EQ(p.updated_by, "manager");
  EXPECT_TRUE(EndPause(p, Date(2025, 6, 15), kBy).ok());  // brought forward
  EXPECT_EQ(EndPause(p, Date(2025, 7, 1), kBy).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(RegistrationPause, NeedsAReasonAndAnEndNotBeforeItsStart) {
  platform::Validation v;
  ValidatePause({.start_date = Date(2025, 5, 1), .end_date = Date(2025, 4, 1), .reason = ""}, "p.", v);
  ASSERT_EQ(v.violations().size(), 2u);
  EXPECT_EQ(v.violations()[0].field, "p.reason");
  EXPECT_EQ(v.violations()[1].field, "p.end_date");
}

}  // namespace
}  // namespace recruitment
