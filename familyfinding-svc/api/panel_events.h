#pragma once
// panel-svc's decisions on children -> their milestones: the handlers a Consumer
// applies, each inside the transaction that advances its cursor (docs/domain.md §2:
// the agency decision maker's decisions are recorded in panel-svc either way).
#include <map>
#include <string>

#include "familyfinding-svc/store/child_store.h"
#include "familyfinding-svc/store/household_profile_store.h"
#include "platform/core/statutory.h"
#include "adoption/events/v1/events.pb.h"
#include "platform/events/events.h"
#include "platform/rpc/clock.h"

namespace familyfinding {

// What recruitment-svc hears when a household's live links go from none to some or
// back (LinkingChanged): it is LINKED while it has one.
adoption::events::v1::HouseholdLinksChanged LinksChangedEvent(const std::string& household_id, int live_links,
                                                              platform::Date day);

// By event type: ShouldBePlacedDecided records SHOULD_BE_PLACED_DECISION,
// MatchAgreed a MATCHED for every child of the match (and takes the household out of
// the matching pool), ChildPlanChanged PLAN_CHANGED (the new plan as its reason), each
// recorded by "panel-svc" with the journey's rules; the events those milestones
// publish go out in the same transaction. (A household's approval reaches its
// profile from recruitment-svc, which holds the household: household_events.h.) A
// replayed event changes nothing; one the journey refuses stops the consumer (its lag
// shows) rather than being lost.
std::map<std::string, platform::Consumer::Handler> PanelEventHandlers(ChildStore* children,
                                                                      HouseholdProfileStore* profiles,
                                                                      const platform::StatutoryTable* statutory,
                                                                      const platform::Clock* clock);

}  // namespace familyfinding
