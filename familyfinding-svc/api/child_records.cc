#include "familyfinding-svc/api/child_records.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "platform/core/errors.h"

namespace familyfinding {

std::string ChildRecords::type() const { return kChild; }

std::vector<platform::RetainedRecord> ChildRecords::Due(soci::session& sql, platform::Date through) {
  // Only a child with an adoption order has a retention date (RetentionOf); those are
  // read whole and reckoned.
  const std::string order = MilestoneKindName(MilestoneKind::kAdoptionOrder);
  std::vector<std::string> ids;
  std::string id;
  soci::statement st = (sql.prepare << "SELECT DISTINCT child_id FROM child_milestones WHERE kind = :order "
                                       "ORDER BY child_id",
                        soci::use(order), soci::into(id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  std::vector<platform::RetainedRecord> due;
  for (const std::string& each : ids) {
    std::optional<Child> child = store_->Get(sql, each);
    if (!child) continue;
    std::optional<platform::Retention> retention = RetentionOf(*child, *statutory_);
    if (retention && retention->retain_until <= through) due.push_back({each, *retention});
  }
  return due;
}

absl::StatusOr<std::optional<platform::Retention>> ChildRecords::Find(soci::session& sql, const std::string& id) {
  std::optional<Child> child = store_->Get(sql, id);
  if (!child) return platform::NotFound(absl::StrCat("children/", id));
  return RetentionOf(*child, *statutory_);
}

std::vector<platform::ContentTable> ChildRecords::Content() const {
  // The links explored for the child (with the filters set aside and their versions),
  // the family-finding referrals and theirs, the milestones, every earlier version; then
  // the child.
  return {{"child_link_overrides", "link_id IN (SELECT id FROM child_links WHERE child_id = :id)"},
          {"child_link_history", "id IN (SELECT id FROM child_links WHERE child_id = :id)"},
          {"child_links", "child_id = :id"},
          {"family_finding_referral_history", "id IN (SELECT id FROM family_finding_referrals WHERE child_id = :id)"},
          {"family_finding_referrals", "child_id = :id"},
          {"child_milestones", "child_id = :id"},
          {"child_history", "id = :id"},
          {"children", "id = :id"}};
}

}  // namespace familyfinding
