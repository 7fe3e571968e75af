#pragma once
// Exchange <-> adoption.letterbox.v1.Exchange, shown as its reader may see it.
#include <string>
#include <vector>

#include "adoption/events/v1/events.pb.h"
#include "adoption/letterbox/v1/exchange.pb.h"
#include "letterbox-svc/domain/exchange.h"
#include "letterbox-svc/store/exchange_store.h"
#include "platform/core/errors.h"

namespace letterbox {

// Who reads an exchange decides what of it they see (docs/letterbox.md, "Who sees
// what"): the coordinator everything; the sender their own versions and the status,
// never the flags or the agency's redactions; the recipient only the approved,
// redacted version, once forwarded.
enum class Reader { kCoordinator, kSender, kRecipient };

adoption::letterbox::v1::Exchange ToProto(const Exchange& e, Reader reader);
std::string ExchangeName(const std::string& arrangement_id, const std::string& id);
std::string Etag(const Exchange& e);
// The event names the exchange and the day only: no content, no parties.
adoption::events::v1::ExchangeForwarded ForwardedEvent(const Exchange& e);

// The files of a request: each hashed, and its bytes kept in `files` by hash (the
// domain checks its size and type). Fields under `prefix` ("exchange.attachments").
std::vector<Attachment> AttachmentsFromProto(
    const google::protobuf::RepeatedPtrField<adoption::letterbox::v1::Attachment>& in, const std::string& prefix,
    FileData& files, platform::Validation& v);

// A received item's fields (not its arrangement), for ReceiveExchange.
ReceivedItem ItemFromProto(const adoption::letterbox::v1::Exchange& p, const std::string& prefix, FileData& files,
                           platform::Validation& v);

// A coordinator's redactions: kind required, offsets as given (the domain checks them
// against the content).
std::vector<Span> RedactionsFromProto(
    const google::protobuf::RepeatedPtrField<adoption::letterbox::v1::IdentifyingDetail>& in,
    const std::string& prefix, platform::Validation& v);

}  // namespace letterbox
