#include "support-svc/domain/asf_application.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "platform/core/enum_names.h"
#include "platform/core/errors.h"
#include "platform/core/local_authority.h"
#include "platform/core/money.h"
#include "platform/core/status_macros.h"
#include "platform/core/steps.h"
#include "platform/core/text.h"

namespace support {
namespace {

constexpr int kMostReferenceCharacters = 32;
constexpr int kMostProviderCharacters = 200;

std::string Pounds(long long pence) {
  return absl::StrCat("£", pence / 100, ".", absl::StrFormat("%02d", pence % 100));
}

// An opaque reference: letters, digits, '-' or '/', with at least one digit, so that a
// name cannot be taken for one.
bool OpaqueReference(const std::string& r) {
  if (r.empty() || static_cast<int>(r.size()) > kMostReferenceCharacters) return false;
  bool digit = false;
  for (char c : r) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) digit = true;
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '/') return false;
  }
  return digit;
}

std::optional<long long> Optional(const platform::StatutoryTable& table, const char* key, platform::Date day) {
  absl::StatusOr<long long> v = table.ValueOn(key, day);
  if (!v.ok()) return std::nullopt;
  return *v;
}

absl::Status Refuse(const char* type, const std::string& subject, const std::string& why) {
  return platform::FailedPrecondition(why, {{type, subject, why}});
}

// The step `a` must be at.
absl::Status Expect(const AsfApplication& a, AsfStatus from, const std::string& step) {
  if (a.status == from) return absl::OkStatus();
  return platform::RefuseStep("an application", AsfStatusName(a.status), step, AsfStatusName(from));
}
using platform::NotBefore;
using platform::NotFuture;

}  // namespace

const std::vector<std::string>& FairAccessRules::Keys() {
  static const std::vector<std::string> keys = {"asf_eligible_age_years", "asf_eligible_age_years_ehcp",
                                                "asf_decision_working_days"};
  return keys;
}

absl::StatusOr<FairAccessRules> FairAccessRules::On(const platform::StatutoryTable& table, platform::Date day) {
  FairAccessRules r;
  ASSIGN_OR_RETURN(long long age, table.ValueOn("asf_eligible_age_years", day));
  ASSIGN_OR_RETURN(long long age_ehcp, table.ValueOn("asf_eligible_age_years_ehcp", day));
  ASSIGN_OR_RETURN(long long days, table.ValueOn("asf_decision_working_days", day));
  r.eligible_age_years = static_cast<int>(age);
  r.eligible_age_years_ehcp = static_cast<int>(age_ehcp);
  r.decision_working_days = static_cast<int>(days);
  // The limits came later than the fund (October 2016, April 2017, April 2025): before
  // a limit's first row there is none.
  r.therapy_limit = Optional(table, "asf_therapy_limit_pence", day);
  r.assessment_limit = Optional(table, "asf_assessment_limit_pence", day);
  r.total_limit = Optional(table, "asf_total_limit_pence", day);
  r.match_funding_percent = static_cast<int>(Optional(table, "asf_match_funding_percent", day).value_or(0));
  return r;
}

absl::StatusOr<platform::Date> RulesDay(const std::string& financial_year, platform::Date day) {
  ASSIGN_OR_RETURN(platform::FinancialYear fy, platform::FinancialYear::ParseLabel(financial_year));
  return std::max(day, fy.first_day());
}

bool CountsAgainstLimits(AsfStatus s) {
  return s == AsfStatus::kSubmitted || s == AsfStatus::kApproved || s == AsfStatus::kInDelivery ||
         s == AsfStatus::kCompleted;
}

absl::StatusOr<AsfFunding> FundApplication(const FairAccessRules& rules, const AsfDetails& d,
                                           const ChildYearSpend& spent) {
  const bool assessment = d.service_type == AsfServiceType::kSpecialistAssessment;
  // Each limit that applies, with what the child has used of it this year.
  struct Limit {
    const char* subject;
    long long limit, used;
  };
  std::vector<Limit> limits;
  if (assessment && rules.assessment_limit) {
    limits.push_back({"specialist_assessment", *rules.assessment_limit, spent.assessment});
  }
  if (!assessment && rules.therapy_limit) limits.push_back({"therapy", *rules.therapy_limit, spent.therapy});
  if (rules.total_limit) limits.push_back({"total", *rules.total_limit, spent.total()});
  const Limit* binding = nullptr;
  long long remains = d.cost_pence;
  for (const Limit& l : limits) {
    const long long left = std::max(0LL, l.limit - l.used);
    if (left < remains) {
      remains = left;
      binding = &l;
    }
  }
  if (!binding) return AsfFunding{.fund = d.cost_pence, .match = 0};
  const long long excess = d.cost_pence - remains;
  if (rules.match_funding_percent <= 0) {
    return Refuse("FAIR_ACCESS_LIMIT", binding->subject,
                  absl::StrCat("the ", binding->subject, " limit is ", Pounds(binding->limit), " for ",
                               d.financial_year, "; the child's fund spend so far that year is ",
                               Pounds(binding->used), ", so ", Pounds(remains), " remains; this application asks ",
                               Pounds(d.cost_pence), " and the rules allow no match funding"));
  }
  // The agency's share of the part above the limit, rounded up to the penny.
  const long long match = (excess * rules.match_funding_percent + 99) / 100;
  return AsfFunding{.fund = d.cost_pence - match, .match = match};
}

