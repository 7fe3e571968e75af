#include "platform/events/consumer_service.h"

#include <soci/soci.h>

#include <algorithm>
#include <optional>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "platform/core/errors.h"
#include "platform/core/status_macros.h"
#include "platform/db/db.h"
#include "platform/db/record.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/rpc.h"
#include "platform/server/log.h"

namespace platform {

namespace ev = adoption::events::v1;

namespace {

constexpr int kDefaultPage = 50, kMaxPage = 500;
constexpr char kColumns[] =
    "upstream, sequence, record, error, attempts, dead_lettered_at, state, resolved_at, resolved_by, reason";

// The name audit rows know a dead letter by: "recruitment/42".
std::string NameOf(const std::string& upstream, long long sequence) { return absl::StrCat(upstream, "/", sequence); }

std::optional<ev::DeadLetterState> StateOf(const std::string& text) {
  if (text == "waiting") return ev::DEAD_LETTER_STATE_WAITING;
  if (text == "replayed") return ev::DEAD_LETTER_STATE_REPLAYED;
  if (text == "skipped") return ev::DEAD_LETTER_STATE_SKIPPED;
  return std::nullopt;
}

ev::DeadLetter FromRow(const soci::row& row) {
  ev::DeadLetter d;
  StoredRow r(row, "consumer_dead_letters");
  d.set_upstream(r.Text("upstream"));
  d.set_sequence(r.Int("sequence"));
  std::string bytes;
  if (!absl::Base64Unescape(r.Text("record"), &bytes) || !d.mutable_event()->ParseFromString(bytes)) {
    throw CorruptRecord("consumer_dead_letters", "record", NameOf(d.upstream(), d.sequence()));
  }
  d.set_error(r.Text("error"));
  d.set_attempts(static_cast<int>(r.Int("attempts")));
  *d.mutable_dead_letter_time() = MicrosToTimestamp(r.Int("dead_lettered_at"));
  d.set_state(r.Enum("state", StateOf));
  if (row.get_indicator("resolved_at") == soci::i_ok) {
    *d.mutable_resolve_time() = MicrosToTimestamp(r.Int("resolved_at"));
  }
  d.set_resolved_by(r.OptionalText("resolved_by").value_or(""));
  d.set_reason(r.OptionalText("reason").value_or(""));
  return d;
}

// The dead letter (upstream, sequence), locked for the transaction on MySQL.
absl::StatusOr<ev::DeadLetter> Load(soci::session& tx, bool mysql, const std::string& upstream, long long sequence) {
  soci::row row;
  tx << absl::StrCat("SELECT ", kColumns, " FROM consumer_dead_letters WHERE upstream = :u AND sequence = :s",
                     mysql ? " FOR UPDATE" : ""),
      soci::use(upstream), soci::use(sequence), soci::into(row);
  if (!tx.got_data()) return NotFound(absl::StrCat("deadLetters/", upstream, "/", sequence));
  return FromRow(row);
}

// FAILED_PRECONDITION unless `d` is waiting.
absl::Status MustBeWaiting(const ev::DeadLetter& d) {
  if (d.state() == ev::DEAD_LETTER_STATE_WAITING) return absl::OkStatus();
  return FailedPrecondition(
      absl::StrCat("dead letter ", d.upstream(), " ", d.sequence(), " was already ",
                   d.state() == ev::DEAD_LETTER_STATE_REPLAYED ? "replayed" : "skipped"),
      {{"STATE", absl::StrCat(d.upstream(), "/", d.sequence()), "must be waiting"}});
}

void Resolve(soci::session& tx, const std::string& upstream, long long sequence, const std::string& state,
             const std::string& by, const std::string& reason) {
  long long now = NowMicros();
  soci::indicator reason_ind = reason.empty() ? soci::i_null : soci::i_ok;
  tx << "UPDATE consumer_dead_letters SET state = :st, resolved_at = :t, resolved_by = :b, reason = :r "
        "WHERE upstream = :u AND sequence = :s",
      soci::use(state), soci::use(now), soci::use(by), soci::use(reason, reason_ind), soci::use(upstream),
      soci::use(sequence);
}

}  // namespace

EventConsumerServiceImpl::EventConsumerServiceImpl(RpcRunner* rpc, Database* db,
                                             const std::vector<std::unique_ptr<Consumer>>* consumers)
    : rpc_(rpc), db_(db), consumers_(consumers) {}

Consumer* EventConsumerServiceImpl::ConsumerOf(const std::string& upstream) const {
  for (const auto& c : *consumers_) {
    if (c->upstream() == upstream) return c.get();
  }
  return nullptr;
}

absl::StatusOr<ev::EventConsumer> EventConsumerServiceImpl::Describe(soci::session& sql,
                                                                    const std::string& upstream) const {
  ev::EventConsumer c;
  c.set_upstream(upstream);
  long long sequence = 0, updated = 0, waiting = 0;
  std::string event_id;
  soci::indicator seq_ind, id_ind, updated_ind;
  sql << "SELECT sequence, event_id, updated_at FROM consumer_cursors WHERE upstream = :u", soci::use(upstream),
      soci::into(sequence, seq_ind), soci::into(event_id, id_ind), soci::into(updated, updated_ind);
  if (sql.got_data()) {
    c.set_cursor(sequence);
    if (id_ind == soci::i_ok) c.set_cursor_event_id(event_id);
    *c.mutable_update_time() = MicrosToTimestamp(updated);
  }
  sql << "SELECT COUNT(*) FROM consumer_dead_letters WHERE upstream = :u AND state = 'waiting'", soci::use(upstream),
      soci::into(waiting);
  c.set_dead_letters_waiting(static_cast<int>(waiting));
  return c;
}

grpc::Status EventConsumerServiceImpl::ListEventConsumers(grpc::ServerContext* ctx,
                                                          const ev::ListEventConsumersRequest* request,
                                                          ev::ListEventConsumersResponse* response) {
  return rpc_->Run(ctx, "ListEventConsumers", [&](Call&) -> absl::Status {
    std::vector<std::string> upstreams;
    for (const auto& c : *consumers_) upstreams.push_back(c->upstream());
    std::sort(upstreams.begin(), upstreams.end());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();
      for (const std::string& upstream : upstreams) {
        ASSIGN_OR_RETURN(*response->add_event_consumers(), Describe(sql, upstream));
      }
      return absl::OkStatus();
    });
  });
}

