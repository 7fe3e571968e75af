#pragma once
// Who is calling a service (docs/architecture.md, "Tokens"): a person or a partner by
// the bearer token the gateway forwards; another of the suite's services by its own
// certificate, which mutual TLS has verified (platform/rpc/transport.h) — each service
// holds its own credential, and none can pass for another.
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "platform/rpc/auth.h"

namespace grpc {
class ServerContext;
}

namespace platform {

// The common name of the certificate the peer presented and the CA verified; empty
// over plaintext or when the peer presented none.
std::string PeerCertificateName(grpc::ServerContext* ctx);

// The caller from the "authorization" header and the peer's certificate name:
//  - a token: its principal — but a `service` token from a peer whose certificate names
//    another party is refused (it was minted for, or taken from, someone else);
//  - no token, and a certificate naming one of `services` (the suite's contexts): that
//    service, with role service — its certificate is its credential;
//  - otherwise UNAUTHENTICATED, saying what was missing.
absl::StatusOr<Principal> IdentifyCaller(const TokenVerifier& verifier, absl::string_view authorization,
                                         absl::string_view peer_certificate_name,
                                         const std::set<std::string>& services);

// The suite's context services by name (the registry's), whose certificates identify them.
const std::set<std::string>& SuiteServiceNames();

}  // namespace platform
