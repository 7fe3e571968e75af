#include "familyfinding-svc/store/link_store.h"

#include <soci/soci.h>

#include "familyfinding-svc/domain/journey.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace familyfinding {
namespace {

constexpr char kColumns[] =
    "id, child_id, household_id, provider, reason, link_date, status, status_reason, version, created_at, "
    "updated_at, created_by, updated_by";

// child_link_history keeps what a version changes: the status.
constexpr platform::VersionedTable kLinks{"child_links", "child_link_history",
                                          "status, status_reason, updated_at, updated_by"};

// A link is reached as its child is: by the child's local authority.
// and a partner agency reaches its own households' links (its name on the profile).
const platform::ScopeColumns kScope{
    .local_authority = "(SELECT c.local_authority FROM children c WHERE c.id = child_links.child_id)",
    .partner_agency = "(SELECT p.agency FROM household_profiles p WHERE p.id = child_links.household_id)"};

Link FromRow(const soci::row& row) {
  platform::StoredRow r(row, "child_links");
  Link l;
  l.id = r.Text("id");
  l.child_id = r.Text("child_id");
  l.household_id = r.Text("household_id");
  l.provider = r.Enum("provider", ParseProvider);
  l.reason = r.Text("reason");
  l.link_date = r.RequiredDate("link_date");
  l.status = r.Enum("status", ParseLinkStatus);
  l.status_reason = r.Text("status_reason");
  platform::ReadBookkeeping(r, l);
  return l;
}

void LoadOverrides(soci::session& sql, Link& l) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT filter_name, reason FROM child_link_overrides WHERE "
                                                 "link_id = :id ORDER BY position",
                                  soci::use(l.id));
  for (const auto& row : rows) {
    platform::StoredRow r(row, "child_link_overrides", l.id);
    l.overrides.push_back({r.Enum("filter_name", ParseMatchingFilter), r.Text("reason")});
  }
}

}  // namespace

void LinkStore::Insert(soci::session& tx, const Link& l) {
  platform::Row row;
  row.Text("id", l.id)
      .Text("child_id", l.child_id)
      .Text("household_id", l.household_id)
      .Text("provider", ProviderName(l.provider))
      .Text("reason", l.reason)
      .Date("link_date", l.link_date)
      .Text("status", LinkStatusName(l.status))
      .Text("status_reason", l.status_reason)
      .Int("version", l.version)
      .Int("created_at", l.created_at)
      .Text("created_by", l.created_by);
  platform::UpdatedColumns(row, l);
  platform::InsertRow(tx, "child_links", row);
  for (size_t i = 0; i < l.overrides.size(); ++i) {
    platform::Row o;
    o.Text("link_id", l.id)
        .Int("position", static_cast<long long>(i))
        .Text("filter_name", MatchingFilterName(l.overrides[i].filter))
        .Text("reason", l.overrides[i].reason);
    platform::InsertRow(tx, "child_link_overrides", o);
  }
}

std::optional<Link> LinkStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "child_links", kColumns, id, row)) return std::nullopt;
  Link l = FromRow(row);
  LoadOverrides(sql, l);
  return l;
}

std::vector<Link> LinkStore::List(soci::session& sql, const LinkQuery& q) {
  platform::KeysetQuery query("child_links", kColumns, q.page);
  query.Equal("child_id", q.child_id)
      .Equal("household_id", q.household_id)
      .Equal("status", q.status ? std::optional(LinkStatusName(*q.status)) : std::nullopt)
      .Equal("provider", q.provider ? std::optional(ProviderName(*q.provider)) : std::nullopt)
      .Within(q.coverage, kScope);
  std::vector<Link> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  for (auto& l : out) LoadOverrides(sql, l);
  return out;
}

std::vector<Link> LinkStore::LiveOf(soci::session& sql, const std::string& child_id, const std::string& household_id) {
  std::vector<Link> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kColumns << " FROM child_links WHERE (child_id = :c OR household_id = :h) AND "
                      "status IN ('PROPOSED', 'ACTIVE') ORDER BY id",
       soci::use(child_id), soci::use(household_id));
  for (const auto& row : rows) out.push_back(FromRow(row));
  for (auto& l : out) LoadOverrides(sql, l);
  return out;
}

int LinkStore::CountLive(soci::session& sql, const std::string& household_id) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM child_links WHERE household_id = :h AND status IN ('PROPOSED', 'ACTIVE')",
      soci::use(household_id), soci::into(n);
  return static_cast<int>(n);
}

bool LinkStore::Update(soci::session& tx, Link& l, long long expected_version) {
  platform::Row row;
  row.Text("status", LinkStatusName(l.status)).Text("status_reason", l.status_reason);
  platform::UpdatedColumns(row, l);
  if (!platform::UpdateVersioned(tx, kLinks, l.id, expected_version, row)) return false;
  l.version = expected_version + 1;
  return true;
}

}  // namespace familyfinding
