#include "gateway/https.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include "absl/strings/str_cat.h"
#include "platform/server/log.h"

namespace gateway {
namespace {

std::filesystem::file_time_type ModifiedAt(const std::string& path) {
  std::error_code ec;
  auto t = std::filesystem::last_write_time(path, ec);
  return ec ? std::filesystem::file_time_type{} : t;
}

}  // namespace

CertificateFiles::CertificateFiles(std::string cert_file, std::string key_file, std::chrono::seconds reload_interval)
    : cert_file_(std::move(cert_file)), key_file_(std::move(key_file)), reload_interval_(reload_interval) {}

CertificateFiles::~CertificateFiles() {
  X509_free(leaf_);
  sk_X509_pop_free(chain_, X509_free);
  EVP_PKEY_free(key_);
}

absl::StatusOr<std::shared_ptr<CertificateFiles>> CertificateFiles::Load(std::string cert_file, std::string key_file,
                                                                         std::chrono::seconds reload_interval) {
  std::shared_ptr<CertificateFiles> files(
      new CertificateFiles(std::move(cert_file), std::move(key_file), reload_interval));
  if (absl::Status read = files->Read(); !read.ok()) return read;
  return files;
}

absl::Status CertificateFiles::Read() {
  const auto cert_time = ModifiedAt(cert_file_), key_time = ModifiedAt(key_file_);
  std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(BIO_new_file(cert_file_.c_str(), "r"), &BIO_free);
  if (!cert_bio) return absl::InvalidArgumentError(absl::StrCat("--tls-cert-file ", cert_file_, " cannot be read"));
  X509* leaf = PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr);
  if (!leaf) return absl::InvalidArgumentError(absl::StrCat("--tls-cert-file ", cert_file_, " holds no certificate"));
  STACK_OF(X509)* chain = sk_X509_new_null();
  while (X509* next = PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr)) sk_X509_push(chain, next);
  ERR_clear_error();  // the end of the file reads as an error
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(BIO_new_file(key_file_.c_str(), "r"), &BIO_free);
  EVP_PKEY* key = key_bio ? PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (!key || X509_check_private_key(leaf, key) != 1) {
    X509_free(leaf);
    sk_X509_pop_free(chain, X509_free);
    EVP_PKEY_free(key);
    ERR_clear_error();
    return absl::InvalidArgumentError(
        absl::StrCat("--tls-key-file ", key_file_, " is not a readable key of --tls-cert-file ", cert_file_));
  }
  std::lock_guard<std::mutex> lock(mu_);
  X509_free(leaf_);
  sk_X509_pop_free(chain_, X509_free);
  EVP_PKEY_free(key_);
  leaf_ = leaf;
  chain_ = chain;
  key_ = key;
  cert_time_ = cert_time;
  key_time_ = key_time;
  return absl::OkStatus();
}

void CertificateFiles::ReloadIfChanged() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    if (now - checked_ < reload_interval_) return;
    checked_ = now;
    if (ModifiedAt(cert_file_) == cert_time_ && ModifiedAt(key_file_) == key_time_) return;
  }
  if (absl::Status read = Read(); read.ok()) {
    platform::log::Info("https_certificate_reloaded", {{"file", cert_file_}});
  } else {
    platform::log::Warn("https_certificate_not_reloaded", {{"error", std::string(read.message())}});
  }
}

int CertificateFiles::OnHandshake(SSL* ssl, void* arg) {
  auto* self = static_cast<CertificateFiles*>(arg);
  self->ReloadIfChanged();
  std::lock_guard<std::mutex> lock(self->mu_);
  // Each SSL takes its own references, so a reload never pulls them from under it.
  if (SSL_use_certificate(ssl, self->leaf_) != 1 || SSL_use_PrivateKey(ssl, self->key_) != 1 ||
      SSL_set1_chain(ssl, self->chain_) != 1) {
    return 0;
  }
  return 1;
}

bool CertificateFiles::Configure(SSL_CTX& ctx) {
  SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_cert_cb(&ctx, &CertificateFiles::OnHandshake, this);
  return true;
}

}  // namespace gateway
