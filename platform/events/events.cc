#include "platform/events/events.h"

#include "adoption/events/v1/events.pb.h"

#include <grpcpp/grpcpp.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <soci/soci.h>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "platform/db/db.h"
#include "platform/core/errors.h"
#include "platform/core/ids.h"
#include "platform/server/log.h"
#include "platform/db/record.h"
#include "platform/rpc/rpc.h"
#include "platform/core/status_macros.h"

namespace platform {

namespace ev = adoption::events::v1;

void AppendToOutbox(soci::session& tx, absl::string_view aggregate_type, absl::string_view aggregate_id,
                    const google::protobuf::Message& event, absl::string_view request_id) {
  std::string id = NewId(), agg_type(aggregate_type), agg_id(aggregate_id), type = event.GetTypeName(),
              rid(request_id);
  // JSON, as Debezium's outbox router and an operator reading the table expect.
  std::string payload;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  if (!google::protobuf::util::MessageToJsonString(event, &payload, options).ok()) {
    throw std::runtime_error("event cannot be written as JSON: " + type);
  }
  long long now = NowMicros();
  tx << "INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, request_id, recorded_at) "
        "VALUES (:id, :at, :ai, :ty, :p, :r, :t)",
      soci::use(id), soci::use(agg_type), soci::use(agg_id), soci::use(type), soci::use(payload), soci::use(rid),
      soci::use(now);
}

// --- Sequencer -----------------------------------------------------------------

Sequencer::Sequencer(Database* db, prometheus::Registry* registry) : db_(db) {
  if (registry) {
    head_gauge_ = &prometheus::BuildGauge().Name("event_log_head_sequence")
                       .Help("Highest sequence number in this service's event log.").Register(*registry).Add({});
    backlog_gauge_ = &prometheus::BuildGauge().Name("event_outbox_unsequenced_rows")
                          .Help("Committed outbox rows not yet given a sequence number.").Register(*registry).Add({});
    oldest_age_gauge_ = &prometheus::BuildGauge().Name("event_outbox_oldest_unsequenced_age_seconds")
                             .Help("Age of the oldest outbox row without a sequence number.")
                             .Register(*registry).Add({});
  }
}

Sequencer::~Sequencer() { Stop(); }

void Sequencer::Start() {
  (void)SequenceOnce();  // the head is known before the first reader arrives
  thread_ = std::thread([this] { Loop(); });
}

void Sequencer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  advanced_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Sequencer::Notify() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending_ = true;
  }
  wake_.notify_one();
}

void Sequencer::Loop() {
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      // Also poll: another replica of this service may have written the rows.
      wake_.wait_for(lock, std::chrono::milliseconds(250), [&] { return pending_ || stopping_; });
      if (stopping_) return;
      pending_ = false;
    }
    auto n = SequenceOnce();
    if (!n.ok()) {
      log::Warn("sequencer_failed", {{"error", std::string(n.status().message())}});
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    } else if (*n > 0) {
      Notify();  // there may be more than one batch
    }
  }
}

namespace {
constexpr size_t kNumberedPerStatement = 100;
}  // namespace

