#pragma once
// The gateway's HTTPS certificate (docs/operations.md, "Transport security"): read from
// its files at start-up and read again when they change — looked at, at most every
// reload interval, during a handshake — so a renewed certificate is served without a
// restart, and a renewal caught half-written keeps the one before.
#include <openssl/ssl.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"

namespace gateway {

class CertificateFiles {
 public:
  static absl::StatusOr<std::shared_ptr<CertificateFiles>> Load(std::string cert_file, std::string key_file,
                                                               std::chrono::seconds reload_interval);
  ~CertificateFiles();
  // Sets up an HTTPS server's context: TLS 1.2 at least, and this certificate chosen
  // afresh for each handshake.
  bool Configure(SSL_CTX& ctx);

 private:
  CertificateFiles(std::string cert_file, std::string key_file, std::chrono::seconds reload_interval);
  // The files read into a new chain and key; the current ones are kept on failure.
  absl::Status Read();
  void ReloadIfChanged();
  static int OnHandshake(SSL* ssl, void* self);

  const std::string cert_file_, key_file_;
  const std::chrono::seconds reload_interval_;
  std::mutex mu_;
  X509* leaf_ = nullptr;
  STACK_OF(X509)* chain_ = nullptr;
  EVP_PKEY* key_ = nullptr;
  std::filesystem::file_time_type cert_time_{}, key_time_{};
  std::chrono::steady_clock::time_point checked_{};
};

}  // namespace gateway
