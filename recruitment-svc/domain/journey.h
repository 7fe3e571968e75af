#pragma once
// A household's journey as dated steps (docs/domain.md §1): every move along it is a
// step with its date, the status before and after, a reason where the move needs one,
// and who recorded it. The status is where the last step left the household; the
// reports read the steps.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "platform/core/calendar.h"
#include "platform/core/revision.h"
#include "platform/core/statutory.h"
#include "recruitment-svc/domain/stage_one.h"

namespace recruitment {

struct Household;
enum class HouseholdStatus;

// What happened, in journey order: same-day steps sort in this order (reports read a
// household's state at a date from its last step on or before it). Names match the
// contract's JourneyEvent.
enum class JourneyEvent {
  kInfoSessionBooked,
  kInfoSessionAttended,
  kInitialVisit,
  kRoiReceived,
  kRoiAccepted,
  kRoiDeclined,
  kStageOneStarted,
  kStageOneCompleted,
  kBreakStarted,
  kStageTwoStarted,
  kReferredToPanel,
  kApproved,
  kNotApproved,
  kLinked,
  kMatched,
  kChildPlaced,
  kAdoptionOrder,
  kWithdrawn,
  kCounselledOut,
  kApprovalTerminated,
  kUnlinked,  // the last live link closed without a match (family finding)
  kApprovalReviewed,  // the ADM agreed a review: the status stays, the terms are the review's
};

// Why a household was counselled out (the categories agencies report).
enum class CounsellingOutReason {
  kRefereeConcerns,
  kFamilyCircumstances,
  kUnderstandingOfNeeds,
  kRelationshipStability,
  kFinancialOpenness,
  kLongerTermNeeds,
  kOther,
};

struct JourneyStep {
  JourneyEvent event = JourneyEvent::kInfoSessionBooked;
  platform::Date date;  // the day it took effect
  HouseholdStatus from{}, to{};
  std::string reason;  // withdrawals, declines, breaks; a CounsellingOutReason name when counselled out
  long long recorded_at = 0;
  std::string recorded_by;
};

// Who may record a step: recruitment's own staff, or another context's decision
// arriving as an event (panel-svc approves; familyfinding-svc matches and places).
// kHistory is a recruitment step imported from the agency's old system (history.h):
// the same moves as kRecruitment, without the Stage 1 checks and Stage 2 pieces the
// old system held.
enum class StepOrigin { kRecruitment, kPanel, kFamilyFinding, kHistory };

// A step to take: the event, its date and its reason (and the request field the
// reason came in, for the violations).
struct Move {
  JourneyEvent event = JourneyEvent::kInfoSessionBooked;
  platform::Date date;
  std::string reason;
  std::string reason_field = "reason";
  std::string date_field = "effective_date";
};

// The numbers the journey is judged by (config/statutory.tsv).
struct JourneyRules {
  StageOneRules stage_one;
  // Every key the journey reads: these and the clocks' (clocks.h).
  static const std::vector<std::string>& Keys();
  // NOT_FOUND when a number was not in force on `day`.
  static absl::StatusOr<JourneyRules> On(const platform::StatutoryTable& table, platform::Date day);
};

// Takes `move` on `household` under `rules`, recorded by `revision`: INVALID_ARGUMENT for a bad date
// or reason (fields named "effective_date" and move.reason_field), FAILED_PRECONDITION when the
// household's route or status does not allow the move (naming the status and the moves
// it allows), the date is before the journey's last step, Stage 1 is completed with
// checks outstanding (one STAGE_ONE_CHECKS violation each), or the household is
// referred to panel with Stage 2 incomplete (one STAGE_TWO violation each;
// stage_two.h's ReferToPanel says whether dual approval is sought). On success the step
// is appended, the status moved and the household stamped.
absl::Status TakeStep(Household& household, const Move& move, StepOrigin origin, const JourneyRules& rules,
                      const platform::Revision& revision);

// The terms the ADM approved a household on, used for matching (docs/domain.md §1).
struct ApprovalTerms {
  int max_children = 0;
  int min_age_years = 0, max_age_years = 0;
  bool dual_approval = false;  // approved also as foster carers for early permanence
  int min_children = 1;
  bool sibling_groups = false;
  bool disability_acceptable = false;
  std::string health_needs_acceptable;  // as the decision maker described them
  std::vector<std::string> ethnicities;  // census codes of the heritage they can parent
  bool operator==(const ApprovalTerms&) const = default;
};

// A step another context's event brings (`origin`): the decision maker's APPROVED
// (with its terms), NOT_APPROVED, MATCHED or APPROVAL_TERMINATED from panel-svc; the
// CHILD_PLACED and ADOPTION_ORDER of family finding — on `date`. INVALID_ARGUMENT for
// terms that cannot be (fields named "max_children", "min_age_years",
// "max_age_years"); the step's refusals otherwise. The same step on the same day again
// (a replayed event, or a sibling's) changes nothing and is OK.
absl::Status RecordUpstreamStep(Household& household, JourneyEvent event, platform::Date date, StepOrigin origin,
                                const std::optional<ApprovalTerms>& terms, const JourneyRules& rules,
                                const platform::Revision& revision);

// The events `household` may record next from `origin`, in journey order.
std::vector<JourneyEvent> NextSteps(const Household& household, StepOrigin origin);

// The date of the household's last step of `event`, if any.
std::optional<platform::Date> LastDateOf(const Household& household, JourneyEvent event);

// Stable names ("STAGE_ONE_STARTED", "REFEREE_CONCERNS").
std::string EventName(JourneyEvent e);
std::optional<JourneyEvent> ParseEvent(const std::string& name);
std::string CounsellingOutReasonName(CounsellingOutReason r);
// The reason from the words agencies report it in (docs/domain.md §1: "referee
// concerns", "poor understanding of a child's needs", …) or its name; case and
// punctuation aside.
std::optional<CounsellingOutReason> CounsellingOutReasonFromWording(const std::string& words);
std::optional<CounsellingOutReason> ParseCounsellingOutReason(const std::string& name);

}  // namespace recruitment
