#include "platform/rpc/jwks.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "platform/core/config.h"
#include "platform/server/log.h"

namespace platform {

namespace {

// A base64url member of a key ("n", "x", ...) as bytes.
absl::StatusOr<std::string> Bytes(const nlohmann::json& key, const char* member, const std::string& kid) {
  if (!key.contains(member) || !key[member].is_string()) {
    return absl::InvalidArgumentError(absl::StrCat("key '", kid, "': no \"", member, "\""));
  }
  std::string out;
  if (!absl::WebSafeBase64Unescape(key[member].get<std::string>(), &out) || out.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("key '", kid, "': \"", member, "\" is not base64url"));
  }
  return out;
}

// The key OpenSSL builds from `params` as a PEM "PUBLIC KEY"; empty when it cannot.
std::string PublicKeyPem(const char* type, OSSL_PARAM_BLD* build) {
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(build);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* key = nullptr;
  if (params && ctx && EVP_PKEY_fromdata_init(ctx) == 1) EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params);
  std::string pem;
  if (key) {
    BIO* bio = BIO_new(BIO_s_mem());
    if (PEM_write_bio_PUBKEY(bio, key) == 1) {
      char* data = nullptr;
      long size = BIO_get_mem_data(bio, &data);
      pem.assign(data, static_cast<size_t>(size));
    }
    BIO_free(bio);
    // An EC point off its curve is refused here, not when a token is checked.
    if (std::string(type) == "EC") {
      EVP_PKEY_CTX* check = EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr);
      if (!check || EVP_PKEY_public_check(check) != 1) pem.clear();
      EVP_PKEY_CTX_free(check);
    }
    EVP_PKEY_free(key);
  }
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  return pem;
}

absl::StatusOr<std::string> RsaPem(const nlohmann::json& key, const std::string& kid) {
  auto n = Bytes(key, "n", kid);
  if (!n.ok()) return n.status();
  auto e = Bytes(key, "e", kid);
  if (!e.ok()) return e.status();
  // Fewer than 2048 bits is too weak to trust (NIST SP 800-131A).
  if (n->size() < 256) return absl::InvalidArgumentError(absl::StrCat("key '", kid, "': RSA under 2048 bits"));
  BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()), static_cast<int>(n->size()), nullptr);
  BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()), static_cast<int>(e->size()), nullptr);
  OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_N, bn_n);
  OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_E, bn_e);
  std::string pem = PublicKeyPem("RSA", build);
  OSSL_PARAM_BLD_free(build);
  BN_free(bn_n);
  BN_free(bn_e);
  if (pem.empty()) return absl::InvalidArgumentError(absl::StrCat("key '", kid, "': not an RSA public key"));
  return pem;
}

