// panel-svc: wiring only — its stores and api on the platform's host.
#include "panel-svc/api/case_disclosure.h"
#include "panel-svc/api/followed_records.h"
#include "panel-svc/api/panel_api.h"
#include "panel-svc/api/recruitment_events.h"
#include "platform/rpc/clock.h"
#include "platform/rpc/upstream.h"
#include "platform/server/run_service.h"

namespace panel {
const std::vector<platform::EmbeddedFile>& Migrations();
}

namespace {
std::vector<std::string> StatutoryKeys() {
  std::vector<std::string> keys = panel::PanelRules::Keys();  // the quorum and membership numbers
  for (const auto& k : panel::DecisionRules::Keys()) keys.push_back(k);  // the decision timescales
  return keys;
}
}  // namespace

int main(int argc, char** argv) {
  return platform::RunService(
      argc, argv,
      {.name = "panel",
       .migrations = panel::Migrations(),
       .visibility = panel::EventVisibility(),
       .statutory_keys = StatutoryKeys(),
       .serve = [](platform::ServiceHost& host) -> absl::StatusOr<std::shared_ptr<void>> {
         struct Served {
           platform::SystemClock clock;
           panel::PanelStore panels;
           panel::MeetingStore meetings;
           panel::DecisionStore decisions;
           panel::AgendaStore agenda;
           panel::ReferralStore referrals;
           std::unique_ptr<platform::Upstream> recruitment, familyfinding;
           std::unique_ptr<panel::RecruitmentHouseholds> households;
           std::unique_ptr<panel::FamilyFindingChildren> children;
           std::unique_ptr<panel::PanelApi> api;
           std::unique_ptr<panel::CaseDisclosure> disclosure;
           std::unique_ptr<platform::DatabaseGauges> gauges;
         };
         auto s = std::make_shared<Served>();
         // The households decided on are asked about at recruitment-svc, as this service.
         s->recruitment = host.UpstreamTo("recruitment");
         s->households = std::make_unique<panel::RecruitmentHouseholds>(s->recruitment.get());
         // The children decided on, at familyfinding-svc.
         s->familyfinding = host.UpstreamTo("familyfinding");
         s->children = std::make_unique<panel::FamilyFindingChildren>(s->familyfinding.get());
         s->api = std::make_unique<panel::PanelApi>(host.Runner(&panel::Policies()), &host.db(), &s->clock,
                                                    &host.statutory(),
                                                    panel::PanelApi::Stores{&s->panels, &s->meetings, &s->decisions, &s->agenda,
                                                                           &s->referrals},
                                                    s->households.get(), s->children.get());
         host.Register(s->api.get());
         // What its cases and decisions hold on a person, for their disclosure.
         s->disclosure = std::make_unique<panel::CaseDisclosure>(&s->agenda, &s->decisions, &s->clock);
         host.DiscloseFrom({s->disclosure.get()});
         s->gauges = std::make_unique<platform::DatabaseGauges>(&host.db(), &host.metrics().registry(),
                                                                std::chrono::seconds(60));
         panel::AddGauges(*s->gauges, &s->panels, &s->agenda, &host.statutory(), &s->clock);
         s->gauges->Start();
         // The households recruitment-svc refers to panel, and those whose records it
         // disposes of (their cases follow: docs/records.md), from its event log.
         std::map<std::string, platform::Consumer::Handler> from_recruitment =
             panel::RecruitmentEventHandlers(&s->referrals);
         from_recruitment.merge(panel::HouseholdDisposalHandlers(&s->clock));
         host.AddConsumer(platform::Consumer::Options{
             .upstream = "recruitment",
             .target = host.config().upstreams.at("recruitment"),
             .handlers = std::move(from_recruitment),
         });
         // The children whose records familyfinding-svc disposes of.
         host.AddConsumer(platform::Consumer::Options{
             .upstream = "familyfinding",
             .target = host.config().upstreams.at("familyfinding"),
             .handlers = panel::ChildDisposalHandlers(&s->clock),
         });
         return s;
       }});
}
