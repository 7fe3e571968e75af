#pragma once
// gRPC handlers of adoption.letterbox.v1.LetterboxService: validate, authorise, map
// proto <-> domain, call the domain, save in one transaction with audit and outbox
// rows. Contact arrangements (letterbox_api.cc), their exchanges and schedule
// (exchange_api.cc), and the report (report_api.cc).
#include "adoption/letterbox/v1/letterbox_service.grpc.pb.h"
#include "letterbox-svc/api/exchange_mapping.h"
#include "letterbox-svc/store/contact_arrangement_store.h"
#include "letterbox-svc/store/exchange_store.h"
#include "letterbox-svc/store/schedule_store.h"
#include "platform/server/database_gauges.h"
#include "platform/rpc/clock.h"
#include "platform/db/db.h"
#include "platform/rpc/rpc.h"
#include "platform/core/statutory.h"

namespace letterbox {

// Who may call what: one row per RPC (iterated by the authorisation test).
const platform::PolicyTable& Policies();

// The records as the audit log names them (and a disclosure: arrangement_disclosure.h).
inline constexpr char kArrangementResource[] = "contact_arrangement";
inline constexpr char kExchangeResource[] = "exchange";

// An arrangement is scoped by its child's local authority and its parties (the
// accounts acting for them online).
platform::RecordScope ArrangementScope(const ArrangementDetails& d);

// Rewrites the schedule of `a` from its items, in `tx`: with every change to an
// arrangement or its items, whoever makes it.
void Reschedule(soci::session& tx, const ContactArrangement& a, ExchangeStore& exchanges, ScheduleStore& schedule,
                long long now);

// The letterbox's gauges read from its database: letterbox_exchanges_awaiting_review,
// letterbox_exchanges_overdue, letterbox_arrangement_reviews_overdue.
void AddGauges(platform::DatabaseGauges& gauges, ContactArrangementStore* arrangements, ExchangeStore* exchanges,
               ScheduleStore* schedule, const platform::StatutoryTable* statutory, const platform::Clock* clock);

class LetterboxApi final : public adoption::letterbox::v1::LetterboxService::Service {
 public:
  // `statutory` gives the review interval in force on a day.
  LetterboxApi(platform::RpcRunner* rpc, platform::Database* db, const platform::Clock* clock,
               const platform::StatutoryTable* statutory, ContactArrangementStore* arrangements,
               ExchangeStore* exchanges, ScheduleStore* schedule)
      : rpc_(rpc),
        db_(db),
        clock_(clock),
        statutory_(statutory),
        arrangements_(arrangements),
        exchanges_(exchanges),
        schedule_(schedule) {}

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
  // Exchanges (exchange_api.cc).
  grpc::Status CreateExchange(Ctx* ctx, const adoption::letterbox::v1::CreateExchangeRequest* request,
                              adoption::letterbox::v1::Exchange* response) override;
  grpc::Status GetExchange(Ctx* ctx, const adoption::letterbox::v1::GetExchangeRequest* request,
                           adoption::letterbox::v1::Exchange* response) override;
  grpc::Status ListExchanges(Ctx* ctx, const adoption::letterbox::v1::ListExchangesRequest* request,
                             adoption::letterbox::v1::ListExchangesResponse* response) override;
  grpc::Status StartExchangeReview(Ctx* ctx, const adoption::letterbox::v1::StartExchangeReviewRequest* request,
                                   adoption::letterbox::v1::Exchange* response) override;
  grpc::Status ApproveExchange(Ctx* ctx, const adoption::letterbox::v1::ApproveExchangeRequest* request,
                               adoption::letterbox::v1::Exchange* response) override;
  grpc::Status ReturnExchange(Ctx* ctx, const adoption::letterbox::v1::ReturnExchangeRequest* request,
                              adoption::letterbox::v1::Exchange* response) override;
  grpc::Status WithholdExchange(Ctx* ctx, const adoption::letterbox::v1::WithholdExchangeRequest* request,
                                adoption::letterbox::v1::Exchange* response) override;
  grpc::Status ForwardExchange(Ctx* ctx, const adoption::letterbox::v1::ForwardExchangeRequest* request,
                               adoption::letterbox::v1::Exchange* response) override;
  grpc::Status ResubmitExchange(Ctx* ctx, const adoption::letterbox::v1::ResubmitExchangeRequest* request,
                                adoption::letterbox::v1::Exchange* response) override;
  grpc::Status MarkExchangeRead(Ctx* ctx, const adoption::letterbox::v1::MarkExchangeReadRequest* request,
                                adoption::letterbox::v1::Exchange* response) override;
  grpc::Status ListDueExchanges(Ctx* ctx, const adoption::letterbox::v1::ListDueExchangesRequest* request,
                                adoption::letterbox::v1::ListDueExchangesResponse* response) override;
  // The report (report_api.cc).
  grpc::Status ReportLetterbox(Ctx* ctx, const adoption::letterbox::v1::ReportLetterboxRequest* request,
                               adoption::letterbox::v1::LetterboxFigures* response) override;
  grpc::Status GetExchangeAttachment(Ctx* ctx, const adoption::letterbox::v1::GetExchangeAttachmentRequest* request,
                                     adoption::letterbox::v1::Attachment* response) override;

 private:
  void Reschedule(soci::session& tx, const ContactArrangement& a) {
    letterbox::Reschedule(tx, a, *exchanges_, *schedule_, clock_->NowMicros());
  }
  // A verb on an exchange in one transaction: found (within its arrangement) and
  // revealed to the caller, its etag checked, `change` applied (told who the caller
  // reads it as, and the transaction for its event), saved with `files`, audited.
  // `reader`, when given, receives that.
  using ExchangeChange =
      std::function<absl::Status(Exchange&, const ContactArrangement&, Reader, soci::session& tx)>;
  absl::StatusOr<Exchange> ChangeExchange(platform::Call& call, const std::string& name, const std::string& etag,
                                          platform::Validation v, const ExchangeChange& change,
                                          const FileData& files = {}, Reader* reader = nullptr);

  platform::RpcRunner* rpc_;
  platform::Database* db_;
  const platform::Clock* clock_;
  const platform::StatutoryTable* statutory_;
  ContactArrangementStore* arrangements_;
  ExchangeStore* exchanges_;
  ScheduleStore* schedule_;
};

}  // namespace letterbox
