#pragma once
// The identity provider's signing keys as a JSON Web Key Set (RFC 7517), the form an
// OpenID Connect provider publishes at its jwks_uri: each key named by its "kid", which a
// token's header names in turn. The file is re-read when it changes, so a key the
// provider adds (a rotation) is accepted, and one it withdraws refused, without a
// restart (docs/operations.md, "Tokens").
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace platform {

struct JsonWebKey {
  std::string kid;
  std::string alg;  // RS256 or ES256 (from "alg", or from the key's type when absent)
  std::string pem;  // the public key as a PEM "PUBLIC KEY", as libjwt takes it
};

// The signing keys of a key set: RSA ("n", "e") and P-256 EC ("crv", "x", "y") keys, each
// with a "kid"; keys for encryption ("use": "enc") and of other types are passed over.
// INVALID_ARGUMENT naming the key and the fault for malformed JSON, a key without a
// kid, two keys with one kid, or a set with no signing key.
absl::StatusOr<std::map<std::string, JsonWebKey>> ParseJsonWebKeySet(absl::string_view json);

// A key set file, read at start (a bad file is an error then) and again when its
// modification time has changed, looked at no more often than every `check_every`; a
// key id not known makes it look at once (at most once a second). A file that turns
// bad keeps the keys last read, with a warning in the log.
class JsonWebKeySetFile {
 public:
  static absl::StatusOr<std::unique_ptr<JsonWebKeySetFile>> Open(std::string path,
                                                                 std::chrono::milliseconds check_every);
  // The key named `kid`: UNAUTHENTICATED when the set has none by that name.
  absl::StatusOr<JsonWebKey> Find(const std::string& kid);
  const std::string& path() const { return path_; }

 private:
  JsonWebKeySetFile(std::string path, std::chrono::milliseconds check_every)
      : path_(std::move(path)), check_every_(check_every) {}
  // Re-reads the file if its modification time moved; with mu_ held.
  absl::Status Refresh(bool at_start);

  const std::string path_;
  const std::chrono::milliseconds check_every_;
  std::mutex mu_;
  std::map<std::string, JsonWebKey> keys_;
  std::chrono::system_clock::time_point modified_{};
  std::chrono::steady_clock::time_point checked_{};
};

}  // namespace platform
