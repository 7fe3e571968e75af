#pragma once
// A meeting's agenda (docs/domain.md §3): the cases the panel hears, their papers and
// conflicts, and the panel's recommendation on each, made only by a quorate panel.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "panel-svc/domain/decision.h"
#include "panel-svc/domain/meeting.h"
#include "panel-svc/domain/panel.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"

namespace panel {

// In the contract's order.
enum class AgendaItemKind { kAdopterApproval, kMatch, kShouldBePlaced, kApprovalReview, kApprovalTermination };
enum class PaperKind {
  kProspectiveAdopterReport, kChildPermanenceReport, kAdoptionPlacementReport, kAdoptionSupportPlan, kMedicalReport,
  kReviewReport, kOther,
};
enum class QualityRating { kGood, kAdequate, kRequiresImprovement, kInadequate };
enum class RecommendationOutcome { kRecommended, kNotRecommended, kDeferred };

struct Paper {
  PaperKind kind = PaperKind::kOther;
  std::string title;
  platform::Date due_date;
  std::optional<platform::Date> received_date;
  std::optional<QualityRating> quality_rating;
  std::string quality_feedback;
  // Received after it was due, or still outstanding on `day`.
  bool LateOn(platform::Date day) const;
};

struct ConflictDeclaration {
  std::string member_id;
  std::string description;
};

struct AgendaItem {
  std::string id;
  std::string panel_id, meeting_id;
  AgendaItemKind kind = AgendaItemKind::kAdopterApproval;
  std::string household_id;
  std::vector<std::string> child_ids;
  bool dual_approval_sought = false;
  std::vector<Paper> papers;
  std::vector<ConflictDeclaration> conflicts;
  bool recommended = false;  // a recommendation is recorded
  std::string source_id;     // the old system's id, for a case heard there (imported)
  long long version = 1;
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;

