// gateway: wiring only — config, the compiled-in contracts image and OpenAPI
// document, serve until SIGTERM.
#include <cstdio>

#include "gateway/gateway.h"
#include "platform/core/embedded.h"
#include "platform/server/log.h"
#include "platform/server/server.h"

namespace gateway {
const std::vector<platform::EmbeddedFile>& Contracts();
}

int main(int argc, char** argv) {
  platform::SkipMutexDeadlockDetectionInRelease();
  platform::BlockTerminationSignals();
  gateway::GatewayConfig config;
  platform::ConfigSpec spec("gateway");
  config.Declare(spec);
  if (auto s = spec.Load(argc, argv); !s.ok() || spec.help_requested()) {
    fprintf(stderr, "%s\n%s", s.ok() ? "" : std::string(s.message()).c_str(), spec.Help().c_str());
    return spec.help_requested() && s.ok() ? 0 : 2;
  }
  platform::log::SetService("gateway");
  platform::log::SetMinLevel(config.log_level);
  std::string descriptors, openapi;
  for (const auto& f : gateway::Contracts()) {
    if (f.name == "adoption.binpb") descriptors = f.content;
    if (f.name == "openapi.json") openapi = f.content;
  }
  auto gw = gateway::Gateway::Create(config, descriptors, openapi);
  if (!gw.ok()) {
    fprintf(stderr, "gateway: %s\n", std::string(gw.status().message()).c_str());
    return 1;
  }
  if (auto s = (*gw)->Start(); !s.ok()) {
    fprintf(stderr, "gateway: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  platform::log::Info("stopping", {{"signal", platform::WaitForTerminationSignal()}});
  (*gw)->Shutdown();
  return 0;
}
