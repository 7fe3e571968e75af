#pragma once
// The panel repository over SOCI: the same SQL on SQLite and MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "panel-svc/domain/panel.h"
#include "platform/rpc/paging.h"

namespace soci {
class session;
}

namespace panel {

struct PanelQuery {
  std::optional<std::string> display_name;
  std::optional<bool> local_authority_agency;
  platform::Page page;
};

class PanelStore {
 public:
  void Insert(soci::session& tx, const Panel& p);
  std::optional<Panel> Get(soci::session& sql, const std::string& id);
  // Oldest first; at most page.size panels after page.after_id.
  std::vector<Panel> List(soci::session& sql, const PanelQuery& query);
  // Every panel with its list (an agency runs a handful): for the gauges.
  std::vector<Panel> All(soci::session& sql);
  // Writes `p` as version expected_version + 1, keeping the previous version and
  // its member rows; false when the stored version is not expected_version.
  bool Update(soci::session& tx, Panel& p, long long expected_version);
};

}  // namespace panel
