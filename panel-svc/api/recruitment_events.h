#pragma once
// recruitment-svc's events the panel follows (docs/domain.md §3): the handlers a
// Consumer applies, each inside the transaction that advances its cursor.
#include <map>
#include <string>

#include "panel-svc/store/referral_store.h"
#include "platform/events/events.h"

namespace panel {

// HouseholdReferredToPanel: the household awaits a date (ListPanelReferrals). A
// replayed or older referral changes nothing.
std::map<std::string, platform::Consumer::Handler> RecruitmentEventHandlers(ReferralStore* referrals);

}  // namespace panel
