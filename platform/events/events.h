#pragma once
// The event log of docs/architecture.md ("Between services"):
//  - a producer appends events to its outbox in the same transaction as the change;
//  - the Sequencer gives committed rows a gap-free, strictly increasing sequence in
//    the order they became visible (one at a time, serialised by a lock row, so
//    several replicas are safe);
//  - EventLogServiceImpl serves the log after a sequence (long poll), limited to the
//    event types the caller may see;
//  - a Consumer keeps one cursor per upstream and applies each event and advances the
//    cursor in one transaction: every event takes effect exactly once, in order.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "adoption/events/v1/event_log.grpc.pb.h"
#include "platform/rpc/auth.h"
#include "platform/rpc/transport.h"

namespace soci {
class session;
}
namespace prometheus {
class Registry;
class Gauge;
class Counter;
}  // namespace prometheus

namespace platform {

class Database;
class RpcRunner;

void AppendToOutbox(soci::session& tx, absl::string_view aggregate_type, absl::string_view aggregate_id,
                    const google::protobuf::Message& event, absl::string_view request_id);

// The event a consumed record carries, as `Event`: INVALID_ARGUMENT naming the record's
// sequence when its payload is another type (the consumer stops there, with its lag
// showing, rather than skip an event it cannot read).
template <typename Event>
absl::StatusOr<Event> UnpackEvent(const adoption::events::v1::EventRecord& record) {
  Event e;
  if (!record.payload().UnpackTo(&e)) {
    return absl::InvalidArgumentError(absl::StrCat("event ", record.sequence(), " is not a ",
                                                   Event::descriptor()->full_name()));
  }
  return e;
}

// A failure that trying again later can cure (the database or an upstream away, a
// conflict, a deadline): never a reason to set an event aside.
bool IsTransient(const absl::Status& status);

class Sequencer {
 public:
  Sequencer(Database* db, prometheus::Registry* registry);
  ~Sequencer();
  void Start();
  void Stop();
  // Wakes the sequencer after a commit that wrote to the outbox.
  void Notify();
  // Sequences what is committed and unsequenced; returns how many rows it numbered.
  absl::StatusOr<int> SequenceOnce();
  // Blocks until the head passes `after` or `timeout` elapses; returns the head.
  long long WaitForHead(long long after, std::chrono::milliseconds timeout);
  long long head() const { return head_.load(); }
  bool stopping() {
    std::lock_guard<std::mutex> lock(mu_);
    return stopping_;
  }

 private:
  void Loop();
  Database* db_;
  std::atomic<long long> head_{0};
  std::mutex mu_;
  std::condition_variable wake_, advanced_;
  bool pending_ = false, stopping_ = false;
  std::thread thread_;
  prometheus::Gauge* head_gauge_ = nullptr;
  prometheus::Gauge* backlog_gauge_ = nullptr;
  prometheus::Gauge* oldest_age_gauge_ = nullptr;
};

// Which event types each calling service (a `service` token's subject) may read.
// No other token reads an event log.
using EventVisibility = std::map<std::string, std::set<std::string>>;

class EventLogServiceImpl final : public adoption::events::v1::EventLogService::Service {
 public:
  // A read that waits for events (a long poll) holds one of the server's handler
  // threads: at most `max_waiting_reads` wait at once; the next one is answered at once,
  // with what there is.
  EventLogServiceImpl(RpcRunner* rpc, Database* db, Sequencer* sequencer, EventVisibility visibility,
                      prometheus::Registry* registry = nullptr, int max_waiting_reads = 8);
  grpc::Status ReadEvents(grpc::ServerContext* ctx, const adoption::events::v1::ReadEventsRequest* request,
                          adoption::events::v1::ReadEventsResponse* response) override;
  int waiting_reads() const { return waiting_.load(); }

 private:
  RpcRunner* rpc_;
  Database* db_;
  Sequencer* sequencer_;
  EventVisibility visibility_;
  const int max_waiting_;
  std::atomic<int> waiting_{0};
  prometheus::Gauge* waiting_gauge_ = nullptr;
  prometheus::Counter* not_waited_ = nullptr;
  prometheus::Counter* unreadable_ = nullptr;
};

// Reads the log with a store's session (tests, adoptctl): events after `after`, up to
// `limit`, of `types` (all when empty), and how far that read reaches. An event whose
// stored payload cannot be read back is sent without it, marked payload_unreadable,
// and counted in `*unreadable`.
absl::Status ReadLog(soci::session& sql, long long after, int limit, const std::set<std::string>& types,
                     adoption::events::v1::ReadEventsResponse* out, int* unreadable = nullptr);

class Consumer {
 public:
  // Applies one event inside the consumer's transaction.
  using Handler = std::function<absl::Status(soci::session& tx, const adoption::events::v1::EventRecord& record)>;

