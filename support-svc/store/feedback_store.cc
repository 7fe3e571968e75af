#include "support-svc/store/feedback_store.h"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace support {
namespace {

using nlohmann::json;

constexpr char kTable[] = "feedback";
constexpr char kChangingColumns[] =
    "kind, from_kind, received_date, summary, local_authority, status, stages, stage_due_date, closed_date, "
    "updated_at, updated_by";

constexpr platform::VersionedTable kFeedback{kTable, "feedback_history", kChangingColumns};

std::string Columns() { return absl::StrCat("id, version, created_at, created_by, ", kChangingColumns); }

std::string StagesJson(const std::vector<ComplaintStageRecord>& stages) {
  json out = json::array();
  for (const ComplaintStageRecord& s : stages) {
    out.push_back({{"stage", ComplaintStageName(s.stage)},
                   {"opened", platform::FormatDate(s.opened)},
                   {"due", platform::FormatDate(s.due)},
                   {"responded", s.responded ? platform::FormatDate(*s.responded) : ""},
                   {"outcome", s.outcome ? ComplaintOutcomeName(*s.outcome) : ""},
                   {"response", s.response}});
  }
  return out.dump();
}

platform::Date DateIn(const json& j, const char* key) {
  absl::StatusOr<platform::Date> d = platform::ParseDate(j.at(key).get<std::string>());
  if (!d.ok()) throw std::invalid_argument(key);
  return *d;
}

// Throws CorruptRecord naming the record, never the text, when it is not a list of
// stages.
std::vector<ComplaintStageRecord> StagesFrom(const std::string& text, const std::string& id) {
  try {
    std::vector<ComplaintStageRecord> out;
    for (const json& s : json::parse(text)) {
      ComplaintStageRecord r;
      std::optional<ComplaintStage> stage = ParseComplaintStage(s.at("stage").get<std::string>());
      if (!stage) throw std::invalid_argument("stage");
      r.stage = *stage;
      r.opened = DateIn(s, "opened");
      r.due = DateIn(s, "due");
      if (!s.at("responded").get<std::string>().empty()) r.responded = DateIn(s, "responded");
      if (const std::string o = s.at("outcome").get<std::string>(); !o.empty()) {
        r.outcome = ParseComplaintOutcome(o);
        if (!r.outcome) throw std::invalid_argument("outcome");
      }
      r.response = s.at("response").get<std::string>();
      out.push_back(std::move(r));
    }
    return out;
  } catch (const std::exception&) {
    throw platform::CorruptRecord(kTable, "stages", id);
  }
}

Feedback FromRow(const soci::row& row) {
  platform::StoredRow r(row, kTable);
  Feedback f;
  FeedbackDetails& d = f.details;
  f.id = r.Text("id");
  d.kind = r.Enum("kind", ParseFeedbackKind);
  d.from = r.Enum("from_kind", ParseRequesterKind);
  d.received_date = r.RequiredDate("received_date");
  d.summary = r.Text("summary");
  d.local_authority = r.Text("local_authority");
  f.status = r.Enum("status", ParseFeedbackStatus);
  f.stages = StagesFrom(r.Text("stages"), f.id);
  f.closed_date = r.OptionalDate("closed_date");
  platform::ReadBookkeeping(r, f);
  return f;
}

platform::Row ChangingRow(const Feedback& f) {
  const FeedbackDetails& d = f.details;
  platform::Row row;
  row.Text("kind", FeedbackKindName(d.kind.value_or(FeedbackKind::kComplaint)))
      .Text("from_kind", RequesterKindName(d.from.value_or(RequesterKind::kOther)))
      .Date("received_date", d.received_date)
      .Text("summary", d.summary)
      .Text("local_authority", d.local_authority)
      .Text("status", FeedbackStatusName(f.status))
      .Text("stages", StagesJson(f.stages))
      .OptionalDate("stage_due_date", f.stages.empty() ? std::nullopt : std::optional(f.stages.back().due))
      .OptionalDate("closed_date", f.closed_date);
  platform::UpdatedColumns(row, f);
  return row;
}

}  // namespace

void FeedbackStore::Insert(soci::session& tx, const Feedback& f) {
  platform::Row row = ChangingRow(f);
  platform::CreatedColumns(row, f);
  platform::InsertRow(tx, kTable, row);
}

std::optional<Feedback> FeedbackStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, kTable, Columns(), id, row)) return std::nullopt;
  return FromRow(row);
}

std::vector<Feedback> FeedbackStore::List(soci::session& sql, const FeedbackQuery& q) {
  platform::KeysetQuery query(kTable, Columns(), q.page);
  query.Equal("kind", q.kind ? std::optional(FeedbackKindName(*q.kind)) : std::nullopt)
      .Equal("status", q.status ? std::optional(FeedbackStatusName(*q.status)) : std::nullopt)
      .Equal("local_authority", q.local_authority)
      .Within(q.coverage, {.local_authority = "local_authority", .empty_authority_is_unallocated = true});
  if (q.overdue_on) {
    query.Where(absl::StrCat("status = '", FeedbackStatusName(FeedbackStatus::kOpen),
                             "' AND stage_due_date IS NOT NULL AND stage_due_date < :overdue_on"),
                {platform::FormatDate(*q.overdue_on)});
  }
  std::vector<Feedback> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

bool FeedbackStore::Update(soci::session& tx, Feedback& f, long long expected_version) {
  if (!platform::UpdateVersioned(tx, kFeedback, f.id, expected_version, ChangingRow(f))) return false;
  f.version = expected_version + 1;
  return true;
}

long long FeedbackStore::CountComplaintsOverdue(soci::session& sql, platform::Date today) {
  return platform::CountRowsWhere(sql, "feedback", "status = :open AND stage_due_date < :today",
                                  {FeedbackStatusName(FeedbackStatus::kOpen), platform::FormatDate(today)});
}

}  // namespace support
