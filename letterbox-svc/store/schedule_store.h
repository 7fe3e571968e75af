#pragma once
// The letterbox schedule's read model over SOCI (migration 0003): one row for each
// party of each arrangement.
#include <optional>
#include <string>
#include <vector>

#include "letterbox-svc/domain/schedule.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"

namespace soci {
class session;
}

namespace letterbox {

struct ScheduleRow {
  std::string id;  // arrangement_id ":" party_id, the keyset
  std::string arrangement_id;
  PartySchedule schedule;
};

// Which rows: of active indirect arrangements only, and those the standings ask for
// (each a condition on dates the caller works out from today and the rules).
struct ScheduleQuery {
  std::optional<std::string> arrangement_id;
  std::optional<std::string> local_authority;
  std::optional<platform::Date> due_before;          // overdue: next_due_date before this
  std::optional<platform::Date> due_from, due_until;  // a reminder: next_due_date within
  std::optional<platform::Date> forwarded_before;    // waiting for a reply: forwarded before, nothing sent since
  platform::Page page;
  platform::Coverage coverage;
};

class ScheduleStore {
 public:
  // Writes the rows of `arrangement_id` as `schedule` says (inserting new parties').
  void Save(soci::session& tx, const std::string& arrangement_id, const std::vector<PartySchedule>& schedule,
            long long now);
  std::vector<PartySchedule> Of(soci::session& sql, const std::string& arrangement_id);
  std::vector<ScheduleRow> List(soci::session& sql, const ScheduleQuery& query);
  // Parties of active indirect arrangements whose next due date is before `day`.
  long long CountDueBefore(soci::session& sql, platform::Date day);
};

}  // namespace letterbox
