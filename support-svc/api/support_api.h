#pragma once
// gRPC handlers of adoption.support.v1.SupportService: validate, authorise, map
// proto <-> domain, call the domain, save in one transaction with audit and outbox
// rows. Support requests only, for now; the other RPCs of the contract are declared
// for later issues and answer UNIMPLEMENTED.
#include "adoption/support/v1/support_service.grpc.pb.h"
#include "platform/db.h"
#include "platform/rpc.h"
#include "support-svc/store/support_request_store.h"

namespace support {

// Who may call what: one row per RPC (iterated by the authorisation test).
const platform::PolicyTable& Policies();

class SupportApi final : public adoption::support::v1::SupportService::Service {
 public:
  // `timescales` defaults to the compiled-in statutory table and bank holidays.
  SupportApi(platform::RpcRunner* rpc, platform::Database* db, SupportRequestStore* requests,
             Timescales timescales = Timescales::Defaults())
      : rpc_(rpc), db_(db), requests_(requests), timescales_(timescales) {}

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
  platform::RpcRunner* rpc_;
  platform::Database* db_;
  SupportRequestStore* requests_;
  Timescales timescales_;
};

}  // namespace support
