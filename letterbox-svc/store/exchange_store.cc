#include "letterbox-svc/store/exchange_store.h"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace letterbox {
namespace {

using nlohmann::json;

// The columns a verb changes, which exchange_history keeps (with id and version).
constexpr char kChangingColumns[] =
    "status, flags, redactions, return_note, withheld_reason, withheld_note, review_started_date, approved_date, "
    "forwarded_date, read_date, updated_at, updated_by";

constexpr platform::VersionedTable kExchanges{"exchanges", "exchange_history", kChangingColumns};

std::string Columns() {
  return absl::StrCat("id, arrangement_id, sender, recipient, item_kind, due_date, received_date, version, ",
                      "created_at, created_by, ", kChangingColumns);
}

// Spans as one JSON array: the contract's kind names, offsets in code points.
std::string SpansJson(const std::vector<Span>& spans) {
  json out = json::array();
  for (const Span& s : spans) {
    out.push_back({{"kind", DetailKindName(s.kind)},
                   {"start", s.start},
                   {"end", s.end},
                   {"text", s.text},
                   {"reason", s.reason}});
  }
  return out.dump();
}

// Throws CorruptRecord naming the record, never the text, when it is not a list of
// spans.
std::vector<Span> SpansFrom(const std::string& text, const std::string& column, const std::string& id) {
  std::vector<Span> out;
  try {
    for (const json& j : json::parse(text)) {
      std::optional<DetailKind> kind = ParseDetailKind(j.at("kind").get<std::string>());
      if (!kind) throw platform::CorruptRecord("exchanges", column, id);
      out.push_back(Span{.kind = *kind,
                         .start = j.at("start").get<int>(),
                         .end = j.at("end").get<int>(),
                         .text = j.at("text").get<std::string>(),
                         .reason = j.at("reason").get<std::string>()});
    }
  } catch (const json::exception&) {
    throw platform::CorruptRecord("exchanges", column, id);
  }
  return out;
}

Exchange FromRow(const soci::row& row) {
  platform::StoredRow r(row, "exchanges");
  Exchange e;
  e.id = r.Text("id");
  e.arrangement_id = r.Text("arrangement_id");
  e.sender = r.Text("sender");
  e.recipient = r.Text("recipient");
  e.item_kind = r.Enum("item_kind", ParseItemKind);
  e.status = r.Enum("status", ParseExchangeStatus);
  e.due_date = r.OptionalDate("due_date");
  e.received_date = r.RequiredDate("received_date");
  e.flags = SpansFrom(r.Text("flags"), "flags", e.id);
  e.redactions = SpansFrom(r.Text("redactions"), "redactions", e.id);
  e.return_note = r.Text("return_note");
  e.withheld_reason = r.OptionalEnum("withheld_reason", ParseWithheldReason);
  e.withheld_note = r.Text("withheld_note");
  e.review_started_date = r.OptionalDate("review_started_date");
  e.approved_date = r.OptionalDate("approved_date");
  e.forwarded_date = r.OptionalDate("forwarded_date");
  e.read_date = r.OptionalDate("read_date");
  platform::ReadBookkeeping(r, e);
  return e;
}

// The columns a verb changes, NULL where absent, added to `row`.
platform::Row& ChangingColumns(platform::Row& row, const Exchange& e) {
  row.Text("status", ExchangeStatusName(e.status))
      .Text("flags", SpansJson(e.flags))
      .Text("redactions", SpansJson(e.redactions))
      .Text("return_note", e.return_note)
      .OptionalText("withheld_reason",
                    e.withheld_reason ? std::optional(WithheldReasonName(*e.withheld_reason)) : std::nullopt)
      .Text("withheld_note", e.withheld_note)
      .OptionalDate("review_started_date", e.review_started_date)
      .OptionalDate("approved_date", e.approved_date)
      .OptionalDate("forwarded_date", e.forwarded_date)
      .OptionalDate("read_date", e.read_date);
  platform::UpdatedColumns(row, e);
  return row;
}

void LoadVersions(soci::session& sql, Exchange& e) {
  e.versions.clear();
  soci::rowset<soci::row> versions =
      (sql.prepare << "SELECT number, origin, content, content_sha256, recorded_at, recorded_by "
                      "FROM exchange_versions WHERE exchange_id = :id ORDER BY number",
       soci::use(e.id));
  for (const auto& row : versions) {
    platform::StoredRow r(row, "exchange_versions", e.id);
    ExchangeVersion v;
    v.number = static_cast<int>(r.Int("number"));
    v.origin = r.Enum("origin", ParseOrigin);
    v.content = r.Text("content");
    v.content_sha256 = r.Text("content_sha256");
    v.recorded_at = r.Int("recorded_at");
    v.recorded_by = r.Text("recorded_by");
    e.versions.push_back(std::move(v));
  }
  soci::rowset<soci::row> files =
      (sql.prepare << "SELECT version_number, media_type, description, sha256, size_bytes FROM exchange_attachments "
                      "WHERE exchange_id = :id ORDER BY version_number, position",
       soci::use(e.id));
  for (const auto& row : files) {
    platform::StoredRow r(row, "exchange_attachments", e.id);
    long long number = r.Int("version_number");
    if (number < 1 || number > static_cast<long long>(e.versions.size())) {
      throw platform::CorruptRecord("exchange_attachments", "version_number", e.id);
    }
    e.versions[static_cast<size_t>(number - 1)].attachments.push_back(Attachment{.media_type = r.Text("media_type"),
                                                                                  .description = r.Text("description"),
                                                                                  .sha256 = r.Text("sha256"),
                                                                                  .size_bytes = r.Int("size_bytes")});
  }
}

// The versions numbered above `stored`, their attachments, and the files not held.
void InsertVersions(soci::session& tx, const Exchange& e, size_t stored, const FileData& files) {
  for (size_t i = stored; i < e.versions.size(); ++i) {
    const ExchangeVersion& v = e.versions[i];
    platform::Row row;
    row.Text("exchange_id", e.id)
        .Int("number", v.number)
        .Text("origin", OriginName(v.origin))
        .Text("content", v.content)
        .Text("content_sha256", v.content_sha256)
        .Int("recorded_at", v.recorded_at)
        .Text("recorded_by", v.recorded_by);
    platform::InsertRow(tx, "exchange_versions", row);
    for (size_t k = 0; k < v.attachments.size(); ++k) {
      const Attachment& a = v.attachments[k];
      platform::Row file;
      file.Text("exchange_id", e.id)
          .Int("version_number", v.number)
          .Int("position", static_cast<long long>(k))
          .Text("media_type", a.media_type)
          .Text("description", a.description)
          .Text("sha256", a.sha256)
          .Int("size_bytes", a.size_bytes);
      platform::InsertRow(tx, "exchange_attachments", file);
      auto data = files.find(a.sha256);
      if (data == files.end()) continue;  // a file the exchange already holds
      long long held = 0;
      tx << "SELECT COUNT(*) FROM exchange_files WHERE sha256 = :h", soci::use(a.sha256), soci::into(held);
      if (held > 0) continue;
      platform::Row blob;
      blob.Text("sha256", a.sha256)
          .Int("size_bytes", static_cast<long long>(data->second.size()))
          .Text("data", absl::Base64Escape(data->second))
          .Int("created_at", v.recorded_at);
      platform::InsertRow(tx, "exchange_files", blob);
    }
  }
}

}  // namespace

