#include "panel-svc/api/panel_mapping.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "platform/ids.h"
#include "platform/proto_convert.h"

namespace panel {

namespace pb = adoption::panel::v1;

std::string PanelName(const std::string& id) { return absl::StrCat("panels/", id); }
std::string MeetingName(const std::string& panel_id, const std::string& meeting_id) {
  return absl::StrCat("panels/", panel_id, "/meetings/", meeting_id);
}
std::string Etag(long long version) { return absl::StrCat(version); }

bool MeetingIdsFromName(const std::string& name, const std::string& field, platform::Validation& v,
                        std::string* panel_id, std::string* meeting_id) {
  if (name.empty()) return v.Check(false, field, "is required");
  std::vector<std::string> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "panels" || !platform::IsWellFormedId(parts[1]) || parts[2] != "meetings" ||
      !platform::IsWellFormedId(parts[3])) {
    return v.Check(false, field, "must be panels/{panel_id}/meetings/{meeting_id}");
  }
  *panel_id = parts[1];
  *meeting_id = parts[3];
  return true;
}

pb::Panel ToProto(const Panel& p) {
  pb::Panel out;
  out.set_name(PanelName(p.id));
  out.set_display_name(p.details.display_name);
  for (const auto& m : p.details.members) {
    auto* pm = out.add_members();
    pm->set_member_id(m.member_id);
    pm->set_display_name(m.display_name);
    // Domain enums are in the contract's order, offset by the UNSPECIFIED zero.
    pm->set_role(static_cast<pb::PanelMemberRole>(static_cast<int>(m.role) + 1));
    pm->set_social_work_experience_years(m.social_work_experience_years);
    pm->set_active(m.active);
    pm->set_voting(Votes(m.role));
    if (m.last_training_date) *pm->mutable_last_training_date() = platform::DateToProto(*m.last_training_date);
    if (m.last_appraisal_date) *pm->mutable_last_appraisal_date() = platform::DateToProto(*m.last_appraisal_date);
  }
  out.set_local_authority_agency(p.details.local_authority_agency);
  out.set_etag(Etag(p.version));
  auto* info = out.mutable_record_info();
  *info->mutable_create_time() = platform::MicrosToTimestamp(p.created_at);
  *info->mutable_update_time() = platform::MicrosToTimestamp(p.updated_at);
  info->set_created_by(p.created_by);
  info->set_updated_by(p.updated_by);
  return out;
}

PanelDetails DetailsFromProto(const pb::Panel& p, const std::string& prefix, platform::Validation& v) {
  PanelDetails d;
  d.display_name = p.display_name();
  for (int i = 0; i < p.members_size(); ++i) {
    const auto& pm = p.members(i);
    const std::string field = absl::StrCat(prefix, "members[", i, "].");
    PanelMember m;
    m.member_id = pm.member_id();
    m.display_name = pm.display_name();
    if (pm.role() == pb::PANEL_MEMBER_ROLE_UNSPECIFIED || !pb::PanelMemberRole_IsValid(pm.role())) {
      v.Add(field + "role", "is required: a PanelMemberRole such as PANEL_MEMBER_ROLE_SOCIAL_WORKER");
    } else {
      m.role = static_cast<MemberRole>(pm.role() - 1);
    }
    m.social_work_experience_years = pm.social_work_experience_years();
    m.active = pm.active();
    m.last_training_date = platform::OptionalDateFromProto(pm.last_training_date(), field + "last_training_date", v);
    m.last_appraisal_date = platform::OptionalDateFromProto(pm.last_appraisal_date(), field + "last_appraisal_date", v);
    d.members.push_back(std::move(m));
  }
  d.local_authority_agency = p.local_authority_agency();
  return d;
}

pb::Meeting ToProto(const Meeting& m) {
  pb::Meeting out;
  out.set_name(MeetingName(m.panel_id, m.id));
  *out.mutable_meeting_date() = platform::DateToProto(m.meeting_date);
  out.set_case_capacity(m.case_capacity);
  out.set_status(static_cast<pb::MeetingStatus>(static_cast<int>(m.status) + 1));
  for (const auto& id : m.attendance) out.add_attendance(id);
  out.set_agenda_item_count(0);  // agenda items arrive with CreateAgendaItem (a later issue)
  out.set_quorate(m.quorate);
  out.set_etag(Etag(m.version));
  auto* info = out.mutable_record_info();
  *info->mutable_create_time() = platform::MicrosToTimestamp(m.created_at);
  *info->mutable_update_time() = platform::MicrosToTimestamp(m.updated_at);
  info->set_created_by(m.created_by);
  info->set_updated_by(m.updated_by);
  return out;
}

MeetingChange ChangeFromProto(const pb::Meeting& m, const std::set<std::string>& paths, const std::string& prefix,
                              platform::Validation& v) {
  MeetingChange change;
  if (paths.count("meeting_date")) {
    change.meeting_date = platform::DateFromProto(m.meeting_date(), prefix + "meeting_date", v);
  }
  if (paths.count("case_capacity")) change.case_capacity = m.case_capacity();
  if (paths.count("status")) {
    if (m.status() == pb::MEETING_STATUS_UNSPECIFIED || !pb::MeetingStatus_IsValid(m.status())) {
      v.Add(prefix + "status",
            "is required: MEETING_STATUS_SCHEDULED, MEETING_STATUS_HELD or MEETING_STATUS_CANCELLED");
    } else {
      change.status = static_cast<MeetingStatus>(m.status() - 1);
    }
  }
  if (paths.count("attendance")) {
    change.attendance = std::vector<std::string>(m.attendance().begin(), m.attendance().end());
  }
  return change;
}

std::optional<MeetingStatus> MeetingStatusFromEnumName(const std::string& name) {
  pb::MeetingStatus s;
  if (!pb::MeetingStatus_Parse(name, &s) || s == pb::MEETING_STATUS_UNSPECIFIED) return std::nullopt;
  return static_cast<MeetingStatus>(s - 1);
}

}  // namespace panel
