#pragma once
// The token settings every process reads the same way — the services, the gateway
// and adoptctl: --jwt-secret or --jwt-secret-file (HS256, development), --jwt-public-keys
// and --jwt-jwks-file (RS256/ES256 keys of the identity provider), --jwt-issuer,
// --jwt-audience; each also
// from its ADOPTION_* variable (platform/core/config.h).
#include <string>

#include "absl/status/statusor.h"
#include "platform/rpc/auth.h"
#include "platform/core/config.h"

namespace platform {

struct JwtSettings {
  std::string secret, secret_file, public_keys, jwks_file;
  std::string issuer = AuthConfig().issuer, audience = AuthConfig().audience;
  int max_lifetime_seconds = static_cast<int>(AuthConfig().max_lifetime.count());
  int max_service_lifetime_seconds = static_cast<int>(AuthConfig().max_service_lifetime.count());
  bool development = false;  // HS256 accepted beside the identity provider's keys

  // Declares the flags on a ConfigSpec, or on anything with the same String() (adoptctl's
  // Cli). `public_keys`: whether the process verifies production tokens too.
  template <typename Flags>
  void Declare(Flags& flags, bool with_public_keys = true) {
    flags.String("jwt-secret", &secret, "HS256 secret for development tokens (>= 32 bytes)")
        .String("jwt-secret-file", &secret_file, "file holding the HS256 secret")
        .String("jwt-issuer", &issuer, "token issuer (iss)", NonEmpty())
        .String("jwt-audience", &audience, "token audience (aud)", NonEmpty())
        .Int("jwt-max-lifetime-seconds", &max_lifetime_seconds, "the longest a person's token may live (exp - iat)",
             60, 24 * 3600)
        .Int("jwt-max-service-lifetime-seconds", &max_service_lifetime_seconds,
             "the longest a service's token (role service) may live", 60, 3600);
    // The secret itself is refused as an argument (ps shows it), by the services, the
    // gateway and adoptctl alike: its environment twin or --jwt-secret-file instead.
    if constexpr (requires { flags.Secret(std::string(), std::string()); }) {
      flags.Secret("jwt-secret", "--jwt-secret-file");
    }
    if (with_public_keys) {
      flags.String("jwt-public-keys", &public_keys, "comma-separated PEM public key files of the identity provider")
          .String("jwt-jwks-file", &jwks_file,
                  "the identity provider's JSON Web Key Set file: keys by kid, re-read when it changes")
          .Bool("jwt-development", &development,
                "development only: accept HS256 tokens signed with the secret even where public keys are given");
    }
  }

  // The settings with the files read: the secret file's content (ReadSecretFile) when
  // no secret is given, and each public key file.
  absl::StatusOr<AuthConfig> Load() const;
};

}  // namespace platform
