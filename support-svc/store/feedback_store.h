#pragma once
// The complaints and compliments repository over SOCI: the same SQL on SQLite and
// MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"
#include "support-svc/domain/feedback.h"

namespace soci {
class session;
}

namespace support {

struct FeedbackQuery {
  std::optional<FeedbackKind> kind;
  std::optional<FeedbackStatus> status;
  std::optional<std::string> local_authority;
  // Open complaints whose current stage's response was due before this day.
  std::optional<platform::Date> overdue_on;
  platform::Page page;
  // Only records the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

class FeedbackStore {
 public:
  void Insert(soci::session& tx, const Feedback& f);
  std::optional<Feedback> Get(soci::session& sql, const std::string& id);
  // In id (creation) order; at most page.size after page.after_id.
  std::vector<Feedback> List(soci::session& sql, const FeedbackQuery& query);
  // Writes `f` as version expected_version + 1, keeping the previous version in
  // history; false when the stored version is not expected_version (stale etag).
  bool Update(soci::session& tx, Feedback& f, long long expected_version);
  // Complaints whose current stage's response is past its due day.
  long long CountComplaintsOverdue(soci::session& sql, platform::Date today);
};

}  // namespace support
