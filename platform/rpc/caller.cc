#include "platform/rpc/caller.h"

#include <grpcpp/security/auth_context.h>
#include <grpcpp/server_context.h>

#include "absl/strings/str_cat.h"
#include "platform/server/registry.h"

namespace platform {

std::string PeerCertificateName(grpc::ServerContext* ctx) {
  std::shared_ptr<const grpc::AuthContext> auth = ctx->auth_context();
  if (!auth || !auth->IsPeerAuthenticated()) return "";
  std::vector<grpc::string_ref> names = auth->FindPropertyValues("x509_common_name");
  return names.empty() ? "" : std::string(names[0].data(), names[0].size());
}

absl::StatusOr<Principal> IdentifyCaller(const TokenVerifier& verifier, absl::string_view authorization,
                                         absl::string_view peer_certificate_name,
                                         const std::set<std::string>& services) {
  if (authorization.empty()) {
    if (!peer_certificate_name.empty() && services.count(std::string(peer_certificate_name))) {
      Principal service;
      service.subject = std::string(peer_certificate_name);
      service.roles = {Role::kService};
      return service;
    }
    return absl::UnauthenticatedError(
        peer_certificate_name.empty()
            ? "no bearer token"
            : absl::StrCat("no bearer token, and the certificate of '", peer_certificate_name,
                           "' is not a service of the suite's"));
  }
  absl::StatusOr<Principal> principal = verifier.VerifyHeader(authorization);
  if (!principal.ok()) return principal;
  if (principal->Has(Role::kService) && !peer_certificate_name.empty() &&
      principal->subject != peer_certificate_name) {
    return absl::UnauthenticatedError(absl::StrCat("a service token for '", principal->subject,
                                                   "' presented by '", peer_certificate_name, "'"));
  }
  return principal;
}

const std::set<std::string>& SuiteServiceNames() {
  static const std::set<std::string> names = [] {
    std::set<std::string> out;
    for (const SuiteService* s : Registry::Default().Contexts()) out.insert(s->name);
    return out;
  }();
  return names;
}

}  // namespace platform
