#pragma once
// A household: one or two prospective adopters applying together (docs/domain.md §1).
#include <optional>
#include <string>
#include <vector>

#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/retention.h"
#include "platform/core/revision.h"
#include "platform/core/statutory.h"
#include "recruitment-svc/domain/journey.h"
#include "recruitment-svc/domain/stage_two.h"

namespace recruitment {

enum class FamilyStructure { kCoupleDifferentSex, kCoupleSameSex, kSingle };

// The journey's statuses, in docs/domain.md's order; names match the contract's enum.
enum class HouseholdStatus {
  kEnquiry, kInfoSessionBooked, kInfoSessionAttended, kInitialVisit, kRoiReceived, kStageOne, kBreak,
  kStageTwo, kAwaitingPanel, kApproved, kLinked, kMatched, kChildPlaced, kAdoptionOrder,
  kWithdrawn, kCounselledOut, kNotApproved, kApprovalTerminated,
  kStageOneCompleted,  // between the stages, no break asked for
  kRoiDeclined,        // the agency declined the registration of interest
};

// How the household comes to adopt (docs/domain.md §1); names match AdoptionRoute.
enum class Route { kStandard, kFastTrack, kKnownChild, kNonAgency, kIntercountry };

struct Applicant {
  std::string given_name;
  std::string family_name;
  std::optional<platform::Date> date_of_birth;
  std::string ethnicity;  // census category code
};

// What staff record at enquiry, and may later correct.
struct HouseholdDetails {
  std::vector<Applicant> applicants;
  FamilyStructure family_structure = FamilyStructure::kSingle;
  std::string home_local_authority;  // ONS code
  platform::Date enquiry_date;
  bool second_time_adopters = false;
  bool foster_carers = false;
  bool connected_persons = false;
  bool early_permanence_interest = false;
  Route route = Route::kStandard;
};

struct Household {
  std::string id;
  HouseholdDetails details;
  HouseholdStatus status = HouseholdStatus::kEnquiry;
  // Every step since the enquiry, in date order (journey.h); the status is where the
  // last one left the household.
  std::vector<JourneyStep> journey;
  // The Stage 1 checks as last recorded, one per kind, applicant and ordinal (stage_one.h).
  std::vector<StageOneCheck> stage_one_checks;
  StageTwoProgress stage_two;
  bool dual_approval_sought = false;  // said on referral to panel
  // The terms of its approval, once the ADM approved it.
  std::optional<ApprovalTerms> approval;
  // The agency's old system's id, when the household was imported (history.h).
  std::optional<std::string> source_id;
  // The earliest due date of its running clocks (clocks.h) when last saved.
  std::optional<platform::Date> next_due;
  long long version = 1;  // the etag
  long long created_at = 0, updated_at = 0;  // microseconds since the epoch
  std::string created_by, updated_by;
};

// Whether the applicants' names must be given: an imported household's history may
// come without them (the extract format carries none); staff add them later.
enum class Names { kRequired, kMayBeMissing };

// The rules a household's details must meet, checked whole; violations name fields
// under `prefix` ("household."). `today` bounds dates that cannot be in the future.
void ValidateDetails(const HouseholdDetails& details, platform::Date today, const std::string& prefix,
                     platform::Validation& v, Names names = Names::kRequired);

// The first day the household's record may be disposed of (docs/records.md): once an
// adoption order was made, the adopters' record is part of the adopted person's case
// record (from the latest order); a household that closed without one — withdrew, was
// counselled out, not approved, declined, its approval ended — is kept as the agency's
// policy says from the day it closed: an enquiry's rule when it never started Stage 1,
// else that for adopters not approved. None while the household is open or approved
// (it is kept).
std::optional<platform::Date> RetainUntil(const Household& household, const platform::StatutoryTable& table);
// The same with the rule it was reckoned by (RecordsService's report and tombstones).
std::optional<platform::Retention> RetentionOf(const Household& household, const platform::StatutoryTable& table);
// The statutory.tsv keys RetainUntil reads.
std::vector<std::string> RetentionKeys();

// A new household at enquiry.
Household RegisterHousehold(std::string id, HouseholdDetails details, const std::string& actor, long long now);

// Replaces `household`'s details with `revised` (a correction), judged on
// revision.today: INVALID_ARGUMENT naming every bad field (`v` may already hold
// violations of the request's shape). The status is not a detail: verbs move it.
// On success the change is stamped.
absl::Status ReviseHousehold(Household& household, HouseholdDetails revised, const platform::Revision& revision,
                             const std::string& prefix, platform::Validation v);

}  // namespace recruitment

namespace recruitment {
// Stable names ("STAGE_ONE", "COUPLE_SAME_SEX"): storage and events use these.
std::string StatusName(HouseholdStatus s);
std::optional<HouseholdStatus> ParseStatus(const std::string& name);
std::string StructureName(FamilyStructure s);
std::optional<FamilyStructure> ParseStructure(const std::string& name);
std::string RouteName(Route r);
std::optional<Route> ParseRoute(const std::string& name);
}  // namespace recruitment
