// letterbox-svc: wiring only — its stores and api on the platform's host, its gauges,
// and the adoption orders it reads from familyfinding-svc's log. No context consumes
// letterbox events yet (ContactArrangementCreated, ExchangeForwarded).
#include "letterbox-svc/api/arrangement_disclosure.h"
#include "letterbox-svc/api/arrangement_records.h"
#include "letterbox-svc/api/familyfinding_events.h"
#include "letterbox-svc/api/letterbox_api.h"
#include "letterbox-svc/domain/schedule.h"
#include "platform/rpc/clock.h"
#include "platform/server/run_service.h"

namespace letterbox {
const std::vector<platform::EmbeddedFile>& Migrations();
}

namespace {
std::vector<std::string> StatutoryKeys() {
  std::vector<std::string> keys = letterbox::StatutoryKeys();                // the schedule's numbers
  for (const auto& k : letterbox::RetentionKeys()) keys.push_back(k);  // how long records are kept
  return keys;
}
}  // namespace

int main(int argc, char** argv) {
  return platform::RunService(
      argc, argv,
      {.name = "letterbox",
       .migrations = letterbox::Migrations(),
       .statutory_keys = StatutoryKeys(),
       .serve = [](platform::ServiceHost& host) -> absl::StatusOr<std::shared_ptr<void>> {
         struct Served {
           platform::SystemClock clock;
           letterbox::ContactArrangementStore arrangements;
           letterbox::ExchangeStore exchanges;
           letterbox::ScheduleStore schedule;
           std::unique_ptr<letterbox::LetterboxApi> api;
           std::unique_ptr<platform::RecordKind> records;
           std::unique_ptr<letterbox::ArrangementDisclosure> disclosure;
           std::unique_ptr<platform::DatabaseGauges> gauges;
         };
         auto s = std::make_shared<Served>();
         s->api = std::make_unique<letterbox::LetterboxApi>(host.Runner(&letterbox::Policies()), &host.db(),
                                                            &s->clock, &host.statutory(), &s->arrangements,
                                                            &s->exchanges, &s->schedule);
         host.Register(s->api.get());
         // Arrangements' records: retention and disposal (RecordsService, docs/records.md).
         s->records = letterbox::ContactArrangementRecords(&host.statutory());
         host.KeepRecords({s->records.get()});
         // What they hold on a child, for the child's disclosure.
         s->disclosure = std::make_unique<letterbox::ArrangementDisclosure>(&s->arrangements, &s->exchanges);
         host.DiscloseFrom({s->disclosure.get()});
         s->gauges = std::make_unique<platform::DatabaseGauges>(&host.db(), &host.metrics().registry(),
                                                                std::chrono::seconds(60));
         letterbox::AddGauges(*s->gauges, &s->arrangements, &s->exchanges, &s->schedule, &host.statutory(),
                              &s->clock);
         s->gauges->Start();
         // Adoption orders start the arrangements planned for them.
         host.AddConsumer(platform::Consumer::Options{
             .upstream = "familyfinding",
             .target = host.config().upstreams.at("familyfinding"),
             .handlers = letterbox::FamilyFindingEventHandlers(&s->arrangements, &s->exchanges, &s->schedule,
                                                               &host.statutory(), &s->clock),
         });
         return s;
       }});
}
