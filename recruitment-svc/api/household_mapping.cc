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
  p.set_route(platform::EnumToProto<pb::AdoptionRoute>(h.details.route));
  for (const JourneyStep& step : h.journey) {
    pb::JourneyStep* ps = p.add_journey();
    ps->set_event(platform::EnumToProto<pb::JourneyEvent>(step.event));
    *ps->mutable_effective_date() = platform::DateToProto(step.date);
    ps->set_from_status(platform::EnumToProto<pb::HouseholdStatus>(step.from));
    ps->set_to_status(platform::EnumToProto<pb::HouseholdStatus>(step.to));
    ps->set_reason(step.reason);
    *ps->mutable_record_time() = platform::MicrosToTimestamp(step.recorded_at);
    ps->set_recorded_by(step.recorded_by);
  }
  p.set_dual_approval_sought(h.dual_approval_sought);
  {
    pb::StageTwoProgress* two = p.mutable_stage_two();
    two->set_home_study_sessions(h.stage_two.home_study_sessions);
    if (h.stage_two.final_training) *two->mutable_final_training_date() = platform::DateToProto(*h.stage_two.final_training);
    if (h.stage_two.early_permanence_training) {
      *two->mutable_early_permanence_training_date() = platform::DateToProto(*h.stage_two.early_permanence_training);
    }
    if (h.stage_two.par_completed) *two->mutable_par_completed_date() = platform::DateToProto(*h.stage_two.par_completed);
  }
  for (JourneyEvent next : NextSteps(h, StepOrigin::kRecruitment)) {
    p.add_next_steps(platform::EnumToProto<pb::JourneyEvent>(next));
  }
  if (h.approval) {
    pb::ApprovalTerms* t = p.mutable_approval_terms();
    t->set_max_children(h.approval->max_children);
    t->set_min_age_years(h.approval->min_age_years);
    t->set_max_age_years(h.approval->max_age_years);
    t->set_dual_approval(h.approval->dual_approval);
    t->set_min_children(h.approval->min_children);
    t->set_sibling_groups(h.approval->sibling_groups);
    t->set_disability_acceptable(h.approval->disability_acceptable);
    t->set_health_needs_acceptable(h.approval->health_needs_acceptable);
    for (const auto& code : h.approval->ethnicities) t->add_ethnicities(code);
  }
  for (const StageOneCheck& c : h.stage_one_checks) {
    pb::StageOneCheck* pc = p.add_stage_one_checks();
    pc->set_kind(platform::EnumToProto<pb::StageOneCheckKind>(c.kind));
    pc->set_applicant(c.applicant);
    pc->set_ordinal(c.ordinal);
    if (c.requested) *pc->mutable_requested_date() = platform::DateToProto(*c.requested);
    if (c.received) *pc->mutable_received_date() = platform::DateToProto(*c.received);
    pc->set_outcome(platform::EnumToProto<pb::StageOneCheckOutcome>(c.outcome));
    pc->set_notes(c.notes);
    *pc->mutable_record_time() = platform::MicrosToTimestamp(c.recorded_at);
    pc->set_recorded_by(c.recorded_by);
  }
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
  // An unspecified route is the standard one: clients that predate routes send none.
  if (p.route() != pb::ADOPTION_ROUTE_UNSPECIFIED) {
    if (!pb::AdoptionRoute_IsValid(p.route())) {
      v.Add(prefix + "route", "must be STANDARD, FAST_TRACK, KNOWN_CHILD, NON_AGENCY or INTERCOUNTRY");
    } else {
      d.route = static_cast<Route>(p.route() - 1);
    }
  }
  return d;
}

void AddClocks(const std::vector<JourneyClock>& clocks, pb::Household& p) {
  for (const JourneyClock& c : clocks) {
    pb::JourneyClock* pc = p.add_clocks();
    pc->set_kind(platform::EnumToProto<pb::JourneyClockKind>(c.kind));
    *pc->mutable_start_date() = platform::DateToProto(c.started);
    *pc->mutable_due_date() = platform::DateToProto(c.due);
    if (c.stopped) *pc->mutable_stop_date() = platform::DateToProto(*c.stopped);
    pc->set_state(platform::EnumToProto<pb::JourneyClockState>(c.state));
  }
}