void ExchangeStore::Insert(soci::session& tx, const Exchange& e, const FileData& files) {
  platform::Row row;
  row.Text("arrangement_id", e.arrangement_id)
      .Text("sender", e.sender)
      .Text("recipient", e.recipient)
      .Text("item_kind", ItemKindName(e.item_kind))
      .OptionalDate("due_date", e.due_date)
      .Date("received_date", e.received_date);
  platform::CreatedColumns(row, e);
  platform::InsertRow(tx, "exchanges", ChangingColumns(row, e));
  InsertVersions(tx, e, 0, files);
}

std::optional<Exchange> ExchangeStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "exchanges", Columns(), id, row)) return std::nullopt;
  Exchange e = FromRow(row);
  LoadVersions(sql, e);
  return e;
}

std::vector<Exchange> ExchangeStore::List(soci::session& sql, const ExchangeQuery& q) {
  platform::KeysetQuery query("exchanges", Columns(), q.page);
  query.Equal("arrangement_id", q.arrangement_id)
      .Equal("status", q.status ? std::optional(ExchangeStatusName(*q.status)) : std::nullopt)
      .Equal("sender", q.sender)
      .Equal("recipient", q.recipient)
      .Equal("item_kind", q.item_kind ? std::optional(ItemKindName(*q.item_kind)) : std::nullopt)
      .Within(q.coverage,
              {.local_authority = "(SELECT a.local_authority FROM contact_arrangements a WHERE a.id = arrangement_id)",
               .empty_authority_is_unallocated = true,
               .party_condition =
                   "EXISTS (SELECT 1 FROM contact_arrangement_parties p WHERE p.superseded_at IS NULL AND "
                   "p.account = :party AND p.arrangement_id = exchanges.arrangement_id AND (p.party_id = "
                   "exchanges.sender OR (p.party_id = exchanges.recipient AND exchanges.status IN "
                   "('FORWARDED', 'READ'))))"});
  std::vector<Exchange> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  for (auto& e : out) LoadVersions(sql, e);
  return out;
}

