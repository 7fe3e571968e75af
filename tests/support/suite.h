#pragma once
// The whole suite as deployed, for the end-to-end and fault tests: the services given
// and the gateway as real processes, each service on a MariaDB scratch database of its
// own and on a port fixed for its lifetime (a restarted service is found where it was,
// by the gateway and by its consumers), every connection TLS with certificates of a CA
// of the test's own (docs/operations.md, "Transport security").
#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <vector>

#include "platform/rpc/transport.h"
#include "platform/testing/certificates.h"
#include "platform/testing/testing.h"
#include "tests/support/process.h"

namespace e2e {

class RunningSuite {
 public:
  struct Service {
    std::string context;
    std::unique_ptr<platform::testing::ScratchDatabase> db;
    std::unique_ptr<Process> process;
  };

  // `contexts`: the services to run (those built), each told every upstream's address.
  explicit RunningSuite(std::vector<std::string> contexts);
  ~RunningSuite();
  RunningSuite(const RunningSuite&) = delete;

  // Starts every service, then the gateway in front of them; false with *error saying
  // which did not start and its log's tail.
  bool Start(std::string* error);

  const std::vector<std::unique_ptr<Service>>& services() const { return services_; }
  Service* Find(const std::string& context) const;  // nullptr when it is not run
  int Grpc(const std::string& context) const;       // its gRPC port
  Process& gateway() { return *gateway_; }

  const std::string& ca() const { return ca_; }  // the CA's certificate file
  // A certificate the suite's CA signs: to be a client, or to act as a service.
  platform::testing::TestCertificates::Issued Issue(const std::string& common_name, const std::string& file);
  // A mutual TLS channel to a port, with the test's client certificate (CN e2e-client).
  std::shared_ptr<grpc::Channel> Channel(int port) const;

 private:
  std::vector<std::string> TlsArgs(const std::string& who);

  std::vector<std::string> contexts_;
  platform::testing::TestCertificates certificates_;
  std::string ca_;
  std::shared_ptr<const platform::Transport> client_;  // the test's own, CN e2e-client
  std::vector<std::unique_ptr<Service>> services_;
  std::unique_ptr<Process> gateway_;
};

}  // namespace e2e
