#pragma once
// recruitment-svc's household events -> the HouseholdProfile read model: the
// handlers a Consumer applies, each inside the transaction that advances its cursor.
#include <map>
#include <string>

#include "familyfinding-svc/store/household_profile_store.h"
#include "platform/rpc/clock.h"
#include "platform/events/events.h"

namespace familyfinding {

// By event type: HouseholdRegistered records a profile, HouseholdDetailsChanged
// corrects it (both carry every fact the profile keeps, so either one builds the
// profile whole), HouseholdStatusChanged moves its approval: APPROVED gives it the
// approval's terms and date and puts it in the matching pool, MATCHED takes it out,
// WITHDRAWN, COUNSELLED_OUT, NOT_APPROVED and APPROVAL_TERMINATED end the approval. An
// event older than the profile's source_sequence changes nothing. RecordDisposed of a
// household erases its profile (docs/records.md). A profile is stamped with the time `clock` gives.
std::map<std::string, platform::Consumer::Handler> HouseholdEventHandlers(HouseholdProfileStore* profiles,
                                                                          const platform::Clock* clock);

}  // namespace familyfinding
