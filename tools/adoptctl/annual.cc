#include "tools/adoptctl/annual.h"

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "platform/core/calendar.h"
#include "platform/core/local_authority.h"
#include "tools/adoptctl/call.h"
#include "tools/annual_report/compose.h"

namespace adoptctl {

namespace {

absl::Status WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) return absl::UnavailableError(absl::StrCat("cannot write ", path.string()));
  return absl::OkStatus();
}

}  // namespace

std::string AnnualReportDescription() {
  return "Writes the agency's annual report for a financial year into --out: index.html, one page\n"
         "(inline styles and charts, no script; print it to PDF from a browser), and a CSV file for\n"
         "every table. Each figure is asked of the services' reports through the gateway's gRPC port,\n"
         "with the year before beside it: the children (counted by the child's local authority: --la\n"
         "for one, every authority the agency acts for without), the scorecard with its three-year\n"
         "figures, the adopters (the agency's own households), the panel and the inter-agency fees.\n"
         "The scorecard's care leavers adopted needs the authority's children leaving care in each year\n"
         "(--care-leavers, --previous-care-leavers). A manager's token.";
}

std::vector<std::string> AnnualReportExamples() {
  return {"adoptctl report annual --year 2017-18 --la Rotherham --care-leavers 190 --previous-care-leavers 204 "
          "--out annual-2017-18",
          "adoptctl report annual --target gateway:8443 --token-file token --year 2025-26 --places whole --out report"};
}

int AnnualReport(Cli& cli) {
  CallTarget call;
  std::string year, la, out, places, rounding, statutory_file, agency_file;
  int care_leavers = 0, previous_care_leavers = 0;
  call.Declare(cli);
  cli.String("year", &year, "the financial year, 1 April to 31 March: 2017-18")
      .Required()
      .String("out", &out, "the directory to write index.html and the CSV files into (made when it does not exist)")
      .Required()
      .String("la", &la, "one local authority's children, by name or ONS code: Rotherham")
      .Int("care-leavers", &care_leavers, "the authority's children leaving care in the year (the scorecard's input)",
           0, 1000000)
      .Int("previous-care-leavers", &previous_care_leavers, "the same for the year before", 0, 1000000)
      .String("places", &places, "decimal places of percentages and means: whole, one (default) or two",
              platform::OneOf({"whole", "one", "two"}))
      .String("rounding", &rounding, "half-up (default) or truncate, as some agencies print",
              platform::OneOf({"half-up", "truncate"}))
      .String("statutory-table", &statutory_file,
              "the dated numbers the services run with, when not the defaults (the scorecard's thresholds)")
      .String("agency-file", &agency_file,
              "the agency the suite serves, when not the compiled-in default (its name, a regional agency's "
              "authorities)");
  if (auto done = cli.Parse()) return *done;

  annual_report::Options options;
  auto fy = platform::FinancialYear::ParseLabel(year);
  if (!fy.ok()) return cli.Usage(absl::StrCat("--year '", year, "' is not a financial year like 2017-18"));
  options.year = *fy;
  if (!la.empty()) {
    auto code = platform::ResolveLocalAuthority(la);
    if (!code.ok()) return cli.Usage(absl::StrCat("--la: ", code.status().message()));
    options.local_authority = *code;
  }
  options.care_leavers = care_leavers;
  options.previous_care_leavers = previous_care_leavers;
  namespace t = adoption::type::v1;
  options.precision.set_places(places == "whole" ? t::REPORT_PLACES_WHOLE
                               : places == "two" ? t::REPORT_PLACES_TWO
                                                 : t::REPORT_PLACES_ONE);
  options.precision.set_rounding(rounding == "truncate" ? t::REPORT_ROUNDING_TRUNCATE : t::REPORT_ROUNDING_HALF_UP);
  options.written = platform::Today();
  platform::StatutoryTable loaded = platform::StatutoryTable::Defaults();
  if (!statutory_file.empty()) {
    auto table = platform::StatutoryTable::Load(statutory_file, annual_report::StatutoryKeys());
    if (!table.ok()) return cli.Failed(std::string(table.status().message()));
    loaded = *std::move(table);
  }

  auto channel = call.dialing.Channel(call.target);
  if (!channel.ok()) return cli.Failed(std::string(channel.status().message()));
  // The gateway's gRPC port forwards every context's calls.
  const annual_report::Services services{[&](const std::string&) { return *channel; },
                                         [&](grpc::ClientContext& ctx) { return call.Prepare(ctx); }};
  auto agency = platform::Agency::Load(agency_file);
  if (!agency.ok()) return cli.Failed(std::string(agency.status().message()));
  auto document = annual_report::Compose(services, options, *agency, loaded);
  if (!document.ok()) return cli.Failed(std::string(document.status().message()));

  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) return cli.Failed(absl::StrCat("cannot make ", out, ": ", ec.message()));
  const std::filesystem::path dir(out);
  if (absl::Status s = WriteFile(dir / "index.html", annual_report::Html(*document)); !s.ok()) {
    return cli.Failed(std::string(s.message()));
  }
  int tables = 0;
  for (const auto& section : document->sections) {
    for (const auto& table : section.tables) {
      if (absl::Status s = WriteFile(dir / (table.id + ".csv"), annual_report::Csv(table)); !s.ok()) {
        return cli.Failed(std::string(s.message()));
      }
      ++tables;
    }
  }
  cli.out() << "wrote " << (dir / "index.html").string() << " and " << tables << " CSV files: " << document->title
            << "\n";
  return 0;
}

}  // namespace adoptctl
