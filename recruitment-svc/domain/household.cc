#include "recruitment-svc/domain/household.h"

#include "absl/strings/str_cat.h"
#include "platform/core/enum_names.h"
#include "platform/core/local_authority.h"
#include "platform/core/retention.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"

namespace recruitment {
namespace {
// Characters, not bytes: the limits are what a worker can type.
using platform::CharacterCount;
constexpr size_t kMaxNameLength = 100;
constexpr size_t kMaxEthnicityLength = 64;
}  // namespace

void ValidateDetails(const HouseholdDetails& d, platform::Date today, const std::string& prefix,
                     platform::Validation& v, Names names) {
  const size_t n = d.applicants.size();
  if (v.Check(n == 1 || n == 2, prefix + "applicants", "must list one applicant (single) or two (a couple)")) {
    const bool couple = d.family_structure != FamilyStructure::kSingle;
    v.Check(couple == (n == 2), prefix + "family_structure",
            couple ? "a couple must have two applicants" : "a single adopter must have one applicant");
  }
  for (size_t i = 0; i < n; ++i) {
    const Applicant& a = d.applicants[i];
    const std::string field = absl::StrCat(prefix, "applicants[", i, "].");
    const bool missing_allowed = names == Names::kMayBeMissing;
    v.Check((missing_allowed || !a.given_name.empty()) && CharacterCount(a.given_name) <= kMaxNameLength,
            field + "person.given_name", "is required (at most 100 characters)");
    v.Check((missing_allowed || !a.family_name.empty()) && CharacterCount(a.family_name) <= kMaxNameLength,
            field + "person.family_name", "is required (at most 100 characters)");
    if (a.date_of_birth) {
      v.Check(*a.date_of_birth < today, field + "person.date_of_birth", "must be in the past");
    }
    v.Check(CharacterCount(a.ethnicity) <= kMaxEthnicityLength, field + "ethnicity", "is at most 64 characters");
  }
  v.Check(platform::IsLocalAuthorityCode(d.home_local_authority), prefix + "home_local_authority",
          "must be an ONS local authority code such as E09000006");
  v.Check(d.enquiry_date <= today, prefix + "enquiry_date", "must not be in the future");
  if (d.route == Route::kFastTrack) {
    v.Check(d.second_time_adopters || d.foster_carers, prefix + "route",
            "FAST_TRACK is for previous adopters or approved foster carers: set second_time_adopters or foster_carers");
  } else if (d.route == Route::kKnownChild) {
    v.Check(d.foster_carers || d.connected_persons, prefix + "route",
            "KNOWN_CHILD is for foster carers or connected persons: set foster_carers or connected_persons");
  }
}

std::optional<platform::Date> RetainUntil(const Household& h, const platform::StatutoryTable& table) {
  std::optional<platform::Retention> r = RetentionOf(h, table);
  return r ? std::optional<platform::Date>(r->retain_until) : std::nullopt;
}

std::optional<platform::Retention> RetentionOf(const Household& h, const platform::StatutoryTable& table) {
  std::optional<platform::Date> order;
  bool assessed = false;  // Stage 1 began: more than an enquiry
  for (const JourneyStep& step : h.journey) {
    if (step.event == JourneyEvent::kAdoptionOrder && (!order || step.date > *order)) order = step.date;
    assessed |= step.event == JourneyEvent::kStageOneStarted || step.event == JourneyEvent::kStageOneCompleted ||
                step.event == JourneyEvent::kStageTwoStarted || step.event == JourneyEvent::kReferredToPanel ||
                step.event == JourneyEvent::kApproved || step.event == JourneyEvent::kNotApproved;
  }
  std::optional<platform::RetentionRule> rule;
  platform::Date anchor;
  if (order) {
    rule = platform::RetentionRule{platform::kAdoptionCaseRecordYears, "the adoption order"};
    anchor = *order;
  } else if (!h.journey.empty() &&
             (h.status == HouseholdStatus::kWithdrawn || h.status == HouseholdStatus::kCounselledOut ||
              h.status == HouseholdStatus::kNotApproved || h.status == HouseholdStatus::kRoiDeclined ||
              h.status == HouseholdStatus::kApprovalTerminated)) {
    rule = assessed ? platform::RetentionRule{platform::kNotApprovedRecordYears, "the day the household closed"}
                    : platform::RetentionRule{platform::kEnquiryRecordYears, "the day the enquiry closed"};
    anchor = h.journey.back().date;
  }
  if (!rule) return std::nullopt;
  // The keys are required at start-up; a day before the rule was in force gets no date: kept.
  absl::StatusOr<platform::Retention> retention = platform::RetentionOf(table, *rule, anchor);
  return retention.ok() ? std::optional<platform::Retention>(*retention) : std::nullopt;
}

std::vector<std::string> RetentionKeys() {
  return {platform::kAdoptionCaseRecordYears, platform::kEnquiryRecordYears, platform::kNotApprovedRecordYears};
}

Household RegisterHousehold(std::string id, HouseholdDetails details, const std::string& actor, long long now) {
  Household h;
  h.id = std::move(id);
  h.details = std::move(details);
  h.status = HouseholdStatus::kEnquiry;
  h.version = 1;
  h.created_at = h.updated_at = now;
  h.created_by = h.updated_by = actor;
  return h;
}

absl::Status ReviseHousehold(Household& household, HouseholdDetails revised, const platform::Revision& revision,
                             const std::string& prefix, platform::Validation v) {
  ValidateDetails(revised, revision.today, prefix, v);
  // The journey's steps are dated on or after the enquiry, and the route chose them.
  if (!household.journey.empty()) {
    v.Check(revised.enquiry_date <= household.journey.front().date, prefix + "enquiry_date",
            absl::StrCat("must not be after the journey's first step (", EventName(household.journey.front().event),
                         " on ", platform::FormatDate(household.journey.front().date), ")"));
    v.Check(revised.route == household.details.route, prefix + "route",
            "cannot change once the journey has begun");
  }
  RETURN_IF_ERROR(v.Status());
  household.details = std::move(revised);
  platform::Stamp(household, revision);
  return absl::OkStatus();
}

}  // namespace recruitment

