#include "platform/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <openssl/rand.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <signal.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "platform/db/database_url.h"
#include "platform/rpc/audit_service.h"
#include "platform/rpc/clock.h"
#include "platform/rpc/records_service.h"
#include "platform/server/log.h"
#include "platform/server/registry.h"
#include "platform/core/status_macros.h"

namespace platform {
namespace {
constexpr char kLivenessService[] = "liveness";
}  // namespace

ServiceConfig::ServiceConfig(std::string n, int grpc_port, int metrics)
    : name(std::move(n)),
      grpc_address(absl::StrCat("0.0.0.0:", grpc_port)),
      metrics_port(metrics),
      db_url(absl::StrCat("sqlite3://db=var/", name, ".db")) {}

ServiceConfig::ServiceConfig(std::string n)
    : ServiceConfig(n, Registry::Default().Get(n).grpc_port, Registry::Default().Get(n).metrics_port) {
  for (const auto& upstream : Registry::Default().Get(name).reads) {
    upstreams[upstream] = Registry::Default().Get(upstream).LocalAddress();
  }
}

void ServiceConfig::Declare(ConfigSpec& spec) {
  spec.String("grpc-address", &grpc_address, "host:port the gRPC server listens on (port 0: any free port)", NonEmpty())
      .String("metrics-address", &metrics_address, "address /metrics is served on", NonEmpty())
      .Int("metrics-port", &metrics_port, "port of /metrics (0: any free port)", 0, 65535)
      .String("db-url", &db_url, "sqlite3://db=FILE or mysql://host=H port=P db=D user=U (its password from --db-password-file)", NonEmpty())
      .String("db-url-file", &db_url_file,
              "file holding the database URL (a mounted Secret, kept out of the environment and ps); wins over "
              "--db-url")
      .String("db-password-file", &db_password_file,
              "file holding the MySQL user's password (a mounted Secret), for a --db-url that names none")
      .String("db-tls-ca-file", &db_tls_ca_file,
              "PEM certificate of the CA that signed the MySQL server's: TLS to the database (required for a "
              "server beyond this machine unless --plaintext-development)")
      .String("db-tls-cert-file", &db_tls_cert_file, "PEM client certificate for the MySQL server, if it asks")
      .String("db-tls-key-file", &db_tls_key_file, "PEM private key of --db-tls-cert-file")
      .Int("db-pool", &db_pool, "database connections", 1, 256)
      .Int("threads", &threads, "most gRPC handler threads", 2, 1024)
      .String("service-token-file", &service_token_file, "bearer token presented to upstream services")
      .String("log-level", &log_level, "debug, info, warn or error", OneOf({"debug", "info", "warn", "error"}))
      .Int("drain-seconds", &drain_seconds, "grace period for in-flight calls on SIGTERM", 0, 300)
      .String("statutory-table", &statutory_table,
              "dated statutory numbers (TSV as config/statutory.tsv); empty: the compiled-in defaults")
      .Int("refusal-audits-per-second", &refusal_audits_per_second,
           "refused calls written to the audit log per second (the rest are counted)", 1, 10000)
      .Int("request-id-retention-hours", &request_id_retention_hours,
           "how long a create's request_id is honoured for retries", 1, 24 * 366)
      .Int("event-dead-letter-after", &event_dead_letter_after,
           "failed applies of one upstream event, for a reason trying again will not cure, before it is set aside "
           "as a dead letter and the events after it go on (0: never)", 0, 1000)
      .Int("event-log-waiting-reads", &event_log_waiting_reads,
           "reads of this service's event log that may wait for an event at once (long polls), each holding a "
           "handler thread; below --threads", 1, 1024)
      .String("page-token-secret-file", &page_token_secret_file,
              "file holding the key list page tokens are sealed with, the same for every replica of the service "
              "(>= 32 bytes); empty: a random key per process, so a token ends with the process that issued it")
      .String("agency-file", &agency_file,
              "the agency this deployment serves (config/agency.tsv's format); empty: the compiled-in default");
  spec.Secret("db-url", "--db-url-file, or a URL without its password and --db-password-file",
              [](const std::string& url) { return absl::StrContains(url, "password="); });
  jwt.Declare(spec);
  transport.Declare(spec);
  spec.String("health-address", &health_address,
              "host:port of a plaintext port serving grpc.health.v1 only, for probes without a certificate "
              "(empty: none)");
  for (auto& [upstream, address] : upstreams) {
    spec.String(absl::StrCat(upstream, "-address"), &address,
                absl::StrCat("host:port of ", upstream, ", whose event log this service consumes"), NonEmpty());
  }
}

absl::StatusOr<AuthConfig> ServiceConfig::Auth() const { return jwt.Load(); }

absl::StatusOr<std::string> DatabaseUrl(const ServiceConfig& config) {
  std::string url = config.db_url;
  if (!config.db_url_file.empty()) {
    ASSIGN_OR_RETURN(url, ReadSecretFile(config.db_url_file));
  }
  ASSIGN_OR_RETURN(url, WithDatabaseTls(url, {config.db_tls_ca_file, config.db_tls_cert_file, config.db_tls_key_file},
                                         config.transport.plaintext_development));
  if (config.db_password_file.empty()) return url;
  if (!absl::StartsWith(url, "mysql://")) {
    return absl::InvalidArgumentError("--db-password-file: only a mysql:// database URL takes a password");
  }
  if (absl::StrContains(url, "password=")) {
    return absl::InvalidArgumentError("--db-password-file: the database URL names a password already");
  }
  ASSIGN_OR_RETURN(std::string password, ReadSecretFile(config.db_password_file));
  // The URL's values are separated by spaces and may be quoted: a password holding
  // either would be cut short, so it is refused rather than mangled.
  for (char c : password) {
    if (isspace(static_cast<unsigned char>(c)) || c == '\'' || c == '"' || c == '\\') {
      return absl::InvalidArgumentError(absl::StrCat("--db-password-file ", config.db_password_file,
                                                     ": a password may not hold spaces, quotes or backslashes"));
    }
  }
  return absl::StrCat(url, " password=", password);
}

absl::StatusOr<std::string> PageTokenKey(const std::string& file) {
  std::string key(32, '\0');
  if (file.empty()) {
    if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), static_cast<int>(key.size())) != 1) {
      return absl::InternalError("no random bytes for the page-token key");
    }
    return key;
  }
  ASSIGN_OR_RETURN(key, ReadSecretFile(file));
  if (key.size() < 32) {
    return absl::InvalidArgumentError(
        absl::StrCat("--page-token-secret-file ", file, " holds ", key.size(), " bytes; at least 32 are needed"));
  }
  return key;
}

