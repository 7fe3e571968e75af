#include "recruitment-svc/domain/stage_one.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "platform/core/enum_names.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "recruitment-svc/domain/household.h"

namespace recruitment {
namespace {

constexpr size_t kMaxNotesLength = 4000;
constexpr int kMaxOrdinal = 20;

// Checks are recorded from the start of Stage 1 until the panel: a fast-track
// household, starting at Stage 2, has its checks done there.
bool InAssessment(HouseholdStatus s) {
  using S = HouseholdStatus;
  return s == S::kStageOne || s == S::kStageOneCompleted || s == S::kBreak || s == S::kStageTwo ||
         s == S::kAwaitingPanel;
}

bool Same(const StageOneCheck& a, const StageOneCheck& b) {
  return a.kind == b.kind && a.applicant == b.applicant && a.ordinal == b.ordinal;
}

std::string Subject(const StageOneCheck& c) {
  return PerApplicant(c.kind) ? absl::StrCat("applicants[", c.applicant, "].", CheckKindName(c.kind))
                              : CheckKindName(c.kind);
}

}  // namespace

bool CheckOrder(const StageOneCheck& a, const StageOneCheck& b) {
  return std::tie(a.kind, a.applicant, a.ordinal) < std::tie(b.kind, b.applicant, b.ordinal);
}

bool PerApplicant(CheckKind kind) {
  switch (kind) {
    case CheckKind::kEnhancedDbs:
    case CheckKind::kMedical:
    case CheckKind::kLocalAuthority:
    case CheckKind::kEmployerReference:
    case CheckKind::kExPartner:
      return true;
    default:
      return false;
  }
}

const std::vector<std::string>& StageOneRules::Keys() {
  static const std::vector<std::string> keys = {"stage_one_personal_references_min"};
  return keys;
}

absl::StatusOr<StageOneRules> StageOneRules::On(const platform::StatutoryTable& table, platform::Date day) {
  ASSIGN_OR_RETURN(long long references, table.ValueOn("stage_one_personal_references_min", day));
  return StageOneRules{static_cast<int>(references)};
}

void ValidateCheck(const StageOneCheck& c, const Household& h, platform::Date today, const std::string& prefix,
                   platform::Validation& v) {
  const int applicants = static_cast<int>(h.details.applicants.size());
  if (PerApplicant(c.kind)) {
    v.Check(c.applicant >= 0 && c.applicant < applicants, prefix + "applicant",
            absl::StrCat(CheckKindName(c.kind), " is about one applicant: 0", applicants > 1 ? " or 1" : ""));
  } else {
    v.Check(c.applicant == 0, prefix + "applicant",
            absl::StrCat(CheckKindName(c.kind), " is about the household: leave it 0"));
  }
  v.Check(c.ordinal >= 1 && c.ordinal <= kMaxOrdinal, prefix + "ordinal", "must be 1 to 20 (referee 1, 2, 3, ...)");
  if (c.requested) v.Check(*c.requested <= today, prefix + "requested_date", "must not be in the future");
  if (c.received) {
    v.Check(*c.received <= today, prefix + "received_date", "must not be in the future");
    if (c.requested) {
      v.Check(*c.requested <= *c.received, prefix + "received_date", "must not be before the requested date");
    }
  }
  // An outcome is known only once the check came back; not applicable needs no date.
  if (c.outcome == CheckOutcome::kSatisfactory || c.outcome == CheckOutcome::kConcern) {
    v.Check(c.received.has_value(), prefix + "received_date",
            absl::StrCat("is required with the outcome ", CheckOutcomeName(c.outcome)));
  }
  if (c.outcome == CheckOutcome::kNotApplicable) {
    v.Check(c.kind == CheckKind::kEmployerReference || c.kind == CheckKind::kExPartner, prefix + "outcome",
            "NOT_APPLICABLE is for an employer reference or ex-partner check only");
  }
  v.Check(platform::CharacterCount(c.notes) <= kMaxNotesLength, prefix + "notes", "is at most 4000 characters");
}

absl::Status RecordCheck(Household& household, StageOneCheck check, const platform::Revision& revision,
                         const std::string& prefix) {
  platform::Validation v;
  ValidateCheck(check, household, revision.today, prefix, v);
  RETURN_IF_ERROR(v.Status());
  if (!InAssessment(household.status)) {
    return platform::FailedPrecondition(
        absl::StrCat("a household at ", StatusName(household.status), " has no Stage 1 checks to record"),
        {{"STATE", "status", "checks are recorded from STAGE_ONE until AWAITING_PANEL"}});
  }
  check.recorded_at = revision.at;
  check.recorded_by = revision.actor;
  bool replaced = false;
  for (StageOneCheck& c : household.stage_one_checks) {
    if (Same(c, check)) {
      c = check;
      replaced = true;
    }
  }
  if (!replaced) {
    household.stage_one_checks.push_back(std::move(check));
    std::sort(household.stage_one_checks.begin(), household.stage_one_checks.end(), CheckOrder);
  }
  platform::Stamp(household, revision);
  return absl::OkStatus();
}

std::vector<platform::PreconditionViolation> OutstandingChecks(const Household& h, const StageOneRules& rules) {
  std::vector<platform::PreconditionViolation> out;
  auto find = [&](CheckKind kind, int applicant) -> const StageOneCheck* {
    for (const StageOneCheck& c : h.stage_one_checks) {
      if (c.kind == kind && c.applicant == applicant) return &c;
    }
    return nullptr;
  };
  auto require = [&](CheckKind kind, int applicant, bool may_not_apply) {
    StageOneCheck probe;
    probe.kind = kind;
    probe.applicant = applicant;
    const StageOneCheck* c = find(kind, applicant);
    if (c == nullptr) {
      out.push_back({"STAGE_ONE_CHECKS", Subject(probe), "not recorded"});
    } else if (c->outcome == CheckOutcome::kSatisfactory ||
               (may_not_apply && c->outcome == CheckOutcome::kNotApplicable)) {
      return;
    } else {
      out.push_back({"STAGE_ONE_CHECKS", Subject(probe), absl::StrCat("outcome is ", CheckOutcomeName(c->outcome))});
    }
  };
  for (int i = 0; i < static_cast<int>(h.details.applicants.size()); ++i) {
    require(CheckKind::kEnhancedDbs, i, false);
    require(CheckKind::kMedical, i, false);
    require(CheckKind::kLocalAuthority, i, false);
    require(CheckKind::kEmployerReference, i, true);
    require(CheckKind::kExPartner, i, true);
  }
  int satisfactory = 0, concerns = 0;
  for (const StageOneCheck& c : h.stage_one_checks) {
    if (c.kind != CheckKind::kPersonalReference) continue;
    if (c.outcome == CheckOutcome::kSatisfactory) ++satisfactory;
    if (c.outcome == CheckOutcome::kConcern) ++concerns;
  }
  if (satisfactory < rules.personal_references_min) {
    out.push_back({"STAGE_ONE_CHECKS", "PERSONAL_REFERENCE",
                   absl::StrCat(satisfactory, " satisfactory of the ", rules.personal_references_min, " required")});
  }
  if (concerns > 0) {
    out.push_back({"STAGE_ONE_CHECKS", "PERSONAL_REFERENCE", absl::StrCat(concerns, " with a concern")});
  }
  require(CheckKind::kFinancial, 0, false);
  require(CheckKind::kHomeSafety, 0, false);
  require(CheckKind::kPreparationTraining, 0, false);
  return out;
}

namespace {
constexpr const char* kKindNames[] = {"ENHANCED_DBS",       "MEDICAL",     "LOCAL_AUTHORITY",
                                      "EMPLOYER_REFERENCE", "EX_PARTNER",  "PERSONAL_REFERENCE",
                                      "FINANCIAL",          "HOME_SAFETY", "PREPARATION_TRAINING"};
constexpr const char* kOutcomeNames[] = {"PENDING", "SATISFACTORY", "CONCERN", "NOT_APPLICABLE"};
}  // namespace

std::string CheckKindName(CheckKind k) { return kKindNames[static_cast<int>(k)]; }
std::optional<CheckKind> ParseCheckKind(const std::string& name) {
  return platform::EnumFromName<CheckKind>(kKindNames, name);
}
std::string CheckOutcomeName(CheckOutcome o) { return kOutcomeNames[static_cast<int>(o)]; }
std::optional<CheckOutcome> ParseCheckOutcome(const std::string& name) {
  return platform::EnumFromName<CheckOutcome>(kOutcomeNames, name);
}

}  // namespace recruitment
