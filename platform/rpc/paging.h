#pragma once
// List requests in the AIP style: page_size / page_token, and a small filter
// language — a conjunction of equalities over fields each List declares:
//   status = "HOUSEHOLD_STATUS_STAGE_ONE" AND home_local_authority = "E09000006"
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "platform/core/errors.h"

namespace google::protobuf {
class EnumDescriptor;
}

namespace platform {

// A page token resumes one list where its last page ended: the last id, sealed with an
// HMAC-SHA256 over (binding, id) under the service's page-token key. The binding is
// the method, the caller and the filter the token was issued for, so a token cannot
// be forged or edited, nor replayed by another caller or under another filter.
struct PageSeal {
  std::string key;      // the service's page-token key (RpcOptions)
  std::string binding;  // what the token is valid for
};

struct Page {
  int size = 50;
  std::string after_id;  // list resumes after this id (ids are time-ordered)
  PageSeal seal;         // seals the next page's token
};

// Checks page_size (0: default 50; at most 500) and page_token against `seal`, adding
// violations. Handlers call Call::ParsePage, which binds the token to the call.
Page ParsePage(int page_size, absl::string_view page_token, PageSeal seal, Validation& v);
std::string PageTokenAfter(absl::string_view last_id, const PageSeal& seal);

// The next_page_token for a page of `items` (each with an `id`) read for `page`: a
// token after the last one when the page is full, else empty (the last page).
template <typename T>
std::string NextPageToken(const std::vector<T>& items, const Page& page) {
  if (items.empty() || static_cast<int>(items.size()) < page.size) return "";
  return PageTokenAfter(items.back().id, page.seal);
}

struct Filter {
  std::vector<std::pair<std::string, std::string>> equals;  // field, value
  const std::string* Find(absl::string_view field) const;
};
// Parses `text`; a field outside `allowed` or a syntax error is a violation of "filter".
Filter ParseFilter(absl::string_view text, const std::set<std::string>& allowed, Validation& v);

// A condition on an enum field, given as the contract's value name
// ("SUPPORT_REQUEST_STATUS_OPEN"): its number in `type`, the proto enum. Nullopt when
// the filter has no condition on `field`; a violation of "filter" naming the enum and
// an example value when the name is not one of `type`'s or is the UNSPECIFIED zero.
std::optional<int> EnumFilterNumber(const Filter& filter, absl::string_view field,
                                    const google::protobuf::EnumDescriptor* type, Validation& v);

// The same condition as the domain's enum, which lists the contract's values in order
// without the UNSPECIFIED zero (so the domain value is the proto number - 1):
//   query.status = EnumFilter<HouseholdStatus>(filter, "status", pb::HouseholdStatus_descriptor(), v);
template <typename Domain>
std::optional<Domain> EnumFilter(const Filter& filter, absl::string_view field,
                                 const google::protobuf::EnumDescriptor* type, Validation& v) {
  std::optional<int> number = EnumFilterNumber(filter, field, type, v);
  if (!number) return std::nullopt;
  return static_cast<Domain>(*number - 1);
}

// A condition on a bool field: true or false; nullopt when absent, and a violation of
// "filter" for any other value.
std::optional<bool> BoolFilter(const Filter& filter, absl::string_view field, Validation& v);

}  // namespace platform
