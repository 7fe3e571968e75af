#pragma once
// Prometheus metrics: one registry per process, served on its own port, and a gRPC
// server interceptor exporting the standard names Grafana's gRPC dashboards use:
// grpc_server_started_total, grpc_server_handled_total{grpc_code},
// grpc_server_handling_seconds. Labels never carry a person or record id.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace prometheus {
class Registry;
class Exposer;
}  // namespace prometheus

namespace grpc::experimental {
class ServerInterceptorFactoryInterface;
}

namespace google::protobuf {
class MethodDescriptor;
}

namespace platform {

// The grpc_type label of a method path a process knows ("unary", "client_stream",
// "server_stream", "bidi_stream"), or nullopt: a path it does not know is counted as
// grpc_service="unknown", grpc_method="unknown", so invented paths never make series.
using KnownMethods = std::function<std::optional<std::string>(const std::string& path)>;
// A method's grpc_type label from its descriptor.
std::string GrpcTypeOf(const google::protobuf::MethodDescriptor& method);

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

  // The interceptor factory for grpc::ServerBuilder::experimental().SetInterceptorCreators;
  // the methods known are those compiled into the process.
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> ServerInterceptorFactory();
  // The same with the methods `known` names (the gateway: every contract it forwards
  // and its own health and reflection services).
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> ServerInterceptorFactory(
      KnownMethods known);

  struct GrpcFamilies;

 private:
  Metrics() = default;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_ = 0;
  std::shared_ptr<GrpcFamilies> grpc_;
};

}  // namespace platform
