#include "platform/rpc/access.h"

#include <algorithm>

namespace platform {

std::string ReachName(Reach reach) {
  switch (reach) {
    case Reach::kAgency:
      return "agency";
    case Reach::kLocalAuthorities:
      return "local_authorities";
    case Reach::kHousehold:
      return "household";
    case Reach::kParty:
      return "party";
    case Reach::kPartnerAgency:
      return "partner_agency";
    case Reach::kSubject:
      return "subject";
  }
  return "unknown";
}

Coverage Coverage::Everything() {
  Coverage c;
  c.agency = true;
  return c;
}

bool Coverage::Covers(const RecordScope& record) const {
  if (agency) return true;
  if (record.unallocated && !local_authorities.empty()) return true;
  for (const auto& la : record.local_authorities) {
    if (!la.empty() && std::find(local_authorities.begin(), local_authorities.end(), la) != local_authorities.end()) {
      return true;
    }
  }
  if (!household.empty() && household == record.household) return true;
  if (!party.empty() && std::find(record.parties.begin(), record.parties.end(), party) != record.parties.end()) {
    return true;
  }
  if (!subject.empty() && std::find(record.subjects.begin(), record.subjects.end(), subject) != record.subjects.end()) {
    return true;
  }
  return !partner_agency.empty() && partner_agency == record.partner_agency;
}

bool Coverage::Empty() const {
  return !agency && local_authorities.empty() && household.empty() && party.empty() && partner_agency.empty() &&
         subject.empty();
}

std::vector<Grant> AgencyWide(std::initializer_list<Role> roles) {
  std::vector<Grant> grants;
  for (Role r : roles) grants.push_back({r, Reach::kAgency});
  return grants;
}

PolicyTable::PolicyTable(std::vector<MethodPolicy> policies) : policies_(std::move(policies)) {
  for (const auto& p : policies_) by_method_[p.method] = &p;
}

bool PolicyTable::Allows(absl::string_view method, const Principal& principal) const {
  auto it = by_method_.find(method);
  if (it == by_method_.end()) return false;
  for (const Grant& g : it->second->grants) {
    if (principal.Has(g.role)) return true;
  }
  return false;
}

Coverage PolicyTable::CoverageFor(absl::string_view method, const Principal& principal) const {
  Coverage c;
  auto it = by_method_.find(method);
  if (it == by_method_.end()) return c;
  for (const Grant& g : it->second->grants) {
    if (!principal.Has(g.role)) continue;
    switch (g.reach) {
      case Reach::kAgency:
        c.agency = true;
        break;
      case Reach::kLocalAuthorities:
        for (const auto& la : principal.local_authorities) {
          if (!la.empty() && std::find(c.local_authorities.begin(), c.local_authorities.end(), la) ==
                                 c.local_authorities.end()) {
            c.local_authorities.push_back(la);
          }
        }
        break;
      case Reach::kHousehold:
        c.household = principal.household;
        break;
      case Reach::kParty:
        c.party = principal.party;
        break;
      case Reach::kPartnerAgency:
        c.partner_agency = principal.agency;
        break;
      case Reach::kSubject:
        c.subject = principal.subject;
        break;
    }
  }
  return c;
}

}  // namespace platform