void ValidateAsfDetails(const AsfDetails& d, const std::string& prefix, platform::Validation& v) {
  const std::string opaque = "letters, digits, '-' or '/' with at least one digit (never a name), at most 32";
  v.Check(OpaqueReference(d.child_reference), prefix + "child_reference", "is required: the agency's reference, " + opaque);
  v.Check(d.family_reference.empty() || OpaqueReference(d.family_reference), prefix + "family_reference",
          "must be the agency's reference, " + opaque);
  v.Check(d.child_category.has_value(), prefix + "child_category",
          "is required: CHILD_CATEGORY_ADOPTED or CHILD_CATEGORY_SPECIAL_GUARDIANSHIP");
  v.Check(d.child_age_years >= 0 && d.child_age_years <= 25, prefix + "child_age_years", "must be 0 to 25");
  v.Check(platform::IsLocalAuthorityCode(d.local_authority), prefix + "local_authority",
          "is required: an ONS local authority code such as E09000006");
  v.Check(d.service_type.has_value(), prefix + "service_type", "is required: an AsfServiceType");
  v.Check(!d.provider.empty() && platform::CharacterCount(d.provider) <= kMostProviderCharacters,
          prefix + "provider", "is required: the provider's name, at most 200 characters");
  v.Check(d.cost_pence > 0, prefix + "cost", "is required: a positive amount in GBP");
  v.Check(platform::FinancialYear::ParseLabel(d.financial_year).ok(), prefix + "financial_year",
          "is required: a financial year such as 2025-26");
}

absl::Status CheckEligible(const AsfDetails& d, const FairAccessRules& rules) {
  const int limit = d.education_health_care_plan ? rules.eligible_age_years_ehcp : rules.eligible_age_years;
  if (d.child_age_years <= limit) return absl::OkStatus();
  return Refuse("ELIGIBILITY", "child_age_years",
                absl::StrCat("the fund supports children up to ", rules.eligible_age_years, " (",
                             rules.eligible_age_years_ehcp, " with an education, health and care plan); this child is ",
                             d.child_age_years));
}

absl::StatusOr<AsfApplication> DraftAsfApplication(std::string id, AsfDetails details, const std::string& actor,
                                                   long long now, const FairAccessRules& rules,
                                                   const ChildYearSpend& spent) {
  RETURN_IF_ERROR(CheckEligible(details, rules));
  ASSIGN_OR_RETURN(AsfFunding funding, FundApplication(rules, details, spent));
  AsfApplication a;
  a.id = std::move(id);
  a.details = std::move(details);
  a.fund_pence = funding.fund;
  a.match_pence = funding.match;
  a.created_at = a.updated_at = now;
  a.created_by = a.updated_by = actor;
  return a;
}

absl::Status SubmitAsfApplication(AsfApplication& a, platform::Date submitted, const FairAccessRules& rules,
                                  const platform::WorkingDayCalendar& calendar, const ChildYearSpend& spent,
                                  const platform::Revision& by) {
  RETURN_IF_ERROR(NotFuture(submitted, by, "submitted_date"));
  RETURN_IF_ERROR(Expect(a, AsfStatus::kDraft, "submitted"));
  // Judged again: others may have been submitted for the child since the draft.
  RETURN_IF_ERROR(CheckEligible(a.details, rules));
  ASSIGN_OR_RETURN(AsfFunding funding, FundApplication(rules, a.details, spent));
  ASSIGN_OR_RETURN(platform::Date due, calendar.AddWorkingDays(submitted, rules.decision_working_days));
  a.fund_pence = funding.fund;
  a.match_pence = funding.match;
  a.status = AsfStatus::kSubmitted;
  a.submitted_date = submitted;
  a.decision_due_date = due;
  platform::Stamp(a, by);
  return absl::OkStatus();
}

