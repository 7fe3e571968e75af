#pragma once
// Calls to another of our services (docs/architecture.md "Between services"): a
// service asks the owner of a record before it acts on it — the panel asks
// recruitment-svc whether a household awaits a decision — over one channel, with its
// own service token and a deadline, so a slow owner delays a caller by at most that.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "platform/rpc/transport.h"

namespace platform {

class Upstream {
 public:
  // `service` names the owner in errors ("recruitment"); `target` is its host:port;
  // `token` gives the bearer token to present (re-read per call: tokens rotate);
  // `transport` secures the channel (null: plaintext, tests only).
  Upstream(std::string service, const std::string& target, std::function<std::string()> token,
           std::shared_ptr<const Transport> transport, std::chrono::milliseconds deadline = std::chrono::seconds(5));

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const std::string& service() const { return service_; }
  // Sets a call's deadline and authorization.
  void Prepare(grpc::ClientContext& ctx) const;
  // A failed call as this service answers its own caller: UNAVAILABLE when the owner
  // could not answer in time (the caller may retry), INTERNAL when it refused this
  // service (a deployment's tokens or grants are wrong) or failed otherwise. `what`
  // says what was asked ("GetHousehold households/h1").
  absl::Status Failed(const grpc::Status& status, const std::string& what) const;

 private:
  std::string service_;
  std::shared_ptr<grpc::Channel> channel_;
  std::function<std::string()> token_;
  std::chrono::milliseconds deadline_;
};

}  // namespace platform