absl::StatusOr<int> Sequencer::SequenceOnce() {
  int numbered = 0;
  long long last = 0, backlog = 0, oldest = 0;
  const bool mysql = db_->dialect() == Dialect::kMysql;
  absl::Status s = db_->Transaction([&](soci::session& tx) -> absl::Status {
    numbered = 0;
    // The lock row: one sequencer at a time across replicas (SQLite's IMMEDIATE
    // transaction already holds the write lock).
    tx << (mysql ? "SELECT last_sequence FROM event_sequencer WHERE id = 1 FOR UPDATE"
                 : "SELECT last_sequence FROM event_sequencer WHERE id = 1"),
        soci::into(last);
    std::vector<long long> pks(500);
    tx << "SELECT outbox_pk FROM outbox WHERE sequence IS NULL ORDER BY outbox_pk LIMIT 500", soci::into(pks);
    // Numbered in pk order, up to kNumberedPerStatement rows a statement: a statement a row
    // fell behind a busy service's creates, holding the lock row all the while
    // (docs/operations.md, "The hot path"). The numbers are ours, written as literals.
    for (size_t first = 0; first < pks.size(); first += kNumberedPerStatement) {
      const size_t end = std::min(pks.size(), first + kNumberedPerStatement);
      std::string cases, keys;
      for (size_t i = first; i < end; ++i) {
        absl::StrAppend(&cases, " WHEN ", pks[i], " THEN ", ++last);
        absl::StrAppend(&keys, i == first ? "" : ", ", pks[i]);
        ++numbered;
      }
      tx << absl::StrCat("UPDATE outbox SET sequence = CASE outbox_pk", cases, " END WHERE outbox_pk IN (", keys, ")");
    }
    if (numbered) tx << "UPDATE event_sequencer SET last_sequence = :s WHERE id = 1", soci::use(last);
    soci::indicator ind;
    tx << "SELECT COUNT(*), MIN(recorded_at) FROM outbox WHERE sequence IS NULL", soci::into(backlog),
        soci::into(oldest, ind);
    if (ind != soci::i_ok) oldest = 0;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  {
    std::lock_guard<std::mutex> lock(mu_);
    head_ = last;
  }
  advanced_.notify_all();
  if (head_gauge_) {
    head_gauge_->Set(static_cast<double>(last));
    backlog_gauge_->Set(static_cast<double>(backlog));
    oldest_age_gauge_->Set(oldest ? (NowMicros() - oldest) / 1e6 : 0.0);
  }
  return numbered;
}

long long Sequencer::WaitForHead(long long after, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  advanced_.wait_for(lock, timeout, [&] { return head_.load() > after || stopping_; });
  return head_.load();
}

// --- Reading the log -------------------------------------------------------------

namespace {
// The stored JSON back into the event's binary form, for the Any in EventRecord.
absl::Status JsonToBytes(const std::string& type, const std::string& json, std::string* bytes) {
  // Referencing one event links events.pb.o, which registers every event type.
  (void)adoption::events::v1::HouseholdRegistered::descriptor();
  const auto* descriptor = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(type);
  if (!descriptor) return absl::InternalError(absl::StrCat("unknown event type ", type));
  std::unique_ptr<google::protobuf::Message> message(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(descriptor)->New());
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;  // rows written by a newer version of the producer
  if (!google::protobuf::util::JsonStringToMessage(json, message.get(), options).ok()) {
    return absl::InternalError(absl::StrCat("event payload is not valid JSON for ", type));
  }
  *bytes = message->SerializeAsString();
  return absl::OkStatus();
}
}  // namespace

absl::Status ReadLog(soci::session& sql, long long after, int limit, const std::set<std::string>& types,
                     ev::ReadEventsResponse* out, int* unreadable) {
  // The head first, and only events up to it: the sequencer numbers rows and moves the
  // head in one transaction, so every event up to this head is there to be read, and
  // "read through the head" is true of what the query returns.
  long long head = 0;
  soci::indicator head_ind;
  sql << "SELECT last_sequence FROM event_sequencer WHERE id = 1", soci::into(head, head_ind);
  if (!sql.got_data() || head_ind != soci::i_ok) head = 0;
  out->set_head_sequence(head);
  // Bound parameters only: the type list becomes :t0, :t1, ...
  std::string query =
      "SELECT sequence, id, aggregatetype, aggregateid, type, payload, request_id, recorded_at FROM outbox "
      "WHERE sequence > :after AND sequence <= :head";
  std::vector<std::string> type_list(types.begin(), types.end());
  if (!type_list.empty()) {
    query += " AND type IN (";
    for (size_t i = 0; i < type_list.size(); ++i) absl::StrAppend(&query, i ? ", " : "", ":t", i);
    query += ")";
  }
  absl::StrAppend(&query, " ORDER BY sequence LIMIT ", limit);
  soci::row row;
  soci::statement st(sql);
  st.exchange(soci::into(row));
  st.exchange(soci::use(after));
  st.exchange(soci::use(head));
  for (auto& t : type_list) st.exchange(soci::use(t));
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    auto* e = out->add_events();
    e->set_sequence(row.get<long long>(0));
    e->set_event_id(row.get<std::string>(1));
    e->set_aggregate_type(row.get<std::string>(2));
    e->set_aggregate_id(row.get<std::string>(3));
    e->set_event_type(row.get<std::string>(4));
    e->mutable_payload()->set_type_url(absl::StrCat("type.googleapis.com/", e->event_type()));
    absl::Status payload = JsonToBytes(e->event_type(), row.get<std::string>(5), e->mutable_payload()->mutable_value());
    if (!payload.ok()) {
      e->clear_payload();
      e->set_payload_unreadable(true);
      if (unreadable) ++*unreadable;
      log::Error("event_payload_unreadable", {{"sequence", absl::StrCat(e->sequence())},
                                              {"type", e->event_type()},
                                              {"error", std::string(payload.message())}});
    }
    e->set_request_id(row.get<std::string>(6));
    *e->mutable_record_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(row.get<long long>(7));
  }
  // A full page was read as far as its last event; a shorter one, to the head.
  const bool full = out->events_size() == limit;
  const long long through = full ? out->events(out->events_size() - 1).sequence() : std::max(after, head);
  out->set_read_through_sequence(through);
  // The ids at `after` and at `through`, whatever their type: a consumer keeps the one
  // with its cursor and checks the other is the event it kept (a restored log is not).
  auto id_at = [&](long long sequence) {
    std::string id;
    soci::indicator ind;
    sql << "SELECT id FROM outbox WHERE sequence = :s", soci::use(sequence), soci::into(id, ind);
    return sql.got_data() && ind == soci::i_ok ? id : std::string();
  };
  if (after > 0) out->set_after_event_id(id_at(after));
  if (full) {
    out->set_read_through_event_id(out->events(out->events_size() - 1).event_id());
  } else if (through > 0) {
    out->set_read_through_event_id(through == after ? out->after_event_id() : id_at(through));
  }
  return absl::OkStatus();
}

EventLogServiceImpl::EventLogServiceImpl(RpcRunner* rpc, Database* db, Sequencer* sequencer,
                                         EventVisibility visibility, prometheus::Registry* registry,
                                         int max_waiting_reads)
    : rpc_(rpc), db_(db), sequencer_(sequencer), visibility_(std::move(visibility)),
      max_waiting_(max_waiting_reads) {
  if (registry) {
    waiting_gauge_ = &prometheus::BuildGauge().Name("event_log_waiting_reads")
                          .Help("Reads of this service's event log waiting for an event (long polls).")
                          .Register(*registry).Add({});
    not_waited_ = &prometheus::BuildCounter().Name("event_log_reads_not_waited_total")
                       .Help("Reads that asked to wait but were answered at once: --event-log-waiting-reads "
                             "were waiting already.")
                       .Register(*registry).Add({});
    unreadable_ = &prometheus::BuildCounter().Name("event_log_unreadable_payloads_total")
                       .Help("Events sent without their payload, which could not be read back from the outbox.")
                       .Register(*registry).Add({});
  }
}

grpc::Status EventLogServiceImpl::ReadEvents(grpc::ServerContext* ctx, const ev::ReadEventsRequest* request,
                                             ev::ReadEventsResponse* response) {
  return rpc_->Run(ctx, "ReadEvents", [&](Call& call) -> absl::Status {
    Validation v;
    v.Check(request->after_sequence() >= 0, "after_sequence", "must be 0 or more");
    v.Check(request->max_events() >= 0 && request->max_events() <= 1000, "max_events", "must be 0..1000");
    v.Check(request->wait().seconds() >= 0 && request->wait().seconds() <= 30 && request->wait().nanos() >= 0,
            "wait", "must be between 0 and 30 seconds");
    RETURN_IF_ERROR(v.Status());

    // The types this calling service may see, narrowed to those it asked for.
    auto it = visibility_.find(call.principal().subject);
    if (it == visibility_.end()) return PermissionDenied("this service may not read this event log");
    std::set<std::string> types = it->second;
    if (request->event_types_size() > 0) {
      std::set<std::string> both;
      for (const auto& t : request->event_types()) {
        if (types.count(t)) both.insert(t);
      }
      if (both.empty()) return PermissionDenied("none of the requested event types may be read");
      types = both;
    }
    const int limit = request->max_events() ? request->max_events() : 100;
    const auto wait = std::chrono::milliseconds(request->wait().seconds() * 1000 + request->wait().nanos() / 1000000);
    const auto deadline = std::chrono::steady_clock::now() + wait;
    // The waiting slot this read holds, from its first wait to its answer.
    bool holds_slot = false;
    auto release = absl::MakeCleanup([&] {
      if (!holds_slot) return;
      --waiting_;
      if (waiting_gauge_) waiting_gauge_->Set(waiting_.load());
    });
    while (true) {
      response->Clear();
      int unreadable = 0;
      RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
        unreadable = 0;
        return ReadLog(sql, request->after_sequence(), limit, types, response, &unreadable);
      }));
      if (unreadable && unreadable_) unreadable_->Increment(unreadable);
      auto now = std::chrono::steady_clock::now();
      if (response->events_size() > 0 || now >= deadline || ctx->IsCancelled() || sequencer_->stopping()) break;
      if (!holds_slot) {
        int before = waiting_++;
        if (before >= max_waiting_) {
          --waiting_;
          if (not_waited_) not_waited_->Increment();
          break;
        }
        holds_slot = true;
        if (waiting_gauge_) waiting_gauge_->Set(waiting_.load());
      }
      // Long poll: wait for the head to move past what we have seen.
      sequencer_->WaitForHead(std::max<long long>(response->head_sequence(), request->after_sequence()),
                              std::min(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now),
                                       std::chrono::milliseconds(1000)));
    }
    return absl::OkStatus();
  });
}

