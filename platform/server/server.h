#pragma once
// Service bootstrap shared by the five services: configuration, database and
// migrations, metrics, authentication, the event log, and a gRPC server with
// health (tied to database readiness), reflection, keepalive, message limits,
// RED metrics and a graceful drain on SIGTERM. main.cc only wires these together.
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "platform/core/agency.h"
#include "platform/rpc/auth.h"
#include "platform/core/config.h"
#include "platform/db/db.h"
#include "platform/core/embedded.h"
#include "platform/events/consumer_service.h"
#include "platform/events/events.h"
#include "platform/rpc/jwt_settings.h"
#include "platform/server/metrics.h"
#include "platform/rpc/refusals.h"
#include "platform/rpc/rpc.h"
#include "platform/rpc/transport.h"
#include "platform/rpc/upstream.h"
#include "platform/core/statutory.h"

namespace grpc {
class Server;
class Service;
}  // namespace grpc

namespace platform {

class AuditServiceImpl;  // platform/rpc/audit_service.h
class Clock;              // platform/rpc/clock.h
class RecordKind;         // platform/rpc/records_service.h
class DisclosureSource;   // platform/rpc/disclosure.h
class RecordsServiceImpl;

// The settings every service has; Declare() adds them to a ConfigSpec.
struct ServiceConfig {
  std::string name;  // "recruitment": database, logs, token subject
  std::string grpc_address;
  std::string metrics_address = "0.0.0.0";
  int metrics_port = 0;
  std::string db_url;
  std::string db_url_file;  // a file holding the URL (a mounted Secret); wins over db_url
  std::string db_password_file;  // a file holding the MySQL password, added to a URL naming none
  // TLS to MySQL: the CA of the server's certificate, and a client certificate and key
  // when the server asks for one. A server other than this machine's is refused without.
  std::string db_tls_ca_file, db_tls_cert_file, db_tls_key_file;
  int db_pool = 8;
  int threads = 128;
  JwtSettings jwt;
  // gRPC's TLS (platform/rpc/transport.h): mutual TLS on the port and to upstreams, or
  // plaintext with --plaintext-development.
  TransportSettings transport;
  // A plaintext port serving grpc.health.v1 only, for probes that cannot present a
  // certificate (Kubernetes' gRPC probes); empty: none.
  std::string health_address;
  std::string service_token_file;    // token this service presents to its upstreams
  std::string log_level = "info";
  int drain_seconds = 10;
  // A deployment's own dated statutory table (config/statutory.tsv's format); empty
  // uses the compiled-in defaults. Keys the service needs are checked at start-up.
  std::string statutory_table;
  std::vector<std::string> statutory_keys;
  // Refused calls written to the audit log, at most this many a second (the rest are
  // counted, and the next row written says how many).
  int refusal_audits_per_second = 10;
  int request_id_retention_hours = 24 * 30;  // a create's request_id is honoured this long
  // Failed applies of one upstream event (for a reason trying again will not cure)
  // before its consumer sets it aside as a dead letter and goes on; 0: never.
  int event_dead_letter_after = 5;
  // Reads of this service's event log that may wait for an event at once, each holding
  // a handler thread; the next is answered without waiting. Below `threads`.
  int event_log_waiting_reads = 8;
  // The key page tokens are sealed with, shared by a service's replicas; empty: a
  // random key per process (tokens then end with the process).
  std::string page_token_secret_file;
  // The agency the deployment serves (config/agency.tsv's format); empty: the
  // compiled-in default.
  std::string agency_file;
  // The upstreams whose event logs it consumes (the registry's `reads`): name -> host:port.
  std::map<std::string, std::string> upstreams;

  // A service of the registry (platform/server/registry.h): its default ports and upstreams.
  explicit ServiceConfig(std::string name);
  // Any other (tests): the ports given, no upstreams.
  ServiceConfig(std::string name, int grpc_port, int metrics_port);
  void Declare(ConfigSpec& spec);
  absl::StatusOr<AuthConfig> Auth() const;
};

// The database URL a service opens: --db-url-file's content, else --db-url, with the
// password of --db-password-file added to a MySQL URL that names none, and the TLS files
// of --db-tls-*. A MySQL server beyond this machine is refused without TLS unless
// --plaintext-development.
absl::StatusOr<std::string> DatabaseUrl(const ServiceConfig& config);

class ServiceHost {
 public:
  // Opens the database and applies the platform's and the service's migrations.
  static absl::StatusOr<std::unique_ptr<ServiceHost>> Create(const ServiceConfig& config,
                                                             const std::vector<EmbeddedFile>& migrations,
                                                             EventVisibility visibility = {});
  ~ServiceHost();

