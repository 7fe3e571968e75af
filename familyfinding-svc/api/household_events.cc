#include "familyfinding-svc/api/household_events.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "familyfinding-svc/api/child_mapping.h"
#include "adoption/events/v1/events.pb.h"
#include "platform/db/db.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/records_service.h"
#include "platform/core/status_macros.h"

namespace familyfinding {
namespace {

namespace ev = adoption::events::v1;

// HouseholdRegistered and HouseholdDetailsChanged have the same fields.
template <typename Event>
absl::Status ApplyHouseholdEvent(HouseholdProfileStore* profiles, const platform::Clock& clock, soci::session& tx,
                                 const ev::EventRecord& record) {
  ASSIGN_OR_RETURN(Event e, platform::UnpackEvent<Event>(record));
  platform::Validation v;
  const std::string id = platform::IdFromName(e.household(), "households", "household", v);
  HouseholdFacts facts;
  facts.home_local_authority = e.home_local_authority();
  facts.family_structure = e.family_structure();
  facts.enquiry_date = platform::DateFromProto(e.enquiry_date(), "enquiry_date", v);
  facts.early_permanence_interest = e.early_permanence_interest();
  // A malformed event stops the consumer (and shows as lag) rather than being skipped.
  RETURN_IF_ERROR(v.Status());
  std::optional<HouseholdProfile> next =
      ApplyHouseholdFacts(profiles->Get(tx, id), id, facts, record.sequence(), clock.NowMicros());
  if (next) profiles->Save(tx, *next);
  return absl::OkStatus();
}

// A household's move, as its approval matters to matching: approved (with the terms
// the move carries) puts it in the pool, a match takes it out, an exit or termination
// ends the approval, an agreed review replaces its terms. A profile already past this event in the log is left alone.
absl::Status ApplyStatusChange(HouseholdProfileStore* profiles, const platform::Clock& clock, soci::session& tx,
                               const ev::EventRecord& record) {
  ASSIGN_OR_RETURN(auto e, platform::UnpackEvent<ev::HouseholdStatusChanged>(record));
  platform::Validation v;
  const std::string id = platform::IdFromName(e.household(), "households", "household", v);
  const platform::Date day = platform::DateFromProto(e.effective_date(), "effective_date", v);
  std::optional<MatchingTerms> terms;
  const std::string& to = e.to_status();
  const bool reviewed = e.journey_event() == "JOURNEY_EVENT_APPROVAL_REVIEWED";
  if ((to == "HOUSEHOLD_STATUS_APPROVED" || reviewed) && e.has_approval()) {
    const ev::AdopterApproved& a = e.approval();
    adoption::familyfinding::v1::MatchingTerms given;
    given.set_min_children(std::max(1, a.min_children()));
    given.set_max_children(a.max_children());
    given.set_min_age_years(a.min_age_years());
    given.set_max_age_years(a.max_age_years());
    given.set_sibling_groups(a.sibling_groups());
    given.set_disability_acceptable(a.disability_acceptable());
    given.set_dual_approval(a.dual_approval());
    for (const auto& code : a.ethnicities()) given.add_ethnicities(code);
    given.set_health_needs_acceptable(a.health_needs_acceptable());
    terms = TermsFromProto(given, "approval.", v);
  }
  RETURN_IF_ERROR(v.Status());
  std::optional<HouseholdProfile> p = profiles->Get(tx, id);
  // Registered comes first in the same log: a profile missing here is a log out of order.
  if (!p) return absl::NotFoundError(absl::StrCat("event ", record.sequence(), ": no profile of ", e.household()));
  if (p->source_sequence >= record.sequence()) return absl::OkStatus();  // a replay
  if (reviewed) {
    // The approval goes on, on the review's terms; the household stays where it is.
    if (terms) p->terms = terms;
  } else if (to == "HOUSEHOLD_STATUS_APPROVED") {
    p->approved = true;
    p->terms = terms;
    p->approval_date = day;
    p->matched = false;
  } else if (to == "HOUSEHOLD_STATUS_MATCHED") {
    p->matched = true;
  } else if (to == "HOUSEHOLD_STATUS_WITHDRAWN" || to == "HOUSEHOLD_STATUS_COUNSELLED_OUT" ||
             to == "HOUSEHOLD_STATUS_NOT_APPROVED" || to == "HOUSEHOLD_STATUS_APPROVAL_TERMINATED") {
    p->approved = false;
  }
  p->source_sequence = record.sequence();
  p->updated_at = clock.NowMicros();
  profiles->Save(tx, *p);
  return absl::OkStatus();
}

}  // namespace

std::map<std::string, platform::Consumer::Handler> HouseholdEventHandlers(HouseholdProfileStore* profiles,
                                                                          const platform::Clock* clock) {
  // A household's record disposed of at recruitment-svc: its profile goes too.
  std::map<std::string, platform::Consumer::Handler> handlers = platform::FollowDisposals(
      "recruitment",
      {{"household", [profiles](soci::session& tx, const std::string& id) { profiles->Erase(tx, id); }}}, clock);
  handlers.insert({
      {ev::HouseholdRegistered::descriptor()->full_name(),
       [profiles, clock](soci::session& tx, const ev::EventRecord& record) {
         return ApplyHouseholdEvent<ev::HouseholdRegistered>(profiles, *clock, tx, record);
       }},
      {ev::HouseholdDetailsChanged::descriptor()->full_name(),
       [profiles, clock](soci::session& tx, const ev::EventRecord& record) {
         return ApplyHouseholdEvent<ev::HouseholdDetailsChanged>(profiles, *clock, tx, record);
       }},
      {ev::HouseholdStatusChanged::descriptor()->full_name(),
       [profiles, clock](soci::session& tx, const ev::EventRecord& record) {
         return ApplyStatusChange(profiles, *clock, tx, record);
       }},
  });
  return handlers;
}

}  // namespace familyfinding
