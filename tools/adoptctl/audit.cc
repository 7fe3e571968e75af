#include "tools/adoptctl/audit.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "adoption/audit/v1/audit.grpc.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "platform/core/calendar.h"
#include "platform/core/writing.h"
#include "tools/adoptctl/call.h"
#include "tools/adoptctl/report.h"

namespace adoptctl {

namespace au = adoption::audit::v1;

namespace {

// The gateway picks whose log a call of a log every service keeps reads by this metadata.
constexpr char kServiceMetadata[] = "adoption-service";
constexpr int kPage = 500;

// The agency's days are England's: a date's bounds are Europe/London midnights.
absl::TimeZone AgencyTimeZone() {
  absl::TimeZone tz;
  return absl::LoadTimeZone("Europe/London", &tz) ? tz : absl::UTCTimeZone();
}

// --from / --to: a date (YYYY-MM-DD, the agency's day) or an RFC 3339 time. A date given
// to --to is included (the bound is the next day's start).
absl::StatusOr<google::protobuf::Timestamp> TimeFlag(const std::string& flag, const std::string& text, bool end) {
  absl::Time at;
  std::string error;
  if (auto day = platform::ParseDate(text); day.ok()) {
    at = absl::FromCivil(end ? *day + 1 : *day, AgencyTimeZone());
  } else if (!absl::ParseTime(absl::RFC3339_full, text, &at, &error)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, " '", text, "' is neither a date (YYYY-MM-DD) nor a time (2026-03-31T17:00:00Z)"));
  }
  return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(at));
}

struct Found {
  std::string service;
  au::AuditEntry entry;
};

}  // namespace

std::string AuditDescription() {
  return "Asks the audit log of each service named (every service by default) through the gateway's\n"
         "gRPC port, and prints the entries that meet every condition, oldest first: who read and\n"
         "changed a record (--record, its id; --type narrows to one kind), what a caller did\n"
         "(--actor, a token's subject), what happened in a period (--from, --to: dates are the\n"
         "agency's days, --to included; or RFC 3339 times, --to excluded). A manager's token; each\n"
         "question is itself audited in the log it asks. CSV (time, service, actor, roles, method,\n"
         "resource type, resource id, outcome, request id) or one JSON object a line.";
}

std::vector<std::string> AuditExamples() {
  return {"adoptctl audit --record 01j9zq6b7k3m4n5p6q7r8s9t0v --from 2026-01-01",
          "adoptctl audit --actor sw-jones --service recruitment --service familyfinding --format json",
          "adoptctl audit --from 2026-03-31T09:00:00Z --to 2026-03-31T17:00:00Z"};
}

int Audit(Cli& cli) {
  CallTarget call;
  std::vector<std::string> services;
  std::string record, type, actor, from, to, format = "csv";
  call.Declare(cli);
  cli.List("service", &services, "whose log (repeat, or separate with commas); every service when none: " +
                                     absl::StrJoin(Contexts(), ", "),
           platform::OneOf(Contexts()))
      .String("record", &record, "only entries about the record with this id: who saw it")
      .String("type", &type, "only entries about this kind of record (household, child, ...)")
      .String("actor", &actor, "only this caller's entries (a token's subject)")
      .String("from", &from, "from this day (YYYY-MM-DD) or time (RFC 3339)")
      .String("to", &to, "to this day, included, or before this time")
      .String("format", &format, "csv, or json (one entry a line)", platform::OneOf({"csv", "json"}));
  if (auto done = cli.Parse()) return *done;
  if (services.empty()) services = Contexts();

  au::ListAuditEntriesRequest request;
  request.set_page_size(kPage);
  request.set_resource_id(record);
  request.set_resource_type(type);
  request.set_actor(actor);
  for (const auto& [flag, text, end] : {std::tuple<std::string, std::string, bool>{"from", from, false},
                                        std::tuple<std::string, std::string, bool>{"to", to, true}}) {
    if (text.empty()) continue;
    auto at = TimeFlag(flag, text, end);
    if (!at.ok()) return cli.Usage(std::string(at.status().message()));
    *(end ? request.mutable_end_time() : request.mutable_start_time()) = *at;
  }

  auto channel = call.dialing.Channel(call.target);
  if (!channel.ok()) return cli.Failed(std::string(channel.status().message()));
  auto stub = au::AuditService::NewStub(*channel);
  std::vector<Found> found;
  for (const std::string& service : services) {
    au::ListAuditEntriesRequest page = request;
    do {
      grpc::ClientContext ctx;
      if (absl::Status prepared = call.Prepare(ctx); !prepared.ok()) return cli.Failed(std::string(prepared.message()));
      ctx.AddMetadata(kServiceMetadata, service);
      au::ListAuditEntriesResponse response;
      grpc::Status s = stub->ListAuditEntries(&ctx, page, &response);
      if (!s.ok()) return cli.Failed(absl::StrCat(service, "'s audit log: ", StatusText(s)));
      for (auto& e : *response.mutable_audit_entries()) found.push_back({service, std::move(e)});
      page.set_page_token(response.next_page_token());
    } while (!page.page_token().empty());
  }
  // One history across the services: by time, then by each log's own order.
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    using google::protobuf::util::TimeUtil;
    return TimeUtil::TimestampToMicroseconds(a.entry.occur_time()) <
           TimeUtil::TimestampToMicroseconds(b.entry.occur_time());
  });

  if (format == "csv") {
    cli.out() << "time,service,actor,roles,method,resource_type,resource_id,outcome,request_id,detail\n";
  }
  for (const Found& f : found) {
    const au::AuditEntry& e = f.entry;
    if (format == "json") {
      google::protobuf::util::JsonPrintOptions options;
      std::string json;
      (void)google::protobuf::util::MessageToJsonString(e, &json, options);
      const bool empty = json == "{}";
      cli.out() << "{\"service\":\"" << f.service << "\"" << (empty ? "}" : "," + json.substr(1)) << "\n";
      continue;
    }
    const std::vector<std::string> fields = {
        google::protobuf::util::TimeUtil::ToString(e.occur_time()),
        f.service,
        e.actor(),
        absl::StrJoin(e.actor_roles(), " "),
        e.method(),
        e.resource_type(),
        e.resource_id(),
        e.outcome(),
        e.request_id(),
        e.detail()};
    std::vector<std::string> quoted;
    for (const std::string& field : fields) quoted.push_back(platform::CsvField(field));
    cli.out() << absl::StrJoin(quoted, ",") << "\n";
  }
  return 0;
}

}  // namespace adoptctl
