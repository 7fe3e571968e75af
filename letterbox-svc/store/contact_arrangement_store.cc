#include "letterbox-svc/store/contact_arrangement_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace letterbox {
namespace {

// The columns a version changes, which contact_arrangement_history keeps (with id
// and version).
constexpr char kChangingColumns[] =
    "child, child_date_of_birth, local_authority, kind, frequency, two_way, start_date, end_date, status, "
    "status_reason, next_review_date, last_review_date, updated_at, updated_by";

constexpr platform::VersionedTable kArrangements{"contact_arrangements", "contact_arrangement_history",
                                                 kChangingColumns};

std::string Columns() { return absl::StrCat("id, version, created_at, created_by, ", kChangingColumns); }

ContactArrangement FromRow(const soci::row& row) {
  platform::StoredRow r(row, "contact_arrangements");
  ContactArrangement a;
  ArrangementDetails& d = a.details;
  a.id = r.Text("id");
  d.child = r.Text("child");
  d.child_date_of_birth = r.OptionalDate("child_date_of_birth");
  d.local_authority = r.Text("local_authority");
  d.kind = r.Enum("kind", ParseKind);
  d.frequency = r.Enum("frequency", ParseFrequency);
  d.two_way = r.Bool("two_way");
  d.start_date = r.RequiredDate("start_date");
  d.end_date = r.OptionalDate("end_date");
  d.status = r.Enum("status", ParseStatus);
  d.status_reason = r.Text("status_reason");
  d.next_review_date = r.OptionalDate("next_review_date");
  a.last_review_date = r.OptionalDate("last_review_date");
  platform::ReadBookkeeping(r, a);
  return a;
}

// The columns a version changes, NULL where absent.
platform::Row ChangingRow(const ContactArrangement& a) {
  const ArrangementDetails& d = a.details;
  platform::Row row;
  row.Text("child", d.child)
      .OptionalDate("child_date_of_birth", d.child_date_of_birth)
      .Text("local_authority", d.local_authority)
      .Text("kind", KindName(d.kind.value_or(ContactKind::kIndirect)))
      .Text("frequency", FrequencyName(d.frequency.value_or(ContactFrequency::kOther)))
      .Bool("two_way", d.two_way)
      .Date("start_date", d.start_date)
      .OptionalDate("end_date", d.end_date)
      .Text("status", StatusName(d.status.value_or(ArrangementStatus::kActive)))
      .Text("status_reason", d.status_reason)
      .OptionalDate("next_review_date", d.next_review_date)
      .OptionalDate("last_review_date", a.last_review_date);
  platform::UpdatedColumns(row, a);
  return row;
}

void LoadChildren(soci::session& sql, ContactArrangement& a) {
  a.details.parties.clear();
  soci::rowset<soci::row> parties =
      (sql.prepare << "SELECT party_id, role, display_name, account FROM contact_arrangement_parties "
                      "WHERE arrangement_id = :id AND superseded_at IS NULL ORDER BY position",
       soci::use(a.id));
  for (const auto& row : parties) {
    platform::StoredRow r(row, "contact_arrangement_parties", a.id);
    Party p;
    p.party_id = r.Text("party_id");
    p.role = r.Enum("role", ParseRole);
    p.display_name = r.Text("display_name");
    p.account = r.Text("account");
    a.details.parties.push_back(std::move(p));
  }
  soci::rowset<soci::row> known =
      (sql.prepare << "SELECT party_position, kind, text FROM contact_arrangement_party_details "
                      "WHERE arrangement_id = :id AND superseded_at IS NULL ORDER BY party_position, position",
       soci::use(a.id));
  for (const auto& row : known) {
    platform::StoredRow r(row, "contact_arrangement_party_details", a.id);
    long long at = r.Int("party_position");
    if (at < 0 || at >= static_cast<long long>(a.details.parties.size())) {
      throw platform::CorruptRecord("contact_arrangement_party_details", "party_position", a.id);
    }
    a.details.parties[static_cast<size_t>(at)].known_details.push_back(
        {r.Enum("kind", ParseDetailKind), r.Text("text")});
  }
  a.details.exchange_months.clear();
  soci::rowset<soci::row> months =
      (sql.prepare << "SELECT month FROM contact_arrangement_months WHERE arrangement_id = :id AND "
                      "superseded_at IS NULL ORDER BY position",
       soci::use(a.id));
  for (const auto& row : months) {
    a.details.exchange_months.push_back(
        static_cast<int>(platform::StoredRow(row, "contact_arrangement_months", a.id).Int("month")));
  }
}

void InsertChildren(soci::session& tx, const ContactArrangement& a) {
  for (size_t i = 0; i < a.details.parties.size(); ++i) {
    const Party& p = a.details.parties[i];
    platform::Row row;
    row.Text("arrangement_id", a.id)
        .Int("version", a.version)
        .Int("position", static_cast<long long>(i))
        .Text("party_id", p.party_id)
        .Text("role", RoleName(p.role.value_or(PartyRole::kOtherRelative)))
        .Text("display_name", p.display_name)
        .Text("account", p.account);
    platform::InsertRow(tx, "contact_arrangement_parties", row);
    for (size_t k = 0; k < p.known_details.size(); ++k) {
      platform::Row known;
      known.Text("arrangement_id", a.id)
          .Int("version", a.version)
          .Int("party_position", static_cast<long long>(i))
          .Int("position", static_cast<long long>(k))
          .Text("kind", DetailKindName(p.known_details[k].kind))
          .Text("text", p.known_details[k].text);
      platform::InsertRow(tx, "contact_arrangement_party_details", known);
    }
  }
  for (size_t i = 0; i < a.details.exchange_months.size(); ++i) {
    platform::Row row;
    row.Text("arrangement_id", a.id)
        .Int("version", a.version)
        .Int("position", static_cast<long long>(i))
        .Int("month", a.details.exchange_months[i]);
    platform::InsertRow(tx, "contact_arrangement_months", row);
  }
}

}  // namespace

