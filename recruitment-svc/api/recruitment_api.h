#pragma once
// gRPC handlers of adoption.recruitment.v1.RecruitmentService: validate, authorise,
// map proto <-> domain, call the domain, save in one transaction with audit and
// outbox rows.
#include <functional>
#include <string>

#include "adoption/recruitment/v1/recruitment_service.grpc.pb.h"
#include "platform/core/statutory.h"
#include "platform/db/db.h"
#include "platform/events/events.h"
#include "platform/rpc/clock.h"
#include "platform/rpc/rpc.h"
#include "platform/server/database_gauges.h"
#include "recruitment-svc/store/household_store.h"
#include "recruitment-svc/store/information_session_store.h"
#include "recruitment-svc/store/registration_pause_store.h"

namespace recruitment {

// Who may call what: one row per RPC (iterated by the authorisation test).
const platform::PolicyTable& Policies();

// The gauges operations watch: recruitment_households_overdue, the households with a
// journey clock running past its due date today.
void AddGauges(platform::DatabaseGauges& gauges, HouseholdStore* households, const platform::Clock* clock);

// Which contexts may read which of recruitment's events from its event log.
const platform::EventVisibility& EventVisibility();

// The household as a Get shows it to staff on `today`: with its retention date and its
// journey's clocks (case notes and all).
adoption::recruitment::v1::Household ShownToStaff(const Household& h, const platform::StatutoryTable& statutory,
                                                  platform::Date today);

class RecruitmentApi final : public adoption::recruitment::v1::RecruitmentService::Service {
 public:
  RecruitmentApi(platform::RpcRunner* rpc, platform::Database* db, const platform::Clock* clock,
                 const platform::StatutoryTable* statutory, HouseholdStore* households,
                 InformationSessionStore* sessions, RegistrationPauseStore* pauses)
      : rpc_(rpc),
        db_(db),
        clock_(clock),
        statutory_(statutory),
        households_(households),
        sessions_(sessions),
        pauses_(pauses) {}

  using Ctx = grpc::ServerContext;
  grpc::Status CreateHousehold(Ctx* ctx, const adoption::recruitment::v1::CreateHouseholdRequest* request,
                               adoption::recruitment::v1::Household* response) override;
  grpc::Status GetHousehold(Ctx* ctx, const adoption::recruitment::v1::GetHouseholdRequest* request,
                            adoption::recruitment::v1::Household* response) override;
  grpc::Status ListHouseholds(Ctx* ctx, const adoption::recruitment::v1::ListHouseholdsRequest* request,
                              adoption::recruitment::v1::ListHouseholdsResponse* response) override;
  grpc::Status UpdateHousehold(Ctx* ctx, const adoption::recruitment::v1::UpdateHouseholdRequest* request,
                               adoption::recruitment::v1::Household* response) override;

  grpc::Status CreateInformationSession(Ctx* ctx,
                                        const adoption::recruitment::v1::CreateInformationSessionRequest* request,
                                        adoption::recruitment::v1::InformationSession* response) override;
  grpc::Status GetInformationSession(Ctx* ctx, const adoption::recruitment::v1::GetInformationSessionRequest* request,
                                     adoption::recruitment::v1::InformationSession* response) override;
  grpc::Status ListInformationSessions(Ctx* ctx,
                                       const adoption::recruitment::v1::ListInformationSessionsRequest* request,
                                       adoption::recruitment::v1::ListInformationSessionsResponse* response) override;
  grpc::Status BookInformationSession(Ctx* ctx, const adoption::recruitment::v1::BookInformationSessionRequest* request,
                                      adoption::recruitment::v1::Household* response) override;
  grpc::Status RecordInformationSessionAttendance(
      Ctx* ctx, const adoption::recruitment::v1::RecordInformationSessionAttendanceRequest* request,
      adoption::recruitment::v1::Household* response) override;
  grpc::Status CreateRegistrationPause(Ctx* ctx,
                                       const adoption::recruitment::v1::CreateRegistrationPauseRequest* request,
                                       adoption::recruitment::v1::RegistrationPause* response) override;
  grpc::Status ListRegistrationPauses(Ctx* ctx,
                                      const adoption::recruitment::v1::ListRegistrationPausesRequest* request,
                                      adoption::recruitment::v1::ListRegistrationPausesResponse* response) override;
  grpc::Status EndRegistrationPause(Ctx* ctx, const adoption::recruitment::v1::EndRegistrationPauseRequest* request,
                                    adoption::recruitment::v1::RegistrationPause* response) override;
  grpc::Status RecordStageTwoProgress(Ctx* ctx,
                                      const adoption::recruitment::v1::RecordStageTwoProgressRequest* request,
                                      adoption::recruitment::v1::Household* response) override;
  grpc::Status RecordStageOneCheck(Ctx* ctx, const adoption::recruitment::v1::RecordStageOneCheckRequest* request,
                                   adoption::recruitment::v1::Household* response) override;
  // The journey's verbs: each takes one step (domain/journey.h) at the household's etag.
  grpc::Status RecordInitialVisit(Ctx* ctx, const adoption::recruitment::v1::RecordInitialVisitRequest* request,
                                  adoption::recruitment::v1::Household* response) override;
  grpc::Status ReceiveRegistrationOfInterest(
      Ctx* ctx, const adoption::recruitment::v1::ReceiveRegistrationOfInterestRequest* request,
      adoption::recruitment::v1::Household* response) override;
  grpc::Status DecideRegistrationOfInterest(
      Ctx* ctx, const adoption::recruitment::v1::DecideRegistrationOfInterestRequest* request,
      adoption::recruitment::v1::Household* response) override;
  grpc::Status StartStageOne(Ctx* ctx, const adoption::recruitment::v1::StartStageOneRequest* request,
                             adoption::recruitment::v1::Household* response) override;
  grpc::Status CompleteStageOne(Ctx* ctx, const adoption::recruitment::v1::CompleteStageOneRequest* request,
                                adoption::recruitment::v1::Household* response) override;
  grpc::Status StartBreak(Ctx* ctx, const adoption::recruitment::v1::StartBreakRequest* request,
                          adoption::recruitment::v1::Household* response) override;
  grpc::Status StartStageTwo(Ctx* ctx, const adoption::recruitment::v1::StartStageTwoRequest* request,
                             adoption::recruitment::v1::Household* response) override;
  grpc::Status ReferHouseholdToPanel(Ctx* ctx, const adoption::recruitment::v1::ReferHouseholdToPanelRequest* request,
                                     adoption::recruitment::v1::Household* response) override;
  grpc::Status WithdrawHousehold(Ctx* ctx, const adoption::recruitment::v1::WithdrawHouseholdRequest* request,
                                 adoption::recruitment::v1::Household* response) override;
  grpc::Status CounselOutHousehold(Ctx* ctx, const adoption::recruitment::v1::CounselOutHouseholdRequest* request,
                                   adoption::recruitment::v1::Household* response) override;

