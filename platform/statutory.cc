#include "platform/statutory.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "platform/auth.h"
#include "platform/embedded.h"

namespace platform {

const std::vector<EmbeddedFile>& ConfigTables();

absl::StatusOr<StatutoryTable> StatutoryTable::Parse(const std::string& text) {
  StatutoryTable table;
  std::vector<std::string> problems;
  int line_no = 0;
  bool header_seen = false;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    if (absl::StripAsciiWhitespace(line).empty() || line[0] == '#') continue;
    if (!header_seen) {  // the column header row
      header_seen = true;
      continue;
    }
    std::vector<absl::string_view> cols = absl::StrSplit(line, '\t');
    long long value;
    auto date = cols.size() >= 3 ? ParseDate(cols[1]) : absl::InvalidArgumentError("too few columns");
    if (cols.size() < 3 || cols[0].empty()) {
      problems.push_back(absl::StrCat("line ", line_no, ": expected key, effective_from, value, source"));
    } else if (!date.ok()) {
      problems.push_back(absl::StrCat("line ", line_no, ": ", date.status().message()));
    } else if (!absl::SimpleAtoi(cols[2], &value)) {
      problems.push_back(absl::StrCat("line ", line_no, ": value '", cols[2], "' is not an integer"));
    } else if (!table.rows_[std::string(cols[0])].emplace(*date, value).second) {
      problems.push_back(absl::StrCat("line ", line_no, ": ", cols[0], " has two values from ", cols[1]));
    }
  }
  if (!problems.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("statutory table: ", absl::StrJoin(problems, "; ")));
  }
  return table;
}

const StatutoryTable& StatutoryTable::Defaults() {
  static const StatutoryTable* table = [] {
    for (const auto& f : ConfigTables()) {
      if (f.name == "statutory.tsv") return new StatutoryTable(Parse(f.content).value());
    }
    abort();  // compiled in by platform/CMakeLists.txt
  }();
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