absl::StatusOr<std::string> EcPem(const nlohmann::json& key, const std::string& kid) {
  if (!key.contains("crv") || key["crv"] != "P-256") {
    return absl::InvalidArgumentError(absl::StrCat("key '", kid, "': only the curve P-256 (ES256) is taken"));
  }
  auto x = Bytes(key, "x", kid);
  if (!x.ok()) return x.status();
  auto y = Bytes(key, "y", kid);
  if (!y.ok()) return y.status();
  if (x->size() != 32 || y->size() != 32) {
    return absl::InvalidArgumentError(absl::StrCat("key '", kid, "': x and y must be 32 bytes each on P-256"));
  }
  std::string point = "\x04" + *x + *y;  // uncompressed (SEC 1, 2.3.3)
  OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(build, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
  OSSL_PARAM_BLD_push_octet_string(build, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  std::string pem = PublicKeyPem("EC", build);
  OSSL_PARAM_BLD_free(build);
  if (pem.empty()) return absl::InvalidArgumentError(absl::StrCat("key '", kid, "': not a point on P-256"));
  return pem;
}

}  // namespace

absl::StatusOr<std::map<std::string, JsonWebKey>> ParseJsonWebKeySet(absl::string_view text) {
  auto set = nlohmann::json::parse(text, nullptr, false);
  if (!set.is_object() || !set.contains("keys") || !set["keys"].is_array()) {
    return absl::InvalidArgumentError("a JSON Web Key Set is an object with a \"keys\" array");
  }
  std::map<std::string, JsonWebKey> keys;
  for (const auto& key : set["keys"]) {
    if (!key.is_object()) return absl::InvalidArgumentError("a key of the set is not an object");
    const std::string kty = key.contains("kty") && key["kty"].is_string() ? key["kty"].get<std::string>() : "";
    const std::string use = key.contains("use") && key["use"].is_string() ? key["use"].get<std::string>() : "sig";
    if (use != "sig" || (kty != "RSA" && kty != "EC")) continue;
    if (!key.contains("kid") || !key["kid"].is_string() || key["kid"].get<std::string>().empty()) {
      return absl::InvalidArgumentError(absl::StrCat("an ", kty, " key has no \"kid\": tokens could not name it"));
    }
    JsonWebKey out;
    out.kid = key["kid"].get<std::string>();
    if (keys.count(out.kid)) return absl::InvalidArgumentError(absl::StrCat("two keys are named '", out.kid, "'"));
    out.alg = key.contains("alg") && key["alg"].is_string() ? key["alg"].get<std::string>()
                                                              : (kty == "RSA" ? "RS256" : "ES256");
    if ((kty == "RSA" && out.alg != "RS256") || (kty == "EC" && out.alg != "ES256")) {
      return absl::InvalidArgumentError(absl::StrCat("key '", out.kid, "': ", kty, " with alg ", out.alg,
                                                     " (RS256 and ES256 are taken)"));
    }
    absl::StatusOr<std::string> pem = kty == "RSA" ? RsaPem(key, out.kid) : EcPem(key, out.kid);
    if (!pem.ok()) return pem.status();
    out.pem = std::move(*pem);
    keys[out.kid] = std::move(out);
  }
  if (keys.empty()) return absl::InvalidArgumentError("the key set has no RSA or EC signing key");
  return keys;
}

absl::StatusOr<std::unique_ptr<JsonWebKeySetFile>> JsonWebKeySetFile::Open(std::string path,
                                                                           std::chrono::milliseconds check_every) {
  std::unique_ptr<JsonWebKeySetFile> file(new JsonWebKeySetFile(std::move(path), check_every));
  std::lock_guard<std::mutex> lock(file->mu_);
  if (absl::Status s = file->Refresh(/*at_start=*/true); !s.ok()) return s;
  return file;
}

absl::Status JsonWebKeySetFile::Refresh(bool at_start) {
  checked_ = std::chrono::steady_clock::now();
  struct stat st {};
  if (stat(path_.c_str(), &st) != 0) {
    if (at_start) return absl::InvalidArgumentError(absl::StrCat("--jwt-jwks-file ", path_, " cannot be read"));
    log::Warn("jwks_unreadable", {{"file", path_}});
    return absl::OkStatus();
  }
  const auto modified = std::chrono::system_clock::time_point(std::chrono::seconds(st.st_mtim.tv_sec) +
                                                              std::chrono::nanoseconds(st.st_mtim.tv_nsec));
  if (!at_start && modified == modified_) return absl::OkStatus();
  absl::StatusOr<std::string> text = ReadFile(path_);
  absl::StatusOr<std::map<std::string, JsonWebKey>> keys =
      text.ok() ? ParseJsonWebKeySet(*text) : absl::StatusOr<std::map<std::string, JsonWebKey>>(text.status());
  if (!keys.ok()) {
    if (at_start) {
      return absl::InvalidArgumentError(absl::StrCat("--jwt-jwks-file ", path_, ": ", keys.status().message()));
    }
    // The provider's last good keys stay: a half-written or broken file must not lock everyone out.
    log::Warn("jwks_invalid", {{"file", path_}, {"error", std::string(keys.status().message())}});
    modified_ = modified;
    return absl::OkStatus();
  }
  keys_ = std::move(*keys);
  modified_ = modified;
  if (!at_start) log::Info("jwks_reloaded", {{"file", path_}, {"keys", absl::StrCat(keys_.size())}});
  return absl::OkStatus();
}

absl::StatusOr<JsonWebKey> JsonWebKeySetFile::Find(const std::string& kid) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  const auto since = now - checked_;
  // An unknown kid may be a key just added: look again, but not for every forged token.
  if (since >= check_every_ || (!keys_.count(kid) && since >= std::chrono::seconds(1))) {
    (void)Refresh(/*at_start=*/false);
  }
  auto it = keys_.find(kid);
  if (it == keys_.end()) return absl::UnauthenticatedError(absl::StrCat("invalid token: no key '", kid, "'"));
  return it->second;
}

}  // namespace platform
