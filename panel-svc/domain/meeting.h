#pragma once
// A sitting of a panel (weekly or fortnightly; at least monthly) with its attendance.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "panel-svc/domain/panel.h"
#include "platform/calendar.h"
#include "platform/errors.h"

namespace panel {

// In the contract's order.
enum class MeetingStatus { kScheduled, kHeld, kCancelled };

// What can be changed on a meeting, each only in some statuses.
enum class MeetingField { kMeetingDate, kCaseCapacity, kStatus, kAttendance };

struct Meeting {
  std::string id;
  std::string panel_id;
  platform::Date meeting_date;
  int case_capacity = 0;
  MeetingStatus status = MeetingStatus::kScheduled;
  std::vector<std::string> attendance;  // member ids of the panel's members present
  // The attendance met the quorum (no conflicts considered), under the panel's list
  // and the rules in force on the meeting date, when it was last recorded.
  bool quorate = false;
  long long version = 1;  // the etag
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

// The status machine as data: SCHEDULED -> HELD or CANCELLED, and nothing after.
struct MeetingTransition {
  MeetingStatus from, to;
};
const std::vector<MeetingTransition>& MeetingTransitions();
// Which fields may change in each status: a scheduled meeting anything; a held one
// only its attendance record; a cancelled one nothing.
bool MayChange(MeetingStatus status, MeetingField field);

// A requested change: set fields are to change.
struct MeetingChange {
  std::optional<platform::Date> meeting_date;
  std::optional<int> case_capacity;
  std::optional<MeetingStatus> status;
  std::optional<std::vector<std::string>> attendance;
};

// Applies `change` when the meeting's status allows each part; otherwise
// FAILED_PRECONDITION naming the status and what it does not allow. A meeting is
// held on or after its date (`today` bounds it).
absl::Status ApplyMeetingChange(Meeting& m, const MeetingChange& change, platform::Date today);

// A meeting's own rules: a capacity of at least one case. Violations under `prefix`.
void ValidateMeeting(const Meeting& m, const std::string& prefix, platform::Validation& v);
// The attendance names active members of the panel, each once.
void ValidateAttendance(const PanelDetails& panel, const std::vector<std::string>& attendance, const std::string& field,
                        platform::Validation& v);

// A newly scheduled meeting of a panel, with no attendance yet.
Meeting ScheduleMeeting(std::string id, std::string panel_id, platform::Date meeting_date, int case_capacity,
                        const std::string& actor, long long now);

std::string MeetingStatusName(MeetingStatus s);
std::optional<MeetingStatus> ParseMeetingStatus(const std::string& name);

}  // namespace panel
