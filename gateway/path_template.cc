#include "gateway/path_template.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace gateway {

std::string PercentDecode(const std::string& s, bool plus_is_space) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (plus_is_space && s[i] == '+') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

absl::StatusOr<PathTemplate> PathTemplate::Parse(const std::string& text) {
  PathTemplate t;
  t.text_ = text;
  if (text.empty() || text[0] != '/') return absl::InvalidArgumentError(absl::StrCat("template must start with /: ", text));
  std::string body = text.substr(1);
  // The verb is a ':' after the last '/' and outside braces.
  size_t last_slash = body.rfind('/');
  size_t close = body.rfind('}');
  size_t colon = body.rfind(':');
  if (colon != std::string::npos && (last_slash == std::string::npos || colon > last_slash) &&
      (close == std::string::npos || colon > close)) {
    t.verb_ = body.substr(colon + 1);
    body = body.substr(0, colon);
  }
  size_t i = 0;
  bool in_var = false;
  while (i < body.size()) {
    if (body[i] == '/') {
      ++i;
      continue;
    }
    if (body[i] == '{') {
      if (in_var) return absl::InvalidArgumentError(absl::StrCat("nested variable in ", text));
      size_t end = body.find('}', i);
      if (end == std::string::npos) return absl::InvalidArgumentError(absl::StrCat("unclosed variable in ", text));
      std::string var = body.substr(i + 1, end - i - 1);
      std::string field = var, pattern = "*";
      if (auto eq = var.find('='); eq != std::string::npos) {
        field = var.substr(0, eq);
        pattern = var.substr(eq + 1);
      }
      t.items_.push_back({Kind::kBegin, field});
      for (absl::string_view seg : absl::StrSplit(pattern, '/')) {
        if (seg == "*") {
          t.items_.push_back({Kind::kAny, ""});
        } else if (seg == "**") {
          t.items_.push_back({Kind::kAnyRest, ""});
        } else if (!seg.empty()) {
          t.items_.push_back({Kind::kLiteral, std::string(seg)});
          ++t.literals_;
        }
      }
      t.items_.push_back({Kind::kEnd, ""});
      i = end + 1;
      continue;
    }
    size_t end = body.find('/', i);
    std::string seg = body.substr(i, end == std::string::npos ? std::string::npos : end - i);
    if (seg == "*") {
      t.items_.push_back({Kind::kAny, ""});
    } else if (seg == "**") {
      t.items_.push_back({Kind::kAnyRest, ""});
    } else {
      t.items_.push_back({Kind::kLiteral, seg});
      ++t.literals_;
    }
    i = end == std::string::npos ? body.size() : end;
  }
  for (const Item& item : t.items_) {
    // A literal or * takes one segment; ** one or more.
    if (item.kind == Kind::kLiteral || item.kind == Kind::kAny || item.kind == Kind::kAnyRest) ++t.min_segments_;
    if (item.kind == Kind::kAnyRest) t.open_ended_ = true;
  }
  return t;
}

RequestPath::RequestPath(const std::string& raw_path) {
  if (raw_path.empty() || raw_path[0] != '/') return;
  valid = true;
  absl::string_view path(raw_path);
  path.remove_prefix(1);
  // The verb is what follows the last ':' of the last segment (before decoding: an
  // encoded %3A is part of a value).
  const size_t slash = path.rfind('/');
  const size_t colon = path.rfind(':');
  if (colon != absl::string_view::npos && (slash == absl::string_view::npos || colon > slash)) {
    has_verb = true;
    verb = std::string(path.substr(colon + 1));
    path = path.substr(0, colon);
  }
  for (absl::string_view s : absl::StrSplit(path, '/')) segments.push_back(PercentDecode(std::string(s), false));
}

bool PathTemplate::MatchFrom(size_t item, const std::vector<std::string>& segs, size_t seg,
                             std::vector<std::pair<std::string, size_t>>& open, Bindings& out) const {
  if (item == items_.size()) return seg == segs.size();
  const Item& it = items_[item];
  switch (it.kind) {
    case Kind::kLiteral:
      return seg < segs.size() && segs[seg] == it.value && MatchFrom(item + 1, segs, seg + 1, open, out);
    case Kind::kAny:
      return seg < segs.size() && !segs[seg].empty() && MatchFrom(item + 1, segs, seg + 1, open, out);
    case Kind::kAnyRest:
      for (size_t end = segs.size(); end > seg; --end) {
        if (MatchFrom(item + 1, segs, end, open, out)) return true;
      }
      return false;
    case Kind::kBegin: {
      open.emplace_back(it.value, seg);
      if (MatchFrom(item + 1, segs, seg, open, out)) return true;
      open.pop_back();
      return false;
    }
    case Kind::kEnd: {
      auto [field, start] = open.back();
      open.pop_back();
      std::vector<std::string> parts(segs.begin() + start, segs.begin() + seg);
      out.emplace_back(field, absl::StrJoin(parts, "/"));
      if (MatchFrom(item + 1, segs, seg, open, out)) return true;
      out.pop_back();
      open.emplace_back(field, start);
      return false;
    }
  }
  return false;
}

std::optional<PathTemplate::Bindings> PathTemplate::Match(const std::string& raw_path) const {
  return Match(RequestPath(raw_path));
}

std::optional<PathTemplate::Bindings> PathTemplate::Match(const RequestPath& path) const {
  if (!path.valid) return std::nullopt;
  // A path with a verb matches only a template with that verb, and has something before it.
  if (path.has_verb != !verb_.empty() || path.verb != verb_) return std::nullopt;
  if (path.has_verb && path.segments.size() == 1 && path.segments[0].empty()) return std::nullopt;
  if (path.segments.size() < min_segments_ || (!open_ended_ && path.segments.size() != min_segments_)) {
    return std::nullopt;
  }
  Bindings out;
  std::vector<std::pair<std::string, size_t>> open;
  if (!MatchFrom(0, path.segments, 0, open, out)) return std::nullopt;
  return out;
}

}  // namespace gateway
