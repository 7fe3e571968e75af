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
constexpr size_t kMaxAccountLength = 255;
constexpr size_t kMaxInterestLength = 200;
constexpr size_t kMaxInterests = 20;

// A member's dates in order, under `field` ("panel.members[2].").
void ValidateTenure(const PanelMember& m, const PanelRules& rules, platform::Date today, const std::string& field,
                    platform::Validation& v) {
  if (m.notice_date) {
    if (*m.notice_date > today) {
      v.Add(field + "notice_date", "must not be in the future");
    } else if (m.joined_date && *m.notice_date < *m.joined_date) {
      v.Add(field + "notice_date", "must not be before joined_date");
    }
  }
  if (m.left_date) {
    if (m.joined_date && *m.left_date <= *m.joined_date) {
      v.Add(field + "left_date", "must be after joined_date");
    } else if (m.removed) {
      v.Check(!m.notice_date || *m.left_date >= *m.notice_date, field + "left_date", "must not be before notice_date");
    } else if (!m.notice_date) {
      v.Add(field + "notice_date",
            "is required with left_date: a member leaves the list on notice (AAR 2005 reg 5), or set removed");
    } else {
      const platform::Date earliest = platform::AddMonths(*m.notice_date, rules.member_notice_months);
      v.Check(*m.left_date >= earliest, field + "left_date",
              absl::StrCat("must be at least ", rules.member_notice_months, " month(s) after notice_date (",
                           platform::FormatDate(earliest), " at the earliest; AAR 2005 reg 5), unless removed"));
    }
  }
  v.Check(!m.removed || m.left_date.has_value(), field + "removed", "needs the left_date the agency removed them on");
}
}  // namespace

bool OnListOn(const PanelMember& m, platform::Date day) {
  if (m.joined_date && day < *m.joined_date) return false;
  if (m.left_date) return day < *m.left_date;
  return m.active;
}

PanelDetails AsSeenByMember(PanelDetails details, const std::string& account) {
  for (PanelMember& m : details.members) {
    if (!account.empty() && m.account == account) continue;
    PanelMember seen;
    seen.member_id = std::move(m.member_id);
    seen.display_name = std::move(m.display_name);
    seen.role = m.role;
    seen.active = m.active;
    seen.joined_date = m.joined_date;
    seen.left_date = m.left_date;
    m = std::move(seen);
  }
  return details;
}

std::vector<std::string> MemberAccounts(const PanelDetails& details) {
  std::vector<std::string> accounts;
  for (const PanelMember& m : details.members) {
    if (!m.account.empty()) accounts.push_back(m.account);
  }
  return accounts;
}

std::optional<platform::Date> TrainingDue(const PanelMember& m, const PanelRules& rules) {
  if (!m.last_training_date) return std::nullopt;
  return platform::AddMonths(*m.last_training_date, rules.member_training_months);
}

std::optional<platform::Date> AppraisalDue(const PanelMember& m, const PanelRules& rules) {
  if (!m.last_appraisal_date) return std::nullopt;
  return platform::AddMonths(*m.last_appraisal_date, rules.member_appraisal_months);
}

MembersDue CountMembersDue(const PanelDetails& panel, const PanelRules& rules, platform::Date today) {
  MembersDue due;
  for (const auto& m : panel.members) {
    if (!OnListOn(m, today)) continue;
    const auto training = TrainingDue(m, rules), appraisal = AppraisalDue(m, rules);
    if (!training || *training <= today) ++due.training;
    if (!appraisal || *appraisal <= today) ++due.appraisal;
  }
  return due;
}

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
  static const std::vector<std::string> keys = {"panel_quorum_members",         "panel_social_worker_min_years",
                                                "panel_papers_working_days",    "panel_member_notice_months",
                                                "panel_member_training_months", "panel_member_appraisal_months"};
  return keys;
}

absl::StatusOr<PanelRules> PanelRules::On(const platform::StatutoryTable& table, platform::Date day) {
  ASSIGN_OR_RETURN(long long quorum, table.ValueOn("panel_quorum_members", day));
  ASSIGN_OR_RETURN(long long years, table.ValueOn("panel_social_worker_min_years", day));
  ASSIGN_OR_RETURN(long long papers, table.ValueOn("panel_papers_working_days", day));
  ASSIGN_OR_RETURN(long long notice, table.ValueOn("panel_member_notice_months", day));
  ASSIGN_OR_RETURN(long long training, table.ValueOn("panel_member_training_months", day));
  ASSIGN_OR_RETURN(long long appraisal, table.ValueOn("panel_member_appraisal_months", day));
  return PanelRules{static_cast<int>(quorum),   static_cast<int>(years),    static_cast<int>(papers),
                    static_cast<int>(notice),   static_cast<int>(training), static_cast<int>(appraisal)};
}

void ValidateDetails(const PanelDetails& d, const PanelRules& rules, platform::Date today, const std::string& prefix,
                     platform::Validation& v) {
  v.Check(!d.display_name.empty() && CharacterCount(d.display_name) <= kMaxNameLength, prefix + "display_name",
          "is required (at most 100 characters)");
  int active_chairs = 0;
  std::set<std::string> accounts;
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
    if (!m.account.empty()) {
      v.Check(CharacterCount(m.account) <= kMaxAccountLength, field + "account", "must be at most 255 characters");
      v.Check(accounts.insert(m.account).second, field + "account", "belongs to another member of this panel");
    }
    ValidateTenure(m, rules, today, field, v);
    v.Check(m.declared_interests.size() <= kMaxInterests, field + "declared_interests", "must be at most 20");
    for (size_t k = 0; k < m.declared_interests.size(); ++k) {
      const std::string& interest = m.declared_interests[k];
      v.Check(!interest.empty() && CharacterCount(interest) <= kMaxInterestLength &&
                  interest.find('\n') == std::string::npos,
              absl::StrCat(field, "declared_interests[", k, "]"), "must be one line of 1 to 200 characters");
    }
    if (OnListOn(m, today) && m.role == MemberRole::kChair) ++active_chairs;
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
    v.Add(prefix, absl::StrCat("must keep every member (one leaves with left_date, or active false); missing ",
                               absl::StrJoin(missing, ", ")));
  }
  return given;
}

Quorum AssessQuorum(const PanelDetails& panel, const std::vector<std::string>& present,
                    const std::set<std::string>& conflicted, const PanelRules& rules, platform::Date day) {
  Quorum q;
  const std::set<std::string> here(present.begin(), present.end());
  bool chair = false, social_worker = false, independent = false;
  for (const auto& m : panel.members) {
    if (!here.count(m.member_id) || !OnListOn(m, day) || !Votes(m.role) || conflicted.count(m.member_id)) continue;
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
