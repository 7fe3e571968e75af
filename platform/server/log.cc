#include "platform/server/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace platform::log {
namespace {

std::string& ServiceName() {
  static std::string name = "adoption";
  return name;
}
std::atomic<int> min_level{1};
thread_local std::string request_id;

void Write(int level, absl::string_view event, std::initializer_list<Field> fields) {
  if (level < min_level.load()) return;
  static const char* kNames[] = {"debug", "info", "warn", "error"};
  std::string line = absl::StrCat(
      "{\"ts\":\"", absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone()),
      "\",\"level\":\"", kNames[level], "\",\"service\":\"", JsonEscape(ServiceName()),
      "\",\"event\":\"", JsonEscape(event), "\"");
  if (!request_id.empty()) absl::StrAppend(&line, ",\"request_id\":\"", JsonEscape(request_id), "\"");
  for (const auto& [k, v] : fields) absl::StrAppend(&line, ",\"", JsonEscape(k), "\":\"", JsonEscape(v), "\"");
  line += "}\n";
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  fwrite(line.data(), 1, line.size(), stderr);
  fflush(stderr);
}

}  // namespace

void SetService(absl::string_view service) { ServiceName() = std::string(service); }
void SetMinLevel(absl::string_view level) {
  min_level = level == "debug" ? 0 : level == "warn" ? 2 : level == "error" ? 3 : 1;
}
void Debug(absl::string_view e, std::initializer_list<Field> f) { Write(0, e, f); }
void Info(absl::string_view e, std::initializer_list<Field> f) { Write(1, e, f); }
void Warn(absl::string_view e, std::initializer_list<Field> f) { Write(2, e, f); }
void Error(absl::string_view e, std::initializer_list<Field> f) { Write(3, e, f); }

ScopedRequestId::ScopedRequestId(std::string id) : previous_(std::move(request_id)) {
  request_id = std::move(id);
}
ScopedRequestId::~ScopedRequestId() { request_id = std::move(previous_); }
const std::string& CurrentRequestId() { return request_id; }

std::string JsonEscape(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

}  // namespace platform::log
