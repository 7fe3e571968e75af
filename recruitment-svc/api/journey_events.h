#pragma once
// Other contexts' events that move a household's journey (docs/domain.md §1): the
// handlers a Consumer applies, each inside the transaction that advances its cursor.
// Approval comes only from the agency decision maker (panel-svc); placements and
// orders from family finding.
#include <map>
#include <string>

#include "platform/core/statutory.h"
#include "platform/events/events.h"
#include "platform/rpc/clock.h"
#include "recruitment-svc/store/household_store.h"

namespace recruitment {

// panel-svc's log: AdopterApproved (with its terms), AdopterNotApproved (a final
// determination; a qualifying one, still open to representations, changes nothing
// yet), ApprovalTerminated, and MatchAgreed (the household's MATCHED step).
std::map<std::string, platform::Consumer::Handler> PanelEventHandlers(HouseholdStore* households,
                                                                      const platform::StatutoryTable* statutory,
                                                                      const platform::Clock* clock);

// familyfinding-svc's log: ChildPlaced (CHILD_PLACED) and AdoptionOrderGranted
// (ADOPTION_ORDER) for the household named.
std::map<std::string, platform::Consumer::Handler> FamilyFindingEventHandlers(
    HouseholdStore* households, const platform::StatutoryTable* statutory, const platform::Clock* clock);

// Each step is recorded by the producing service ("panel-svc", "familyfinding-svc"),
// saved with the household's clocks and emitted as HouseholdStatusChanged. A replayed
// event (or a sibling's, the same step on the same day) changes nothing; an event the
// journey refuses stops its consumer (and shows as its lag) rather than being skipped.

}  // namespace recruitment
