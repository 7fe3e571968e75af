#include "platform/rpc/resource.h"

#include <openssl/sha.h>
#include <soci/soci.h>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/message.h"
#include "platform/db/db.h"
#include "platform/core/ids.h"
#include "platform/rpc/rpc.h"

namespace platform {

void ValidateRequestId(const std::string& request_id, Validation& v) {
  bool printable = true;
  for (unsigned char c : request_id) printable &= (c > 0x20 && c < 0x7f);
  v.Check(!request_id.empty() && request_id.size() <= 128 && printable, "request_id",
          "is required: 1 to 128 printable characters, unique per create");
}

std::string RequestHash(const google::protobuf::Message& request) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream out(&stream);
    out.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&out);
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

namespace {
// The stored key of this caller's create under `request_id`.
struct StoredKey {
  bool found = false, expired = false;
  std::string hash, resource;
};
StoredKey FindKey(soci::session& sql, const Call& call, const std::string& request_id) {
  std::string method = call.method(), caller = call.principal().subject, rid = request_id;
  StoredKey key;
  long long created_at = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT request_hash, resource_id, created_at FROM create_requests WHERE method = :m AND caller = :c "
         "AND request_id = :r",
      soci::use(method), soci::use(caller), soci::use(rid), soci::into(key.hash, ind), soci::into(key.resource),
      soci::into(created_at);
  key.found = sql.got_data() && ind == soci::i_ok;
  key.expired =
      key.found && NowMicros() - created_at > absl::ToInt64Microseconds(call.options().request_id_retention);
  return key;
}
absl::Status Reused(const Call& call, const std::string& request_id) {
  return InvalidArgument({{"request_id", absl::StrCat("'", request_id,
                                                      "' was already used by this caller for a different ",
                                                      call.method(), " request; use a new request_id")}});
}
}  // namespace

absl::StatusOr<std::optional<std::string>> CreatedBefore(soci::session& sql, const Call& call,
                                                         const std::string& request_id,
                                                         const google::protobuf::Message& request) {
  StoredKey key = FindKey(sql, call, request_id);
  if (!key.found || key.expired) return std::optional<std::string>();
  if (key.hash != RequestHash(request)) return Reused(call, request_id);
  return std::optional<std::string>(key.resource);
}

absl::StatusOr<std::string> CreateOnce(soci::session& tx, Call& call, const std::string& request_id,
                                       const google::protobuf::Message& request,
                                       const std::function<absl::StatusOr<std::string>()>& create) {
  std::string method = call.method(), caller = call.principal().subject, rid = request_id,
              hash = RequestHash(request);
  const long long now = NowMicros();
  auto record_key = [&](const std::string& resource) {
    tx << "INSERT INTO create_requests (method, caller, request_id, request_hash, resource_id, created_at) "
          "VALUES (:m, :c, :r, :h, :i, :t)",
        soci::use(method), soci::use(caller), soci::use(rid), soci::use(hash), soci::use(resource), soci::use(now);
  };
  if (!call.request_id_taken()) {
    // A request id is nearly always new: create, then record the key, whose unique index
    // refuses it when the id was taken — a statement fewer than looking it up first
    // (docs/operations.md, "The hot path"). Taken, the work is undone and runs again
    // below, so a repeat never keeps a second create.
    absl::StatusOr<std::string> id = create();
    if (!id.ok()) {
      // A create refused now may repeat one that was made: it answers as the first did.
      const StoredKey key = FindKey(tx, call, request_id);
      if (key.found && !key.expired) {
        call.NoteRequestIdTaken();
        throw RunAgain();
      }
      return id;
    }
    // Keys past their retention are forgotten now and then, by whichever create comes.
    if (now % 1024 == 0) ForgetExpiredRequests(tx, call.options().request_id_retention);
    try {
      record_key(*id);
    } catch (const soci::soci_error& e) {
      if (!IsDuplicateKey(e)) throw;
      call.NoteRequestIdTaken();
      throw RunAgain();
    }
    return id;
  }
  const StoredKey key = FindKey(tx, call, request_id);
  if (key.found && !key.expired) {
    if (key.hash != hash) return Reused(call, request_id);
    return key.resource;
  }
  absl::StatusOr<std::string> id = create();
  if (!id.ok()) return id;
  if (key.found) {  // expired: the id is free again
    tx << "UPDATE create_requests SET request_hash = :h, resource_id = :i, created_at = :t WHERE method = :m AND "
          "caller = :c AND request_id = :r",
        soci::use(hash), soci::use(*id), soci::use(now), soci::use(method), soci::use(caller), soci::use(rid);
  } else {  // forgotten meanwhile
    record_key(*id);
  }
  return id;
}

void ForgetExpiredRequests(soci::session& tx, absl::Duration retention) {
  long long cutoff = NowMicros() - absl::ToInt64Microseconds(retention);
  tx << "DELETE FROM create_requests WHERE created_at < :t", soci::use(cutoff);
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
