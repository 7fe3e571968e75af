#pragma once
// How a process's gRPC is secured (docs/operations.md, "Transport security"). Between
// the services, and from the gateway to them, mutual TLS: each process presents its
// certificate (--tls-cert-file, --tls-key-file) and accepts only peers whose
// certificate the suite's CA signed (--tls-ca-file); a client also checks that the
// server's certificate names the host it dialled. The files are watched, so a renewed
// certificate is taken up without a restart (--tls-reload-seconds). Plaintext only with
// --plaintext-development, which scripts/up uses; a process given neither refuses to
// start.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "platform/core/config.h"

namespace grpc::experimental {
class CertificateProviderInterface;
}

namespace platform {

struct TransportSettings {
  std::string cert_file, key_file, ca_file;
  int reload_seconds = 60;
  bool plaintext_development = false;

  // Declares the flags on a ConfigSpec, or on anything with the same String(), Int()
  // and Bool() (adoptctl's Cli).
  template <typename Flags>
  void Declare(Flags& flags) {
    flags.String("tls-cert-file", &cert_file, "PEM certificate (chain) this process presents")
        .String("tls-key-file", &key_file, "PEM private key of --tls-cert-file")
        .String("tls-ca-file", &ca_file, "PEM certificate(s) of the CA that signs the suite's certificates")
        .Int("tls-reload-seconds", &reload_seconds, "how often the certificate files are checked for a renewal", 1,
             86400)
        .Bool("plaintext-development", &plaintext_development,
              "development only: gRPC without TLS (no --tls-* files needed)");
  }
};

class Transport {
 public:
  // Plaintext when the settings say so; else TLS from the three files, each checked to
  // be readable PEM of its kind (INVALID_ARGUMENT naming the flag otherwise).
  static absl::StatusOr<std::shared_ptr<const Transport>> Create(const TransportSettings& settings);
  // A command's (adoptctl): TLS when --tls-ca-file is given — presenting a client
  // certificate too when --tls-cert-file and --tls-key-file are, as a service's port
  // requires — else plaintext (a development suite started by scripts/up).
  static absl::StatusOr<std::shared_ptr<const Transport>> ForClient(const TransportSettings& settings);
  // Development and tests: no TLS.
  static std::shared_ptr<const Transport> Plaintext();

  bool plaintext() const { return provider_ == nullptr; }
  // A listening port's credentials: mutual TLS (the caller's certificate required and
  // checked against the CA) for the services; `client_certificate` false for the
  // gateway's public gRPC port, whose callers present bearer tokens, not certificates.
  std::shared_ptr<grpc::ServerCredentials> ServerCredentials(bool client_certificate = true) const;
  std::shared_ptr<grpc::ChannelCredentials> ChannelCredentials() const;
  // A channel to `target` (host:port) with these credentials and `args`.
  std::shared_ptr<grpc::Channel> Channel(const std::string& target,
                                         const grpc::ChannelArguments& args = grpc::ChannelArguments()) const;

 private:
  Transport(std::shared_ptr<grpc::experimental::CertificateProviderInterface> provider, bool identity)
      : provider_(std::move(provider)), identity_(identity) {}
  std::shared_ptr<grpc::experimental::CertificateProviderInterface> provider_;
  bool identity_ = false;  // presents a certificate of its own
};

}  // namespace platform
