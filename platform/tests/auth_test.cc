#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

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
  auto verifier = TokenVerifier::Create(both).value();
  AuthConfig forged = Hs();
  forged.hs256_secret = rsa.public_pem;  // the algorithm-confusion attack
  EXPECT_FALSE(verifier->Verify(MintToken(Worker(), forged).value()).ok());
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
