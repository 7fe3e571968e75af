#include "platform/rpc/auth.h"

#include <jwt.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "platform/core/status_macros.h"

namespace platform {
namespace {

struct RoleEntry {
  Role role;
  const char* name;
};
constexpr RoleEntry kRoles[] = {
    {Role::kRecruitmentWorker, "recruitment_worker"},
    {Role::kChildsSocialWorker, "childs_social_worker"},
    {Role::kFamilyFinder, "family_finder"},
    {Role::kPanelAdviser, "panel_adviser"},
    {Role::kPanelMember, "panel_member"},
    {Role::kDecisionMaker, "decision_maker"},
    {Role::kPanelCoordinator, "panel_coordinator"},
    {Role::kSupportWorker, "support_worker"},
    {Role::kLetterboxCoordinator, "letterbox_coordinator"},
    {Role::kFinanceOfficer, "finance_officer"},
    {Role::kManager, "manager"},
    {Role::kPartnerAgency, "partner_agency"},
    {Role::kAdopter, "adopter"},
    {Role::kBirthRelative, "birth_relative"},
    {Role::kService, "service"},
};

struct JwtDeleter {
  void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

std::string Grant(jwt_t* jwt, const char* name) {
  const char* v = jwt_get_grant(jwt, name);
  return v ? v : "";
}

nlohmann::json GrantJson(jwt_t* jwt, const char* name) {
  char* raw = jwt_get_grants_json(jwt, name);
  if (!raw) return nullptr;
  auto parsed = nlohmann::json::parse(raw, nullptr, false);
  free(raw);
  return parsed;
}

absl::Status Bad(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("invalid token: ", why));
}

}  // namespace

const std::vector<Role>& AllRoles() {
  static const auto* roles = [] {
    auto* v = new std::vector<Role>;
    for (const auto& r : kRoles) v->push_back(r.role);
    return v;
  }();
  return *roles;
}

std::string RoleName(Role role) {
  for (const auto& r : kRoles) {
    if (r.role == role) return r.name;
  }
  return "unknown";
}

std::optional<Role> ParseRole(absl::string_view name) {
  for (const auto& r : kRoles) {
    if (name == r.name) return r.role;
  }
  return std::nullopt;
}

std::chrono::seconds AuthConfig::MaxLifetime(const std::vector<Role>& roles) const {
  return std::find(roles.begin(), roles.end(), Role::kService) != roles.end() ? max_service_lifetime : max_lifetime;
}

absl::StatusOr<std::unique_ptr<TokenVerifier>> TokenVerifier::Create(AuthConfig config) {
  if (config.hs256_secret.empty() && config.public_keys_pem.empty() && config.jwks_file.empty()) {
    return absl::InvalidArgumentError("authentication needs an HS256 secret, a public key or a key set");
  }
  if (!config.hs256_secret.empty() && config.hs256_secret.size() < 32) {
    return absl::InvalidArgumentError("the HS256 secret must be at least 32 bytes");
  }
  for (const auto& pem : config.public_keys_pem) {
    if (!absl::StrContains(pem, "-----BEGIN PUBLIC KEY-----")) {
      return absl::InvalidArgumentError("a public key is not a PEM 'PUBLIC KEY'");
    }
  }
  std::shared_ptr<JsonWebKeySetFile> jwks;
  if (!config.jwks_file.empty()) {
    auto opened = JsonWebKeySetFile::Open(config.jwks_file, config.jwks_check_every);
    if (!opened.ok()) return opened.status();
    jwks = std::move(*opened);
  }
  std::unique_ptr<TokenVerifier> verifier(new TokenVerifier(std::move(config)));
  verifier->jwks_ = std::move(jwks);
  return verifier;
}

absl::StatusOr<Principal> TokenVerifier::VerifyHeader(absl::string_view header) const {
  if (header.empty()) return absl::UnauthenticatedError("missing bearer token");
  constexpr absl::string_view kBearer = "Bearer ";
  if (!absl::StartsWithIgnoreCase(header, kBearer)) {
    return absl::UnauthenticatedError("authorization must be 'Bearer <token>'");
  }
  return Verify(header.substr(kBearer.size()));
}

absl::StatusOr<Principal> TokenVerifier::Verify(absl::string_view token_view) const {
  // How long a verified token is taken without verifying it again, and how many are kept.
  constexpr long long kVerifiedFor = 60;
  constexpr size_t kVerifiedKept = 1024;
  const long long now = absl::ToUnixSeconds(absl::Now());
  const long long leeway = static_cast<long long>(config_.leeway.count());
  std::optional<Verified> remembered;
  {
    std::lock_guard<std::mutex> lock(verified_mu_);
    auto it = verified_.find(token_view);
    if (it != verified_.end()) {
      const Verified& v = it->second;
      if (now <= v.verified_until && now <= v.expires + leeway) {
        if (v.kid.empty()) return v.principal;
        remembered = v;
      } else {
        verified_.erase(it);
      }
    }
  }
  // The key set is asked outside the lock: it may re-read its file, and other calls'
  // tokens need not wait for that.
  if (remembered) {
    absl::StatusOr<JsonWebKey> key = jwks_->Find(remembered->kid);
    if (key.ok() && key->pem == remembered->key_pem) return std::move(remembered->principal);
    std::lock_guard<std::mutex> lock(verified_mu_);
    verified_.erase(token_view);
  }
  std::string token(token_view);
  ASSIGN_OR_RETURN(Verified verified, VerifyAnew(token));
  verified.verified_until = now + kVerifiedFor;
  std::lock_guard<std::mutex> lock(verified_mu_);
  if (verified_.size() >= kVerifiedKept) verified_.clear();  // many callers at once: start afresh
  return verified_.insert_or_assign(token, std::move(verified)).first->second.principal;
}

absl::StatusOr<TokenVerifier::Verified> TokenVerifier::VerifyAnew(const std::string& token) const {
  Verified verified;
  // Read the header's algorithm first, without trusting the token, and pick keys
  // for that algorithm only: an RS256 public key must never be usable as an HS256
  // secret (the classic algorithm-confusion attack).
  const size_t dot = token.find('.');
  std::string header_json;
  if (dot == std::string::npos || !absl::WebSafeBase64Unescape(token.substr(0, dot), &header_json)) {
    return Bad("malformed");
  }
  auto header = nlohmann::json::parse(header_json, nullptr, false);
  if (!header.is_object() || !header.contains("alg") || !header["alg"].is_string()) return Bad("malformed header");
  const std::string alg_name = header["alg"].get<std::string>();
  jwt_alg_t alg = alg_name == "HS256" ? JWT_ALG_HS256
                  : alg_name == "RS256" ? JWT_ALG_RS256
                  : alg_name == "ES256" ? JWT_ALG_ES256
                                        : JWT_ALG_NONE;
  jwt_t* raw = nullptr;

  JwtPtr jwt;
  if (alg == JWT_ALG_HS256) {
    if (config_.hs256_secret.empty()) return Bad("HS256 tokens are not accepted here");
    if (HasProviderKeys() && !config_.hs256_beside_public_keys) {
      return Bad("HS256 tokens are not accepted where the identity provider's keys are configured");
    }
    const auto& key = config_.hs256_secret;
    if (jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(key.data()), key.size()) == 0) {
      jwt.reset(raw);
    }
  } else if ((alg == JWT_ALG_RS256 || alg == JWT_ALG_ES256) && header.contains("kid") && jwks_) {
    // The key the token names, and no other: its algorithm must be the key's.
    if (!header["kid"].is_string()) return Bad("kid is not a string");
    ASSIGN_OR_RETURN(JsonWebKey key, jwks_->Find(header["kid"].get<std::string>()));
    if (key.alg != alg_name) return Bad(absl::StrCat("key '", key.kid, "' is for ", key.alg, ", not ", alg_name));
    if (jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(key.pem.data()), key.pem.size()) == 0 &&
        raw != nullptr) {
      jwt.reset(raw);
      verified.kid = key.kid;
      verified.key_pem = key.pem;
    }
  } else if (alg == JWT_ALG_RS256 || alg == JWT_ALG_ES256) {
    if (config_.public_keys_pem.empty() && jwks_) return Bad("no kid: the key set's keys are named");
    for (const auto& pem : config_.public_keys_pem) {
      raw = nullptr;
      if (jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(pem.data()), pem.size()) == 0 &&
          raw != nullptr) {
        if (jwt_get_alg(raw) == alg) {
          jwt.reset(raw);
          break;
        }
        jwt_free(raw);
      }
    }
  } else {
    return Bad("algorithm not accepted");
  }
  if (!jwt) return Bad("signature does not verify");

  // libjwt 1.10 checks no claims: expiry, not-before, issuer and audience here.
  const long now = absl::ToUnixSeconds(absl::Now());
  const long leeway = static_cast<long>(config_.leeway.count());
  // Times are integer seconds (RFC 7519 NumericDate; a string or a fraction is refused):
  // exp and iat always, nbf when given.
  std::map<std::string, long long> times;
  for (const char* name : {"exp", "iat", "nbf"}) {
    nlohmann::json t = GrantJson(jwt.get(), name);
    if (t.is_null() && std::string(name) == "nbf") continue;
    if (t.is_null()) return Bad(absl::StrCat("no ", name));
    if (!t.is_number_integer()) return Bad(absl::StrCat(name, " is not a time in whole seconds"));
    times[name] = t.get<long long>();
  }
  if (now > times["exp"] + leeway) return Bad("expired");
  verified.expires = times["exp"];
  if (times["iat"] > now + leeway) return Bad("issued in the future");
  if (times.contains("nbf") && now + leeway < times["nbf"]) return Bad("not yet valid");
  if (Grant(jwt.get(), "iss") != config_.issuer) return Bad("wrong issuer");
  nlohmann::json aud = GrantJson(jwt.get(), "aud");
  bool audience_ok = Grant(jwt.get(), "aud") == config_.audience;
  if (!audience_ok && aud.is_array()) {
    for (const auto& a : aud) audience_ok |= a.is_string() && a.get<std::string>() == config_.audience;
  }
  if (!audience_ok) return Bad("wrong audience");

  Principal p;
  p.subject = Grant(jwt.get(), "sub");
  if (p.subject.empty()) return Bad("no subject");
  nlohmann::json roles = GrantJson(jwt.get(), "roles");
  if (roles.is_array()) {
    for (const auto& r : roles) {
      if (!r.is_string()) continue;
      // Unknown roles are ignored (a provider may carry roles for other systems).
      if (auto role = ParseRole(r.get<std::string>())) p.roles.insert(*role);
    }
  }
  const auto longest = config_.MaxLifetime({p.roles.begin(), p.roles.end()}).count();
  if (times["exp"] - times["iat"] > longest) {
    return Bad(absl::StrCat("lives longer than the ", longest, " s allowed"));
  }
  p.agency = Grant(jwt.get(), "agency");
  p.household = Grant(jwt.get(), "household");
  p.party = Grant(jwt.get(), "party");
  nlohmann::json las = GrantJson(jwt.get(), "local_authorities");
  if (las.is_array()) {
    for (const auto& la : las) {
      if (la.is_string()) p.local_authorities.push_back(la.get<std::string>());
    }
  }
  verified.principal = std::move(p);
  return verified;
}

