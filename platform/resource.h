#pragma once
// The AIP conventions every resource follows, written once: request ids for
// idempotent creates, etags for optimistic concurrency, update masks.
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "platform/errors.h"

namespace google::protobuf {
class FieldMask;
}
namespace soci {
class session;
}

namespace platform {

class Call;

// request_id: required, 1..128 printable characters.
void ValidateRequestId(const std::string& request_id, Validation& v);

// In `tx`: if this method already ran with this request id, returns the id of what
// it created; else runs `create` (which returns the new resource's id) and records it.
absl::StatusOr<std::string> CreateOnce(soci::session& tx, const Call& call, const std::string& request_id,
                                       const std::function<absl::StatusOr<std::string>()>& create);

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
