#pragma once
// List requests in the AIP style: page_size / page_token, and a small filter
// language — a conjunction of equalities over fields each List declares:
//   status = "HOUSEHOLD_STATUS_STAGE_ONE" AND home_local_authority = "E09000006"
#include <set>
#include <string>
#include "absl/strings/string_view.h"
#include <utility>
#include <vector>

#include "platform/errors.h"

namespace platform {

struct Page {
  int size = 50;
  std::string after_id;  // list resumes after this id (ids are time-ordered)
};

// Checks page_size (0: default 50; at most 500) and page_token, adding violations.
Page ParsePage(int page_size, absl::string_view page_token, Validation& v);
std::string PageTokenAfter(absl::string_view last_id);

struct Filter {
  std::vector<std::pair<std::string, std::string>> equals;  // field, value
  const std::string* Find(absl::string_view field) const;
};
// Parses `text`; a field outside `allowed` or a syntax error is a violation of "filter".
Filter ParseFilter(absl::string_view text, const std::set<std::string>& allowed, Validation& v);

}  // namespace platform
