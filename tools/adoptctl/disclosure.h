#pragma once
// `adoptctl disclosure export`: everything the suite holds on one person, asked of each
// service through the gateway's gRPC port (RecordsService.ExportDisclosure,
// docs/records.md "Disclosure"), written as one JSON file and one readable HTML page
// with every third party's identifying detail marked for redaction before release.
#include <string>
#include <vector>

#include "adoption/records/v1/records.pb.h"
#include "tools/adoptctl/cli.h"

namespace adoptctl {

int DisclosureExport(Cli& cli);
std::string DisclosureExportDescription();
std::vector<std::string> DisclosureExportExamples();

// The page a worker reviews: each service's records, each with its source, dates and
// authors, its content, and its third parties' details marked. Self-contained HTML.
std::string DisclosureHtml(const std::string& subject, const std::vector<adoption::records::v1::Disclosure>& parts);

}  // namespace adoptctl
