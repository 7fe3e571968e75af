#pragma once
// `adoptctl report annual`: the agency's annual report for a financial year, asked of
// the services' report RPCs through the gateway and written as one self-contained HTML
// page with a CSV file for every table (docs/reports.md, "The annual report").
#include <string>
#include <vector>

#include "tools/adoptctl/cli.h"

namespace adoptctl {

int AnnualReport(Cli& cli);
std::string AnnualReportDescription();
std::vector<std::string> AnnualReportExamples();

}  // namespace adoptctl
