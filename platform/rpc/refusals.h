#pragma once
// Refused calls (no valid token; a role the method does not grant). Each is counted in
// `rpc_refusals_total{reason, peer}`, but only a bounded stream of them is written to
// the audit log: an unauthenticated flood must not become a flood of database writes
// (on SQLite each write takes the database-wide lock). The row that is written says how
// many refusals of its kind went unwritten before it, so the audit log still accounts
// for every one.
#include <chrono>
#include <mutex>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "platform/rpc/auth.h"

namespace prometheus {
class Counter;
template <typename T>
class Family;
class Registry;
}  // namespace prometheus

namespace platform {

class Database;

struct RefusalAuditRate {
  double per_second = 10;  // rows written per second, on average
  int burst = 20;          // rows that may be written at once after a quiet spell
};

class RefusalRecorder {
 public:
  // `registry` may be null (no metric).
  RefusalRecorder(Database* db, prometheus::Registry* registry, RefusalAuditRate rate);

  // `reason`: "UNAUTHENTICATED" or "PERMISSION_DENIED"; `peer`: gRPC's peer string
  // ("ipv4:10.0.0.7:53122"), labelled by address without the port. True when an audit
  // row was written for it (the caller logs those only, so a flood is no log flood).
  bool Record(const Principal& who, absl::string_view method, absl::string_view request_id,
              absl::string_view reason, absl::string_view peer);

  // The label a peer is counted under: its address, or "other" once kMaxPeers
  // addresses have been seen (labels must stay bounded).
  std::string PeerLabel(absl::string_view peer);
  static constexpr int kMaxPeers = 100;

 private:
  bool TakeToken();
  Database* db_;
  prometheus::Family<prometheus::Counter>* family_ = nullptr;
  RefusalAuditRate rate_;
  std::mutex mu_;
  double tokens_;
  std::chrono::steady_clock::time_point refilled_;
  absl::flat_hash_map<std::string, long long> unwritten_;  // by reason
  absl::flat_hash_map<std::string, bool> peers_;
};

}  // namespace platform
