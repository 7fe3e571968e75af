// support-svc: wiring only — config, host (db, migrations, metrics, auth, event
// log), store, api, serve.
#include <cstdio>

#include "platform/clock.h"
#include "platform/server.h"
#include "support-svc/api/support_api.h"

namespace support {
const std::vector<platform::EmbeddedFile>& Migrations();
}

int main(int argc, char** argv) {
  platform::BlockTerminationSignals();
  platform::ServiceConfig config("support", 50054, 9105);
  platform::ConfigSpec spec("support-svc");
  config.Declare(spec);
  if (auto s = spec.Load(argc, argv); !s.ok() || spec.help_requested()) {
    fprintf(stderr, "%s\n%s", s.ok() ? "" : std::string(s.message()).c_str(), spec.Help().c_str());
    return spec.help_requested() && s.ok() ? 0 : 2;
  }
  // No context consumes support events yet; SupportRequestReceived is for the
  // reporting read models to come.
  platform::EventVisibility visibility = {};
  config.statutory_keys = support::SupportRules::Keys();  // start-up fails if the table lacks them
  auto host = platform::ServiceHost::Create(config, support::Migrations(), visibility);
  if (!host.ok()) {
    fprintf(stderr, "support-svc: %s\n", std::string(host.status().message()).c_str());
    return 1;
  }
  support::SupportRequestStore requests;
  platform::SystemClock clock;
  support::SupportApi api((*host)->Runner(&support::Policies()), &(*host)->db(), &clock, &(*host)->statutory(),
                          &platform::WorkingDayCalendar::EnglandAndWales(), &requests);
  (*host)->Register(&api);
  if (auto s = (*host)->Start(); !s.ok()) {
    fprintf(stderr, "support-svc: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  return (*host)->WaitForSignal();
}
