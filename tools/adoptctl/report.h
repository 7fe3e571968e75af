#pragma once
// `adoptctl report`: the suite's reports by name. A report is any unary RPC named
// Report<Name> (ReportAdopterFunnel is `adopter-funnel`); its request's `period`
// (adoption.type.v1.DatePeriod), `at` (Date) and `precision` (ReportPrecision) come
// from flags, so a report added to a contract is reachable without changing adoptctl.
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "tools/adoptctl/cli.h"

namespace adoptctl {

struct SuiteReport {
  std::string name;  // "adopter-funnel"
  const google::protobuf::MethodDescriptor* method;
};
// Every report of every service compiled into adoptctl, in contract order.
std::vector<SuiteReport> SuiteReports();

// What the flags say, as given (empty: not given).
struct ReportFlags {
  std::string fy, month, from, to, at, places, rounding;
  std::string la;  // a local authority by name or ONS code (reports per LA)
  int months = 0;  // 0: not given
  int care_leavers = 0;  // 0: not given
  std::string perspective;  // "child" or "adopter": whose side a count is taken from
  bool by_la = false;       // each local authority's children apart, in the same answer
};
// Sets the request's period, day and precision from `flags`: INVALID_ARGUMENT naming the
// flag when one is malformed, missing for a field the report needs, or given to a
// report that has no such field.
absl::Status FillReportRequest(const ReportFlags& flags, google::protobuf::Message* request);

// "figure,value" rows: nested figures by dotted path (approved_within_target.percent),
// a table's rows by their text fields (stages.STAGE_ONE.households), dates as
// YYYY-MM-DD, enum values without their type's prefix, unset figures empty.
std::string ReportCsv(const google::protobuf::Message& response);

int Report(Cli& cli);
std::string ReportDescription();

}  // namespace adoptctl
