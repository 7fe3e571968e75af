#pragma once
// Agenda items and recommendations over SOCI: the same SQL on SQLite and MariaDB.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "panel-svc/domain/agenda.h"
#include "panel-svc/domain/panel_report.h"
#include "platform/core/figures.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"

namespace soci {
class session;
}

namespace panel {

// ListAgendaItems' filter: every field given must hold.
struct AgendaQuery {
  std::optional<std::string> meeting_id;  // unset: every meeting's items
  std::optional<AgendaItemKind> kind;
  std::optional<std::string> household_id;
  std::optional<std::string> child_id;  // items naming that child
  // Items whose decision was due before that day and is not recorded.
  std::optional<platform::Date> decision_overdue_on;
  platform::Coverage coverage;  // what the caller reaches (a member: the items of meetings they attend)
  platform::Page page;
};

class AgendaStore {
 public:
  void Insert(soci::session& tx, const AgendaItem& item);
  std::optional<AgendaItem> Get(soci::session& sql, const std::string& id);
  // The case imported under the old system's `source_id`, if any.
  std::optional<AgendaItem> FindBySource(soci::session& sql, const std::string& source_id);
  // The household's imported cases with no decision yet, each with its meeting day,
  // the latest heard first.
  std::vector<std::pair<AgendaItem, platform::Date>> UndecidedImported(soci::session& sql,
                                                                       const std::string& household_id);
  // Writes `item`'s meeting, papers and conflicts as version expected_version + 1, keeping the
  // previous version and its papers; papers change in place or are added, conflicts
  // only added (nothing is removed). False when the stored version is not
  // expected_version.
  bool Update(soci::session& tx, AgendaItem& item, long long expected_version);
  // By id (booking order); at most page.size items after page.after_id.
  std::vector<AgendaItem> List(soci::session& sql, const AgendaQuery& query);
  // How many cases are booked on a meeting.
  int CountOn(soci::session& sql, const std::string& meeting_id);
  // Recommendations whose decision was due before `today` and is not recorded.
  int CountDecisionsOverdue(soci::session& sql, platform::Date today);

  // The statuses of the meetings dated in `period` (imported meetings left out).
  std::vector<MeetingStatus> MeetingStatusesIn(soci::session& sql, const platform::Period& period);
  // The cases heard at meetings held in `period` (those with a recommendation; the
  // old system's, imported for their decision, left out), with
  // their household's referral day when recruitment-svc referred it.
  std::vector<HeardCase> HeardIn(soci::session& sql, const platform::Period& period);

  // The item's recommendation, recorded once (the item is then `recommended`).
  void InsertRecommendation(soci::session& tx, const Recommendation& r);
  std::optional<Recommendation> GetRecommendation(soci::session& sql, const std::string& agenda_item_id);
  // Writes `r`'s minutes and decision due date as version expected_version + 1, the
  // previous version kept in recommendation_history; false when the stored version is
  // not expected_version.
  bool UpdateRecommendation(soci::session& tx, Recommendation& r, long long expected_version);
};

}  // namespace panel
