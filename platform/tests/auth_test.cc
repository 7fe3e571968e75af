#include <gtest/gtest.h>
#include <jwt.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "platform/rpc/auth.h"

namespace platform {
namespace {

std::string Run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

struct KeyPair {
  std::string private_pem, public_pem;
};

// Real keys from openssl, as an identity provider would have.
KeyPair MakeKeys(const std::string& algorithm) {
  std::string dir = std::filesystem::temp_directory_path() / ("keys-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string gen = algorithm == "RSA" ? "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048"
                                       : "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256";
  KeyPair k;
  k.private_pem = Run(gen + " 2>/dev/null | tee " + dir + "/key.pem");
  k.public_pem = Run("openssl pkey -pubout -in " + dir + "/key.pem 2>/dev/null");
  std::filesystem::remove_all(dir);
  return k;
}

AuthConfig Hs() {
  AuthConfig c;
  c.hs256_secret = "a-development-secret-of-32-bytes-or-more";
  return c;
}

TokenRequest Worker() {
  TokenRequest r;
  r.subject = "sw-17";
  r.roles = {Role::kRecruitmentWorker, Role::kManager};
  r.local_authorities = {"E09000006"};
  r.household = "h1";
  return r;
}

TEST(Tokens, AValidHs256TokenGivesThePrincipal) {
  auto verifier = TokenVerifier::Create(Hs()).value();
  auto p = verifier->VerifyHeader("Bearer " + MintToken(Worker(), Hs()).value());
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->subject, "sw-17");
  EXPECT_TRUE(p->Has(Role::kRecruitmentWorker));
  EXPECT_TRUE(p->Has(Role::kManager));
  EXPECT_FALSE(p->Has(Role::kAdopter));
  EXPECT_EQ(p->local_authorities, std::vector<std::string>{"E09000006"});
  EXPECT_EQ(p->household, "h1");
}

TEST(Tokens, ExpiredWrongIssuerWrongAudienceAndTamperedAreRejected) {
  auto verifier = TokenVerifier::Create(Hs()).value();
  TokenRequest expired = Worker();
  expired.lifetime = std::chrono::seconds(-120);
  EXPECT_TRUE(absl::IsUnauthenticated(verifier->Verify(MintToken(expired, Hs()).value()).status()));
  AuthConfig other_issuer = Hs();
  other_issuer.issuer = "someone-else";
  EXPECT_TRUE(absl::IsUnauthenticated(verifier->Verify(MintToken(Worker(), other_issuer).value()).status()));
  AuthConfig other_audience = Hs();
  other_audience.audience = "another-api";
  EXPECT_TRUE(absl::IsUnauthenticated(verifier->Verify(MintToken(Worker(), other_audience).value()).status()));
  AuthConfig other_secret = Hs();
  other_secret.hs256_secret = "another-secret-of-at-least-32-bytes!!";
  EXPECT_TRUE(absl::IsUnauthenticated(verifier->Verify(MintToken(Worker(), other_secret).value()).status()));
  std::string token = MintToken(Worker(), Hs()).value();
  token[token.size() / 2] = token[token.size() / 2] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(verifier->Verify(token).ok());
  EXPECT_TRUE(absl::IsUnauthenticated(verifier->VerifyHeader("").status()));
  EXPECT_TRUE(absl::IsUnauthenticated(verifier->VerifyHeader("Basic abc").status()));
  EXPECT_TRUE(absl::IsUnauthenticated(verifier->Verify("a.b.c").status()));
}

TEST(Tokens, AVerifiedTokenIsTakenAgainOnlyUntilItExpires) {
  AuthConfig strict = Hs();
  strict.leeway = std::chrono::seconds(0);
  auto verifier = TokenVerifier::Create(strict).value();
  TokenRequest brief = Worker();
  brief.lifetime = std::chrono::seconds(1);
  const std::string token = MintToken(brief, strict).value();
  for (int i = 0; i < 3; ++i) {  // verified, then remembered: the same principal
    auto p = verifier->Verify(token);
    ASSERT_TRUE(p.ok()) << p.status();
    EXPECT_EQ(p->subject, "sw-17");
    EXPECT_TRUE(p->Has(Role::kManager));
  }
  // Another token — the same one tampered with — is verified in its own right.
  std::string tampered = token;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(verifier->Verify(tampered).ok());
  EXPECT_TRUE(verifier->Verify(token).ok());
  // Past its exp (whole seconds) the remembered token is refused like any other.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(verifier->Verify(token).status().message(), "invalid token: expired");
}

TEST(Tokens, ProviderKeysVerifyRs256AndEs256AndSeveralKeysRotate) {
  KeyPair old_rsa = MakeKeys("RSA"), new_rsa = MakeKeys("RSA"), ec = MakeKeys("EC");
  ASSERT_NE(old_rsa.public_pem.find("BEGIN PUBLIC KEY"), std::string::npos);
  AuthConfig provider;
  provider.public_keys_pem = {old_rsa.public_pem, new_rsa.public_pem, ec.public_pem};
  auto verifier = TokenVerifier::Create(provider).value();
  EXPECT_TRUE(verifier->Verify(MintToken(Worker(), provider, "RS256", old_rsa.private_pem).value()).ok());
  EXPECT_TRUE(verifier->Verify(MintToken(Worker(), provider, "RS256", new_rsa.private_pem).value()).ok());
  EXPECT_TRUE(verifier->Verify(MintToken(Worker(), provider, "ES256", ec.private_pem).value()).ok());
  KeyPair stranger = MakeKeys("RSA");
  EXPECT_FALSE(verifier->Verify(MintToken(Worker(), provider, "RS256", stranger.private_pem).value()).ok());
  // No development tokens where only the provider's keys are configured.
  EXPECT_FALSE(verifier->Verify(MintToken(Worker(), Hs()).value()).ok());
}

TEST(Tokens, APublicKeyUsedAsAnHs256SecretIsRejected) {
  KeyPair rsa = MakeKeys("RSA");
  AuthConfig both = Hs();
  both.public_keys_pem = {rsa.public_pem};
  both.hs256_beside_public_keys = true;  // HS256 verified at all, with the secret only
  auto verifier = TokenVerifier::Create(both).value();
  AuthConfig forged = Hs();
  forged.hs256_secret = rsa.public_pem;  // the algorithm-confusion attack
  EXPECT_FALSE(verifier->Verify(MintToken(Worker(), forged).value()).ok());
}

// A token with the claims given, as another issuer might write it, signed with Hs().
std::string Crafted(const std::string& claims_json) {
  jwt_t* jwt = nullptr;
  EXPECT_EQ(jwt_new(&jwt), 0);
  EXPECT_EQ(jwt_add_grants_json(jwt, claims_json.c_str()), 0);
  const std::string key = Hs().hs256_secret;
  EXPECT_EQ(jwt_set_alg(jwt, JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(key.data()), key.size()), 0);
  char* encoded = jwt_encode_str(jwt);
  std::string token = encoded ? encoded : "";
  free(encoded);
  jwt_free(jwt);
  return token;
}

TEST(Tokens, TimesMustBeWholeSecondsAndIatAndExpAreRequired) {
  auto verifier = TokenVerifier::Create(Hs()).value();
  const long long now = absl::ToUnixSeconds(absl::Now());
  auto claims = [&](const std::string& times) {
    return absl::StrCat(R"({"iss":"permanence-dev","aud":"permanence","sub":"sw-1","roles":["manager"],)", times,
                        "}");
  };
  auto why = [&](const std::string& times) {
    return std::string(verifier->Verify(Crafted(claims(times))).status().message());
  };
  EXPECT_EQ(why(absl::StrCat(R"("iat":)", now, R"(,"exp":)", now + 600)), "");
  EXPECT_EQ(why(absl::StrCat(R"("iat":)", now, R"(,"exp":)", now + 600, R"(,"nbf":)", now)), "");
  EXPECT_EQ(why(absl::StrCat(R"("exp":)", now + 600)), "invalid token: no iat");
  EXPECT_EQ(why(absl::StrCat(R"("iat":)", now)), "invalid token: no exp");
  EXPECT_EQ(why(absl::StrCat(R"("iat":)", now, R"(,"exp":")", now + 600, R"(")")),
            "invalid token: exp is not a time in whole seconds");
  EXPECT_EQ(why(absl::StrCat(R"("iat":)", now, ".5", R"(,"exp":)", now + 600)),
            "invalid token: iat is not a time in whole seconds");
  EXPECT_EQ(why(absl::StrCat(R"("iat":)", now, R"(,"exp":)", now + 600, R"(,"nbf":"soon")")),
            "invalid token: nbf is not a time in whole seconds");
  EXPECT_EQ(why(absl::StrCat(R"("iat":)", now + 3600, R"(,"exp":)", now + 4000)),
            "invalid token: issued in the future");
  EXPECT_EQ(why(absl::StrCat(R"("iat":)", now, R"(,"exp":)", now + 600, R"(,"nbf":)", now + 300)),
            "invalid token: not yet valid");
}

TEST(Tokens, APersonsTokenLivesAnHourAtMostAndAServicesTenMinutes) {
  auto verifier = TokenVerifier::Create(Hs()).value();
  TokenRequest worker = Worker();
  EXPECT_TRUE(verifier->Verify(MintToken(worker, Hs()).value()).ok());  // the longest allowed: an hour
  worker.lifetime = std::chrono::seconds(3601);
  EXPECT_TRUE(absl::IsInvalidArgument(MintToken(worker, Hs()).status()));
  // Minted where a longer life is allowed, refused here.
  AuthConfig lenient = Hs();
  lenient.max_lifetime = std::chrono::hours(8);
  lenient.max_service_lifetime = std::chrono::hours(1);
  auto status = verifier->Verify(MintToken(worker, lenient).value()).status();
  EXPECT_EQ(status.message(), "invalid token: lives longer than the 3600 s allowed");
  TokenRequest service{.subject = "familyfinding", .roles = {Role::kService}};
  EXPECT_TRUE(verifier->Verify(MintToken(service, Hs()).value()).ok());  // ten minutes
  service.lifetime = std::chrono::minutes(11);
  EXPECT_TRUE(absl::IsInvalidArgument(MintToken(service, Hs()).status()));
  EXPECT_EQ(verifier->Verify(MintToken(service, lenient).value()).status().message(),
            "invalid token: lives longer than the 600 s allowed");
}

TEST(Tokens, Hs256IsRefusedBesideTheProvidersKeysUnlessInDevelopment) {
  KeyPair rsa = MakeKeys("RSA");
  AuthConfig both = Hs();
  both.public_keys_pem = {rsa.public_pem};
  EXPECT_EQ(TokenVerifier::Create(both).value()->Verify(MintToken(Worker(), Hs()).value()).status().message(),
            "invalid token: HS256 tokens are not accepted where the identity provider's keys are configured");
  EXPECT_TRUE(TokenVerifier::Create(both).value()->Verify(MintToken(Worker(), both, "RS256", rsa.private_pem).value())
                  .ok());
  both.hs256_beside_public_keys = true;
  EXPECT_TRUE(TokenVerifier::Create(both).value()->Verify(MintToken(Worker(), Hs()).value()).ok());
}

TEST(Tokens, AVerifierNeedsAKey) {
  EXPECT_FALSE(TokenVerifier::Create(AuthConfig{}).ok());
  AuthConfig weak;
  weak.hs256_secret = "short";
  EXPECT_FALSE(TokenVerifier::Create(weak).ok());
}

// A public key as a JSON Web Key (RFC 7518 6.2, 6.3), as a provider's jwks_uri gives it.
nlohmann::json Jwk(const KeyPair& keys, const std::string& kid) {
  BIO* bio = BIO_new_mem_buf(keys.public_pem.data(), static_cast<int>(keys.public_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  auto b64 = [](BIGNUM* bn, int size) {
    std::string bytes(size ? size : BN_num_bytes(bn), '\0');
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    BN_free(bn);
    return absl::WebSafeBase64Escape(bytes);
  };
  nlohmann::json jwk = {{"kid", kid}, {"use", "sig"}};
  BIGNUM *a = nullptr, *b = nullptr;
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA) {
    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &a);
    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &b);
    jwk.update({{"kty", "RSA"}, {"alg", "RS256"}, {"n", b64(a, 0)}, {"e", b64(b, 0)}});
  } else {
    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &a);
    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &b);
    jwk.update({{"kty", "EC"}, {"crv", "P-256"}, {"x", b64(a, 32)}, {"y", b64(b, 32)}});
  }
  EVP_PKEY_free(key);
  return jwk;
}

