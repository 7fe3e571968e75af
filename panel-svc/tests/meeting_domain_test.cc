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

// A panel whose list has two active members, "a" and "b", and the rules judged by.
PanelDetails TwoMembers() {
  PanelDetails panel;
  for (const char* id : {"a", "b"}) {
    PanelMember m;
    m.member_id = id;
    m.active = true;
    panel.members.push_back(m);
  }
  return panel;
}
const PanelRules kRules{.quorum_members = 5, .social_worker_min_years = 3};

absl::Status Revise(Meeting& m, const Meeting& revised, Date today = kToday) {
  return ReviseMeeting(m, revised, TwoMembers(), kRules, {.actor = "coordinator-2", .at = 99, .today = today},
                       "meeting.", {});
}

TEST(MeetingStatus, OnlyAScheduledMeetingMoves) {
  const MeetingStatus all[] = {MeetingStatus::kScheduled, MeetingStatus::kHeld, MeetingStatus::kCancelled};
  for (MeetingStatus from : all) {
    for (MeetingStatus to : all) {
      if (from == to) continue;
      bool listed = false;
      for (const auto& t : AllowedStatusChanges()) listed |= t.from == from && t.to == to;
      Meeting m = Scheduled();
      m.status = from;
      Meeting revised = m;
      revised.status = to;
      absl::Status s = Revise(m, revised);
      EXPECT_EQ(s.ok(), listed) << MeetingStatusName(from) << " -> " << MeetingStatusName(to);
      if (!s.ok()) {
        EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
        EXPECT_EQ(m.status, from);
      } else {
        EXPECT_EQ(m.status, to);
        EXPECT_EQ(m.updated_by, "coordinator-2");
      }
    }
  }
  EXPECT_EQ(AllowedStatusChanges().size(), 2u);
}

