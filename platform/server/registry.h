#pragma once
// The suite's services, from config/services.tsv (compiled in): the one place their
// names, default ports and event upstreams are written. Every main.cc, the gateway,
// adoptctl and the scripts read it (docs/architecture.md, "The registry").
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace platform {

struct SuiteService {
  std::string name;          // "recruitment": tokens' subject, database, logs
  std::string binary;        // "recruitment-svc"
  int grpc_port = 0;         // default gRPC port
  int metrics_port = 0;      // default /metrics port
  int http_port = 0;         // REST port (the gateway), 0 for none
  std::string grpc_service;  // "adoption.recruitment.v1.RecruitmentService", empty for none
  std::vector<std::string> reads;  // services whose event logs it consumes or records it asks about

  // "127.0.0.1:<grpc_port>": where it is found on a development machine.
  std::string LocalAddress() const;
};

class Registry {
 public:
  // The config/services.tsv format; every malformed row, repeated name or port, and
  // unknown upstream is reported.
  static absl::StatusOr<Registry> Parse(absl::string_view text);
  // config/services.tsv, compiled in.
  static const Registry& Default();

  const std::vector<SuiteService>& services() const { return services_; }
  // The five contexts, in the registry's order (every service but the gateway).
  std::vector<const SuiteService*> Contexts() const;
  // nullptr when there is no such service.
  const SuiteService* Find(absl::string_view name) const;
  // The service by name; aborts when absent (a name compiled into the caller).
  const SuiteService& Get(absl::string_view name) const;

 private:
  std::vector<SuiteService> services_;
};

}  // namespace platform
