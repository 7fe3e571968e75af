#pragma once
// What panel-svc holds on a person, for their disclosure (docs/records.md,
// "Disclosure"): the cases on the panel's agendas naming the child or the household,
// each with the panel's recommendation on it, and the decision maker's decisions naming
// them — a match is part of both the child's record and the adopters'. The other
// children a case names, and what a panel member declared about their own connections,
// are flagged.
#include "panel-svc/store/agenda_store.h"
#include "panel-svc/store/decision_store.h"
#include "platform/rpc/clock.h"
#include "platform/rpc/disclosure.h"

namespace panel {

class CaseDisclosure final : public platform::DisclosureSource {
 public:
  // `clock` judges which papers are late, as GetAgendaItem does.
  CaseDisclosure(AgendaStore* agenda, DecisionStore* decisions, const platform::Clock* clock)
      : agenda_(agenda), decisions_(decisions), clock_(clock) {}

  std::vector<adoption::records::v1::DisclosureItem> About(soci::session& sql,
                                                           const platform::DisclosureSubject& subject) override;

 private:
  AgendaStore* agenda_;
  DecisionStore* decisions_;
  const platform::Clock* clock_;
};

}  // namespace panel
