#pragma once
// The events letterbox-svc reads from familyfinding-svc's log (docs/architecture.md,
// "Between services"): an adoption order starts the child's PLANNED contact
// arrangements, set up from the adoption support plan.
#include <map>
#include <string>

#include "letterbox-svc/store/contact_arrangement_store.h"
#include "letterbox-svc/store/exchange_store.h"
#include "letterbox-svc/store/schedule_store.h"
#include "platform/core/statutory.h"
#include "platform/events/events.h"
#include "platform/rpc/clock.h"

namespace letterbox {

std::map<std::string, platform::Consumer::Handler> FamilyFindingEventHandlers(
    ContactArrangementStore* arrangements, ExchangeStore* exchanges, ScheduleStore* schedule,
    const platform::StatutoryTable* statutory, const platform::Clock* clock);

}  // namespace letterbox