  // A household's history from the agency's old system (import_api.cc).
  grpc::Status ImportHousehold(Ctx* ctx, const adoption::recruitment::v1::ImportHouseholdRequest* request,
                               adoption::recruitment::v1::ImportHouseholdResponse* response) override;
  // The adopters' reports (reports_api.cc).
  grpc::Status ReportAdopterFunnel(Ctx* ctx, const adoption::recruitment::v1::ReportAdopterFunnelRequest* request,
                                   adoption::recruitment::v1::AdopterFunnel* response) override;
  grpc::Status ReportHouseholdStages(Ctx* ctx, const adoption::recruitment::v1::ReportHouseholdStagesRequest* request,
                                     adoption::recruitment::v1::HouseholdStages* response) override;
  grpc::Status ReportApprovedNotMatched(Ctx* ctx,
                                        const adoption::recruitment::v1::ReportApprovedNotMatchedRequest* request,
                                        adoption::recruitment::v1::ApprovedNotMatched* response) override;
  grpc::Status ReportRoiCohort(Ctx* ctx, const adoption::recruitment::v1::ReportRoiCohortRequest* request,
                               adoption::recruitment::v1::RoiCohort* response) override;
  grpc::Status ReportWithdrawals(Ctx* ctx, const adoption::recruitment::v1::ReportWithdrawalsRequest* request,
                                 adoption::recruitment::v1::Withdrawals* response) override;
  grpc::Status ReportAssessmentTimeliness(Ctx* ctx,
                                          const adoption::recruitment::v1::ReportAssessmentTimelinessRequest* request,
                                          adoption::recruitment::v1::AssessmentTimeliness* response) override;
  grpc::Status ReportMatchWaits(Ctx* ctx, const adoption::recruitment::v1::ReportMatchWaitsRequest* request,
                                adoption::recruitment::v1::MatchWaits* response) override;
  grpc::Status ReportApprovals(Ctx* ctx, const adoption::recruitment::v1::ReportApprovalsRequest* request,
                               adoption::recruitment::v1::Approvals* response) override;
  grpc::Status ReportAdopterPlacements(Ctx* ctx, const adoption::recruitment::v1::ReportAdopterPlacementsRequest* request,
                                       adoption::recruitment::v1::AdopterPlacements* response) override;

 private:
  // The histories a report reads (those a period touches, or all), read in one
  // transaction that audits the report's run.
  absl::StatusOr<std::vector<HouseholdHistory>> Histories(platform::Call& call, const std::string& report,
                                                          std::optional<platform::Period> touching);
  // The household as `call`'s caller may see it, with its clocks as of today: case
  // notes are for staff.
  adoption::recruitment::v1::Household Shown(const Household& h, const platform::Call& call) const;
  // The journey's rules in force on `day`; INVALID_ARGUMENT on effective_date when none were.
  absl::StatusOr<JourneyRules> RulesOn(platform::Date day) const;
  // The one way a household changes after it is created: loads the household `name`,
  // checks the caller reaches it and the etag, applies `change`, saves, emits
  // HouseholdStatusChanged when a new step moved the status, audits, answers.
  using ChangeFn = std::function<absl::Status(Household&, soci::session&, const platform::Revision&)>;
  absl::Status Change(platform::Call& call, const std::string& name, long long version, const ChangeFn& change,
                      adoption::recruitment::v1::Household* response);
  // Takes one step on the household `name` at `etag` (Change); `then` runs after the
  // step, in the transaction.
  using AfterStep = std::function<absl::Status(Household&, platform::Call&, soci::session&)>;
  absl::Status Step(platform::Call& call, const std::string& name, const std::string& etag,
                    const adoption::type::v1::Date& effective_date, JourneyEvent event, const std::string& reason,
                    const std::string& reason_field, adoption::recruitment::v1::Household* response,
                    const AfterStep& then = nullptr);

  platform::RpcRunner* rpc_;
  platform::Database* db_;
  const platform::Clock* clock_;
  const platform::StatutoryTable* statutory_;
  HouseholdStore* households_;
  InformationSessionStore* sessions_;
  RegistrationPauseStore* pauses_;
};

}  // namespace recruitment
