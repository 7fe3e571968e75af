#include "support-svc/store/records_access_store.h"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace support {
namespace {

using nlohmann::json;

constexpr char kTable[] = "records_access_requests";
constexpr char kChangingColumns[] =
    "kind, applicant_given_name, applicant_family_name, applicant_date_of_birth, birth_name, relationship, "
    "received_date, adopted_before_1975, local_authority, status, counselling_completed_date, records_sought_date, "
    "shared_date, closed_date, close_reason, sessions, queue_key, updated_at, updated_by";

constexpr platform::VersionedTable kRequests{kTable, "records_access_request_history", kChangingColumns};

std::string Columns() { return absl::StrCat("id, version, created_at, created_by, ", kChangingColumns); }

// "0|2021-03-04" for a prioritised request, "1|…" for the rest: one text column that
// sorts as the queue does.
std::string QueueKey(const RecordsAccessDetails& d) {
  return absl::StrCat(Prioritised(d) ? "0|" : "1|", platform::FormatDate(d.received_date));
}

std::string SessionsJson(const std::vector<CounsellingSession>& sessions) {
  json out = json::array();
  for (const CounsellingSession& s : sessions) {
    out.push_back({{"held", platform::FormatDate(s.held)}, {"counsellor", s.counsellor},
                   {"commissioned", s.commissioned}});
  }
  return out.dump();
}

// Throws CorruptRecord naming the record, never the text, when it is not a list of
// sessions.
std::vector<CounsellingSession> SessionsFrom(const std::string& text, const std::string& id) {
  try {
    std::vector<CounsellingSession> out;
    for (const json& s : json::parse(text)) {
      absl::StatusOr<platform::Date> held = platform::ParseDate(s.at("held").get<std::string>());
      if (!held.ok()) throw std::invalid_argument("held");
      out.push_back({*held, s.at("counsellor").get<std::string>(), s.at("commissioned").get<bool>()});
    }
    return out;
  } catch (const std::exception&) {
    throw platform::CorruptRecord(kTable, "sessions", id);
  }
}

RecordsAccessRequest FromRow(const soci::row& row) {
  platform::StoredRow r(row, kTable);
  RecordsAccessRequest out;
  RecordsAccessDetails& d = out.details;
  out.id = r.Text("id");
  d.kind = r.Enum("kind", ParseRecordsAccessKind);
  d.applicant.given_name = r.Text("applicant_given_name");
  d.applicant.family_name = r.Text("applicant_family_name");
  d.applicant.date_of_birth = r.OptionalDate("applicant_date_of_birth");
  d.birth_name = r.Text("birth_name");
  d.relationship = r.Text("relationship");
  d.received_date = r.RequiredDate("received_date");
  d.adopted_before_12_nov_1975 = r.Bool("adopted_before_1975");
  d.local_authority = r.Text("local_authority");
  out.status = r.Enum("status", ParseRecordsAccessStatus);
  out.counselling_completed_date = r.OptionalDate("counselling_completed_date");
  out.records_sought_date = r.OptionalDate("records_sought_date");
  out.shared_date = r.OptionalDate("shared_date");
  out.closed_date = r.OptionalDate("closed_date");
  out.close_reason = r.Text("close_reason");
  out.sessions = SessionsFrom(r.Text("sessions"), out.id);
  platform::ReadBookkeeping(r, out);
  return out;
}

platform::Row ChangingRow(const RecordsAccessRequest& req) {
  const RecordsAccessDetails& d = req.details;
  platform::Row row;
  row.Text("kind", RecordsAccessKindName(d.kind.value_or(RecordsAccessKind::kBirthRecords)))
      .Text("applicant_given_name", d.applicant.given_name)
      .Text("applicant_family_name", d.applicant.family_name)
      .OptionalDate("applicant_date_of_birth", d.applicant.date_of_birth)
      .Text("birth_name", d.birth_name)
      .Text("relationship", d.relationship)
      .Date("received_date", d.received_date)
      .Bool("adopted_before_1975", d.adopted_before_12_nov_1975)
      .Text("local_authority", d.local_authority)
      .Text("status", RecordsAccessStatusName(req.status))
      .OptionalDate("counselling_completed_date", req.counselling_completed_date)
      .OptionalDate("records_sought_date", req.records_sought_date)
      .OptionalDate("shared_date", req.shared_date)
      .OptionalDate("closed_date", req.closed_date)
      .Text("close_reason", req.close_reason)
      .Text("sessions", SessionsJson(req.sessions))
      .Text("queue_key", QueueKey(d));
  platform::UpdatedColumns(row, req);
  return row;
}

}  // namespace

void RecordsAccessStore::Insert(soci::session& tx, const RecordsAccessRequest& r) {
  platform::Row row = ChangingRow(r);
  platform::CreatedColumns(row, r);
  platform::InsertRow(tx, kTable, row);
}

std::optional<RecordsAccessRequest> RecordsAccessStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, kTable, Columns(), id, row)) return std::nullopt;
  return FromRow(row);
}

std::vector<RecordsAccessRequest> RecordsAccessStore::List(soci::session& sql, const RecordsAccessQuery& q) {
  auto query = platform::KeysetQuery::OrderedBy(kTable, Columns(), q.page, "queue_key");
  query.Equal("status", q.status ? std::optional(RecordsAccessStatusName(*q.status)) : std::nullopt)
      .Equal("kind", q.kind ? std::optional(RecordsAccessKindName(*q.kind)) : std::nullopt)
      .Equal("adopted_before_1975", q.adopted_before_12_nov_1975)
      .Equal("local_authority", q.local_authority)
      .Within(q.coverage, {.local_authority = "local_authority", .empty_authority_is_unallocated = true});
  std::vector<RecordsAccessRequest> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

bool RecordsAccessStore::Update(soci::session& tx, RecordsAccessRequest& r, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kRequests, r.id, expected_version, ChangingRow(r))) return false;
  r.version = expected_version + 1;
  return true;
}

}  // namespace support