TEST(ReviseMeeting, AMeetingIsNotHeldBeforeItsDate) {
  Meeting m = Scheduled();
  Meeting held = m;
  held.status = MeetingStatus::kHeld;
  EXPECT_EQ(Revise(m, held, Date(2025, 6, 9)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(m.status, MeetingStatus::kScheduled);
  EXPECT_TRUE(Revise(m, held, Date(2025, 6, 10)).ok());
}

TEST(ReviseMeeting, AHeldMeetingOnlyCorrectsItsAttendance) {
  Meeting m = Scheduled();
  m.status = MeetingStatus::kHeld;
  Meeting attendance = m;
  attendance.attendance = {"a", "b"};
  EXPECT_TRUE(Revise(m, attendance).ok());
  EXPECT_EQ(m.attendance.size(), 2u);
  Meeting reschedule = m;
  reschedule.meeting_date = Date(2025, 7, 1);
  EXPECT_EQ(Revise(m, reschedule).code(), absl::StatusCode::kFailedPrecondition);
  Meeting capacity = m;
  capacity.case_capacity = 6;
  EXPECT_EQ(Revise(m, capacity).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(m.meeting_date, Date(2025, 6, 10));
  EXPECT_EQ(m.case_capacity, 4);
  // A field given as it is does not change, so the status allows it.
  EXPECT_TRUE(Revise(m, m).ok());
}

TEST(ReviseMeeting, ACancelledMeetingChangesNoMore) {
  for (MeetingField f : {MeetingField::kMeetingDate, MeetingField::kCaseCapacity, MeetingField::kStatus,
                         MeetingField::kAttendance}) {
    EXPECT_FALSE(MayChange(MeetingStatus::kCancelled, f));
    EXPECT_TRUE(MayChange(MeetingStatus::kScheduled, f));
  }
  Meeting m = Scheduled();
  m.status = MeetingStatus::kCancelled;
  Meeting revised = m;
  revised.attendance = {"a"};
  EXPECT_EQ(Revise(m, revised).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(ReviseMeeting, AScheduledMeetingCanBeRescheduledAndHeldInOneChange) {
  Meeting m = Scheduled();
  Meeting revised = m;
  revised.meeting_date = Date(2025, 6, 3);
  revised.case_capacity = 5;
  revised.status = MeetingStatus::kHeld;
  revised.attendance = {"a"};
  ASSERT_TRUE(Revise(m, revised).ok());
  EXPECT_EQ(m.meeting_date, Date(2025, 6, 3));
  EXPECT_EQ(m.case_capacity, 5);
  EXPECT_EQ(m.status, MeetingStatus::kHeld);
  EXPECT_FALSE(m.quorate);  // one member of a quorum of five
}

TEST(ReviseMeeting, ShapeProblemsComeFirstThenEveryBrokenRule) {
  Meeting m = Scheduled();
  Meeting revised = m;
  revised.status = MeetingStatus::kCancelled;
  platform::Validation shape;
  shape.Add("meeting.meeting_date", "2025-02-30 is not a calendar date");
  absl::Status s = ReviseMeeting(m, revised, TwoMembers(), kRules, {.actor = "c", .at = 1, .today = kToday},
                                 "meeting.", shape);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  revised = m;
  revised.case_capacity = 0;
  revised.attendance = {"a", "x"};
  std::vector<std::string> fields;
  for (const auto& fv : platform::FieldViolationsOf(Revise(m, revised))) fields.push_back(fv.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"meeting.case_capacity", "meeting.attendance[1]"}));
  EXPECT_EQ(m.case_capacity, 4);
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

TEST(ValidateAttendance, NamesMembersOnTheListThatDayOnce) {
  PanelDetails panel;
  PanelMember a, b, retired, left, joining;
  a.member_id = "a";
  a.active = true;
  b.member_id = "b";
  b.active = true;
  retired.member_id = "r";
  retired.active = false;
  // Left on 1 March after a month's notice; still marked active by nobody's update.
  left.member_id = "l";
  left.active = true;
  left.notice_date = platform::Date(2025, 1, 31);
  left.left_date = platform::Date(2025, 3, 1);
  joining.member_id = "j";
  joining.active = true;
  joining.joined_date = platform::Date(2025, 3, 10);
  panel.members = {a, b, retired, left, joining};
  auto fields = [&](platform::Date day) {
    platform::Validation v;
    ValidateAttendance(panel, {"a", "b", "x", "r", "a", "l", "j"}, day, "meeting.attendance", v);
    std::vector<std::string> out;
    for (const auto& fv : v.violations()) out.push_back(fv.field);
    return out;
  };
  // Before she left, the leaver sits; the new member has not joined.
  EXPECT_EQ(fields(platform::Date(2025, 2, 28)),
            (std::vector<std::string>{"meeting.attendance[2]", "meeting.attendance[3]", "meeting.attendance[4]",
                                      "meeting.attendance[6]"}));
  // From the day she left, not; from the day he joined, he sits.
  EXPECT_EQ(fields(platform::Date(2025, 3, 10)),
            (std::vector<std::string>{"meeting.attendance[2]", "meeting.attendance[3]", "meeting.attendance[4]",
                                      "meeting.attendance[5]"}));
}

TEST(MeetingStatusNames, RoundTrip) {
  for (MeetingStatus s : {MeetingStatus::kScheduled, MeetingStatus::kHeld, MeetingStatus::kCancelled}) {
    EXPECT_EQ(ParseMeetingStatus(MeetingStatusName(s)), s);
  }
  EXPECT_EQ(ParseMeetingStatus("POSTPONED"), std::nullopt);
}

// A meeting may move online, or back, while it is scheduled; not once held.
TEST(MeetingMode, ChangesOnlyWhileScheduled) {
  Meeting m = Scheduled();
  Meeting online = m;
  online.mode = MeetingMode::kOnline;
  ASSERT_TRUE(Revise(m, online).ok());
  EXPECT_EQ(m.mode, MeetingMode::kOnline);
  Meeting held = m;
  held.status = MeetingStatus::kHeld;
  ASSERT_TRUE(Revise(m, held).ok());
  Meeting in_person = m;
  in_person.mode = MeetingMode::kInPerson;
  EXPECT_EQ(Revise(m, in_person).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(m.mode, MeetingMode::kOnline);
  EXPECT_EQ(ParseMeetingMode(MeetingModeName(MeetingMode::kOnline)), MeetingMode::kOnline);
}

}  // namespace
}  // namespace panel
