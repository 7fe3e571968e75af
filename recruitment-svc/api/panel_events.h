#pragma once
// panel-svc's decisions on households -> their journey: the handlers a Consumer
// applies, each inside the transaction that advances its cursor (docs/domain.md §1:
// approval comes only from the agency decision maker).
#include <map>
#include <string>

#include "platform/core/statutory.h"
#include "platform/events/events.h"
#include "platform/rpc/clock.h"
#include "recruitment-svc/store/household_store.h"

namespace recruitment {

// AdopterApproved (with its terms), AdopterNotApproved (a final determination; a
// qualifying one, still open to representations, changes nothing yet) and
// ApprovalTerminated each take the household's step, recorded by "panel-svc", and
// emit HouseholdStatusChanged. A replayed event changes nothing; an event the journey
// refuses stops the consumer (and shows as lag) rather than being skipped.
std::map<std::string, platform::Consumer::Handler> PanelEventHandlers(HouseholdStore* households,
                                                                      const platform::StatutoryTable* statutory,
                                                                      const platform::Clock* clock);

}  // namespace recruitment