// --- Consumer --------------------------------------------------------------------

Consumer::Consumer(Database* db, prometheus::Registry* registry, Options options)
    : db_(db), options_(std::move(options)) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
  stub_ = ev::EventLogService::NewStub(
      (options_.transport ? options_.transport : Transport::Plaintext())->Channel(options_.target, args));
  if (registry) {
    lag_gauge_ = &prometheus::BuildGauge().Name("event_consumer_lag")
                      .Help("Upstream head sequence minus this consumer's cursor.").Register(*registry)
                      .Add({{"upstream", options_.upstream}});
    cursor_gauge_ = &prometheus::BuildGauge().Name("event_consumer_cursor")
                         .Help("Last upstream sequence applied by this consumer.").Register(*registry)
                         .Add({{"upstream", options_.upstream}});
    blocked_gauge_ = &prometheus::BuildGauge().Name("event_consumer_blocked_sequence")
                          .Help("The upstream sequence this consumer failed to apply (0 when not blocked).")
                          .Register(*registry).Add({{"upstream", options_.upstream}});
    auto& failures = prometheus::BuildCounter().Name("event_consumer_failures_total")
                         .Help("Failed polls of this consumer: reading the upstream's log, or applying an event.")
                         .Register(*registry);
    read_failures_ = &failures.Add({{"upstream", options_.upstream}, {"stage", "read"}});
    apply_failures_ = &failures.Add({{"upstream", options_.upstream}, {"stage", "apply"}});
    dead_lettered_ = &prometheus::BuildCounter().Name("event_consumer_dead_lettered_total")
                          .Help("Events this consumer set aside after they kept failing to apply.")
                          .Register(*registry).Add({{"upstream", options_.upstream}});
    dead_letters_waiting_ = &prometheus::BuildGauge().Name("event_consumer_dead_letters_waiting")
                                 .Help("Dead letters from this upstream neither replayed nor skipped.")
                                 .Register(*registry).Add({{"upstream", options_.upstream}});
    diverged_gauge_ = &prometheus::BuildGauge().Name("event_consumer_upstream_diverged")
                           .Help("1 while the upstream's log went back behind this consumer (restored or reset).")
                           .Register(*registry).Add({{"upstream", options_.upstream}});
  }
}

