#include "platform/rpc/rpc.h"

#include <grpcpp/server_context.h>
#include <soci/soci.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "google/protobuf/message.h"
#include "platform/rpc/audit.h"
#include "platform/rpc/caller.h"
#include "platform/core/errors.h"
#include "platform/events/events.h"
#include "platform/rpc/grpc_status.h"
#include "platform/core/ids.h"
#include "platform/server/log.h"
#include "platform/db/record.h"
#include "platform/rpc/refusals.h"
#include "platform/rpc/request_id.h"

namespace platform {
namespace {

std::string Metadata(grpc::ServerContext* ctx, const char* key) {
  const auto& md = ctx->client_metadata();
  auto it = md.find(key);
  return it == md.end() ? std::string() : std::string(it->second.data(), it->second.size());
}

}  // namespace

Page Call::ParsePage(int page_size, absl::string_view page_token, absl::string_view query, Validation& v) const {
  // Subjects and method names hold no newline (tokens are checked), so the fields
  // cannot run into one another.
  return platform::ParsePage(page_size, page_token,
                             {.key = options_->page_token_key,
                              .binding = absl::StrCat(method_, "\n", principal_.subject, "\n", query)},
                             v);
}

absl::Status Call::Reveal(const RecordScope& record, absl::string_view resource_name) const {
  return coverage_.Covers(record) ? absl::OkStatus() : NotFound(resource_name);
}

absl::Status Call::MayHold(const RecordScope& record) const {
  if (coverage_.Covers(record)) return absl::OkStatus();
  return PermissionDenied(absl::StrCat("the caller may not hold this record through ", method_,
                                       ": it lies outside the local authorities, household or party the "
                                       "caller's token covers"));
}

void Call::Audit(soci::session& tx, absl::string_view resource_type, absl::string_view resource_id,
                 absl::string_view detail) const {
  WriteAudit(tx, principal_, method_, resource_type, resource_id, "OK", request_id_, 0, detail);
}

void Call::AuditRead(absl::string_view resource_type, absl::string_view resource_id, absl::string_view detail) {
  // A read the database layer ran again (after a lost connection) names its records again.
  for (const AuditRow& r : reads_) {
    if (r.resource_type == resource_type && r.resource_id == resource_id && r.detail == detail) return;
  }
  reads_.push_back(MakeAuditRow(principal_, method_, resource_type, resource_id, "OK", request_id_, 0, detail));
}

void Call::Emit(soci::session& tx, absl::string_view aggregate_type, absl::string_view aggregate_id,
                const google::protobuf::Message& event) {
  AppendToOutbox(tx, aggregate_type, aggregate_id, event, request_id_);
  emitted_ = true;
}

RpcRunner::RpcRunner(const TokenVerifier* verifier, const PolicyTable* policies, Sequencer* sequencer,
                     RefusalRecorder* refusals, AuditJournal* reads, const RpcOptions* options)
    : verifier_(verifier),
      policies_(policies),
      sequencer_(sequencer),
      refusals_(refusals),
      reads_(reads),
      options_(options) {}

grpc::Status RpcRunner::Run(grpc::ServerContext* ctx, absl::string_view method,
                            const std::function<absl::Status(Call&)>& handler) {
  const auto start = std::chrono::steady_clock::now();
  Call call;
  call.method_ = std::string(method);
  call.options_ = options_;
  std::string given = Metadata(ctx, "x-request-id");
  call.request_id_ = UsableRequestId(given) ? given : NewId();
  ctx->AddInitialMetadata("x-request-id", call.request_id_);
  log::ScopedRequestId scoped(call.request_id_);

  absl::Status status;
  bool logged = true;  // refusals beyond the audited rate are counted, not logged
  auto principal = IdentifyCaller(*verifier_, Metadata(ctx, "authorization"), PeerCertificateName(ctx),
                                  SuiteServiceNames());
  if (!principal.ok()) {
    status = Unauthenticated(principal.status().message());
    logged = refusals_->Record(call.principal_, call.method_, call.request_id_, "UNAUTHENTICATED", ctx->peer());
  } else {
    call.principal_ = *std::move(principal);
    if (!policies_->Allows(method, call.principal_)) {
      status = PermissionDenied(absl::StrCat("the caller's roles may not call ", method));
      logged = refusals_->Record(call.principal_, call.method_, call.request_id_, "PERMISSION_DENIED", ctx->peer());
    } else {
      call.coverage_ = policies_->CoverageFor(method, call.principal_);
      try {
        status = handler(call);
      } catch (const CorruptRecord& e) {
        // A stored value that cannot be read is lost data, never answered with a default.
        log::Error("corrupt_record", {{"method", call.method_}, {"what", e.what()}});
        status = absl::DataLossError("a stored record cannot be read");
      } catch (const std::exception& e) {
        log::Error("handler_exception", {{"method", call.method_}, {"what", e.what()}});
        status = absl::InternalError("internal error");
      } catch (...) {
        log::Error("handler_exception", {{"method", call.method_}});
        status = absl::InternalError("internal error");
      }
    }
  }
  if (status.ok() && !call.reads_.empty()) {
    // The answer waits for its audit rows' commit (shared with the other reads of the moment).
    const absl::Status audited = reads_ ? reads_->Write(std::move(call.reads_))
                                        : absl::InternalError("this runner has no audit journal for reads");
    if (!audited.ok()) {
      log::Error("read_not_audited", {{"method", call.method_}, {"error", std::string(audited.message())}});
      status = absl::UnavailableError("the read could not be recorded in the audit log, so it is not answered; "
                                      "try again");
    }
  }
  if (status.ok() && call.emitted_ && sequencer_) sequencer_->Notify();
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!logged) return ToGrpcStatus(status);
  (status.ok() || absl::IsInvalidArgument(status) || absl::IsNotFound(status) ? log::Info : log::Warn)(
      "rpc", {{"method", call.method_},
              {"code", absl::StatusCodeToString(status.code())},
              {"ms", absl::StrCat(static_cast<int>(ms * 1000) / 1000.0)}});
  return ToGrpcStatus(status);
}

}  // namespace platform
