#pragma once
// gRPC handlers of adoption.panel.v1.PanelService: validate, authorise, map proto <->
// domain, call the domain, save in one transaction with audit rows: panels, meetings,
// agenda items, recommendations and decisions (docs/domain.md §3).
#include "adoption/panel/v1/panel_service.grpc.pb.h"
#include "panel-svc/api/children.h"
#include "panel-svc/api/households.h"
#include "panel-svc/store/agenda_store.h"
#include "panel-svc/store/decision_store.h"
#include "panel-svc/store/referral_store.h"
#include "panel-svc/store/meeting_store.h"
#include "panel-svc/store/panel_store.h"
#include "platform/rpc/clock.h"
#include "platform/db/db.h"
#include "platform/events/events.h"
#include "platform/server/database_gauges.h"
#include "platform/rpc/rpc.h"
#include "platform/core/statutory.h"

namespace panel {

// Who may call what: one row per RPC (iterated by the authorisation test).
const platform::PolicyTable& Policies();

// The panel's gauges read from its database: panel_decisions_overdue, and the
// members whose training or appraisal is due (panel_member_training_due,
// panel_member_appraisal_due).
void AddGauges(platform::DatabaseGauges& gauges, PanelStore* panels, AgendaStore* agenda,
               const platform::StatutoryTable* statutory, const platform::Clock* clock);

// Which contexts may read which of panel's events from its event log.
const platform::EventVisibility& EventVisibility();

// The records as the audit log names them (and a disclosure: case_disclosure.h).
inline constexpr char kAgendaItem[] = "agenda_item";
inline constexpr char kRecommendation[] = "recommendation";
inline constexpr char kDecision[] = "decision";

class PanelApi final : public adoption::panel::v1::PanelService::Service {
 public:
  // The stores, and what a decision's subject is checked with.
  struct Stores {
    PanelStore* panels;
    MeetingStore* meetings;
    DecisionStore* decisions;
    AgendaStore* agenda;
    ReferralStore* referrals;
  };
  // `statutory` gives the quorum, membership and decision numbers in force on a day;
  // `households` asks recruitment-svc about the households decided on, `children`
  // familyfinding-svc about the children.
  PanelApi(platform::RpcRunner* rpc, platform::Database* db, const platform::Clock* clock,
           const platform::StatutoryTable* statutory, Stores stores, const RecruitmentHouseholds* households,
           const FamilyFindingChildren* children)
      : rpc_(rpc),
        db_(db),
        clock_(clock),
        statutory_(statutory),
        panels_(stores.panels),
        meetings_(stores.meetings),
        decisions_(stores.decisions),
        agenda_(stores.agenda),
        referrals_(stores.referrals),
        households_(households),
        children_(children) {}

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
  grpc::Status CreateAgendaItem(Ctx* ctx, const adoption::panel::v1::CreateAgendaItemRequest* request,
                                adoption::panel::v1::AgendaItem* response) override;
  grpc::Status UpdateAgendaItem(Ctx* ctx, const adoption::panel::v1::UpdateAgendaItemRequest* request,
                                adoption::panel::v1::AgendaItem* response) override;
  grpc::Status MoveAgendaItem(Ctx* ctx, const adoption::panel::v1::MoveAgendaItemRequest* request,
                              adoption::panel::v1::AgendaItem* response) override;
  grpc::Status GetAgendaItem(Ctx* ctx, const adoption::panel::v1::GetAgendaItemRequest* request,
                             adoption::panel::v1::AgendaItem* response) override;
  grpc::Status ListAgendaItems(Ctx* ctx, const adoption::panel::v1::ListAgendaItemsRequest* request,
                               adoption::panel::v1::ListAgendaItemsResponse* response) override;
  grpc::Status RecordRecommendation(Ctx* ctx, const adoption::panel::v1::RecordRecommendationRequest* request,
                                    adoption::panel::v1::Recommendation* response) override;
  grpc::Status FinaliseMinutes(Ctx* ctx, const adoption::panel::v1::FinaliseMinutesRequest* request,
                               adoption::panel::v1::Recommendation* response) override;
  grpc::Status GetRecommendation(Ctx* ctx, const adoption::panel::v1::GetRecommendationRequest* request,
                                 adoption::panel::v1::Recommendation* response) override;
  grpc::Status RecordDecision(Ctx* ctx, const adoption::panel::v1::RecordDecisionRequest* request,
                              adoption::panel::v1::Decision* response) override;
  grpc::Status ListPanelReferrals(Ctx* ctx, const adoption::panel::v1::ListPanelReferralsRequest* request,
                                  adoption::panel::v1::ListPanelReferralsResponse* response) override;
  grpc::Status ReportPanelWork(Ctx* ctx, const adoption::panel::v1::ReportPanelWorkRequest* request,
                               adoption::panel::v1::PanelWork* response) override;
  grpc::Status FinaliseDetermination(Ctx* ctx, const adoption::panel::v1::FinaliseDeterminationRequest* request,
                                     adoption::panel::v1::Decision* response) override;
  grpc::Status ReconsiderDetermination(Ctx* ctx, const adoption::panel::v1::ReconsiderDeterminationRequest* request,
                                       adoption::panel::v1::Decision* response) override;
  grpc::Status GetDecision(Ctx* ctx, const adoption::panel::v1::GetDecisionRequest* request,
                           adoption::panel::v1::Decision* response) override;
  grpc::Status ListDecisions(Ctx* ctx, const adoption::panel::v1::ListDecisionsRequest* request,
                             adoption::panel::v1::ListDecisionsResponse* response) override;
  grpc::Status ImportDecision(Ctx* ctx, const adoption::panel::v1::ImportDecisionRequest* request,
                              adoption::panel::v1::ImportDecisionResponse* response) override;
  grpc::Status ImportRecommendation(Ctx* ctx, const adoption::panel::v1::ImportRecommendationRequest* request,
                                    adoption::panel::v1::ImportRecommendationResponse* response) override;

