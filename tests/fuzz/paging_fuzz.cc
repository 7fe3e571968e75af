// A List request's page_token and filter (platform/rpc/paging.h) and the keyset query a
// store builds from them (platform/db/listing.h). Input: "PAGE_TOKEN\nFILTER".
// Checked beyond not crashing:
//  - a token is accepted only when it carries the seal of this list's binding, and
//    a token made for an id resumes after that id (PageTokenAfter round trip);
//  - a filter that parses names only allowed fields, each once;
//  - the query's SQL text never depends on the values, which are bound: the same
//    conditions with other values give the same statement;
//  - the whole input read as a record's kept copy of its parts (RecordWithParts::
//    ReadKept, as a List page reads one): taken only as a copy of the version it names,
//    and then every row holds a value for every column of its part.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/api/field_behavior.pb.h"
#include "platform/core/errors.h"
#include "platform/core/ids.h"
#include "platform/db/listing.h"
#include "platform/rpc/paging.h"

namespace {

const std::set<std::string>& Allowed() {
  static const auto* allowed =
      new std::set<std::string>{"status", "home_local_authority", "behavior", "overdue", "waiting"};
  return *allowed;
}

void Check(bool ok, const char* what, absl::string_view input) {
  if (ok) return;
  fprintf(stderr, "violated: %s\ninput: %.*s\n", what, static_cast<int>(input.size()), input.data());
  abort();
}

// The statement a store's List builds; with `value`, every value (the filter's, the
// caller's coverage, a number) replaced by it.
std::string ListSql(const platform::Filter& filter, const platform::Page& page, platform::Coverage coverage,
                    const std::optional<std::string>& value, bool ordered) {
  if (value) {
    for (std::string* s : {&coverage.household, &coverage.party}) {
      if (!s->empty()) *s = *value;
    }
    for (std::string& la : coverage.local_authorities) la = *value;
  }
  platform::KeysetQuery q = ordered ? platform::KeysetQuery::OrderedBy("households", "id, status", page, "enquiry_date")
                                    : platform::KeysetQuery("households", "id, status", page);
  for (const auto& [field, v] : filter.equals) q.Equal(field, std::optional<std::string>(value.value_or(v)));
  q.Equal("version", std::optional<long long>(value ? 1 : static_cast<long long>(filter.equals.size())));
  q.Within(coverage, {.local_authority = "home_local_authority",
                      .empty_authority_is_unallocated = true,
                      .household = "id",
                      .party_condition = "id IN (SELECT household_id FROM parties WHERE account = :party)"});
  return q.Sql();
}

// A household's parts as the store defines them (household_store.cc), its row keeping a copy.
const platform::RecordWithParts& Kept() {
  static const auto* record = new platform::RecordWithParts(
      "households", "id, status, version",
      {{.table = "household_applicants", .owner_column = "household_id", .columns = "given_name, date_of_birth",
        .order = "version, position"},
       {.table = "household_journey", .owner_column = "household_id", .columns = "event, reason", .order = "position"},
       {.table = "household_approvals", .owner_column = "household_id", .columns = "max_children"}},
      platform::KeptParts{.column = "parts"});
  return *record;
}

const std::vector<std::vector<std::string>>& KeptNames() {
  static const auto* names = new std::vector<std::vector<std::string>>{
      {"version", "position", "given_name", "date_of_birth"}, {"position", "event", "reason"}, {"max_children"}};
  return *names;
}

void CheckKept(absl::string_view input) {
  long long version = 0;
  const bool names_version = absl::SimpleAtoi(input.substr(0, input.find(';')), &version);
  const long long other = version == std::numeric_limits<long long>::max() ? version - 1 : version + 1;
  for (long long asked : {version, other}) {
    bool any = false;
    const bool read = Kept().ReadKept(std::string(input), asked, "h1", [&](size_t part, const platform::StoredRow& r) {
      any = true;
      Check(part < KeptNames().size(), "a kept row is of a known part", input);
      for (const std::string& name : KeptNames()[part]) (void)r.OptionalText(name);  // throws for a missing column
    });
    Check(read || !any, "a refused copy gives no row", input);
    Check(!read || (names_version && asked == version), "a copy is read only as the version it names", input);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const absl::string_view token = input.substr(0, newline);
  const absl::string_view filter_text = newline == absl::string_view::npos ? "" : input.substr(newline + 1);
  const int page_size = static_cast<int>(size % 601) - 1;  // -1 (refused), 0 (the default) .. 599 (capped)

  // The binding as Call::ParsePage makes it: method, caller, filter.
  const platform::PageSeal seal{.key = "page-token-key-for-fuzzing",
                                .binding = absl::StrCat("ListHouseholds\nsubject-1\n", filter_text)};
  platform::Validation page_v;
  platform::Page page = platform::ParsePage(page_size, token, seal, page_v);
  Check(page.size >= 1 && page.size <= 500, "page size within 1..500", input);
  Check(page_v.ok() == (page_size >= 0 && (token.empty() || !page.after_id.empty())), "a refused page says why", input);
  if (!page.after_id.empty()) {
    Check(platform::IsWellFormedId(page.after_id), "a token resumes after an id", input);
  }
  // A token made for an id from the input resumes there, and only under its binding.
  if (platform::IsWellFormedId(token)) {
    const std::string made = platform::PageTokenAfter(token, seal);
    platform::Validation v;
    Check(platform::ParsePage(10, made, seal, v).after_id == token && v.ok(), "a token resumes where made", input);
    platform::Validation other_v;
    platform::ParsePage(10, made, {.key = seal.key, .binding = seal.binding + "x"}, other_v);
    Check(!other_v.ok(), "a token refused under another binding", input);
  }

  platform::Validation filter_v;
  platform::Filter filter = platform::ParseFilter(filter_text, Allowed(), filter_v);
  std::set<std::string> seen;
  for (const auto& [field, value] : filter.equals) {
    Check(Allowed().count(field) > 0, "a filter names only allowed fields", input);
    Check(seen.insert(field).second, "a filter names a field once", input);
  }
  platform::EnumFilterNumber(filter, "behavior", google::api::FieldBehavior_descriptor(), filter_v);
  platform::BoolFilter(filter, "overdue", filter_v);

  platform::Coverage coverage;
  coverage.local_authorities = {std::string(token.substr(0, 9)), std::string(filter_text.substr(0, 9))};
  coverage.household = std::string(token);
  coverage.party = std::string(filter_text);
  for (bool ordered : {false, true}) {
    Check(ListSql(filter, page, coverage, std::nullopt, ordered) == ListSql(filter, page, coverage, "x", ordered),
          "values are bound, never written into the SQL", input);
  }
  CheckKept(input);
  return 0;
}
