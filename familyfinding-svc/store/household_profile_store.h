#pragma once
// The household profiles read model over SOCI: the same SQL on SQLite and MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "familyfinding-svc/domain/household_profile.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"

namespace soci {
class session;
}

namespace familyfinding {

struct HouseholdProfileQuery {
  std::optional<std::string> home_local_authority;
  std::optional<bool> approved;
  platform::Page page;
  // Only profiles the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

class HouseholdProfileStore {
 public:
  std::optional<HouseholdProfile> Get(soci::session& sql, const std::string& id);
  // A partner's household imported under the old system's id.
  std::optional<HouseholdProfile> FindBySource(soci::session& sql, const std::string& source_id);
  // A partner's household offered under its reference, by the partner agency's name.
  std::optional<HouseholdProfile> FindOffer(soci::session& sql, const std::string& agency,
                                            const std::string& reference);
  // The ids of the agency's own households (recruitment-svc's, not partners').
  std::vector<std::string> OwnHouseholdIds(soci::session& sql);
  // The approved households with no match since their approval: the matching pool.
  std::vector<HouseholdProfile> Available(soci::session& sql);
  // A number that moves with every Save (in its transaction): the pool changed since
  // it was read when this differs.
  long long PoolVersion(soci::session& sql);
  // Writes the profile whole, inserting it the first time.
  void Save(soci::session& tx, const HouseholdProfile& p);
  // Erases the profile (its household's record was disposed of): out of the pool.
  void Erase(soci::session& tx, const std::string& id);
  // Oldest enquiry first (ties by id); at most page.size profiles after the one
  // named by page.after_id.
  std::vector<HouseholdProfile> List(soci::session& sql, const HouseholdProfileQuery& query);
};

}  // namespace familyfinding