  Database& db() { return *db_; }
  Metrics& metrics() { return *metrics_; }
  Sequencer& sequencer() { return *sequencer_; }
  const TokenVerifier& verifier() const { return *verifier_; }
  const ServiceConfig& config() const { return config_; }
  // Dated statutory numbers in force (the file given, or the compiled-in defaults).
  const StatutoryTable& statutory() const { return statutory_; }
  // The agency the deployment serves (--agency-file, or the compiled-in default).
  const Agency& agency() const { return agency_; }
  // A runner for a service's handlers under its policy table (the host keeps it).
  RpcRunner* Runner(const PolicyTable* policies);
  // The bearer token this service presents to its upstreams.
  std::string ServiceToken() const;
  // The transport security of this process's gRPC (its port, its upstreams).
  const std::shared_ptr<const Transport>& transport() const { return transport_; }
  // A client of `upstream` (one of config().upstreams), as this service, over its
  // transport.
  std::unique_ptr<Upstream> UpstreamTo(const std::string& upstream) const;
  // The health-only port's (0 when there is none).
  int health_port() const { return health_port_; }

  void Register(grpc::Service* service);
  // The kinds of record the service keeps under retention (RecordsService, served by
  // every host: with none, it lists nothing and disposes of nothing). Before Start;
  // `clock` (tests) judges the day disposal is asked on, else the system's.
  void KeepRecords(std::vector<RecordKind*> kinds, const Clock* clock = nullptr);
  // What the service holds about a person, for their disclosure (ExportDisclosure;
  // with none, a disclosure finds nothing here). Before Start.
  void DiscloseFrom(std::vector<DisclosureSource*> sources) { disclosure_sources_ = std::move(sources); }
  void AddConsumer(Consumer::Options options);

  // Starts serving; the bound port is port().
  absl::Status Start();
  int port() const { return port_; }
  // Blocks until SIGTERM/SIGINT, then drains in-flight calls and stops.
  int WaitForSignal();
  void Shutdown();

 private:
  explicit ServiceHost(ServiceConfig config);
  ServiceConfig config_;
  AuthConfig auth_;
  StatutoryTable statutory_;
  Agency agency_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<TokenVerifier> verifier_;
  std::unique_ptr<Sequencer> sequencer_;
  std::unique_ptr<PolicyTable> event_policies_;
  std::unique_ptr<RefusalRecorder> refusals_;
  std::unique_ptr<AuditJournal> read_audits_;
  RpcOptions rpc_options_;
  std::vector<std::unique_ptr<RpcRunner>> runners_;
  std::unique_ptr<EventLogServiceImpl> event_log_;
  std::unique_ptr<EventConsumerServiceImpl> consumer_service_;
  std::unique_ptr<PolicyTable> audit_policies_;
  std::unique_ptr<AuditServiceImpl> audit_service_;
  std::unique_ptr<PolicyTable> records_policies_;
  std::unique_ptr<Clock> records_clock_;
  const Clock* records_clock_override_ = nullptr;
  std::vector<RecordKind*> record_kinds_;
  std::vector<DisclosureSource*> disclosure_sources_;
  std::unique_ptr<RecordsServiceImpl> records_service_;
  std::vector<grpc::Service*> services_;
  std::vector<std::unique_ptr<Consumer>> consumers_;
  std::shared_ptr<const Transport> transport_;
  std::unique_ptr<grpc::Server> server_, health_server_;
  int port_ = 0, health_port_ = 0;
  // Sets the serving status on the port and the health-only port.
  void SetServing(bool serving);
  std::atomic<bool> stopping_{false};
  std::thread readiness_;
};

// Blocks SIGTERM and SIGINT in this and every later thread, so WaitForSignal()
// receives them; call first thing in main().
void BlockTerminationSignals();
// Debian builds Abseil without NDEBUG, which leaves its mutexes' deadlock detection on:
// every lock of every absl::Mutex (gRPC's among them) recorded in a global graph, 2-4%
// of a busy service's or gateway's CPU (docs/operations.md, "The hot path"). Turns it
// off in our release builds; debug builds — the tests — keep it. First thing in main().
void SkipMutexDeadlockDetectionInRelease();
// The page-token key read from `file`, or random when `file` is empty.
absl::StatusOr<std::string> PageTokenKey(const std::string& file);
// Waits for SIGTERM or SIGINT (blocked beforehand); returns its name.
std::string WaitForTerminationSignal();

// The platform's own migrations (audit log, outbox, idempotency keys, cursors).
const std::vector<EmbeddedFile>& PlatformMigrations();

}  // namespace platform
