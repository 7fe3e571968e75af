#pragma once
// A service's whole main(): block the termination signals, read its settings (flags
// and ADOPTION_* variables; --help), open its host (database, migrations, metrics,
// auth, event log), let the service build what it serves, serve until SIGTERM, drain.
//
//   int main(int argc, char** argv) {
//     return platform::RunService(argc, argv, {.name = "recruitment",
//                                              .migrations = recruitment::Migrations(),
//                                              .serve = [](platform::ServiceHost& host) { ... }});
//   }
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "platform/server/server.h"

namespace platform {

struct ServiceMain {
  std::string name;  // the registry's name (platform/server/registry.h)
  std::vector<EmbeddedFile> migrations;
  EventVisibility visibility;  // which services may read which of its event types
  // Statutory keys it needs: start-up fails when the table lacks one.
  std::vector<std::string> statutory_keys;
  // Builds its stores and handlers on `host` (Register, AddConsumer); what it returns
  // is kept until the process ends.
  std::function<absl::StatusOr<std::shared_ptr<void>>(ServiceHost& host)> serve;
};

// The process's exit code: 0 after a clean drain (or --help), 1 when it could not
// start, 2 for bad settings.
int RunService(int argc, char** argv, const ServiceMain& service);

}  // namespace platform
