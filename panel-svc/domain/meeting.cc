#include "panel-svc/domain/meeting.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "platform/enum_names.h"

namespace panel {
namespace {
// Not a policy (an agency sets its own capacity): a guard against typing 100 for 10.
constexpr int kMaxCaseCapacity = 50;

constexpr const char* kStatusNames[] = {"SCHEDULED", "HELD", "CANCELLED"};
constexpr const char* kFieldNames[] = {"meeting_date", "case_capacity", "status", "attendance"};

struct Editable {
  MeetingStatus status;
  std::vector<MeetingField> fields;
};
const std::vector<Editable>& EditableFields() {
  static const std::vector<Editable> table = {
      {MeetingStatus::kScheduled,
       {MeetingField::kMeetingDate, MeetingField::kCaseCapacity, MeetingField::kStatus, MeetingField::kAttendance}},
      {MeetingStatus::kHeld, {MeetingField::kAttendance}},
      {MeetingStatus::kCancelled, {}},
  };
  return table;
}

absl::Status NotAllowed(const Meeting& m, absl::string_view what) {
  const std::string state = MeetingStatusName(m.status);
  return platform::FailedPrecondition(absl::StrCat("a ", state, " meeting's ", what, " cannot change"),
                                      {{"STATE", absl::StrCat("meeting ", m.id), absl::StrCat("status is ", state)}});
}
}  // namespace

const std::vector<MeetingTransition>& MeetingTransitions() {
  static const std::vector<MeetingTransition> table = {
      {MeetingStatus::kScheduled, MeetingStatus::kHeld},
      {MeetingStatus::kScheduled, MeetingStatus::kCancelled},
  };
  return table;
}

bool MayChange(MeetingStatus status, MeetingField field) {
  for (const auto& e : EditableFields()) {
    if (e.status != status) continue;
    for (MeetingField f : e.fields) {
      if (f == field) return true;
    }
  }
  return false;
}

absl::Status ApplyMeetingChange(Meeting& m, const MeetingChange& change, platform::Date today) {
  const auto check = [&](bool given, MeetingField field) {
    return !given || MayChange(m.status, field) ? absl::OkStatus()
                                                : NotAllowed(m, kFieldNames[static_cast<int>(field)]);
  };
  for (absl::Status s : {check(change.meeting_date.has_value(), MeetingField::kMeetingDate),
                         check(change.case_capacity.has_value(), MeetingField::kCaseCapacity),
                         check(change.status.has_value(), MeetingField::kStatus),
                         check(change.attendance.has_value(), MeetingField::kAttendance)}) {
    if (!s.ok()) return s;
  }
  Meeting next = m;
  if (change.meeting_date) next.meeting_date = *change.meeting_date;
  if (change.case_capacity) next.case_capacity = *change.case_capacity;
  if (change.attendance) next.attendance = *change.attendance;
  if (change.status && *change.status != m.status) {
    bool allowed = false;
    for (const auto& t : MeetingTransitions()) allowed |= t.from == m.status && t.to == *change.status;
    if (!allowed) {
      return platform::FailedPrecondition(
          absl::StrCat("a ", MeetingStatusName(m.status), " meeting cannot become ", MeetingStatusName(*change.status)),
          {{"STATE", absl::StrCat("meeting ", m.id), absl::StrCat("status is ", MeetingStatusName(m.status))}});
    }
    if (*change.status == MeetingStatus::kHeld && next.meeting_date > today) {
      return platform::FailedPrecondition("a meeting cannot be held before its date",
                                          {{"DATE", absl::StrCat("meeting ", m.id),
                                            absl::StrCat("meets on ", platform::FormatDate(next.meeting_date))}});
    }
    next.status = *change.status;
  }
  m = std::move(next);
  return absl::OkStatus();
}

void ValidateMeeting(const Meeting& m, const std::string& prefix, platform::Validation& v) {
  v.Check(m.case_capacity >= 1 && m.case_capacity <= kMaxCaseCapacity, prefix + "case_capacity",
          absl::StrCat("must be 1 to ", kMaxCaseCapacity, " cases"));
}

void ValidateAttendance(const PanelDetails& panel, const std::vector<std::string>& attendance, const std::string& field,
                        platform::Validation& v) {
  std::set<std::string> active, seen;
  for (const auto& m : panel.members) {
    if (m.active) active.insert(m.member_id);
  }
  for (size_t i = 0; i < attendance.size(); ++i) {
    const std::string f = absl::StrCat(field, "[", i, "]");
    if (!active.count(attendance[i])) {
      v.Add(f, "must be the member_id of an active member of this meeting's panel");
    } else if (!seen.insert(attendance[i]).second) {
      v.Add(f, "appears twice");
    }
  }
}

Meeting ScheduleMeeting(std::string id, std::string panel_id, platform::Date meeting_date, int case_capacity,
                        const std::string& actor, long long now) {
  Meeting m;
  m.id = std::move(id);
  m.panel_id = std::move(panel_id);
  m.meeting_date = meeting_date;
  m.case_capacity = case_capacity;
  m.status = MeetingStatus::kScheduled;
  m.version = 1;
  m.created_at = m.updated_at = now;
  m.created_by = m.updated_by = actor;
  return m;
}

std::string MeetingStatusName(MeetingStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<MeetingStatus> ParseMeetingStatus(const std::string& name) {
  return platform::EnumFromName<MeetingStatus>(kStatusNames, name);
}

}  // namespace panel