void SkipMutexDeadlockDetectionInRelease() {
#ifdef NDEBUG
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
#endif
}

void BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

absl::StatusOr<std::unique_ptr<ServiceHost>> ServiceHost::Create(const ServiceConfig& config,
                                                                 const std::vector<EmbeddedFile>& migrations,
                                                                 EventVisibility visibility) {
  log::SetService(config.name);
  log::SetMinLevel(config.log_level);
  std::unique_ptr<ServiceHost> host(new ServiceHost(config));
  if (config.event_log_waiting_reads >= config.threads) {
    return absl::InvalidArgumentError(absl::StrCat("--event-log-waiting-reads (", config.event_log_waiting_reads,
                                                   ") must be below --threads (", config.threads,
                                                   "): waiting reads would hold every handler thread"));
  }
  ASSIGN_OR_RETURN(host->transport_, Transport::Create(config.transport));
  ASSIGN_OR_RETURN(host->auth_, config.Auth());
  ASSIGN_OR_RETURN(host->verifier_, TokenVerifier::Create(host->auth_));
  ASSIGN_OR_RETURN(host->statutory_, StatutoryTable::Load(config.statutory_table, config.statutory_keys));
  ASSIGN_OR_RETURN(host->agency_, Agency::Load(config.agency_file));
  ASSIGN_OR_RETURN(std::string db_url, DatabaseUrl(config));
  ASSIGN_OR_RETURN(host->db_, Database::Open(db_url, config.db_pool));
  RETURN_IF_ERROR(host->db_->Migrate("platform", PlatformMigrations()));
  RETURN_IF_ERROR(host->db_->Migrate(config.name, migrations));
  ASSIGN_OR_RETURN(host->metrics_, Metrics::Serve(config.metrics_address, config.metrics_port));
  host->sequencer_ = std::make_unique<Sequencer>(host->db_.get(), &host->metrics_->registry());
  host->read_audits_ = std::make_unique<AuditJournal>(host->db_.get());
  host->refusals_ = std::make_unique<RefusalRecorder>(
      host->db_.get(), &host->metrics_->registry(),
      RefusalAuditRate{static_cast<double>(config.refusal_audits_per_second), 2 * config.refusal_audits_per_second});
  host->rpc_options_.request_id_retention = absl::Hours(config.request_id_retention_hours);
  ASSIGN_OR_RETURN(host->rpc_options_.page_token_key, PageTokenKey(config.page_token_secret_file));
  // Event logs are read by services only, each seeing the types granted to it; this
  // service's consumers (their dead letters, a re-baseline) are a manager's to handle.
  host->event_policies_ = std::make_unique<PolicyTable>(std::vector<MethodPolicy>{
      {"ReadEvents", {{Role::kService, Reach::kAgency}}},
      {"ListEventConsumers", {{Role::kManager, Reach::kAgency}}},
      {"RebaselineEventConsumer", {{Role::kManager, Reach::kAgency}}},
      {"ListDeadLetters", {{Role::kManager, Reach::kAgency}}},
      {"ReplayDeadLetter", {{Role::kManager, Reach::kAgency}}},
      {"SkipDeadLetter", {{Role::kManager, Reach::kAgency}}}});
  RpcRunner* events_runner = host->Runner(host->event_policies_.get());
  host->event_log_ = std::make_unique<EventLogServiceImpl>(events_runner, host->db_.get(), host->sequencer_.get(),
                                                           std::move(visibility), &host->metrics_->registry(),
                                                           config.event_log_waiting_reads);
  host->services_.push_back(host->event_log_.get());
  host->consumer_service_ =
      std::make_unique<EventConsumerServiceImpl>(events_runner, host->db_.get(), &host->consumers_);
  host->services_.push_back(host->consumer_service_.get());
  // The audit log: who read and changed which record, asked by a manager (an inspection,
  // a complaint, an adopted person's request); each question audited in turn.
  host->audit_policies_ = std::make_unique<PolicyTable>(
      std::vector<MethodPolicy>{{"ListAuditEntries", {{Role::kManager, Reach::kAgency}}}});
  host->audit_service_ = std::make_unique<AuditServiceImpl>(host->Runner(host->audit_policies_.get()), host->db_.get());
  host->services_.push_back(host->audit_service_.get());
  // Records for their whole lifetime (docs/records.md): retention, legal holds, disposal
  // — a manager's acts, each audited. The kinds of record come from the service.
  host->records_policies_ = std::make_unique<PolicyTable>(std::vector<MethodPolicy>{
      {"ListDueRecords", {{Role::kManager, Reach::kAgency}}},
      {"PlaceLegalHold", {{Role::kManager, Reach::kAgency}}},
      {"ReleaseLegalHold", {{Role::kManager, Reach::kAgency}}},
      {"ListLegalHolds", {{Role::kManager, Reach::kAgency}}},
      {"DisposeOfRecord", {{Role::kManager, Reach::kAgency}}},
      {"ListDisposals", {{Role::kManager, Reach::kAgency}}},
      {"ExportDisclosure", {{Role::kManager, Reach::kAgency}}}});
  host->records_clock_ = std::make_unique<SystemClock>();
  return host;
}

