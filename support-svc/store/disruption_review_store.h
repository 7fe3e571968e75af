#pragma once
// The disruption review repository over SOCI: the same SQL on SQLite and MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"
#include "support-svc/domain/disruption_review.h"

namespace soci {
class session;
}

namespace support {

struct DisruptionReviewQuery {
  std::optional<DisruptionReviewStatus> status;
  std::optional<std::string> local_authority;
  platform::Page page;
  // Only records the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

class DisruptionReviewStore {
 public:
  void Insert(soci::session& tx, const DisruptionReview& r);
  std::optional<DisruptionReview> Get(soci::session& sql, const std::string& id);
  // In id (creation) order; at most page.size after page.after_id.
  std::vector<DisruptionReview> List(soci::session& sql, const DisruptionReviewQuery& query);
  // Writes `r` as version expected_version + 1, keeping the previous version in
  // history; false when the stored version is not expected_version (stale etag).
  bool Update(soci::session& tx, DisruptionReview& r, long long expected_version);
};

}  // namespace support
