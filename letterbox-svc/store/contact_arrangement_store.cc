#include "letterbox-svc/store/contact_arrangement_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/columns.h"
#include "platform/db.h"
#include "platform/listing.h"

namespace letterbox {
namespace {

// The columns every version of an arrangement has (the table and its history).
constexpr char kDataColumns[] =
    "child, child_date_of_birth, local_authority, kind, frequency, two_way, start_date, end_date, status, "
    "status_reason, next_review_date, last_review_date";

std::string Columns() {
  return absl::StrCat("id, ", kDataColumns, ", version, created_at, updated_at, created_by, updated_by");
}

ContactArrangement FromRow(const soci::row& r) {
  ContactArrangement a;
  ArrangementDetails& d = a.details;
  a.id = r.get<std::string>(0);
  d.child = r.get<std::string>(1);
  d.child_date_of_birth = platform::OptionalDateAt(r, 2);
  d.local_authority = r.get<std::string>(3);
  d.kind = ParseKind(r.get<std::string>(4));
  d.frequency = ParseFrequency(r.get<std::string>(5));
  d.two_way = r.get<int>(6) != 0;
  d.start_date = platform::ParseDate(r.get<std::string>(7)).value_or(platform::Date());
  d.end_date = platform::OptionalDateAt(r, 8);
  d.status = ParseStatus(r.get<std::string>(9)).value_or(ArrangementStatus::kActive);
  d.status_reason = r.get<std::string>(10);
  d.next_review_date = platform::OptionalDateAt(r, 11);
  a.last_review_date = platform::OptionalDateAt(r, 12);
  a.version = r.get<long long>(13);
  a.created_at = r.get<long long>(14);
  a.updated_at = r.get<long long>(15);
  a.created_by = r.get<std::string>(16);
  a.updated_by = r.get<std::string>(17);
  return a;
}

// An arrangement's data columns as values to bind, NULL where absent.
struct Bound {
  explicit Bound(const ContactArrangement& a) {
    const ArrangementDetails& d = a.details;
    dob = platform::DateText(d.child_date_of_birth);
    kind = KindName(d.kind.value_or(ContactKind::kIndirect));
    frequency = FrequencyName(d.frequency.value_or(ContactFrequency::kOther));
    two_way = d.two_way;
    start = platform::FormatDate(d.start_date);
    end = platform::DateText(d.end_date);
    status = StatusName(d.status.value_or(ArrangementStatus::kActive));
    review = platform::DateText(d.next_review_date);
    reviewed = platform::DateText(a.last_review_date);
  }
  std::string kind, frequency, start, status;
  platform::NullableText dob, end, review, reviewed;
  int two_way = 0;
};

void LoadChildren(soci::session& sql, ContactArrangement& a) {
  a.details.parties.clear();
  soci::rowset<soci::row> parties =
      (sql.prepare << "SELECT party_id, role, display_name, account FROM contact_arrangement_parties "
                      "WHERE arrangement_id = :id AND superseded_at IS NULL ORDER BY position",
       soci::use(a.id));
  for (const auto& r : parties) {
    Party p;
    p.party_id = r.get<std::string>(0);
    p.role = ParseRole(r.get<std::string>(1));
    p.display_name = r.get<std::string>(2);
    p.account = r.get<std::string>(3);
    a.details.parties.push_back(std::move(p));
  }
  a.details.exchange_months.clear();
  soci::rowset<soci::row> months =
      (sql.prepare << "SELECT month FROM contact_arrangement_months WHERE arrangement_id = :id AND "
                      "superseded_at IS NULL ORDER BY position",
       soci::use(a.id));
  for (const auto& r : months) a.details.exchange_months.push_back(r.get<int>(0));
}

void InsertChildren(soci::session& tx, const ContactArrangement& a) {
  for (size_t i = 0; i < a.details.parties.size(); ++i) {
    const Party& p = a.details.parties[i];
    int position = static_cast<int>(i);
    std::string role = RoleName(p.role.value_or(PartyRole::kOtherRelative));
    tx << "INSERT INTO contact_arrangement_parties (arrangement_id, version, position, party_id, role, "
          "display_name, account) VALUES (:a, :v, :p, :pid, :r, :dn, :ac)",
        soci::use(a.id), soci::use(a.version), soci::use(position), soci::use(p.party_id), soci::use(role),
        soci::use(p.display_name), soci::use(p.account);
  }
  for (size_t i = 0; i < a.details.exchange_months.size(); ++i) {
    int position = static_cast<int>(i), month = a.details.exchange_months[i];
    tx << "INSERT INTO contact_arrangement_months (arrangement_id, version, position, month) "
          "VALUES (:a, :v, :p, :m)",
        soci::use(a.id), soci::use(a.version), soci::use(position), soci::use(month);
  }
}

}  // namespace

void ContactArrangementStore::Insert(soci::session& tx, const ContactArrangement& a) {
  Bound b(a);
  const ArrangementDetails& d = a.details;
  tx << absl::StrCat("INSERT INTO contact_arrangements (", Columns(),
                     ") VALUES (:id, :ch, :dob, :la, :k, :f, :tw, :sd, :ed, :st, :sr, :nr, :lr, :v, :ca, :ua, "
                     ":cb, :ub)"),
      soci::use(a.id), soci::use(d.child), soci::use(b.dob.value, b.dob.ind), soci::use(d.local_authority),
      soci::use(b.kind), soci::use(b.frequency), soci::use(b.two_way), soci::use(b.start), soci::use(b.end.value, b.end.ind),
      soci::use(b.status), soci::use(d.status_reason), soci::use(b.review.value, b.review.ind),
      soci::use(b.reviewed.value, b.reviewed.ind), soci::use(a.version), soci::use(a.created_at), soci::use(a.updated_at),
      soci::use(a.created_by), soci::use(a.updated_by);
  InsertChildren(tx, a);
}

std::optional<ContactArrangement> ContactArrangementStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  sql << absl::StrCat("SELECT ", Columns(), " FROM contact_arrangements WHERE id = :id"), soci::use(id),
      soci::into(row);
  if (!sql.got_data()) return std::nullopt;
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
      .Equal("local_authority", q.local_authority)
      .Within(q.coverage, {.local_authority = "local_authority",
                           .empty_authority_is_unallocated = true,
                           .party_condition = "id IN (SELECT arrangement_id FROM contact_arrangement_parties "
                                              "WHERE superseded_at IS NULL AND account = :party)"});
  std::vector<ContactArrangement> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  for (auto& a : out) LoadChildren(sql, a);
  return out;
}

