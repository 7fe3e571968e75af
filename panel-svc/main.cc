// panel-svc: wiring only — config, host (db, migrations, metrics, auth, event log),
// statutory numbers, stores, api, serve.
#include <cstdio>

#include "panel-svc/api/panel_api.h"
#include "platform/clock.h"
#include "platform/server.h"
#include "platform/statutory.h"

namespace panel {
const std::vector<platform::EmbeddedFile>& Migrations();
}

int main(int argc, char** argv) {
  platform::BlockTerminationSignals();
  platform::ServiceConfig config("panel", 50053, 9104);
  platform::ConfigSpec spec("panel-svc");
  config.Declare(spec);
  if (auto s = spec.Load(argc, argv); !s.ok() || spec.help_requested()) {
    fprintf(stderr, "%s\n%s", s.ok() ? "" : std::string(s.message()).c_str(), spec.Help().c_str());
    return spec.help_requested() && s.ok() ? 0 : 2;
  }
  // The quorum and membership numbers: start-up fails if the table lacks them.
  config.statutory_keys = panel::PanelRules::Keys();
  auto host = platform::ServiceHost::Create(config, panel::Migrations());
  if (!host.ok()) {
    fprintf(stderr, "panel-svc: %s\n", std::string(host.status().message()).c_str());
    return 1;
  }
  panel::PanelStore panels;
  panel::MeetingStore meetings;
  platform::SystemClock clock;
  panel::PanelApi api((*host)->Runner(&panel::Policies()), &(*host)->db(), &clock, &(*host)->statutory(), &panels,
                      &meetings);
  (*host)->Register(&api);
  if (auto s = (*host)->Start(); !s.ok()) {
    fprintf(stderr, "panel-svc: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  return (*host)->WaitForSignal();
}
