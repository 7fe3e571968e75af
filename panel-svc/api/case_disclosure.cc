#include "panel-svc/api/case_disclosure.h"

#include <soci/soci.h>

#include <optional>
#include <set>

#include "absl/strings/str_cat.h"
#include "panel-svc/api/agenda_mapping.h"
#include "panel-svc/api/decision_mapping.h"
#include "panel-svc/api/panel_api.h"

namespace panel {

namespace rpb = adoption::records::v1;

namespace {

// The people a case or decision names besides the person: every child but the person
// themselves, and — for a child — a household that is not one of `families`, the
// adopters a match with the child was agreed with (a family considered and not chosen
// is someone else; the adopters are the child's own).
void FlagOthers(rpb::DisclosureItem& item, const platform::DisclosureSubject& subject,
                const std::set<std::string>& families, const std::string& household_id,
                const std::vector<std::string>& child_ids) {
  for (size_t i = 0; i < child_ids.size(); ++i) {
    if (subject.child && child_ids[i] == subject.id) continue;
    platform::FlagThirdParty(item, absl::StrCat("children[", i, "]"), "another child");
  }
  if (subject.child && !household_id.empty() && !families.count(household_id)) {
    platform::FlagThirdParty(item, "household", "prospective adopters");
  }
}

}  // namespace

std::vector<rpb::DisclosureItem> CaseDisclosure::About(soci::session& sql, const platform::DisclosureSubject& subject) {
  // A household is named on the case itself, a child among its children. (A household's
  // panel referral is recruitment-svc's journey step copied here: recruitment discloses
  // it with the household.)
  const char* decisions_naming =
      subject.child ? "SELECT decision_id FROM decision_children WHERE child_id = :id ORDER BY decision_id"
                    : "SELECT id FROM decisions WHERE household_id = :id ORDER BY id";
  const char* cases_naming =
      subject.child ? "SELECT agenda_item_id FROM agenda_item_children WHERE child_id = :id ORDER BY agenda_item_id"
                    : "SELECT id FROM agenda_items WHERE household_id = :id ORDER BY id";
  std::vector<Decision> decisions;
  for (const std::string& id : platform::RecordIds(sql, decisions_naming, subject.id)) {
    if (std::optional<Decision> d = decisions_->Get(sql, id)) decisions.push_back(*std::move(d));
  }
  std::set<std::string> families;  // a child's adopters: not flagged (FlagOthers)
  if (subject.child) {
    for (const Decision& d : decisions) {
      if (d.kind == DecisionKind::kMatch && d.outcome == DecisionOutcome::kAgreed) families.insert(d.household_id);
    }
  }

  std::vector<rpb::DisclosureItem> items;
  for (const Decision& d : decisions) {
    rpb::DisclosureItem item = platform::DisclosureItemOf(ToProto(d), kDecision);
    FlagOthers(item, subject, families, d.household_id, d.child_ids);
    items.push_back(std::move(item));
  }
  for (const std::string& id : platform::RecordIds(sql, cases_naming, subject.id)) {
    std::optional<AgendaItem> c = agenda_->Get(sql, id);
    if (!c) continue;
    rpb::DisclosureItem item = platform::DisclosureItemOf(ToProto(*c, clock_->Today()), kAgendaItem);
    FlagOthers(item, subject, families, c->household_id, c->child_ids);
    // Panel members act for the agency (their ids on a case are not flagged), but a
    // conflict a member declares is about their life outside the panel — who they know,
    // where they or their family work — and may name other people: reviewed.
    for (size_t i = 0; i < c->conflicts.size(); ++i) {
      platform::FlagThirdParty(item, absl::StrCat("conflicts[", i, "].description"), "panel member's conflict");
    }
    items.push_back(std::move(item));
    // The recommendation is a resource of its own (GetRecommendation). Its reasons are
    // the panel's, and its quorum the members': nothing in it is flagged.
    if (std::optional<Recommendation> r = agenda_->GetRecommendation(sql, c->id)) {
      items.push_back(platform::DisclosureItemOf(ToProto(*c, *r), kRecommendation));
    }
  }
  return items;
}

}  // namespace panel
