#include "recruitment-svc/api/household_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/rpc/proto_convert.h"
#include "platform/core/text.h"

namespace recruitment {

namespace pb = adoption::recruitment::v1;
using platform::CleanText;
using platform::TextKind;

std::string HouseholdName(const std::string& id) { return absl::StrCat("households/", id); }
std::string Etag(const Household& h) { return absl::StrCat(h.version); }

pb::Household ToProto(const Household& h) {
  pb::Household p;
  p.set_name(HouseholdName(h.id));
  for (const auto& a : h.details.applicants) {
    auto* ap = p.add_applicants();
    ap->mutable_person()->set_given_name(a.given_name);
    ap->mutable_person()->set_family_name(a.family_name);
    if (a.date_of_birth) *ap->mutable_person()->mutable_date_of_birth() = platform::DateToProto(*a.date_of_birth);
    ap->set_ethnicity(a.ethnicity);
  }
  // Domain enums are in the contract's order, offset by the UNSPECIFIED zero.
  p.set_family_structure(platform::EnumToProto<pb::FamilyStructure>(h.details.family_structure));
  p.set_home_local_authority(h.details.home_local_authority);
  *p.mutable_enquiry_date() = platform::DateToProto(h.details.enquiry_date);
  p.set_status(platform::EnumToProto<pb::HouseholdStatus>(h.status));
  p.set_second_time_adopters(h.details.second_time_adopters);
  p.set_foster_carers(h.details.foster_carers);
  p.set_connected_persons(h.details.connected_persons);
  p.set_early_permanence_interest(h.details.early_permanence_interest);
  p.set_etag(Etag(h));
  *p.mutable_record_info() = platform::RecordInfoOf(h);
  return p;
}

HouseholdDetails DetailsFromProto(const pb::Household& p, const std::string& prefix, platform::Validation& v) {
  HouseholdDetails d;
  for (int i = 0; i < p.applicants_size(); ++i) {
    const auto& ap = p.applicants(i);
    const std::string field = absl::StrCat(prefix, "applicants[", i, "].");
    Applicant a;
    a.given_name = CleanText(ap.person().given_name(), TextKind::kSingleLine, field + "person.given_name", v);
    a.family_name = CleanText(ap.person().family_name(), TextKind::kSingleLine, field + "person.family_name", v);
    a.date_of_birth = platform::OptionalDateFromProto(ap.person().date_of_birth(), field + "person.date_of_birth", v);
    a.ethnicity = CleanText(ap.ethnicity(), TextKind::kSingleLine, field + "ethnicity", v);
    d.applicants.push_back(std::move(a));
  }
  if (p.family_structure() == pb::FAMILY_STRUCTURE_UNSPECIFIED || !pb::FamilyStructure_IsValid(p.family_structure())) {
    v.Add(prefix + "family_structure", "is required: COUPLE_DIFFERENT_SEX, COUPLE_SAME_SEX or SINGLE");
  } else {
    d.family_structure = static_cast<FamilyStructure>(p.family_structure() - 1);
  }
  d.home_local_authority = p.home_local_authority();
  d.enquiry_date = platform::DateFromProto(p.enquiry_date(), prefix + "enquiry_date", v);
  d.second_time_adopters = p.second_time_adopters();
  d.foster_carers = p.foster_carers();
  d.connected_persons = p.connected_persons();
  d.early_permanence_interest = p.early_permanence_interest();
  return d;
}

adoption::events::v1::HouseholdRegistered RegisteredEvent(const Household& h) {
  adoption::events::v1::HouseholdRegistered e;
  e.set_household(HouseholdName(h.id));
  e.set_home_local_authority(h.details.home_local_authority);
  e.set_family_structure(absl::StrCat("FAMILY_STRUCTURE_", StructureName(h.details.family_structure)));
  *e.mutable_enquiry_date() = platform::DateToProto(h.details.enquiry_date);
  e.set_early_permanence_interest(h.details.early_permanence_interest);
  return e;
}

adoption::events::v1::HouseholdDetailsChanged DetailsChangedEvent(const Household& h) {
  adoption::events::v1::HouseholdDetailsChanged e;
  e.set_household(HouseholdName(h.id));
  e.set_home_local_authority(h.details.home_local_authority);
  e.set_family_structure(absl::StrCat("FAMILY_STRUCTURE_", StructureName(h.details.family_structure)));
  *e.mutable_enquiry_date() = platform::DateToProto(h.details.enquiry_date);
  e.set_early_permanence_interest(h.details.early_permanence_interest);
  return e;
}

}  // namespace recruitment
