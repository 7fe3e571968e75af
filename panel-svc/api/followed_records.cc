#include "panel-svc/api/followed_records.h"

#include <soci/soci.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "platform/rpc/records_service.h"

namespace panel {

namespace {

// A case of one kind: its table, the table naming its children, and the tables that
// hold the rest of it (children before their parent).
struct CaseKind {
  const char* table;
  const char* children;  // with `<key>` and child_id
  const char* key;       // the case's id in `children`
  std::vector<platform::ContentTable> content;
};

const std::vector<CaseKind>& CaseKinds() {
  static const std::vector<CaseKind> kinds = {
      {"decisions", "decision_children", "decision_id",
       {{"decision_children", "decision_id = :id"}, {"decision_history", "id = :id"}, {"decisions", "id = :id"}}},
      {"agenda_items", "agenda_item_children", "agenda_item_id",
       {{"agenda_item_children", "agenda_item_id = :id"},
        {"agenda_papers", "agenda_item_id = :id"},
        {"agenda_paper_history", "agenda_item_id = :id"},
        {"agenda_conflicts", "agenda_item_id = :id"},
        {"recommendation_quorum", "agenda_item_id = :id"},
        {"recommendation_history", "agenda_item_id = :id"},
        {"recommendations", "agenda_item_id = :id"},
        {"agenda_item_history", "id = :id"},
        {"agenda_items", "id = :id"}}},
  };
  return kinds;
}

// The cases of `kind` naming the record (`household` or a child) whose every subject —
// the household and each child — has a tombstone here.
std::vector<std::string> CasesGone(soci::session& tx, const CaseKind& kind, bool household,
                                   const std::string& record_id) {
  const std::string naming =
      household ? "c.household_id = :id"
                : absl::StrCat("c.id IN (SELECT ", kind.key, " FROM ", kind.children, " WHERE child_id = :id)");
  const std::string query = absl::StrCat(
      "SELECT c.id FROM ", kind.table, " c WHERE ", naming,
      " AND (c.household_id IS NULL OR c.household_id = '' OR c.household_id IN (SELECT record_id FROM "
      "record_disposals WHERE record_type = 'household')) AND NOT EXISTS (SELECT 1 FROM ",
      kind.children, " k WHERE k.", kind.key,
      " = c.id AND k.child_id NOT IN (SELECT record_id FROM record_disposals WHERE record_type = 'child'))");
  std::vector<std::string> ids;
  std::string id;
  soci::statement st = (tx.prepare << query, soci::use(record_id, "id"), soci::into(id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  return ids;
}

void EraseCases(soci::session& tx, bool household, const std::string& record_id) {
  for (const CaseKind& kind : CaseKinds()) {
    for (const std::string& id : CasesGone(tx, kind, household, record_id)) {
      platform::EraseContent(tx, kind.content, id);
    }
  }
  if (household) tx << "DELETE FROM panel_referrals WHERE id = :id", soci::use(record_id, "id");
}

}  // namespace

std::map<std::string, platform::Consumer::Handler> HouseholdDisposalHandlers(const platform::Clock* clock) {
  return platform::FollowDisposals(
      "recruitment",
      {{"household", [](soci::session& tx, const std::string& id) { EraseCases(tx, /*household=*/true, id); }}},
      clock);
}

std::map<std::string, platform::Consumer::Handler> ChildDisposalHandlers(const platform::Clock* clock) {
  return platform::FollowDisposals(
      "familyfinding",
      {{"child", [](soci::session& tx, const std::string& id) { EraseCases(tx, /*household=*/false, id); }}},
      clock);
}

}  // namespace panel
