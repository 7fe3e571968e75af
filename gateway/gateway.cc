#include "gateway/gateway.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <httplib.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <chrono>
#include <future>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "adoption/events/v1/event_log.pb.h"
#include "gateway/annual_report_page.h"
#include "gateway/http_errors.h"
#include "gateway/http_queue.h"
#include "gateway/https.h"
#include "health/v1/health.grpc.pb.h"
#include "gateway/transcoder.h"
#include "platform/core/errors.h"
#include "platform/rpc/grpc_status.h"
#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/server/log.h"
#include "platform/server/metrics.h"
#include "platform/server/registry.h"
#include "platform/rpc/request_id.h"

namespace gateway {

GatewayConfig::GatewayConfig() {
  const platform::Registry& registry = platform::Registry::Default();
  const platform::SuiteService& self = registry.Get("gateway");
  http_port = self.http_port;
  grpc_address = absl::StrCat("0.0.0.0:", self.grpc_port);
  metrics_port = self.metrics_port;
  for (const platform::SuiteService* context : registry.Contexts()) backends[context->name] = context->LocalAddress();
}

void GatewayConfig::Declare(platform::ConfigSpec& spec) {
  using platform::NonEmpty;
  spec.String("http-address", &http_address, "address REST/JSON is served on", NonEmpty())
      .Int("http-port", &http_port, "REST/JSON port (0: any free port)", 0, 65535)
      .String("grpc-address", &grpc_address, "host:port of the gRPC pass-through", NonEmpty())
      .String("metrics-address", &metrics_address, "address /metrics is served on", NonEmpty())
      .Int("metrics-port", &metrics_port, "port of /metrics (0: any free port)", 0, 65535)
      .Int("deadline-ms", &deadline_ms, "deadline of each forwarded call", 100, 120000)
      .Int("http-threads", &http_threads, "REST worker threads", 2, 1024)
      .Int("http-waiting", &http_waiting,
           "connections that may wait for a REST worker; beyond, they are answered 503 with Retry-After", 0, 100000)
      .Int("http-read-timeout-seconds", &http_read_timeout_seconds,
           "a REST client silent this long while sending its request or reading the answer is dropped", 1, 300)
      .Int("http-keep-alive-seconds", &http_keep_alive_seconds,
           "an idle kept-alive REST connection is closed after this long", 1, 300)
      .String("health-address", &health_address,
              "host:port of a plaintext server with grpc.health.v1 alone, for probes that speak no TLS and must "
              "not wait behind REST clients (empty: none)")
      .String("log-level", &log_level, "debug, info, warn or error", platform::OneOf({"debug", "info", "warn", "error"}))
      .String("agency-file", &agency_file,
              "the agency this deployment serves, for the annual report (config/agency.tsv's format); empty: the "
              "compiled-in default")
      .String("statutory-table", &statutory_table,
              "dated statutory numbers, for the annual report's thresholds (TSV as config/statutory.tsv); empty: the "
              "compiled-in defaults");
  jwt.Declare(spec);
  transport.Declare(spec);
  for (auto& [ctx, address] : backends) {
    spec.String(absl::StrCat(ctx, "-address"), &address, absl::StrCat("host:port of ", ctx, "-svc"), NonEmpty());
  }
}

absl::StatusOr<platform::AuthConfig> GatewayConfig::Auth() const { return jwt.Load(); }

namespace {


// "/adoption.recruitment.v1.RecruitmentService/GetHousehold" -> "recruitment".
std::string ContextOf(absl::string_view grpc_path) {
  std::vector<absl::string_view> parts = absl::StrSplit(grpc_path.substr(1), '.');
  return parts.size() > 2 && parts[0] == "adoption" ? std::string(parts[1]) : "";
}

// Every service serves its own event log (adoption.events.v1.EventLogService, GET
// /v1/events), its own audit log (adoption.audit.v1.AuditService, GET
// /v1/auditEntries) and its records' retention (adoption.records.v1.RecordsService).
// Behind the gateway a REST caller names the service whose log it
// reads in the query parameter `service` — the gateway's, not a request field, removed
// before transcoding — and a gRPC caller in the `adoption-service` metadata.
constexpr char kEventsContext[] = "events";
constexpr char kAuditContext[] = "audit";
constexpr char kRecordsContext[] = "records";
// The annual report, which the gateway writes itself (gateway/annual_report_page.h).
constexpr char kReportsContext[] = "reports";
// Requests a kept-alive REST connection carries before it is closed (Gateway::Start).
constexpr size_t kRequestsPerConnection = 100;
constexpr char kServiceParameter[] = "service";
constexpr char kServiceMetadata[] = "adoption-service";

// What a log every service keeps is called, for messages; empty for a context's own
// contract (one service serves it).
std::string LogServedByEveryService(absl::string_view context) {
  if (context == kEventsContext) return "event log";
  if (context == kAuditContext) return "audit log";
  if (context == kRecordsContext) return "records";
  return "";
}
constexpr char kReadEvents[] = "/adoption.events.v1.EventLogService/ReadEvents";
// ReadEvents waits up to 30 s for an event (event_log.proto): a long poll gets that
// on top of the gateway's deadline.
constexpr auto kMaxEventWait = std::chrono::seconds(30);

// The gateway's own GET endpoints, beside the transcoded routes: /healthz is the
// services' readiness as the gateway sees it, /livez the gateway's own liveness.
constexpr const char* kOwnPaths[] = {"/openapi.json", "/healthz", "/livez"};
// How long /healthz waits for each service's health check.
constexpr auto kHealthCheckDeadline = std::chrono::seconds(2);

// Method label of the REST metrics: the methods cpp-httplib accepts, else "other".
std::string MethodLabel(const std::string& method) {
  static const char* kMethods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"};
  for (const char* m : kMethods) {
    if (method == m) return method;
  }
  return "other";
}

std::string RequestIdOf(absl::string_view given) {
  return platform::UsableRequestId(given) ? std::string(given) : platform::NewId();
}

// The request's path as sent, percent-encoded: route templates decode each segment
// once (cpp-httplib's req.path is already decoded, and decoding it again would turn
// "%2541" into "A" and an encoded "/" into a separator).
std::string RawPath(const httplib::Request& req) {
  const std::string path = req.target.substr(0, req.target.find('?'));
  return path.empty() ? req.path : path;
}

}  // namespace

struct Gateway::Impl {
  GatewayConfig config;
  std::string openapi;
  std::unique_ptr<Transcoder> transcoder;
  std::unique_ptr<platform::TokenVerifier> verifier;
  std::unique_ptr<platform::Metrics> metrics;
  prometheus::Family<prometheus::Counter>* requests = nullptr;
  prometheus::Family<prometheus::Histogram>* latency = nullptr;
  prometheus::Gauge* connections_waiting = nullptr;
  prometheus::Counter* connections_shed = nullptr;
  // One client per backend service, by context (grpc::GenericStub is gRPC's client
  // for calls by method path: the gateway forwards bytes it does not decode).
  std::map<std::string, std::unique_ptr<grpc::GenericStub>> backends;
  // The same channels' grpc.health.v1 clients, for /healthz.
  std::map<std::string, std::unique_ptr<grpc::health::v1::Health::Stub>> health;
  // gRPC path -> grpc_type label, for the metrics' labels.
  absl::flat_hash_map<std::string, std::string> known_grpc_methods;
  std::unique_ptr<httplib::Server> http;  // HTTPS, or HTTP with --plaintext-development
  std::shared_ptr<const platform::Transport> transport;
  std::shared_ptr<CertificateFiles> https_certificate;
  int http_port = 0, grpc_port = 0, health_port = 0;
  std::thread http_thread;
  std::unique_ptr<grpc::CallbackGenericService> proxy;
  std::unique_ptr<grpc::Server> grpc_server;
  std::unique_ptr<grpc::Server> health_server;  // --health-address: probes only
  std::unique_ptr<AnnualReportPage> annual_report;

