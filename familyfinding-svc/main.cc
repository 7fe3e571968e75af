// familyfinding-svc: wiring only — its stores and api on the platform's host, and the
// consumer of recruitment's household events (the registry's upstream).
#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/api/household_events.h"
#include "platform/rpc/clock.h"
#include "platform/server/run_service.h"

namespace familyfinding {
const std::vector<platform::EmbeddedFile>& Migrations();
}

int main(int argc, char** argv) {
  return platform::RunService(
      argc, argv,
      {.name = "familyfinding",
       .migrations = familyfinding::Migrations(),
       .visibility = familyfinding::EventVisibility(),
       .serve = [](platform::ServiceHost& host) -> absl::StatusOr<std::shared_ptr<void>> {
         struct Served {
           platform::SystemClock clock;
           familyfinding::ChildStore children;
           familyfinding::HouseholdProfileStore profiles;
           std::unique_ptr<familyfinding::FamilyFindingApi> api;
         };
         auto s = std::make_shared<Served>();
         s->api = std::make_unique<familyfinding::FamilyFindingApi>(host.Runner(&familyfinding::Policies()),
                                                                    &host.db(), &s->clock, &s->children,
                                                                    &s->profiles);
         host.Register(s->api.get());
         host.AddConsumer(platform::Consumer::Options{
             .upstream = "recruitment",
             .target = host.config().upstreams.at("recruitment"),
             .handlers = familyfinding::HouseholdEventHandlers(&s->profiles, &s->clock),
         });
         return s;
       }});
}
