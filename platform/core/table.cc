#include "platform/core/table.h"

#include <algorithm>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "platform/core/embedded.h"

namespace platform {

const std::vector<EmbeddedFile>& ConfigTables();

std::vector<TableRow> TableReading::Rows(absl::string_view text, size_t columns, absl::string_view expected,
                                         bool header) {
  std::vector<TableRow> rows;
  bool header_seen = !header;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    if (absl::StripAsciiWhitespace(line).empty() || line[0] == '#') continue;
    if (!header_seen) {
      header_seen = true;
      continue;
    }
    TableRow row{.line = line_no, .cells = absl::StrSplit(line, '\t')};
    if (columns > 0 && row.cells.size() != columns) {
      Problem(line_no, expected);
      continue;
    }
    rows.push_back(std::move(row));
  }
  if (!header_seen) Problem("no header row");
  return rows;
}

void TableReading::Problem(int line, absl::string_view what) {
  problems_.push_back(absl::StrCat("line ", line, ": ", what));
}

void TableReading::Problem(absl::string_view what) { problems_.emplace_back(what); }

absl::Status TableReading::Status(bool sorted) const {
  if (problems_.empty()) return absl::OkStatus();
  std::vector<std::string> problems = problems_;
  if (sorted) std::sort(problems.begin(), problems.end());
  return absl::InvalidArgumentError(absl::StrCat(table_, ": ", absl::StrJoin(problems, "; ")));
}

absl::string_view EmbeddedTable(absl::string_view name) {
  for (const auto& f : ConfigTables()) {
    if (f.name == name) return f.content;
  }
  abort();  // every table read this way is embedded by platform/CMakeLists.txt
}

}  // namespace platform
