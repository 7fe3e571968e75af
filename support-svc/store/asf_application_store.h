#pragma once
// The ASF application repository over SOCI: the same SQL on SQLite and MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"
#include "support-svc/domain/asf_application.h"

namespace soci {
class session;
}

namespace support {

struct AsfApplicationQuery {
  std::optional<std::string> child_reference, family_reference, local_authority, financial_year;
  std::optional<AsfServiceType> service_type;
  std::optional<AsfStatus> status;
  platform::Page page;
  // Only records the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

// What the fund pays in one financial year (applications that count against the
// limits): the operators' view of spend against the per-child limits.
struct AsfYearSpend {
  long long fund = 0, match = 0;  // pence
  long long children = 0;         // children with such spend
  long long highest = 0;          // the most the fund pays for one child
};

class AsfApplicationStore {
 public:
  void Insert(soci::session& tx, const AsfApplication& a);
  std::optional<AsfApplication> Get(soci::session& sql, const std::string& id);
  // In id (creation) order; at most page.size after page.after_id.
  std::vector<AsfApplication> List(soci::session& sql, const AsfApplicationQuery& query);
  // Writes `a` as version expected_version + 1, keeping the previous version in
  // history; false when the stored version is not expected_version (stale etag).
  bool Update(soci::session& tx, AsfApplication& a, long long expected_version);
  // The applications of the financial years `first` to `last` ("2024-25"), of
  // `local_authority` when given, that `coverage` reaches.
  std::vector<AsfApplication> InYears(soci::session& sql, const std::string& first, const std::string& last,
                                      const std::optional<std::string>& local_authority,
                                      const platform::Coverage& coverage);
  // What the fund already pays for the child in the financial year (CountsAgainstLimits,
  // summed in the database), whoever may see the applications (the limits are the
  // child's), after taking the child's year in turn: a concurrent change for the same
  // child waits for this transaction.
  // Applications submitted and past their decision due day, undecided.
  long long CountDecisionsOverdue(soci::session& sql, platform::Date today);
  AsfYearSpend YearSpend(soci::session& sql, const std::string& financial_year);
  ChildYearSpend ChildYearSpendFor(soci::session& tx, const std::string& child_reference,
                                   const std::string& financial_year, const std::string& except_id);
};

}  // namespace support
