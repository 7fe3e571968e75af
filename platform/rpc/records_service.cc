#include "platform/rpc/records_service.h"

#include <soci/soci.h>

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "adoption/events/v1/events.pb.h"
#include "platform/core/errors.h"
#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/record.h"
#include "platform/rpc/clock.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/rpc.h"

namespace platform {

namespace rpb = adoption::records::v1;

namespace {

constexpr char kHoldColumns[] =
    "id, record_type, record_id, reason, placed_by, placed_at, released_by, released_at, release_reason";
constexpr char kDisposalColumns[] =
    "id, record_type, record_id, decision, retain_until, basis, disposed_by, disposed_at";
// Record ids and kinds are at most 64 characters (as in the audit log); what a person
// writes (a reason, a decision) at most 4,000.
constexpr size_t kMaxName = 64, kMaxText = 4000;

rpb::LegalHold HoldFromRow(const soci::row& row) {
  StoredRow r(row, "legal_holds");
  rpb::LegalHold h;
  h.set_name(absl::StrCat("legalHolds/", r.Text("id")));
  h.set_record_type(r.Text("record_type"));
  h.set_record_id(r.Text("record_id"));
  h.set_reason(r.Text("reason"));
  h.set_placed_by(r.Text("placed_by"));
  *h.mutable_place_time() = MicrosToTimestamp(r.Int("placed_at"));
  if (std::optional<std::string> by = r.OptionalText("released_by")) {
    h.set_released_by(*by);
    *h.mutable_release_time() = MicrosToTimestamp(r.Int("released_at"));
    h.set_release_reason(r.OptionalText("release_reason").value_or(""));
  }
  return h;
}

rpb::Disposal DisposalFromRow(const soci::row& row) {
  StoredRow r(row, "record_disposals");
  rpb::Disposal d;
  d.set_name(absl::StrCat("disposals/", r.Text("id")));
  d.set_record_type(r.Text("record_type"));
  d.set_record_id(r.Text("record_id"));
  d.set_decision(r.Text("decision"));
  *d.mutable_retain_until() = DateToProto(r.RequiredDate("retain_until"));
  d.set_basis(r.Text("basis"));
  d.set_disposed_by(r.Text("disposed_by"));
  *d.mutable_dispose_time() = MicrosToTimestamp(r.Int("disposed_at"));
  return d;
}

// The record's tombstone, when it was disposed of.
std::optional<rpb::Disposal> TombstoneOf(soci::session& sql, const std::string& type, const std::string& id) {
  soci::rowset<soci::row> rows = (sql.prepare << absl::StrCat("SELECT ", kDisposalColumns,
                                                              " FROM record_disposals WHERE record_type = :t AND "
                                                              "record_id = :i"),
                                  soci::use(type), soci::use(id));
  for (const soci::row& row : rows) return DisposalFromRow(row);
  return std::nullopt;
}

// Writes a record's tombstone; answers it as read back.
rpb::Disposal WriteTombstone(soci::session& tx, const std::string& type, const std::string& record_id,
                             const std::string& decision, const Retention& retention, const std::string& by,
                             long long at) {
  InsertRow(tx, "record_disposals",
            Row()
                .Text("id", NewId())
                .Text("record_type", type)
                .Text("record_id", record_id)
                .Text("decision", decision)
                .Date("retain_until", retention.retain_until)
                .Text("basis", retention.basis)
                .Text("disposed_by", by)
                .Int("disposed_at", at));
  return *TombstoneOf(tx, type, record_id);
}

// The standing holds on one record (all records when `id` is empty).
std::vector<rpb::LegalHold> StandingHolds(soci::session& sql, const std::string& type, const std::string& id) {
  std::vector<rpb::LegalHold> holds;
  const std::string text = absl::StrCat("SELECT ", kHoldColumns, " FROM legal_holds WHERE released_at IS NULL");
  if (id.empty()) {
    soci::rowset<soci::row> rows = (sql.prepare << text + " ORDER BY id");
    for (const soci::row& row : rows) holds.push_back(HoldFromRow(row));
  } else {
    soci::rowset<soci::row> rows =
        (sql.prepare << text + " AND record_type = :t AND record_id = :i ORDER BY id", soci::use(type), soci::use(id));
    for (const soci::row& row : rows) holds.push_back(HoldFromRow(row));
  }
  return holds;
}

// The text rules of a hold's or a disposal's record: its kind one this service keeps,
// its id given.
void CheckRecord(const std::string& type, const std::string& id, bool known, const std::string& kinds,
                 const std::string& prefix, Validation& v) {
  if (v.Check(!type.empty(), prefix + "record_type", "is required: one of " + kinds)) {
    v.Check(known, prefix + "record_type", absl::StrCat("'", type, "' is not a kind of record this service keeps: one of ", kinds));
  }
  if (v.Check(!id.empty(), prefix + "record_id", "is required")) {
    v.Check(id.size() <= kMaxName, prefix + "record_id", absl::StrCat("at most ", kMaxName, " characters"));
  }
}

void CheckText(const std::string& text, const std::string& field, Validation& v) {
  if (v.Check(!text.empty(), field, "is required")) {
    v.Check(text.size() <= kMaxText, field, absl::StrCat("at most ", kMaxText, " characters"));
  }
}

// A table the records service keeps (holds, tombstones), listed as its resources.
struct Listed {
  const char* table;
  const char* columns;
  const char* collection;  // its resource names' collection: "legalHolds"
};

// One of them, oldest first, paged, by a record's kind and id when given (a request
// with record_type, record_id, page_size, page_token); the question audited under the
// record asked about.
template <typename Request, typename Item>
absl::Status ListByRecord(Call& call, Database& db, const Request& request, const Listed& listed,
                          Item (*from_row)(const soci::row&), google::protobuf::RepeatedPtrField<Item>* items,
                          std::string* next_page_token) {
  Validation v;
  Page page =
      call.ParsePage(request.page_size(), request.page_token(), absl::StrCat(request.record_type(), "\n", request.record_id()), v);
  v.Check(request.record_type().size() <= kMaxName, "record_type", absl::StrCat("at most ", kMaxName, " characters"));
  v.Check(request.record_id().size() <= kMaxName, "record_id", absl::StrCat("at most ", kMaxName, " characters"));
  RETURN_IF_ERROR(v.Status());
  return db.Read([&](soci::session& sql) -> absl::Status {
    items->Clear();
    next_page_token->clear();
    KeysetQuery q(listed.table, listed.columns, page);
    const auto given = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); };
    q.Equal("record_type", given(request.record_type()));
    q.Equal("record_id", given(request.record_id()));
    q.ForEach(sql, [&](const soci::row& row) { *items->Add() = from_row(row); });
    if (items->size() == page.size) {
      Validation ignored;
      *next_page_token =
          PageTokenAfter(IdFromName(items->Get(page.size - 1).name(), listed.collection, "name", ignored), page.seal);
    }
    call.AuditRead(listed.table, request.record_id().empty() ? "-" : request.record_id());
    return absl::OkStatus();
  });
}

}  // namespace

