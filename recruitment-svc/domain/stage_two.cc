#include "recruitment-svc/domain/stage_two.h"

#include "absl/strings/str_cat.h"
#include "platform/core/status_macros.h"
#include "recruitment-svc/domain/household.h"
#include "recruitment-svc/domain/journey.h"

namespace recruitment {
namespace {
constexpr int kMaxSessions = 50;
}  // namespace

absl::Status RecordStageTwo(Household& household, const StageTwoProgress& progress,
                            const platform::Revision& revision, const std::string& prefix) {
  if (household.status != HouseholdStatus::kStageTwo) {
    return platform::FailedPrecondition(
        absl::StrCat("a household at ", StatusName(household.status), " has no Stage 2 to record"),
        {{"STATE", "status", "Stage 2 is recorded at STAGE_TWO"}});
  }
  const std::optional<platform::Date> notice = LastDateOf(household, JourneyEvent::kStageTwoStarted);
  platform::Validation v;
  v.Check(progress.home_study_sessions >= 0 && progress.home_study_sessions <= kMaxSessions,
          prefix + "home_study_sessions", "must be 0 to 50");
  auto check_date = [&](const std::optional<platform::Date>& d, const std::string& field) {
    if (!d) return;
    v.Check(*d <= revision.today, prefix + field, "must not be in the future");
    if (notice) {
      v.Check(*notice <= *d, prefix + field,
              absl::StrCat("must not be before the Stage 2 notice, ", platform::FormatDate(*notice)));
    }
  };
  check_date(progress.final_training, "final_training_date");
  check_date(progress.early_permanence_training, "early_permanence_training_date");
  check_date(progress.par_completed, "par_completed_date");
  RETURN_IF_ERROR(v.Status());
  household.stage_two = progress;
  platform::Stamp(household, revision);
  return absl::OkStatus();
}

std::vector<platform::PreconditionViolation> OutstandingForPanel(const Household& household, bool dual_approval) {
  const StageTwoProgress& p = household.stage_two;
  std::vector<platform::PreconditionViolation> out;
  if (p.home_study_sessions == 0) {
    out.push_back({"STAGE_TWO", "home_study_sessions", "no home-study session is recorded"});
  }
  if (!p.final_training) out.push_back({"STAGE_TWO", "final_training_date", "the final training is not recorded"});
  if (dual_approval && !p.early_permanence_training) {
    out.push_back({"STAGE_TWO", "early_permanence_training_date",
                   "dual approval is sought: the early-permanence training is not recorded"});
  }
  if (!p.par_completed) {
    out.push_back({"STAGE_TWO", "par_completed_date", "the Prospective Adopter Report is not completed"});
  }
  return out;
}

absl::Status ReferToPanel(Household& household, platform::Date date, bool dual_approval, const JourneyRules& rules,
                          const platform::Revision& revision) {
  // What is sought decides what Stage 2 needs; the journey's step checks it.
  Household next = household;
  next.dual_approval_sought = dual_approval;
  RETURN_IF_ERROR(TakeStep(next, {JourneyEvent::kReferredToPanel, date, ""}, StepOrigin::kRecruitment, rules, revision));
  household = std::move(next);
  return absl::OkStatus();
}

}  // namespace recruitment
