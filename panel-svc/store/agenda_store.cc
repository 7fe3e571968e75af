#include "panel-svc/store/agenda_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"

namespace panel {
namespace {

constexpr char kColumns[] =
    "id, panel_id, meeting_id, kind, household_id, dual_approval_sought, source_id, version, created_at, updated_at, "
    "created_by, updated_by";
// recommendation_history keeps what FinaliseMinutes changes.
constexpr platform::VersionedTable kRecommendations{"recommendations", "recommendation_history",
                                                   "minutes_final_date, decision_due_date, updated_at, updated_by",
                                                   "agenda_item_id"};

constexpr char kRecommendationColumns[] =
    "agenda_item_id, outcome, reasons, votes_for, votes_against, votes_abstain, minutes_final_date, "
    "decision_due_date, version, "
    "created_at, updated_at, created_by, updated_by";

constexpr platform::VersionedTable kAgendaItems{"agenda_items", "agenda_item_history",
                                                "meeting_id, updated_at, updated_by"};

platform::Row PaperRow(const std::string& item_id, size_t position, const Paper& p) {
  platform::Row paper;
  paper.Text("agenda_item_id", item_id)
      .Int("position", static_cast<long long>(position))
      .Text("kind", PaperKindName(p.kind))
      .Text("title", p.title)
      .Date("due_date", p.due_date)
      .OptionalDate("received_date", p.received_date)
      .OptionalText("quality_rating",
                    p.quality_rating ? std::optional(QualityRatingName(*p.quality_rating)) : std::nullopt)
      .Text("quality_feedback", p.quality_feedback);
  return paper;
}

platform::Row ConflictRow(const std::string& item_id, size_t position, const ConflictDeclaration& c) {
  platform::Row conflict;
  conflict.Text("agenda_item_id", item_id)
      .Int("position", static_cast<long long>(position))
      .Text("member_id", c.member_id)
      .Text("description", c.description);
  return conflict;
}

// Recommendations whose decision was due before :today and is not recorded.
constexpr char kOverdue[] =
    "SELECT r.agenda_item_id FROM recommendations r WHERE r.decision_due_date < :today AND NOT EXISTS (SELECT 1 "
    "FROM decisions d WHERE d.agenda_item_id = r.agenda_item_id)";

AgendaItem FromRow(const soci::row& row) {
  platform::StoredRow r(row, "agenda_items");
  AgendaItem item;
  item.id = r.Text("id");
  item.panel_id = r.Text("panel_id");
  item.meeting_id = r.Text("meeting_id");
  item.kind = r.Enum("kind", ParseAgendaItemKind);
  item.household_id = r.OptionalText("household_id").value_or("");
  item.dual_approval_sought = r.Bool("dual_approval_sought");
  item.source_id = r.OptionalText("source_id").value_or("");
  platform::ReadBookkeeping(r, item);
  return item;
}

// The item's children, papers and conflicts, and whether it has a recommendation.
void LoadParts(soci::session& sql, AgendaItem& item) {
  {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT child_id FROM agenda_item_children WHERE "
                                                   "agenda_item_id = :id ORDER BY position",
                                    soci::use(item.id));
    for (const auto& row : rows) {
      item.child_ids.push_back(platform::StoredRow(row, "agenda_item_children", item.id).Text("child_id"));
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT kind, title, due_date, received_date, quality_rating, quality_feedback FROM "
                        "agenda_papers WHERE agenda_item_id = :id ORDER BY position",
         soci::use(item.id));
    for (const auto& row : rows) {
      platform::StoredRow r(row, "agenda_papers", item.id);
      item.papers.push_back(Paper{.kind = r.Enum("kind", ParsePaperKind),
                                  .title = r.Text("title"),
                                  .due_date = r.RequiredDate("due_date"),
                                  .received_date = r.OptionalDate("received_date"),
                                  .quality_rating = r.OptionalEnum("quality_rating", ParseQualityRating),
                                  .quality_feedback = r.Text("quality_feedback")});
    }
  }
  {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT member_id, description FROM agenda_conflicts WHERE "
                                                   "agenda_item_id = :id ORDER BY position",
                                    soci::use(item.id));
    for (const auto& row : rows) {
      platform::StoredRow r(row, "agenda_conflicts", item.id);
      item.conflicts.push_back({r.Text("member_id"), r.Text("description")});
    }
  }
  long long recommendations = 0;
  sql << "SELECT COUNT(*) FROM recommendations WHERE agenda_item_id = :id", soci::use(item.id),
      soci::into(recommendations);
  item.recommended = recommendations > 0;
}

}  // namespace

