#include "panel-svc/domain/panel.h"


#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "platform/core/enum_names.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"

namespace panel {
namespace {
// Characters, not bytes: the limits are what an adviser can type.
using platform::CharacterCount;
constexpr size_t kMaxNameLength = 100;
constexpr int kMaxExperienceYears = 70;
}  // namespace

bool Votes(MemberRole role) {
  switch (role) {
    case MemberRole::kChair:
    case MemberRole::kViceChair:
    case MemberRole::kSocialWorker:
    case MemberRole::kIndependentMember:
      return true;
    case MemberRole::kMedicalAdviser:
    case MemberRole::kLegalAdviser:
    case MemberRole::kPanelAdviser:
      return false;
  }
  return false;
}

const std::vector<std::string>& PanelRules::Keys() {
  static const std::vector<std::string> keys = {"panel_quorum_members", "panel_social_worker_min_years",
                                                "panel_papers_working_days"};
  return keys;
}

absl::StatusOr<PanelRules> PanelRules::On(const platform::StatutoryTable& table, platform::Date day) {
  ASSIGN_OR_RETURN(long long quorum, table.ValueOn("panel_quorum_members", day));
  ASSIGN_OR_RETURN(long long years, table.ValueOn("panel_social_worker_min_years", day));
  ASSIGN_OR_RETURN(long long papers, table.ValueOn("panel_papers_working_days", day));
  return PanelRules{static_cast<int>(quorum), static_cast<int>(years), static_cast<int>(papers)};
}

void ValidateDetails(const PanelDetails& d, const PanelRules& rules, platform::Date today, const std::string& prefix,
                     platform::Validation& v) {
  v.Check(!d.display_name.empty() && CharacterCount(d.display_name) <= kMaxNameLength, prefix + "display_name",
          "is required (at most 100 characters)");
  int active_chairs = 0;
  for (size_t i = 0; i < d.members.size(); ++i) {
    const PanelMember& m = d.members[i];
    const std::string field = absl::StrCat(prefix, "members[", i, "].");
    v.Check(!m.display_name.empty() && CharacterCount(m.display_name) <= kMaxNameLength, field + "display_name",
            "is required (at most 100 characters)");
    const int years = m.social_work_experience_years;
    if (v.Check(years >= 0 && years <= kMaxExperienceYears, field + "social_work_experience_years",
                "must be 0 to 70") &&
        m.active && m.role == MemberRole::kSocialWorker) {
      // AAR 2005 reg 3: the central list's social workers are qualified with the
      // configured years of relevant post-qualifying experience.
      v.Check(years >= rules.social_worker_min_years, field + "social_work_experience_years",
              absl::StrCat("an active social worker member needs at least ", rules.social_worker_min_years,
                           " years' relevant post-qualifying experience (AAR 2005 reg 3)"));
    }
    if (m.last_training_date) {
      v.Check(*m.last_training_date <= today, field + "last_training_date", "must not be in the future");
    }
    if (m.last_appraisal_date) {
      v.Check(*m.last_appraisal_date <= today, field + "last_appraisal_date", "must not be in the future");
    }
    if (m.active && m.role == MemberRole::kChair) ++active_chairs;
  }
  v.Check(
      active_chairs == 1, prefix + "members",
      active_chairs == 0 ? "must include an active chair" : "must have only one active chair (vice-chairs deputise)");
}

Panel FormPanel(std::string id, PanelDetails details, const std::function<std::string()>& new_member_id,
                const std::string& actor, long long now) {
  Panel p;
  p.id = std::move(id);
  p.details = std::move(details);
  for (auto& m : p.details.members) m.member_id = new_member_id();
  p.version = 1;
  p.created_at = p.updated_at = now;
  p.created_by = p.updated_by = actor;
  return p;
}

absl::Status RevisePanel(Panel& panel, PanelDetails revised, const PanelRules& rules,
                         const std::function<std::string()>& new_member_id, const platform::Revision& revision,
                         const std::string& prefix, platform::Validation v) {
  revised.members = MergeMembers(panel.details.members, std::move(revised.members), new_member_id,
                                 prefix + "members", v);
  ValidateDetails(revised, rules, revision.today, prefix, v);
  RETURN_IF_ERROR(v.Status());
  panel.details = std::move(revised);
  platform::Stamp(panel, revision);
  return absl::OkStatus();
}

std::vector<PanelMember> MergeMembers(const std::vector<PanelMember>& current, std::vector<PanelMember> given,
                                      const std::function<std::string()>& new_member_id, const std::string& prefix,
                                      platform::Validation& v) {
  std::set<std::string> known, seen;
  for (const auto& m : current) known.insert(m.member_id);
  for (size_t i = 0; i < given.size(); ++i) {
    PanelMember& m = given[i];
    if (m.member_id.empty()) {
      m.member_id = new_member_id();
      continue;
    }
    const std::string field = absl::StrCat(prefix, "[", i, "].member_id");
    if (!known.count(m.member_id)) {
      v.Add(field, "is not a member of this panel: leave it empty for a new member");
    } else if (!seen.insert(m.member_id).second) {
      v.Add(field, "appears twice");
    }
  }
  std::vector<std::string> missing;
  for (const auto& m : current) {
    if (!seen.count(m.member_id)) missing.push_back(m.member_id);
  }
  if (!missing.empty()) {
    v.Add(prefix, absl::StrCat("must keep every member (retire one by setting active false); missing ",
                               absl::StrJoin(missing, ", ")));
  }
  return given;
}

Quorum AssessQuorum(const PanelDetails& panel, const std::vector<std::string>& present,
                    const std::set<std::string>& conflicted, const PanelRules& rules) {
  Quorum q;
  const std::set<std::string> here(present.begin(), present.end());
  bool chair = false, social_worker = false, independent = false;
  for (const auto& m : panel.members) {
    if (!here.count(m.member_id) || !m.active || !Votes(m.role) || conflicted.count(m.member_id)) continue;
    q.counted.push_back(m.member_id);
    chair |= m.role == MemberRole::kChair || m.role == MemberRole::kViceChair;
    social_worker |=
        m.role == MemberRole::kSocialWorker && m.social_work_experience_years >= rules.social_worker_min_years;
    independent |= m.role == MemberRole::kIndependentMember;
  }
  const int counted = static_cast<int>(q.counted.size());
  if (counted < rules.quorum_members) {
    q.missing.push_back(absl::StrCat("at least ", rules.quorum_members, " voting members present and not conflicted (",
                                     counted, " counted)"));
  }
  if (!chair) q.missing.push_back("the chair or a vice-chair");
  if (!social_worker) {
    q.missing.push_back(absl::StrCat("a social worker with at least ", rules.social_worker_min_years,
                                     " years' post-qualifying experience"));
  }
  if (panel.local_authority_agency && !independent) {
    q.missing.push_back("an independent member (the panel of a local-authority agency)");
  }
  q.quorate = q.missing.empty();
  return q;
}

namespace {
constexpr const char* kRoleNames[] = {"CHAIR",           "VICE_CHAIR",    "SOCIAL_WORKER", "INDEPENDENT_MEMBER",
                                      "MEDICAL_ADVISER", "LEGAL_ADVISER", "PANEL_ADVISER"};
}  // namespace

std::string RoleName(MemberRole role) { return kRoleNames[static_cast<int>(role)]; }
std::optional<MemberRole> ParseRole(const std::string& name) {
  return platform::EnumFromName<MemberRole>(kRoleNames, name);
}

}  // namespace panel
