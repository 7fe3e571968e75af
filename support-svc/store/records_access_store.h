#pragma once
// The records access request repository over SOCI: the same SQL on SQLite and
// MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"
#include "support-svc/domain/records_access.h"

namespace soci {
class session;
}

namespace support {

struct RecordsAccessQuery {
  std::optional<RecordsAccessStatus> status;
  std::optional<RecordsAccessKind> kind;
  std::optional<bool> adopted_before_12_nov_1975;
  std::optional<std::string> local_authority;
  platform::Page page;
  // Only records the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

class RecordsAccessStore {
 public:
  void Insert(soci::session& tx, const RecordsAccessRequest& r);
  std::optional<RecordsAccessRequest> Get(soci::session& sql, const std::string& id);
  // The queue: prioritised requests first, then by the day received, then id; at most
  // page.size after page.after_id.
  std::vector<RecordsAccessRequest> List(soci::session& sql, const RecordsAccessQuery& query);
  // Writes `r` as version expected_version + 1, keeping the previous version in
  // history; false when the stored version is not expected_version (stale etag).
  bool Update(soci::session& tx, RecordsAccessRequest& r, long long expected_version);
};

}  // namespace support