RecordKind* RecordsServiceImpl::KindOf(const std::string& type) const {
  for (RecordKind* k : kinds_) {
    if (k->type() == type) return k;
  }
  return nullptr;
}

std::string RecordsServiceImpl::KindNames() const {
  std::vector<std::string> names;
  for (RecordKind* k : kinds_) names.push_back(k->type());
  return names.empty() ? "(this service keeps none under retention)" : absl::StrJoin(names, ", ");
}

void EraseContent(soci::session& tx, const std::vector<ContentTable>& content, const std::string& id) {
  for (const ContentTable& c : content) {
    tx << absl::StrCat("DELETE FROM ", c.table, " WHERE ", c.rows), soci::use(id, "id");
  }
}

std::map<std::string, Consumer::Handler> FollowDisposals(std::string upstream, std::vector<FollowedKind> kinds,
                                                         const Clock* clock) {
  return {{adoption::events::v1::RecordDisposed::descriptor()->full_name(),
           [upstream, kinds = std::move(kinds), clock](
               soci::session& tx, const adoption::events::v1::EventRecord& record) -> absl::Status {
             ASSIGN_OR_RETURN(auto e, UnpackEvent<adoption::events::v1::RecordDisposed>(record));
             auto kind = std::find_if(kinds.begin(), kinds.end(),
                                      [&](const FollowedKind& k) { return k.record_type == e.record_type(); });
             if (kind == kinds.end() || TombstoneOf(tx, e.record_type(), e.record_id())) return absl::OkStatus();
             Validation v;
             const Date retain_until = DateFromProto(e.retain_until(), "retain_until", v);
             RETURN_IF_ERROR(v.Status());
             // The tombstone first: what is erased may depend on which records are gone.
             WriteTombstone(tx, e.record_type(), e.record_id(),
                            absl::StrCat("Disposed of with ", upstream, "'s record (", e.disposal(), ")"),
                            {retain_until, e.basis()}, upstream, clock->NowMicros());
             kind->erase(tx, e.record_id());
             return absl::OkStatus();
           }}};
}