ServiceHost::ServiceHost(ServiceConfig config) : config_(std::move(config)) {}
ServiceHost::~ServiceHost() { Shutdown(); }

RpcRunner* ServiceHost::Runner(const PolicyTable* policies) {
  runners_.push_back(
      std::make_unique<RpcRunner>(verifier_.get(), policies, sequencer_.get(), refusals_.get(),
                                  read_audits_.get(), &rpc_options_));
  return runners_.back().get();
}

std::string ServiceHost::ServiceToken() const {
  if (!config_.service_token_file.empty()) {
    auto token = ReadSecretFile(config_.service_token_file);  // re-read: tokens rotate
    if (token.ok()) return *token;
    log::Warn("service_token_unreadable", {{"file", config_.service_token_file}});
    return "";
  }
  // Over mutual TLS none is needed: this service's certificate is its credential
  // (platform/rpc/caller.h), and no secret it holds could pass for another service.
  if (!transport_->plaintext()) return "";
  // Development: a short-lived HS256 service token signed with the shared secret.
  TokenRequest request{.subject = config_.name, .roles = {Role::kService}, .lifetime = std::chrono::minutes(10)};
  auto token = MintToken(request, auth_);
  return token.ok() ? *token : "";
}

void ServiceHost::Register(grpc::Service* service) { services_.push_back(service); }

