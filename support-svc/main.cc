// support-svc: wiring only — its store and api on the platform's host, and the
// consumer of familyfinding-svc's log (the families placed, adopted and disrupted). No
// context consumes support events yet.
#include "platform/rpc/clock.h"
#include "platform/server/run_service.h"
#include "support-svc/api/family_disclosure.h"
#include "support-svc/api/family_records.h"
#include "support-svc/api/family_events.h"
#include "support-svc/api/support_api.h"

namespace support {
const std::vector<platform::EmbeddedFile>& Migrations();
}

int main(int argc, char** argv) {
  // Every key the support rules and the fund's rules must find (the fair access limits
  // are optional: before each one's first row there was none).
  std::vector<std::string> keys = support::SupportRules::Keys();
  for (const auto& k : support::FairAccessRules::Keys()) keys.push_back(k);
  keys.push_back(support::kAllowanceReviewMonths);
  keys.push_back(support::kCommissionedCounsellingSessions);
  for (const auto& k : support::ComplaintRules::Keys()) keys.push_back(k);
  keys.push_back(support::kPlacingAuthorityYears);
  for (const auto& k : support::FamilySupportRetentionKeys()) keys.push_back(k);  // how long records are kept
  return platform::RunService(
      argc, argv,
      {.name = "support",
       .migrations = support::Migrations(),
       .statutory_keys = keys,
       .serve = [](platform::ServiceHost& host) -> absl::StatusOr<std::shared_ptr<void>> {
         struct Served {
           platform::SystemClock clock;
           support::SupportRequestStore requests;
           support::AsfApplicationStore asf;
           support::FeedbackStore feedback;
           std::unique_ptr<support::SupportApi> api;
           std::unique_ptr<platform::RecordKind> records, asf_records, access_records, feedback_records;
           std::unique_ptr<support::FamilyDisclosure> disclosure;
           std::unique_ptr<platform::DatabaseGauges> gauges;
         };
         auto s = std::make_shared<Served>();
         s->api = std::make_unique<support::SupportApi>(host.Runner(&support::Policies()), &host.db(), &s->clock,
                                                        &host.statutory(),
                                                        &platform::WorkingDayCalendar::EnglandAndWales(),
                                                        &s->requests);
         host.Register(s->api.get());
         // Families' adoption support records, ASF applications, records-access requests
         // and feedback: retention and disposal (RecordsService, docs/records.md).
         s->records = support::FamilySupportRecords(&host.statutory());
         s->asf_records = support::AsfApplicationRecords(&host.statutory());
         s->access_records = support::RecordsAccessRequestRecords(&host.statutory());
         s->feedback_records = support::FeedbackRecords(&host.statutory());
         host.KeepRecords(
             {s->records.get(), s->asf_records.get(), s->access_records.get(), s->feedback_records.get()});
         // What it holds on a person, for their disclosure.
         s->disclosure = std::make_unique<support::FamilyDisclosure>(&s->requests, &s->clock,
                                                                     &platform::WorkingDayCalendar::EnglandAndWales());
         host.DiscloseFrom({s->disclosure.get()});
         s->gauges = std::make_unique<platform::DatabaseGauges>(&host.db(), &host.metrics().registry(),
                                                                std::chrono::seconds(60));
         support::AddGauges(*s->gauges, &s->requests, &s->asf, &s->feedback, &host.statutory(), &s->clock);
         s->gauges->Start();
         // The families placed, adopted and disrupted, and the disruptions' reviews
         // (familyfinding-svc's log).
         host.AddConsumer(platform::Consumer::Options{
             .upstream = "familyfinding",
             .target = host.config().upstreams.at("familyfinding"),
             .handlers = support::FamilyFindingEventHandlers(s->api->families(), s->api->disruption_reviews(),
                                                             &host.statutory(), &s->clock),
         });
         return s;
       }});
}