StageOneCheck CheckFromProto(const pb::StageOneCheck& p, const std::string& prefix, platform::Validation& v) {
  StageOneCheck c;
  if (p.kind() == pb::STAGE_ONE_CHECK_KIND_UNSPECIFIED || !pb::StageOneCheckKind_IsValid(p.kind())) {
    v.Add(prefix + "kind", "is required: ENHANCED_DBS, MEDICAL, LOCAL_AUTHORITY, EMPLOYER_REFERENCE, EX_PARTNER, "
                           "PERSONAL_REFERENCE, FINANCIAL, HOME_SAFETY or PREPARATION_TRAINING");
  } else {
    c.kind = static_cast<CheckKind>(p.kind() - 1);
  }
  c.applicant = p.applicant();
  c.ordinal = p.ordinal() == 0 ? 1 : p.ordinal();
  c.requested = platform::OptionalDateFromProto(p.requested_date(), prefix + "requested_date", v);
  c.received = platform::OptionalDateFromProto(p.received_date(), prefix + "received_date", v);
  // Unspecified is PENDING: a check is often recorded when it is requested.
  if (p.outcome() != pb::STAGE_ONE_CHECK_OUTCOME_UNSPECIFIED) {
    if (!pb::StageOneCheckOutcome_IsValid(p.outcome())) {
      v.Add(prefix + "outcome", "must be PENDING, SATISFACTORY, CONCERN or NOT_APPLICABLE");
    } else {
      c.outcome = static_cast<CheckOutcome>(p.outcome() - 1);
    }
  }
  c.notes = CleanText(p.notes(), TextKind::kMultiLine, prefix + "notes", v);
  return c;
}

StageTwoProgress StageTwoFromProto(const pb::StageTwoProgress& p, const std::string& prefix,
                                   platform::Validation& v) {
  StageTwoProgress s;
  s.home_study_sessions = p.home_study_sessions();
  s.final_training = platform::OptionalDateFromProto(p.final_training_date(), prefix + "final_training_date", v);
  s.early_permanence_training = platform::OptionalDateFromProto(p.early_permanence_training_date(),
                                                                prefix + "early_permanence_training_date", v);
  s.par_completed = platform::OptionalDateFromProto(p.par_completed_date(), prefix + "par_completed_date", v);
  return s;
}

void WithoutCaseNotes(pb::Household& p) {
  for (pb::StageOneCheck& c : *p.mutable_stage_one_checks()) c.clear_notes();
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

adoption::events::v1::HouseholdStatusChanged StatusChangedEvent(const Household& h, const JourneyStep& step) {
  adoption::events::v1::HouseholdStatusChanged e;
  e.set_household(HouseholdName(h.id));
  e.set_from_status(absl::StrCat("HOUSEHOLD_STATUS_", StatusName(step.from)));
  e.set_to_status(absl::StrCat("HOUSEHOLD_STATUS_", StatusName(step.to)));
  *e.mutable_effective_date() = platform::DateToProto(step.date);
  e.set_reason(step.reason);
  e.set_journey_event(absl::StrCat("JOURNEY_EVENT_", EventName(step.event)));
  // The approval's terms go with the move to APPROVED and with an agreed review (whose
  // status stays): family finding's matching reads them here.
  if ((step.to == HouseholdStatus::kApproved || step.event == JourneyEvent::kApprovalReviewed) && h.approval) {
    const ApprovalTerms& t = *h.approval;
    adoption::events::v1::AdopterApproved* a = e.mutable_approval();
    a->set_household(HouseholdName(h.id));
    *a->mutable_decision_date() = platform::DateToProto(step.date);
    a->set_max_children(t.max_children);
    a->set_min_age_years(t.min_age_years);
    a->set_max_age_years(t.max_age_years);
    a->set_dual_approval(t.dual_approval);
    a->set_min_children(t.min_children);
    a->set_sibling_groups(t.sibling_groups);
    a->set_disability_acceptable(t.disability_acceptable);
    a->set_health_needs_acceptable(t.health_needs_acceptable);
    for (const auto& code : t.ethnicities) a->add_ethnicities(code);
  }
  return e;
}

adoption::events::v1::HouseholdStatusChanged StatusChangedEvent(const Household& h) {
  if (h.journey.empty()) {
    adoption::events::v1::HouseholdStatusChanged e;
    e.set_household(HouseholdName(h.id));
    return e;
  }
  return StatusChangedEvent(h, h.journey.back());
}

adoption::events::v1::HouseholdReferredToPanel ReferredToPanelEvent(const Household& h) {
  adoption::events::v1::HouseholdReferredToPanel e;
  e.set_household(HouseholdName(h.id));
  if (auto referred = LastDateOf(h, JourneyEvent::kReferredToPanel)) {
    *e.mutable_referral_date() = platform::DateToProto(*referred);
  }
  e.set_dual_approval_sought(h.dual_approval_sought);
  return e;
}

platform::RecordScope HouseholdScope(const std::string& id, const HouseholdDetails& d) {
  return {.local_authorities = {d.home_local_authority}, .household = id};
}

}  // namespace recruitment
