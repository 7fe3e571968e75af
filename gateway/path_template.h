#pragma once
// The google.api.http path template syntax (google/api/http.proto):
//   Template = "/" Segments [ Verb ] ;  Segments = Segment { "/" Segment } ;
//   Segment  = "*" | "**" | LITERAL | Variable ;  Variable = "{" FieldPath [ "=" Segments ] "}" ;
//   Verb     = ":" LITERAL ;
// e.g. "/v1/{name=contactArrangements/*/exchanges/*}:approve".
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace gateway {

// A request path split once into its segments (percent-decoded) and its verb, to be
// matched against every route's template without splitting it again for each.
struct RequestPath {
  explicit RequestPath(const std::string& path);
  bool valid = false;          // starts with '/'
  bool has_verb = false;       // its last segment holds a ':' (before decoding)
  std::string verb;            // what follows that segment's last ':'
  std::vector<std::string> segments;  // without the verb
};

class PathTemplate {
 public:
  static absl::StatusOr<PathTemplate> Parse(const std::string& text);

  // The variable bindings (field path -> value, percent-decoded) when `path`
  // matches; nullopt otherwise.
  using Bindings = std::vector<std::pair<std::string, std::string>>;
  std::optional<Bindings> Match(const std::string& path) const;
  std::optional<Bindings> Match(const RequestPath& path) const;

  const std::string& text() const { return text_; }
  // Literal segments count: more specific templates are tried first.
  int literal_count() const { return literals_; }

 private:
  enum class Kind { kLiteral, kAny, kAnyRest, kBegin, kEnd };
  struct Item {
    Kind kind;
    std::string value;  // literal text, or the field path for kBegin
  };
  bool MatchFrom(size_t item, const std::vector<std::string>& segs, size_t seg,
                 std::vector<std::pair<std::string, size_t>>& open, Bindings& out) const;
  std::string text_;
  std::vector<Item> items_;
  std::string verb_;
  int literals_ = 0;
  // Segments a matching path has: exactly `min_segments_` unless a ** takes the rest.
  size_t min_segments_ = 0;
  bool open_ended_ = false;
};

// Percent-decoding of one path segment or query component.
std::string PercentDecode(const std::string& s, bool plus_is_space);

}  // namespace gateway
