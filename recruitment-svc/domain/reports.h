#pragma once
// The adopters' published figures (docs/reports.md "Adopters"), worked out from each
// household's dated journey: live work and imported history give the same answers.
// Pure: the store loads the histories, the API maps the results.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/figures.h"
#include "platform/core/statutory.h"
#include "recruitment-svc/domain/household.h"
#include "recruitment-svc/domain/journey.h"

namespace recruitment {

// What the reports read of one household.
struct HouseholdHistory {
  std::string id;
  FamilyStructure family_structure = FamilyStructure::kSingle;
  std::string ethnicity;  // the first applicant's census category
  Route route = Route::kStandard;
  platform::Date enquiry_date;
  std::vector<JourneyStep> journey;  // in the order taken (same-day steps in journey order)
  std::vector<platform::Date> dual_approvals;  // the days of its approvals and reviews also as foster carers
};

// Households with each funnel step in the period, each household once per step.
// Foster carers and connected persons adopting a child they know (the known-child
// route) are counted apart, in the period their Stage 2 started.
struct Funnel {
  int enquiries = 0;
  int info_sessions_booked = 0;
  int info_sessions_attended = 0;
  int registrations_of_interest = 0;
  int stage_one_started = 0;
  int stage_two_started = 0;
  int approvals = 0;
  int dual_approvals = 0;
  int known_child_assessments = 0;
};
// The definition: HouseholdStore::CountFunnel counts the same in SQL over every household
// (tested equal on both backends), as a funnel over years of history must be quick.
Funnel CountFunnel(const std::vector<HouseholdHistory>& households, platform::Period period);

// Where a household stands on a day (docs/reports.md "Stage at d").
enum class Stage {
  kEnquiry,        // enquiry, information session or initial visit
  kRegistered,     // ROI received, Stage 1 not started
  kStageOne,
  kBetweenStages,  // Stage 1 completed
  kOnBreak,
  kStageTwo,       // notice given, referred or heard at panel
  kApproved,       // approved or linked
  kMatched,
  kPlaced,
  kAdopted,
  kExited,         // withdrawn or counselled out
  kRoiDeclined,
  kNotApproved,
  kApprovalTerminated,
};
std::string StageName(Stage s);
// nullopt: the household had not enquired by `day`.
std::optional<Stage> StageAt(const HouseholdHistory& household, platform::Date day);
// Households in each stage on `day` (every stage listed, 0 where none).
std::map<Stage, int> CountStages(const std::vector<HouseholdHistory>& households, platform::Date day);

// Approved on or before the day, with no match or exit since (a linked household is
// still waiting), oldest approval first.
struct WaitingHousehold {
  std::string id;
  platform::Date approved;
  int days_waiting = 0;
};
std::vector<WaitingHousehold> ApprovedNotMatched(const std::vector<HouseholdHistory>& households,
                                                 platform::Date day);

// The households matched in the period and how long they had waited since their
// approval: how many were matched within `months` of it (under: before
// add_months(approval, months)), and the mean days.
struct MatchWaits {
  int matched = 0;
  platform::Share within;
  std::optional<double> mean_days;
};
MatchWaits MeasureMatchWaits(const std::vector<HouseholdHistory>& households, platform::Period period, int months,
                             platform::Precision precision);

// Households whose ROI was received in the period, by where they stood on `day`.
struct RoiCohort {
  int households = 0;
  int approved = 0;   // approved, linked, matched, placed or adopted
  int exited = 0;     // withdrawn, counselled out, declined, not approved or terminated
  int stage_two = 0;
  int stage_one = 0;  // otherwise: registered, in Stage 1, between the stages or on a break
};
RoiCohort RoiCohortAt(const std::vector<HouseholdHistory>& households, platform::Period period,
                      platform::Date day);

// Withdrawals and counselling out in the period, by reason.
struct ExitCount {
  JourneyEvent exit = JourneyEvent::kWithdrawn;  // kWithdrawn or kCounselledOut
  std::string reason;
  int households = 0;
  int after_approval = 0;  // of those, the household had been approved
};
struct Withdrawals {
  std::vector<ExitCount> by_reason;  // withdrawals first, then by reason
  int total = 0;
  int withdrawn = 0;
  int counselled_out = 0;
  int after_approval = 0;
};
Withdrawals CountWithdrawals(const std::vector<HouseholdHistory>& households, platform::Period period);

// How long the assessments of the households approved in the period took: ROI to
// approval in days with the gap between the stages and without it, and the shares in
// timescale (the targets in force on each clock's first day, config/statutory.tsv).
struct Timeliness {
  int approvals = 0;
  std::optional<double> mean_roi_to_approval_days;          // the break included
  std::optional<double> mean_roi_to_approval_days_no_break;  // minus Stage 1 completed → Stage 2 notice
  platform::Share within_roi_to_approval_target;  // approval ≤ add_months(ROI, 6)
  platform::Share stage_one_in_timescale;         // completed ≤ add_months(started, 2)
  platform::Share stage_two_in_timescale;         // approval ≤ add_months(notice, 4)
  int without_roi = 0;                  // approved with no ROI (fast track, known child): not in the means
};
absl::StatusOr<Timeliness> MeasureTimeliness(const std::vector<HouseholdHistory>& households,
                                             platform::Period period, const platform::StatutoryTable& table,
                                             platform::Precision precision);

// Households approved in the period by family structure and by ethnicity.
struct Approvals {
  int total = 0;
  int dual = 0;
  std::map<FamilyStructure, int> by_family_structure;
  std::map<std::string, int> by_ethnicity;
};
Approvals CountApprovals(const std::vector<HouseholdHistory>& households, platform::Period period);

// The adopters' agency's perspective (docs/reports.md): its households matched, with a
// child placed for adoption, and granted an adoption order in the period, each
// household once per kind (a sibling group placed together is one family).
struct Placements {
  int matched = 0;
  int placed = 0;
  int adoption_orders = 0;
};
Placements CountPlacements(const std::vector<HouseholdHistory>& households, platform::Period period);

}  // namespace recruitment
