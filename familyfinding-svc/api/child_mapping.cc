#include "familyfinding-svc/api/child_mapping.h"

#include "absl/strings/str_cat.h"
#include "familyfinding-svc/domain/child_clocks.h"
#include "familyfinding-svc/domain/journey.h"
#include "platform/core/local_authority.h"
#include "platform/core/text.h"
#include "platform/rpc/proto_convert.h"

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

pb::Child ToProto(const Child& c, platform::Date today, const platform::StatutoryTable& table) {
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
  for (const Milestone& m : c.journey) {
    pb::Milestone* out = p.add_milestones();
    out->set_kind(platform::EnumToProto<pb::MilestoneKind>(m.kind));
    *out->mutable_date() = platform::DateToProto(m.date);
    if (!m.household_id.empty()) out->set_household(absl::StrCat("households/", m.household_id));
    if (m.kind == MilestoneKind::kPlaced) out->set_provider(platform::EnumToProto<pb::PlacementProvider>(m.provider));
    out->set_early_permanence(m.early_permanence);
    out->set_foster_carer_adoption(m.foster_carer_adoption);
    out->set_reason(m.reason);
    out->set_origin(platform::EnumToProto<pb::MilestoneOrigin>(m.origin));
    adoption::type::v1::RecordInfo* info = out->mutable_record_info();
    *info->mutable_create_time() = platform::MicrosToTimestamp(m.recorded_at);
    info->set_created_by(m.recorded_by);
  }
  p.set_imported(c.source_id.has_value());
  p.set_life_story_book_late(LifeStoryBookLate(c, today));
  if (std::optional<platform::Date> until = RetainUntil(c, table)) {
    *p.mutable_retain_until() = platform::DateToProto(*until);
  }
  for (const ChildClock& clock : ChildClocks(c, table, today)) {
    pb::ChildClock* out = p.add_clocks();
    out->set_kind(platform::EnumToProto<pb::ChildClockKind>(clock.kind));
    *out->mutable_start_date() = platform::DateToProto(clock.started);
    *out->mutable_due_date() = platform::DateToProto(clock.due);
    if (clock.stopped) *out->mutable_stop_date() = platform::DateToProto(*clock.stopped);
    out->set_state(platform::EnumToProto<pb::ChildClockState>(clock.state));
  }
  return p;
}

Milestone MilestoneFromProto(const pb::Milestone& p, const std::string& prefix, platform::Validation& v) {
  Milestone m;
  if (auto kind = platform::EnumFromProto<MilestoneKind>(p.kind(), pb::MilestoneKind_IsValid)) {
    m.kind = *kind;
  } else {
    v.Add(prefix + "kind", "is required: a MilestoneKind such as MILESTONE_KIND_PLACEMENT_ORDER");
  }
  m.date = platform::DateFromProto(p.date(), prefix + "date", v);
  if (!p.household().empty()) m.household_id = platform::IdFromName(p.household(), "households", prefix + "household", v);
  if (p.provider() != pb::PLACEMENT_PROVIDER_UNSPECIFIED) {
    if (auto provider = platform::EnumFromProto<PlacementProvider>(p.provider(), pb::PlacementProvider_IsValid)) {
      m.provider = *provider;
    } else {
      v.Add(prefix + "provider", "must be a PlacementProvider");
    }
  }
  m.early_permanence = p.early_permanence();
  m.foster_carer_adoption = p.foster_carer_adoption();
  m.reason = CleanText(p.reason(), TextKind::kSingleLine, prefix + "reason", v);
  return m;
}

