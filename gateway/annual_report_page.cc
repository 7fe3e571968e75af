#include "gateway/annual_report_page.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"

namespace gateway {

namespace rep = adoption::reports::v1;

absl::StatusOr<annual_report::Options> AnnualReportOptions(const rep::GetAnnualReportRequest& r, platform::Date today) {
  platform::Validation v;
  annual_report::Options options;
  auto year = platform::FinancialYear::ParseLabel(r.year());
  if (v.Check(year.ok(), "year", "must be a financial year like 2017-18")) options.year = *year;
  if (!r.local_authority().empty()) {
    auto code = platform::ResolveLocalAuthority(r.local_authority());
    if (v.Check(code.ok(), "local_authority", "must be a local authority's ONS code or name")) {
      options.local_authority = *code;
    }
  }
  v.Check(r.care_leavers() >= 0, "care_leavers", "must not be negative");
  v.Check(r.previous_care_leavers() >= 0, "previous_care_leavers", "must not be negative");
  RETURN_IF_ERROR(v.Status());
  options.care_leavers = r.care_leavers();
  options.previous_care_leavers = r.previous_care_leavers();
  options.precision = r.precision();
  options.written = today;
  return options;
}

absl::StatusOr<AnnualReportPage::Answer> AnnualReportPage::Write(const platform::Principal& caller,
                                                                 const std::string& request,
                                                                 const std::string& authorization,
                                                                 const std::string& request_id) const {
  // The report spans every service's figures: a manager's, as each report's own rule
  // would otherwise refuse part of it.
  if (!caller.Has(platform::Role::kManager)) {
    return absl::PermissionDeniedError("the annual report is for managers");
  }
  rep::GetAnnualReportRequest r;
  if (!r.ParseFromString(request)) return absl::InternalError("the transcoded request does not parse");
  ASSIGN_OR_RETURN(annual_report::Options options, AnnualReportOptions(r, platform::Today()));
  // A gateway built or configured without one of the services cannot write the report.
  for (const char* context : {"recruitment", "familyfinding", "panel", "support", "letterbox"}) {
    if (!channels_.count(context)) {
      return absl::FailedPreconditionError(absl::StrCat("the annual report needs ", context,
                                                        "-svc, which this gateway has no address for"));
    }
  }
  const annual_report::Services services{
      [this](const std::string& context) { return channels_.at(context); },
      [&](grpc::ClientContext& ctx) {
        ctx.AddMetadata("authorization", authorization);
        ctx.AddMetadata("x-request-id", request_id);
        ctx.set_deadline(std::chrono::system_clock::now() + deadline_);
        return absl::OkStatus();
      }};
  ASSIGN_OR_RETURN(annual_report::Document document, annual_report::Compose(services, options, agency_, statutory_));
  Answer answer;
  std::string file = absl::StrCat("annual-report-", options.year.Label());
  if (!options.local_authority.empty()) absl::StrAppend(&file, "-", options.local_authority);
  if (r.table().empty()) {
    answer.body = annual_report::Html(document);
    answer.content_type = "text/html; charset=utf-8";
    absl::StrAppend(&file, ".html");
  } else {
    const annual_report::Table* found = nullptr;
    std::vector<std::string> ids;
    for (const auto& section : document.sections) {
      for (const auto& table : section.tables) {
        if (table.id == r.table()) found = &table;
        ids.push_back(table.id);
      }
    }
    platform::Validation v;
    v.Check(found != nullptr, "table", absl::StrCat("must be one of the report's tables: ", absl::StrJoin(ids, ", ")));
    RETURN_IF_ERROR(v.Status());
    answer.body = annual_report::Csv(*found);
    answer.content_type = "text/csv; charset=utf-8";
    absl::StrAppend(&file, "-", found->id, ".csv");
  }
  if (r.download()) answer.disposition = absl::StrCat("attachment; filename=\"", file, "\"");
  return answer;
}

}  // namespace gateway