  bool imported() const { return !source_id.empty(); }
};

struct Recommendation {
  std::string agenda_item_id;
  RecommendationOutcome outcome = RecommendationOutcome::kRecommended;
  std::string reasons;
  int votes_for = 0, votes_against = 0, votes_abstain = 0;
  std::optional<platform::Date> minutes_final_date;
  std::vector<std::string> quorum_members;  // who made the quorum for the item
  std::optional<platform::Date> decision_due_date;  // DecisionDue
  long long version = 1;
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

// The decision an agenda item's recommendation goes to.
DecisionKind DecisionKindOf(AgendaItemKind kind);

// An item's own rules, every violation under `prefix` ("agenda_item."): the subject
// its kind needs (a household for an approval, review or termination; children for
// should-be-placed; both for a match), each child once; dual approval only on an
// adopter approval; every paper of a kind, with a title of at most 200 characters,
// received on or before `today`, rated only once received; conflicts name active
// members of `panel`, each once.
void ValidateAgendaItem(const AgendaItem& item, const PanelDetails& panel, platform::Date today,
                        const std::string& prefix, platform::Validation& v);

// Replaces `item`'s papers and conflicts with `revised`'s, judged on `today` under
// `panel`'s list: papers keep their place and kind and are never removed (new ones are
// added at the end), declared conflicts stay (new ones are added) — INVALID_ARGUMENT
// naming each field otherwise, after `v`'s violations of the request's shape; a case
// with its recommendation takes no new conflict (FAILED_PRECONDITION STATE: its quorum
// stands). The result is validated whole (ValidateAgendaItem) and stamped.
absl::Status ReviseAgendaItem(AgendaItem& item, const AgendaItem& revised, const PanelDetails& panel,
                              const platform::Revision& revision, const std::string& prefix, platform::Validation v);

// The default day papers are due (PapersDue) before the meeting a case leaves, and
// before the one it joins.
struct PapersDueDays {
  platform::Date leaving, joining;
};

// Moves `item`, not yet heard, to `to` (a meeting of the same panel) with `booked`
// cases: FAILED_PRECONDITION STATE when the item has its recommendation or `to` is its
// meeting; CheckRoomFor(to, booked) otherwise. Papers that were due on the default day
// before the meeting left are due on the default day before `to`; a day set for one
// paper stays. Stamped on success.
absl::Status MoveAgendaItem(AgendaItem& item, const Meeting& to, int booked, const PapersDueDays& due,
                            const platform::Revision& revision);

// FAILED_PRECONDITION (STATE / CAPACITY "meeting {id}") unless `meeting` is
// scheduled and has room for one more case beside its `booked` ones.
absl::Status CheckRoomFor(const Meeting& meeting, int booked);

// The day `working_days` working days before `meeting_date` (papers are due then).
absl::StatusOr<platform::Date> PapersDue(platform::Date meeting_date, int working_days,
                                         const platform::WorkingDayCalendar& calendar);

// Whether a recommendation can be recorded on `item` heard at `meeting` of `panel`:
// the meeting was held, the item has none yet, and the members present who are not
// conflicted make a quorum under `rules` — otherwise FAILED_PRECONDITION naming what is
// missing (QUORUM "agenda item {id}" once per missing requirement). On success the
// members who made the quorum.
absl::StatusOr<std::vector<std::string>> QuorumFor(const AgendaItem& item, const Meeting& meeting,
                                                   const PanelDetails& panel, const PanelRules& rules);

// A recommendation's own rules, under `prefix` ("recommendation."): an outcome and
// reasons; votes not negative, and at most the members who made the quorum; the
// minutes final on or after the meeting and not after `today`.
void ValidateRecommendation(const Recommendation& r, const Meeting& meeting, int quorum, platform::Date today,
                            const std::string& prefix, platform::Validation& v);

// A case the old system heard on `meeting_date` with its recommendation
// (ImportRecommendation), judged on `today`: the item's own rules under
// "agenda_item." (ValidateAgendaItem, under `panel`) with no papers or conflicts (the
// old system keeps them); the meeting day not after today; the recommendation's under
// "recommendation.": reasons may be empty (the old system may not have kept them),
// votes not negative, the minutes final from the meeting day to today — the meeting
// day when not given (filled in `r`). Every violation in `v`.
void ValidateImportedHearing(const AgendaItem& item, Recommendation& r, platform::Date meeting_date,
                             const PanelDetails& panel, platform::Date today, platform::Validation& v);

// Whether an imported hearing stored as (`item`, `r`, heard on `meeting_date`) is the
// one given again: same case, same day, same recommendation.
bool SameHearing(const AgendaItem& item, const Recommendation& r, platform::Date meeting_date,
                 const AgendaItem& given, const Recommendation& given_r, platform::Date given_date);

// Whether an imported `decision` decides the undecided imported case `item` heard on
// `meeting_date`: of the item's kind, on the same household and children, taken on or
// after the hearing, and naming that day as its panel day when it names one.
bool DecidesImportedCase(const Decision& decision, const AgendaItem& item, platform::Date meeting_date);

// When the decision on `r` is due: `rules.decision_working_days` after its final
// minutes; none for a deferred case or before the minutes are final. OUT_OF_RANGE
// beyond the calendar.
absl::StatusOr<std::optional<platform::Date>> DecisionDue(const Recommendation& r, const DecisionRules& rules,
                                                          const platform::WorkingDayCalendar& calendar);

// Makes `r`'s minutes final on `day` (heard at `meeting`): FAILED_PRECONDITION STATE
// when they already are; INVALID_ARGUMENT on `field` unless `day` is from the meeting
// to revision.today. The decision then falls due (DecisionDue under `rules`); stamped.
absl::Status FinaliseMinutes(Recommendation& r, const Meeting& meeting, platform::Date day, const DecisionRules& rules,
                             const platform::WorkingDayCalendar& calendar, const platform::Revision& revision,
                             const std::string& field);

// A live decision following `recommendation` on `item`: FAILED_PRECONDITION unless
// the minutes are final (MINUTES), the case was not deferred (DEFERRED), and the
// decision is of the item's kind on its subject (SUBJECT); the decision's dates must
// follow the final minutes (its received date not before them). On success fills
// the decision's panel day, received-date checks and whether it is contrary to the
// recommendation.
absl::Status FollowRecommendation(Decision& decision, const AgendaItem& item, const Meeting& meeting,
                                  const Recommendation& recommendation);

// FAILED_PRECONDITION (DECISION_MAKER) when `account` (the decision maker's token
// subject) is a member of `panel` who sat on `item` at `meeting` — present and not
// conflicted: the ADM is never a panel member on the case decided.
absl::Status CheckDecisionMaker(const std::string& account, const AgendaItem& item, const Meeting& meeting,
                                const PanelDetails& panel);

std::string AgendaItemKindName(AgendaItemKind k);
std::optional<AgendaItemKind> ParseAgendaItemKind(const std::string& name);
std::string PaperKindName(PaperKind k);
std::optional<PaperKind> ParsePaperKind(const std::string& name);
std::string QualityRatingName(QualityRating r);
std::optional<QualityRating> ParseQualityRating(const std::string& name);
std::string RecommendationOutcomeName(RecommendationOutcome o);
std::optional<RecommendationOutcome> ParseRecommendationOutcome(const std::string& name);

}  // namespace panel
