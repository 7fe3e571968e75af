#pragma once
// SupportRequest <-> adoption.support.v1.SupportRequest.
#include "adoption/events/v1/events.pb.h"
#include "adoption/support/v1/support_request.pb.h"
#include "platform/core/errors.h"
#include "support-svc/domain/support_request.h"

namespace support {

adoption::support::v1::SupportRequest ToProto(const SupportRequest& r);
// The request as shown on `today`: with its wait counted in `calendar`'s working days.
adoption::support::v1::SupportRequest Shown(const SupportRequest& r, platform::Date today,
                                            const platform::WorkingDayCalendar& calendar);
// Reads the client-settable fields; shape problems become violations under `prefix`.
// Unset enums stay unset for the domain's rules to judge.
SupportRequestDetails DetailsFromProto(const adoption::support::v1::SupportRequest& p, const std::string& prefix,
                                       platform::Validation& v);
// The event carries no summary and no requester: those are personal data.
adoption::events::v1::SupportRequestReceived ReceivedEvent(const SupportRequest& r);
std::string SupportRequestName(const std::string& id);
std::string Etag(const SupportRequest& r);
// The resource type support requests are audited and their events emitted under.
inline constexpr char kSupportRequestResource[] = "support_request";

}  // namespace support
