#include "letterbox-svc/api/arrangement_disclosure.h"

#include <soci/soci.h>

#include <optional>

#include "absl/strings/str_cat.h"
#include "letterbox-svc/api/contact_arrangement_mapping.h"
#include "letterbox-svc/api/exchange_mapping.h"
#include "letterbox-svc/api/letterbox_api.h"

namespace letterbox {

namespace rpb = adoption::records::v1;

namespace {

constexpr char kBirthRelative[] = "birth relative";

// The arrangement as GetContactArrangement answers it. Its birth relatives are other
// people (a brother or sister taking part is one of them): their names, the accounts
// they sign in with and what the agency knows of them are flagged. The adoptive family
// is the person's own. The arrangement names no child but the person.
rpb::DisclosureItem ArrangementItem(const ContactArrangement& a) {
  rpb::DisclosureItem item = platform::DisclosureItemOf(ToProto(a), kArrangementResource);
  const std::vector<Party>& parties = a.details.parties;
  for (size_t i = 0; i < parties.size(); ++i) {
    if (!parties[i].role || !IsBirthFamily(*parties[i].role)) continue;
    const std::string party = absl::StrCat("parties[", i, "].");
    platform::FlagThirdParty(item, party + "displayName", kBirthRelative);
    platform::FlagThirdParty(item, party + "account", kBirthRelative);
    for (size_t j = 0; j < parties[i].known_details.size(); ++j) {
      platform::FlagThirdParty(item, absl::StrCat(party, "knownDetails[", j, "].text"), kBirthRelative);
    }
  }
  return item;
}

// Whether `party_id` is the adoptive family of `a` as it now stands.
bool AdoptiveFamily(const ContactArrangement& a, const std::string& party_id) {
  for (const Party& p : a.details.parties) {
    if (p.party_id == party_id) return p.role == PartyRole::kAdoptiveFamily;
  }
  return false;
}

// The exchange as a coordinator reads it: every version, flag and redaction. What a
// birth relative sent is their own words: each version of it, its files' descriptions,
// and the spans flagged or redacted in it. A sender no longer on the arrangement is not
// known to be the family, so theirs is flagged too.
rpb::DisclosureItem ExchangeItem(const Exchange& e, const ContactArrangement& a) {
  const adoption::letterbox::v1::Exchange shown = ToProto(e, Reader::kCoordinator);
  rpb::DisclosureItem item = platform::DisclosureItemOf(shown, kExchangeResource);
  if (AdoptiveFamily(a, e.sender)) return item;
  auto flag = [&](const std::string& field) { platform::FlagThirdParty(item, field, kBirthRelative); };
  flag("content");
  flag("redactedContent");
  for (int i = 0; i < shown.attachments_size(); ++i) flag(absl::StrCat("attachments[", i, "].description"));
  for (int k = 0; k < shown.versions_size(); ++k) {
    flag(absl::StrCat("versions[", k, "].content"));
    for (int i = 0; i < shown.versions(k).attachments_size(); ++i) {
      flag(absl::StrCat("versions[", k, "].attachments[", i, "].description"));
    }
  }
  for (int i = 0; i < shown.flags_size(); ++i) flag(absl::StrCat("flags[", i, "].text"));
  for (int i = 0; i < shown.redactions_size(); ++i) flag(absl::StrCat("redactions[", i, "].text"));
  return item;
}

}  // namespace

std::vector<rpb::DisclosureItem> ArrangementDisclosure::About(soci::session& sql,
                                                              const platform::DisclosureSubject& subject) {
  // Arrangements hold no household link — the adoptive family is a party by how it is
  // named to the other side — so adopters' disclosure finds nothing here.
  if (!subject.child) return {};
  // The child is named as familyfinding-svc names it; an arrangement set up under the
  // agency's own reference for a child adopted before is not found by it.
  std::vector<rpb::DisclosureItem> items;
  for (const std::string& id :
       platform::RecordIds(sql, "SELECT id FROM contact_arrangements WHERE child = :id ORDER BY id", subject.name)) {
    std::optional<ContactArrangement> a = arrangements_->Get(sql, id);
    if (!a) continue;
    items.push_back(ArrangementItem(*a));
    for (const std::string& exchange :
         platform::RecordIds(sql, "SELECT id FROM exchanges WHERE arrangement_id = :id ORDER BY id", id)) {
      if (std::optional<Exchange> e = exchanges_->Get(sql, exchange)) items.push_back(ExchangeItem(*e, *a));
    }
  }
  return items;
}

}  // namespace letterbox
