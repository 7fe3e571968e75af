// familyfinding-svc: wiring only — config, host (db, migrations, metrics, auth, event
// log), stores, api, the consumer of recruitment's household events, serve.
#include <cstdio>

#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/api/household_events.h"
#include "platform/clock.h"
#include "platform/server.h"

namespace familyfinding {
const std::vector<platform::EmbeddedFile>& Migrations();
}

int main(int argc, char** argv) {
  platform::BlockTerminationSignals();
  platform::ServiceConfig config("familyfinding", 50052, 9103);
  platform::ConfigSpec spec("familyfinding-svc");
  config.Declare(spec);
  std::string recruitment_address = "127.0.0.1:50051";
  spec.String("recruitment-address", &recruitment_address,
              "host:port of recruitment-svc, whose household events feed the household profiles", platform::NonEmpty());
  if (auto s = spec.Load(argc, argv); !s.ok() || spec.help_requested()) {
    fprintf(stderr, "%s\n%s", s.ok() ? "" : std::string(s.message()).c_str(), spec.Help().c_str());
    return spec.help_requested() && s.ok() ? 0 : 2;
  }
  auto host = platform::ServiceHost::Create(config, familyfinding::Migrations());
  if (!host.ok()) {
    fprintf(stderr, "familyfinding-svc: %s\n", std::string(host.status().message()).c_str());
    return 1;
  }
  familyfinding::ChildStore children;
  familyfinding::HouseholdProfileStore profiles;
  platform::SystemClock clock;
  familyfinding::FamilyFindingApi api((*host)->Runner(&familyfinding::Policies()), &(*host)->db(), &clock, &children,
                                      &profiles);
  (*host)->Register(&api);
  (*host)->AddConsumer(platform::Consumer::Options{
      .upstream = "recruitment",
      .target = recruitment_address,
      .handlers = familyfinding::HouseholdEventHandlers(&profiles, &clock),
  });
  if (auto s = (*host)->Start(); !s.ok()) {
    fprintf(stderr, "familyfinding-svc: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  return (*host)->WaitForSignal();
}
