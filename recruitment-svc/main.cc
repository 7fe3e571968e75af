// recruitment-svc: wiring only — its store and api on the platform's host.
#include "platform/rpc/clock.h"
#include "platform/server/run_service.h"
#include "recruitment-svc/api/household_disclosure.h"
#include "recruitment-svc/api/household_records.h"
#include "recruitment-svc/api/journey_events.h"
#include "recruitment-svc/api/recruitment_api.h"

namespace recruitment {
const std::vector<platform::EmbeddedFile>& Migrations();
}

int main(int argc, char** argv) {
  return platform::RunService(
      argc, argv,
      {.name = "recruitment",
       .migrations = recruitment::Migrations(),
       .visibility = recruitment::EventVisibility(),
       .statutory_keys =
           [] {
             std::vector<std::string> keys = recruitment::JourneyRules::Keys();  // the journey's timescales
             for (const auto& k : recruitment::RetentionKeys()) keys.push_back(k);  // how long records are kept
             return keys;
           }(),
       .serve = [](platform::ServiceHost& host) -> absl::StatusOr<std::shared_ptr<void>> {
         struct Served {
           platform::SystemClock clock;
           recruitment::HouseholdStore households;
           recruitment::InformationSessionStore sessions;
           recruitment::RegistrationPauseStore pauses;
           std::unique_ptr<recruitment::RecruitmentApi> api;
           std::unique_ptr<recruitment::HouseholdRecords> records;
           std::unique_ptr<recruitment::HouseholdDisclosure> disclosure;
           std::unique_ptr<platform::DatabaseGauges> gauges;
         };
         auto s = std::make_shared<Served>();
         s->api = std::make_unique<recruitment::RecruitmentApi>(host.Runner(&recruitment::Policies()), &host.db(),
                                                                &s->clock, &host.statutory(), &s->households,
                                                                &s->sessions, &s->pauses);
         host.Register(s->api.get());
         // Households' retention and disposal (RecordsService, docs/records.md).
         s->records = std::make_unique<recruitment::HouseholdRecords>(&s->households, &host.statutory());
         host.KeepRecords({s->records.get()});
         // What it holds on a person, for their disclosure.
         s->disclosure =
             std::make_unique<recruitment::HouseholdDisclosure>(&s->households, &host.statutory(), &s->clock);
         host.DiscloseFrom({s->disclosure.get()});
         s->gauges = std::make_unique<platform::DatabaseGauges>(&host.db(), &host.metrics().registry(),
                                                                std::chrono::seconds(60));
         recruitment::AddGauges(*s->gauges, &s->households, &s->clock);
         s->gauges->Start();
         // The agency decision maker's decisions on households (panel-svc's log).
         host.AddConsumer(platform::Consumer::Options{
             .upstream = "panel",
             .target = host.config().upstreams.at("panel"),
             .handlers = recruitment::PanelEventHandlers(&s->households, &host.statutory(), &s->clock),
         });
         // Placements and adoption orders of the household's children (familyfinding-svc's log).
         host.AddConsumer(platform::Consumer::Options{
             .upstream = "familyfinding",
             .target = host.config().upstreams.at("familyfinding"),
             .handlers = recruitment::FamilyFindingEventHandlers(&s->households, &host.statutory(), &s->clock),
         });
         return s;
       }});
}
