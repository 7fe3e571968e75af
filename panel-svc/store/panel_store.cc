#include "panel-svc/store/panel_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace panel {
namespace {

constexpr char kColumns[] =
    "id, display_name, local_authority_agency, version, created_at, updated_at, created_by, updated_by";

// panel_history keeps what a version changes; members are kept by superseding them.
constexpr platform::VersionedTable kPanels{"panels", "panel_history",
                                           "display_name, local_authority_agency, updated_at, updated_by"};

Panel FromRow(const soci::row& row) {
  platform::StoredRow r(row, "panels");
  Panel p;
  p.id = r.Text("id");
  p.details.display_name = r.Text("display_name");
  p.details.local_authority_agency = r.Bool("local_authority_agency");
  platform::ReadBookkeeping(r, p);
  return p;
}

// The columns a version changes.
platform::Row ChangingRow(const Panel& p) {
  platform::Row row;
  row.Text("display_name", p.details.display_name)
      .Bool("local_authority_agency", p.details.local_authority_agency);
  platform::UpdatedColumns(row, p);
  return row;
}

void LoadMembers(soci::session& sql, Panel& p) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT member_id, display_name, member_role, social_work_experience_years, active, "
                      "last_training_date, last_appraisal_date, account, joined_date, notice_date, left_date, removed, "
                      "declared_interests FROM panel_members WHERE panel_id = :id AND "
                      "superseded_at IS NULL ORDER BY position",
       soci::use(p.id));
  p.details.members.clear();
  for (const auto& row : rows) {
    platform::StoredRow r(row, "panel_members", p.id);
    PanelMember m;
    m.member_id = r.Text("member_id");
    m.display_name = r.Text("display_name");
    m.role = r.Enum("member_role", ParseRole);
    m.social_work_experience_years = static_cast<int>(r.Int("social_work_experience_years"));
    m.active = r.Bool("active");
    m.last_training_date = r.OptionalDate("last_training_date");
    m.last_appraisal_date = r.OptionalDate("last_appraisal_date");
    m.account = r.Text("account");
    m.joined_date = r.OptionalDate("joined_date");
    m.notice_date = r.OptionalDate("notice_date");
    m.left_date = r.OptionalDate("left_date");
    m.removed = r.Bool("removed");
    const std::string interests = r.OptionalText("declared_interests").value_or("");
    if (!interests.empty()) m.declared_interests = absl::StrSplit(interests, '\n');
    p.details.members.push_back(std::move(m));
  }
}

void InsertMembers(soci::session& tx, const Panel& p) {
  for (size_t i = 0; i < p.details.members.size(); ++i) {
    const PanelMember& m = p.details.members[i];
    platform::Row row;
    row.Text("panel_id", p.id)
        .Int("version", p.version)
        .Int("position", static_cast<long long>(i))
        .Text("member_id", m.member_id)
        .Text("display_name", m.display_name)
        .Text("member_role", RoleName(m.role))
        .Int("social_work_experience_years", m.social_work_experience_years)
        .Bool("active", m.active)
        .OptionalDate("last_training_date", m.last_training_date)
        .OptionalDate("last_appraisal_date", m.last_appraisal_date)
        .Text("account", m.account)
        .OptionalDate("joined_date", m.joined_date)
        .OptionalDate("notice_date", m.notice_date)
        .OptionalDate("left_date", m.left_date)
        .Bool("removed", m.removed)
        // One per line: an interest is a single line (ValidateDetails).
        .OptionalText("declared_interests", m.declared_interests.empty()
                                                ? std::nullopt
                                                : std::optional(absl::StrJoin(m.declared_interests, "\n")));
    platform::InsertRow(tx, "panel_members", row);
  }
}

}  // namespace

void PanelStore::Insert(soci::session& tx, const Panel& p) {
  platform::Row row = ChangingRow(p);
  platform::CreatedColumns(row, p);
  platform::InsertRow(tx, "panels", row);
  InsertMembers(tx, p);
}

std::optional<Panel> PanelStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "panels", kColumns, id, row)) return std::nullopt;
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

std::vector<Panel> PanelStore::All(soci::session& sql) {
  std::vector<Panel> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " << kColumns << " FROM panels ORDER BY id");
  for (const auto& row : rows) out.push_back(FromRow(row));
  for (auto& p : out) LoadMembers(sql, p);
  return out;
}

bool PanelStore::Update(soci::session& tx, Panel& p, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kPanels, p.id, expected_version, ChangingRow(p))) return false;
  tx << "UPDATE panel_members SET superseded_at = :t WHERE panel_id = :id AND superseded_at IS NULL",
      soci::use(p.updated_at), soci::use(p.id);
  p.version = expected_version + 1;
  InsertMembers(tx, p);
  return true;
}

}  // namespace panel
