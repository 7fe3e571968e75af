// recruitment-svc: wiring only — config, host (db, migrations, metrics, auth, event
// log), store, api, serve.
#include <cstdio>

#include "platform/clock.h"
#include "platform/server.h"
#include "recruitment-svc/api/recruitment_api.h"

namespace recruitment {
const std::vector<platform::EmbeddedFile>& Migrations();
}

int main(int argc, char** argv) {
  platform::BlockTerminationSignals();
  platform::ServiceConfig config("recruitment", 50051, 9102);
  platform::ConfigSpec spec("recruitment-svc");
  config.Declare(spec);
  if (auto s = spec.Load(argc, argv); !s.ok() || spec.help_requested()) {
    fprintf(stderr, "%s\n%s", s.ok() ? "" : std::string(s.message()).c_str(), spec.Help().c_str());
    return spec.help_requested() && s.ok() ? 0 : 2;
  }
  auto host = platform::ServiceHost::Create(config, recruitment::Migrations(), recruitment::EventVisibility());
  if (!host.ok()) {
    fprintf(stderr, "recruitment-svc: %s\n", std::string(host.status().message()).c_str());
    return 1;
  }
  recruitment::HouseholdStore households;
  platform::SystemClock clock;
  recruitment::RecruitmentApi api((*host)->Runner(&recruitment::Policies()), &(*host)->db(), &clock, &households);
  (*host)->Register(&api);
  if (auto s = (*host)->Start(); !s.ok()) {
    fprintf(stderr, "recruitment-svc: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  return (*host)->WaitForSignal();
}
