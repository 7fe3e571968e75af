#pragma once
// An adoption panel and its central list of members (docs/domain.md §3; AAR 2005 regs 3-6).
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"
#include "platform/core/statutory.h"

namespace panel {

// A member's role on the central list, in the contract's order. Advisers attend but
// do not vote.
enum class MemberRole {
  kChair, kViceChair, kSocialWorker, kIndependentMember, kMedicalAdviser, kLegalAdviser, kPanelAdviser,
};

// Chair, vice-chairs, social workers and independent members vote; advisers do not.
bool Votes(MemberRole role);

struct PanelMember {
  std::string member_id;  // stable within the panel; assigned by the service
  std::string display_name;
  MemberRole role = MemberRole::kIndependentMember;
  int social_work_experience_years = 0;  // relevant post-qualifying experience
  bool active = false;                   // on the current list; retired members stay
  std::optional<platform::Date> last_training_date;
  std::optional<platform::Date> last_appraisal_date;
};

struct PanelDetails {
  std::string display_name;
  std::vector<PanelMember> members;
  // A local-authority agency's quorum also needs an independent member.
  bool local_authority_agency = false;
};

struct Panel {
  std::string id;
  PanelDetails details;
  long long version = 1;  // the etag
  long long created_at = 0, updated_at = 0;  // microseconds since the epoch
  std::string created_by, updated_by;
};

// The dated statutory numbers the panel rules use (config/statutory.tsv), as in
// force on one day.
struct PanelRules {
  int quorum_members = 0;           // panel_quorum_members
  int social_worker_min_years = 0;  // panel_social_worker_min_years
  int papers_working_days = 0;      // panel_papers_working_days: papers due that many working days before
  // The keys a deployment's table must have.
  static const std::vector<std::string>& Keys();
  // NOT_FOUND when a number was not in force on `day`.
  static absl::StatusOr<PanelRules> On(const platform::StatutoryTable& table, platform::Date day);
};

// The rules a panel's details must meet, checked whole; violations name fields
// under `prefix` ("panel."). A panel has exactly one active chair; every active
// social worker has the configured years of post-qualifying experience.
void ValidateDetails(const PanelDetails& details, const PanelRules& rules, platform::Date today,
                     const std::string& prefix, platform::Validation& v);

// A new panel: every member gets an id from `new_member_id`.
Panel FormPanel(std::string id, PanelDetails details, const std::function<std::string()>& new_member_id,
                const std::string& actor, long long now);

// Replaces `panel`'s details with `revised`, judged on revision.today under the
// `rules` in force then: the members are merged into the current list
// (MergeMembers); INVALID_ARGUMENT naming every bad field (`v` may already hold
// violations of the request's shape). On success the change is stamped.
absl::Status RevisePanel(Panel& panel, PanelDetails revised, const PanelRules& rules,
                         const std::function<std::string()>& new_member_id, const platform::Revision& revision,
                         const std::string& prefix, platform::Validation v);

// An update's whole member list merged into the current one: members keep their
// ids, new ones (empty id) get one; no member is ever removed (retire one with
// active false). Violations name fields under `prefix` ("panel.members").
std::vector<PanelMember> MergeMembers(const std::vector<PanelMember>& current, std::vector<PanelMember> given,
                                      const std::function<std::string()>& new_member_id, const std::string& prefix,
                                      platform::Validation& v);

// The quorum for one case (AAR 2005 reg 6, as amended 2012): at least
// rules.quorum_members voting members present, including the chair or a
// vice-chair, one social worker with rules.social_worker_min_years of experience
// and, for a local-authority agency, one independent member. Advisers do not count;
// nor does a member with a declared conflict on the case, nor one not on the
// current list.
struct Quorum {
  bool quorate = false;
  std::vector<std::string> counted;  // member ids that count, in list order
  std::vector<std::string> missing;  // what is lacking, in words; empty when quorate
};
Quorum AssessQuorum(const PanelDetails& panel, const std::vector<std::string>& present,
                    const std::set<std::string>& conflicted, const PanelRules& rules);

// Stable names ("VICE_CHAIR"): storage uses these; the contract's names add the
// PANEL_MEMBER_ROLE_ prefix.
std::string RoleName(MemberRole role);
std::optional<MemberRole> ParseRole(const std::string& name);

}  // namespace panel
