#include "platform/rpc/refusals.h"

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <algorithm>

#include "platform/rpc/audit.h"
#include "platform/db/db.h"
#include "platform/server/log.h"

namespace platform {

RefusalRecorder::RefusalRecorder(Database* db, prometheus::Registry* registry, RefusalAuditRate rate)
    : db_(db), rate_(rate), tokens_(rate.burst), refilled_(std::chrono::steady_clock::now()) {
  if (registry) {
    family_ = &prometheus::BuildCounter()
                   .Name("rpc_refusals_total")
                   .Help("Calls refused before their handler ran, by reason and peer address")
                   .Register(*registry);
  }
}

std::string RefusalRecorder::PeerLabel(absl::string_view peer) {
  // "ipv4:127.0.0.1:5000", "ipv6:[::1]:5000": drop the port.
  absl::string_view address = peer;
  auto colon = address.rfind(':');
  if (colon != absl::string_view::npos && colon > 5) address = address.substr(0, colon);
  if (address.empty()) address = "unknown";
  std::string label(address);
  if (peers_.contains(label)) return label;
  if (static_cast<int>(peers_.size()) >= kMaxPeers) return "other";
  peers_[label] = true;
  return label;
}

bool RefusalRecorder::TakeToken() {
  auto now = std::chrono::steady_clock::now();
  tokens_ = std::min<double>(rate_.burst,
                             tokens_ + std::chrono::duration<double>(now - refilled_).count() * rate_.per_second);
  refilled_ = now;
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

bool RefusalRecorder::Record(const Principal& who, absl::string_view method, absl::string_view request_id,
                             absl::string_view reason, absl::string_view peer) {
  long long unwritten = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (family_) family_->Add({{"reason", std::string(reason)}, {"peer", PeerLabel(peer)}}).Increment();
    long long& pending = unwritten_[reason];
    if (!TakeToken()) {
      ++pending;
      return false;
    }
    unwritten = pending;
    pending = 0;
  }
  // Written on its own: the call itself changes nothing.
  absl::Status s = db_->Transaction([&](soci::session& tx) {
    WriteAudit(tx, who, method, "-", "-", reason, request_id, unwritten);
    return absl::OkStatus();
  });
  if (!s.ok()) {
    log::Warn("audit_failed", {{"method", std::string(method)}});
    std::lock_guard<std::mutex> lock(mu_);
    unwritten_[reason] += unwritten + 1;
  }
  return true;
}

}  // namespace platform