grpc::Status RecordsServiceImpl::ListDueRecords(grpc::ServerContext* ctx, const rpb::ListDueRecordsRequest* request,
                                                rpb::ListDueRecordsResponse* response) {
  return rpc_->Run(ctx, "ListDueRecords", [&](Call& call) -> absl::Status {
    Validation v;
    const std::string query = absl::StrCat(request->record_type(), "\n",
                                           request->has_due_date() ? request->due_date().ShortDebugString() : "");
    Page page = call.ParsePage(request->page_size(), request->page_token(), query, v);
    RecordKind* only = nullptr;
    if (!request->record_type().empty()) {
      only = KindOf(request->record_type());
      v.Check(only != nullptr, "record_type",
              absl::StrCat("'", request->record_type(), "' is not a kind of record this service keeps: one of ",
                           KindNames()));
    }
    const Date through = request->has_due_date() ? DateFromProto(request->due_date(), "due_date", v) : clock_->Today();
    // The list is reckoned afresh on each page (retention follows its anchors), so a
    // page resumes at a position in it, not after an id.
    long long offset = 0;
    if (!page.after_id.empty()) absl::SimpleAtoi(page.after_id, &offset);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();
      std::vector<std::pair<std::string, RetainedRecord>> due;
      for (RecordKind* kind : kinds_) {
        if (only && kind != only) continue;
        for (RetainedRecord& r : kind->Due(sql, through)) due.emplace_back(kind->type(), std::move(r));
      }
      std::sort(due.begin(), due.end(), [](const auto& a, const auto& b) {
        return std::tie(a.second.retention.retain_until, a.first, a.second.id) <
               std::tie(b.second.retention.retain_until, b.first, b.second.id);
      });
      std::set<std::pair<std::string, std::string>> held;
      for (const rpb::LegalHold& h : StandingHolds(sql, "", "")) held.emplace(h.record_type(), h.record_id());
      const long long end = std::min<long long>(due.size(), offset + page.size);
      for (long long i = offset; i < end; ++i) {
        const auto& [type, record] = due[i];
        rpb::DueRecord* d = response->add_due_records();
        d->set_record_type(type);
        d->set_record_id(record.id);
        *d->mutable_retain_until() = DateToProto(record.retention.retain_until);
        d->set_basis(record.retention.basis);
        d->set_legal_hold(held.count({type, record.id}) > 0);
      }
      if (end < static_cast<long long>(due.size())) {
        response->set_next_page_token(PageTokenAfter(absl::StrFormat("%026d", end), page.seal));
      }
      call.AuditRead("due_records", request->record_type().empty() ? "-" : request->record_type());
      return absl::OkStatus();
    });
  });
}

