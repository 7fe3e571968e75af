#include <gtest/gtest.h>
#include <jwt.h>

#include <cstdio>
#include <filesystem>

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

TEST(Roles, NamesRoundTrip) {
  for (Role r : AllRoles()) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_EQ(ParseRole("superuser"), std::nullopt);
}

}  // namespace
}  // namespace platform
