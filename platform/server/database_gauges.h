#pragma once
// Gauges a service reads from its own database on a period — households with an
// overdue clock, a waiting list's length — for the operations team's dashboards and
// alerts (docs/architecture.md, "Metrics"). A read that fails keeps the last value and
// is logged; the gauges stop with their owner.
#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"

namespace prometheus {
class Gauge;
class Registry;
}  // namespace prometheus
namespace soci {
class session;
}

namespace platform {

class Database;

class DatabaseGauges {
 public:
  using Read = std::function<absl::StatusOr<double>(soci::session&)>;
  DatabaseGauges(Database* db, prometheus::Registry* registry, std::chrono::seconds every);
  ~DatabaseGauges();
  DatabaseGauges(const DatabaseGauges&) = delete;
  DatabaseGauges& operator=(const DatabaseGauges&) = delete;

  // A gauge `name` (no labels) set from `read`. Before Start().
  void Add(const std::string& name, const std::string& help, Read read);
  // Reads every gauge now, then every period until destroyed.
  void Start();
  // Reads every gauge once (Start does it on its period; tests call it).
  void Refresh();

 private:
  struct Entry {
    std::string name;
    prometheus::Gauge* gauge;
    Read read;
  };
  Database* db_;
  prometheus::Registry* registry_;
  std::chrono::seconds every_;
  std::vector<Entry> entries_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace platform