 private:
  // The rules in force on `day`, or a violation on `field` when the table has none.
  std::optional<PanelRules> RulesOn(platform::Date day, const std::string& field, platform::Validation& v) const;
  // NOT_FOUND naming `name` unless the caller reaches `meeting`: every meeting for the
  // agency-wide roles, a panel member the meetings they attend (AccountsPresent), less
  // the members in `except`.
  absl::Status RevealMeeting(const platform::Call& call, soci::session& tx, const Meeting& meeting,
                             const std::string& name, const std::set<std::string>& except = {}) const;
  // The default day papers are due before a case's meeting and before the one it moves to.
  absl::StatusOr<PapersDueDays> DefaultPapersDue(platform::Date leaving, platform::Date joining) const;
  // Likewise for a case and its recommendation: a member who declared a conflict on it
  // does not reach it.
  absl::Status RevealCase(const platform::Call& call, soci::session& tx, const AgendaItem& item,
                          const std::string& name) const;
  // Today's rules (for members' due dates), if the table has them.
  std::optional<PanelRules> TodaysRules() const;
  // The decision timescales in force on `day`, or a violation on decision.decision_date.
  std::optional<DecisionRules> DecisionRulesOn(platform::Date day, platform::Validation& v) const;
  // FAILED_PRECONDITION unless recruitment-svc reports `household_id` where a
  // decision of `kind` may be taken (asked before a case is booked or decided on).
  absl::Status CheckHousehold(DecisionKind kind, Provenance provenance, const std::string& household_id) const;
  // FAILED_PRECONDITION unless familyfinding-svc reports each child where a decision
  // of `kind` may be taken on it, heard at panel or not (CheckChild), and — when
  // given — `decision_maker_local_authority` is every child's LA. Nothing for kinds
  // on households only.
  absl::Status CheckChildren(DecisionKind kind, const std::vector<std::string>& child_ids, bool with_panel,
                             const std::string* decision_maker_local_authority) const;
  // Records a decision (imported or live), publishes it and audits it, in `tx`.
  void Save(platform::Call& call, soci::session& tx, const Decision& d);

  platform::RpcRunner* rpc_;
  platform::Database* db_;
  const platform::Clock* clock_;
  const platform::StatutoryTable* statutory_;
  PanelStore* panels_;
  MeetingStore* meetings_;
  DecisionStore* decisions_;
  AgendaStore* agenda_;
  ReferralStore* referrals_;
  const RecruitmentHouseholds* households_;
  const FamilyFindingChildren* children_;
};

}  // namespace panel