grpc::Status EventConsumerServiceImpl::RebaselineEventConsumer(grpc::ServerContext* ctx,
                                                               const ev::RebaselineEventConsumerRequest* request,
                                                               ev::EventConsumer* response) {
  return rpc_->Run(ctx, "RebaselineEventConsumer", [&](Call& call) -> absl::Status {
    Validation v;
    v.Check(!request->upstream().empty(), "upstream", "is required");
    v.Check(request->after_sequence() >= 0, "after_sequence", "must be 0 or more");
    v.Check(!request->reason().empty(), "reason", "is required: why the consumer goes on from there");
    v.Check(request->reason().size() <= 2000, "reason", "must be at most 2000 bytes");
    RETURN_IF_ERROR(v.Status());
    if (!ConsumerOf(request->upstream())) {
      return NotFound(absl::StrCat("eventConsumers/", request->upstream()));
    }
    const bool mysql = db_->dialect() == Dialect::kMysql;
    const std::string upstream = request->upstream();
    const long long to = request->after_sequence();
    long long from = 0;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      soci::indicator ind;
      tx << (mysql ? "SELECT sequence FROM consumer_cursors WHERE upstream = :u FOR UPDATE"
                   : "SELECT sequence FROM consumer_cursors WHERE upstream = :u"),
          soci::use(upstream), soci::into(from, ind);
      const bool exists = tx.got_data();
      long long now = NowMicros();
      // No event id: the first event read after it is taken as the log's own.
      if (exists) {
        tx << "UPDATE consumer_cursors SET sequence = :s, event_id = NULL, updated_at = :t WHERE upstream = :u",
            soci::use(to), soci::use(now), soci::use(upstream);
      } else {
        from = 0;
        tx << "INSERT INTO consumer_cursors (upstream, sequence, event_id, updated_at) VALUES (:u, :s, NULL, :t)",
            soci::use(upstream), soci::use(to), soci::use(now);
      }
      if (to < from) {
        // The log as it now is reuses the sequences after `to`: the inbox rows and dead
        // letters the old log left there move aside (kept), so its events can be applied.
        static constexpr const char* kDeadLetterColumns =
            "upstream, sequence, event_id, type, record, error, attempts, dead_lettered_at, state, resolved_at, "
            "resolved_by, reason";
        tx << "INSERT INTO consumer_inbox_superseded (upstream, sequence, event_id, type, applied_at, superseded_at) "
              "SELECT upstream, sequence, event_id, type, applied_at, :t FROM consumer_inbox "
              "WHERE upstream = :u AND sequence > :s",
            soci::use(now), soci::use(upstream), soci::use(to);
        tx << "DELETE FROM consumer_inbox WHERE upstream = :u AND sequence > :s", soci::use(upstream), soci::use(to);
        tx << absl::StrCat("INSERT INTO consumer_dead_letters_superseded (", kDeadLetterColumns, ", superseded_at) ",
                           "SELECT ", kDeadLetterColumns, ", :t FROM consumer_dead_letters ",
                           "WHERE upstream = :u AND sequence > :s"),
            soci::use(now), soci::use(upstream), soci::use(to);
        tx << "DELETE FROM consumer_dead_letters WHERE upstream = :u AND sequence > :s", soci::use(upstream),
            soci::use(to);
      }
      std::string reason = request->reason(), by = call.principal().subject;
      tx << "INSERT INTO consumer_rebaselines (upstream, from_sequence, to_sequence, reason, rebaselined_by, "
            "rebaselined_at) VALUES (:u, :f, :t, :r, :b, :a)",
          soci::use(upstream), soci::use(from), soci::use(to), soci::use(reason), soci::use(by), soci::use(now);
      call.Audit(tx, "event_consumer", upstream);
      ASSIGN_OR_RETURN(*response, Describe(tx, upstream));
      return absl::OkStatus();
    }));
    log::Warn("event_consumer_rebaselined",
              {{"upstream", upstream}, {"from", absl::StrCat(from)}, {"to", absl::StrCat(to)}});
    return absl::OkStatus();
  });
}

