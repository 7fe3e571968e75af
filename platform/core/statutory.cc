#include "platform/core/statutory.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "platform/core/config.h"
#include "platform/core/status_macros.h"
#include "platform/core/table.h"

namespace platform {

absl::StatusOr<StatutoryTable> StatutoryTable::Parse(const std::string& text) {
  StatutoryTable table;
  TableReading reading("statutory table");
  for (const TableRow& row : reading.Rows(text, 4, "expected key, effective_from, value, source")) {
    const auto& cols = row.cells;
    long long value;
    auto date = ParseDate(cols[1]);
    if (cols[0].empty()) {
      reading.Problem(row.line, "no key");
    } else if (!date.ok()) {
      reading.Problem(row.line, date.status().message());
    } else if (!absl::SimpleAtoi(cols[2], &value)) {
      reading.Problem(row.line, absl::StrCat("value '", cols[2], "' is not an integer"));
    } else if (absl::StripAsciiWhitespace(cols[3]).empty()) {
      reading.Problem(row.line, absl::StrCat(cols[0], " from ", cols[1], " names no source"));
    } else if (!table.rows_[std::string(cols[0])].emplace(*date, value).second) {
      reading.Problem(row.line, absl::StrCat(cols[0], " has two values from ", cols[1]));
    }
  }
  RETURN_IF_ERROR(reading.Status());
  return table;
}

const StatutoryTable& StatutoryTable::Defaults() {
  static const StatutoryTable* table = new StatutoryTable(Parse(std::string(EmbeddedTable("statutory.tsv"))).value());
  return *table;
}

absl::StatusOr<StatutoryTable> StatutoryTable::Load(const std::string& path, const std::vector<std::string>& required) {
  StatutoryTable table = Defaults();
  if (!path.empty()) {
    auto text = ReadFile(path);
    if (!text.ok()) return text.status();
    auto parsed = Parse(*text);
    if (!parsed.ok()) return parsed.status();
    table = *std::move(parsed);
  }
  std::vector<std::string> missing;
  for (const auto& key : required) {
    if (!table.Has(key)) missing.push_back(key);
  }
  if (!missing.empty()) return absl::InvalidArgumentError(absl::StrCat("statutory table lacks ", absl::StrJoin(missing, ", ")));
  return table;
}

absl::StatusOr<long long> StatutoryTable::ValueOn(const std::string& key, Date on) const {
  auto it = rows_.find(key);
  if (it == rows_.end()) return absl::NotFoundError(absl::StrCat("no statutory value ", key));
  auto after = it->second.upper_bound(on);
  if (after == it->second.begin()) {
    return absl::NotFoundError(absl::StrCat(key, " was not in force on ", FormatDate(on)));
  }
  return std::prev(after)->second;
}

}  // namespace platform
