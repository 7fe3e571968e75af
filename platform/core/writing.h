#pragma once
// Text written out for people and their spreadsheets: a page's text escaped for HTML,
// a field quoted for CSV (RFC 4180). One rule for every page and file the suite writes
// (a disclosure bundle, a report's tables, the annual report).
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace platform {

// `text` safe inside an HTML element or a quoted attribute: & < > " ' as entities.
std::string HtmlEscape(absl::string_view text);

// `field` as one CSV field: quoted (with quotes doubled) when it holds a comma, a
// quote or a line break; as it is otherwise.
std::string CsvField(absl::string_view field);

// One CSV record: the fields quoted as needed, joined by commas, ended by "\n".
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace platform
