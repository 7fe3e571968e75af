#include "panel-svc/domain/meeting.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "platform/core/enum_names.h"
#include "platform/core/status_macros.h"

namespace panel {
namespace {
// Not a policy (an agency sets its own capacity): a guard against typing 100 for 10.
constexpr int kMaxCaseCapacity = 50;

constexpr const char* kStatusNames[] = {"SCHEDULED", "HELD", "CANCELLED"};
constexpr const char* kFieldNames[] = {"meeting_date", "case_capacity", "status", "attendance", "mode"};
constexpr const char* kModeNames[] = {"IN_PERSON", "ONLINE"};

struct Editable {
  MeetingStatus status;
  std::vector<MeetingField> fields;
};
const std::vector<Editable>& EditableFields() {
  static const std::vector<Editable> table = {
      {MeetingStatus::kScheduled,
       {MeetingField::kMeetingDate, MeetingField::kCaseCapacity, MeetingField::kStatus, MeetingField::kAttendance,
        MeetingField::kMode}},
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

const std::vector<StatusChange>& AllowedStatusChanges() {
  static const std::vector<StatusChange> changes = {
      {MeetingStatus::kScheduled, MeetingStatus::kHeld},
      {MeetingStatus::kScheduled, MeetingStatus::kCancelled},
  };
  return changes;
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

absl::Status ReviseMeeting(Meeting& meeting, const Meeting& revised, const PanelDetails& panel,
                           const PanelRules& rules, const platform::Revision& revision, const std::string& prefix,
                           platform::Validation v) {
  RETURN_IF_ERROR(v.Status());
  const Meeting& m = meeting;
  // A field changes when its value differs; each must be open in the current status.
  const struct {
    bool differs;
    MeetingField field;
  } fields[] = {
      {revised.meeting_date != m.meeting_date, MeetingField::kMeetingDate},
      {revised.case_capacity != m.case_capacity, MeetingField::kCaseCapacity},
      {revised.status != m.status, MeetingField::kStatus},
      {revised.attendance != m.attendance, MeetingField::kAttendance},
      {revised.mode != m.mode, MeetingField::kMode},
  };
  for (const auto& f : fields) {
    if (f.differs && !MayChange(m.status, f.field)) return NotAllowed(m, kFieldNames[static_cast<int>(f.field)]);
  }
  if (!platform::MayChangeStatus(AllowedStatusChanges(), m.status, revised.status)) {
    return platform::FailedPrecondition(
        absl::StrCat("a ", MeetingStatusName(m.status), " meeting cannot become ", MeetingStatusName(revised.status)),
        {{"STATE", absl::StrCat("meeting ", m.id), absl::StrCat("status is ", MeetingStatusName(m.status))}});
  }
  if (revised.status == MeetingStatus::kHeld && revised.status != m.status && revised.meeting_date > revision.today) {
    return platform::FailedPrecondition("a meeting cannot be held before its date",
                                        {{"DATE", absl::StrCat("meeting ", m.id),
                                          absl::StrCat("meets on ", platform::FormatDate(revised.meeting_date))}});
  }
  ValidateMeeting(revised, prefix, v);
  if (revised.attendance != m.attendance) ValidateAttendance(panel, revised.attendance, revised.meeting_date, prefix + "attendance", v);
  RETURN_IF_ERROR(v.Status());
  Meeting next = m;
  next.meeting_date = revised.meeting_date;
  next.case_capacity = revised.case_capacity;
  next.status = revised.status;
  next.attendance = revised.attendance;
  next.mode = revised.mode;
  next.quorate = AssessQuorum(panel, next.attendance, {}, rules, next.meeting_date).quorate;
  platform::Stamp(next, revision);
  meeting = std::move(next);
  return absl::OkStatus();
}

void ValidateMeeting(const Meeting& m, const std::string& prefix, platform::Validation& v) {
  v.Check(m.case_capacity >= 1 && m.case_capacity <= kMaxCaseCapacity, prefix + "case_capacity",
          absl::StrCat("must be 1 to ", kMaxCaseCapacity, " cases"));
}

void ValidateAttendance(const PanelDetails& panel, const std::vector<std::string>& attendance, platform::Date day,
                        const std::string& field, platform::Validation& v) {
  std::set<std::string> active, seen;
  for (const auto& m : panel.members) {
    if (OnListOn(m, day)) active.insert(m.member_id);
  }
  for (size_t i = 0; i < attendance.size(); ++i) {
    const std::string f = absl::StrCat(field, "[", i, "]");
    if (!active.count(attendance[i])) {
      v.Add(f, absl::StrCat("must be the member_id of a member on this meeting's panel's list on ",
                            platform::FormatDate(day)));
    } else if (!seen.insert(attendance[i]).second) {
      v.Add(f, "appears twice");
    }
  }
}

std::vector<std::string> AccountsPresent(const PanelDetails& panel, const Meeting& meeting,
                                         const std::set<std::string>& except) {
  const std::set<std::string> present(meeting.attendance.begin(), meeting.attendance.end());
  std::vector<std::string> accounts;
  for (const auto& m : panel.members) {
    if (!m.account.empty() && present.count(m.member_id) && !except.count(m.member_id)) accounts.push_back(m.account);
  }
  return accounts;
}

Meeting ImportedMeeting(std::string id, std::string panel_id, platform::Date meeting_date, int cases,
                        const std::string& actor, long long now) {
  Meeting m = ScheduleMeeting(std::move(id), std::move(panel_id), meeting_date, cases, actor, now);
  m.status = MeetingStatus::kHeld;
  m.imported = true;
  return m;
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

std::string MeetingModeName(MeetingMode m) { return kModeNames[static_cast<int>(m)]; }
std::optional<MeetingMode> ParseMeetingMode(const std::string& name) {
  return platform::EnumFromName<MeetingMode>(kModeNames, name);
}

}  // namespace panel
