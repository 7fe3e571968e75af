#pragma once
// Child and HouseholdProfile <-> adoption.familyfinding.v1, and the events they publish.
#include <memory>
#include <vector>

#include "adoption/events/v1/events.pb.h"
#include "adoption/familyfinding/v1/child.pb.h"
#include "adoption/familyfinding/v1/household_profile.pb.h"
#include "familyfinding-svc/domain/child.h"
#include "familyfinding-svc/domain/household_profile.h"
#include "platform/core/errors.h"
#include "platform/core/statutory.h"

namespace familyfinding {

// `today` is the day harder_to_place is derived on.
adoption::familyfinding::v1::Child ToProto(const Child& c, platform::Date today, const platform::StatutoryTable& table);
// Reads the client-settable fields; shape problems become violations under `prefix`.
ChildDetails DetailsFromProto(const adoption::familyfinding::v1::Child& p, const std::string& prefix,
                              platform::Validation& v);
adoption::events::v1::ChildRegistered RegisteredEvent(const Child& c);
// A milestone's shape from the contract (its rules are the journey's); violations
// under `prefix`. The decision maker's kinds are read like any other.
Milestone MilestoneFromProto(const adoption::familyfinding::v1::Milestone& p, const std::string& prefix,
                             platform::Validation& v);
// The events the milestones from `from` on publish: PlacementOrderGranted, ChildPlaced
// (when a placement becomes an adoption placement), AdoptionOrderGranted,
// PlacementDisrupted.
std::vector<std::unique_ptr<google::protobuf::Message>> MilestoneEvents(const Child& c, size_t from);
std::string ChildName(const std::string& id);
std::string Etag(const Child& c);

adoption::familyfinding::v1::HouseholdProfile ToProto(const HouseholdProfile& p);
adoption::familyfinding::v1::MatchingTerms TermsToProto(const MatchingTerms& t);
// The terms as given (AdopterApproved, a partner's import), checked as panel-svc
// checks them; violations under `prefix`.
MatchingTerms TermsFromProto(const adoption::familyfinding::v1::MatchingTerms& p, const std::string& prefix,
                             platform::Validation& v);
std::string HouseholdProfileName(const std::string& id);
// A partner's household as offered or imported: its home authority, family structure,
// enquiry date and interest in early permanence (violations under
// "household_profile.").
HouseholdFacts PartnerFactsFromProto(const adoption::familyfinding::v1::HouseholdProfile& p, platform::Validation& v);

}  // namespace familyfinding
