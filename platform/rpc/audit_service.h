#pragma once
// Questions of a service's audit log (docs/architecture.md, "Audit";
// proto/adoption/audit/v1/audit.proto): who saw this record, what did this caller do,
// what happened in this period. Every ServiceHost serves it over its own log; managers
// only, and each question is audited in the log it reads.
#include "adoption/audit/v1/audit.grpc.pb.h"

namespace platform {

class Database;
class RpcRunner;

class AuditServiceImpl final : public adoption::audit::v1::AuditService::Service {
 public:
  AuditServiceImpl(RpcRunner* rpc, Database* db) : rpc_(rpc), db_(db) {}

  grpc::Status ListAuditEntries(grpc::ServerContext* ctx, const adoption::audit::v1::ListAuditEntriesRequest* request,
                                adoption::audit::v1::ListAuditEntriesResponse* response) override;

 private:
  RpcRunner* rpc_;
  Database* db_;
};

}  // namespace platform
