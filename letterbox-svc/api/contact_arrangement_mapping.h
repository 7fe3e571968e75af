#pragma once
// ContactArrangement <-> adoption.letterbox.v1.ContactArrangement.
#include "adoption/events/v1/events.pb.h"
#include "adoption/letterbox/v1/contact_arrangement.pb.h"
#include "letterbox-svc/domain/contact_arrangement.h"
#include "platform/core/errors.h"

namespace letterbox {

adoption::letterbox::v1::ContactArrangement ToProto(const ContactArrangement& a);
// Reads the client-settable fields; shape problems become violations under `prefix`.
// Unset enums stay unset for the domain's rules to judge.
ArrangementDetails DetailsFromProto(const adoption::letterbox::v1::ContactArrangement& p, const std::string& prefix,
                                    platform::Validation& v);
// The event names the arrangement and its kind only: no child, no parties.
adoption::events::v1::ContactArrangementCreated CreatedEvent(const ContactArrangement& a);
std::string ArrangementName(const std::string& id);
// The contract's IdentifyingDetailKind (in the same order, from 1); nullopt for
// UNSPECIFIED or a number it does not have.
std::optional<DetailKind> DetailKindFromProto(int kind);
std::string Etag(const ContactArrangement& a);

}  // namespace letterbox
