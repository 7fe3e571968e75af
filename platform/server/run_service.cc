#include "platform/server/run_service.h"

#include <malloc.h>

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace platform {

int RunService(int argc, char** argv, const ServiceMain& service) {
  // glibc gives busy threads arenas of their own (up to eight per core) and keeps what
  // they free: under 64 clients a service held 197 MB. Handler threads wait on the
  // database far more than they allocate, so two arenas serve them (docs/operations.md,
  // "The hot path") — unless the operator chose otherwise with glibc's own variable.
  if (std::getenv("MALLOC_ARENA_MAX") == nullptr) mallopt(M_ARENA_MAX, 2);
  SkipMutexDeadlockDetectionInRelease();
  BlockTerminationSignals();
  const std::string program = absl::StrCat(service.name, "-svc");
  ServiceConfig config(service.name);
  ConfigSpec spec(program);
  config.Declare(spec);
  if (auto s = spec.Load(argc, argv); !s.ok() || spec.help_requested()) {
    fprintf(stderr, "%s\n%s", s.ok() ? "" : std::string(s.message()).c_str(), spec.Help().c_str());
    return spec.help_requested() && s.ok() ? 0 : 2;
  }
  config.statutory_keys = service.statutory_keys;
  auto failed = [&](const absl::Status& s) {
    fprintf(stderr, "%s: %s\n", program.c_str(), std::string(s.message()).c_str());
    return 1;
  };
  auto host = ServiceHost::Create(config, service.migrations, service.visibility);
  if (!host.ok()) return failed(host.status());
  auto served = service.serve(**host);
  if (!served.ok()) return failed(served.status());
  if (auto s = (*host)->Start(); !s.ok()) return failed(s);
  return (*host)->WaitForSignal();
}

}  // namespace platform
