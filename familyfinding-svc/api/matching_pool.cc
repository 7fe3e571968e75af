#include "familyfinding-svc/api/matching_pool.h"

namespace familyfinding {

std::shared_ptr<const PoolSnapshot> MatchingPool::Current(soci::session& sql) {
  // The version is read first: a write committed after it makes the next search
  // read again, so the pool is never older than the version it is held under.
  const long long version = profiles_->PoolVersion(sql);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (pool_ && version == version_) return pool_;
  }
  auto loaded = std::make_shared<const PoolSnapshot>(profiles_->Available(sql), is_partner_);
  std::lock_guard<std::mutex> lock(mu_);
  if (!pool_ || version >= version_) {
    version_ = version;
    pool_ = loaded;
  }
  return loaded;
}

}  // namespace familyfinding
