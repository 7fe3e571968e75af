#include "platform/rpc/jwt_settings.h"

#include "absl/strings/str_split.h"
#include "platform/core/status_macros.h"

namespace platform {

absl::StatusOr<AuthConfig> JwtSettings::Load() const {
  AuthConfig auth;
  auth.issuer = issuer;
  auth.audience = audience;
  auth.hs256_secret = secret;
  auth.max_lifetime = std::chrono::seconds(max_lifetime_seconds);
  auth.max_service_lifetime = std::chrono::seconds(max_service_lifetime_seconds);
  auth.hs256_beside_public_keys = development;
  if (secret.empty() && !secret_file.empty()) {
    ASSIGN_OR_RETURN(auth.hs256_secret, ReadSecretFile(secret_file));
  }
  for (absl::string_view path : absl::StrSplit(public_keys, ',', absl::SkipEmpty())) {
    ASSIGN_OR_RETURN(std::string pem, ReadFile(std::string(path)));
    auth.public_keys_pem.push_back(std::move(pem));
  }
  auth.jwks_file = jwks_file;
  return auth;
}

}  // namespace platform