grpc::Status RecordsServiceImpl::PlaceLegalHold(grpc::ServerContext* ctx, const rpb::PlaceLegalHoldRequest* request,
                                                rpb::LegalHold* response) {
  return rpc_->Run(ctx, "PlaceLegalHold", [&](Call& call) -> absl::Status {
    const rpb::LegalHold& hold = request->legal_hold();
    Validation v;
    CheckRecord(hold.record_type(), hold.record_id(), KindOf(hold.record_type()) != nullptr, KindNames(),
                "legal_hold.", v);
    CheckText(hold.reason(), "legal_hold.reason", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      if (std::optional<rpb::Disposal> gone = TombstoneOf(tx, hold.record_type(), hold.record_id())) {
        return FailedPrecondition(
            absl::StrCat("the record was disposed of (", gone->name(), "): there is nothing left to hold"),
            {{"DISPOSED", absl::StrCat(hold.record_type(), "/", hold.record_id()), gone->name()}});
      }
      RecordKind* kind = KindOf(hold.record_type());
      absl::StatusOr<std::optional<Retention>> found = kind->Find(tx, hold.record_id());
      if (!found.ok()) return found.status();
      // A retry (the same matter on the same record) answers the hold it placed.
      for (const rpb::LegalHold& standing : StandingHolds(tx, hold.record_type(), hold.record_id())) {
        if (standing.reason() == hold.reason()) {
          *response = standing;
          call.Audit(tx, hold.record_type(), hold.record_id());
          return absl::OkStatus();
        }
      }
      const std::string id = NewId();
      const long long now = clock_->NowMicros();
      InsertRow(tx, "legal_holds",
                Row()
                    .Text("id", id)
                    .Text("record_type", hold.record_type())
                    .Text("record_id", hold.record_id())
                    .Text("reason", hold.reason())
                    .Text("placed_by", call.principal().subject)
                    .Int("placed_at", now));
      call.Audit(tx, hold.record_type(), hold.record_id());
      soci::rowset<soci::row> rows =
          (tx.prepare << absl::StrCat("SELECT ", kHoldColumns, " FROM legal_holds WHERE id = :id"), soci::use(id));
      for (const soci::row& row : rows) *response = HoldFromRow(row);
      return absl::OkStatus();
    });
  });
}

grpc::Status RecordsServiceImpl::ReleaseLegalHold(grpc::ServerContext* ctx,
                                                  const rpb::ReleaseLegalHoldRequest* request,
                                                  rpb::LegalHold* response) {
  return rpc_->Run(ctx, "ReleaseLegalHold", [&](Call& call) -> absl::Status {
    Validation v;
    const std::string id = IdFromName(request->name(), "legalHolds", "name", v);
    CheckText(request->reason(), "reason", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      soci::row row;
      if (!FindById(tx, "legal_holds", kHoldColumns, id, row)) return NotFound(request->name());
      rpb::LegalHold hold = HoldFromRow(row);
      if (!hold.released_by().empty()) {
        return FailedPrecondition(absl::StrCat(request->name(), " was released already, by ", hold.released_by()),
                                  {{"STATE", request->name(), "released"}});
      }
      const long long now = clock_->NowMicros();
      const std::string by = call.principal().subject, reason = request->reason();
      tx << "UPDATE legal_holds SET released_by = :by, released_at = :at, release_reason = :reason WHERE id = :id",
          soci::use(by), soci::use(now), soci::use(reason), soci::use(id);
      call.Audit(tx, hold.record_type(), hold.record_id());
      hold.set_released_by(by);
      *hold.mutable_release_time() = MicrosToTimestamp(now);
      hold.set_release_reason(reason);
      *response = std::move(hold);
      return absl::OkStatus();
    });
  });
}

grpc::Status RecordsServiceImpl::ListLegalHolds(grpc::ServerContext* ctx, const rpb::ListLegalHoldsRequest* request,
                                                rpb::ListLegalHoldsResponse* response) {
  return rpc_->Run(ctx, "ListLegalHolds", [&](Call& call) -> absl::Status {
    response->Clear();
    return ListByRecord(call, *db_, *request, {"legal_holds", kHoldColumns, "legalHolds"}, HoldFromRow,
                        response->mutable_legal_holds(), response->mutable_next_page_token());
  });
}

