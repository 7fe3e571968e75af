// Bearer tokens (platform/rpc/auth.h): TokenVerifier::VerifyHeader with an HS256 secret
// and an identity provider's ES256 public key, both accepted. Two kinds of input:
//  - anything not starting with '{' is an authorization header as a caller sends it;
//  - "HEADER_JSON\nCLAIMS_JSON" is encoded and signed with the secret here, so the
//    fuzzer reaches the claim checks past the signature; NOW and SOON in it become the
//    current time and ten minutes on, so the seeds stay unexpired.
// A token that verifies must carry a subject and, if it came from the fuzzer whole,
// must be signed with the secret: anything else accepted would be a forgery.
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "platform/rpc/auth.h"

namespace {

constexpr char kSecret[] = "fuzzing-hs256-secret-of-at-least-32-bytes";

// An ES256 public key, so the RS256/ES256 path runs its keys over the token too.
std::string PublicKeyPem() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  BIO* bio = BIO_new(BIO_s_mem());
  if (!key || !bio || PEM_write_bio_PUBKEY(bio, key) != 1) abort();
  char* pem = nullptr;
  long length = BIO_get_mem_data(bio, &pem);
  std::string out(pem, static_cast<size_t>(length));
  BIO_free(bio);
  EVP_PKEY_free(key);
  return out;
}

const platform::TokenVerifier& Verifier() {
  static const platform::TokenVerifier* verifier = [] {
    platform::AuthConfig config;
    config.hs256_secret = kSecret;
    config.public_keys_pem = {PublicKeyPem()};
    config.hs256_beside_public_keys = true;
    auto created = platform::TokenVerifier::Create(config);
    if (!created.ok()) abort();
    return created->release();
  }();
  return *verifier;
}

std::string Hs256(absl::string_view signing_input) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), kSecret, sizeof(kSecret) - 1, reinterpret_cast<const unsigned char*>(signing_input.data()),
       signing_input.size(), mac, &length);
  return absl::WebSafeBase64Escape(std::string(reinterpret_cast<const char*>(mac), length));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Verifier();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view input(reinterpret_cast<const char*>(data), size);
  const bool signed_here = !input.empty() && input[0] == '{';
  std::string header;
  if (signed_here) {
    const size_t newline = input.find('\n');
    if (newline == absl::string_view::npos) return 0;
    const long now = absl::ToUnixSeconds(absl::Now());
    const std::string claims = absl::StrReplaceAll(
        input.substr(newline + 1), {{"NOW", absl::StrCat(now)}, {"SOON", absl::StrCat(now + 600)}});
    const std::string signing_input = absl::StrCat(absl::WebSafeBase64Escape(input.substr(0, newline)), ".",
                                                   absl::WebSafeBase64Escape(claims));
    header = absl::StrCat("Bearer ", signing_input, ".", Hs256(signing_input));
  } else {
    header = std::string(input);
  }
  auto principal = Verifier().VerifyHeader(header);
  if (!principal.ok()) return 0;
  if (principal->subject.empty()) {
    fprintf(stderr, "a token without a subject verified\n");
    abort();
  }
  if (!signed_here) {
    // The compact token after "Bearer ": its signature (after the second '.', in either
    // base64 alphabet, padded or not) must be the secret's HMAC of what precedes it. No
    // ES256 signature can be made: the private key was dropped at start.
    const std::string token = header.substr(7);
    const size_t first = token.find('.');
    const size_t second = first == std::string::npos ? first : token.find('.', first + 1);
    std::string signature;
    if (second != std::string::npos) {
      const std::string encoded = absl::StrReplaceAll(token.substr(second + 1), {{"+", "-"}, {"/", "_"}, {"=", ""}});
      absl::WebSafeBase64Unescape(encoded, &signature);
    }
    if (signature.empty() || absl::WebSafeBase64Escape(signature) != Hs256(token.substr(0, second))) {
      fprintf(stderr, "a token not signed with the secret verified: %s\n", header.c_str());
      abort();
    }
  }
  return 0;
}
