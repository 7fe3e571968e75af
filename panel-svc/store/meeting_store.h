#pragma once
// The meeting repository over SOCI: the same SQL on SQLite and MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "panel-svc/domain/meeting.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"

namespace soci {
class session;
}

namespace panel {

struct MeetingQuery {
  std::optional<std::string> panel_id;  // unset: every panel's meetings
  std::optional<MeetingStatus> status;
  std::optional<platform::Date> meeting_date;
  platform::Coverage coverage;  // what the caller reaches (a member: the meetings they attend)
  platform::Page page;
};

class MeetingStore {
 public:
  void Insert(soci::session& tx, const Meeting& m);
  std::optional<Meeting> Get(soci::session& sql, const std::string& id);
  // The imported meeting of `panel_id` on `meeting_date` (ImportedMeeting), if any.
  std::optional<Meeting> FindImported(soci::session& sql, const std::string& panel_id, platform::Date meeting_date);
  // By meeting date (ties by id); at most page.size meetings after the one named by
  // page.after_id.
  std::vector<Meeting> List(soci::session& sql, const MeetingQuery& query);
  // Writes `m` as version expected_version + 1, keeping the previous version and its
  // attendance rows; false when the stored version is not expected_version.
  bool Update(soci::session& tx, Meeting& m, long long expected_version);
};

}  // namespace panel
