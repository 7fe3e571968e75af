#include "familyfinding-svc/domain/child.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "platform/core/enum_names.h"
#include "platform/core/local_authority.h"
#include "platform/core/retention.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"

namespace familyfinding {
namespace {
// Characters, not bytes: the limits are what a social worker can type.
using platform::CharacterCount;
constexpr size_t kMaxNameLength = 100;
constexpr size_t kMaxEthnicityLength = 64;
constexpr size_t kMaxNeedsLength = 4000;
constexpr size_t kMaxSiblingGroupLength = 64;
// ACA 2002 s.49(4): an adoption application may only be made for a person under 18.
constexpr int kAdultAge = 18;
constexpr int kHarderToPlaceAge = 5;

// A census category code: capital letters, digits and '_'.
bool IsCodeShaped(const std::string& s) {
  for (char c : s) {
    if (!(absl::ascii_isupper(static_cast<unsigned char>(c)) || absl::ascii_isdigit(static_cast<unsigned char>(c)) ||
          c == '_')) {
      return false;
    }
  }
  return true;
}
}  // namespace

int AgeInYears(platform::Date date_of_birth, platform::Date on) {
  int age = static_cast<int>(on.year() - date_of_birth.year());
  if (on.month() < date_of_birth.month() || (on.month() == date_of_birth.month() && on.day() < date_of_birth.day())) {
    --age;
  }
  return age;
}

bool IsBlackOrMinorityEthnic(const std::string& ethnicity) {
  if (ethnicity.empty() || ethnicity == "NOT_STATED" || ethnicity == "NOT_KNOWN") return false;
  return !absl::StartsWith(ethnicity, "WHITE_");
}

std::optional<platform::Date> RetainUntil(const Child& child, const platform::StatutoryTable& table) {
  std::optional<platform::Retention> r = RetentionOf(child, table);
  return r ? std::optional<platform::Date>(r->retain_until) : std::nullopt;
}

std::optional<platform::Retention> RetentionOf(const Child& child, const platform::StatutoryTable& table) {
  if (!child.milestones.adoption_order) return std::nullopt;
  static const platform::RetentionRule kCaseRecord{platform::kAdoptionCaseRecordYears, "the adoption order"};
  absl::StatusOr<platform::Retention> r = platform::RetentionOf(table, kCaseRecord, *child.milestones.adoption_order);
  // The key is required at start-up; an order before the rule was in force (a
  // pre-commencement adoption, under other rules) gets no date: it is kept.
  return r.ok() ? std::optional<platform::Retention>(*r) : std::nullopt;
}

std::vector<std::string> RetentionKeys() { return {platform::kAdoptionCaseRecordYears}; }

bool HarderToPlace(const ChildDetails& d, platform::Date on) {
  const bool aged_five_or_over = d.date_of_birth && AgeInYears(*d.date_of_birth, on) >= kHarderToPlaceAge;
  return aged_five_or_over || IsBlackOrMinorityEthnic(d.ethnicity) || !d.sibling_group.empty() || d.disability;
}

void ValidateDetails(const ChildDetails& d, platform::Date today, const std::string& prefix, platform::Validation& v) {
  v.Check(CharacterCount(d.given_name) <= kMaxNameLength, prefix + "given_name", "is at most 100 characters");
  v.Check(CharacterCount(d.family_name) <= kMaxNameLength, prefix + "family_name", "is at most 100 characters");
  v.Check(platform::IsLocalAuthorityCode(d.local_authority), prefix + "local_authority",
          "must be an ONS local authority code such as E09000006");
  if (d.date_of_birth) {
    if (v.Check(*d.date_of_birth <= today, prefix + "date_of_birth",
                "must not be in the future (unset it for an unborn baby)")) {
      v.Check(AgeInYears(*d.date_of_birth, today) < kAdultAge, prefix + "date_of_birth",
              "must be less than 18 years ago: adoption is for children (ACA 2002 s.49(4))");
    }
  }
  v.Check(CharacterCount(d.ethnicity) <= kMaxEthnicityLength && IsCodeShaped(d.ethnicity), prefix + "ethnicity",
          "must be a census category code such as WHITE_BRITISH (capitals, digits and _, at most 64)");
  v.Check(CharacterCount(d.health_and_development_needs) <= kMaxNeedsLength, prefix + "health_and_development_needs",
          "is at most 4000 characters");
  v.Check(CharacterCount(d.sibling_group) <= kMaxSiblingGroupLength, prefix + "sibling_group",
          "is at most 64 characters");
  if (d.sibling_group.empty()) {
    v.Check(!d.sibling_placement, prefix + "sibling_placement", "must be unset for a child not in a sibling group");
  } else {
    v.Check(d.sibling_placement.has_value(), prefix + "sibling_placement",
            "is required for a child in a sibling group: ASSESSMENT_PENDING until the Together-or-Apart assessment");
  }
  if (d.entered_care_date) {
    if (v.Check(*d.entered_care_date <= today, prefix + "entered_care_date", "must not be in the future")) {
      if (!d.date_of_birth) {
        v.Add(prefix + "entered_care_date", "an unborn child cannot have entered care: record the date of birth too");
      } else {
        v.Check(*d.entered_care_date >= *d.date_of_birth, prefix + "entered_care_date",
                "must not be before date_of_birth");
      }
    }
  }
}

Child RegisterChild(std::string id, ChildDetails details, const std::string& actor, long long now) {
  Child c;
  c.id = std::move(id);
  c.details = std::move(details);
  c.status = FamilyFindingStatus::kTracking;
  c.version = 1;
  c.created_at = c.updated_at = now;
  c.created_by = c.updated_by = actor;
  return c;
}

absl::Status ReviseChild(Child& child, ChildDetails revised, const platform::Revision& revision,
                         const std::string& prefix, platform::Validation v) {
  ValidateDetails(revised, revision.today, prefix, v);
  RETURN_IF_ERROR(v.Status());
  child.details = std::move(revised);
  platform::Stamp(child, revision);
  return absl::OkStatus();
}

namespace {
constexpr const char* kSexNames[] = {"FEMALE", "MALE", "NOT_KNOWN"};
constexpr const char* kLegalStatusNames[] = {
    "ACCOMMODATED", "IN_CARE_PROCEEDINGS", "CARE_ORDER", "PLACEMENT_ORDER", "CONSENT", "PLACEMENT_ORDER_APPEAL",
    "REVOCATION_APPLICATION", "CONTESTED_ADOPTION_APPLICATION", "ADOPTION_ORDER",
    "PLACEMENT_ORDER_REFUSED_OR_REVOKED"};
constexpr const char* kStatusNames[] = {
    "TRACKING", "ACTIVELY_FAMILY_FINDING", "LINKED", "MATCHED_AWAITING_PLACEMENT", "PLACED", "ADOPTED", "ON_HOLD",
    "PLAN_CHANGED", "DISRUPTED"};
constexpr const char* kSiblingPlacementNames[] = {"ASSESSMENT_PENDING", "TOGETHER", "APART"};
}  // namespace

std::string SexName(Sex s) { return kSexNames[static_cast<int>(s)]; }
std::optional<Sex> ParseSex(const std::string& name) { return platform::EnumFromName<Sex>(kSexNames, name); }
std::string LegalStatusName(LegalStatus s) { return kLegalStatusNames[static_cast<int>(s)]; }
std::optional<LegalStatus> ParseLegalStatus(const std::string& name) {
  return platform::EnumFromName<LegalStatus>(kLegalStatusNames, name);
}
std::string StatusName(FamilyFindingStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<FamilyFindingStatus> ParseStatus(const std::string& name) {
  return platform::EnumFromName<FamilyFindingStatus>(kStatusNames, name);
}
std::string SiblingPlacementName(SiblingPlacement s) { return kSiblingPlacementNames[static_cast<int>(s)]; }
std::optional<SiblingPlacement> ParseSiblingPlacement(const std::string& name) {
  return platform::EnumFromName<SiblingPlacement>(kSiblingPlacementNames, name);
}

}  // namespace familyfinding