void AgendaStore::Insert(soci::session& tx, const AgendaItem& item) {
  platform::Row row;
  row.Text("panel_id", item.panel_id)
      .Text("meeting_id", item.meeting_id)
      .Text("kind", AgendaItemKindName(item.kind))
      .TextOrNull("household_id", item.household_id)
      .Bool("dual_approval_sought", item.dual_approval_sought)
      .TextOrNull("source_id", item.source_id);
  platform::CreatedColumns(row, item);
  platform::UpdatedColumns(row, item);
  platform::InsertRow(tx, "agenda_items", row);
  for (size_t i = 0; i < item.child_ids.size(); ++i) {
    platform::Row child;
    child.Text("agenda_item_id", item.id).Int("position", static_cast<long long>(i)).Text("child_id", item.child_ids[i]);
    platform::InsertRow(tx, "agenda_item_children", child);
  }
  for (size_t i = 0; i < item.papers.size(); ++i) {
    platform::InsertRow(tx, "agenda_papers", PaperRow(item.id, i, item.papers[i]));
  }
  for (size_t i = 0; i < item.conflicts.size(); ++i) {
    platform::InsertRow(tx, "agenda_conflicts", ConflictRow(item.id, i, item.conflicts[i]));
  }
}

bool AgendaStore::Update(soci::session& tx, AgendaItem& item, long long expected_version) {
  std::optional<AgendaItem> stored = Get(tx, item.id);
  if (!stored || stored->version != expected_version) return false;
  platform::Row row;
  row.Text("meeting_id", item.meeting_id);
  platform::UpdatedColumns(row, item);
  if (!platform::UpdateVersioned(tx, kAgendaItems, item.id, expected_version, row)) return false;
  // The papers as they were, kept with the version they belonged to.
  tx << "INSERT INTO agenda_paper_history (agenda_item_id, version, position, kind, title, due_date, received_date, "
        "quality_rating, quality_feedback) SELECT agenda_item_id, :v, position, kind, title, due_date, "
        "received_date, quality_rating, quality_feedback FROM agenda_papers WHERE agenda_item_id = :id",
      soci::use(expected_version), soci::use(item.id);
  for (size_t i = 0; i < item.papers.size(); ++i) {
    if (i >= stored->papers.size()) {
      platform::InsertRow(tx, "agenda_papers", PaperRow(item.id, i, item.papers[i]));
      continue;
    }
    // A paper keeps its place and kind; the rest changes in place (kept above).
    const Paper& p = item.papers[i];
    std::string title = p.title, due = platform::FormatDate(p.due_date),
                received = p.received_date ? platform::FormatDate(*p.received_date) : "",
                rating = p.quality_rating ? QualityRatingName(*p.quality_rating) : "", feedback = p.quality_feedback;
    soci::indicator received_ind = p.received_date ? soci::i_ok : soci::i_null;
    soci::indicator rating_ind = p.quality_rating ? soci::i_ok : soci::i_null;
    long long position = static_cast<long long>(i);
    tx << "UPDATE agenda_papers SET title = :t, due_date = :d, received_date = :r, quality_rating = :q, "
          "quality_feedback = :f WHERE agenda_item_id = :id AND position = :p",
        soci::use(title), soci::use(due), soci::use(received, received_ind), soci::use(rating, rating_ind),
        soci::use(feedback), soci::use(item.id), soci::use(position);
  }
  for (size_t i = stored->conflicts.size(); i < item.conflicts.size(); ++i) {
    platform::InsertRow(tx, "agenda_conflicts", ConflictRow(item.id, i, item.conflicts[i]));
  }
  item.version = expected_version + 1;
  return true;
}

std::optional<AgendaItem> AgendaStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  if (!platform::FindById(sql, "agenda_items", kColumns, id, row)) return std::nullopt;
  AgendaItem item = FromRow(row);
  LoadParts(sql, item);
  return item;
}

