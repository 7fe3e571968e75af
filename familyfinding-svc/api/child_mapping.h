#pragma once
// Child and HouseholdProfile <-> adoption.familyfinding.v1, and the events they publish.
#include "adoption/events/v1/events.pb.h"
#include "adoption/familyfinding/v1/child.pb.h"
#include "adoption/familyfinding/v1/household_profile.pb.h"
#include "familyfinding-svc/domain/child.h"
#include "familyfinding-svc/domain/household_profile.h"
#include "platform/core/errors.h"

namespace familyfinding {

// `today` is the day harder_to_place is derived on.
adoption::familyfinding::v1::Child ToProto(const Child& c, platform::Date today);
// Reads the client-settable fields; shape problems become violations under `prefix`.
ChildDetails DetailsFromProto(const adoption::familyfinding::v1::Child& p, const std::string& prefix,
                              platform::Validation& v);
adoption::events::v1::ChildRegistered RegisteredEvent(const Child& c);
std::string ChildName(const std::string& id);
std::string Etag(const Child& c);

adoption::familyfinding::v1::HouseholdProfile ToProto(const HouseholdProfile& p);
std::string HouseholdProfileName(const std::string& id);

}  // namespace familyfinding
