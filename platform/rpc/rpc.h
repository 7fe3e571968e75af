#pragma once
// The pipeline every handler runs in: request id, authentication (bearer JWT),
// authorisation against the service's policy table (roles, and what each reaches:
// platform/rpc/access.h), one log line per call, and errors turned into google.rpc.Status
// — so a handler only states its rule.
//
//   grpc::Status Api::GetHousehold(ServerContext* ctx, const GetHouseholdRequest* req, Household* out) {
//     return rpc_.Run(ctx, "GetHousehold", [&](Call& call) -> absl::Status { ... });
//   }
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "platform/rpc/access.h"
#include "platform/rpc/audit.h"
#include "platform/rpc/auth.h"
#include "platform/rpc/paging.h"

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

class RefusalRecorder;
class Sequencer;

// Settings of the pipeline a host gives its runners.
struct RpcOptions {
  // How long a create's request_id is honoured (a retry returns the first result).
  absl::Duration request_id_retention = absl::Hours(24 * 30);
  // The key page tokens are sealed with (platform/rpc/paging.h): the same for every
  // replica of a service, so a token outlives the replica that issued it.
  std::string page_token_key;
};

// One call in progress, as a handler sees it.
class Call {
 public:
  const Principal& principal() const { return principal_; }
  const std::string& request_id() const { return request_id_; }
  const std::string& method() const { return method_; }
  const RpcOptions& options() const { return *options_; }
  // What the caller reaches through this method (its granted roles' claims).
  const Coverage& coverage() const { return coverage_; }

  // NOT_FOUND naming `resource_name` unless the caller reaches `record`: a record out
  // of scope is, to this caller, not there (no existence leak). For Get, Update, verbs.
  absl::Status Reveal(const RecordScope& record, absl::string_view resource_name) const;
  // PERMISSION_DENIED unless the caller may hold a record scoped so: a Create, or
  // what an Update would make of a record.
  absl::Status MayHold(const RecordScope& record) const;

  // The page a List asks for. Its token must have been issued by this method, to this
  // caller, for this same `query` (the request's filter, with its parent for a list
  // under one); the next page's token is sealed the same way (NextPageToken).
  Page ParsePage(int page_size, absl::string_view page_token, absl::string_view query, Validation& v) const;
  // Writes an audit row (who, what, which resource, when, outcome "OK") in `tx`.
  // `detail`: what the call asked beyond the record (a question's conditions).
  void Audit(soci::session& tx, absl::string_view resource_type, absl::string_view resource_id,
             absl::string_view detail = "") const;
  // Records that this call read `resource_id`, for the audit log. Reads' rows are
  // committed together (AuditJournal) after the handler returns and before the answer
  // goes: a read that cannot be audited is not answered. A change audits itself in
  // its own transaction, with Audit.
  void AuditRead(absl::string_view resource_type, absl::string_view resource_id, absl::string_view detail = "");
  // Appends an event to the outbox in `tx`; it is published once the transaction commits.
  void Emit(soci::session& tx, absl::string_view aggregate_type, absl::string_view aggregate_id,
            const google::protobuf::Message& event);

  // This call's request id was found taken after its create had run (CreateOnce): the
  // transaction runs again, and looks the key up before creating.
  void NoteRequestIdTaken() { request_id_taken_ = true; }
  bool request_id_taken() const { return request_id_taken_; }

 private:
  friend class RpcRunner;
  Principal principal_;
  Coverage coverage_;
  std::string request_id_;
  std::string method_;
  const RpcOptions* options_ = nullptr;
  bool emitted_ = false;
  bool request_id_taken_ = false;
  std::vector<AuditRow> reads_;
};

class RpcRunner {
 public:
  // `sequencer` may be null for services that emit no events; `refusals` records
  // refused calls (counted, audited at a bounded rate); `reads` writes the audit rows
  // of reads (Call::AuditRead).
  RpcRunner(const TokenVerifier* verifier, const PolicyTable* policies, Sequencer* sequencer,
            RefusalRecorder* refusals, AuditJournal* reads, const RpcOptions* options);

  grpc::Status Run(grpc::ServerContext* ctx, absl::string_view method,
                   const std::function<absl::Status(Call&)>& handler);

 private:
  const TokenVerifier* verifier_;
  const PolicyTable* policies_;
  Sequencer* sequencer_;
  RefusalRecorder* refusals_;
  AuditJournal* reads_;
  const RpcOptions* options_;
};

}  // namespace platform
