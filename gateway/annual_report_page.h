#pragma once
// GET /v1/annualReports/{year} (adoption.reports.v1.AnnualReportService): the agency's
// annual report, written by the gateway — which alone speaks to every service — from
// the services' report RPCs, asked with the caller's own token (docs/reports.md, "The
// annual report"). Managers only. The page, a table as CSV, or either as a download.
#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "adoption/reports/v1/annual_report.pb.h"
#include "platform/core/agency.h"
#include "platform/core/statutory.h"
#include "platform/rpc/auth.h"
#include "tools/annual_report/compose.h"

namespace gateway {

inline constexpr char kAnnualReportPath[] = "/adoption.reports.v1.AnnualReportService/GetAnnualReport";

// The report's options from the request: INVALID_ARGUMENT naming each field that breaks
// its rule (the year's form, an authority the register does not know).
absl::StatusOr<annual_report::Options> AnnualReportOptions(const adoption::reports::v1::GetAnnualReportRequest& r,
                                                           platform::Date today);

class AnnualReportPage {
 public:
  struct Answer {
    std::string body, content_type;
    std::string disposition;  // Content-Disposition when sent as a download, else empty
  };

  // `channels`: each context's channel ("familyfinding" -> its service).
  AnnualReportPage(std::map<std::string, std::shared_ptr<grpc::Channel>> channels, platform::Agency agency,
                   platform::StatutoryTable statutory, std::chrono::milliseconds deadline)
      : channels_(std::move(channels)),
        agency_(std::move(agency)),
        statutory_(std::move(statutory)),
        deadline_(deadline) {}

  // `request`: the transcoded GetAnnualReportRequest. Each report is asked with the
  // caller's `authorization` and `request_id`; a refusal comes back as its status.
  absl::StatusOr<Answer> Write(const platform::Principal& caller, const std::string& request,
                               const std::string& authorization, const std::string& request_id) const;

 private:
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_;
  platform::Agency agency_;
  platform::StatutoryTable statutory_;
  std::chrono::milliseconds deadline_;
};

}  // namespace gateway