std::optional<AgendaItem> AgendaStore::FindBySource(soci::session& sql, const std::string& source_id) {
  std::optional<std::string> id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id FROM agenda_items WHERE source_id = :s", soci::use(source_id));
  for (const auto& row : rows) id = platform::StoredRow(row, "agenda_items").Text("id");
  return id ? Get(sql, *id) : std::nullopt;
}

std::vector<std::pair<AgendaItem, platform::Date>> AgendaStore::UndecidedImported(soci::session& sql,
                                                                                  const std::string& household_id) {
  std::vector<std::pair<std::string, platform::Date>> found;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT a.id, m.meeting_date FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id "
                        "WHERE a.household_id = :h AND a.source_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                        "decisions d WHERE d.agenda_item_id = a.id) ORDER BY m.meeting_date DESC, a.id DESC",
         soci::use(household_id));
    for (const auto& row : rows) {
      platform::StoredRow r(row, "agenda_items");
      found.emplace_back(r.Text("id"), r.RequiredDate("meeting_date"));
    }
  }
  std::vector<std::pair<AgendaItem, platform::Date>> out;
  for (const auto& [id, day] : found) {
    if (auto item = Get(sql, id)) out.emplace_back(*std::move(item), day);
  }
  return out;
}

std::vector<AgendaItem> AgendaStore::List(soci::session& sql, const AgendaQuery& q) {
  platform::KeysetQuery query("agenda_items", kColumns, q.page);
  query.Equal("meeting_id", q.meeting_id)
      .Equal("kind", q.kind ? std::optional(AgendaItemKindName(*q.kind)) : std::nullopt)
      .Equal("household_id", q.household_id);
  if (q.child_id) {
    query.Where("id IN (SELECT agenda_item_id FROM agenda_item_children WHERE child_id = :child)", {*q.child_id});
  }
  // A member reaches the cases of the meetings they attend, except those they declared
  // a conflict on (they leave the room, and get no papers).
  query.Within(q.coverage,
               {.subject_condition =
                    "id IN (SELECT i.id FROM agenda_items i JOIN meeting_attendance a ON a.meeting_id = i.meeting_id "
                    "AND a.superseded_at IS NULL JOIN panel_members pm ON pm.member_id = a.member_id AND "
                    "pm.superseded_at IS NULL WHERE pm.account = :subject AND NOT EXISTS (SELECT 1 FROM "
                    "agenda_conflicts c WHERE c.agenda_item_id = i.id AND c.member_id = a.member_id))"});
  if (q.decision_overdue_on) {
    query.Where(absl::StrCat("id IN (", kOverdue, ")"), {platform::FormatDate(*q.decision_overdue_on)});
  }
  std::vector<AgendaItem> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  for (auto& item : out) LoadParts(sql, item);
  return out;
}

int AgendaStore::CountOn(soci::session& sql, const std::string& meeting_id) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM agenda_items WHERE meeting_id = :m", soci::use(meeting_id), soci::into(n);
  return static_cast<int>(n);
}

int AgendaStore::CountDecisionsOverdue(soci::session& sql, platform::Date today) {
  long long n = 0;
  const std::string day = platform::FormatDate(today);
  sql << absl::StrCat("SELECT COUNT(*) FROM (", kOverdue, ") overdue"), soci::use(day), soci::into(n);
  return static_cast<int>(n);
}

void AgendaStore::InsertRecommendation(soci::session& tx, const Recommendation& r) {
  platform::Row row;
  row.Text("agenda_item_id", r.agenda_item_id)
      .Text("outcome", RecommendationOutcomeName(r.outcome))
      .Text("reasons", r.reasons)
      .Int("votes_for", r.votes_for)
      .Int("votes_against", r.votes_against)
      .Int("votes_abstain", r.votes_abstain)
      .OptionalDate("minutes_final_date", r.minutes_final_date)
      .OptionalDate("decision_due_date", r.decision_due_date)
      .Int("version", r.version)
      .Int("created_at", r.created_at)
      .Text("created_by", r.created_by);
  platform::UpdatedColumns(row, r);
  platform::InsertRow(tx, "recommendations", row);
  for (size_t i = 0; i < r.quorum_members.size(); ++i) {
    platform::Row member;
    member.Text("agenda_item_id", r.agenda_item_id)
        .Int("position", static_cast<long long>(i))
        .Text("member_id", r.quorum_members[i]);
    platform::InsertRow(tx, "recommendation_quorum", member);
  }
}

