#pragma once
// The annual report's figures, asked of the services' report RPCs — never of their
// databases — for the year and the year before (docs/reports.md, "The annual report").
// Each section says whose figures it holds: the children's side is counted by the
// child's local authority, the adopters' by the agency's own households.
#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adoption/type/v1/report.pb.h"
#include "platform/core/agency.h"
#include "platform/core/calendar.h"
#include "platform/core/statutory.h"
#include "tools/annual_report/document.h"

namespace annual_report {

struct Options {
  platform::FinancialYear year;
  // One local authority's children (ONS code); empty: every child of the agency.
  std::string local_authority;
  // The authority's children leaving care in the year and the year before, an input
  // to the scorecard's "care leavers adopted" (0: not given, the figure left out).
  int care_leavers = 0, previous_care_leavers = 0;
  adoption::type::v1::ReportPrecision precision;
  platform::Date written;  // the day the report is written, for its subtitle
};

// Who answers: the channel a context's reports are asked on ("familyfinding",
// "recruitment", "panel", "support", "letterbox") — the gateway's one for all of them,
// or each service's own — and each call's context: the bearer token and a deadline.
struct Services {
  std::function<std::shared_ptr<grpc::Channel>(const std::string& context)> channel;
  std::function<absl::Status(grpc::ClientContext&)> prepare;
};

// The statutory.tsv keys the report reads (the scorecard's thresholds): a table given in
// their place must have them.
std::vector<std::string> StatutoryKeys();

// The document, or the first refused call's status with the report it was for.
absl::StatusOr<Document> Compose(const Services& services, const Options& options, const platform::Agency& agency,
                                 const platform::StatutoryTable& statutory);

}  // namespace annual_report
