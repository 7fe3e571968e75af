#include "platform/rpc/paging.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "platform/core/ids.h"

namespace platform {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;
constexpr size_t kSealBytes = 16;  // of the HMAC-SHA256: 128 bits is ample against forgery

namespace {

std::string SealOf(absl::string_view id, const PageSeal& seal) {
  // Length-prefixed, so no (binding, id) pair can be shifted into another.
  std::string message = absl::StrCat(seal.binding.size(), ":", seal.binding, id);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), seal.key.data(), static_cast<int>(seal.key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
  return std::string(reinterpret_cast<const char*>(mac), kSealBytes);
}

}  // namespace

Page ParsePage(int page_size, absl::string_view page_token, PageSeal seal, Validation& v) {
  Page page;
  page.seal = std::move(seal);
  if (page_size < 0) {
    v.Add("page_size", "must not be negative");
  } else if (page_size > 0) {
    page.size = std::min(page_size, kMaxPageSize);
  } else {
    page.size = kDefaultPageSize;
  }
  if (!page_token.empty()) {
    std::string decoded;
    if (!absl::WebSafeBase64Unescape(page_token, &decoded) || decoded.size() <= kSealBytes ||
        !IsWellFormedId(decoded.substr(kSealBytes))) {
      v.Add("page_token", "is not a token from a previous response");
    } else {
      const std::string id = decoded.substr(kSealBytes), expected = SealOf(id, page.seal);
      if (CRYPTO_memcmp(expected.data(), decoded.data(), kSealBytes) != 0) {
        v.Add("page_token",
              "was not issued for this list: a token resumes only the list it came from (the same method, caller "
              "and filter); ask again without page_token");
      } else {
        page.after_id = id;
      }
    }
  }
  return page;
}

std::string PageTokenAfter(absl::string_view last_id, const PageSeal& seal) {
  return absl::WebSafeBase64Escape(absl::StrCat(SealOf(last_id, seal), last_id));
}

const std::string* Filter::Find(absl::string_view field) const {
  for (const auto& [f, value] : equals) {
    if (f == field) return &value;
  }
  return nullptr;
}

Filter ParseFilter(absl::string_view text, const std::set<std::string>& allowed, Validation& v) {
  Filter filter;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && absl::ascii_isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  auto fail = [&](absl::string_view why) {
    v.Add("filter", absl::StrCat(why, "; expected field = \"value\" [AND ...] with fields ",
                                 absl::StrJoin(allowed, ", ")));
    return Filter{};
  };
  skip_space();
  if (i == text.size()) return filter;
  while (true) {
    size_t start = i;
    while (i < text.size() && (absl::ascii_isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
    std::string field(text.substr(start, i - start));
    if (field.empty()) return fail("a field name is missing");
    if (!allowed.count(field)) return fail(absl::StrCat("'", field, "' cannot be filtered on"));
    skip_space();
    if (i >= text.size() || text[i] != '=') return fail(absl::StrCat("'=' expected after ", field));
    ++i;
    skip_space();
    std::string value;
    if (i < text.size() && text[i] == '"') {
      ++i;
      while (i < text.size() && text[i] != '"') value += text[i++];
      if (i >= text.size()) return fail("unterminated string");
      ++i;
    } else {
      size_t vs = i;
      while (i < text.size() && !absl::ascii_isspace(static_cast<unsigned char>(text[i]))) ++i;
      value = std::string(text.substr(vs, i - vs));
      if (value.empty()) return fail(absl::StrCat("a value is missing for ", field));
    }
    if (filter.Find(field)) return fail(absl::StrCat("'", field, "' appears twice"));
    filter.equals.emplace_back(field, value);
    skip_space();
    if (i == text.size()) return filter;
    if (text.substr(i, 3) != "AND") return fail("only AND joins conditions");
    i += 3;
    skip_space();
  }
}

std::optional<int> EnumFilterNumber(const Filter& filter, absl::string_view field,
                                    const google::protobuf::EnumDescriptor* type, Validation& v) {
  const std::string* text = filter.Find(field);
  if (!text) return std::nullopt;
  const google::protobuf::EnumValueDescriptor* value = type->FindValueByName(*text);
  if (value && value->number() != 0) return value->number();
  // The first value after UNSPECIFIED as the example.
  const int example = type->value_count() > 1 ? 1 : 0;
  v.Add("filter",
        absl::StrCat(field, " must be a ", type->name(), " value such as ", type->value(example)->name()));
  return std::nullopt;
}

std::optional<bool> BoolFilter(const Filter& filter, absl::string_view field, Validation& v) {
  const std::string* value = filter.Find(field);
  if (!value) return std::nullopt;
  if (*value == "true") return true;
  if (*value == "false") return false;
  v.Add("filter", absl::StrCat(field, " must be true or false"));
  return std::nullopt;
}

}  // namespace platform