std::vector<std::unique_ptr<google::protobuf::Message>> MilestoneEvents(const Child& c, size_t from) {
  namespace ev = adoption::events::v1;
  std::vector<std::unique_ptr<google::protobuf::Message>> out;
  const Milestone* placed = nullptr;  // the placement the later milestones are about
  bool ordered = false;               // an adoption order before this milestone
  for (size_t i = 0; i < c.journey.size(); ++i) {
    const Milestone& m = c.journey[i];
    if (m.kind == MilestoneKind::kPlaced) placed = &m;
    const bool after_order = ordered;
    if (m.kind == MilestoneKind::kAdoptionOrder) ordered = true;
    if (i < from) {
      if (m.kind == MilestoneKind::kDisruption) placed = nullptr;
      continue;
    }
    const std::string household = placed ? absl::StrCat("households/", placed->household_id) : "";
    switch (m.kind) {
      case MilestoneKind::kPlacementOrder: {
        auto e = std::make_unique<ev::PlacementOrderGranted>();
        e->set_child(ChildName(c.id));
        *e->mutable_order_date() = platform::DateToProto(m.date);
        out.push_back(std::move(e));
        break;
      }
      case MilestoneKind::kPlaced:
      case MilestoneKind::kAdoptionPlacement: {
        // The adopters' agency hears of a placement for adoption: an early-permanence
        // or foster carers' placement becomes one later.
        if (!placed || (m.kind == MilestoneKind::kPlaced && (m.early_permanence || m.foster_carer_adoption))) break;
        auto e = std::make_unique<ev::ChildPlaced>();
        e->set_child(ChildName(c.id));
        e->set_household(household);
        *e->mutable_placed_date() = platform::DateToProto(m.date);
        e->set_early_permanence(placed->early_permanence);
        *e->mutable_moved_in_date() = platform::DateToProto(placed->date);
        e->set_local_authority(c.details.local_authority);
        out.push_back(std::move(e));
        break;
      }
      case MilestoneKind::kAdoptionOrder: {
        auto e = std::make_unique<ev::AdoptionOrderGranted>();
        e->set_child(ChildName(c.id));
        e->set_household(household);
        *e->mutable_order_date() = platform::DateToProto(m.date);
        e->set_local_authority(c.details.local_authority);
        out.push_back(std::move(e));
        break;
      }
      case MilestoneKind::kDisruption: {
        auto e = std::make_unique<ev::PlacementDisrupted>();
        e->set_child(ChildName(c.id));
        e->set_household(household);
        *e->mutable_disruption_date() = platform::DateToProto(m.date);
        e->set_after_order(after_order);
        e->set_local_authority(c.details.local_authority);
        out.push_back(std::move(e));
        placed = nullptr;
        break;
      }
      default:
        break;
    }
  }
  return out;
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

pb::MatchingTerms TermsToProto(const MatchingTerms& t) {
  pb::MatchingTerms out;
  out.set_min_children(t.min_children);
  out.set_max_children(t.max_children);
  out.set_min_age_years(t.min_age_years);
  out.set_max_age_years(t.max_age_years);
  out.set_sibling_groups(t.sibling_groups);
  out.set_disability_acceptable(t.disability_acceptable);
  out.set_dual_approval(t.dual_approval);
  for (const auto& e : t.ethnicities) out.add_ethnicities(e);
  out.set_health_needs_acceptable(t.health_needs);
  return out;
}

MatchingTerms TermsFromProto(const pb::MatchingTerms& p, const std::string& prefix, platform::Validation& v) {
  MatchingTerms t;
  t.min_children = p.min_children();
  t.max_children = p.max_children();
  t.min_age_years = p.min_age_years();
  t.max_age_years = p.max_age_years();
  t.sibling_groups = p.sibling_groups();
  t.disability_acceptable = p.disability_acceptable();
  t.dual_approval = p.dual_approval();
  t.ethnicities.assign(p.ethnicities().begin(), p.ethnicities().end());
  t.health_needs = CleanText(p.health_needs_acceptable(), TextKind::kMultiLine, prefix + "health_needs_acceptable", v);
  v.Check(platform::CharacterCount(t.health_needs) <= 2000, prefix + "health_needs_acceptable",
          "must be at most 2,000 characters");
  v.Check(t.min_children >= 1, prefix + "min_children", "must be at least 1");
  v.Check(t.max_children >= t.min_children, prefix + "max_children", "must not be below min_children");
  v.Check(t.min_age_years >= 0 && t.min_age_years <= 17, prefix + "min_age_years", "must be 0 to 17");
  v.Check(t.max_age_years >= t.min_age_years && t.max_age_years <= 17, prefix + "max_age_years",
          "must be min_age_years to 17");
  v.Check(t.sibling_groups || t.max_children <= 1, prefix + "sibling_groups",
          "must be true when more than one child may be placed together");
  for (size_t i = 0; i < t.ethnicities.size(); ++i) {
    const std::string& e = t.ethnicities[i];
    v.Check(!e.empty() && e.size() <= 64 && e.find(',') == std::string::npos,
            absl::StrCat(prefix, "ethnicities[", i, "]"), "must be a census ethnicity code");
  }
  return t;
}

HouseholdFacts PartnerFactsFromProto(const pb::HouseholdProfile& in, platform::Validation& v) {
  HouseholdFacts f;
  f.home_local_authority = in.home_local_authority();
  v.Check(platform::IsLocalAuthorityCode(f.home_local_authority), "household_profile.home_local_authority",
          "must be an ONS local authority code such as E09000006");
  f.family_structure = in.family_structure();
  v.Check(f.family_structure == "FAMILY_STRUCTURE_SINGLE" || f.family_structure == "FAMILY_STRUCTURE_COUPLE_DIFFERENT_SEX" ||
              f.family_structure == "FAMILY_STRUCTURE_COUPLE_SAME_SEX",
          "household_profile.family_structure",
          "is required: FAMILY_STRUCTURE_SINGLE, FAMILY_STRUCTURE_COUPLE_DIFFERENT_SEX or "
          "FAMILY_STRUCTURE_COUPLE_SAME_SEX (recruitment-svc's FamilyStructure names)");
  f.enquiry_date = platform::DateFromProto(in.enquiry_date(), "household_profile.enquiry_date", v);
  f.early_permanence_interest = in.early_permanence_interest();
  return f;
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
  out.set_provider(platform::EnumToProto<pb::PlacementProvider>(p.provider));
  out.set_agency(p.agency);
  if (p.terms) *out.mutable_terms() = TermsToProto(*p.terms);
  if (p.approval_date) *out.mutable_approval_date() = platform::DateToProto(*p.approval_date);
  out.set_matched(p.matched);
  out.set_reference(p.offer_reference.value_or(""));
  return out;
}

}  // namespace familyfinding
