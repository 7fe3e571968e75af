#pragma once
// The one conversion of the errors domain and store code return (platform/core/errors.h)
// to gRPC's richer error model: code, message and every google.rpc detail payload
// (grpc-status-details-bin). It lives outside platform_core, which reaches no gRPC.
#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace platform {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace platform
