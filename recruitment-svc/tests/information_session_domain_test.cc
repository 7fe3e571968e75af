#include <gtest/gtest.h>

#include "recruitment-svc/domain/household.h"
#include "recruitment-svc/domain/information_session.h"

namespace recruitment {
namespace {

using platform::Date;

const platform::Revision kBy{.actor = "worker", .at = 5, .today = Date(2025, 6, 1)};
const JourneyRules kRules{.stage_one = {.personal_references_min = 3}};

Household Enquiry(const std::string& id) {
  HouseholdDetails d;
  d.applicants = {{"Jo", "Smith", std::nullopt, ""}};
  d.home_local_authority = "E09000006";
  d.enquiry_date = Date(2025, 4, 1);
  return RegisterHousehold(id, d, "worker", 1);
}

InformationSession Session(int capacity, Date on = Date(2025, 5, 20)) {
  return ScheduleSession("s1", {.session_date = on, .capacity = capacity, .mode = SessionMode::kOnline}, "w", 1);
}

TEST(InformationSession, ABookingTakesAPlaceAndTheHouseholdsStep) {
  Household h = Enquiry("h1");
  InformationSession s = Session(2);
  auto booking = BookSession(h, s, std::nullopt, Date(2025, 5, 1), kRules, kBy);
  ASSERT_TRUE(booking.ok()) << booking.status();
  EXPECT_EQ(booking->household_id, "h1");
  EXPECT_EQ(s.booked, 1);
  EXPECT_EQ(h.status, HouseholdStatus::kInfoSessionBooked);
  EXPECT_EQ(h.journey.back().date, Date(2025, 5, 1));
}

TEST(InformationSession, AFullSessionIsRefusedAndNothingChanges) {
  Household a = Enquiry("a"), b = Enquiry("b");
  InformationSession s = Session(1);
  ASSERT_TRUE(BookSession(a, s, std::nullopt, Date(2025, 5, 1), kRules, kBy).ok());
  auto refused = BookSession(b, s, std::nullopt, Date(2025, 5, 2), kRules, kBy);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("full"), std::string::npos);
  EXPECT_EQ(s.booked, 1);
  EXPECT_EQ(b.status, HouseholdStatus::kEnquiry);
  EXPECT_TRUE(b.journey.empty());
}

TEST(InformationSession, ASessionAlreadyHeldOrAlreadyBookedIsRefused) {
  Household h = Enquiry("h1");
  InformationSession s = Session(5);
  EXPECT_EQ(BookSession(h, s, std::nullopt, Date(2025, 5, 21), kRules, kBy).status().code(),
            absl::StatusCode::kFailedPrecondition);
  SessionBooking earlier{.session_id = "s1", .household_id = "h1", .booked_on = Date(2025, 5, 1)};
  EXPECT_EQ(BookSession(h, s, earlier, Date(2025, 5, 2), kRules, kBy).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.booked, 0);
}

TEST(InformationSession, AttendanceNeedsABookingAndAHeldSessionAndIsDatedOnTheSession) {
  Household h = Enquiry("h1");
  InformationSession s = Session(5);
  std::optional<SessionBooking> none;
  EXPECT_EQ(AttendSession(h, s, none, kRules, kBy).code(), absl::StatusCode::kFailedPrecondition);
  auto booked = BookSession(h, s, std::nullopt, Date(2025, 5, 1), kRules, kBy);
  ASSERT_TRUE(booked.ok());
  std::optional<SessionBooking> booking = *booked;

  InformationSession later = Session(5, Date(2025, 7, 1));  // still to come on kBy.today
  EXPECT_EQ(AttendSession(h, later, booking, kRules, kBy).code(), absl::StatusCode::kFailedPrecondition);

  ASSERT_TRUE(AttendSession(h, s, booking, kRules, kBy).ok());
  EXPECT_TRUE(booking->attended);
  EXPECT_EQ(s.attended, 1);
  EXPECT_EQ(h.status, HouseholdStatus::kInfoSessionAttended);
  EXPECT_EQ(h.journey.back().date, Date(2025, 5, 20));
  EXPECT_EQ(AttendSession(h, s, booking, kRules, kBy).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(InformationSession, CapacityAndVenueAreChecked) {
  platform::Validation v;
  ValidateSession({.session_date = Date(2025, 5, 1), .capacity = 0, .venue = std::string(201, 'x')}, "s.", v);
  ASSERT_EQ(v.violations().size(), 2u);
  EXPECT_EQ(v.violations()[0].field, "s.capacity");
  EXPECT_EQ(v.violations()[1].field, "s.venue");
}

}  // namespace
}  // namespace recruitment
