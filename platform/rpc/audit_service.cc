#include "platform/rpc/audit_service.h"

#include <soci/soci.h>

#include <optional>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/time_util.h"
#include "platform/core/errors.h"
#include "platform/core/status_macros.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/rpc.h"

namespace platform {

namespace au = adoption::audit::v1;

namespace {

constexpr char kColumns[] =
    "audit_pk, occurred_at, actor, actor_roles, action, resource_type, resource_id, outcome, request_id, "
    "unwritten_before, detail";
// Audit rows name a record by its type and id (platform/rpc/audit.h), each at most 64
// characters; a subject at most 255.
constexpr size_t kMaxName = 64, kMaxActor = 255;

au::AuditEntry FromRow(const soci::row& row) {
  StoredRow r(row, "audit_log");
  au::AuditEntry e;
  e.set_position(r.Int("audit_pk"));
  *e.mutable_occur_time() = MicrosToTimestamp(r.Int("occurred_at"));
  e.set_actor(r.Text("actor"));
  for (absl::string_view role : absl::StrSplit(r.Text("actor_roles"), ',', absl::SkipEmpty())) {
    e.add_actor_roles(std::string(role));
  }
  e.set_method(r.Text("action"));
  e.set_resource_type(r.Text("resource_type"));
  e.set_resource_id(r.Text("resource_id"));
  e.set_outcome(r.Text("outcome"));
  e.set_request_id(r.Text("request_id"));
  e.set_unwritten_before(r.Int("unwritten_before"));
  e.set_detail(r.Text("detail"));
  return e;
}

// A time bound as microseconds since the epoch; nullopt when unset, a violation when
// it is not a valid Timestamp.
std::optional<long long> MicrosOf(const au::ListAuditEntriesRequest& request, bool start, Validation& v) {
  const bool given = start ? request.has_start_time() : request.has_end_time();
  if (!given) return std::nullopt;
  const google::protobuf::Timestamp& t = start ? request.start_time() : request.end_time();
  using google::protobuf::util::TimeUtil;
  const bool valid = t.seconds() >= TimeUtil::kTimestampMinSeconds && t.seconds() <= TimeUtil::kTimestampMaxSeconds &&
                     t.nanos() >= 0 && t.nanos() <= 999999999;
  if (!v.Check(valid, start ? "start_time" : "end_time",
               "must be a valid time (0001-01-01 to 9999-12-31, nanos 0 to 999,999,999)")) {
    return std::nullopt;
  }
  return TimeUtil::TimestampToMicroseconds(t);
}

// The conditions, as one text: a page token is good only for the conditions it was
// issued under.
std::string QueryOf(const au::ListAuditEntriesRequest& r) {
  return absl::StrCat(r.resource_type(), "\n", r.resource_id(), "\n", r.actor(), "\n",
                      r.has_start_time() ? r.start_time().ShortDebugString() : "", "\n",
                      r.has_end_time() ? r.end_time().ShortDebugString() : "");
}

// The conditions as an entry's detail says them: "actor=sw-1 start_time=2026-01-01T00:00:00Z".
// Each is bounded (the type and id 64 characters, the actor 255, the times 30): at most
// 512 characters together.
std::string ConditionsOf(const au::ListAuditEntriesRequest& r) {
  using google::protobuf::util::TimeUtil;
  std::vector<std::string> parts;
  if (!r.resource_type().empty()) parts.push_back(absl::StrCat("resource_type=", r.resource_type()));
  if (!r.resource_id().empty()) parts.push_back(absl::StrCat("resource_id=", r.resource_id()));
  if (!r.actor().empty()) parts.push_back(absl::StrCat("actor=", r.actor()));
  if (r.has_start_time()) parts.push_back(absl::StrCat("start_time=", TimeUtil::ToString(r.start_time())));
  if (r.has_end_time()) parts.push_back(absl::StrCat("end_time=", TimeUtil::ToString(r.end_time())));
  return absl::StrJoin(parts, " ");
}

std::optional<std::string> Given(const std::string& value) {
  return value.empty() ? std::nullopt : std::optional<std::string>(value);
}

}  // namespace

grpc::Status AuditServiceImpl::ListAuditEntries(grpc::ServerContext* ctx, const au::ListAuditEntriesRequest* request,
                                                au::ListAuditEntriesResponse* response) {
  return rpc_->Run(ctx, "ListAuditEntries", [&](Call& call) -> absl::Status {
    Validation v;
    Page page = call.ParsePage(request->page_size(), request->page_token(), QueryOf(*request), v);
    v.Check(request->resource_type().size() <= kMaxName, "resource_type",
            absl::StrCat("at most ", kMaxName, " characters"));
    v.Check(request->resource_id().size() <= kMaxName, "resource_id",
            absl::StrCat("at most ", kMaxName, " characters"));
    v.Check(request->actor().size() <= kMaxActor, "actor", absl::StrCat("at most ", kMaxActor, " characters"));
    const std::optional<long long> from = MicrosOf(*request, /*start=*/true, v),
                                   before = MicrosOf(*request, /*start=*/false, v);
    if (from && before) v.Check(*from < *before, "end_time", "must be after start_time");
    // A page resumes after the position its token names; the first after none.
    long long after = 0;
    if (!page.after_id.empty() && !absl::SimpleAtoi(page.after_id, &after)) {
      v.Add("page_token", "is not a token from a previous response");
    }
    RETURN_IF_ERROR(v.Status());
    page.after_id = std::to_string(after);
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();
      KeysetQuery q("audit_log", kColumns, page, "audit_pk");
      q.Equal("resource_type", Given(request->resource_type()));
      q.Equal("resource_id", Given(request->resource_id()));
      q.Equal("actor", Given(request->actor()));
      if (from) q.Where("occurred_at >= :from", {std::to_string(*from)});
      if (before) q.Where("occurred_at < :before", {std::to_string(*before)});
      q.ForEach(sql, [&](const soci::row& row) { *response->add_audit_entries() = FromRow(row); });
      if (response->audit_entries_size() == page.size) {
        // Page tokens carry an id's 26 characters: the position, zero-padded.
        response->set_next_page_token(PageTokenAfter(
            absl::StrFormat("%026d", response->audit_entries(page.size - 1).position()), page.seal));
      }
      // Who looked at who looked: the question is audited in the log it asked, under
      // the record it was about ("-" when it named none), with all its conditions.
      call.AuditRead("audit_log", request->resource_id().empty() ? "-" : request->resource_id(),
                 ConditionsOf(*request));
      return absl::OkStatus();
    });
  });
}

}  // namespace platform