bool ContactArrangementStore::Update(soci::session& tx, ContactArrangement& a, long long expected_version) {
  // Keep the version being replaced.
  tx << absl::StrCat("INSERT INTO contact_arrangement_history (id, version, ", kDataColumns,
                     ", updated_at, updated_by) SELECT id, version, ", kDataColumns,
                     ", updated_at, updated_by FROM contact_arrangements WHERE id = :id AND version = :v"),
      soci::use(a.id), soci::use(expected_version);
  Bound b(a);
  const ArrangementDetails& d = a.details;
  long long next = expected_version + 1;
  soci::statement st =
      (tx.prepare << "UPDATE contact_arrangements SET child = :ch, child_date_of_birth = :dob, "
                     "local_authority = :la, kind = :k, frequency = :f, two_way = :tw, start_date = :sd, "
                     "end_date = :ed, status = :st, status_reason = :sr, next_review_date = :nr, "
                     "last_review_date = :lr, version = :next, updated_at = :ua, updated_by = :ub "
                     "WHERE id = :id AND version = :v",
       soci::use(d.child), soci::use(b.dob.value, b.dob.ind), soci::use(d.local_authority), soci::use(b.kind),
       soci::use(b.frequency), soci::use(b.two_way), soci::use(b.start), soci::use(b.end.value, b.end.ind),
       soci::use(b.status), soci::use(d.status_reason), soci::use(b.review.value, b.review.ind),
       soci::use(b.reviewed.value, b.reviewed.ind), soci::use(next), soci::use(a.updated_at), soci::use(a.updated_by),
       soci::use(a.id), soci::use(expected_version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  tx << "UPDATE contact_arrangement_parties SET superseded_at = :t WHERE arrangement_id = :id AND "
        "superseded_at IS NULL",
      soci::use(a.updated_at), soci::use(a.id);
  tx << "UPDATE contact_arrangement_months SET superseded_at = :t WHERE arrangement_id = :id AND "
        "superseded_at IS NULL",
      soci::use(a.updated_at), soci::use(a.id);
  a.version = next;
  InsertChildren(tx, a);
  return true;
}

long long ContactArrangementStore::Count(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM contact_arrangements", soci::into(n);
  return n;
}

}  // namespace letterbox
