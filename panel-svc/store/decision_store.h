#pragma once
// The decision repository over SOCI: the same SQL on SQLite and MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "panel-svc/domain/decision.h"
#include "platform/core/figures.h"
#include "platform/rpc/paging.h"

namespace soci {
class session;
}

namespace panel {

// ListDecisions' filter: every field given must hold.
struct DecisionQuery {
  std::optional<DecisionKind> kind;
  std::optional<DecisionOutcome> outcome;
  std::optional<std::string> household_id;
  std::optional<std::string> child_id;  // decisions naming that child
  std::optional<bool> qualifying_determination;
  std::optional<std::string> decision_maker_local_authority;
  platform::Page page;
};

class DecisionStore {
 public:
  void Insert(soci::session& tx, const Decision& d);
  std::optional<Decision> Get(soci::session& sql, const std::string& id);
  // The decision imported under the old system's id.
  std::optional<Decision> FindBySource(soci::session& sql, const std::string& source_id);
  // The decision following the recommendation on that agenda item.
  std::optional<Decision> FindByAgendaItem(soci::session& sql, const std::string& agenda_item_id);
  // Every decision taken in `period`, by decision date.
  std::vector<Decision> DecidedIn(soci::session& sql, const platform::Period& period);
  // By decision date (ties by id); at most page.size decisions after the one named by
  // page.after_id.
  std::vector<Decision> List(soci::session& sql, const DecisionQuery& query);
  // Writes `d`'s determination state and representations day as version
  // expected_version + 1, keeping the previous version; false when the stored
  // version is not expected_version.
  bool Update(soci::session& tx, Decision& d, long long expected_version);
};

}  // namespace panel
