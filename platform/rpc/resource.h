#pragma once
// The AIP conventions every resource follows, written once: request ids for
// idempotent creates, etags for optimistic concurrency, update masks.
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/strings/string_view.h"
#include "platform/core/errors.h"

namespace google::protobuf {
class FieldMask;
class Message;
}  // namespace google::protobuf
namespace soci {
class session;
}

namespace platform {

class Call;

// request_id: required, 1..128 printable characters.
void ValidateRequestId(const std::string& request_id, Validation& v);

// Idempotent creates (AIP-155). In `tx`: if this caller already made this method's
// create with this request id, returns the id of what it created — provided the
// request is the same (a different request under a used key is INVALID_ARGUMENT naming
// request_id); else runs `create` (which returns the new resource's id) and records
// the key with a hash of `request`. Keys are per caller, so two callers' request ids
// never meet, and are honoured for the call's retention (RpcOptions), then forgotten.
// The caller re-checks its scope on what a replay returns.
// `create` runs first, and the key is recorded after it: a key found taken then throws
// RunAgain (db.h), so the transaction is undone and its work runs again, finding the
// key first. `create` must therefore write only in `tx`, as all transaction work does.
absl::StatusOr<std::string> CreateOnce(soci::session& tx, Call& call, const std::string& request_id,
                                       const google::protobuf::Message& request,
                                       const std::function<absl::StatusOr<std::string>()>& create);

// The id CreateOnce recorded for this caller's create with this request id, when it
// is still honoured (INVALID_ARGUMENT naming request_id when `request` differs from
// the first): a create that must ask another service before it writes answers a
// retry from here, without asking again.
absl::StatusOr<std::optional<std::string>> CreatedBefore(soci::session& sql, const Call& call,
                                                         const std::string& request_id,
                                                         const google::protobuf::Message& request);

// Forgets the create keys older than `retention` (they are not records: deleting
// them loses nothing).
void ForgetExpiredRequests(soci::session& tx, absl::Duration retention);

// The hex SHA-256 of a message's deterministic serialisation.
std::string RequestHash(const google::protobuf::Message& request);

// An etag is the resource's version as text; `field` names it in the request.
long long ParseEtag(const std::string& etag, const std::string& field, Validation& v);
// ABORTED when the caller's version is not the stored one.
absl::Status CheckEtag(long long given, long long current, const std::string& resource_name);
// ABORTED when the versioned write found the resource changed after it was read
// (another update committed in between).
absl::Status ChangedDuringUpdate(absl::string_view resource_name);

// The update_mask's paths, each of which must be in `allowed`; at least one.
std::set<std::string> MaskPaths(const google::protobuf::FieldMask& mask, const std::set<std::string>& allowed,
                                Validation& v);

// True when `field` is `path` or lies inside it: "requester" covers "requester" itself,
// "requester.date_of_birth" and "requester[0]", but not "requester_kind".
bool WithinPath(absl::string_view field, absl::string_view path);

// The violations of `fields` that lie within one of the masked `paths` (each under
// `prefix`, e.g. "household."). An update reads every field of the request, so shape
// errors are found, but answers only for the fields its mask changes.
Validation MaskedViolations(const Validation& fields, absl::string_view prefix, const std::set<std::string>& paths);

}  // namespace platform