  grpc::GenericStub* ContextBackend(absl::string_view grpc_path) {
    auto it = backends.find(ContextOf(grpc_path));
    return it == backends.end() ? nullptr : it->second.get();
  }

  // GET /healthz: each service's grpc.health.v1 status, asked at once of all of them;
  // 200 when every one is SERVING, else 503 (docs/operations.md, "Health").
  void Readiness(httplib::Response& res) {
    struct Check {
      grpc::ClientContext ctx;
      grpc::health::v1::HealthCheckResponse response;
      std::promise<grpc::Status> done;
    };
    std::map<std::string, std::unique_ptr<Check>> checks;
    grpc::health::v1::HealthCheckRequest request;
    for (const auto& [ctx, stub] : health) {
      auto check = std::make_unique<Check>();
      check->ctx.set_deadline(std::chrono::system_clock::now() + kHealthCheckDeadline);
      Check* c = check.get();
      stub->async()->Check(&c->ctx, &request, &c->response, [c](grpc::Status s) { c->done.set_value(s); });
      checks[ctx] = std::move(check);
    }
    nlohmann::json services = nlohmann::json::object();
    bool serving = true;
    for (auto& [ctx, check] : checks) {
      grpc::Status s = check->done.get_future().get();
      std::string status = !s.ok() ? "UNREACHABLE"
                                   : grpc::health::v1::HealthCheckResponse::ServingStatus_Name(check->response.status());
      serving &= status == "SERVING";
      services[ctx] = status;
    }
    res.status = serving ? 200 : 503;
    res.set_content(nlohmann::json{{"status", serving ? "SERVING" : "NOT_SERVING"}, {"services", services}}.dump(),
                    "application/json");
  }

