#pragma once
// Panel referrals, a read model of recruitment-svc's HouseholdReferredToPanel events.
#include <optional>
#include <string>
#include <vector>

#include "panel-svc/domain/referral.h"
#include "platform/rpc/paging.h"

namespace soci {
class session;
}

namespace panel {

struct ReferralQuery {
  bool awaiting = false;  // only those with no approval case booked since
  platform::Page page;
};

class ReferralStore {
 public:
  // Keeps `r` unless a later referral of the household is stored (Replaces).
  void Record(soci::session& tx, const PanelReferral& r);
  std::optional<PanelReferral> Get(soci::session& sql, const std::string& household_id);
  // By referral date (ties by household), each with the approval case booked since.
  std::vector<PanelReferral> List(soci::session& sql, const ReferralQuery& query);
};

}  // namespace panel
