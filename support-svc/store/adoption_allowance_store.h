#pragma once
// The adoption allowance and allowance budget repository over SOCI: the same SQL on
// SQLite and MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "platform/core/figures.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"
#include "support-svc/domain/adoption_allowance.h"

namespace soci {
class session;
}

namespace support {

struct AllowanceQuery {
  std::optional<std::string> household_id, child_reference, local_authority;
  std::optional<AllowanceKind> kind;
  std::optional<AllowanceStatus> status;
  // Regular allowances not ended whose review due now was before this day.
  std::optional<platform::Date> review_overdue_on;
  platform::Page page;
  // Only records the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

// A budget as stored, with who set it.
struct StoredBudget {
  AllowanceBudget budget;
  long long version = 0, created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

class AdoptionAllowanceStore {
 public:
  void Insert(soci::session& tx, const AdoptionAllowance& a);
  std::optional<AdoptionAllowance> Get(soci::session& sql, const std::string& id);
  // In id (creation) order; at most page.size after page.after_id.
  std::vector<AdoptionAllowance> List(soci::session& sql, const AllowanceQuery& query);
  // Writes `a` as version expected_version + 1, keeping the previous version in
  // history; false when the stored version is not expected_version (stale etag).
  bool Update(soci::session& tx, AdoptionAllowance& a, long long expected_version);
  // Every allowance started by `last` and not ended before `first`, of
  // `local_authority` when given, that `coverage` reaches.
  std::vector<AdoptionAllowance> RunningIn(soci::session& sql, platform::Period period,
                                           const std::optional<std::string>& local_authority,
                                           const platform::Coverage& coverage);

  // Sets the budget, keeping the value it replaces; returns it as stored.
  StoredBudget SetBudget(soci::session& tx, const AllowanceBudget& budget, const std::string& actor, long long now);
  // The budgets of the financial years `first` to `last` ("2024-25"), of
  // `local_authority` when given.
  std::vector<AllowanceBudget> Budgets(soci::session& sql, const std::string& first, const std::string& last,
                                       const std::optional<std::string>& local_authority);
};

}  // namespace support
