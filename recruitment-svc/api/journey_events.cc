#include "recruitment-svc/api/journey_events.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "adoption/events/v1/events.pb.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/proto_convert.h"
#include "recruitment-svc/api/household_mapping.h"
#include "recruitment-svc/domain/clocks.h"

namespace recruitment {
namespace {

namespace ev = adoption::events::v1;



// Where a step comes from, and who it is recorded as.
struct Upstream {
  StepOrigin origin;
  const char* actor;
};
constexpr Upstream kPanel{StepOrigin::kPanel, "panel-svc"};
constexpr Upstream kFamilyFinding{StepOrigin::kFamilyFinding, "familyfinding-svc"};

// The terms an approval (or a review's) carries. One published before its events
// carried the fewest children says 0: one.
ApprovalTerms TermsOf(const ev::AdopterApproved& e) {
  return ApprovalTerms{.max_children = e.max_children(),
                       .min_age_years = e.min_age_years(),
                       .max_age_years = e.max_age_years(),
                       .dual_approval = e.dual_approval(),
                       .min_children = std::max(1, e.min_children()),
                       .sibling_groups = e.sibling_groups(),
                       .disability_acceptable = e.disability_acceptable(),
                       .health_needs_acceptable = e.health_needs_acceptable(),
                       .ethnicities = {e.ethnicities().begin(), e.ethnicities().end()}};
}

// Takes the step on the household the event names, and saves it with its clocks' next
// due date and the HouseholdStatusChanged event.
absl::Status Apply(const Upstream& from, HouseholdStore* households, const platform::StatutoryTable& statutory,
                   const platform::Clock& clock, soci::session& tx, const ev::EventRecord& record,
                   const std::string& household, const adoption::type::v1::Date& event_date, JourneyEvent event,
                   const std::optional<ApprovalTerms>& terms) {
  platform::Validation v;
  const std::string id = platform::IdFromName(household, "households", "household", v);
  const platform::Date date = platform::DateFromProto(event_date, "date", v);
  RETURN_IF_ERROR(v.Status());
  std::optional<Household> h = households->Get(tx, id);
  // Our households are all recruitment's (it alone creates them): one it does not
  // hold is a partner agency's, matched or placed with one of our children, and its
  // journey is that agency's to keep.
  if (!h) return absl::OkStatus();
  const long long version = h->version;
  const size_t steps = h->journey.size();
  ASSIGN_OR_RETURN(JourneyRules rules, JourneyRules::On(statutory, date));
  const platform::Revision revision{.actor = from.actor, .at = clock.NowMicros(), .today = clock.Today()};
  RETURN_IF_ERROR(RecordUpstreamStep(*h, event, date, from.origin, terms, rules, revision));
  if (h->journey.size() == steps) return absl::OkStatus();  // a replay
  ASSIGN_OR_RETURN(std::vector<JourneyClock> clocks,
                   Clocks(*h, statutory, platform::WorkingDayCalendar::EnglandAndWales(), clock.Today()));
  h->next_due = NextDue(clocks);
  if (!households->Update(tx, *h, version)) {
    return absl::AbortedError(absl::StrCat(household, " changed while event ", record.sequence(), " was applied"));
  }
  platform::AppendToOutbox(tx, "household", h->id, StatusChangedEvent(*h), record.request_id());
  return absl::OkStatus();
}

}  // namespace

std::map<std::string, platform::Consumer::Handler> PanelEventHandlers(HouseholdStore* households,
                                                                      const platform::StatutoryTable* statutory,
                                                                      const platform::Clock* clock) {
  return {
      {ev::AdopterApproved::descriptor()->full_name(),
       [=](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(ev::AdopterApproved e, platform::UnpackEvent<ev::AdopterApproved>(record));
         return Apply(kPanel, households, *statutory, *clock, tx, record, e.household(), e.decision_date(),
                      JourneyEvent::kApproved, TermsOf(e));
       }},
      {ev::ApprovalReviewed::descriptor()->full_name(),
       [=](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(ev::ApprovalReviewed e, platform::UnpackEvent<ev::ApprovalReviewed>(record));
         return Apply(kPanel, households, *statutory, *clock, tx, record, e.approval().household(),
                      e.approval().decision_date(), JourneyEvent::kApprovalReviewed, TermsOf(e.approval()));
       }},
      {ev::AdopterNotApproved::descriptor()->full_name(),
       [=](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(ev::AdopterNotApproved e, platform::UnpackEvent<ev::AdopterNotApproved>(record));
         // A qualifying determination leaves 40 working days for representations or the
         // IRM: the household leaves the journey only when it is final.
         if (!e.final()) return absl::OkStatus();
         return Apply(kPanel, households, *statutory, *clock, tx, record, e.household(), e.decision_date(),
                      JourneyEvent::kNotApproved, std::nullopt);
       }},
      {ev::ApprovalTerminated::descriptor()->full_name(),
       [=](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(ev::ApprovalTerminated e, platform::UnpackEvent<ev::ApprovalTerminated>(record));
         return Apply(kPanel, households, *statutory, *clock, tx, record, e.household(), e.decision_date(),
                      JourneyEvent::kApprovalTerminated, std::nullopt);
       }},
      {ev::MatchAgreed::descriptor()->full_name(),
       [=](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(ev::MatchAgreed e, platform::UnpackEvent<ev::MatchAgreed>(record));
         return Apply(kPanel, households, *statutory, *clock, tx, record, e.household(), e.decision_date(),
                      JourneyEvent::kMatched, std::nullopt);
       }},
  };
}

std::map<std::string, platform::Consumer::Handler> FamilyFindingEventHandlers(
    HouseholdStore* households, const platform::StatutoryTable* statutory, const platform::Clock* clock) {
  return {
      {ev::ChildPlaced::descriptor()->full_name(),
       [=](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(ev::ChildPlaced e, platform::UnpackEvent<ev::ChildPlaced>(record));
         return Apply(kFamilyFinding, households, *statutory, *clock, tx, record, e.household(), e.placed_date(),
                      JourneyEvent::kChildPlaced, std::nullopt);
       }},
      {ev::AdoptionOrderGranted::descriptor()->full_name(),
       [=](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(ev::AdoptionOrderGranted e, platform::UnpackEvent<ev::AdoptionOrderGranted>(record));
         return Apply(kFamilyFinding, households, *statutory, *clock, tx, record, e.household(), e.order_date(),
                      JourneyEvent::kAdoptionOrder, std::nullopt);
       }},
      // LINKED while an approved household has a live link; approved again when the last
      // closes. A household matched since (the match comes from the panel's log, in its
      // own order) or otherwise moved on is past linking: nothing to change.
      {ev::HouseholdLinksChanged::descriptor()->full_name(),
       [=](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(ev::HouseholdLinksChanged e, platform::UnpackEvent<ev::HouseholdLinksChanged>(record));
         platform::Validation v;
         const std::string id = platform::IdFromName(e.household(), "households", "household", v);
         RETURN_IF_ERROR(v.Status());
         std::optional<Household> h = households->Get(tx, id);
         if (!h) return absl::OkStatus();
         const bool linked = e.live_links() > 0;
         if (h->status != (linked ? HouseholdStatus::kApproved : HouseholdStatus::kLinked)) return absl::OkStatus();
         return Apply(kFamilyFinding, households, *statutory, *clock, tx, record, e.household(), e.effective_date(),
                      linked ? JourneyEvent::kLinked : JourneyEvent::kUnlinked, std::nullopt);
       }},
  };
}

}  // namespace recruitment
