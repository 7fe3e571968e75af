#pragma once
// Stage 1 checks (docs/domain.md §1): the statutory checks and references, each with
// the dates it was requested and received and its outcome. Stage 1 is completed only
// when every required check is satisfactory; otherwise the refusal lists each that is
// missing or unsatisfactory.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"
#include "platform/core/statutory.h"

namespace recruitment {

struct Household;

// Names match the contract's StageOneCheckKind.
enum class CheckKind {
  kEnhancedDbs,          // every adult: an enhanced DBS certificate
  kMedical,              // every applicant: the adoption medical
  kLocalAuthority,       // every applicant: the local authority checks
  kEmployerReference,    // every applicant: or not applicable
  kExPartner,            // every applicant: ex-partner checks, or not applicable
  kPersonalReference,    // the household: referees visited, at least the configured number
  kFinancial,            // the household
  kHomeSafety,           // the household: health and safety of the home
  kPreparationTraining,  // the household: the preparation training days
};

enum class CheckOutcome { kPending, kSatisfactory, kConcern, kNotApplicable };

// True for the kinds asked of each applicant; the others are asked of the household.
bool PerApplicant(CheckKind kind);

struct StageOneCheck {
  CheckKind kind = CheckKind::kEnhancedDbs;
  int applicant = 0;  // per-applicant kinds: the applicant's index; household kinds: 0
  int ordinal = 1;    // several of a kind (referees): 1, 2, 3, ...
  std::optional<platform::Date> requested, received;
  CheckOutcome outcome = CheckOutcome::kPending;
  std::string notes;  // the worker's notes, referees' contents among them: never shown to the adopters
  long long recorded_at = 0;
  std::string recorded_by;
};

// The order checks are kept and shown in: kind, applicant, ordinal.
bool CheckOrder(const StageOneCheck& a, const StageOneCheck& b);

// The numbers Stage 1 is judged by (config/statutory.tsv).
struct StageOneRules {
  int personal_references_min = 0;  // stage_one_personal_references_min
  static const std::vector<std::string>& Keys();
  // NOT_FOUND when a number was not in force on `day`.
  static absl::StatusOr<StageOneRules> On(const platform::StatutoryTable& table, platform::Date day);
};

// The rules one check must meet, checked whole against `household`; violations name
// fields under `prefix` ("check.").
void ValidateCheck(const StageOneCheck& check, const Household& household, platform::Date today,
                   const std::string& prefix, platform::Validation& v);

// Records `check` on `household`, replacing the one of the same kind, applicant and
// ordinal: INVALID_ARGUMENT for a bad check, FAILED_PRECONDITION when the household
// is not in assessment (Stage 1 started, or a fast track in Stage 2, up to panel).
absl::Status RecordCheck(Household& household, StageOneCheck check, const platform::Revision& revision,
                         const std::string& prefix);

// What stands between `household` and completing Stage 1: one violation per missing or
// unsatisfactory check (type "STAGE_ONE_CHECKS", subject such as
// "applicants[1].ENHANCED_DBS" or "PERSONAL_REFERENCE"); empty when it may complete.
std::vector<platform::PreconditionViolation> OutstandingChecks(const Household& household, const StageOneRules& rules);

std::string CheckKindName(CheckKind k);
std::optional<CheckKind> ParseCheckKind(const std::string& name);
std::string CheckOutcomeName(CheckOutcome o);
std::optional<CheckOutcome> ParseCheckOutcome(const std::string& name);

}  // namespace recruitment
