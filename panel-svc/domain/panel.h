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
  std::string account;  // the subject of their tokens; empty when they do not sign in
  // On the list from joined_date; notice to leave given on notice_date; off it from
  // left_date (AAR 2005 reg 5). `removed`: the agency ended it, no notice period.
  std::optional<platform::Date> joined_date, notice_date, left_date;
  bool removed = false;
  std::vector<std::string> declared_interests;  // standing interests, one line each
};

// Whether `m` is on the central list on `day`: once they have left, only on the days
// between joining and leaving (so a case heard before they left keeps its quorum);
// until then, while active and joined.
bool OnListOn(const PanelMember& m, platform::Date day);

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
  int member_notice_months = 0;     // panel_member_notice_months: notice to leave the list
  int member_training_months = 0;   // panel_member_training_months: training due that long after the last
  int member_appraisal_months = 0;  // panel_member_appraisal_months: appraisal likewise
  // The keys a deployment's table must have.
  static const std::vector<std::string>& Keys();
  // NOT_FOUND when a number was not in force on `day`.
  static absl::StatusOr<PanelRules> On(const platform::StatutoryTable& table, platform::Date day);
};

// The rules a panel's details must meet, checked whole; violations name fields
// under `prefix` ("panel."). A panel has exactly one chair on the list `today`; every
// active social worker has the configured years of post-qualifying experience; an
// account belongs to one member; notice follows joining and precedes leaving by the
// configured months unless the agency removed the member.
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

// The central list as a panel member reads it (their token's subject is `account`):
// their own place whole; of the others who they are, their role and their time on the
// list — not their experience, training, appraisal, notice, removal, account or
// declared interests, which are the agency's records about them.
PanelDetails AsSeenByMember(PanelDetails details, const std::string& account);
// The accounts of everyone who has a place on the list, past or present: a panel
// member reads the panels they are on.
std::vector<std::string> MemberAccounts(const PanelDetails& details);

// When a member's next annual training and appraisal fall due (none before the first
// is recorded).
std::optional<platform::Date> TrainingDue(const PanelMember& m, const PanelRules& rules);
std::optional<platform::Date> AppraisalDue(const PanelMember& m, const PanelRules& rules);

// How many members on the list on `today` have their annual training, and their
// appraisal, due (on or before today, or never recorded): the adviser's reminders.
struct MembersDue {
  int training = 0, appraisal = 0;
};
MembersDue CountMembersDue(const PanelDetails& panel, const PanelRules& rules, platform::Date today);

// The quorum for one case heard on `day` (AAR 2005 reg 6, as amended 2012): at least
// rules.quorum_members voting members present, including the chair or a
// vice-chair, one social worker with rules.social_worker_min_years of experience
// and, for a local-authority agency, one independent member. Advisers do not count;
// nor does a member with a declared conflict on the case, nor one not on the list
// that day (OnListOn).
struct Quorum {
  bool quorate = false;
  std::vector<std::string> counted;  // member ids that count, in list order
  std::vector<std::string> missing;  // what is lacking, in words; empty when quorate
};
Quorum AssessQuorum(const PanelDetails& panel, const std::vector<std::string>& present,
                    const std::set<std::string>& conflicted, const PanelRules& rules, platform::Date day);

// Stable names ("VICE_CHAIR"): storage uses these; the contract's names add the
// PANEL_MEMBER_ROLE_ prefix.
std::string RoleName(MemberRole role);
std::optional<MemberRole> ParseRole(const std::string& name);

}  // namespace panel
