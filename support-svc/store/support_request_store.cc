#include "support-svc/store/support_request_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace support {
namespace {

// The columns a version changes, which support_request_history keeps (with id and
// version).
constexpr char kChangingColumns[] =
    "requester_kind, requester_given_name, requester_family_name, requester_date_of_birth, channel, "
    "received_date, summary, local_authority, triage, support_call_due_date, support_call_date, status, outcome, "
    "closed_date, household, updated_at, updated_by";

constexpr platform::VersionedTable kSupportRequests{"support_requests", "support_request_history", kChangingColumns};

std::string Columns() { return absl::StrCat("id, version, created_at, created_by, ", kChangingColumns); }

SupportRequest FromRow(const soci::row& row) {
  platform::StoredRow r(row, "support_requests");
  SupportRequest s;
  SupportRequestDetails& d = s.details;
  s.id = r.Text("id");
  d.requester_kind = r.Enum("requester_kind", ParseRequesterKind);
  // A given name, even empty, means a requester was named (NULL: none was).
  if (std::optional<std::string> given = r.OptionalText("requester_given_name")) {
    Requester who;
    who.given_name = *std::move(given);
    who.family_name = r.OptionalText("requester_family_name").value_or("");
    who.date_of_birth = r.OptionalDate("requester_date_of_birth");
    d.requester = std::move(who);
  }
  d.channel = r.Enum("channel", ParseChannel);
  d.received_date = r.RequiredDate("received_date");
  d.summary = r.Text("summary");
  d.local_authority = r.Text("local_authority");
  d.triage = r.OptionalEnum("triage", ParseTriage);
  s.support_call_due_date = r.OptionalDate("support_call_due_date");
  d.support_call_date = r.OptionalDate("support_call_date");
  d.status = r.Enum("status", ParseStatus);
  d.outcome = r.Text("outcome");
  s.closed_date = r.OptionalDate("closed_date");
  d.household_id = r.Text("household");
  platform::ReadBookkeeping(r, s);
  return s;
}

// The columns a version changes: the data columns, NULL where absent.
platform::Row ChangingRow(const SupportRequest& s) {
  const SupportRequestDetails& d = s.details;
  const std::optional<Requester>& who = d.requester;
  platform::Row row;
  row.Text("requester_kind", RequesterKindName(d.requester_kind.value_or(RequesterKind::kOther)))
      // A requester's names are stored even when empty: NULL means no requester.
      .OptionalText("requester_given_name", who ? std::optional(who->given_name) : std::nullopt)
      .OptionalText("requester_family_name", who ? std::optional(who->family_name) : std::nullopt)
      .OptionalDate("requester_date_of_birth", who ? who->date_of_birth : std::nullopt)
      .Text("channel", ChannelName(d.channel.value_or(Channel::kHelpline)))
      .Date("received_date", d.received_date)
      .Text("summary", d.summary)
      .Text("local_authority", d.local_authority)
      .OptionalText("triage", d.triage ? std::optional(TriageName(*d.triage)) : std::nullopt)
      .OptionalDate("support_call_due_date", s.support_call_due_date)
      .OptionalDate("support_call_date", d.support_call_date)
      .Text("status", StatusName(d.status.value_or(SupportRequestStatus::kOpen)))
      .Text("outcome", d.outcome)
      .OptionalDate("closed_date", s.closed_date)
      .Text("household", d.household_id);
  platform::UpdatedColumns(row, s);
  return row;
}

}  // namespace

void SupportRequestStore::Insert(soci::session& tx, const SupportRequest& s, const std::string& source_id) {
  platform::Row row = ChangingRow(s);
  platform::CreatedColumns(row, s);
  row.TextOrNull("source_id", source_id);
  platform::InsertRow(tx, "support_requests", row);
}

std::optional<SupportRequest> SupportRequestStore::FindBySource(soci::session& sql, const std::string& source_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << absl::StrCat("SELECT ", Columns(), " FROM support_requests WHERE source_id = :s"),
       soci::use(source_id));
  for (const auto& row : rows) return FromRow(row);
  return std::nullopt;
}

std::vector<SupportRequest> SupportRequestStore::ReceivedIn(soci::session& sql, platform::Period period,
                                                            const std::optional<std::string>& local_authority,
                                                            const platform::Coverage& coverage) {
  const std::string first = platform::FormatDate(period.first), last = platform::FormatDate(period.last);
  soci::rowset<soci::row> rows =
      (sql.prepare << absl::StrCat("SELECT ", Columns(),
                                   " FROM support_requests WHERE received_date BETWEEN :first AND :last ORDER BY id"),
       soci::use(first, "first"), soci::use(last, "last"));
  std::vector<SupportRequest> out;
  for (const auto& row : rows) {
    SupportRequest r = FromRow(row);
    const std::string& la = r.details.local_authority;
    if (local_authority && la != *local_authority) continue;
    if (!coverage.Covers({.local_authorities = {la}, .unallocated = la.empty()})) continue;
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<SupportRequest> SupportRequestStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "support_requests", Columns(), id, row)) return std::nullopt;
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
      .Within(q.coverage,
              {.local_authority = "local_authority", .empty_authority_is_unallocated = true, .household = "household"});
  std::vector<SupportRequest> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

bool SupportRequestStore::Update(soci::session& tx, SupportRequest& s, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kSupportRequests, s.id, expected_version, ChangingRow(s))) return false;
  s.version = expected_version + 1;
  return true;
}

long long SupportRequestStore::Count(soci::session& sql) {
  return platform::CountRows(sql, "support_requests");
}

long long SupportRequestStore::CountCallsOverdue(soci::session& sql, platform::Date today) {
  return platform::CountRowsWhere(sql, "support_requests",
                                  "support_call_due_date < :today AND support_call_date IS NULL AND status <> :closed",
                                  {platform::FormatDate(today), StatusName(SupportRequestStatus::kClosed)});
}

}  // namespace support