std::string KeySet(const std::vector<nlohmann::json>& keys) { return nlohmann::json{{"keys", keys}}.dump(); }

// A file whose modification time moves on each write (the check compares it).
void Write(const std::string& path, const std::string& text) {
  static int generation = 0;
  std::ofstream(path) << text;
  std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now() +
                                             std::chrono::seconds(++generation));
}

TokenRequest Signed(const std::string& kid) {
  TokenRequest r = Worker();
  r.key_id = kid;
  return r;
}

TEST(KeySets, RsaAndEcKeysAreReadByKidAndMalformedSetsNameTheirFault) {
  KeyPair rsa = MakeKeys("RSA"), ec = MakeKeys("EC");
  auto keys = ParseJsonWebKeySet(KeySet({Jwk(rsa, "r1"), Jwk(ec, "e1"),
                                         {{"kty", "RSA"}, {"use", "enc"}, {"kid", "x"}, {"n", "AQAB"}, {"e", "AQAB"}},
                                         {{"kty", "oct"}, {"kid", "s"}, {"k", "c2VjcmV0"}}}));
  ASSERT_TRUE(keys.ok()) << keys.status();
  ASSERT_EQ(keys->size(), 2u);  // the encryption key and the symmetric one passed over
  EXPECT_EQ(keys->at("r1").alg, "RS256");
  EXPECT_EQ(keys->at("r1").pem, rsa.public_pem);
  EXPECT_EQ(keys->at("e1").alg, "ES256");
  EXPECT_EQ(keys->at("e1").pem, ec.public_pem);

  auto fault = [](const std::string& json) { return std::string(ParseJsonWebKeySet(json).status().message()); };
  nlohmann::json no_kid = Jwk(rsa, "r1");
  no_kid.erase("kid");
  EXPECT_EQ(fault(KeySet({no_kid})), "an RSA key has no \"kid\": tokens could not name it");
  EXPECT_EQ(fault(KeySet({Jwk(rsa, "k"), Jwk(ec, "k")})), "two keys are named 'k'");
  nlohmann::json bad = Jwk(ec, "e2");
  bad["x"] = "not base64!";
  EXPECT_EQ(fault(KeySet({bad})), "key 'e2': \"x\" is not base64url");
  bad = Jwk(ec, "e3");
  bad["y"] = bad["x"];  // (x, x) is not on the curve
  EXPECT_EQ(fault(KeySet({bad})), "key 'e3': not a point on P-256");
  bad = Jwk(ec, "e4");
  bad["crv"] = "P-384";
  EXPECT_EQ(fault(KeySet({bad})), "key 'e4': only the curve P-256 (ES256) is taken");
  bad = Jwk(rsa, "r2");
  bad["n"] = absl::WebSafeBase64Escape(std::string(128, '\x7f'));
  EXPECT_EQ(fault(KeySet({bad})), "key 'r2': RSA under 2048 bits");
  bad = Jwk(rsa, "r3");
  bad["alg"] = "RS512";
  EXPECT_EQ(fault(KeySet({bad})), "key 'r3': RSA with alg RS512 (RS256 and ES256 are taken)");
  EXPECT_EQ(fault(KeySet({})), "the key set has no RSA or EC signing key");
  EXPECT_EQ(fault("[]"), "a JSON Web Key Set is an object with a \"keys\" array");
}