void ContactArrangementStore::Insert(soci::session& tx, const ContactArrangement& a) {
  platform::Row row = ChangingRow(a);
  platform::CreatedColumns(row, a);
  platform::InsertRow(tx, "contact_arrangements", row);
  InsertChildren(tx, a);
}

std::optional<ContactArrangement> ContactArrangementStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "contact_arrangements", Columns(), id, row)) return std::nullopt;
  ContactArrangement a = FromRow(row);
  LoadChildren(sql, a);
  return a;
}

std::vector<ContactArrangement> ContactArrangementStore::List(soci::session& sql, const ArrangementQuery& q) {
  platform::KeysetQuery query("contact_arrangements", Columns(), q.page);
  query.Equal("child", q.child)
      .Equal("kind", q.kind ? std::optional(KindName(*q.kind)) : std::nullopt)
      .Equal("status", q.status ? std::optional(StatusName(*q.status)) : std::nullopt)
      .Equal("frequency", q.frequency ? std::optional(FrequencyName(*q.frequency)) : std::nullopt)
      .Equal("local_authority", q.local_authority);
  if (q.review_before) {
    query.Where("status <> 'ENDED' AND next_review_date < :review", {platform::FormatDate(*q.review_before)});
  }
  if (q.never_reviewed) query.Where("last_review_date IS NULL", {});
  query.Within(q.coverage, {.local_authority = "local_authority",
                           .empty_authority_is_unallocated = true,
                           .party_condition = "id IN (SELECT arrangement_id FROM contact_arrangement_parties "
                                              "WHERE superseded_at IS NULL AND account = :party)"});
  std::vector<ContactArrangement> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  for (auto& a : out) LoadChildren(sql, a);
  return out;
}

bool ContactArrangementStore::Update(soci::session& tx, ContactArrangement& a, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kArrangements, a.id, expected_version, ChangingRow(a))) return false;
  tx << "UPDATE contact_arrangement_parties SET superseded_at = :t WHERE arrangement_id = :id AND "
        "superseded_at IS NULL",
      soci::use(a.updated_at), soci::use(a.id);
  tx << "UPDATE contact_arrangement_months SET superseded_at = :t WHERE arrangement_id = :id AND "
        "superseded_at IS NULL",
      soci::use(a.updated_at), soci::use(a.id);
  tx << "UPDATE contact_arrangement_party_details SET superseded_at = :t WHERE arrangement_id = :id AND "
        "superseded_at IS NULL",
      soci::use(a.updated_at), soci::use(a.id);
  a.version = expected_version + 1;
  InsertChildren(tx, a);
  return true;
}

long long ContactArrangementStore::Count(soci::session& sql) {
  return platform::CountRows(sql, "contact_arrangements");
}

std::vector<ContactArrangement> ContactArrangementStore::AllWithin(soci::session& sql,
                                                                  const platform::Coverage& coverage,
                                                                  const std::optional<std::string>& local_authority) {
  std::vector<ContactArrangement> all;
  ArrangementQuery q;
  q.local_authority = local_authority;
  q.coverage = coverage;
  q.page.size = 500;
  while (true) {
    std::vector<ContactArrangement> page = List(sql, q);
    if (page.empty()) break;
    q.page.after_id = page.back().id;
    const bool last = page.size() < static_cast<size_t>(q.page.size);
    all.insert(all.end(), std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()));
    if (last) break;
  }
  return all;
}

long long ContactArrangementStore::CountReviewsBefore(soci::session& sql, platform::Date day) {
  long long n = 0;
  const std::string before = platform::FormatDate(day);
  sql << "SELECT COUNT(*) FROM contact_arrangements WHERE status <> 'ENDED' AND next_review_date < :d",
      soci::use(before), soci::into(n);
  return n;
}

}  // namespace letterbox
