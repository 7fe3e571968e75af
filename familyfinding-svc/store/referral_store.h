#pragma once
// The family-finding referral repository over SOCI: the same SQL on SQLite and MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "familyfinding-svc/domain/referral.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"

namespace soci {
class session;
}

namespace familyfinding {

struct ReferralQuery {
  std::optional<std::string> child_id;
  std::optional<std::string> family_finder;
  std::optional<ReferralOutcome> outcome;
  // Open, with the plan's review on or before that day.
  std::optional<platform::Date> review_due_on;
  platform::Page page;
  // Only the referrals of children the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

class ReferralStore {
 public:
  void Insert(soci::session& tx, const Referral& r);
  std::optional<Referral> Get(soci::session& sql, const std::string& id);
  // The child's open referral, if any.
  std::optional<Referral> OpenFor(soci::session& sql, const std::string& child_id);
  // In the order they were recorded; at most page.size after page.after_id.
  std::vector<Referral> List(soci::session& sql, const ReferralQuery& query);
  // Writes `r` as version expected_version + 1, keeping the version before; false when
  // the stored version is not expected_version.
  bool Update(soci::session& tx, Referral& r, long long expected_version);
};

}  // namespace familyfinding
