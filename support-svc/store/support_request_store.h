#pragma once
// The support request repository over SOCI: the same SQL on SQLite and MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "platform/core/figures.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"
#include "support-svc/domain/support_request.h"

namespace soci {
class session;
}

namespace support {

struct SupportRequestQuery {
  std::optional<SupportRequestStatus> status;
  std::optional<Triage> triage;
  std::optional<RequesterKind> requester_kind;
  std::optional<Channel> channel;
  std::optional<std::string> local_authority;
  platform::Page page;
  // Only records the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

class SupportRequestStore {
 public:
  // `source_id`: the old system's id of an imported request; empty for one recorded
  // here.
  void Insert(soci::session& tx, const SupportRequest& r, const std::string& source_id = "");
  std::optional<SupportRequest> Get(soci::session& sql, const std::string& id);
  std::optional<SupportRequest> FindBySource(soci::session& sql, const std::string& source_id);
  // The requests received in `period`, of `local_authority` when given, that
  // `coverage` reaches, in id order.
  std::vector<SupportRequest> ReceivedIn(soci::session& sql, platform::Period period,
                                         const std::optional<std::string>& local_authority,
                                         const platform::Coverage& coverage);
  // By date received, then id; at most page.size rows after the request
  // page.after_id (none when that request is unknown).
  std::vector<SupportRequest> List(soci::session& sql, const SupportRequestQuery& query);
  // Writes `r` as version expected_version + 1, keeping the previous version in
  // history; false when the stored version is not expected_version (stale etag).
  bool Update(soci::session& tx, SupportRequest& r, long long expected_version);
  long long Count(soci::session& sql);
  // Requests whose support & advice call is past its due day and not held, not closed.
  long long CountCallsOverdue(soci::session& sql, platform::Date today);
};

}  // namespace support
