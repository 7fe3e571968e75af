#include "platform/rpc/upstream.h"

#include "absl/strings/str_cat.h"

namespace platform {

Upstream::Upstream(std::string service, const std::string& target, std::function<std::string()> token,
                   std::shared_ptr<const Transport> transport, std::chrono::milliseconds deadline)
    : service_(std::move(service)), token_(std::move(token)), deadline_(deadline) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
  channel_ = (transport ? transport : Transport::Plaintext())->Channel(target, args);
}

void Upstream::Prepare(grpc::ClientContext& ctx) const {
  ctx.set_deadline(std::chrono::system_clock::now() + deadline_);
  // No token: over mutual TLS this service's certificate says who it is.
  if (std::string token = token_(); !token.empty()) ctx.AddMetadata("authorization", absl::StrCat("Bearer ", token));
}

absl::Status Upstream::Failed(const grpc::Status& status, const std::string& what) const {
  const std::string said = absl::StrCat(service_, "-svc answered ", what, " with ", status.error_code(), ": ",
                                        status.error_message());
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return absl::UnavailableError(absl::StrCat(service_, "-svc could not be asked (", what,
                                                 "); nothing was recorded: try again (", status.error_message(), ")"));
    default:
      return absl::InternalError(said);
  }
}

}  // namespace platform
