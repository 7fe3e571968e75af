#include "platform/rpc.h"

#include <grpcpp/server_context.h>
#include <soci/soci.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/message.h"
#include "platform/db.h"
#include "platform/errors.h"
#include "platform/events.h"
#include "platform/ids.h"
#include "platform/log.h"

namespace platform {
namespace {

std::string Metadata(grpc::ServerContext* ctx, const char* key) {
  const auto& md = ctx->client_metadata();
  auto it = md.find(key);
  return it == md.end() ? std::string() : std::string(it->second.data(), it->second.size());
}

// A caller's request id is echoed into logs: accept only short printable ids.
bool UsableRequestId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

std::string RolesText(const Principal& p) {
  std::vector<std::string> names;
  for (Role r : p.roles) names.push_back(RoleName(r));
  return absl::StrJoin(names, ",");
}

}  // namespace

PolicyTable::PolicyTable(std::vector<MethodPolicy> policies) : policies_(std::move(policies)) {
  for (const auto& p : policies_) by_method_[p.method] = &p;
}

bool PolicyTable::Allows(absl::string_view method, const Principal& principal) const {
  auto it = by_method_.find(method);
  if (it == by_method_.end()) return false;
  for (Role r : it->second->roles) {
    if (principal.Has(r)) return true;
  }
  return false;
}

void WriteAudit(soci::session& tx, const Principal& who, absl::string_view action, absl::string_view resource_type,
                absl::string_view resource_id, absl::string_view outcome, absl::string_view request_id) {
  long long now = NowMicros();
  std::string actor = who.subject.empty() ? "anonymous" : who.subject, roles = RolesText(who),
              act(action), type(resource_type), id(resource_id), out(outcome), rid(request_id);
  tx << "INSERT INTO audit_log (occurred_at, actor, actor_roles, action, resource_type, resource_id, outcome, "
        "request_id) VALUES (:t, :a, :r, :ac, :rt, :ri, :o, :q)",
      soci::use(now), soci::use(actor), soci::use(roles), soci::use(act), soci::use(type), soci::use(id),
      soci::use(out), soci::use(rid);
}

std::optional<std::string> FindRequest(soci::session& tx, absl::string_view method, absl::string_view request_id) {
  std::string m(method), r(request_id), resource;
  soci::indicator ind = soci::i_null;
  tx << "SELECT resource_id FROM idempotency_keys WHERE method = :m AND request_id = :r", soci::use(m),
      soci::use(r), soci::into(resource, ind);
  if (!tx.got_data() || ind != soci::i_ok) return std::nullopt;
  return resource;
}

void RememberRequest(soci::session& tx, absl::string_view method, absl::string_view request_id,
                     absl::string_view resource_id) {
  std::string m(method), r(request_id), id(resource_id);
  long long now = NowMicros();
  tx << "INSERT INTO idempotency_keys (method, request_id, resource_id, created_at) VALUES (:m, :r, :i, :t)",
      soci::use(m), soci::use(r), soci::use(id), soci::use(now);
}

void Call::Audit(soci::session& tx, absl::string_view resource_type, absl::string_view resource_id) const {
  WriteAudit(tx, principal_, method_, resource_type, resource_id, "OK", request_id_);
}

void Call::Emit(soci::session& tx, absl::string_view aggregate_type, absl::string_view aggregate_id,
                const google::protobuf::Message& event) {
  AppendToOutbox(tx, aggregate_type, aggregate_id, event, request_id_);
  emitted_ = true;
}

RpcRunner::RpcRunner(const TokenVerifier* verifier, const PolicyTable* policies, Database* db,
                     Sequencer* sequencer)
    : verifier_(verifier), policies_(policies), db_(db), sequencer_(sequencer) {}

void RpcRunner::AuditRefusal(const Call& call, absl::string_view outcome) {
  // Refusals are written on their own: the call itself changes nothing.
  absl::Status s = db_->Transaction([&](soci::session& tx) {
    WriteAudit(tx, call.principal(), call.method(), "-", "-", outcome, call.request_id());
    return absl::OkStatus();
  });
  if (!s.ok()) log::Warn("audit_failed", {{"method", call.method()}});
}

grpc::Status RpcRunner::Run(grpc::ServerContext* ctx, absl::string_view method,
                            const std::function<absl::Status(Call&)>& handler) {
  const auto start = std::chrono::steady_clock::now();
  Call call;
  call.method_ = std::string(method);
  std::string given = Metadata(ctx, "x-request-id");
  call.request_id_ = UsableRequestId(given) ? given : NewId();
  ctx->AddInitialMetadata("x-request-id", call.request_id_);
  log::ScopedRequestId scoped(call.request_id_);

  absl::Status status;
  auto principal = verifier_->VerifyHeader(Metadata(ctx, "authorization"));
  if (!principal.ok()) {
    status = Unauthenticated(principal.status().message());
    AuditRefusal(call, "UNAUTHENTICATED");
  } else {
    call.principal_ = *std::move(principal);
    if (!policies_->Allows(method, call.principal_)) {
      status = PermissionDenied(absl::StrCat("the caller's roles may not call ", method));
      AuditRefusal(call, "PERMISSION_DENIED");
    } else {
      try {
        status = handler(call);
      } catch (const std::exception& e) {
        log::Error("handler_exception", {{"method", call.method_}, {"what", e.what()}});
        status = absl::InternalError("internal error");
      } catch (...) {
        log::Error("handler_exception", {{"method", call.method_}});
        status = absl::InternalError("internal error");
      }
    }
  }
  if (status.ok() && call.emitted_ && sequencer_) sequencer_->Notify();
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  (status.ok() || absl::IsInvalidArgument(status) || absl::IsNotFound(status) ? log::Info : log::Warn)(
      "rpc", {{"method", call.method_},
              {"code", absl::StatusCodeToString(status.code())},
              {"ms", absl::StrCat(static_cast<int>(ms * 1000) / 1000.0)}});
  return ToGrpcStatus(status);
}

}  // namespace platform
