#include "platform/resource.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "google/protobuf/field_mask.pb.h"
#include "platform/rpc.h"

namespace platform {

void ValidateRequestId(const std::string& request_id, Validation& v) {
  bool printable = true;
  for (unsigned char c : request_id) printable &= (c > 0x20 && c < 0x7f);
  v.Check(!request_id.empty() && request_id.size() <= 128 && printable, "request_id",
          "is required: 1 to 128 printable characters, unique per create");
}

absl::StatusOr<std::string> CreateOnce(soci::session& tx, const Call& call, const std::string& request_id,
                                       const std::function<absl::StatusOr<std::string>()>& create) {
  if (auto existing = FindRequest(tx, call.method(), request_id)) return *existing;
  absl::StatusOr<std::string> id = create();
  if (id.ok()) RememberRequest(tx, call.method(), request_id, *id);
  return id;
}

long long ParseEtag(const std::string& etag, const std::string& field, Validation& v) {
  long long version = 0;
  if (!absl::SimpleAtoi(etag, &version) || version < 1) {
    v.Add(field, "is required: the etag of the version being changed");
    return 0;
  }
  return version;
}

absl::Status CheckEtag(long long given, long long current, const std::string& resource_name) {
  if (given == current) return absl::OkStatus();
  return Aborted(absl::StrCat(resource_name, " has changed since it was read (etag ", given, ", now ", current,
                              "); read it again and reapply the change"),
                 "STALE_ETAG");
}

absl::Status ChangedDuringUpdate(absl::string_view resource_name) {
  return Aborted(absl::StrCat(resource_name, " changed during the update; read it again"), "STALE_ETAG");
}

std::set<std::string> MaskPaths(const google::protobuf::FieldMask& mask, const std::set<std::string>& allowed,
                                Validation& v) {
  std::set<std::string> paths;
  if (mask.paths_size() == 0) {
    v.Add("update_mask", absl::StrCat("must name the fields to change: ", absl::StrJoin(allowed, ", ")));
  }
  for (const auto& p : mask.paths()) {
    if (allowed.count(p)) {
      paths.insert(p);
    } else {
      v.Add("update_mask", absl::StrCat("'", p, "' cannot be updated; updatable: ", absl::StrJoin(allowed, ", ")));
    }
  }
  return paths;
}

bool WithinPath(absl::string_view field, absl::string_view path) {
  if (!absl::StartsWith(field, path)) return false;
  if (field.size() == path.size()) return true;
  const char next = field[path.size()];
  return next == '.' || next == '[';
}

Validation MaskedViolations(const Validation& fields, absl::string_view prefix, const std::set<std::string>& paths) {
  Validation masked;
  for (const FieldViolation& fv : fields.violations()) {
    absl::string_view field = fv.field;
    if (!absl::ConsumePrefix(&field, prefix)) continue;
    for (const std::string& path : paths) {
      if (WithinPath(field, path)) {
        masked.Add(fv.field, fv.description);
        break;
      }
    }
  }
  return masked;
}

}  // namespace platform