grpc::Status EventConsumerServiceImpl::ListDeadLetters(grpc::ServerContext* ctx,
                                                       const ev::ListDeadLettersRequest* request,
                                                       ev::ListDeadLettersResponse* response) {
  return rpc_->Run(ctx, "ListDeadLetters", [&](Call& call) -> absl::Status {
    Validation v;
    v.Check(request->page_size() >= 0 && request->page_size() <= kMaxPage, "page_size",
            absl::StrCat("must be 0 (", kDefaultPage, ") to ", kMaxPage));
    // The token is where the previous page ended, "upstream/sequence" in web-safe base64:
    // a manager may see every dead letter, so it needs no seal, only to be well formed.
    std::string after_upstream, position;
    long long after_sequence = -1;
    if (!request->page_token().empty()) {
      const size_t slash = absl::WebSafeBase64Unescape(request->page_token(), &position) ? position.rfind('/')
                                                                                        : std::string::npos;
      if (slash == std::string::npos || !absl::SimpleAtoi(position.substr(slash + 1), &after_sequence)) {
        v.Add("page_token", "is not a token from a previous response");
      }
      after_upstream = position.substr(0, slash == std::string::npos ? 0 : slash);
    }
    RETURN_IF_ERROR(v.Status());
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      response->Clear();
      const std::string upstream = request->upstream();
      const int limit = request->page_size() ? request->page_size() : kDefaultPage,
                all = request->include_resolved() ? 1 : 0;
      soci::rowset<soci::row> rows =
          (tx.prepare << absl::StrCat("SELECT ", kColumns, " FROM consumer_dead_letters WHERE ",
                                      "(:u1 = '' OR upstream = :u2) AND (:all = 1 OR state = 'waiting') AND ",
                                      "(upstream > :au1 OR (upstream = :au2 AND sequence > :aseq)) ",
                                      "ORDER BY upstream, sequence LIMIT :n"),
           soci::use(upstream), soci::use(upstream), soci::use(all), soci::use(after_upstream),
           soci::use(after_upstream), soci::use(after_sequence), soci::use(limit));
      for (const soci::row& row : rows) *response->add_dead_letters() = FromRow(row);
      // The events hold personal data: the read is audited, one row per dead letter.
      for (const auto& d : response->dead_letters()) {
        call.Audit(tx, "dead_letter", NameOf(d.upstream(), d.sequence()));
      }
      if (response->dead_letters_size() == limit) {
        const auto& last = response->dead_letters(limit - 1);
        response->set_next_page_token(absl::WebSafeBase64Escape(absl::StrCat(last.upstream(), "/", last.sequence())));
      }
      return absl::OkStatus();
    });
  });
}

