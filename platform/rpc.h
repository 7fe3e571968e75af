#pragma once
// The pipeline every handler runs in: request id, authentication (bearer JWT),
// authorisation against the service's policy table, one log line per call, and
// errors turned into google.rpc.Status — so a handler only states its rule.
//
//   grpc::Status Api::GetHousehold(ServerContext* ctx, const GetHouseholdRequest* req, Household* out) {
//     return rpc_.Run(ctx, "GetHousehold", [&](Call& call) -> absl::Status { ... });
//   }
#include <functional>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "platform/auth.h"

namespace grpc {
class ServerContext;
class Status;
}  // namespace grpc
namespace google::protobuf {
class Message;
}
namespace soci {
class session;
}

namespace platform {

class Database;
class Sequencer;

// Who may call a method. A method missing from the table is refused to everyone.
struct MethodPolicy {
  std::string method;        // "CreateHousehold"
  std::vector<Role> roles;   // any of these
};

class PolicyTable {
 public:
  explicit PolicyTable(std::vector<MethodPolicy> policies);
  bool Allows(absl::string_view method, const Principal& p) const;
  const std::vector<MethodPolicy>& policies() const { return policies_; }

 private:
  std::vector<MethodPolicy> policies_;
  absl::flat_hash_map<std::string, const MethodPolicy*> by_method_;
};

// One call in progress, as a handler sees it.
class Call {
 public:
  const Principal& principal() const { return principal_; }
  const std::string& request_id() const { return request_id_; }
  const std::string& method() const { return method_; }

  // Writes an audit row (who, what, which resource, when, outcome "OK") in `tx`.
  void Audit(soci::session& tx, absl::string_view resource_type, absl::string_view resource_id) const;
  // Appends an event to the outbox in `tx`; it is published once the transaction commits.
  void Emit(soci::session& tx, absl::string_view aggregate_type, absl::string_view aggregate_id,
            const google::protobuf::Message& event);

 private:
  friend class RpcRunner;
  Principal principal_;
  std::string request_id_;
  std::string method_;
  bool emitted_ = false;
};

class RpcRunner {
 public:
  // `sequencer` may be null for services that emit no events.
  RpcRunner(const TokenVerifier* verifier, const PolicyTable* policies, Database* db, Sequencer* sequencer);

  grpc::Status Run(grpc::ServerContext* ctx, absl::string_view method,
                   const std::function<absl::Status(Call&)>& handler);

 private:
  void AuditRefusal(const Call& call, absl::string_view outcome);
  const TokenVerifier* verifier_;
  const PolicyTable* policies_;
  Database* db_;
  Sequencer* sequencer_;
};

// Writes an audit row; shared by Call::Audit and the refusal path.
void WriteAudit(soci::session& tx, const Principal& who, absl::string_view action, absl::string_view resource_type,
                absl::string_view resource_id, absl::string_view outcome, absl::string_view request_id);

// Idempotent creates: the resource id a previous call with this request id made.
std::optional<std::string> FindRequest(soci::session& tx, absl::string_view method, absl::string_view request_id);
void RememberRequest(soci::session& tx, absl::string_view method, absl::string_view request_id,
                     absl::string_view resource_id);

}  // namespace platform
