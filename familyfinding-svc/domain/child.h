#pragma once
// A child with a possible adoption plan, recorded by the child's local authority
// (docs/domain.md §2). The child stays the responsibility of that LA.
#include <optional>
#include <string>
#include <vector>

#include "familyfinding-svc/domain/milestone.h"
#include "platform/core/calendar.h"
#include "absl/status/status.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"
#include "platform/core/retention.h"
#include "platform/core/statutory.h"

namespace familyfinding {

// Enums are in the contract's order (the contract adds an UNSPECIFIED zero).
enum class Sex { kFemale, kMale, kNotKnown };

enum class LegalStatus {
  kAccommodated, kInCareProceedings, kCareOrder, kPlacementOrder, kConsent, kPlacementOrderAppeal,
  kRevocationApplication, kContestedAdoptionApplication, kAdoptionOrder, kPlacementOrderRefusedOrRevoked,
};

// Where the child is in family finding. Changed by verbs and panel decisions (later
// issues), never written directly.
enum class FamilyFindingStatus {
  kTracking, kActivelyFamilyFinding, kLinked, kMatchedAwaitingPlacement, kPlaced, kAdopted, kOnHold,
  kPlanChanged, kDisrupted,
};

// After a Together-or-Apart assessment; only for a child in a sibling group.
enum class SiblingPlacement { kAssessmentPending, kTogether, kApart };

// What the child's social worker records and may later correct.
struct ChildDetails {
  std::string given_name;   // may be empty for an unborn baby
  std::string family_name;
  std::string local_authority;  // ONS code of the LA of origin
  std::optional<platform::Date> date_of_birth;  // unset: unborn
  Sex sex = Sex::kNotKnown;
  std::string ethnicity;  // census category code, e.g. WHITE_BRITISH; empty until recorded
  bool disability = false;
  std::string health_and_development_needs;
  std::string sibling_group;  // opaque id shared by siblings; empty if none
  std::optional<SiblingPlacement> sibling_placement;
  LegalStatus legal_status = LegalStatus::kAccommodated;
  bool early_permanence = false;
  std::optional<platform::Date> entered_care_date;  // milestone 1
};

// Milestones 2 to 7 and the early-permanence placement as the journey leaves them
// (journey.h): stored and returned, never set by a client.
struct Milestones {
  std::optional<platform::Date> should_be_placed_decision;
  std::optional<platform::Date> placement_order;
  std::optional<platform::Date> match;
  std::optional<platform::Date> placed;
  std::optional<platform::Date> early_permanence_placed;
  std::optional<platform::Date> adoption_application;
  std::optional<platform::Date> adoption_order;
};

struct Child {
  std::string id;
  ChildDetails details;
  FamilyFindingStatus status = FamilyFindingStatus::kTracking;
  std::string status_reason;
  Milestones milestones;
  std::string household_id;  // matched or placed with; empty until then
  std::vector<Milestone> journey;  // every milestone, in the order recorded
  std::optional<std::string> source_id;  // the old system's id, when imported
  long long version = 1;     // the etag
  long long created_at = 0, updated_at = 0;  // microseconds since the epoch
  std::string created_by, updated_by;
};

// The rules a child's details must meet, checked whole; violations name fields
// under `prefix` ("child."). `today` bounds dates that cannot be in the future.
void ValidateDetails(const ChildDetails& details, platform::Date today, const std::string& prefix,
                     platform::Validation& v);

// Completed years of age on `on`. A child born on 29 February is a year older on
// 1 March in common years (Family Law Reform Act 1969 s.9: an age is attained at the
// start of the anniversary; England treats 1 March as the anniversary).
int AgeInYears(platform::Date date_of_birth, platform::Date on);

// From a Black or minority ethnic group: a recorded census code outside the White
// groups (WHITE_*). An unrecorded ethnicity is not evidence either way.
bool IsBlackOrMinorityEthnic(const std::string& ethnicity);

// "Harder to place" (docs/domain.md §2; Rotherham 29.6%), derived on `on`: aged 5 or over,
// Black or minority ethnic, in a sibling group, or disabled.
bool HarderToPlace(const ChildDetails& details, platform::Date on);

// The first day the child's record may be disposed of (docs/records.md): an adopted
// person's case record is section 56 information, kept from the adoption order by the
// rule in force that day; none while there is no order (the record is kept).
std::optional<platform::Date> RetainUntil(const Child& child, const platform::StatutoryTable& table);
// The same with the rule it was reckoned by (RecordsService's report and tombstones).
std::optional<platform::Retention> RetentionOf(const Child& child, const platform::StatutoryTable& table);
// The statutory.tsv keys RetainUntil reads.
std::vector<std::string> RetentionKeys();

// A newly recorded child: tracked, at version 1.
Child RegisterChild(std::string id, ChildDetails details, const std::string& actor, long long now);

// Replaces `child`'s details with `revised` (a correction), judged on
// revision.today: INVALID_ARGUMENT naming every bad field (`v` may already hold
// violations of the request's shape). The family-finding status is not a detail:
// verbs and panel decisions move it. On success the change is stamped.
absl::Status ReviseChild(Child& child, ChildDetails revised, const platform::Revision& revision,
                         const std::string& prefix, platform::Validation v);

// Stable names ("PLACEMENT_ORDER", "ON_HOLD"): storage uses these; the contract's
// enum names are these with the enum's prefix.
std::string SexName(Sex s);
std::optional<Sex> ParseSex(const std::string& name);
std::string LegalStatusName(LegalStatus s);
std::optional<LegalStatus> ParseLegalStatus(const std::string& name);
std::string StatusName(FamilyFindingStatus s);
std::optional<FamilyFindingStatus> ParseStatus(const std::string& name);
std::string SiblingPlacementName(SiblingPlacement s);
std::optional<SiblingPlacement> ParseSiblingPlacement(const std::string& name);

}  // namespace familyfinding