  // One forwarded unary call; blocks this (HTTP worker) thread until it completes.
  grpc::Status Forward(grpc::GenericStub* backend, const std::string& grpc_path, const std::string& request,
                       std::string* response, const std::string& authorization, const std::string& request_id,
                       std::chrono::milliseconds extra_time) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", authorization);
    ctx.AddMetadata("x-request-id", request_id);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(config.deadline_ms) + extra_time);
    grpc::Slice slice(request);
    grpc::ByteBuffer in(&slice, 1), out;
    // Driven by this thread on a completion queue of its own, as gRPC's blocking stubs
    // do: the answer is read here, not on one of gRPC's threads that would then wake
    // this one (docs/operations.md, "The hot path").
    grpc::CompletionQueue queue;
    std::unique_ptr<grpc::GenericClientAsyncResponseReader> call =
        backend->PrepareUnaryCall(&ctx, grpc_path, in, &queue);
    call->StartCall();
    grpc::Status status;
    call->Finish(&out, &status, call.get());
    void* tag = nullptr;
    bool finished = false;
    if (!queue.Next(&tag, &finished) || tag != call.get() || !finished) {
      status = grpc::Status(grpc::StatusCode::INTERNAL, "the forwarded call did not complete");
    }
    queue.Shutdown();
    while (queue.Next(&tag, &finished)) {
    }
    if (status.ok()) {
      std::vector<grpc::Slice> slices;
      (void)out.Dump(&slices);
      response->clear();
      for (const auto& s : slices) response->append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
    return status;
  }

  // The methods the gateway serves on `path`: its own endpoints' or the routes'.
  std::vector<std::string> AllowedOn(const std::string& path) const {
    for (const char* own : kOwnPaths) {
      if (path == own) return {"GET", "HEAD"};
    }
    return transcoder->Match("GET", path).allowed;
  }

  void Reply(httplib::Response& res, const HttpError& error) {
    res.status = error.http_status;
    if (!error.allow.empty()) res.set_header("Allow", error.allow);
    res.set_content(StatusJson(platform::ToGrpcStatus(error.status)), "application/json");
  }

  void Record(const std::string& method, const std::string& route_label, int status, double seconds,
              const std::string& request_id) {
    const std::string method_label = MethodLabel(method);
    requests->Add({{"method", method_label}, {"route", route_label}, {"code", std::to_string(status)}}).Increment();
    latency->Add({{"method", method_label}, {"route", route_label}},
                 prometheus::Histogram::BucketBoundaries{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
                                                         2.5, 5, 10})
        .Observe(seconds);
    platform::log::ScopedRequestId scoped(request_id);
    platform::log::Info("http", {{"method", method_label}, {"route", route_label}, {"status", std::to_string(status)},
                                 {"ms", std::to_string(static_cast<int>(seconds * 1000))}});
  }

