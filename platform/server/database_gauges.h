#pragma once
// Gauges a service reads from its own database on a period — households with an
// overdue clock, a waiting list's length — for the operations team's dashboards and
// alerts (docs/architecture.md, "Metrics"). A read that fails keeps the last value and
// is logged; the gauges stop with their owner.
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"

namespace prometheus {
class Gauge;
class Registry;
template <typename T>
class Family;
}  // namespace prometheus
namespace soci {
class session;
}

namespace platform {

class Database;

// A gauge family's values by status: each of `names` (a domain enum's stored names)
// lower-cased, with its count in `counts` (0 when none), so every status has a series.
std::map<std::string, double> CountsByName(const std::vector<std::string>& names,
                                           const std::map<std::string, long long>& counts);

class DatabaseGauges {
 public:
  using Read = std::function<absl::StatusOr<double>(soci::session&)>;
  // One value per label value (a status, a part); every value a read returns is a series.
  using ReadEach = std::function<absl::StatusOr<std::map<std::string, double>>(soci::session&)>;
  DatabaseGauges(Database* db, prometheus::Registry* registry, std::chrono::seconds every);
  ~DatabaseGauges();
  DatabaseGauges(const DatabaseGauges&) = delete;
  DatabaseGauges& operator=(const DatabaseGauges&) = delete;

  // A gauge `name` (no labels) set from `read`. Before Start().
  void Add(const std::string& name, const std::string& help, Read read);
  // A gauge family `name` with one label: a series per value `read` returns. A series
  // the last read did not return falls to 0 (prometheus-cpp keeps series once made),
  // so a read should return every value it knows, 0 included. Before Start().
  void AddEach(const std::string& name, const std::string& help, const std::string& label, ReadEach read);
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
  struct Family {
    std::string name;
    std::string label;
    prometheus::Family<prometheus::Gauge>* family;
    ReadEach read;
    std::map<std::string, prometheus::Gauge*> series;
  };
  Database* db_;
  prometheus::Registry* registry_;
  std::chrono::seconds every_;
  std::vector<Entry> entries_;
  std::vector<Family> families_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace platform
