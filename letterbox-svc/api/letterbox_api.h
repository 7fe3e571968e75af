#pragma once
// gRPC handlers of adoption.letterbox.v1.LetterboxService: validate, authorise, map
// proto <-> domain, call the domain, save in one transaction with audit and outbox
// rows. Contact arrangements are built; exchanges are the letterbox work still to
// come (docs/domain.md §5, "Not built yet"), and until then gRPC itself answers them
// UNIMPLEMENTED.
#include "adoption/letterbox/v1/letterbox_service.grpc.pb.h"
#include "letterbox-svc/store/contact_arrangement_store.h"
#include "platform/rpc/clock.h"
#include "platform/db/db.h"
#include "platform/rpc/rpc.h"
#include "platform/core/statutory.h"

namespace letterbox {

// Who may call what: one row per RPC (iterated by the authorisation test).
const platform::PolicyTable& Policies();

class LetterboxApi final : public adoption::letterbox::v1::LetterboxService::Service {
 public:
  // `statutory` gives the review interval in force on a day.
  LetterboxApi(platform::RpcRunner* rpc, platform::Database* db, const platform::Clock* clock,
               const platform::StatutoryTable* statutory, ContactArrangementStore* arrangements)
      : rpc_(rpc), db_(db), clock_(clock), statutory_(statutory), arrangements_(arrangements) {}

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
  const platform::Clock* clock_;
  const platform::StatutoryTable* statutory_;
  ContactArrangementStore* arrangements_;
};

}  // namespace letterbox
