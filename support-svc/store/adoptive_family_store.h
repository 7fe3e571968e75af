#pragma once
// The adoptive family repository over SOCI: the same SQL on SQLite and MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"
#include "support-svc/domain/adoptive_family.h"

namespace soci {
class session;
}

namespace support {

struct FamilyQuery {
  std::optional<std::string> local_authority, household_id, child_id;
  std::optional<FamilyStatus> status;
  platform::Page page;
  // Only records the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

class AdoptiveFamilyStore {
 public:
  // `source_event`: the event that began it.
  void Insert(soci::session& tx, const AdoptiveFamily& f, const std::string& source_event);
  std::optional<AdoptiveFamily> Get(soci::session& sql, const std::string& id);
  bool HasSource(soci::session& sql, const std::string& source_event);
  // The latest placement of `child_id` with `household_id`, if any.
  std::optional<AdoptiveFamily> Latest(soci::session& sql, const std::string& child_id,
                                       const std::string& household_id);
  // In id (creation) order; at most page.size after page.after_id.
  std::vector<AdoptiveFamily> List(soci::session& sql, const FamilyQuery& query);
  // Writes `f` as version expected_version + 1, keeping the previous version in
  // history; false when the stored version is not expected_version.
  bool Update(soci::session& tx, AdoptiveFamily& f, long long expected_version);
};

}  // namespace support
