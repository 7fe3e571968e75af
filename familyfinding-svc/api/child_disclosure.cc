#include "familyfinding-svc/api/child_disclosure.h"

#include <soci/soci.h>

#include "familyfinding-svc/api/child_mapping.h"
#include "familyfinding-svc/api/familyfinding_api.h"

namespace familyfinding {

namespace rpb = adoption::records::v1;

std::vector<rpb::DisclosureItem> FamilyFindingDisclosure::About(soci::session& sql,
                                                                const platform::DisclosureSubject& subject) {
  std::vector<rpb::DisclosureItem> items;
  if (subject.child) {
    std::optional<Child> child = children_->Get(sql, subject.id);
    if (!child) return items;
    items.push_back(platform::DisclosureItemOf(ToProto(*child, clock_->Today(), *statutory_), kChild));
    for (const std::string& id :
         platform::RecordIds(sql, "SELECT id FROM child_links WHERE child_id = :id ORDER BY id", subject.id)) {
      std::optional<Link> link = links_.Get(sql, id);
      if (!link) continue;
      rpb::DisclosureItem item = platform::DisclosureItemOf(ToProto(*link), kLink);
      // Families considered and not chosen are other people: what the worker wrote about
      // them is reviewed. The family that adopted is the person's own.
      if (link->household_id != child->household_id) platform::FlagThirdParty(item, "reason", "prospective adopters");
      items.push_back(std::move(item));
    }
    for (const std::string& id :
         platform::RecordIds(sql, "SELECT id FROM family_finding_referrals WHERE child_id = :id ORDER BY id",
                             subject.id)) {
      if (std::optional<Referral> r = referrals_.Get(sql, id)) {
        items.push_back(platform::DisclosureItemOf(ToProto(*r), kReferral));
      }
    }
    return items;
  }
  if (std::optional<HouseholdProfile> profile = profiles_->Get(sql, subject.id)) {
    items.push_back(platform::DisclosureItemOf(ToProto(*profile), kHouseholdProfile));
  }
  // The children the household was considered for are other people: each link names one.
  for (const std::string& id :
       platform::RecordIds(sql, "SELECT id FROM child_links WHERE household_id = :id ORDER BY id", subject.id)) {
    if (std::optional<Link> link = links_.Get(sql, id)) {
      rpb::DisclosureItem item = platform::DisclosureItemOf(ToProto(*link), kLink);
      platform::FlagThirdParty(item, "name", "another child");
      items.push_back(std::move(item));
    }
  }
  return items;
}

}  // namespace familyfinding