  void Handle(const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    std::string route_label = "unmatched";
    const std::string request_id = RequestIdOf(req.get_header_value("X-Request-Id"));
    res.set_header("X-Request-Id", request_id);
    if (auto error = Serve(req, res, request_id, route_label); error) Reply(res, *error);
    Record(req.method, route_label, res.status,
           std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), request_id);
  }

  // A status cpp-httplib set by itself (the request was too large or unreadable,
  // or its method one cpp-httplib cannot dispatch): none of our handlers ran, so
  // the body is still empty.
  void HandleLibraryRefusal(const httplib::Request& req, httplib::Response& res) {
    const std::string request_id = RequestIdOf(req.get_header_value("X-Request-Id"));
    res.set_header("X-Request-Id", request_id);
    LibraryRefusal refusal;
    refusal.http_status = res.status;
    refusal.method = req.method;
    refusal.target = req.target;
    refusal.path = req.path;
    // cpp-httplib files the peer's address as a header once every header is read.
    refusal.headers_read = req.has_header("REMOTE_ADDR");
    Reply(res, ForLibraryRefusal(refusal, req.path.empty() ? std::vector<std::string>{} : AllowedOn(RawPath(req))));
    Record(req.method, "unmatched", res.status, 0, request_id);
  }

  void HandleException(const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    const std::string request_id = RequestIdOf(req.get_header_value("X-Request-Id"));
    platform::log::ScopedRequestId scoped(request_id);
    platform::log::Error("http_exception", {{"method", MethodLabel(req.method)}, {"error", what}});
    res.set_header("X-Request-Id", request_id);
    Reply(res, {500, GatewayStatus(absl::StatusCode::kInternal, "internal error", "INTERNAL")});
  }

  std::optional<HttpError> Serve(const httplib::Request& req, httplib::Response& res, const std::string& request_id,
                                 std::string& route_label) {
    // The route table first: 404 and 405 are facts about the path, the same for
    // every caller, and /openapi.json publishes the table anyway.
    const std::string path = RawPath(req);
    RouteMatch match = transcoder->Match(req.method, path);
    if (!match.route) return NoRoute(req.method, req.path, AllowedOn(path));
    const Route& route = *match.route;
    route_label = route.path.text();

    const std::string authorization = req.get_header_value("Authorization");
    auto principal = verifier->VerifyHeader(authorization);
    if (!principal.ok()) return Refusal(principal.status());
    // From the URL only: httplib also files a form-encoded body under params.
    std::multimap<std::string, std::string> query;
    if (auto q = req.target.find('?'); q != std::string::npos) {
      for (absl::string_view pair : absl::StrSplit(req.target.substr(q + 1), '&', absl::SkipEmpty())) {
        auto eq = pair.find('=');
        std::string key(pair.substr(0, eq)), value(eq == absl::string_view::npos ? "" : pair.substr(eq + 1));
        query.emplace(PercentDecode(key, true), PercentDecode(value, true));
      }
    }
    if (route.grpc_path == kAnnualReportPath) {
      auto request = transcoder->Prepare(match, query, req.body);
      if (!request.ok()) return Refusal(request.status());
      auto page = annual_report->Write(*principal, *request, authorization, request_id);
      if (!page.ok()) return Refusal(page.status());
      res.status = 200;
      if (!page->disposition.empty()) res.set_header("Content-Disposition", page->disposition);
      res.set_content(page->body, page->content_type);
      return std::nullopt;
    }
    auto backend = BackendFor(route, query);
    if (!backend.ok()) return Refusal(backend.status());
    auto request = transcoder->Prepare(match, query, req.body);
    if (!request.ok()) return Refusal(request.status());
    std::string response;
    grpc::Status status = Forward(*backend, route.grpc_path, *request, &response, authorization, request_id,
                                  ExtraTimeFor(route, *request));
    if (!status.ok()) {
      res.status = HttpStatusFor(status.error_code());
      res.set_content(StatusJson(status), "application/json");
      return std::nullopt;
    }
    auto json = transcoder->ResponseJson(route, response);
    if (!json.ok()) return Refusal(json.status());
    res.status = 200;
    res.set_content(*json, "application/json");
    return std::nullopt;
  }

  static HttpError Refusal(const absl::Status& status) {
    return HttpError{HttpStatusFor(static_cast<int>(status.code())), status};
  }

  // The backend a route's call goes to: its context's service, or for a log every
  // service keeps the one named by ?service=, taken out of `query`.
  absl::StatusOr<grpc::GenericStub*> BackendFor(const Route& route, std::multimap<std::string, std::string>& query) {
    if (grpc::GenericStub* backend = ContextBackend(route.grpc_path)) return backend;
    auto [first, last] = query.equal_range(kServiceParameter);
    std::vector<std::string> named;
    for (auto it = first; it != last; ++it) named.push_back(it->second);
    ASSIGN_OR_RETURN(grpc::GenericStub * backend, NamedBackend(route.grpc_path, named, kServiceParameter));
    query.erase(first);
    return backend;
  }

  // For a log every service keeps, the backend of the one service `named` holds, as the
  // caller gave it in `field`; UNIMPLEMENTED for a method no backend serves.
  absl::StatusOr<grpc::GenericStub*> NamedBackend(absl::string_view grpc_path, const std::vector<std::string>& named,
                                                  absl::string_view field) {
    const std::string log = LogServedByEveryService(ContextOf(grpc_path));
    if (log.empty()) return absl::UnimplementedError(absl::StrCat("no backend serves ", grpc_path));
    std::vector<std::string> names;
    for (const auto& [name, backend] : backends) names.push_back(name);
    const std::string wanted = absl::StrCat("the service whose ", log, " to read: one of ", absl::StrJoin(names, ", "));
    if (named.size() != 1) return platform::InvalidArgument({{std::string(field), absl::StrCat("required once: ", wanted)}});
    auto it = backends.find(named.front());
    if (it == backends.end()) {
      return platform::InvalidArgument({{std::string(field), absl::StrCat("'", named.front(), "' is not ", wanted)}});
    }
    return it->second.get();
  }

  // A long poll of the event log may wait up to its `wait` before answering.
  static std::chrono::milliseconds ExtraTimeFor(const Route& route, const std::string& request) {
    if (route.grpc_path != kReadEvents) return std::chrono::milliseconds(0);
    adoption::events::v1::ReadEventsRequest read;
    if (!read.ParseFromString(request)) return std::chrono::milliseconds(0);
    auto wait = std::chrono::seconds(read.wait().seconds()) + std::chrono::nanoseconds(read.wait().nanos());
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        std::clamp<std::chrono::nanoseconds>(wait, std::chrono::nanoseconds(0), kMaxEventWait));
  }
};