namespace recruitment {
namespace {
constexpr const char* kStatusNames[] = {
    "ENQUIRY", "INFO_SESSION_BOOKED", "INFO_SESSION_ATTENDED", "INITIAL_VISIT", "ROI_RECEIVED", "STAGE_ONE",
    "BREAK", "STAGE_TWO", "AWAITING_PANEL", "APPROVED", "LINKED", "MATCHED", "CHILD_PLACED", "ADOPTION_ORDER",
    "WITHDRAWN", "COUNSELLED_OUT", "NOT_APPROVED", "APPROVAL_TERMINATED", "STAGE_ONE_COMPLETED", "ROI_DECLINED"};
constexpr const char* kStructureNames[] = {"COUPLE_DIFFERENT_SEX", "COUPLE_SAME_SEX", "SINGLE"};
constexpr const char* kRouteNames[] = {"STANDARD", "FAST_TRACK", "KNOWN_CHILD", "NON_AGENCY", "INTERCOUNTRY"};
}  // namespace

std::string StatusName(HouseholdStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<HouseholdStatus> ParseStatus(const std::string& name) {
  return platform::EnumFromName<HouseholdStatus>(kStatusNames, name);
}
std::string StructureName(FamilyStructure s) { return kStructureNames[static_cast<int>(s)]; }
std::optional<FamilyStructure> ParseStructure(const std::string& name) {
  return platform::EnumFromName<FamilyStructure>(kStructureNames, name);
}
std::string RouteName(Route r) { return kRouteNames[static_cast<int>(r)]; }
std::optional<Route> ParseRoute(const std::string& name) { return platform::EnumFromName<Route>(kRouteNames, name); }

}  // namespace recruitment
