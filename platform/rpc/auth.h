#pragma once
// Who is calling: bearer JWTs verified with libjwt. Production tokens come from the
// agency's OpenID Connect provider (RS256/ES256, verified against its public keys —
// PEM files, several at once so keys can rotate, or its JSON Web Key Set, re-read when
// it changes, with the key the token's "kid" names); development tokens are HS256,
// minted by `adoptctl token`. Issuer, audience and expiry are always checked.
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "platform/rpc/jwks.h"

namespace platform {

// The roles of docs/domain.md's "Who uses it" table, as they appear in tokens.
enum class Role {
  kRecruitmentWorker,     // recruitment_worker
  kChildsSocialWorker,    // childs_social_worker
  kFamilyFinder,          // family_finder
  kPanelAdviser,          // panel_adviser
  kPanelMember,           // panel_member
  kDecisionMaker,         // decision_maker
  kPanelCoordinator,      // panel_coordinator
  kSupportWorker,         // support_worker
  kLetterboxCoordinator,  // letterbox_coordinator
  kFinanceOfficer,        // finance_officer
  kManager,               // manager
  kPartnerAgency,         // partner_agency
  kAdopter,               // adopter
  kBirthRelative,         // birth_relative
  kService,               // service: another of our services (event consumers)
};
const std::vector<Role>& AllRoles();
std::string RoleName(Role role);
std::optional<Role> ParseRole(absl::string_view name);

// An authenticated caller. Scopes narrow what the roles reach: the agency, the local
// authorities a worker acts for, the household or letterbox party a member of the
// public is.
struct Principal {
  std::string subject;  // pseudonymous id from the token's "sub"
  std::set<Role> roles;
  std::string agency;
  std::vector<std::string> local_authorities;
  std::string household;
  std::string party;
  bool Has(Role r) const { return roles.count(r) > 0; }
};

struct AuthConfig {
  std::string issuer = "permanence-dev";
  std::string audience = "permanence";
  // Development HS256 secret; empty disables HS256.
  std::string hs256_secret;
  // PEM public keys (RS256/ES256) of the identity provider, all accepted.
  std::vector<std::string> public_keys_pem;
  // The identity provider's JSON Web Key Set file (platform/rpc/jwks.h): a token naming a
  // key ("kid") is checked with that key alone; the file is re-read when it changes,
  // looked at every `jwks_check_every` at most.
  std::string jwks_file;
  std::chrono::milliseconds jwks_check_every{10000};
  std::chrono::seconds leeway{30};
  // The longest a token may live (exp - iat): a person's, and a service's (role service).
  std::chrono::seconds max_lifetime{3600};
  std::chrono::seconds max_service_lifetime{600};
  // HS256 tokens are refused while identity-provider keys are configured (a leaked
  // development secret must not mint production tokens), unless this is set.
  bool hs256_beside_public_keys = false;
  // The longest a token with `roles` may live.
  std::chrono::seconds MaxLifetime(const std::vector<Role>& roles) const;
};

class TokenVerifier {
 public:
  // Fails when no key is configured, a PEM key cannot be read or the key set file is bad.
  static absl::StatusOr<std::unique_ptr<TokenVerifier>> Create(AuthConfig config);
  // Verifies a compact JWT: UNAUTHENTICATED (with the reason) when it is not valid.
  // A token verified in the last minute is not verified again, only checked against
  // its expiry: a client sends the same token with every call, and checking its
  // signature and claims cost more than the rest of a small read's work in the service
  // (docs/operations.md, "The hot path"). A token a key set's key verified is taken
  // again only while the set still holds that key: a key withdrawn is withdrawn at once.
  absl::StatusOr<Principal> Verify(absl::string_view token) const;
  // Verifies an "authorization" header value ("Bearer <jwt>").
  absl::StatusOr<Principal> VerifyHeader(absl::string_view header) const;

 private:
  explicit TokenVerifier(AuthConfig config) : config_(std::move(config)) {}
  struct Verified {
    Principal principal;
    long long expires = 0;         // the token's exp (seconds since the epoch)
    long long verified_until = 0;  // when to verify it again
    std::string kid, key_pem;      // the key set's key that verified it, if one did
  };
  // Verify without the memory of verified tokens.
  absl::StatusOr<Verified> VerifyAnew(const std::string& token) const;
  mutable std::mutex verified_mu_;
  // By the token's exact text (looked up without copying it).
  mutable absl::flat_hash_map<std::string, Verified> verified_;
  // The identity provider's keys are configured (PEM files or a key set).
  bool HasProviderKeys() const { return !config_.public_keys_pem.empty() || jwks_ != nullptr; }
  AuthConfig config_;
  std::shared_ptr<JsonWebKeySetFile> jwks_;
};

// Mints a token (adoptctl token, tests, service-to-service in development).
struct TokenRequest {
  std::string subject;
  std::vector<Role> roles;
  std::string agency;
  std::vector<std::string> local_authorities;
  std::string household;
  std::string party;
  std::chrono::seconds lifetime{0};  // 0: the longest its roles allow (AuthConfig::MaxLifetime)
  std::string key_id;                // the header's "kid": the signing key's name in a key set
};
// alg "HS256" with a secret, or "RS256"/"ES256" with a PEM private key. INVALID_ARGUMENT
// for a lifetime longer than the config allows its roles.
absl::StatusOr<std::string> MintToken(const TokenRequest& request, const AuthConfig& config,
                                      absl::string_view alg = "HS256", absl::string_view private_key_pem = "");


}  // namespace platform