namespace {

// Native gRPC pass-through: any unary method of a known context is forwarded to
// its service after the token is checked.
class ProxyReactor : public grpc::ServerGenericBidiReactor {
 public:
  ProxyReactor(grpc::GenericCallbackServerContext* ctx, Gateway::Impl* gw) : ctx_(ctx), gw_(gw) {
    StartRead(&request_);
  }
  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no request message"));
      return;
    }
    // Only methods of the contracts are forwarded: an invented path goes no further,
    // answered as gRPC answers any method no server provides.
    if (!gw_->known_grpc_methods.contains(ctx_->method())) {
      Finish(grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "unknown method"));
      return;
    }
    const auto& md = ctx_->client_metadata();
    auto auth = md.find("authorization");
    std::string authorization = auth == md.end() ? "" : std::string(auth->second.data(), auth->second.size());
    auto principal = gw_->verifier->VerifyHeader(authorization);
    if (!principal.ok()) {
      Finish(platform::ToGrpcStatus(principal.status()));
      return;
    }
    grpc::GenericStub* backend = gw_->ContextBackend(ctx_->method());
    if (!backend && !LogServedByEveryService(ContextOf(ctx_->method())).empty()) {
      std::vector<std::string> named;
      auto [first, last] = md.equal_range(kServiceMetadata);
      for (auto it = first; it != last; ++it) named.emplace_back(it->second.data(), it->second.size());
      auto chosen = gw_->NamedBackend(ctx_->method(), named, kServiceMetadata);
      if (!chosen.ok()) {
        Finish(platform::ToGrpcStatus(chosen.status()));
        return;
      }
      backend = *chosen;
    }
    if (!backend) {
      Finish(grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "unknown service"));
      return;
    }
    client_.AddMetadata("authorization", authorization);
    auto rid = md.find("x-request-id");
    client_.AddMetadata("x-request-id",
                        RequestIdOf(rid == md.end() ? "" : absl::string_view(rid->second.data(), rid->second.size())));
    // A long poll may wait up to kMaxEventWait before its answer, as over REST; the
    // caller's own deadline still bounds it.
    const auto wait = ctx_->method() == kReadEvents ? kMaxEventWait : std::chrono::seconds(0);
    auto deadline = std::chrono::system_clock::now() + std::chrono::milliseconds(gw_->config.deadline_ms) + wait;
    client_.set_deadline(std::min(deadline, ctx_->deadline()));
    backend->UnaryCall(&client_, ctx_->method(), grpc::StubOptions(), &request_, &response_, [this](grpc::Status s) {
      // The backend's status (with its google.rpc details) goes back unchanged.
      if (s.ok()) {
        StartWriteAndFinish(&response_, grpc::WriteOptions(), s);
      } else {
        Finish(s);
      }
    });
  }
  void OnDone() override { delete this; }

 private:
  grpc::GenericCallbackServerContext* ctx_;
  Gateway::Impl* gw_;
  grpc::ClientContext client_;
  grpc::ByteBuffer request_, response_;
};

