#pragma once
// A sitting of a panel (weekly or fortnightly; at least monthly) with its attendance.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "panel-svc/domain/panel.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"

namespace panel {

// In the contract's order.
enum class MeetingStatus { kScheduled, kHeld, kCancelled };
enum class MeetingMode { kInPerson, kOnline };

// What can be changed on a meeting, each only in some statuses.
enum class MeetingField { kMeetingDate, kCaseCapacity, kStatus, kAttendance, kMode };

struct Meeting {
  std::string id;
  std::string panel_id;
  platform::Date meeting_date;
  int case_capacity = 0;
  MeetingMode mode = MeetingMode::kInPerson;
  MeetingStatus status = MeetingStatus::kScheduled;
  std::vector<std::string> attendance;  // member ids of the panel's members present
  // The attendance met the quorum (no conflicts considered), under the panel's list
  // and the rules in force on the meeting date, when it was last recorded.
  bool quorate = false;
  // Recorded from the old system to hold the cases it heard awaiting a decision
  // (ImportedMeeting): no attendance is known, and the panel's figures leave it out.
  bool imported = false;
  int agenda_item_count = 0;  // cases booked on it (read with it, never written)
  long long version = 1;  // the etag
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

// The status changes a meeting allows, as data: SCHEDULED -> HELD or CANCELLED,
// and nothing after.
using StatusChange = platform::StatusChange<MeetingStatus>;
const std::vector<StatusChange>& AllowedStatusChanges();
// Which fields may change in each status: a scheduled meeting anything; a held one
// only its attendance record; a cancelled one nothing.
bool MayChange(MeetingStatus status, MeetingField field);

// Replaces `meeting`'s date, capacity, status and attendance with `revised`'s,
// judged on revision.today under `panel`'s list and the `rules` in force on the
// revised meeting date. INVALID_ARGUMENT first for `v` (violations of the
// request's shape); then FAILED_PRECONDITION when a field that differs may not
// change in the meeting's status, when the status cannot move that way, or when a
// meeting would be held before its date; then INVALID_ARGUMENT naming every field
// the result breaks. On success the quorum is assessed again and the change stamped.
absl::Status ReviseMeeting(Meeting& meeting, const Meeting& revised, const PanelDetails& panel,
                           const PanelRules& rules, const platform::Revision& revision, const std::string& prefix,
                           platform::Validation v);

// A meeting's own rules: a capacity of at least one case. Violations under `prefix`.
void ValidateMeeting(const Meeting& m, const std::string& prefix, platform::Validation& v);
// The attendance names members of the panel on its list on `day` (OnListOn), each once.
void ValidateAttendance(const PanelDetails& panel, const std::vector<std::string>& attendance, platform::Date day,
                        const std::string& field, platform::Validation& v);

// The accounts of the members of `panel` present at `meeting` (those who sign in),
// leaving out the members in `except` (conflicted on a case): who sat.
std::vector<std::string> AccountsPresent(const PanelDetails& panel, const Meeting& meeting,
                                         const std::set<std::string>& except = {});

// The meeting held on `meeting_date` that holds the cases the old system heard that
// day (imported): HELD, room for `cases`, no attendance, its quorum not judged.
Meeting ImportedMeeting(std::string id, std::string panel_id, platform::Date meeting_date, int cases,
                        const std::string& actor, long long now);

// A newly scheduled meeting of a panel, with no attendance yet.
Meeting ScheduleMeeting(std::string id, std::string panel_id, platform::Date meeting_date, int case_capacity,
                        const std::string& actor, long long now);

std::string MeetingStatusName(MeetingStatus s);
std::string MeetingModeName(MeetingMode m);
std::optional<MeetingMode> ParseMeetingMode(const std::string& name);
std::optional<MeetingStatus> ParseMeetingStatus(const std::string& name);

}  // namespace panel