TEST(KeySets, ATokenIsCheckedWithTheKeyItNamesAndRotationNeedsNoRestart) {
  KeyPair old_rsa = MakeKeys("RSA"), ec = MakeKeys("EC"), new_rsa = MakeKeys("RSA");
  const std::string path = ::testing::TempDir() + "/jwks-" + std::to_string(getpid()) + ".json";
  Write(path, KeySet({Jwk(old_rsa, "2026-11"), Jwk(ec, "ec-1")}));
  AuthConfig provider;
  provider.jwks_file = path;
  provider.jwks_check_every = std::chrono::milliseconds(0);  // every token looks at the file
  auto verifier = TokenVerifier::Create(provider).value();
  auto verify = [&](const TokenRequest& r, const std::string& alg, const KeyPair& k) {
    return verifier->Verify(MintToken(r, provider, alg, k.private_pem).value()).status();
  };
  EXPECT_TRUE(verify(Signed("2026-11"), "RS256", old_rsa).ok());
  EXPECT_TRUE(verify(Signed("ec-1"), "ES256", ec).ok());
  // Named for another key, or for none, or for one the set lacks: refused.
  EXPECT_EQ(verify(Signed("ec-1"), "RS256", old_rsa).message(), "invalid token: key 'ec-1' is for ES256, not RS256");
  EXPECT_EQ(verify(Signed("2026-11"), "RS256", new_rsa).message(), "invalid token: signature does not verify");
  EXPECT_EQ(verify(Worker(), "RS256", old_rsa).message(), "invalid token: no kid: the key set's keys are named");
  EXPECT_EQ(verify(Signed("2026-12"), "RS256", new_rsa).message(), "invalid token: no key '2026-12'");
  EXPECT_EQ(verifier->Verify(MintToken(Worker(), Hs()).value()).status().code(), absl::StatusCode::kUnauthenticated);

  // The provider rotates: the new key is published, then the old one withdrawn.
  Write(path, KeySet({Jwk(old_rsa, "2026-11"), Jwk(new_rsa, "2026-12")}));
  EXPECT_TRUE(verify(Signed("2026-12"), "RS256", new_rsa).ok());
  EXPECT_TRUE(verify(Signed("2026-11"), "RS256", old_rsa).ok());
  Write(path, KeySet({Jwk(new_rsa, "2026-12")}));
  EXPECT_EQ(verify(Signed("2026-11"), "RS256", old_rsa).message(), "invalid token: no key '2026-11'");
  // A broken or half-written file keeps the keys last read.
  Write(path, "{\"keys\": [");
  EXPECT_TRUE(verify(Signed("2026-12"), "RS256", new_rsa).ok());
  std::filesystem::remove(path);
  EXPECT_TRUE(verify(Signed("2026-12"), "RS256", new_rsa).ok());

  // A file that is bad at start is an error then.
  Write(path, "not json");
  EXPECT_EQ(TokenVerifier::Create(provider).status().message(),
            absl::StrCat("--jwt-jwks-file ", path, ": a JSON Web Key Set is an object with a \"keys\" array"));
  std::filesystem::remove(path);
  EXPECT_FALSE(TokenVerifier::Create(provider).ok());
}

TEST(KeySets, AnUnknownKidLooksAtTheFileAtMostOnceASecond) {
  KeyPair a = MakeKeys("EC"), b = MakeKeys("EC");
  const std::string path = ::testing::TempDir() + "/jwks-rate-" + std::to_string(getpid()) + ".json";
  Write(path, KeySet({Jwk(a, "a")}));
  AuthConfig provider;
  provider.jwks_file = path;
  provider.jwks_check_every = std::chrono::hours(1);
  auto verifier = TokenVerifier::Create(provider).value();
  Write(path, KeySet({Jwk(a, "a"), Jwk(b, "b")}));
  // Just opened: a forged kid does not make every call read the file...
  const std::string token = MintToken(Signed("b"), provider, "ES256", b.private_pem).value();
  EXPECT_FALSE(verifier->Verify(token).ok());
  // ...but a second later the new key is found.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_TRUE(verifier->Verify(token).ok());
  std::filesystem::remove(path);
}

TEST(Roles, NamesRoundTrip) {
  for (Role r : AllRoles()) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_EQ(ParseRole("superuser"), std::nullopt);
}

}  // namespace
}  // namespace platform
