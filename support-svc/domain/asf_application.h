#pragma once
// Adoption Support Fund applications (docs/domain.md §4): one child, one service, one
// financial year. Only the agency applies and the application names no one: the child
// and the family are the agency's opaque references. Each step is a verb — draft →
// submitted → approved / declined → in delivery → completed — and what the fund pays is
// judged against the fair access limits in force (dated keys in config/statutory.tsv):
// therapy and specialist-assessment limits per child per financial year, the agency's
// match funding of the part above a limit where the rules allow it, and from April
// 2025 one limit for both with no match funding. Pure.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"
#include "platform/core/statutory.h"

namespace support {

// Names match the contract's AsfServiceType.
enum class AsfServiceType {
  kFamilyTherapy, kDyadicDevelopmentalPsychotherapy, kTheraplay, kPlayTherapy, kMusicTherapy,
  kSensoryIntegration, kTherapeuticParentingCourse, kSummerCamp, kOtherTherapy, kSpecialistAssessment,
};
// Names match the contract's AsfApplicationStatus.
enum class AsfStatus { kDraft, kSubmitted, kApproved, kDeclined, kInDelivery, kCompleted };
// Names match the contract's ChildCategory.
enum class ChildCategory { kAdopted, kSpecialGuardianship };

struct AsfDetails {
  std::string child_reference;   // the agency's opaque reference for the child
  std::string family_reference;  // the agency's opaque reference for the family; may be empty
  std::optional<ChildCategory> child_category;
  int child_age_years = 0;
  bool education_health_care_plan = false;
  std::string local_authority;  // ONS code of the applying authority
  std::string assessment_of_need_id;  // may be empty
  std::optional<AsfServiceType> service_type;
  std::string provider;
  long long cost_pence = 0;
  std::string financial_year;  // "2025-26"
};

struct AsfApplication {
  std::string id;
  AsfDetails details;
  AsfStatus status = AsfStatus::kDraft;
  std::optional<platform::Date> submitted_date, decision_due_date, decision_date, delivery_start_date, completed_date;
  long long fund_pence = 0;   // what the fund pays
  long long match_pence = 0;  // what the agency pays above a limit
  std::string decline_reason;
  long long version = 1;  // the etag
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

// The numbers the fund's rules use, as in force on one day (unset: no such limit).
struct FairAccessRules {
  std::optional<long long> therapy_limit;     // asf_therapy_limit_pence
  std::optional<long long> assessment_limit;  // asf_assessment_limit_pence
  std::optional<long long> total_limit;       // asf_total_limit_pence
  int match_funding_percent = 0;              // asf_match_funding_percent (0: none allowed)
  int eligible_age_years = 21;                // asf_eligible_age_years
  int eligible_age_years_ehcp = 25;           // asf_eligible_age_years_ehcp
  int decision_working_days = 20;             // asf_decision_working_days
  // NOT_FOUND when the eligibility ages or the decision days were not in force.
  static absl::StatusOr<FairAccessRules> On(const platform::StatutoryTable& table, platform::Date day);
  static const std::vector<std::string>& Keys();
};

// The day whose rules judge an application: the day it is judged (drafted or
// submitted), but not before its financial year begins — a year's limits are that
// year's. INVALID_ARGUMENT when `financial_year` is not like "2025-26".
absl::StatusOr<platform::Date> RulesDay(const std::string& financial_year, platform::Date day);

// What the fund already pays for the child that financial year: its share of the
// applications that count against the limits (CountsAgainstLimits), by limit.
struct ChildYearSpend {
  long long therapy = 0, assessment = 0;
  long long total() const { return therapy + assessment; }
};

struct AsfFunding {
  long long fund = 0, match = 0;
};
// How the service's cost is funded: the fund pays up to what remains of each limit
// that applies (the service's own, and the total); above it the agency match-funds
// its share of the excess where the rules allow, the fund the rest. Otherwise
// FAILED_PRECONDITION (type FAIR_ACCESS_LIMIT, subject the limit: therapy,
// specialist_assessment or total) naming the limit, the child's spend so far that
// year and what remains.
absl::StatusOr<AsfFunding> FundApplication(const FairAccessRules& rules, const AsfDetails& d,
                                           const ChildYearSpend& spent);

// The fields of a new or changed application checked whole: required fields, opaque
// references (1 to 32 letters, digits, '-' or '/', with a digit: never a name), the
// cost, the financial year; violations under `prefix`.
void ValidateAsfDetails(const AsfDetails& d, const std::string& prefix, platform::Validation& v);
// Eligible by age: FAILED_PRECONDITION (ELIGIBILITY child_age_years) when not.
absl::Status CheckEligible(const AsfDetails& d, const FairAccessRules& rules);

// A draft, funded as the rules on `today` (or its year's first day) say.
absl::StatusOr<AsfApplication> DraftAsfApplication(std::string id, AsfDetails details, const std::string& actor,
                                                   long long now, const FairAccessRules& rules,
                                                   const ChildYearSpend& spent);
// The verbs. Each refuses, FAILED_PRECONDITION (STATE status), an application not
// where the step starts, and (ORDER <field>) a date before the step before it; a date
// in the future is INVALID_ARGUMENT on `field`.
absl::Status SubmitAsfApplication(AsfApplication& a, platform::Date submitted, const FairAccessRules& rules,
                                  const platform::WorkingDayCalendar& calendar, const ChildYearSpend& spent,
                                  const platform::Revision& by);
absl::Status DecideAsfApplication(AsfApplication& a, bool approved, platform::Date day, const std::string& reason,
                                  const platform::Revision& by);
absl::Status StartAsfDelivery(AsfApplication& a, platform::Date day, const platform::Revision& by);
absl::Status CompleteAsfApplication(AsfApplication& a, platform::Date day, const platform::Revision& by);

// Sent to the fund and not declined: submitted, approved, in delivery or completed.
bool CountsAgainstLimits(AsfStatus s);

// One financial year of the fund (docs/reports.md "Support"): the applications sent to
// it and what became of them; the children and families with an approved one, each
// once; what the fund and the agency pay on the approved.
struct AsfYearFigures {
  std::string financial_year;
  int applications = 0, approved = 0, declined = 0, awaiting_decision = 0;
  int children_benefiting = 0, families_benefiting = 0;
  long long funding_secured_pence = 0, match_funding_pence = 0;
};
// By financial year, earliest first; years with no application sent are left out.
std::vector<AsfYearFigures> MeasureAsf(const std::vector<AsfApplication>& applications);

std::string AsfServiceTypeName(AsfServiceType t);
std::optional<AsfServiceType> ParseAsfServiceType(const std::string& name);
std::string AsfStatusName(AsfStatus s);
std::optional<AsfStatus> ParseAsfStatus(const std::string& name);
std::string ChildCategoryName(ChildCategory c);
std::optional<ChildCategory> ParseChildCategory(const std::string& name);

}  // namespace support