Consumer::~Consumer() { Stop(); }

void Consumer::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void Consumer::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

long long Consumer::cursor() { return ReadPosition().sequence; }

Consumer::Position Consumer::ReadPosition() {
  Position p;
  (void)db_->Read([&](soci::session& sql) {
    soci::indicator seq_ind, id_ind;
    sql << "SELECT sequence, event_id FROM consumer_cursors WHERE upstream = :u", soci::use(options_.upstream),
        soci::into(p.sequence, seq_ind), soci::into(p.event_id, id_ind);
    if (!sql.got_data()) p.sequence = 0;
    if (!sql.got_data() || id_ind != soci::i_ok) p.event_id.clear();
    return absl::OkStatus();
  });
  return p;
}

void Consumer::Loop() {
  int failures = 0;
  while (!stopping_) {
    // Replicas and operators change dead letters too: recount now and then.
    if (std::chrono::steady_clock::now() - dead_letters_counted_ > std::chrono::seconds(15)) {
      dead_letters_counted_ = std::chrono::steady_clock::now();
      CountDeadLetters();
    }
    const auto polled = std::chrono::steady_clock::now();
    auto n = PollOnce();
    // Nothing, and at once: the upstream did not wait (too many reads waiting there).
    // Pause rather than ask again at once.
    if (n.ok() && *n == 0 && options_.wait >= std::chrono::milliseconds(100) &&
        std::chrono::steady_clock::now() - polled < std::chrono::milliseconds(50)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    if (!n.ok()) {
      // Not caught up while it cannot read (its upstream away) or apply: the service's
      // other consumers' failing events may be waiting for what it has not read.
      caught_up_read_began_ = -1;
      ++failures;
      if (failures == 1 || failures % 30 == 0) {
        log::Warn("consumer_poll_failed", {{"upstream", options_.upstream},
                                           {"error", std::string(n.status().message())}});
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(2000, 100 * failures)));
    } else {
      failures = 0;
    }
  }
}

