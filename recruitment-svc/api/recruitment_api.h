#pragma once
// gRPC handlers of adoption.recruitment.v1.RecruitmentService: validate, authorise,
// map proto <-> domain, call the domain, save in one transaction with audit and
// outbox rows.
#include "adoption/recruitment/v1/recruitment_service.grpc.pb.h"
#include "platform/rpc/clock.h"
#include "platform/db/db.h"
#include "platform/events/events.h"
#include "platform/rpc/rpc.h"
#include "recruitment-svc/store/household_store.h"

namespace recruitment {

// Who may call what: one row per RPC (iterated by the authorisation test).
const platform::PolicyTable& Policies();

// Which contexts may read which of recruitment's events from its event log.
const platform::EventVisibility& EventVisibility();

class RecruitmentApi final : public adoption::recruitment::v1::RecruitmentService::Service {
 public:
  RecruitmentApi(platform::RpcRunner* rpc, platform::Database* db, const platform::Clock* clock,
                 HouseholdStore* households)
      : rpc_(rpc), db_(db), clock_(clock), households_(households) {}

  using Ctx = grpc::ServerContext;
  grpc::Status CreateHousehold(Ctx* ctx, const adoption::recruitment::v1::CreateHouseholdRequest* request,
                               adoption::recruitment::v1::Household* response) override;
  grpc::Status GetHousehold(Ctx* ctx, const adoption::recruitment::v1::GetHouseholdRequest* request,
                            adoption::recruitment::v1::Household* response) override;
  grpc::Status ListHouseholds(Ctx* ctx, const adoption::recruitment::v1::ListHouseholdsRequest* request,
                              adoption::recruitment::v1::ListHouseholdsResponse* response) override;
  grpc::Status UpdateHousehold(Ctx* ctx, const adoption::recruitment::v1::UpdateHouseholdRequest* request,
                               adoption::recruitment::v1::Household* response) override;

 private:
  platform::RpcRunner* rpc_;
  platform::Database* db_;
  const platform::Clock* clock_;
  HouseholdStore* households_;
};

}  // namespace recruitment
