#pragma once
// The child repository over SOCI: the same SQL on SQLite and MySQL/MariaDB.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "familyfinding-svc/domain/child.h"
#include "platform/core/figures.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"

namespace soci {
class session;
}

namespace familyfinding {

struct ChildQuery {
  std::optional<std::string> local_authority;
  std::optional<FamilyFindingStatus> status;
  std::optional<LegalStatus> legal_status;
  std::optional<Sex> sex;
  std::optional<bool> early_permanence;
  std::optional<std::string> sibling_group;
  std::optional<std::string> household_id;
  // Only the children partner agencies are offered (OfferedToPartners).
  bool offered_to_partners = false;
  // Derived on `on` by the domain's rule, so applied to rows as they are read.
  std::optional<bool> harder_to_place;
  platform::Date on;
  platform::Page page;
  // Only children the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

class ChildStore {
 public:
  // Inserts the child with its milestones (and its source_id, set once).
  void Insert(soci::session& tx, const Child& c);
  // The child with its milestones.
  std::optional<Child> Get(soci::session& sql, const std::string& id);
  // The child imported under the old system's id.
  std::optional<Child> FindBySource(soci::session& sql, const std::string& source_id);
  // The children with an adoption order in `period`, of `local_authority` when set,
  // within `coverage`, with their milestones: the scorecard's cohort.
  std::vector<Child> AdoptedIn(soci::session& sql, platform::Period period,
                               const std::optional<std::string>& local_authority, const platform::Coverage& coverage);
  // Every child (of `local_authority` when set, within `coverage`) with its milestones:
  // the states on a day and the counts in a period read every journey.
  std::vector<Child> Journeys(soci::session& sql, const std::optional<std::string>& local_authority,
                              const platform::Coverage& coverage);
  // Oldest first; at most page.size children after page.after_id.
  std::vector<Child> List(soci::session& sql, const ChildQuery& query);
  // Writes `c` as version expected_version + 1, keeping the previous version in
  // child_history, and appends the milestones past those stored; false when the
  // stored version is not expected_version (stale etag).
  bool Update(soci::session& tx, Child& c, long long expected_version);
  // Children per stored family-finding status name.
  std::map<std::string, long long> CountByStatus(soci::session& sql);
};

}  // namespace familyfinding