void Consumer::Prepare(grpc::ClientContext& ctx) const {
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (std::string token = options_.token ? options_.token() : ""; !token.empty()) {
    ctx.AddMetadata("authorization", absl::StrCat("Bearer ", token));
  }
}

absl::StatusOr<ev::EventRecord> Consumer::Refetch(const ev::EventRecord& record) {
  ev::ReadEventsRequest request;
  request.set_after_sequence(record.sequence() - 1);
  request.set_max_events(1);
  request.add_event_types(record.event_type());
  grpc::ClientContext ctx;
  Prepare(ctx);
  ev::ReadEventsResponse response;
  grpc::Status status = stub_->ReadEvents(&ctx, request, &response);
  if (!status.ok()) {
    return absl::UnavailableError(absl::StrCat(options_.upstream, " event log: ", status.error_message()));
  }
  if (response.events_size() == 0 || response.events(0).sequence() != record.sequence() ||
      response.events(0).event_id() != record.event_id()) {
    return absl::FailedPreconditionError(absl::StrCat(options_.upstream, "'s event log no longer holds event ",
                                                      record.event_id(), " at ", record.sequence()));
  }
  return response.events(0);
}

absl::StatusOr<int> Consumer::PollOnce() {
  const auto began = std::chrono::steady_clock::now();
  const Position at = ReadPosition();
  ev::ReadEventsRequest request;
  request.set_after_sequence(at.sequence);
  request.set_max_events(options_.batch);
  // Short waits so Stop() is prompt.
  const long long wait_ms = std::min<long long>(options_.wait.count(), 1000);
  request.mutable_wait()->set_seconds(wait_ms / 1000);
  request.mutable_wait()->set_nanos(static_cast<int>(wait_ms % 1000) * 1000000);
  for (const auto& [type, handler] : options_.handlers) request.add_event_types(type);
  grpc::ClientContext ctx;
  Prepare(ctx);
  ev::ReadEventsResponse response;
  grpc::Status status = stub_->ReadEvents(&ctx, request, &response);
  if (!status.ok()) {
    if (read_failures_) read_failures_->Increment();
    return absl::UnavailableError(absl::StrCat(options_.upstream, " event log: ", status.error_message()));
  }
  // The log must still be the one read so far. A head behind the cursor, or another
  // event where the cursor stands, means it was restored from an older backup or reset:
  // going on would skip the new events that reuse those sequences. Stop until an
  // operator re-baselines (docs/operations.md, "Event logs").
  const bool behind = response.head_sequence() < at.sequence;
  const bool replaced = !at.event_id.empty() && !response.after_event_id().empty() &&
                        response.after_event_id() != at.event_id;
  if (at.sequence > 0 && (behind || replaced)) {
    const std::string why =
        behind ? absl::StrCat("its head is ", response.head_sequence(), ", behind this consumer's cursor ", at.sequence)
               : absl::StrCat("its event ", at.sequence, " is not the one this consumer applied");
    if (!diverged_) log::Error("event_log_went_back", {{"upstream", options_.upstream}, {"why", why}});
    diverged_ = true;
    if (diverged_gauge_) diverged_gauge_->Set(1);
    return absl::FailedPreconditionError(
        absl::StrCat(options_.upstream, "'s event log went back (", why, "): re-baseline this consumer"));
  }
  diverged_ = false;
  if (diverged_gauge_) diverged_gauge_->Set(0);
  int applied = 0, done = 0;
  for (const auto& record : response.events()) {
    if (stopping_) break;
    ++done;
    absl::Status apply = Apply(record);
    if (!apply.ok()) {
      if (apply_failures_) {
        apply_failures_->Increment();
        blocked_gauge_->Set(static_cast<double>(record.sequence()));
        lag_gauge_->Set(static_cast<double>(std::max<long long>(0, response.head_sequence() - cursor())));
      }
      caught_up_read_began_ = -1;
      const auto now = std::chrono::steady_clock::now();
      if (record.sequence() != failing_sequence_) {
        failing_attempts_ = 0;
        failing_since_ = now;
      }
      failing_sequence_ = record.sequence();
      // It may be waiting for an event of another upstream's that this service has not
      // read yet: not counted while another consumer is behind (for a while).
      const bool waiting_for_others = options_.others_caught_up && !options_.others_caught_up(failing_since_) &&
                                      now - failing_since_ < options_.wait_for_others;
      if (!waiting_for_others) ++failing_attempts_;
      // A database or upstream away is waited out however long it takes; any other
      // failure that keeps happening is set aside so the events after it go on.
      if (IsTransient(apply) || options_.dead_letter_after <= 0 || failing_attempts_ < options_.dead_letter_after) {
        return apply;
      }
      RETURN_IF_ERROR(SetAside(record, apply, failing_attempts_));
      failing_attempts_ = 0;
      continue;
    }
    ++applied;
  }
  // Every event of the batch applied or set aside: the cursor may pass the other types'
  // events up to where the upstream read (so they are not read again, and the lag is
  // true).
  const long long reached =
      response.events_size() ? response.events(response.events_size() - 1).sequence() : at.sequence;
  if (done == response.events_size() && response.read_through_sequence() > reached) {
    RETURN_IF_ERROR(AdvanceTo(response));
  }
  long long c = cursor();
  caught_up_read_began_ = response.head_sequence() <= c ? began.time_since_epoch().count() : -1;
  if (blocked_gauge_) blocked_gauge_->Set(0);
  if (lag_gauge_) {
    lag_gauge_->Set(static_cast<double>(std::max<long long>(0, response.head_sequence() - c)));
    cursor_gauge_->Set(static_cast<double>(c));
  }
  return applied;
}

