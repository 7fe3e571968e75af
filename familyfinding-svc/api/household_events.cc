#include "familyfinding-svc/api/household_events.h"

#include "absl/strings/str_cat.h"
#include "adoption/events/v1/events.pb.h"
#include "platform/db/db.h"
#include "platform/rpc/proto_convert.h"
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

}  // namespace

std::map<std::string, platform::Consumer::Handler> HouseholdEventHandlers(HouseholdProfileStore* profiles,
                                                                          const platform::Clock* clock) {
  return {
      {ev::HouseholdRegistered::descriptor()->full_name(),
       [profiles, clock](soci::session& tx, const ev::EventRecord& record) {
         return ApplyHouseholdEvent<ev::HouseholdRegistered>(profiles, *clock, tx, record);
       }},
      {ev::HouseholdDetailsChanged::descriptor()->full_name(),
       [profiles, clock](soci::session& tx, const ev::EventRecord& record) {
         return ApplyHouseholdEvent<ev::HouseholdDetailsChanged>(profiles, *clock, tx, record);
       }},
  };
}

}  // namespace familyfinding
