#pragma once
// Household <-> adoption.recruitment.v1.Household.
#include "adoption/events/v1/events.pb.h"
#include "adoption/recruitment/v1/household.pb.h"
#include "platform/core/errors.h"
#include "platform/rpc/access.h"
#include "recruitment-svc/domain/clocks.h"
#include "recruitment-svc/domain/household.h"

namespace recruitment {

adoption::recruitment::v1::Household ToProto(const Household& h);
// Adds the household's clocks (as of the day they were computed) to its proto.
void AddClocks(const std::vector<JourneyClock>& clocks, adoption::recruitment::v1::Household& p);
// Reads the client-settable fields; shape problems become violations under `prefix`.
HouseholdDetails DetailsFromProto(const adoption::recruitment::v1::Household& p, const std::string& prefix,
                                  platform::Validation& v);
// Reads a Stage 1 check; shape problems become violations under `prefix` ("check.").
StageOneCheck CheckFromProto(const adoption::recruitment::v1::StageOneCheck& p, const std::string& prefix,
                             platform::Validation& v);
// Reads Stage 2 progress; shape problems become violations under `prefix` ("progress.").
StageTwoProgress StageTwoFromProto(const adoption::recruitment::v1::StageTwoProgress& p, const std::string& prefix,
                                   platform::Validation& v);
// Case notes (referees' contents among them) are for staff: the household's own
// adopters see their checks without them.
void WithoutCaseNotes(adoption::recruitment::v1::Household& p);
adoption::events::v1::HouseholdRegistered RegisteredEvent(const Household& h);
adoption::events::v1::HouseholdDetailsChanged DetailsChangedEvent(const Household& h);
// The journey's last step as the events family finding and the panel read.
adoption::events::v1::HouseholdStatusChanged StatusChangedEvent(const Household& h);
// The change `step` made (an imported history emits one per step that moved the status).
adoption::events::v1::HouseholdStatusChanged StatusChangedEvent(const Household& h, const JourneyStep& step);
adoption::events::v1::HouseholdReferredToPanel ReferredToPanelEvent(const Household& h);
std::string HouseholdName(const std::string& id);
// The resource type households are audited and their events emitted under.
inline constexpr char kHouseholdResource[] = "household";
// A household is scoped by its home local authority and its own id.
platform::RecordScope HouseholdScope(const std::string& id, const HouseholdDetails& d);
std::string Etag(const Household& h);

}  // namespace recruitment