class Proxy : public grpc::CallbackGenericService {
 public:
  explicit Proxy(Gateway::Impl* gw) : gw_(gw) {}
  grpc::ServerGenericBidiReactor* CreateReactor(grpc::GenericCallbackServerContext* ctx) override {
    return new ProxyReactor(ctx, gw_);
  }

 private:
  Gateway::Impl* gw_;
};

}  // namespace

Gateway::Gateway(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gateway::~Gateway() { Shutdown(); }

absl::StatusOr<std::unique_ptr<Gateway>> Gateway::Create(const GatewayConfig& config,
                                                         const std::string& descriptor_set,
                                                         const std::string& openapi_json) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->openapi = openapi_json;
  std::vector<std::string> prefixes;
  for (const auto& [ctx, address] : config.backends) prefixes.push_back(absl::StrCat("adoption.", ctx, "."));
  for (const char* every : {kEventsContext, kAuditContext, kRecordsContext, kReportsContext}) {
    prefixes.push_back(absl::StrCat("adoption.", every, "."));
  }
  auto transcoder = Transcoder::Create(descriptor_set, prefixes);
  if (!transcoder.ok()) return transcoder.status();
  impl->transcoder = *std::move(transcoder);
  for (const Route& route : impl->transcoder->routes()) {
    // ?service= must never shadow a field a later contract adds to the request.
    const auto* input = route.method->input_type();
    bool shadowed = false;
    for (int i = 0; i < input->field_count(); ++i) {
      shadowed |= input->field(i)->name() == kServiceParameter || input->field(i)->json_name() == kServiceParameter;
    }
    if (const std::string log = LogServedByEveryService(ContextOf(route.grpc_path)); !log.empty() && shadowed) {
      return absl::InvalidArgumentError(absl::StrCat(input->full_name(), " has a field named '", kServiceParameter,
                                                     "', which the gateway uses to pick the ", log));
    }
  }
  for (const auto& [path, method] : impl->transcoder->grpc_methods()) {
    impl->known_grpc_methods[path] = platform::GrpcTypeOf(*method);
  }
  // Its own services beside the pass-through, which are not in the contracts' image.
  impl->known_grpc_methods["/grpc.health.v1.Health/Check"] = "unary";
  impl->known_grpc_methods["/grpc.health.v1.Health/Watch"] = "server_stream";
  impl->known_grpc_methods["/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = "bidi_stream";
  impl->known_grpc_methods["/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = "bidi_stream";
  auto auth = config.Auth();
  if (!auth.ok()) return auth.status();
  auto verifier = platform::TokenVerifier::Create(*auth);
  if (!verifier.ok()) return verifier.status();
  impl->verifier = *std::move(verifier);
  auto metrics = platform::Metrics::Serve(config.metrics_address, config.metrics_port);
  if (!metrics.ok()) return metrics.status();
  impl->metrics = *std::move(metrics);
  impl->requests = &prometheus::BuildCounter()
                        .Name("gateway_http_requests_total")
                        .Help("REST requests by method, route template and HTTP status.")
                        .Register(impl->metrics->registry());
  impl->latency = &prometheus::BuildHistogram()
                       .Name("gateway_http_request_duration_seconds")
                       .Help("REST request latency by method and route template.")
                       .Register(impl->metrics->registry());
  impl->connections_waiting = &prometheus::BuildGauge()
                                   .Name("gateway_http_connections_waiting")
                                   .Help("REST connections waiting for a worker (at most --http-waiting).")
                                   .Register(impl->metrics->registry())
                                   .Add({});
  impl->connections_shed = &prometheus::BuildCounter()
                                .Name("gateway_http_connections_shed_total")
                                .Help("REST connections answered 503 because every worker was busy and "
                                      "--http-waiting connections waited already.")
                                .Register(impl->metrics->registry())
                                .Add({});
  // Mutual TLS to the services, TLS on both public ports (platform/rpc/transport.h).
  auto transport = platform::Transport::Create(config.transport);
  if (!transport.ok()) return transport.status();
  impl->transport = *transport;
  if (impl->transport->plaintext()) {
    impl->http = std::make_unique<httplib::Server>();
  } else {
    auto certificate = CertificateFiles::Load(config.transport.cert_file, config.transport.key_file,
                                              std::chrono::seconds(config.transport.reload_seconds));
    if (!certificate.ok()) return certificate.status();
    impl->https_certificate = *certificate;
    CertificateFiles* files = impl->https_certificate.get();
    impl->http = std::make_unique<httplib::SSLServer>([files](SSL_CTX& ctx) { return files->Configure(ctx); });
    if (!impl->http->is_valid()) return absl::InternalError("the HTTPS server could not be set up");
  }
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels;
  for (const auto& [ctx, address] : config.backends) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 60000);
    auto channel = impl->transport->Channel(address, args);
    impl->backends[ctx] = std::make_unique<grpc::GenericStub>(channel);
    impl->health[ctx] = grpc::health::v1::Health::NewStub(channel);
    channels[ctx] = channel;
  }
  auto agency = platform::Agency::Load(config.agency_file);
  if (!agency.ok()) return agency.status();
  auto statutory = platform::StatutoryTable::Load(config.statutory_table, annual_report::StatutoryKeys());
  if (!statutory.ok()) return statutory.status();
  impl->annual_report = std::make_unique<AnnualReportPage>(std::move(channels), *std::move(agency),
                                                           *std::move(statutory),
                                                           std::chrono::milliseconds(config.deadline_ms));
  return std::unique_ptr<Gateway>(new Gateway(std::move(impl)));
}

