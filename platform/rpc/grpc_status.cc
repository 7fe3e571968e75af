#include "platform/rpc/grpc_status.h"

#include <grpcpp/support/error_details.h>

#include "absl/strings/cord.h"
#include "google/rpc/status.pb.h"

namespace platform {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status rpc_status;
  rpc_status.set_code(static_cast<int>(status.code()));
  rpc_status.set_message(std::string(status.message()));
  status.ForEachPayload([&](absl::string_view type_url, const absl::Cord& payload) {
    auto* any = rpc_status.add_details();
    any->set_type_url(std::string(type_url));
    any->set_value(std::string(payload));
  });
  grpc::Status out;
  if (!grpc::SetErrorDetails(rpc_status, &out).ok()) {
    return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
  }
  return out;
}

}  // namespace platform
