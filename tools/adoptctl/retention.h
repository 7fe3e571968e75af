#pragma once
// `adoptctl retention report`: the records each service may now dispose of, asked
// through the gateway's gRPC port (proto/adoption/records/v1/records.proto), merged
// soonest first, as CSV or JSON lines, each naming its service.
#include <string>
#include <vector>

#include "tools/adoptctl/cli.h"

namespace adoptctl {

int RetentionReport(Cli& cli);
std::string RetentionReportDescription();
std::vector<std::string> RetentionReportExamples();

}  // namespace adoptctl
