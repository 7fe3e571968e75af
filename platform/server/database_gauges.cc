#include "platform/server/database_gauges.h"

#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "platform/db/db.h"
#include "platform/server/log.h"

namespace platform {

DatabaseGauges::DatabaseGauges(Database* db, prometheus::Registry* registry, std::chrono::seconds every)
    : db_(db), registry_(registry), every_(every) {}

DatabaseGauges::~DatabaseGauges() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void DatabaseGauges::Add(const std::string& name, const std::string& help, Read read) {
  prometheus::Gauge* gauge = &prometheus::BuildGauge().Name(name).Help(help).Register(*registry_).Add({});
  entries_.push_back({name, gauge, std::move(read)});
}

void DatabaseGauges::Refresh() {
  for (Entry& e : entries_) {
    absl::StatusOr<double> value;
    absl::Status read = db_->Read([&](soci::session& sql) -> absl::Status {
      value = e.read(sql);
      return value.status();
    });
    if (read.ok()) {
      e.gauge->Set(*value);
    } else {
      log::Warn("gauge_unread", {{"gauge", e.name}, {"why", std::string(read.message())}});
    }
  }
}

void DatabaseGauges::Start() {
  Refresh();
  thread_ = std::thread([this] {
    auto next = std::chrono::steady_clock::now() + every_;
    while (!stopping_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (stopping_ || std::chrono::steady_clock::now() < next) continue;
      Refresh();
      next = std::chrono::steady_clock::now() + every_;
    }
  });
}

}  // namespace platform
