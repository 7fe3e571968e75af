// letterbox-svc: wiring only — its store and api on the platform's host. No context
// consumes letterbox events yet; ContactArrangementCreated is for the support read
// models and reports to come.
#include "letterbox-svc/api/letterbox_api.h"
#include "platform/rpc/clock.h"
#include "platform/server/run_service.h"

namespace letterbox {
const std::vector<platform::EmbeddedFile>& Migrations();
}

int main(int argc, char** argv) {
  return platform::RunService(
      argc, argv,
      {.name = "letterbox",
       .migrations = letterbox::Migrations(),
       .statutory_keys = letterbox::LetterboxRules::Keys(),
       .serve = [](platform::ServiceHost& host) -> absl::StatusOr<std::shared_ptr<void>> {
         struct Served {
           platform::SystemClock clock;
           letterbox::ContactArrangementStore arrangements;
           letterbox::ExchangeStore exchanges;
           std::unique_ptr<letterbox::LetterboxApi> api;
         };
         auto s = std::make_shared<Served>();
         s->api = std::make_unique<letterbox::LetterboxApi>(host.Runner(&letterbox::Policies()), &host.db(),
                                                            &s->clock, &host.statutory(), &s->arrangements,
                                                            &s->exchanges);
         host.Register(s->api.get());
         return s;
       }});
}
