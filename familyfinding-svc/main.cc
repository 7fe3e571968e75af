// familyfinding-svc: wiring only — its stores and api on the platform's host, and the
// consumers of recruitment's household events and panel-svc's decisions (the
// registry's upstreams).
#include "familyfinding-svc/api/child_disclosure.h"
#include "familyfinding-svc/api/child_records.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/api/household_events.h"
#include "familyfinding-svc/api/panel_events.h"
#include "familyfinding-svc/domain/fees.h"
#include "familyfinding-svc/domain/matching.h"
#include "familyfinding-svc/domain/scorecard.h"
#include "platform/rpc/clock.h"
#include "platform/server/run_service.h"

namespace familyfinding {
const std::vector<platform::EmbeddedFile>& Migrations();
}

namespace {
std::vector<std::string> StatutoryKeys() {
  std::vector<std::string> keys = familyfinding::MilestoneRules::Keys();  // the 10-week and one-year rules
  for (const auto& k : familyfinding::ScorecardRules::Keys()) keys.push_back(k);  // the scorecard's thresholds
  for (const auto& k : familyfinding::MatchingWeights::Keys()) keys.push_back(k);  // the search's weights
  for (const auto& k : familyfinding::InterAgencyFeeKeys()) keys.push_back(k);     // the fee table
  for (const auto& k : familyfinding::LinkRules::Keys()) keys.push_back(k);        // the cap on live links
  for (const auto& k : familyfinding::RetentionKeys()) keys.push_back(k);          // how long a child's record is kept
  return keys;
}
}  // namespace

int main(int argc, char** argv) {
  return platform::RunService(
      argc, argv,
      {.name = "familyfinding",
       .migrations = familyfinding::Migrations(),
       .visibility = familyfinding::EventVisibility(),
       .statutory_keys = StatutoryKeys(),
       .serve = [](platform::ServiceHost& host) -> absl::StatusOr<std::shared_ptr<void>> {
         struct Served {
           platform::SystemClock clock;
           familyfinding::ChildStore children;
           familyfinding::HouseholdProfileStore profiles;
           std::unique_ptr<familyfinding::FamilyFindingApi> api;
           std::unique_ptr<familyfinding::ChildRecords> records;
           std::unique_ptr<familyfinding::FamilyFindingDisclosure> disclosure;
           std::unique_ptr<platform::DatabaseGauges> gauges;
         };
         auto s = std::make_shared<Served>();
         s->api = std::make_unique<familyfinding::FamilyFindingApi>(host.Runner(&familyfinding::Policies()),
                                                                    &host.db(), &s->clock, &host.statutory(),
                                                                    &s->children, &s->profiles, &host.agency());
         host.Register(s->api.get());
         // Children's case records: retention and disposal (RecordsService, docs/records.md).
         s->records = std::make_unique<familyfinding::ChildRecords>(&s->children, &host.statutory());
         host.KeepRecords({s->records.get()});
         // What it holds on a person, for their disclosure.
         s->disclosure = std::make_unique<familyfinding::FamilyFindingDisclosure>(&s->children, &s->profiles,
                                                                                 &host.statutory(), &s->clock);
         host.DiscloseFrom({s->disclosure.get()});
         s->gauges = std::make_unique<platform::DatabaseGauges>(&host.db(), &host.metrics().registry(),
                                                                std::chrono::seconds(60));
         familyfinding::AddGauges(*s->gauges, &s->children);
         s->gauges->Start();
         host.AddConsumer(platform::Consumer::Options{
             .upstream = "recruitment",
             .target = host.config().upstreams.at("recruitment"),
             .handlers = familyfinding::HouseholdEventHandlers(&s->profiles, &s->clock),
         });
         // The decision maker's decisions on children (panel-svc's log).
         host.AddConsumer(platform::Consumer::Options{
             .upstream = "panel",
             .target = host.config().upstreams.at("panel"),
             .handlers = familyfinding::PanelEventHandlers(&s->children, &s->profiles, &host.statutory(),
                                                              &s->clock),
         });
         return s;
       }});
}