absl::StatusOr<std::string> MintToken(const TokenRequest& request, const AuthConfig& config,
                                      absl::string_view alg, absl::string_view private_key_pem) {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::InternalError("jwt_new failed");
  JwtPtr jwt(raw);
  const long now = absl::ToUnixSeconds(absl::Now());
  const std::chrono::seconds longest = config.MaxLifetime(request.roles);
  const std::chrono::seconds lifetime = request.lifetime.count() == 0 ? longest : request.lifetime;
  if (lifetime > longest) {
    return absl::InvalidArgumentError(
        absl::StrCat("a token with these roles may live at most ", longest.count(), " s"));
  }
  jwt_add_grant(jwt.get(), "iss", config.issuer.c_str());
  jwt_add_grant(jwt.get(), "aud", config.audience.c_str());
  jwt_add_grant(jwt.get(), "sub", request.subject.c_str());
  jwt_add_grant_int(jwt.get(), "iat", now);
  jwt_add_grant_int(jwt.get(), "exp", now + static_cast<long>(lifetime.count()));
  nlohmann::json claims;
  claims["roles"] = nlohmann::json::array();
  for (Role r : request.roles) claims["roles"].push_back(RoleName(r));
  claims["local_authorities"] = request.local_authorities;
  if (!request.agency.empty()) claims["agency"] = request.agency;
  if (!request.household.empty()) claims["household"] = request.household;
  if (!request.party.empty()) claims["party"] = request.party;
  if (jwt_add_grants_json(jwt.get(), claims.dump().c_str()) != 0) return absl::InternalError("bad claims");
  if (!request.key_id.empty()) jwt_add_header(jwt.get(), "kid", request.key_id.c_str());
  int rc;
  if (alg == "HS256") {
    const auto& key = config.hs256_secret;
    rc = jwt_set_alg(jwt.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  } else if (alg == "RS256" || alg == "ES256") {
    rc = jwt_set_alg(jwt.get(), alg == "RS256" ? JWT_ALG_RS256 : JWT_ALG_ES256,
                     reinterpret_cast<const unsigned char*>(private_key_pem.data()), private_key_pem.size());
  } else {
    return absl::InvalidArgumentError("alg must be HS256, RS256 or ES256");
  }
  if (rc != 0) return absl::InvalidArgumentError("cannot sign with that key");
  char* encoded = jwt_encode_str(jwt.get());
  if (!encoded) return absl::InternalError("cannot encode token");
  std::string out(encoded);
  free(encoded);
  return out;
}

}  // namespace platform