bool ExchangeStore::Update(soci::session& tx, Exchange& e, long long expected_version, const FileData& files) {
  long long stored = 0;
  tx << "SELECT COUNT(*) FROM exchange_versions WHERE exchange_id = :id", soci::use(e.id), soci::into(stored);
  platform::Row row;
  if (!platform::UpdateVersioned(tx, kExchanges, e.id, expected_version, ChangingColumns(row, e))) return false;
  e.version = expected_version + 1;
  InsertVersions(tx, e, static_cast<size_t>(stored), files);
  return true;
}

std::optional<std::string> ExchangeStore::File(soci::session& sql, const std::string& sha256) {
  std::string data;
  soci::indicator ind = soci::i_null;
  sql << "SELECT data FROM exchange_files WHERE sha256 = :h", soci::use(sha256), soci::into(data, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  std::string bytes;
  if (!absl::Base64Unescape(data, &bytes)) throw platform::CorruptRecord("exchange_files", "data", sha256);
  return bytes;
}

long long ExchangeStore::Count(soci::session& sql) { return platform::CountRows(sql, "exchanges"); }

std::vector<ExchangeDates> ExchangeStore::DatesFor(soci::session& sql, const std::string& arrangement_id) {
  std::vector<ExchangeDates> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, sender, recipient, due_date, received_date, forwarded_date FROM exchanges "
                      "WHERE arrangement_id = :a ORDER BY id",
       soci::use(arrangement_id));
  for (const auto& row : rows) {
    platform::StoredRow r(row, "exchanges");
    out.push_back(ExchangeDates{.sender = r.Text("sender"),
                                .recipient = r.Text("recipient"),
                                .due_date = r.OptionalDate("due_date"),
                                .received_date = r.RequiredDate("received_date"),
                                .forwarded_date = r.OptionalDate("forwarded_date")});
  }
  return out;
}

std::vector<ExchangeFacts> ExchangeStore::FactsWithin(soci::session& sql, const platform::Coverage& coverage,
                                                      const std::optional<std::string>& local_authority,
                                                      platform::Date last_day) {
  const std::string authority =
      "(SELECT a.local_authority FROM contact_arrangements a WHERE a.id = exchanges.arrangement_id)";
  platform::ScopeCondition scope =
      platform::CoverageCondition(coverage, {.local_authority = authority, .empty_authority_is_unallocated = true});
  std::vector<ExchangeFacts> out;
  if (scope.nothing) return out;
  std::string where = "received_date <= :last";
  std::vector<std::string> values = {platform::FormatDate(last_day)};
  if (local_authority) {
    absl::StrAppend(&where, " AND ", authority, " = :la");
    values.push_back(*local_authority);
  }
  if (!scope.sql.empty()) {
    absl::StrAppend(&where, " AND ", scope.sql);
    values.insert(values.end(), scope.values.begin(), scope.values.end());
  }
  soci::statement st = (sql.prepare << "SELECT id, arrangement_id, sender, status, due_date, received_date, "
                                       "approved_date, forwarded_date, withheld_reason FROM exchanges WHERE "
                                    << where);
  for (const std::string& value : values) st.exchange(soci::use(value));
  soci::row row;
  st.exchange(soci::into(row));
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) {
    platform::StoredRow r(row, "exchanges");
    out.push_back(ExchangeFacts{.arrangement_id = r.Text("arrangement_id"),
                                .sender = r.Text("sender"),
                                .status = r.Enum("status", ParseExchangeStatus),
                                .due_date = r.OptionalDate("due_date"),
                                .received_date = r.RequiredDate("received_date"),
                                .approved_date = r.OptionalDate("approved_date"),
                                .forwarded_date = r.OptionalDate("forwarded_date"),
                                .withheld_reason = r.OptionalEnum("withheld_reason", ParseWithheldReason)});
  }
  return out;
}

long long ExchangeStore::CountAwaitingReview(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM exchanges WHERE status IN ('RECEIVED', 'IN_REVIEW')", soci::into(n);
  return n;
}

}  // namespace letterbox
