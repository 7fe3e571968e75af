#include "platform/rpc/transport.h"

#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "absl/strings/str_cat.h"

namespace platform {
namespace {

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

// The certificate and key files are read now, so a wrong path or a key that is not the
// certificate's stops the process at start-up with the flag named, not at the first
// handshake with a peer's vague "handshake failed".
absl::Status CheckFiles(const TransportSettings& s) {
  std::vector<std::string> missing;
  if (s.cert_file.empty()) missing.push_back("--tls-cert-file");
  if (s.key_file.empty()) missing.push_back("--tls-key-file");
  if (s.ca_file.empty()) missing.push_back("--tls-ca-file");
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) absl::StrAppend(&list, list.empty() ? "" : ", ", m);
    return absl::InvalidArgumentError(absl::StrCat("TLS needs ", list,
                                                   " (or --plaintext-development, for development only)"));
  }
  auto open = [](const std::string& flag, const std::string& path) -> absl::StatusOr<BioPtr> {
    BioPtr bio(BIO_new_file(path.c_str(), "r"), &BIO_free);
    if (!bio) return absl::InvalidArgumentError(absl::StrCat(flag, " ", path, " cannot be read"));
    return bio;
  };
  auto cert_bio = open("--tls-cert-file", s.cert_file);
  if (!cert_bio.ok()) return cert_bio.status();
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(cert_bio->get(), nullptr, nullptr, nullptr),
                                                   &X509_free);
  if (!cert) return absl::InvalidArgumentError(absl::StrCat("--tls-cert-file ", s.cert_file, " holds no PEM certificate"));
  auto key_bio = open("--tls-key-file", s.key_file);
  if (!key_bio.ok()) return key_bio.status();
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(key_bio->get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  if (!key) return absl::InvalidArgumentError(absl::StrCat("--tls-key-file ", s.key_file, " holds no PEM private key"));
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("--tls-key-file ", s.key_file, " is not the key of --tls-cert-file ", s.cert_file));
  }
  auto ca_bio = open("--tls-ca-file", s.ca_file);
  if (!ca_bio.ok()) return ca_bio.status();
  std::unique_ptr<X509, decltype(&X509_free)> ca(PEM_read_bio_X509(ca_bio->get(), nullptr, nullptr, nullptr),
                                                 &X509_free);
  if (!ca) return absl::InvalidArgumentError(absl::StrCat("--tls-ca-file ", s.ca_file, " holds no PEM certificate"));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<const Transport>> Transport::Create(const TransportSettings& settings) {
  if (settings.plaintext_development) return Plaintext();
  if (absl::Status files = CheckFiles(settings); !files.ok()) return files;
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      settings.key_file, settings.cert_file, settings.ca_file, static_cast<unsigned>(settings.reload_seconds));
  return std::shared_ptr<const Transport>(new Transport(std::move(provider), true));
}

absl::StatusOr<std::shared_ptr<const Transport>> Transport::ForClient(const TransportSettings& settings) {
  if (settings.ca_file.empty() || settings.plaintext_development) return Plaintext();
  if (!settings.cert_file.empty() || !settings.key_file.empty()) return Create(settings);
  std::unique_ptr<BIO, decltype(&BIO_free)> ca_bio(BIO_new_file(settings.ca_file.c_str(), "r"), &BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> ca(
      ca_bio ? PEM_read_bio_X509(ca_bio.get(), nullptr, nullptr, nullptr) : nullptr, &X509_free);
  if (!ca) {
    return absl::InvalidArgumentError(absl::StrCat("--tls-ca-file ", settings.ca_file, " holds no PEM certificate"));
  }
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      settings.ca_file, static_cast<unsigned>(settings.reload_seconds));
  return std::shared_ptr<const Transport>(new Transport(std::move(provider), false));
}

std::shared_ptr<const Transport> Transport::Plaintext() {
  return std::shared_ptr<const Transport>(new Transport(nullptr, false));
}

std::shared_ptr<grpc::ServerCredentials> Transport::ServerCredentials(bool client_certificate) const {
  if (plaintext()) return grpc::InsecureServerCredentials();
  grpc::experimental::TlsServerCredentialsOptions options(provider_);
  options.watch_root_certs();
  options.watch_identity_key_cert_pairs();
  options.set_cert_request_type(client_certificate ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                                                   : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  return grpc::experimental::TlsServerCredentials(options);
}

std::shared_ptr<grpc::ChannelCredentials> Transport::ChannelCredentials() const {
  if (plaintext()) return grpc::InsecureChannelCredentials();
  grpc::experimental::TlsChannelCredentialsOptions options;
  options.set_certificate_provider(provider_);
  options.watch_root_certs();
  if (identity_) options.watch_identity_key_cert_pairs();
  options.set_verify_server_certs(true);
  return grpc::experimental::TlsCredentials(options);
}

std::shared_ptr<grpc::Channel> Transport::Channel(const std::string& target, const grpc::ChannelArguments& args) const {
  return grpc::CreateCustomChannel(target, ChannelCredentials(), args);
}

}  // namespace platform