grpc::Status RecordsServiceImpl::DisposeOfRecord(grpc::ServerContext* ctx, const rpb::DisposeOfRecordRequest* request,
                                                 rpb::Disposal* response) {
  return rpc_->Run(ctx, "DisposeOfRecord", [&](Call& call) -> absl::Status {
    const rpb::Disposal& asked = request->disposal();
    Validation v;
    CheckRecord(asked.record_type(), asked.record_id(), KindOf(asked.record_type()) != nullptr, KindNames(),
                "disposal.", v);
    CheckText(asked.decision(), "disposal.decision", v);
    RETURN_IF_ERROR(v.Status());
    const std::string& type = asked.record_type();
    const std::string& record_id = asked.record_id();
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      // A retry answers the tombstone the first call left.
      if (std::optional<rpb::Disposal> gone = TombstoneOf(tx, type, record_id)) {
        *response = *std::move(gone);
        call.Audit(tx, type, record_id);
        return absl::OkStatus();
      }
      RecordKind* kind = KindOf(type);
      absl::StatusOr<std::optional<Retention>> found = kind->Find(tx, record_id);
      if (!found.ok()) return found.status();
      const bool held = !StandingHolds(tx, type, record_id).empty();
      const std::optional<Date> until =
          *found ? std::optional<Date>((*found)->retain_until) : std::optional<Date>();
      RETURN_IF_ERROR(MayDispose(until, held, clock_->Today()));
      EraseContent(tx, kind->Content(), record_id);
      *response = WriteTombstone(tx, type, record_id, asked.decision(), **found, call.principal().subject,
                                 clock_->NowMicros());
      call.Audit(tx, type, record_id);
      // The services holding something about the record follow (FollowDisposals).
      adoption::events::v1::RecordDisposed disposed;
      disposed.set_record_type(type);
      disposed.set_record_id(record_id);
      disposed.set_disposal(response->name());
      *disposed.mutable_retain_until() = response->retain_until();
      disposed.set_basis(response->basis());
      call.Emit(tx, type, record_id, disposed);
      return absl::OkStatus();
    });
  });
}

grpc::Status RecordsServiceImpl::ListDisposals(grpc::ServerContext* ctx, const rpb::ListDisposalsRequest* request,
                                               rpb::ListDisposalsResponse* response) {
  return rpc_->Run(ctx, "ListDisposals", [&](Call& call) -> absl::Status {
    response->Clear();
    return ListByRecord(call, *db_, *request, {"record_disposals", kDisposalColumns, "disposals"}, DisposalFromRow,
                        response->mutable_disposals(), response->mutable_next_page_token());
  });
}

grpc::Status RecordsServiceImpl::ExportDisclosure(grpc::ServerContext* ctx, const rpb::ExportDisclosureRequest* request,
                                                  rpb::Disclosure* response) {
  return rpc_->Run(ctx, "ExportDisclosure", [&](Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(DisclosureSubject subject, ParseDisclosureSubject(request->subject(), "subject"));
    // The export's audit entry is committed before the export is answered (Call::AuditRead).
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();
      response->set_subject(subject.name);
      response->set_source(service_);
      for (DisclosureSource* source : sources_) {
        for (rpb::DisclosureItem& item : source->About(sql, subject)) *response->add_items() = std::move(item);
      }
      // Oldest first, as a file is read.
      auto key = [](const rpb::DisclosureItem& i) {
        return std::make_tuple(i.create_time().seconds(), i.create_time().nanos(), i.record());
      };
      std::stable_sort(response->mutable_items()->begin(), response->mutable_items()->end(),
                       [&](const rpb::DisclosureItem& a, const rpb::DisclosureItem& b) { return key(a) < key(b); });
      *response->mutable_export_time() = MicrosToTimestamp(clock_->NowMicros());
      call.AuditRead(subject.child ? "child" : "household", subject.id);
      return absl::OkStatus();
    });
  });
}

}  // namespace platform
