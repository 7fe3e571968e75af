#pragma once
// The link repository over SOCI: the same SQL on SQLite and MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "familyfinding-svc/domain/link.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"

namespace soci {
class session;
}

namespace familyfinding {

struct LinkQuery {
  std::optional<std::string> child_id;  // unset: every child's links
  std::optional<std::string> household_id;
  std::optional<LinkStatus> status;
  std::optional<PlacementProvider> provider;
  platform::Page page;
  // Only the links of children the caller reaches, or (partner_agency: a partner's
  // name) of that partner's households (nothing unless set).
  platform::Coverage coverage;
};

class LinkStore {
 public:
  // Inserts the link with the filters it sets aside.
  void Insert(soci::session& tx, const Link& link);
  std::optional<Link> Get(soci::session& sql, const std::string& id);
  // In the order they were made; at most page.size after page.after_id.
  std::vector<Link> List(soci::session& sql, const LinkQuery& query);
  // The live links (proposed or active) of a child and of a household, together.
  std::vector<Link> LiveOf(soci::session& sql, const std::string& child_id, const std::string& household_id);
  // How many live links a household holds.
  int CountLive(soci::session& sql, const std::string& household_id);
  // Writes the status as version expected_version + 1, keeping the previous one;
  // false when the stored version is not expected_version.
  bool Update(soci::session& tx, Link& link, long long expected_version);
};

}  // namespace familyfinding