std::unique_ptr<Upstream> ServiceHost::UpstreamTo(const std::string& upstream) const {
  return std::make_unique<Upstream>(upstream, config_.upstreams.at(upstream), [this] { return ServiceToken(); },
                                    transport_);
}

void ServiceHost::AddConsumer(Consumer::Options options) {
  if (!options.token) options.token = [this] { return ServiceToken(); };
  options.transport = transport_;
  options.dead_letter_after = config_.event_dead_letter_after;
  // Its siblings, the consumers added before and after it (platform/events/events.h).
  const size_t self = consumers_.size();
  options.others_caught_up = [this, self](std::chrono::steady_clock::time_point since) {
    for (size_t i = 0; i < consumers_.size(); ++i) {
      if (i != self && !consumers_[i]->CaughtUpSince(since)) return false;
    }
    return true;
  };
  consumers_.push_back(std::make_unique<Consumer>(db_.get(), &metrics_->registry(), std::move(options)));
}

void ServiceHost::KeepRecords(std::vector<RecordKind*> kinds, const Clock* clock) {
  record_kinds_ = std::move(kinds);
  if (clock) records_clock_override_ = clock;
}

absl::Status ServiceHost::Start() {
  records_service_ = std::make_unique<RecordsServiceImpl>(
      Runner(records_policies_.get()), db_.get(),
      records_clock_override_ ? records_clock_override_ : records_clock_.get(), record_kinds_, disclosure_sources_,
      config_.name);
  services_.push_back(records_service_.get());
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config_.grpc_address, transport_->ServerCredentials(), &port_);
  for (auto* s : services_) builder.RegisterService(s);
  grpc::ResourceQuota quota(config_.name);
  quota.SetMaxThreads(config_.threads);
  builder.SetResourceQuota(quota);
  // Pollers wake every 100 ms (default 10 s), so a drain on SIGTERM ends promptly.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::CQ_TIMEOUT_MSEC, 100);
  // A handler thread that finishes goes back to polling rather than exiting while calls
  // keep coming (gRPC's default keeps two pollers, so under load every call paid for a
  // thread's creation and exit: half the service's CPU in the hot-path bench); one idle
  // for a poll's timeout still exits.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, config_.threads);
  builder.SetMaxReceiveMessageSize(4 * 1024 * 1024);
  builder.SetMaxSendMessageSize(16 * 1024 * 1024);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20 * 1000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(metrics_->ServerInterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) return absl::UnavailableError(absl::StrCat("cannot listen on ", config_.grpc_address));
  if (!config_.health_address.empty()) {
    // Its own server: the probes reach grpc.health.v1 (gRPC's default service, one per
    // server, kept in step by SetServing) and nothing else, without TLS.
    grpc::ServerBuilder health_builder;
    health_builder.AddListeningPort(config_.health_address, grpc::InsecureServerCredentials(), &health_port_);
    health_builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::CQ_TIMEOUT_MSEC, 100);
    health_server_ = health_builder.BuildAndStart();
    if (!health_server_ || health_port_ == 0) {
      return absl::UnavailableError(absl::StrCat("cannot listen on --health-address ", config_.health_address));
    }
  }
  sequencer_->Start();
  for (auto& c : consumers_) c->Start();
  // Health follows the database: NOT_SERVING while it cannot be reached. The service
  // "liveness" stays SERVING while the process answers, so an orchestrator's liveness
  // probe does not restart a service whose database is away (docs/deployment.md).
  SetServing(db_->Ping().ok());
  // The pool's size, its sessions in use and the time callers waited for one, sampled
  // with readiness: the operators' "pool saturated" alert (docs/operations.md).
  auto& registry = metrics_->registry();
  prometheus::BuildGauge().Name("db_pool_connections").Help("Database sessions in the pool (--db-pool).")
      .Register(registry).Add({}).Set(db_->pool_size());
  prometheus::Gauge* in_use = &prometheus::BuildGauge().Name("db_pool_sessions_in_use")
      .Help("Database sessions leased at the last sample (every 2 s).").Register(registry).Add({});
  prometheus::Counter* waited = &prometheus::BuildCounter().Name("db_pool_wait_seconds_total")
      .Help("Time callers have waited for a free database session.").Register(registry).Add({});
  readiness_ = std::thread([this, in_use, waited] {
    bool last = true;
    double waited_before = 0;
    while (!stopping_) {
      for (int i = 0; i < 20 && !stopping_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (stopping_) break;
      in_use->Set(db_->sessions_in_use());
      double waited_now = db_->lease_wait_seconds();
      waited->Increment(waited_now - waited_before);
      waited_before = waited_now;
      bool ok = db_->Ping().ok();
      if (ok != last) log::Warn("readiness_changed", {{"serving", ok ? "true" : "false"}});
      SetServing(ok);
      last = ok;
    }
  });
  log::Info("started", {{"grpc_port", absl::StrCat(port_)},
                        {"metrics_port", absl::StrCat(metrics_->port())},
                        {"health_port", absl::StrCat(health_port_)},
                        {"tls", transport_->plaintext() ? "false" : "true"}});
  return absl::OkStatus();
}