namespace {

// This consumer's cursor on `upstream`, locked for the transaction (MySQL); false when
// it has none yet (0).
bool LockCursor(soci::session& tx, bool mysql, const std::string& upstream, long long* cursor) {
  soci::indicator ind;
  tx << (mysql ? "SELECT sequence FROM consumer_cursors WHERE upstream = :u FOR UPDATE"
               : "SELECT sequence FROM consumer_cursors WHERE upstream = :u"),
      soci::use(upstream), soci::into(*cursor, ind);
  if (tx.got_data()) return true;
  *cursor = 0;
  return false;
}

void MoveCursor(soci::session& tx, bool exists, const std::string& upstream, const ev::EventRecord& record) {
  long long now = NowMicros(), sequence = record.sequence();
  std::string event_id = record.event_id();
  if (exists) {
    tx << "UPDATE consumer_cursors SET sequence = :s, event_id = :e, updated_at = :t WHERE upstream = :u",
        soci::use(sequence), soci::use(event_id), soci::use(now), soci::use(upstream);
  } else {
    tx << "INSERT INTO consumer_cursors (upstream, sequence, event_id, updated_at) VALUES (:u, :s, :e, :t)",
        soci::use(upstream), soci::use(sequence), soci::use(event_id), soci::use(now);
  }
}

void RecordApplied(soci::session& tx, const std::string& upstream, const ev::EventRecord& record) {
  long long seq = record.sequence(), now = NowMicros();
  std::string event_id = record.event_id(), type = record.event_type();
  tx << "INSERT INTO consumer_inbox (upstream, sequence, event_id, type, applied_at) VALUES (:u, :s, :e, :t, :a)",
      soci::use(upstream), soci::use(seq), soci::use(event_id), soci::use(type), soci::use(now);
}

}  // namespace

bool IsTransient(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kCancelled:
      return true;
    default:
      return false;
  }
}

