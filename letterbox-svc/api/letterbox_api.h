#pragma once
// gRPC handlers of adoption.letterbox.v1.LetterboxService: validate, authorise, map
// proto <-> domain, call the domain, save in one transaction with audit and outbox
// rows. Contact arrangements only, for now; the exchange RPCs of the contract are
// declared for later issues and answer UNIMPLEMENTED.
#include "adoption/letterbox/v1/letterbox_service.grpc.pb.h"
#include "letterbox-svc/store/contact_arrangement_store.h"
#include "platform/db.h"
#include "platform/rpc.h"

namespace letterbox {

// Who may call what: one row per RPC (iterated by the authorisation test).
const platform::PolicyTable& Policies();

class LetterboxApi final : public adoption::letterbox::v1::LetterboxService::Service {
 public:
  // `table` (review interval) defaults to the compiled-in statutory table.
  LetterboxApi(platform::RpcRunner* rpc, platform::Database* db, ContactArrangementStore* arrangements,
               const platform::StatutoryTable* table = &platform::StatutoryTable::Defaults())
      : rpc_(rpc), db_(db), arrangements_(arrangements), table_(table) {}

  using Ctx = grpc::ServerContext;
  grpc::Status CreateContactArrangement(Ctx* ctx,
                                        const adoption::letterbox::v1::CreateContactArrangementRequest* request,
                                        adoption::letterbox::v1::ContactArrangement* response) override;
  grpc::Status GetContactArrangement(Ctx* ctx, const adoption::letterbox::v1::GetContactArrangementRequest* request,
                                     adoption::letterbox::v1::ContactArrangement* response) override;
  grpc::Status ListContactArrangements(Ctx* ctx,
                                       const adoption::letterbox::v1::ListContactArrangementsRequest* request,
                                       adoption::letterbox::v1::ListContactArrangementsResponse* response) override;
  grpc::Status UpdateContactArrangement(Ctx* ctx,
                                        const adoption::letterbox::v1::UpdateContactArrangementRequest* request,
                                        adoption::letterbox::v1::ContactArrangement* response) override;

 private:
  platform::RpcRunner* rpc_;
  platform::Database* db_;
  ContactArrangementStore* arrangements_;
  const platform::StatutoryTable* table_;
};

}  // namespace letterbox
