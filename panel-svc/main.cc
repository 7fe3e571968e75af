// panel-svc: wiring only — its stores and api on the platform's host.
#include "panel-svc/api/panel_api.h"
#include "platform/rpc/clock.h"
#include "platform/server/run_service.h"

namespace panel {
const std::vector<platform::EmbeddedFile>& Migrations();
}

int main(int argc, char** argv) {
  return platform::RunService(
      argc, argv,
      {.name = "panel",
       .migrations = panel::Migrations(),
       .visibility = panel::EventVisibility(),
       .statutory_keys = panel::PanelRules::Keys(),  // the quorum and membership numbers
       .serve = [](platform::ServiceHost& host) -> absl::StatusOr<std::shared_ptr<void>> {
         struct Served {
           platform::SystemClock clock;
           panel::PanelStore panels;
           panel::MeetingStore meetings;
           std::unique_ptr<panel::PanelApi> api;
         };
         auto s = std::make_shared<Served>();
         s->api = std::make_unique<panel::PanelApi>(host.Runner(&panel::Policies()), &host.db(), &s->clock,
                                                    &host.statutory(), &s->panels, &s->meetings);
         host.Register(s->api.get());
         return s;
       }});
}