  struct Options {
    std::string upstream;                           // e.g. "recruitment"
    std::string target;                             // host:port of the upstream
    std::function<std::string()> token;             // bearer token for the upstream
    std::shared_ptr<const Transport> transport;     // the channel's security (null: plaintext)
    std::map<std::string, Handler> handlers;        // by event type
    std::chrono::milliseconds wait{5000};           // long-poll wait
    int batch = 100;
    // Failed applies of one event, for a reason trying again will not cure, before it
    // is set aside as a dead letter and the consumer goes on (0: never).
    int dead_letter_after = 5;
    // Whether each of the service's other consumers has, in a read begun at or after
    // `since`, read its upstream to the head with every event applied (ServiceHost gives
    // it; none: they have). Until they have, an event that fails may be waiting for one
    // in those logs — recruitment-svc hears of a placement from familyfinding-svc's log
    // before the match from panel-svc's when its panel consumer is behind — so its
    // failures are not counted towards setting it aside, for up to `wait_for_others`
    // from its first failure. `since` is that first failure: what the event waits for
    // was in its log before the event was written (the cause comes first), so a read
    // begun after it has it. A read finished earlier may not: it is no evidence.
    std::function<bool(std::chrono::steady_clock::time_point since)> others_caught_up;
    std::chrono::milliseconds wait_for_others{std::chrono::minutes(10)};
  };
  Consumer(Database* db, prometheus::Registry* registry, Options options);
  ~Consumer();
  void Start();
  void Stop();
  // One read and apply; returns how many events were applied.
  absl::StatusOr<int> PollOnce();
  long long cursor();
  const std::string& upstream() const { return options_.upstream; }
  // Whether its last read began at or after `since` and reached the upstream's head
  // with every event applied (false before the first read, and while it cannot read or
  // an event fails).
  bool CaughtUpSince(std::chrono::steady_clock::time_point since) const {
    const long long began = caught_up_read_began_;
    return began >= 0 && began >= since.time_since_epoch().count();
  }
  // A dead letter's event applied in `tx` (platform/events/consumer_service.h): its
  // handler, and the inbox row recording it applied; the cursor has long moved past it.
  absl::Status ApplyDeadLetter(soci::session& tx, const adoption::events::v1::EventRecord& record);
  // The event at `record`'s sequence read again from the upstream's log: a dead letter
  // the upstream sent without its payload (it could not read it back), replayed once
  // the upstream's row is repaired. FAILED_PRECONDITION when the log holds another
  // event there (it went back); UNAVAILABLE when it cannot be read.
  absl::StatusOr<adoption::events::v1::EventRecord> Refetch(const adoption::events::v1::EventRecord& record);
  // Counts this upstream's waiting dead letters into their gauge.
  void CountDeadLetters();

 private:
  void Loop();
  absl::Status Apply(const adoption::events::v1::EventRecord& record);
  // The handler of `record`'s type run in `tx` (none: nothing to do).
  absl::Status Handle(soci::session& tx, const adoption::events::v1::EventRecord& record);
  // Moves the cursor to where the upstream read through (past events of types this
  // consumer does not read), when it is ahead of the cursor.
  absl::Status AdvanceTo(const adoption::events::v1::ReadEventsResponse& response);
  // Moves `record` to consumer_dead_letters and the cursor past it, in one transaction.
  absl::Status SetAside(const adoption::events::v1::EventRecord& record, const absl::Status& error, int attempts);
  // A read of the upstream's log: its deadline, and this consumer's token when it has
  // one (over mutual TLS its certificate says who it is).
  void Prepare(grpc::ClientContext& ctx) const;
  Database* db_;
  Options options_;
  std::unique_ptr<adoption::events::v1::EventLogService::Stub> stub_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  prometheus::Gauge* lag_gauge_ = nullptr;
  prometheus::Gauge* cursor_gauge_ = nullptr;
  // The upstream sequence an apply failed on (0 when the last apply succeeded), and
  // failed polls by where they failed: "read" (the upstream) or "apply" (an event).
  prometheus::Gauge* blocked_gauge_ = nullptr;
  prometheus::Counter* read_failures_ = nullptr;
  prometheus::Counter* apply_failures_ = nullptr;
  prometheus::Counter* dead_lettered_ = nullptr;
  prometheus::Gauge* dead_letters_waiting_ = nullptr;
  // Where the consumer stands: the last sequence applied or set aside, and that
  // event's id (empty for a cursor written before ids were kept, or re-baselined).
  struct Position {
    long long sequence = 0;
    std::string event_id;
  };
  Position ReadPosition();
  // 1 while the upstream's log went back (restored or reset) behind this consumer.
  prometheus::Gauge* diverged_gauge_ = nullptr;
  bool diverged_ = false;
  // The event failing now and how many times in a row, and when the waiting dead
  // letters were last counted (the consumer's thread only).
  long long failing_sequence_ = 0;
  int failing_attempts_ = 0;
  std::chrono::steady_clock::time_point failing_since_{};
  // When the last read began (steady clock ticks) if it reached the head with every
  // event applied; -1 if it did not, or the consumer could not read since.
  std::atomic<long long> caught_up_read_began_{-1};
  std::chrono::steady_clock::time_point dead_letters_counted_{};
};

}  // namespace platform
