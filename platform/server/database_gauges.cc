#include "platform/server/database_gauges.h"

#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "absl/strings/ascii.h"
#include "platform/db/db.h"
#include "platform/server/log.h"

namespace platform {

std::map<std::string, double> CountsByName(const std::vector<std::string>& names,
                                           const std::map<std::string, long long>& counts) {
  std::map<std::string, double> out;
  for (const std::string& name : names) {
    auto it = counts.find(name);
    out[absl::AsciiStrToLower(name)] = it == counts.end() ? 0 : static_cast<double>(it->second);
  }
  return out;
}

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

void DatabaseGauges::AddEach(const std::string& name, const std::string& help, const std::string& label,
                             ReadEach read) {
  auto* family = &prometheus::BuildGauge().Name(name).Help(help).Register(*registry_);
  families_.push_back({name, label, family, std::move(read), {}});
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
  for (Family& f : families_) {
    absl::StatusOr<std::map<std::string, double>> values;
    absl::Status read = db_->Read([&](soci::session& sql) -> absl::Status {
      values = f.read(sql);
      return values.status();
    });
    if (!read.ok()) {
      log::Warn("gauge_unread", {{"gauge", f.name}, {"why", std::string(read.message())}});
      continue;
    }
    for (auto& [value, gauge] : f.series) {
      if (!values->contains(value)) gauge->Set(0);
    }
    for (const auto& [value, v] : *values) {
      auto [it, added] = f.series.try_emplace(value, nullptr);
      if (added) it->second = &f.family->Add({{f.label, value}});
      it->second->Set(v);
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
