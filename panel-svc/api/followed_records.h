#pragma once
// The panel's cases are part of other services' records (docs/records.md): a case about
// adopters is part of the household's record (recruitment-svc), one about a child part
// of the child's (familyfinding-svc), a match part of both. When a household's or a
// child's record is disposed of there, the cases naming it go once every subject they
// name has gone — a match stays with the child's record until that goes too — and a
// household's referral with it. The panel reads the disposals from their event logs.
#include <map>
#include <string>

#include "platform/events/events.h"
#include "platform/rpc/clock.h"

namespace panel {

// The handlers for recruitment-svc's log (households) and familyfinding-svc's (children).
std::map<std::string, platform::Consumer::Handler> HouseholdDisposalHandlers(const platform::Clock* clock);
std::map<std::string, platform::Consumer::Handler> ChildDisposalHandlers(const platform::Clock* clock);

}  // namespace panel