grpc::Status EventConsumerServiceImpl::ReplayDeadLetter(grpc::ServerContext* ctx,
                                                     const ev::ReplayDeadLetterRequest* request,
                                                     ev::DeadLetter* response) {
  return rpc_->Run(ctx, "ReplayDeadLetter", [&](Call& call) -> absl::Status {
    Validation v;
    v.Check(!request->upstream().empty(), "upstream", "is required");
    v.Check(request->sequence() > 0, "sequence", "must be 1 or more");
    RETURN_IF_ERROR(v.Status());
    Consumer* consumer = ConsumerOf(request->upstream());
    if (!consumer) return NotFound(absl::StrCat("deadLetters/", request->upstream(), "/", request->sequence()));
    const bool mysql = db_->dialect() == Dialect::kMysql;
    // An event the upstream sent without its payload (it could not read its row back)
    // is read again from the upstream, outside the transaction: once the row is
    // repaired, the replay applies the event whole and keeps it with the dead letter.
    std::optional<ev::EventRecord> refetched;
    {
      std::optional<ev::DeadLetter> stored;
      RETURN_IF_ERROR(db_->Read([&](soci::session& sql) -> absl::Status {
        ASSIGN_OR_RETURN(stored, Load(sql, /*mysql=*/false, request->upstream(), request->sequence()));
        return absl::OkStatus();
      }));
      if (stored->state() == ev::DEAD_LETTER_STATE_WAITING && stored->event().payload_unreadable()) {
        ASSIGN_OR_RETURN(refetched, consumer->Refetch(stored->event()));
      }
    }
    absl::Status failed;  // the handler's failure, which rolls the replay back
    absl::Status s = db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(ev::DeadLetter d, Load(tx, mysql, request->upstream(), request->sequence()));
      RETURN_IF_ERROR(MustBeWaiting(d));
      failed = consumer->ApplyDeadLetter(tx, refetched ? *refetched : d.event());
      if (!failed.ok()) return failed;
      if (refetched && !refetched->payload_unreadable()) {
        const std::string record = absl::Base64Escape(refetched->SerializeAsString()), upstream = d.upstream();
        const long long sequence = d.sequence();
        tx << "UPDATE consumer_dead_letters SET record = :r WHERE upstream = :u AND sequence = :s", soci::use(record),
            soci::use(upstream), soci::use(sequence);
      }
      Resolve(tx, d.upstream(), d.sequence(), "replayed", call.principal().subject, "");
      call.Audit(tx, "dead_letter", NameOf(d.upstream(), d.sequence()));
      ASSIGN_OR_RETURN(*response, Load(tx, mysql, d.upstream(), d.sequence()));
      return absl::OkStatus();
    });
    if (!failed.ok()) {
      if (IsTransient(failed)) return failed;
      // Still failing: kept waiting, with this try counted and its error.
      const std::string error = failed.ToString(), upstream = request->upstream();
      const long long sequence = request->sequence();
      RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) {
        tx << "UPDATE consumer_dead_letters SET attempts = attempts + 1, error = :e "
              "WHERE upstream = :u AND sequence = :s AND state = 'waiting'",
            soci::use(error), soci::use(upstream), soci::use(sequence);
        return absl::OkStatus();
      }));
      return FailedPrecondition(absl::StrCat("the event still fails to apply: ", failed.message()),
                                {{"HANDLER", absl::StrCat(request->upstream(), "/", request->sequence()),
                                  std::string(failed.message())}});
    }
    RETURN_IF_ERROR(s);
    log::Info("dead_letter_replayed", {{"upstream", request->upstream()},
                                       {"sequence", absl::StrCat(request->sequence())}});
    consumer->CountDeadLetters();
    return absl::OkStatus();
  });
}

grpc::Status EventConsumerServiceImpl::SkipDeadLetter(grpc::ServerContext* ctx,
                                                      const ev::SkipDeadLetterRequest* request,
                                                      ev::DeadLetter* response) {
  return rpc_->Run(ctx, "SkipDeadLetter", [&](Call& call) -> absl::Status {
    Validation v;
    v.Check(!request->upstream().empty(), "upstream", "is required");
    v.Check(request->sequence() > 0, "sequence", "must be 1 or more");
    v.Check(!request->reason().empty(), "reason", "is required: why the event is not applied");
    v.Check(request->reason().size() <= 2000, "reason", "must be at most 2000 bytes");
    RETURN_IF_ERROR(v.Status());
    Consumer* consumer = ConsumerOf(request->upstream());
    if (!consumer) return NotFound(absl::StrCat("deadLetters/", request->upstream(), "/", request->sequence()));
    const bool mysql = db_->dialect() == Dialect::kMysql;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(ev::DeadLetter d, Load(tx, mysql, request->upstream(), request->sequence()));
      RETURN_IF_ERROR(MustBeWaiting(d));
      Resolve(tx, d.upstream(), d.sequence(), "skipped", call.principal().subject, request->reason());
      call.Audit(tx, "dead_letter", NameOf(d.upstream(), d.sequence()));
      ASSIGN_OR_RETURN(*response, Load(tx, mysql, d.upstream(), d.sequence()));
      return absl::OkStatus();
    }));
    // The reason is free text: kept with the dead letter, not logged.
    log::Warn("dead_letter_skipped", {{"upstream", request->upstream()},
                                      {"sequence", absl::StrCat(request->sequence())}});
    consumer->CountDeadLetters();
    return absl::OkStatus();
  });
}

}  // namespace platform