void ServiceHost::SetServing(bool serving) {
  for (grpc::Server* server : {server_.get(), health_server_.get()}) {
    if (!server) continue;
    auto* health = server->GetHealthCheckService();
    health->SetServingStatus(serving);  // sets every service's status: liveness's again below
    health->SetServingStatus(kLivenessService, true);
  }
}

std::string WaitForTerminationSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int sig = 0;
  sigwait(&set, &sig);
  return sig == SIGTERM ? "SIGTERM" : "SIGINT";
}

int ServiceHost::WaitForSignal() {
  log::Info("stopping", {{"signal", WaitForTerminationSignal()}});
  Shutdown();
  return 0;
}

void ServiceHost::Shutdown() {
  if (stopping_.exchange(true)) return;
  if (server_) {
    // Not serving first, so load balancers stop sending; then drain.
    server_->GetHealthCheckService()->Shutdown();
    if (health_server_) health_server_->GetHealthCheckService()->Shutdown();
    for (auto& c : consumers_) c->Stop();
    if (sequencer_) sequencer_->Stop();  // also releases long-polling readers
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(config_.drain_seconds));
    if (health_server_) health_server_->Shutdown(std::chrono::system_clock::now());
  }
  if (readiness_.joinable()) readiness_.join();
  if (sequencer_) sequencer_->Stop();
  log::Info("stopped");
}

}  // namespace platform
