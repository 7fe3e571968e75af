#pragma once
// What letterbox-svc holds on a person, for their disclosure (docs/records.md,
// "Disclosure"): for a child (the adopted adult asking), their contact arrangements and
// every exchange on them, as a coordinator reads them — with the birth relatives' names,
// accounts and known details, and everything a birth relative sent, flagged.
// Arrangements name the child, never the adopters' household: for a household it holds
// nothing.
#include "letterbox-svc/store/contact_arrangement_store.h"
#include "letterbox-svc/store/exchange_store.h"
#include "platform/rpc/disclosure.h"

namespace letterbox {

class ArrangementDisclosure final : public platform::DisclosureSource {
 public:
  ArrangementDisclosure(ContactArrangementStore* arrangements, ExchangeStore* exchanges)
      : arrangements_(arrangements), exchanges_(exchanges) {}

  std::vector<adoption::records::v1::DisclosureItem> About(soci::session& sql,
                                                           const platform::DisclosureSubject& subject) override;

 private:
  ContactArrangementStore* arrangements_;
  ExchangeStore* exchanges_;
};

}  // namespace letterbox
