#include "familyfinding-svc/api/child_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/rpc/proto_convert.h"
#include "platform/core/text.h"

namespace familyfinding {

namespace pb = adoption::familyfinding::v1;
using platform::CleanText;
using platform::TextKind;

namespace {
// Sets an optional date field through its mutable accessor, leaving it unset (no
// submessage at all) when there is no date.
template <typename Message>
void SetDate(const std::optional<platform::Date>& d, Message& message, adoption::type::v1::Date* (Message::*field)()) {
  if (d) *(message.*field)() = platform::DateToProto(*d);
}
}  // namespace

std::string ChildName(const std::string& id) { return absl::StrCat("children/", id); }
std::string Etag(const Child& c) { return absl::StrCat(c.version); }
std::string HouseholdProfileName(const std::string& id) { return absl::StrCat("householdProfiles/", id); }

pb::Child ToProto(const Child& c, platform::Date today) {
  const ChildDetails& d = c.details;
  pb::Child p;
  p.set_name(ChildName(c.id));
  p.set_given_name(d.given_name);
  p.set_family_name(d.family_name);
  p.set_local_authority(d.local_authority);
  SetDate(d.date_of_birth, p, &pb::Child::mutable_date_of_birth);
  p.set_sex(platform::EnumToProto<pb::Sex>(d.sex));
  p.set_ethnicity(d.ethnicity);
  p.set_disability(d.disability);
  p.set_health_and_development_needs(d.health_and_development_needs);
  p.set_sibling_group(d.sibling_group);
  p.set_sibling_placement(platform::EnumToProto<pb::SiblingPlacement>(d.sibling_placement));
  p.set_legal_status(platform::EnumToProto<pb::LegalStatus>(d.legal_status));
  p.set_early_permanence(d.early_permanence);
  p.set_status(platform::EnumToProto<pb::FamilyFindingStatus>(c.status));
  p.set_status_reason(c.status_reason);
  p.set_harder_to_place(HarderToPlace(d, today));
  SetDate(d.entered_care_date, p, &pb::Child::mutable_entered_care_date);
  const Milestones& m = c.milestones;
  SetDate(m.should_be_placed_decision, p, &pb::Child::mutable_should_be_placed_decision_date);
  SetDate(m.placement_order, p, &pb::Child::mutable_placement_order_date);
  SetDate(m.match, p, &pb::Child::mutable_match_date);
  SetDate(m.placed, p, &pb::Child::mutable_placed_date);
  SetDate(m.early_permanence_placed, p, &pb::Child::mutable_early_permanence_placed_date);
  SetDate(m.adoption_application, p, &pb::Child::mutable_adoption_application_date);
  SetDate(m.adoption_order, p, &pb::Child::mutable_adoption_order_date);
  if (!c.household_id.empty()) p.set_household(absl::StrCat("households/", c.household_id));
  p.set_etag(Etag(c));
  *p.mutable_record_info() = platform::RecordInfoOf(c);
  return p;
}

ChildDetails DetailsFromProto(const pb::Child& p, const std::string& prefix, platform::Validation& v) {
  ChildDetails d;
  d.given_name = CleanText(p.given_name(), TextKind::kSingleLine, prefix + "given_name", v);
  d.family_name = CleanText(p.family_name(), TextKind::kSingleLine, prefix + "family_name", v);
  d.local_authority = p.local_authority();
  d.date_of_birth = platform::OptionalDateFromProto(p.date_of_birth(), prefix + "date_of_birth", v);
  if (p.sex() == pb::SEX_UNSPECIFIED || !pb::Sex_IsValid(p.sex())) {
    v.Add(prefix + "sex", "is required: FEMALE, MALE or NOT_KNOWN (an unborn baby)");
  } else {
    d.sex = static_cast<Sex>(p.sex() - 1);
  }
  d.ethnicity = CleanText(p.ethnicity(), TextKind::kSingleLine, prefix + "ethnicity", v);
  d.disability = p.disability();
  d.health_and_development_needs = CleanText(p.health_and_development_needs(), TextKind::kMultiLine,
                                             prefix + "health_and_development_needs", v);
  d.sibling_group = CleanText(p.sibling_group(), TextKind::kSingleLine, prefix + "sibling_group", v);
  if (!pb::SiblingPlacement_IsValid(p.sibling_placement())) {
    v.Add(prefix + "sibling_placement", "must be ASSESSMENT_PENDING, TOGETHER or APART");
  } else if (p.sibling_placement() != pb::SIBLING_PLACEMENT_UNSPECIFIED) {
    d.sibling_placement = static_cast<SiblingPlacement>(p.sibling_placement() - 1);
  }
  if (p.legal_status() == pb::LEGAL_STATUS_UNSPECIFIED || !pb::LegalStatus_IsValid(p.legal_status())) {
    v.Add(prefix + "legal_status", "is required: a LegalStatus value such as LEGAL_STATUS_ACCOMMODATED");
  } else {
    d.legal_status = static_cast<LegalStatus>(p.legal_status() - 1);
  }
  d.early_permanence = p.early_permanence();
  d.entered_care_date = platform::OptionalDateFromProto(p.entered_care_date(), prefix + "entered_care_date", v);
  return d;
}

adoption::events::v1::ChildRegistered RegisteredEvent(const Child& c) {
  adoption::events::v1::ChildRegistered e;
  e.set_child(ChildName(c.id));
  e.set_local_authority(c.details.local_authority);
  SetDate(c.details.entered_care_date, e, &adoption::events::v1::ChildRegistered::mutable_entered_care_date);
  return e;
}

pb::HouseholdProfile ToProto(const HouseholdProfile& p) {
  pb::HouseholdProfile out;
  out.set_name(HouseholdProfileName(p.id));
  out.set_household(absl::StrCat("households/", p.id));
  out.set_home_local_authority(p.facts.home_local_authority);
  out.set_family_structure(p.facts.family_structure);
  *out.mutable_enquiry_date() = platform::DateToProto(p.facts.enquiry_date);
  out.set_early_permanence_interest(p.facts.early_permanence_interest);
  out.set_approved(p.approved);
  out.set_source_sequence(p.source_sequence);
  return out;
}

}  // namespace familyfinding
