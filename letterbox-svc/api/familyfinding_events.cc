#include "letterbox-svc/api/familyfinding_events.h"

#include "absl/strings/str_cat.h"
#include "adoption/events/v1/events.pb.h"
#include "letterbox-svc/api/letterbox_api.h"
#include "platform/core/status_macros.h"
#include "platform/events/events.h"
#include "platform/rpc/proto_convert.h"

namespace letterbox {
namespace {
namespace ev = adoption::events::v1;
constexpr char kActor[] = "familyfinding-svc";
}  // namespace

std::map<std::string, platform::Consumer::Handler> FamilyFindingEventHandlers(
    ContactArrangementStore* arrangements, ExchangeStore* exchanges, ScheduleStore* schedule,
    const platform::StatutoryTable* statutory, const platform::Clock* clock) {
  return {
      {ev::AdoptionOrderGranted::descriptor()->full_name(),
       [=](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(ev::AdoptionOrderGranted e, platform::UnpackEvent<ev::AdoptionOrderGranted>(record));
         platform::Validation v;
         const platform::Date order = platform::DateFromProto(e.order_date(), "order_date", v);
         RETURN_IF_ERROR(v.Status());
         // The child's arrangements waiting for the order (a replay finds none left).
         ArrangementQuery query;
         query.child = e.child();
         query.status = ArrangementStatus::kPlanned;
         query.coverage = platform::Coverage::Everything();
         query.page.size = 500;
         const LetterboxRules rules = LetterboxRules::On(*statutory, order);
         const platform::Revision by{.actor = kActor, .at = clock->NowMicros(), .today = clock->Today()};
         for (ContactArrangement& a : arrangements->List(tx, query)) {
           const long long version = a.version;
           ASSIGN_OR_RETURN(bool started, StartAtOrder(a, order, rules, by));
           if (!started) continue;
           if (!arrangements->Update(tx, a, version)) {
             return absl::AbortedError(absl::StrCat("contact arrangement ", a.id, " changed while event ",
                                                    record.sequence(), " was applied"));
           }
           Reschedule(tx, a, *exchanges, *schedule, by.at);
         }
         return absl::OkStatus();
       }},
  };
}

}  // namespace letterbox
