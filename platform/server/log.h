#pragma once
// Structured logs: one JSON object per line on stderr, with the process's service
// name and the current request id. Never log personal data: ids of records and
// codes are fine, names, dates of birth and free text are not.
#include <initializer_list>
#include <string>
#include "absl/strings/string_view.h"
#include <utility>

namespace platform::log {

using Field = std::pair<absl::string_view, std::string>;

void SetService(absl::string_view service);
void SetMinLevel(absl::string_view level);  // "debug", "info", "warn", "error"

void Debug(absl::string_view event, std::initializer_list<Field> fields = {});
void Info(absl::string_view event, std::initializer_list<Field> fields = {});
void Warn(absl::string_view event, std::initializer_list<Field> fields = {});
void Error(absl::string_view event, std::initializer_list<Field> fields = {});

// The request id attached to log lines written on this thread while it is set.
class ScopedRequestId {
 public:
  explicit ScopedRequestId(std::string id);
  ~ScopedRequestId();

 private:
  std::string previous_;
};
const std::string& CurrentRequestId();

// JSON string escaping (also used by other JSON writers in platform).
std::string JsonEscape(absl::string_view s);

}  // namespace platform::log
