#include "panel-svc/store/panel_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/columns.h"
#include "platform/listing.h"

namespace panel {
namespace {

constexpr char kColumns[] =
    "id, display_name, local_authority_agency, version, created_at, updated_at, created_by, updated_by";

Panel FromRow(const soci::row& r) {
  Panel p;
  p.id = r.get<std::string>(0);
  p.details.display_name = r.get<std::string>(1);
  p.details.local_authority_agency = r.get<int>(2) != 0;
  p.version = r.get<long long>(3);
  p.created_at = r.get<long long>(4);
  p.updated_at = r.get<long long>(5);
  p.created_by = r.get<std::string>(6);
  p.updated_by = r.get<std::string>(7);
  return p;
}

void LoadMembers(soci::session& sql, Panel& p) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT member_id, display_name, member_role, social_work_experience_years, active, "
                      "last_training_date, last_appraisal_date FROM panel_members WHERE panel_id = :id AND "
                      "superseded_at IS NULL ORDER BY position",
       soci::use(p.id));
  p.details.members.clear();
  for (const auto& r : rows) {
    PanelMember m;
    m.member_id = r.get<std::string>(0);
    m.display_name = r.get<std::string>(1);
    m.role = ParseRole(r.get<std::string>(2)).value_or(MemberRole::kIndependentMember);
    m.social_work_experience_years = r.get<int>(3);
    m.active = r.get<int>(4) != 0;
    m.last_training_date = platform::OptionalDateAt(r, 5);
    m.last_appraisal_date = platform::OptionalDateAt(r, 6);
    p.details.members.push_back(std::move(m));
  }
}

void InsertMembers(soci::session& tx, const Panel& p) {
  for (size_t i = 0; i < p.details.members.size(); ++i) {
    const PanelMember& m = p.details.members[i];
    int position = static_cast<int>(i), years = m.social_work_experience_years, active = m.active;
    std::string role = RoleName(m.role);
    platform::NullableText training = platform::DateText(m.last_training_date),
                           appraisal = platform::DateText(m.last_appraisal_date);
    tx << "INSERT INTO panel_members (panel_id, version, position, member_id, display_name, member_role, "
          "social_work_experience_years, active, last_training_date, last_appraisal_date) "
          "VALUES (:p, :v, :pos, :m, :n, :r, :y, :a, :t, :ap)",
        soci::use(p.id), soci::use(p.version), soci::use(position), soci::use(m.member_id), soci::use(m.display_name),
        soci::use(role), soci::use(years), soci::use(active), soci::use(training.value, training.ind),
        soci::use(appraisal.value, appraisal.ind);
  }
}

}  // namespace

void PanelStore::Insert(soci::session& tx, const Panel& p) {
  int la = p.details.local_authority_agency;
  tx << absl::StrCat("INSERT INTO panels (", kColumns, ") VALUES (:id, :n, :la, :v, :ca, :ua, :cb, :ub)"),
      soci::use(p.id), soci::use(p.details.display_name), soci::use(la), soci::use(p.version), soci::use(p.created_at),
      soci::use(p.updated_at), soci::use(p.created_by), soci::use(p.updated_by);
  InsertMembers(tx, p);
}

std::optional<Panel> PanelStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  sql << absl::StrCat("SELECT ", kColumns, " FROM panels WHERE id = :id"), soci::use(id), soci::into(row);
  if (!sql.got_data()) return std::nullopt;
  Panel p = FromRow(row);
  LoadMembers(sql, p);
  return p;
}

std::vector<Panel> PanelStore::List(soci::session& sql, const PanelQuery& q) {
  platform::KeysetQuery query("panels", kColumns, q.page);
  query.Equal("display_name", q.display_name).Equal("local_authority_agency", q.local_authority_agency);
  std::vector<Panel> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  for (auto& p : out) LoadMembers(sql, p);
  return out;
}

bool PanelStore::Update(soci::session& tx, Panel& p, long long expected_version) {
  // Keep the version being replaced (nothing when the version is stale).
  tx << "INSERT INTO panel_history (id, version, display_name, local_authority_agency, updated_at, updated_by) "
        "SELECT id, version, display_name, local_authority_agency, updated_at, updated_by FROM panels "
        "WHERE id = :id AND version = :v",
      soci::use(p.id), soci::use(expected_version);
  int la = p.details.local_authority_agency;
  long long next = expected_version + 1;
  soci::statement st =
      (tx.prepare << "UPDATE panels SET display_name = :n, local_authority_agency = :la, version = :next, "
                     "updated_at = :ua, updated_by = :ub WHERE id = :id AND version = :v",
       soci::use(p.details.display_name), soci::use(la), soci::use(next), soci::use(p.updated_at),
       soci::use(p.updated_by), soci::use(p.id), soci::use(expected_version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  tx << "UPDATE panel_members SET superseded_at = :t WHERE panel_id = :id AND superseded_at IS NULL",
      soci::use(p.updated_at), soci::use(p.id);
  p.version = next;
  InsertMembers(tx, p);
  return true;
}

}  // namespace panel
