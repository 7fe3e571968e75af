#include "tools/adoptctl/retention.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adoption/records/v1/records.grpc.pb.h"
#include "google/protobuf/util/json_util.h"
#include "platform/core/calendar.h"
#include "platform/core/writing.h"
#include "tools/adoptctl/call.h"
#include "tools/adoptctl/report.h"

namespace adoptctl {

namespace rpb = adoption::records::v1;

namespace {

// The gateway picks whose records a call reads by this metadata.
constexpr char kServiceMetadata[] = "adoption-service";
constexpr int kPage = 500;

struct Found {
  std::string service;
  rpb::DueRecord record;
};

std::string DateText(const adoption::type::v1::Date& d) {
  return platform::FormatDate(platform::Date(d.year(), d.month(), d.day()));
}

}  // namespace

std::string RetentionReportDescription() {
  return "Asks each service named (every service by default) through the gateway's gRPC port which\n"
         "of its records have reached the end of their retention (docs/records.md) by --through\n"
         "(today by default), and prints them soonest first: the service, the kind of record, its\n"
         "id, the first day it may be disposed of, whether a legal hold stands, and the rule it was\n"
         "kept under. Disposal is a manager's decision, one record at a time\n"
         "(RecordsService.DisposeOfRecord): nothing here disposes of anything. A manager's token;\n"
         "each question is audited. CSV, or one JSON object a line.";
}

std::vector<std::string> RetentionReportExamples() {
  return {"adoptctl retention report --target gateway:8443 --token-file token",
          "adoptctl retention report --service recruitment --type household --through 2027-03-31 --format json"};
}

int RetentionReport(Cli& cli) {
  CallTarget call;
  std::vector<std::string> services;
  std::string type, through, format = "csv";
  call.Declare(cli);
  cli.List("service", &services, "whose records (repeat, or separate with commas); every service when none: " +
                                     absl::StrJoin(Contexts(), ", "),
           platform::OneOf(Contexts()))
      .String("type", &type, "only this kind of record (household, child, ...)")
      .String("through", &through, "records due on or before this day (YYYY-MM-DD); today when not given")
      .String("format", &format, "csv, or json (one record a line)", platform::OneOf({"csv", "json"}));
  if (auto done = cli.Parse()) return *done;
  if (services.empty()) services = Contexts();

  rpb::ListDueRecordsRequest request;
  request.set_page_size(kPage);
  request.set_record_type(type);
  if (!through.empty()) {
    auto day = platform::ParseDate(through);
    if (!day.ok()) return cli.Usage(absl::StrCat("--through '", through, "' is not a date (YYYY-MM-DD)"));
    request.mutable_due_date()->set_year(day->year());
    request.mutable_due_date()->set_month(day->month());
    request.mutable_due_date()->set_day(day->day());
  }

  auto channel = call.dialing.Channel(call.target);
  if (!channel.ok()) return cli.Failed(std::string(channel.status().message()));
  auto stub = rpb::RecordsService::NewStub(*channel);
  std::vector<Found> found;
  for (const std::string& service : services) {
    rpb::ListDueRecordsRequest page = request;
    do {
      grpc::ClientContext ctx;
      if (absl::Status prepared = call.Prepare(ctx); !prepared.ok()) return cli.Failed(std::string(prepared.message()));
      ctx.AddMetadata(kServiceMetadata, service);
      rpb::ListDueRecordsResponse response;
      grpc::Status s = stub->ListDueRecords(&ctx, page, &response);
      if (!s.ok()) return cli.Failed(absl::StrCat(service, "'s records: ", StatusText(s)));
      for (auto& r : *response.mutable_due_records()) found.push_back({service, std::move(r)});
      page.set_page_token(response.next_page_token());
    } while (!page.page_token().empty());
  }
  // Soonest first across the services, then by service, kind and id.
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return std::make_tuple(DateText(a.record.retain_until()), a.service, a.record.record_type(), a.record.record_id()) <
           std::make_tuple(DateText(b.record.retain_until()), b.service, b.record.record_type(), b.record.record_id());
  });

  if (format == "csv") cli.out() << "service,record_type,record_id,retain_until,legal_hold,basis\n";
  for (const Found& f : found) {
    const rpb::DueRecord& r = f.record;
    if (format == "json") {
      std::string json;
      (void)google::protobuf::util::MessageToJsonString(r, &json, google::protobuf::util::JsonPrintOptions());
      cli.out() << "{\"service\":\"" << f.service << "\"" << (json == "{}" ? "}" : "," + json.substr(1)) << "\n";
      continue;
    }
    std::vector<std::string> quoted;
    for (const std::string& field : {f.service, r.record_type(), r.record_id(), DateText(r.retain_until()),
                                     std::string(r.legal_hold() ? "yes" : "no"), r.basis()}) {
      quoted.push_back(platform::CsvField(field));
    }
    cli.out() << absl::StrJoin(quoted, ",") << "\n";
  }
  return 0;
}

}  // namespace adoptctl
