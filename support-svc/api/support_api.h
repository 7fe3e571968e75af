#pragma once
// gRPC handlers of adoption.support.v1.SupportService: validate, authorise, map
// proto <-> domain, call the domain, save in one transaction with audit and outbox
// rows. Support requests are built; assessments of need, ASF applications, allowances
// and records-access requests are the support work still to come (docs/domain.md §4,
// "Not built yet"), and until then gRPC itself answers them UNIMPLEMENTED.
#include "adoption/support/v1/support_service.grpc.pb.h"
#include "platform/core/calendar.h"
#include "platform/rpc/clock.h"
#include "platform/db/db.h"
#include "platform/rpc/rpc.h"
#include "platform/core/statutory.h"
#include "support-svc/store/support_request_store.h"

namespace support {

// Who may call what: one row per RPC (iterated by the authorisation test).
const platform::PolicyTable& Policies();

class SupportApi final : public adoption::support::v1::SupportService::Service {
 public:
  // `statutory` gives the support call timescale in force on a day, counted in
  // `calendar`'s working days.
  SupportApi(platform::RpcRunner* rpc, platform::Database* db, const platform::Clock* clock,
             const platform::StatutoryTable* statutory, const platform::WorkingDayCalendar* calendar,
             SupportRequestStore* requests)
      : rpc_(rpc), db_(db), clock_(clock), statutory_(statutory), calendar_(calendar), requests_(requests) {}

  using Ctx = grpc::ServerContext;
  grpc::Status CreateSupportRequest(Ctx* ctx, const adoption::support::v1::CreateSupportRequestRequest* request,
                                    adoption::support::v1::SupportRequest* response) override;
  grpc::Status GetSupportRequest(Ctx* ctx, const adoption::support::v1::GetSupportRequestRequest* request,
                                 adoption::support::v1::SupportRequest* response) override;
  grpc::Status ListSupportRequests(Ctx* ctx, const adoption::support::v1::ListSupportRequestsRequest* request,
                                   adoption::support::v1::ListSupportRequestsResponse* response) override;
  grpc::Status UpdateSupportRequest(Ctx* ctx, const adoption::support::v1::UpdateSupportRequestRequest* request,
                                    adoption::support::v1::SupportRequest* response) override;

 private:
  // The rules in force on the day a request was received.
  SupportRules RulesOn(platform::Date received) const { return SupportRules::On(*statutory_, *calendar_, received); }

  platform::RpcRunner* rpc_;
  platform::Database* db_;
  const platform::Clock* clock_;
  const platform::StatutoryTable* statutory_;
  const platform::WorkingDayCalendar* calendar_;
  SupportRequestStore* requests_;
};

}  // namespace support
