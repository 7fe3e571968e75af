#include "support-svc/store/support_request_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/columns.h"
#include "platform/db.h"
#include "platform/listing.h"

namespace support {
namespace {

// The columns every version of a request has (the table and its history).
constexpr char kDataColumns[] =
    "requester_kind, requester_given_name, requester_family_name, requester_date_of_birth, channel, "
    "received_date, summary, local_authority, triage, support_call_due_date, support_call_date, status, outcome, "
    "closed_date";

std::string Columns() {
  return absl::StrCat("id, ", kDataColumns, ", version, created_at, updated_at, created_by, updated_by");
}

SupportRequest FromRow(const soci::row& r) {
  SupportRequest s;
  SupportRequestDetails& d = s.details;
  s.id = r.get<std::string>(0);
  d.requester_kind = ParseRequesterKind(r.get<std::string>(1));
  if (r.get_indicator(2) == soci::i_ok) {
    Requester who;
    who.given_name = r.get<std::string>(2);
    who.family_name = platform::OptionalTextAt(r, 3);
    who.date_of_birth = platform::OptionalDateAt(r, 4);
    d.requester = std::move(who);
  }
  d.channel = ParseChannel(r.get<std::string>(5));
  d.received_date = platform::ParseDate(r.get<std::string>(6)).value_or(platform::Date());
  d.summary = r.get<std::string>(7);
  d.local_authority = r.get<std::string>(8);
  if (r.get_indicator(9) == soci::i_ok) d.triage = ParseTriage(r.get<std::string>(9));
  s.support_call_due_date = platform::OptionalDateAt(r, 10);
  d.support_call_date = platform::OptionalDateAt(r, 11);
  d.status = ParseStatus(r.get<std::string>(12)).value_or(SupportRequestStatus::kOpen);
  d.outcome = r.get<std::string>(13);
  s.closed_date = platform::OptionalDateAt(r, 14);
  s.version = r.get<long long>(15);
  s.created_at = r.get<long long>(16);
  s.updated_at = r.get<long long>(17);
  s.created_by = r.get<std::string>(18);
  s.updated_by = r.get<std::string>(19);
  return s;
}

// A request's data columns as values to bind, NULL where absent.
struct Bound {
  explicit Bound(const SupportRequest& s) {
    const SupportRequestDetails& d = s.details;
    kind = RequesterKindName(d.requester_kind.value_or(RequesterKind::kOther));
    if (d.requester) {
      // A requester's names are bound even when empty: NULL means no requester.
      given = {d.requester->given_name, soci::i_ok};
      family = {d.requester->family_name, soci::i_ok};
      dob = platform::DateText(d.requester->date_of_birth);
    }
    channel = ChannelName(d.channel.value_or(Channel::kHelpline));
    received = platform::FormatDate(d.received_date);
    if (d.triage) triage = {TriageName(*d.triage), soci::i_ok};
    due = platform::DateText(s.support_call_due_date);
    call = platform::DateText(d.support_call_date);
    status = StatusName(d.status.value_or(SupportRequestStatus::kOpen));
    closed = platform::DateText(s.closed_date);
  }
  std::string kind, channel, received, status;
  platform::NullableText given, family, dob, triage, due, call, closed;
};

}  // namespace

void SupportRequestStore::Insert(soci::session& tx, const SupportRequest& s) {
  Bound b(s);
  tx << absl::StrCat("INSERT INTO support_requests (", Columns(),
                     ") VALUES (:id, :rk, :gn, :fn, :dob, :ch, :rd, :su, :la, :tr, :due, :call, :st, :oc, :cd, "
                     ":v, :ca, :ua, :cb, :ub)"),
      soci::use(s.id), soci::use(b.kind), soci::use(b.given.value, b.given.ind), soci::use(b.family.value, b.family.ind),
      soci::use(b.dob.value, b.dob.ind), soci::use(b.channel), soci::use(b.received), soci::use(s.details.summary),
      soci::use(s.details.local_authority), soci::use(b.triage.value, b.triage.ind), soci::use(b.due.value, b.due.ind),
      soci::use(b.call.value, b.call.ind), soci::use(b.status), soci::use(s.details.outcome),
      soci::use(b.closed.value, b.closed.ind), soci::use(s.version), soci::use(s.created_at), soci::use(s.updated_at),
      soci::use(s.created_by), soci::use(s.updated_by);
}

std::optional<SupportRequest> SupportRequestStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  sql << absl::StrCat("SELECT ", Columns(), " FROM support_requests WHERE id = :id"), soci::use(id),
      soci::into(row);
  if (!sql.got_data()) return std::nullopt;
  return FromRow(row);
}

std::vector<SupportRequest> SupportRequestStore::List(soci::session& sql, const SupportRequestQuery& q) {
  // Keyset paging in (received_date, id) order: the token names the last request seen.
  auto query = platform::KeysetQuery::OrderedBy("support_requests", Columns(), q.page, "received_date");
  query.Equal("status", q.status ? std::optional(StatusName(*q.status)) : std::nullopt)
      .Equal("triage", q.triage ? std::optional(TriageName(*q.triage)) : std::nullopt)
      .Equal("requester_kind", q.requester_kind ? std::optional(RequesterKindName(*q.requester_kind)) : std::nullopt)
      .Equal("channel", q.channel ? std::optional(ChannelName(*q.channel)) : std::nullopt)
      .Equal("local_authority", q.local_authority)
      .Within(q.coverage, {.local_authority = "local_authority", .empty_authority_is_unallocated = true});
  std::vector<SupportRequest> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

bool SupportRequestStore::Update(soci::session& tx, SupportRequest& s, long long expected_version) {
  // Keep the version being replaced.
  tx << absl::StrCat("INSERT INTO support_request_history (id, version, ", kDataColumns,
                     ", updated_at, updated_by) SELECT id, version, ", kDataColumns,
                     ", updated_at, updated_by FROM support_requests WHERE id = :id AND version = :v"),
      soci::use(s.id), soci::use(expected_version);
  Bound b(s);
  long long next = expected_version + 1;
  soci::statement st =
      (tx.prepare << "UPDATE support_requests SET requester_kind = :rk, requester_given_name = :gn, "
                     "requester_family_name = :fn, requester_date_of_birth = :dob, channel = :ch, "
                     "received_date = :rd, summary = :su, local_authority = :la, triage = :tr, "
                     "support_call_due_date = :due, support_call_date = :call, status = :st, outcome = :oc, "
                     "closed_date = :cd, version = :next, updated_at = :ua, updated_by = :ub "
                     "WHERE id = :id AND version = :v",
       soci::use(b.kind), soci::use(b.given.value, b.given.ind), soci::use(b.family.value, b.family.ind),
       soci::use(b.dob.value, b.dob.ind), soci::use(b.channel), soci::use(b.received), soci::use(s.details.summary),
       soci::use(s.details.local_authority), soci::use(b.triage.value, b.triage.ind), soci::use(b.due.value, b.due.ind),
       soci::use(b.call.value, b.call.ind), soci::use(b.status), soci::use(s.details.outcome),
       soci::use(b.closed.value, b.closed.ind), soci::use(next), soci::use(s.updated_at), soci::use(s.updated_by),
       soci::use(s.id), soci::use(expected_version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  s.version = next;
  return true;
}

long long SupportRequestStore::Count(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM support_requests", soci::into(n);
  return n;
}

}  // namespace support
