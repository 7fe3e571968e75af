#pragma once
// Household <-> adoption.recruitment.v1.Household.
#include "adoption/events/v1/events.pb.h"
#include "adoption/recruitment/v1/household.pb.h"
#include "platform/core/errors.h"
#include "recruitment-svc/domain/household.h"

namespace recruitment {

adoption::recruitment::v1::Household ToProto(const Household& h);
// Reads the client-settable fields; shape problems become violations under `prefix`.
HouseholdDetails DetailsFromProto(const adoption::recruitment::v1::Household& p, const std::string& prefix,
                                  platform::Validation& v);
adoption::events::v1::HouseholdRegistered RegisteredEvent(const Household& h);
adoption::events::v1::HouseholdDetailsChanged DetailsChangedEvent(const Household& h);
std::string HouseholdName(const std::string& id);
std::string Etag(const Household& h);

}  // namespace recruitment
