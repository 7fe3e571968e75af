#pragma once
// gRPC handlers of adoption.panel.v1.PanelService: validate, authorise, map proto <->
// domain, call the domain, save in one transaction with audit rows. Panels, meetings,
// and decisions imported from an agency's old system are built; agenda items,
// recommendations and live decisions are the panel work still to come (docs/domain.md
// §3, "Not built yet"), and until then gRPC itself answers them UNIMPLEMENTED.
#include "adoption/panel/v1/panel_service.grpc.pb.h"
#include "panel-svc/api/households.h"
#include "panel-svc/store/decision_store.h"
#include "panel-svc/store/meeting_store.h"
#include "panel-svc/store/panel_store.h"
#include "platform/rpc/clock.h"
#include "platform/db/db.h"
#include "platform/events/events.h"
#include "platform/rpc/rpc.h"
#include "platform/core/statutory.h"

namespace panel {

// Who may call what: one row per RPC (iterated by the authorisation test).
const platform::PolicyTable& Policies();

// Which contexts may read which of panel's events from its event log.
const platform::EventVisibility& EventVisibility();

class PanelApi final : public adoption::panel::v1::PanelService::Service {
 public:
  // The stores, and what a decision's subject is checked with.
  struct Stores {
    PanelStore* panels;
    MeetingStore* meetings;
    DecisionStore* decisions;
  };
  // `statutory` gives the quorum, membership and decision numbers in force on a day;
  // `households` asks recruitment-svc about the households decided on.
  PanelApi(platform::RpcRunner* rpc, platform::Database* db, const platform::Clock* clock,
           const platform::StatutoryTable* statutory, Stores stores, const RecruitmentHouseholds* households)
      : rpc_(rpc),
        db_(db),
        clock_(clock),
        statutory_(statutory),
        panels_(stores.panels),
        meetings_(stores.meetings),
        decisions_(stores.decisions),
        households_(households) {}

  using Ctx = grpc::ServerContext;
  grpc::Status CreatePanel(Ctx* ctx, const adoption::panel::v1::CreatePanelRequest* request,
                           adoption::panel::v1::Panel* response) override;
  grpc::Status GetPanel(Ctx* ctx, const adoption::panel::v1::GetPanelRequest* request,
                        adoption::panel::v1::Panel* response) override;
  grpc::Status ListPanels(Ctx* ctx, const adoption::panel::v1::ListPanelsRequest* request,
                          adoption::panel::v1::ListPanelsResponse* response) override;
  grpc::Status UpdatePanel(Ctx* ctx, const adoption::panel::v1::UpdatePanelRequest* request,
                           adoption::panel::v1::Panel* response) override;
  grpc::Status CreateMeeting(Ctx* ctx, const adoption::panel::v1::CreateMeetingRequest* request,
                             adoption::panel::v1::Meeting* response) override;
  grpc::Status GetMeeting(Ctx* ctx, const adoption::panel::v1::GetMeetingRequest* request,
                          adoption::panel::v1::Meeting* response) override;
  grpc::Status ListMeetings(Ctx* ctx, const adoption::panel::v1::ListMeetingsRequest* request,
                            adoption::panel::v1::ListMeetingsResponse* response) override;
  grpc::Status UpdateMeeting(Ctx* ctx, const adoption::panel::v1::UpdateMeetingRequest* request,
                             adoption::panel::v1::Meeting* response) override;
  grpc::Status GetDecision(Ctx* ctx, const adoption::panel::v1::GetDecisionRequest* request,
                           adoption::panel::v1::Decision* response) override;
  grpc::Status ListDecisions(Ctx* ctx, const adoption::panel::v1::ListDecisionsRequest* request,
                             adoption::panel::v1::ListDecisionsResponse* response) override;
  grpc::Status ImportDecision(Ctx* ctx, const adoption::panel::v1::ImportDecisionRequest* request,
                              adoption::panel::v1::ImportDecisionResponse* response) override;

 private:
  // The rules in force on `day`, or a violation on `field` when the table has none.
  std::optional<PanelRules> RulesOn(platform::Date day, const std::string& field, platform::Validation& v) const;

  platform::RpcRunner* rpc_;
  platform::Database* db_;
  const platform::Clock* clock_;
  const platform::StatutoryTable* statutory_;
  PanelStore* panels_;
  MeetingStore* meetings_;
  DecisionStore* decisions_;
  const RecruitmentHouseholds* households_;
};

}  // namespace panel
