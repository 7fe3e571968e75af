#pragma once
// Dated statutory and policy numbers (timescales, thresholds, limits): the value in
// force on a date. The defaults are config/statutory.tsv, compiled in; a deployment
// may load its own file (same format) instead. Never literals in code.
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "platform/core/calendar.h"

namespace platform {

class StatutoryTable {
 public:
  // Parses the TSV; every malformed row is reported.
  static absl::StatusOr<StatutoryTable> Parse(const std::string& text);
  // The compiled-in defaults from config/statutory.tsv.
  static const StatutoryTable& Defaults();
  // Loads `path` when given, else the defaults; `required` keys must all be present.
  static absl::StatusOr<StatutoryTable> Load(const std::string& path, const std::vector<std::string>& required);

  // The value of `key` in force on `on`: NOT_FOUND when the key is unknown or
  // was not yet in force.
  absl::StatusOr<long long> ValueOn(const std::string& key, Date on) const;
  bool Has(const std::string& key) const { return rows_.count(key) > 0; }

 private:
  std::map<std::string, std::map<Date, long long>> rows_;
};

}  // namespace platform
