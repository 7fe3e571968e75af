#include "tests/support/suite.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "platform/server/registry.h"

namespace e2e {

RunningSuite::RunningSuite(std::vector<std::string> contexts) : contexts_(std::move(contexts)) {
  ca_ = certificates_.NewAuthority("e2e-ca");
  auto client = certificates_.Issue(ca_, "e2e-client", "client");
  client_ = platform::Transport::Create({.cert_file = client.cert, .key_file = client.key, .ca_file = ca_}).value();
}

RunningSuite::~RunningSuite() {
  gateway_.reset();  // before the services it dials
  services_.clear();
}

std::vector<std::string> RunningSuite::TlsArgs(const std::string& who) {
  auto issued = certificates_.Issue(ca_, who, who);
  return {"--tls-cert-file=" + issued.cert, "--tls-key-file=" + issued.key, "--tls-ca-file=" + ca_,
          "--tls-reload-seconds=5"};
}

bool RunningSuite::Start(std::string* error) {
  // Ports chosen before any service starts: consumers read each other's logs, so each
  // is told every upstream's address, from the registry, up front.
  std::map<std::string, int> ports;
  for (const auto& ctx : contexts_) ports[ctx] = FreePort();
  for (const std::string& ctx : contexts_) {
    auto svc = std::make_unique<Service>();
    svc->context = ctx;
    svc->db = std::make_unique<platform::testing::ScratchDatabase>("mysql");
    std::vector<std::string> args = {absl::StrCat("--grpc-address=127.0.0.1:", ports[ctx]),
                                     "--metrics-address=127.0.0.1",
                                     "--metrics-port=0",
                                     "--db-url=" + svc->db->url(),
                                     "--jwt-secret=" + Secret(),
                                     "--drain-seconds=1"};
    for (const std::string& arg : TlsArgs(ctx)) args.push_back(arg);
    for (const std::string& upstream : platform::Registry::Default().Get(ctx).reads) {
      args.push_back(absl::StrCat("--", upstream, "-address=127.0.0.1:", ports[upstream]));
    }
    svc->process = std::make_unique<Process>(ctx, absl::StrCat(BuildDir(), "/", ctx, "-svc/", ctx, "-svc"), args);
    if (!svc->process->Start()) {
      *error = absl::StrCat(ctx, "-svc did not start: ", svc->process->LogTail());
      return false;
    }
    services_.push_back(std::move(svc));
  }
  std::vector<std::string> args = {"--http-address=127.0.0.1", "--http-port=0", "--grpc-address=127.0.0.1:0",
                                   "--metrics-address=127.0.0.1", "--metrics-port=0", "--jwt-secret=" + Secret()};
  for (const std::string& arg : TlsArgs("gateway")) args.push_back(arg);
  for (const auto& s : services_) {
    args.push_back(absl::StrCat("--", s->context, "-address=127.0.0.1:", ports[s->context]));
  }
  gateway_ = std::make_unique<Process>("gateway", BuildDir() + "/gateway/gateway", args);
  if (!gateway_->Start()) {
    *error = "the gateway did not start: " + gateway_->LogTail();
    return false;
  }
  return true;
}

RunningSuite::Service* RunningSuite::Find(const std::string& context) const {
  for (const auto& s : services_) {
    if (s->context == context) return s.get();
  }
  return nullptr;
}

int RunningSuite::Grpc(const std::string& context) const {
  const Service* s = Find(context);
  return s ? s->process->Port("grpc_port") : 0;
}

platform::testing::TestCertificates::Issued RunningSuite::Issue(const std::string& common_name,
                                                                const std::string& file) {
  return certificates_.Issue(ca_, common_name, file);
}

std::shared_ptr<grpc::Channel> RunningSuite::Channel(int port) const {
  return client_->Channel("127.0.0.1:" + std::to_string(port));
}

}  // namespace e2e