absl::Status Consumer::Handle(soci::session& tx, const ev::EventRecord& record) {
  auto handler = options_.handlers.find(record.event_type());
  if (handler == options_.handlers.end()) return absl::OkStatus();
  if (record.payload_unreadable()) {
    return absl::DataLossError(absl::StrCat(options_.upstream, " could not read its stored event ", record.sequence(),
                                            " (its event_payload_unreadable log says why)"));
  }
  // A record the handler cannot read fails as a failed handler does (and is set aside
  // in the end); it must not end the process.
  try {
    return handler->second(tx, record);
  } catch (const CorruptRecord& e) {
    return absl::DataLossError(e.what());
  }
}

absl::Status Consumer::Apply(const ev::EventRecord& record) {
  const bool mysql = db_->dialect() == Dialect::kMysql;
  return db_->Transaction([&](soci::session& tx) -> absl::Status {
    long long cursor = 0;
    const bool exists = LockCursor(tx, mysql, options_.upstream, &cursor);
    // Already applied (a replica or an earlier attempt got there first): skip.
    if (record.sequence() <= cursor) return absl::OkStatus();
    RETURN_IF_ERROR(Handle(tx, record));
    RecordApplied(tx, options_.upstream, record);
    MoveCursor(tx, exists, options_.upstream, record);
    return absl::OkStatus();
  });
}

absl::Status Consumer::AdvanceTo(const ev::ReadEventsResponse& response) {
  const long long through = response.read_through_sequence();
  if (through <= 0 || response.read_through_event_id().empty()) return absl::OkStatus();
  const bool mysql = db_->dialect() == Dialect::kMysql;
  return db_->Transaction([&](soci::session& tx) -> absl::Status {
    long long cursor = 0;
    const bool exists = LockCursor(tx, mysql, options_.upstream, &cursor);
    if (through <= cursor) return absl::OkStatus();
    ev::EventRecord at;
    at.set_sequence(through);
    at.set_event_id(response.read_through_event_id());
    MoveCursor(tx, exists, options_.upstream, at);
    return absl::OkStatus();
  });
}

absl::Status Consumer::ApplyDeadLetter(soci::session& tx, const ev::EventRecord& record) {
  RETURN_IF_ERROR(Handle(tx, record));
  RecordApplied(tx, options_.upstream, record);
  return absl::OkStatus();
}

absl::Status Consumer::SetAside(const ev::EventRecord& record, const absl::Status& error, int attempts) {
  const bool mysql = db_->dialect() == Dialect::kMysql;
  bool set_aside = false;
  RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
    long long cursor = 0;
    const bool exists = LockCursor(tx, mysql, options_.upstream, &cursor);
    set_aside = record.sequence() > cursor;  // else a replica applied or set it aside
    if (!set_aside) return absl::OkStatus();
    long long seq = record.sequence(), now = NowMicros();
    std::string event_id = record.event_id(), type = record.event_type(),
                stored = absl::Base64Escape(record.SerializeAsString()), message(error.ToString());
    tx << "INSERT INTO consumer_dead_letters (upstream, sequence, event_id, type, record, error, attempts, "
          "dead_lettered_at, state) VALUES (:u, :s, :e, :t, :r, :m, :n, :a, 'waiting')",
        soci::use(options_.upstream), soci::use(seq), soci::use(event_id), soci::use(type), soci::use(stored),
        soci::use(message), soci::use(attempts), soci::use(now);
    MoveCursor(tx, exists, options_.upstream, record);
    return absl::OkStatus();
  }));
  if (!set_aside) return absl::OkStatus();
  log::Error("event_dead_lettered", {{"upstream", options_.upstream},
                                     {"sequence", absl::StrCat(record.sequence())},
                                     {"type", record.event_type()},
                                     {"attempts", absl::StrCat(attempts)},
                                     {"error", error.ToString()}});
  if (dead_lettered_) dead_lettered_->Increment();
  CountDeadLetters();
  return absl::OkStatus();
}

void Consumer::CountDeadLetters() {
  if (!dead_letters_waiting_) return;
  long long waiting = 0;
  absl::Status read = db_->Read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM consumer_dead_letters WHERE upstream = :u AND state = 'waiting'",
        soci::use(options_.upstream), soci::into(waiting);
    return absl::OkStatus();
  });
  if (read.ok()) dead_letters_waiting_->Set(static_cast<double>(waiting));
}

}  // namespace platform
