// letterbox-svc: wiring only — config, host (db, migrations, metrics, auth, event
// log), store, api, serve.
#include <cstdio>

#include "letterbox-svc/api/letterbox_api.h"
#include "platform/clock.h"
#include "platform/server.h"

namespace letterbox {
const std::vector<platform::EmbeddedFile>& Migrations();
}

int main(int argc, char** argv) {
  platform::BlockTerminationSignals();
  platform::ServiceConfig config("letterbox", 50055, 9106);
  platform::ConfigSpec spec("letterbox-svc");
  config.Declare(spec);
  if (auto s = spec.Load(argc, argv); !s.ok() || spec.help_requested()) {
    fprintf(stderr, "%s\n%s", s.ok() ? "" : std::string(s.message()).c_str(), spec.Help().c_str());
    return spec.help_requested() && s.ok() ? 0 : 2;
  }
  // No context consumes letterbox events yet; ContactArrangementCreated is for the
  // support read models and reports to come.
  platform::EventVisibility visibility = {};
  config.statutory_keys = letterbox::LetterboxRules::Keys();  // start-up fails if the table lacks them
  auto host = platform::ServiceHost::Create(config, letterbox::Migrations(), visibility);
  if (!host.ok()) {
    fprintf(stderr, "letterbox-svc: %s\n", std::string(host.status().message()).c_str());
    return 1;
  }
  letterbox::ContactArrangementStore arrangements;
  platform::SystemClock clock;
  letterbox::LetterboxApi api((*host)->Runner(&letterbox::Policies()), &(*host)->db(), &clock, &(*host)->statutory(),
                              &arrangements);
  (*host)->Register(&api);
  if (auto s = (*host)->Start(); !s.ok()) {
    fprintf(stderr, "letterbox-svc: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  return (*host)->WaitForSignal();
}
