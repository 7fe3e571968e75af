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
#include "absl/strings/str_split.h"
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
      .String("db-url", &db_url, "sqlite3://db=FILE or mysql://host=H port=P db=D user=U password=W", NonEmpty())
      .String("db-url-file", &db_url_file,
              "file holding the database URL (a mounted Secret, kept out of the environment and ps); wins over "
              "--db-url")
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
      .String("page-token-secret-file", &page_token_secret_file,
              "file holding the key list page tokens are sealed with, the same for every replica of the service "
              "(>= 32 bytes); empty: a random key per process, so a token ends with the process that issued it")
      .String("agency-file", &agency_file,
              "the agency this deployment serves (config/agency.tsv's format); empty: the compiled-in default");
  jwt.Declare(spec);
  for (auto& [upstream, address] : upstreams) {
    spec.String(absl::StrCat(upstream, "-address"), &address,
                absl::StrCat("host:port of ", upstream, ", whose event log this service consumes"), NonEmpty());
  }
}

absl::StatusOr<AuthConfig> ServiceConfig::Auth() const { return jwt.Load(); }

absl::StatusOr<std::string> PageTokenKey(const std::string& file) {
  std::string key(32, '\0');
  if (file.empty()) {
    if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), static_cast<int>(key.size())) != 1) {
      return absl::InternalError("no random bytes for the page-token key");
    }
    return key;
  }
  ASSIGN_OR_RETURN(key, ReadFile(file));
  while (!key.empty() && isspace(static_cast<unsigned char>(key.back()))) key.pop_back();
  if (key.size() < 32) {
    return absl::InvalidArgumentError(
        absl::StrCat("--page-token-secret-file ", file, " holds ", key.size(), " bytes; at least 32 are needed"));
  }
  return key;
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
  ASSIGN_OR_RETURN(host->auth_, config.Auth());
  ASSIGN_OR_RETURN(host->verifier_, TokenVerifier::Create(host->auth_));
  ASSIGN_OR_RETURN(host->statutory_, StatutoryTable::Load(config.statutory_table, config.statutory_keys));
  ASSIGN_OR_RETURN(host->agency_, Agency::Load(config.agency_file));
  std::string db_url = config.db_url;
  if (!config.db_url_file.empty()) {
    ASSIGN_OR_RETURN(db_url, ReadFile(config.db_url_file));
    while (!db_url.empty() && isspace(static_cast<unsigned char>(db_url.back()))) db_url.pop_back();
  }
  ASSIGN_OR_RETURN(host->db_, Database::Open(db_url, config.db_pool));
  RETURN_IF_ERROR(host->db_->Migrate("platform", PlatformMigrations()));
  RETURN_IF_ERROR(host->db_->Migrate(config.name, migrations));
  ASSIGN_OR_RETURN(host->metrics_, Metrics::Serve(config.metrics_address, config.metrics_port));
  host->sequencer_ = std::make_unique<Sequencer>(host->db_.get(), &host->metrics_->registry());
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
                                                           std::move(visibility));
  host->services_.push_back(host->event_log_.get());
  host->consumer_service_ =
      std::make_unique<EventConsumerServiceImpl>(events_runner, host->db_.get(), &host->consumers_);
  host->services_.push_back(host->consumer_service_.get());
  return host;
}

ServiceHost::ServiceHost(ServiceConfig config) : config_(std::move(config)) {}
ServiceHost::~ServiceHost() { Shutdown(); }

RpcRunner* ServiceHost::Runner(const PolicyTable* policies) {
  runners_.push_back(
      std::make_unique<RpcRunner>(verifier_.get(), policies, sequencer_.get(), refusals_.get(), &rpc_options_));
  return runners_.back().get();
}

std::string ServiceHost::ServiceToken() const {
  if (!config_.service_token_file.empty()) {
    auto token = ReadFile(config_.service_token_file);  // re-read: tokens rotate
    if (token.ok()) {
      std::string t = *token;
      while (!t.empty() && isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
      return t;
    }
    log::Warn("service_token_unreadable", {{"file", config_.service_token_file}});
    return "";
  }
  // Development: a short-lived HS256 service token signed with the shared secret.
  TokenRequest request{.subject = config_.name, .roles = {Role::kService}, .lifetime = std::chrono::minutes(10)};
  auto token = MintToken(request, auth_);
  return token.ok() ? *token : "";
}

void ServiceHost::Register(grpc::Service* service) { services_.push_back(service); }

void ServiceHost::AddConsumer(Consumer::Options options) {
  if (!options.token) options.token = [this] { return ServiceToken(); };
  options.dead_letter_after = config_.event_dead_letter_after;
  consumers_.push_back(std::make_unique<Consumer>(db_.get(), &metrics_->registry(), std::move(options)));
}

absl::Status ServiceHost::Start() {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config_.grpc_address, grpc::InsecureServerCredentials(), &port_);
  for (auto* s : services_) builder.RegisterService(s);
  grpc::ResourceQuota quota(config_.name);
  quota.SetMaxThreads(config_.threads);
  builder.SetResourceQuota(quota);
  // Pollers wake every 100 ms (default 10 s), so a drain on SIGTERM ends promptly.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::CQ_TIMEOUT_MSEC, 100);
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
  sequencer_->Start();
  for (auto& c : consumers_) c->Start();
  // Health follows the database: NOT_SERVING while it cannot be reached. The service
  // "liveness" stays SERVING while the process answers, so an orchestrator's liveness
  // probe does not restart a service whose database is away (docs/deployment.md).
  auto* health = server_->GetHealthCheckService();
  health->SetServingStatus(db_->Ping().ok());
  health->SetServingStatus(kLivenessService, true);
  // The pool's size, its sessions in use and the time callers waited for one, sampled
  // with readiness: the operators' "pool saturated" alert (docs/operations.md).
  auto& registry = metrics_->registry();
  prometheus::BuildGauge().Name("db_pool_connections").Help("Database sessions in the pool (--db-pool).")
      .Register(registry).Add({}).Set(db_->pool_size());
  prometheus::Gauge* in_use = &prometheus::BuildGauge().Name("db_pool_sessions_in_use")
      .Help("Database sessions leased at the last sample (every 2 s).").Register(registry).Add({});
  prometheus::Counter* waited = &prometheus::BuildCounter().Name("db_pool_wait_seconds_total")
      .Help("Time callers have waited for a free database session.").Register(registry).Add({});
  readiness_ = std::thread([this, health, in_use, waited] {
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
      health->SetServingStatus(ok);  // sets every service's status: liveness's again below
      health->SetServingStatus(kLivenessService, true);
      last = ok;
    }
  });
  log::Info("started", {{"grpc_port", absl::StrCat(port_)}, {"metrics_port", absl::StrCat(metrics_->port())}});
  return absl::OkStatus();
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
    for (auto& c : consumers_) c->Stop();
    if (sequencer_) sequencer_->Stop();  // also releases long-polling readers
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(config_.drain_seconds));
  }
  if (readiness_.joinable()) readiness_.join();
  if (sequencer_) sequencer_->Stop();
  log::Info("stopped");
}

}  // namespace platform
