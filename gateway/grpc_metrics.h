#pragma once
// grpc_server_* metrics for the gateway's gRPC port. The port takes any method
// path (a generic service forwards it), so labels come from the known methods
// only: a path a caller invents is counted as grpc_service="unknown",
// grpc_method="unknown", and a million invented paths stay one series. Same names
// and buckets as platform::Metrics' interceptor, whose labels are the called path.
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"

namespace prometheus {
class Registry;
}

namespace grpc::experimental {
class ServerInterceptorFactoryInterface;
}

namespace gateway {

// Known gRPC path ("/pkg.Service/Method") -> its grpc_type label ("unary",
// "client_stream", "server_stream", "bidi_stream").
using KnownGrpcMethods = absl::flat_hash_map<std::string, std::string>;

// The gateway's own services, registered beside the pass-through (health and
// reflection), which are not in the contracts' image.
void AddOwnGrpcMethods(KnownGrpcMethods& known);

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> GrpcMetricsInterceptor(
    prometheus::Registry& registry, KnownGrpcMethods known);

}  // namespace gateway
