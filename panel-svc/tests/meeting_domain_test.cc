#include <gtest/gtest.h>

#include "panel-svc/domain/meeting.h"

namespace panel {
namespace {

using platform::Date;

const Date kToday(2025, 6, 10);

Meeting Scheduled() { return ScheduleMeeting("m1", "p1", Date(2025, 6, 10), 4, "coordinator-1", 42); }

TEST(ScheduleMeeting, StartsScheduledWithNobodyPresent) {
  Meeting m = Scheduled();
  EXPECT_EQ(m.status, MeetingStatus::kScheduled);
  EXPECT_TRUE(m.attendance.empty());
  EXPECT_FALSE(m.quorate);
  EXPECT_EQ(m.version, 1);
}

TEST(MeetingTransitions, OnlyAScheduledMeetingMoves) {
  const MeetingStatus all[] = {MeetingStatus::kScheduled, MeetingStatus::kHeld, MeetingStatus::kCancelled};
  for (MeetingStatus from : all) {
    for (MeetingStatus to : all) {
      if (from == to) continue;
      bool listed = false;
      for (const auto& t : MeetingTransitions()) listed |= t.from == from && t.to == to;
      Meeting m = Scheduled();
      m.status = from;
      MeetingChange change;
      change.status = to;
      absl::Status s = ApplyMeetingChange(m, change, kToday);
      EXPECT_EQ(s.ok(), listed) << MeetingStatusName(from) << " -> " << MeetingStatusName(to);
      if (!s.ok()) {
        EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
        EXPECT_EQ(m.status, from);
      } else {
        EXPECT_EQ(m.status, to);
      }
    }
  }
  EXPECT_EQ(MeetingTransitions().size(), 2u);
}

TEST(ApplyMeetingChange, AMeetingIsNotHeldBeforeItsDate) {
  Meeting m = Scheduled();
  MeetingChange change;
  change.status = MeetingStatus::kHeld;
  EXPECT_EQ(ApplyMeetingChange(m, change, Date(2025, 6, 9)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(m.status, MeetingStatus::kScheduled);
  EXPECT_TRUE(ApplyMeetingChange(m, change, Date(2025, 6, 10)).ok());
}

TEST(ApplyMeetingChange, AHeldMeetingOnlyCorrectsItsAttendance) {
  Meeting m = Scheduled();
  m.status = MeetingStatus::kHeld;
  MeetingChange attendance;
  attendance.attendance = std::vector<std::string>{"a", "b"};
  EXPECT_TRUE(ApplyMeetingChange(m, attendance, kToday).ok());
  EXPECT_EQ(m.attendance.size(), 2u);
  MeetingChange reschedule;
  reschedule.meeting_date = Date(2025, 7, 1);
  EXPECT_EQ(ApplyMeetingChange(m, reschedule, kToday).code(), absl::StatusCode::kFailedPrecondition);
  MeetingChange capacity;
  capacity.case_capacity = 6;
  EXPECT_EQ(ApplyMeetingChange(m, capacity, kToday).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(m.meeting_date, Date(2025, 6, 10));
  EXPECT_EQ(m.case_capacity, 4);
}

TEST(ApplyMeetingChange, ACancelledMeetingChangesNoMore) {
  for (MeetingField f : {MeetingField::kMeetingDate, MeetingField::kCaseCapacity, MeetingField::kStatus,
                         MeetingField::kAttendance}) {
    EXPECT_FALSE(MayChange(MeetingStatus::kCancelled, f));
    EXPECT_TRUE(MayChange(MeetingStatus::kScheduled, f));
  }
  Meeting m = Scheduled();
  m.status = MeetingStatus::kCancelled;
  MeetingChange change;
  change.attendance = std::vector<std::string>{"a"};
  EXPECT_EQ(ApplyMeetingChange(m, change, kToday).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(ApplyMeetingChange, AScheduledMeetingCanBeRescheduledAndHeldInOneChange) {
  Meeting m = Scheduled();
  MeetingChange change;
  change.meeting_date = Date(2025, 6, 3);
  change.case_capacity = 5;
  change.status = MeetingStatus::kHeld;
  change.attendance = std::vector<std::string>{"a"};
  ASSERT_TRUE(ApplyMeetingChange(m, change, kToday).ok());
  EXPECT_EQ(m.meeting_date, Date(2025, 6, 3));
  EXPECT_EQ(m.case_capacity, 5);
  EXPECT_EQ(m.status, MeetingStatus::kHeld);
}

std::vector<std::string> Fields(const Meeting& m) {
  platform::Validation v;
  ValidateMeeting(m, "meeting.", v);
  std::vector<std::string> out;
  for (const auto& fv : v.violations()) out.push_back(fv.field);
  return out;
}

TEST(ValidateMeeting, CapacityIsAtLeastOneCase) {
  Meeting m = Scheduled();
  EXPECT_TRUE(Fields(m).empty());
  m.case_capacity = 0;
  EXPECT_EQ(Fields(m), std::vector<std::string>{"meeting.case_capacity"});
  m.case_capacity = -3;
  EXPECT_EQ(Fields(m), std::vector<std::string>{"meeting.case_capacity"});
  m.case_capacity = 1;
  EXPECT_TRUE(Fields(m).empty());
}

TEST(ValidateAttendance, NamesActiveMembersOfThePanelOnce) {
  PanelDetails panel;
  PanelMember a, b, retired;
  a.member_id = "a";
  a.active = true;
  b.member_id = "b";
  b.active = true;
  retired.member_id = "r";
  retired.active = false;
  panel.members = {a, b, retired};
  platform::Validation v;
  ValidateAttendance(panel, {"a", "b", "x", "r", "a"}, "meeting.attendance", v);
  std::vector<std::string> fields;
  for (const auto& fv : v.violations()) fields.push_back(fv.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"meeting.attendance[2]", "meeting.attendance[3]",
                                              "meeting.attendance[4]"}));
}

TEST(MeetingStatusNames, RoundTrip) {
  for (MeetingStatus s : {MeetingStatus::kScheduled, MeetingStatus::kHeld, MeetingStatus::kCancelled}) {
    EXPECT_EQ(ParseMeetingStatus(MeetingStatusName(s)), s);
  }
  EXPECT_EQ(ParseMeetingStatus("POSTPONED"), std::nullopt);
}

}  // namespace
}  // namespace panel
