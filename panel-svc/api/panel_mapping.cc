#include "panel-svc/api/panel_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/rpc/proto_convert.h"
#include "platform/core/text.h"

namespace panel {

namespace pb = adoption::panel::v1;
using platform::CleanText;
using platform::TextKind;

std::string PanelName(const std::string& id) { return absl::StrCat("panels/", id); }
std::string MeetingName(const std::string& panel_id, const std::string& meeting_id) {
  return absl::StrCat("panels/", panel_id, "/meetings/", meeting_id);
}
std::string Etag(long long version) { return absl::StrCat(version); }

pb::Panel ToProto(const Panel& p, const std::optional<PanelRules>& rules) {
  pb::Panel out;
  out.set_name(PanelName(p.id));
  out.set_display_name(p.details.display_name);
  for (const auto& m : p.details.members) {
    auto* pm = out.add_members();
    pm->set_member_id(m.member_id);
    pm->set_display_name(m.display_name);
    pm->set_role(platform::EnumToProto<pb::PanelMemberRole>(m.role));
    pm->set_social_work_experience_years(m.social_work_experience_years);
    pm->set_active(m.active);
    pm->set_voting(Votes(m.role));
    if (m.last_training_date) *pm->mutable_last_training_date() = platform::DateToProto(*m.last_training_date);
    if (m.last_appraisal_date) *pm->mutable_last_appraisal_date() = platform::DateToProto(*m.last_appraisal_date);
    pm->set_account(m.account);
    if (m.joined_date) *pm->mutable_joined_date() = platform::DateToProto(*m.joined_date);
    if (m.notice_date) *pm->mutable_notice_date() = platform::DateToProto(*m.notice_date);
    if (m.left_date) *pm->mutable_left_date() = platform::DateToProto(*m.left_date);
    pm->set_removed(m.removed);
    for (const auto& interest : m.declared_interests) pm->add_declared_interests(interest);
    if (!rules) continue;
    if (auto due = TrainingDue(m, *rules)) *pm->mutable_training_due_date() = platform::DateToProto(*due);
    if (auto due = AppraisalDue(m, *rules)) *pm->mutable_appraisal_due_date() = platform::DateToProto(*due);
  }
  out.set_local_authority_agency(p.details.local_authority_agency);
  out.set_etag(Etag(p.version));
  *out.mutable_record_info() = platform::RecordInfoOf(p);
  return out;
}

PanelDetails DetailsFromProto(const pb::Panel& p, const std::string& prefix, platform::Validation& v) {
  PanelDetails d;
  d.display_name = CleanText(p.display_name(), TextKind::kSingleLine, prefix + "display_name", v);
  for (int i = 0; i < p.members_size(); ++i) {
    const auto& pm = p.members(i);
    const std::string field = absl::StrCat(prefix, "members[", i, "].");
    PanelMember m;
    m.member_id = pm.member_id();
    m.display_name = CleanText(pm.display_name(), TextKind::kSingleLine, field + "display_name", v);
    if (pm.role() == pb::PANEL_MEMBER_ROLE_UNSPECIFIED || !pb::PanelMemberRole_IsValid(pm.role())) {
      v.Add(field + "role", "is required: a PanelMemberRole such as PANEL_MEMBER_ROLE_SOCIAL_WORKER");
    } else {
      m.role = *platform::EnumFromProto<MemberRole>(pm.role(), pb::PanelMemberRole_IsValid);
    }
    m.social_work_experience_years = pm.social_work_experience_years();
    m.active = pm.active();
    m.last_training_date = platform::OptionalDateFromProto(pm.last_training_date(), field + "last_training_date", v);
    m.last_appraisal_date = platform::OptionalDateFromProto(pm.last_appraisal_date(), field + "last_appraisal_date", v);
    m.account = pm.account();
    m.joined_date = platform::OptionalDateFromProto(pm.joined_date(), field + "joined_date", v);
    m.notice_date = platform::OptionalDateFromProto(pm.notice_date(), field + "notice_date", v);
    m.left_date = platform::OptionalDateFromProto(pm.left_date(), field + "left_date", v);
    m.removed = pm.removed();
    for (int k = 0; k < pm.declared_interests_size(); ++k) {
      m.declared_interests.push_back(CleanText(pm.declared_interests(k), TextKind::kSingleLine,
                                               absl::StrCat(field, "declared_interests[", k, "]"), v));
    }
    d.members.push_back(std::move(m));
  }
  d.local_authority_agency = p.local_authority_agency();
  return d;
}

MeetingMode ModeFromProto(pb::MeetingMode mode, const std::string& field, platform::Validation& v) {
  if (mode == pb::MEETING_MODE_UNSPECIFIED) return MeetingMode::kInPerson;
  auto known = platform::EnumFromProto<MeetingMode>(mode, pb::MeetingMode_IsValid);
  v.Check(known.has_value(), field, "must be MEETING_MODE_IN_PERSON or MEETING_MODE_ONLINE");
  return known.value_or(MeetingMode::kInPerson);
}

pb::Meeting ToProto(const Meeting& m) {
  pb::Meeting out;
  out.set_name(MeetingName(m.panel_id, m.id));
  *out.mutable_meeting_date() = platform::DateToProto(m.meeting_date);
  out.set_case_capacity(m.case_capacity);
  out.set_mode(platform::EnumToProto<pb::MeetingMode>(m.mode));
  out.set_status(platform::EnumToProto<pb::MeetingStatus>(m.status));
  for (const auto& id : m.attendance) out.add_attendance(id);
  out.set_agenda_item_count(m.agenda_item_count);
  out.set_quorate(m.quorate);
  out.set_imported(m.imported);
  out.set_etag(Etag(m.version));
  *out.mutable_record_info() = platform::RecordInfoOf(m);
  return out;
}

Meeting MeetingFromProto(const pb::Meeting& m, const std::string& prefix, platform::Validation& v) {
  Meeting out;
  out.meeting_date = platform::DateFromProto(m.meeting_date(), prefix + "meeting_date", v);
  out.case_capacity = m.case_capacity();
  out.mode = ModeFromProto(m.mode(), prefix + "mode", v);
  if (m.status() == pb::MEETING_STATUS_UNSPECIFIED || !pb::MeetingStatus_IsValid(m.status())) {
    v.Add(prefix + "status", "is required: MEETING_STATUS_SCHEDULED, MEETING_STATUS_HELD or MEETING_STATUS_CANCELLED");
  } else {
    out.status = *platform::EnumFromProto<MeetingStatus>(m.status(), pb::MeetingStatus_IsValid);
  }
  out.attendance.assign(m.attendance().begin(), m.attendance().end());
  return out;
}

}  // namespace panel
