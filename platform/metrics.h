#pragma once
// Prometheus metrics: one registry per process, served on its own port, and a gRPC
// server interceptor exporting the standard names Grafana's gRPC dashboards use:
// grpc_server_started_total, grpc_server_handled_total{grpc_code},
// grpc_server_handling_seconds. Labels never carry a person or record id.
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace prometheus {
class Registry;
class Exposer;
}  // namespace prometheus

namespace grpc::experimental {
class ServerInterceptorFactoryInterface;
}

namespace platform {

class Metrics {
 public:
  // Serves /metrics on `bind_address` at `port` (0 picks a free one; -1 keeps the
  // registry without serving it: in-process tests, where stopping the HTTP server
  // would cost its 2 s poll interval per test).
  static absl::StatusOr<std::unique_ptr<Metrics>> Serve(const std::string& bind_address, int port);
  ~Metrics();

  prometheus::Registry& registry() { return *registry_; }
  std::shared_ptr<prometheus::Registry> shared_registry() { return registry_; }
  int port() const { return port_; }

  // The interceptor factory for grpc::ServerBuilder::experimental().SetInterceptorCreators.
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> ServerInterceptorFactory();

  struct GrpcFamilies;

 private:
  Metrics() = default;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_ = 0;
  std::shared_ptr<GrpcFamilies> grpc_;
};

}  // namespace platform
