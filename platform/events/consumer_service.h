#pragma once
// The operator's hand on a service's consumers (docs/operations.md, "Event logs";
// proto/adoption/events/v1/event_consumers.proto). Dead letters — events a consumer set
// aside: list them, replay one with its consumer's handler once the cause is fixed, or
// skip it with a reason. A consumer stopped because its upstream's log went back:
// re-baseline it. Managers only; every listing and change audited.
#include <memory>
#include <vector>

#include "adoption/events/v1/event_consumers.grpc.pb.h"
#include "platform/events/events.h"

namespace platform {

class EventConsumerServiceImpl final : public adoption::events::v1::EventConsumerService::Service {
 public:
  // `consumers` is the host's list, read at each call (consumers are added after this
  // service is made).
  EventConsumerServiceImpl(RpcRunner* rpc, Database* db, const std::vector<std::unique_ptr<Consumer>>* consumers);

  grpc::Status ListEventConsumers(grpc::ServerContext* ctx,
                                  const adoption::events::v1::ListEventConsumersRequest* request,
                                  adoption::events::v1::ListEventConsumersResponse* response) override;
  grpc::Status RebaselineEventConsumer(grpc::ServerContext* ctx,
                                       const adoption::events::v1::RebaselineEventConsumerRequest* request,
                                       adoption::events::v1::EventConsumer* response) override;
  grpc::Status ListDeadLetters(grpc::ServerContext* ctx, const adoption::events::v1::ListDeadLettersRequest* request,
                               adoption::events::v1::ListDeadLettersResponse* response) override;
  grpc::Status ReplayDeadLetter(grpc::ServerContext* ctx, const adoption::events::v1::ReplayDeadLetterRequest* request,
                                adoption::events::v1::DeadLetter* response) override;
  grpc::Status SkipDeadLetter(grpc::ServerContext* ctx, const adoption::events::v1::SkipDeadLetterRequest* request,
                              adoption::events::v1::DeadLetter* response) override;

 private:
  Consumer* ConsumerOf(const std::string& upstream) const;
  // The consumer of `upstream` as stored (its cursor row and waiting dead letters).
  absl::StatusOr<adoption::events::v1::EventConsumer> Describe(soci::session& sql, const std::string& upstream) const;
  RpcRunner* rpc_;
  Database* db_;
  const std::vector<std::unique_ptr<Consumer>>* consumers_;
};

}  // namespace platform
