#pragma once
// The configuration tables in config/ read one way: '#' comments and blank lines
// skipped, tab-separated cells, a header row naming the columns (unless the table's
// first cell says what each row is, as config/agency.tsv does). Every problem is
// collected with its line, so one reading reports them all and a table is either
// loaded whole or refused with the list.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace platform {

struct TableRow {
  int line = 0;  // 1-based line in the text
  std::vector<absl::string_view> cells;
};

class TableReading {
 public:
  // `table` introduces the problems: "statutory table: line 4: ...".
  explicit TableReading(std::string table) : table_(std::move(table)) {}

  // The data rows of `text` (views into it). With `columns` > 0, a row of another
  // width is a problem saying `expected` ("expected key, effective_from, value,
  // source") and is left out. `header`: the first row names the columns (it is left
  // out; a table without one is a problem).
  std::vector<TableRow> Rows(absl::string_view text, size_t columns, absl::string_view expected,
                             bool header = true);

  // "line N: what", or a problem of the whole table.
  void Problem(int line, absl::string_view what);
  void Problem(absl::string_view what);
  bool ok() const { return problems_.empty(); }
  // INVALID_ARGUMENT "<table>: p1; p2; ..." (sorted when `sorted`), or OK.
  absl::Status Status(bool sorted = false) const;

 private:
  std::string table_;
  std::vector<std::string> problems_;
};

// The compiled-in copy of config/<name> (platform/CMakeLists.txt embeds them).
absl::string_view EmbeddedTable(absl::string_view name);

}  // namespace platform