absl::Status DecideAsfApplication(AsfApplication& a, bool approved, platform::Date day, const std::string& reason,
                                  const platform::Revision& by) {
  RETURN_IF_ERROR(NotFuture(day, by, "decision_date"));
  RETURN_IF_ERROR(Expect(a, AsfStatus::kSubmitted, approved ? "approved" : "declined"));
  RETURN_IF_ERROR(NotBefore(day, a.submitted_date, "decision_date", "submission"));
  a.status = approved ? AsfStatus::kApproved : AsfStatus::kDeclined;
  a.decision_date = day;
  a.decline_reason = approved ? "" : reason;
  platform::Stamp(a, by);
  return absl::OkStatus();
}

absl::Status StartAsfDelivery(AsfApplication& a, platform::Date day, const platform::Revision& by) {
  RETURN_IF_ERROR(NotFuture(day, by, "start_date"));
  RETURN_IF_ERROR(Expect(a, AsfStatus::kApproved, "delivered"));
  RETURN_IF_ERROR(NotBefore(day, a.decision_date, "start_date", "approval"));
  a.status = AsfStatus::kInDelivery;
  a.delivery_start_date = day;
  platform::Stamp(a, by);
  return absl::OkStatus();
}

absl::Status CompleteAsfApplication(AsfApplication& a, platform::Date day, const platform::Revision& by) {
  RETURN_IF_ERROR(NotFuture(day, by, "completed_date"));
  RETURN_IF_ERROR(Expect(a, AsfStatus::kInDelivery, "completed"));
  RETURN_IF_ERROR(NotBefore(day, a.delivery_start_date, "completed_date", "start of delivery"));
  a.status = AsfStatus::kCompleted;
  a.completed_date = day;
  platform::Stamp(a, by);
  return absl::OkStatus();
}

std::vector<AsfYearFigures> MeasureAsf(const std::vector<AsfApplication>& applications) {
  struct Year {
    AsfYearFigures figures;
    std::set<std::string> children, families;
  };
  std::map<std::string, Year> years;
  for (const AsfApplication& a : applications) {
    if (a.status == AsfStatus::kDraft) continue;
    Year& y = years[a.details.financial_year];
    y.figures.financial_year = a.details.financial_year;
    ++y.figures.applications;
    if (a.status == AsfStatus::kDeclined) {
      ++y.figures.declined;
    } else if (a.status == AsfStatus::kSubmitted) {
      ++y.figures.awaiting_decision;
    } else {
      ++y.figures.approved;
      y.children.insert(a.details.child_reference);
      if (!a.details.family_reference.empty()) y.families.insert(a.details.family_reference);
      y.figures.funding_secured_pence += a.fund_pence;
      y.figures.match_funding_pence += a.match_pence;
    }
  }
  std::vector<AsfYearFigures> out;
  for (auto& [label, y] : years) {
    y.figures.children_benefiting = static_cast<int>(y.children.size());
    y.figures.families_benefiting = static_cast<int>(y.families.size());
    out.push_back(y.figures);
  }
  return out;
}

namespace {
constexpr const char* kServiceNames[] = {"FAMILY_THERAPY", "DYADIC_DEVELOPMENTAL_PSYCHOTHERAPY", "THERAPLAY",
                                         "PLAY_THERAPY", "MUSIC_THERAPY", "SENSORY_INTEGRATION",
                                         "THERAPEUTIC_PARENTING_COURSE", "SUMMER_CAMP", "OTHER_THERAPY",
                                         "SPECIALIST_ASSESSMENT"};
constexpr const char* kStatusNames[] = {"DRAFT", "SUBMITTED", "APPROVED", "DECLINED", "IN_DELIVERY", "COMPLETED"};
constexpr const char* kCategoryNames[] = {"ADOPTED", "SPECIAL_GUARDIANSHIP"};
}  // namespace

std::string AsfServiceTypeName(AsfServiceType t) { return kServiceNames[static_cast<int>(t)]; }
std::optional<AsfServiceType> ParseAsfServiceType(const std::string& name) {
  return platform::EnumFromName<AsfServiceType>(kServiceNames, name);
}
std::string AsfStatusName(AsfStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<AsfStatus> ParseAsfStatus(const std::string& name) {
  return platform::EnumFromName<AsfStatus>(kStatusNames, name);
}
std::string ChildCategoryName(ChildCategory c) { return kCategoryNames[static_cast<int>(c)]; }
std::optional<ChildCategory> ParseChildCategory(const std::string& name) {
  return platform::EnumFromName<ChildCategory>(kCategoryNames, name);
}

}  // namespace support