absl::Status Gateway::Start() {
  Impl* impl = impl_.get();
  const HttpWorkQueue::Options queue{.workers = impl->config.http_threads, .waiting = impl->config.http_waiting};
  impl->http->new_task_queue = [impl, queue] {
    return new HttpWorkQueue(queue, impl->connections_waiting, impl->connections_shed);
  };
  // Slow and idle clients let go of their worker (cpp-httplib's timeouts are per read
  // and write: a client trickling a request byte by byte is not cut short, which is
  // why the queue above is bounded and the ingress buffers requests).
  impl->http->set_read_timeout(impl->config.http_read_timeout_seconds);
  impl->http->set_write_timeout(impl->config.http_read_timeout_seconds);
  impl->http->set_keep_alive_timeout(impl->config.http_keep_alive_seconds);
  // A kept-alive connection holds its worker while it sends, so it is closed after this
  // many requests to let a waiting one in (cpp-httplib's default, 5, made a busy client
  // reconnect every fifth request).
  impl->http->set_keep_alive_max_count(kRequestsPerConnection);
  // A connection shed for want of a worker is answered at once and closed.
  impl->http->set_pre_routing_handler([impl](const httplib::Request& req, httplib::Response& res) {
    if (!HttpWorkQueue::Shedding()) return httplib::Server::HandlerResponse::Unhandled;
    const std::string request_id = RequestIdOf(req.get_header_value("X-Request-Id"));
    res.set_header("X-Request-Id", request_id);
    res.set_header("Retry-After", "1");
    res.set_header("Connection", "close");
    impl->Reply(res, {503, GatewayStatus(absl::StatusCode::kUnavailable,
                                         "the gateway is busy: every worker is serving another client; try again",
                                         "GATEWAY_BUSY")});
    impl->Record(req.method, "shed", res.status, 0, request_id);
    return httplib::Server::HandlerResponse::Handled;
  });
  // The services accept 4 MiB messages; a larger body is refused before it is read.
  impl->http->set_payload_max_length(kMaxBodyBytes);
  // Without it, small responses wait on the client's delayed ACK (~40 ms each).
  impl->http->set_tcp_nodelay(true);
  impl->http->Get("/openapi.json", [impl](const httplib::Request&, httplib::Response& res) {
    res.set_content(impl->openapi, "application/json");
  });
  impl->http->Get("/healthz", [impl](const httplib::Request&, httplib::Response& res) { impl->Readiness(res); });
  impl->http->Get("/livez", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{\"status\":\"SERVING\"}", "application/json");
  });
  // Every other request of every method cpp-httplib dispatches goes to Handle,
  // which answers from the route table (404, or 405 with Allow).
  auto handler = [impl](const httplib::Request& req, httplib::Response& res) { impl->Handle(req, res); };
  impl->http->Get(".*", handler);
  impl->http->Post(".*", handler);
  impl->http->Patch(".*", handler);
  impl->http->Put(".*", handler);
  impl->http->Delete(".*", handler);
  impl->http->Options(".*", handler);
  // cpp-httplib answers some requests itself (413, 414, an unreadable request or
  // an overlong header line) with an empty body; ours always have one.
  impl->http->set_error_handler(httplib::Server::HandlerWithResponse(
      [impl](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        impl->HandleLibraryRefusal(req, res);
        return httplib::Server::HandlerResponse::Handled;
      }));
  impl->http->set_exception_handler([impl](const httplib::Request& req, httplib::Response& res,
                                          std::exception_ptr ep) { impl->HandleException(req, res, ep); });
  if (impl->config.http_port == 0) {
    impl->http_port = impl->http->bind_to_any_port(impl->config.http_address);
  } else {
    impl->http_port =
        impl->http->bind_to_port(impl->config.http_address, impl->config.http_port) ? impl->config.http_port : -1;
  }
  if (impl->http_port <= 0) return absl::UnavailableError("cannot bind the HTTP port");
  WidenListenBacklog(impl->http_port);
  impl->http_thread = std::thread([impl] { impl->http->listen_after_bind(); });

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  // Its callers present bearer tokens, not certificates: TLS without client certificates.
  builder.AddListeningPort(impl->config.grpc_address, impl->transport->ServerCredentials(/*client_certificate=*/false),
                           &impl->grpc_port);
  impl->proxy = std::make_unique<Proxy>(impl);
  builder.RegisterCallbackGenericService(impl->proxy.get());
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(impl->metrics->ServerInterceptorFactory(
      [known = impl->known_grpc_methods](const std::string& path) -> std::optional<std::string> {
        auto it = known.find(path);
        if (it == known.end()) return std::nullopt;
        return it->second;
      }));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  impl->grpc_server = builder.BuildAndStart();
  if (!impl->grpc_server || impl->grpc_port == 0) return absl::UnavailableError("cannot bind the gRPC port");
  if (!impl->config.health_address.empty()) {
    // Its own server and threads: a probe is answered while every REST worker is busy
    // and connections are being shed (the gateway is alive, only loaded).
    grpc::ServerBuilder health;
    health.AddListeningPort(impl->config.health_address, grpc::InsecureServerCredentials(), &impl->health_port);
    impl->health_server = health.BuildAndStart();
    if (!impl->health_server || impl->health_port == 0) {
      return absl::UnavailableError(absl::StrCat("cannot listen on --health-address ", impl->config.health_address));
    }
  }
  platform::log::Info("started", {{"http_port", std::to_string(impl->http_port)},
                                  {"grpc_port", std::to_string(impl->grpc_port)},
                                  {"metrics_port", std::to_string(impl->metrics->port())},
                                  {"health_port", std::to_string(impl->health_port)},
                                  {"routes", std::to_string(impl->transcoder->routes().size())},
                                  {"tls", impl->transport->plaintext() ? "false" : "true"}});
  return absl::OkStatus();
}

int Gateway::http_port() const { return impl_->http_port; }
int Gateway::grpc_port() const { return impl_->grpc_port; }
int Gateway::metrics_port() const { return impl_->metrics->port(); }
int Gateway::health_port() const { return impl_->health_port; }

void Gateway::Shutdown() {
  if (!impl_) return;
  if (impl_->http->is_running()) impl_->http->stop();
  if (impl_->http_thread.joinable()) impl_->http_thread.join();
  if (impl_->grpc_server) {
    impl_->grpc_server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
    impl_->grpc_server.reset();
  }
  if (impl_->health_server) {
    impl_->health_server->Shutdown(std::chrono::system_clock::now());
    impl_->health_server.reset();
  }
}

}  // namespace gateway