bool AgendaStore::UpdateRecommendation(soci::session& tx, Recommendation& r, long long expected_version) {
  platform::Row row;
  row.OptionalDate("minutes_final_date", r.minutes_final_date).OptionalDate("decision_due_date", r.decision_due_date);
  platform::UpdatedColumns(row, r);
  if (!platform::UpdateVersioned(tx, kRecommendations, r.agenda_item_id, expected_version, row)) return false;
  r.version = expected_version + 1;
  return true;
}

std::optional<Recommendation> AgendaStore::GetRecommendation(soci::session& sql, const std::string& agenda_item_id) {
  std::optional<Recommendation> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kRecommendationColumns << " FROM recommendations WHERE agenda_item_id = :id",
       soci::use(agenda_item_id));
  for (const auto& row : rows) {
    platform::StoredRow r(row, "recommendations", agenda_item_id);
    Recommendation rec;
    rec.agenda_item_id = agenda_item_id;
    rec.outcome = r.Enum("outcome", ParseRecommendationOutcome);
    rec.reasons = r.Text("reasons");
    rec.votes_for = static_cast<int>(r.Int("votes_for"));
    rec.votes_against = static_cast<int>(r.Int("votes_against"));
    rec.votes_abstain = static_cast<int>(r.Int("votes_abstain"));
    rec.minutes_final_date = r.OptionalDate("minutes_final_date");
    rec.decision_due_date = r.OptionalDate("decision_due_date");
    rec.version = r.Int("version");
    rec.created_at = r.Int("created_at");
    rec.updated_at = r.Int("updated_at");
    rec.created_by = r.Text("created_by");
    rec.updated_by = r.Text("updated_by");
    out = std::move(rec);
  }
  if (out) {
    soci::rowset<soci::row> members = (sql.prepare << "SELECT member_id FROM recommendation_quorum WHERE "
                                                      "agenda_item_id = :id ORDER BY position",
                                       soci::use(agenda_item_id));
    for (const auto& row : members) {
      out->quorum_members.push_back(platform::StoredRow(row, "recommendation_quorum", agenda_item_id).Text("member_id"));
    }
  }
  return out;
}

std::vector<MeetingStatus> AgendaStore::MeetingStatusesIn(soci::session& sql, const platform::Period& period) {
  std::vector<MeetingStatus> out;
  const std::string first = platform::FormatDate(period.first), last = platform::FormatDate(period.last);
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, status FROM meetings WHERE imported = 0 AND meeting_date BETWEEN :f "
                                                 "AND :l",
                                  soci::use(first), soci::use(last));
  for (const auto& row : rows) out.push_back(platform::StoredRow(row, "meetings").Enum("status", ParseMeetingStatus));
  return out;
}

std::vector<HeardCase> AgendaStore::HeardIn(soci::session& sql, const platform::Period& period) {
  std::vector<HeardCase> out;
  const std::string first = platform::FormatDate(period.first), last = platform::FormatDate(period.last);
  std::vector<std::pair<std::string, platform::Date>> heard;  // item id, meeting day
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT a.id, m.meeting_date FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id "
                        "JOIN recommendations r ON r.agenda_item_id = a.id WHERE m.status = 'HELD' AND m.imported = 0 "
                        "AND m.meeting_date BETWEEN :f AND :l ORDER BY m.meeting_date, a.id",
         soci::use(first), soci::use(last));
    for (const auto& row : rows) {
      platform::StoredRow r(row, "agenda_items");
      heard.emplace_back(r.Text("id"), r.RequiredDate("meeting_date"));
    }
  }
  for (const auto& [id, day] : heard) {
    HeardCase c;
    c.item = *Get(sql, id);
    c.meeting_date = day;
    c.recommendation = *GetRecommendation(sql, id);
    if (!c.item.household_id.empty()) {
      soci::rowset<soci::row> referred =
          (sql.prepare << "SELECT id, referral_date FROM panel_referrals WHERE id = :h", soci::use(c.item.household_id));
      for (const auto& row : referred) {
        c.referral_date = platform::StoredRow(row, "panel_referrals").RequiredDate("referral_date");
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace panel
