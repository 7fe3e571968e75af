#include "gateway/gateway.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <httplib.h>
#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <chrono>
#include <future>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gateway/transcoder.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/status.pb.h"
#include "platform/ids.h"
#include "platform/log.h"
#include "platform/metrics.h"

namespace gateway {

void GatewayConfig::Declare(platform::ConfigSpec& spec) {
  using platform::NonEmpty;
  spec.String("http-address", &http_address, "address REST/JSON is served on", NonEmpty())
      .Int("http-port", &http_port, "REST/JSON port (0: any free port)", 0, 65535)
      .String("grpc-address", &grpc_address, "host:port of the gRPC pass-through", NonEmpty())
      .String("metrics-address", &metrics_address, "address /metrics is served on", NonEmpty())
      .Int("metrics-port", &metrics_port, "port of /metrics (0: any free port)", 0, 65535)
      .Int("deadline-ms", &deadline_ms, "deadline of each forwarded call", 100, 120000)
      .Int("http-threads", &http_threads, "REST worker threads", 2, 1024)
      .String("jwt-secret", &jwt_secret, "HS256 secret for development tokens (>= 32 bytes)")
      .String("jwt-secret-file", &jwt_secret_file, "file holding the HS256 secret")
      .String("jwt-public-keys", &jwt_public_keys, "comma-separated PEM public key files of the identity provider")
      .String("jwt-issuer", &jwt_issuer, "expected token issuer", NonEmpty())
      .String("jwt-audience", &jwt_audience, "expected token audience", NonEmpty())
      .String("log-level", &log_level, "debug, info, warn or error", platform::OneOf({"debug", "info", "warn", "error"}));
  for (auto& [ctx, address] : backends) {
    spec.String(absl::StrCat(ctx, "-address"), &address, absl::StrCat("host:port of ", ctx, "-svc"), NonEmpty());
  }
}

absl::StatusOr<platform::AuthConfig> GatewayConfig::Auth() const {
  platform::AuthConfig auth;
  auth.issuer = jwt_issuer;
  auth.audience = jwt_audience;
  auth.hs256_secret = jwt_secret;
  if (!jwt_secret_file.empty()) {
    auto s = platform::ReadFile(jwt_secret_file);
    if (!s.ok()) return s.status();
    auth.hs256_secret = std::string(absl::StripTrailingAsciiWhitespace(*s));
  }
  for (absl::string_view path : absl::StrSplit(jwt_public_keys, ',', absl::SkipEmpty())) {
    auto pem = platform::ReadFile(std::string(path));
    if (!pem.ok()) return pem.status();
    auth.public_keys_pem.push_back(*pem);
  }
  return auth;
}

namespace {

// "/adoption.recruitment.v1.RecruitmentService/GetHousehold" -> "recruitment".
std::string ContextOf(absl::string_view grpc_path) {
  std::vector<absl::string_view> parts = absl::StrSplit(grpc_path.substr(1), '.');
  return parts.size() > 2 && parts[0] == "adoption" ? std::string(parts[1]) : "";
}

std::string StatusJson(const grpc::Status& status) {
  google::rpc::Status rpc;
  if (status.error_details().empty() || !rpc.ParseFromString(status.error_details())) {
    rpc.set_code(status.error_code());
    rpc.set_message(status.error_message());
  }
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(rpc, &json).ok()) {
    json = absl::StrCat("{\"code\":", static_cast<int>(status.error_code()), ",\"message\":\"internal error\"}");
  }
  return json;
}

grpc::Status FromAbsl(const absl::Status& s) {
  return grpc::Status(static_cast<grpc::StatusCode>(s.code()), std::string(s.message()));
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
  std::map<std::string, std::unique_ptr<grpc::GenericStub>> stubs;  // by context
  httplib::Server http;
  int http_port = 0, grpc_port = 0;
  std::thread http_thread;
  std::unique_ptr<grpc::CallbackGenericService> proxy;
  std::unique_ptr<grpc::Server> grpc_server;

  grpc::GenericStub* StubFor(absl::string_view grpc_path) {
    auto it = stubs.find(ContextOf(grpc_path));
    return it == stubs.end() ? nullptr : it->second.get();
  }

  // One forwarded unary call; blocks this (HTTP worker) thread until it completes.
  grpc::Status Forward(const std::string& grpc_path, const std::string& request, std::string* response,
                       const std::string& authorization, const std::string& request_id) {
    grpc::GenericStub* stub = StubFor(grpc_path);
    if (!stub) return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "no backend for this service");
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", authorization);
    ctx.AddMetadata("x-request-id", request_id);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(config.deadline_ms));
    grpc::Slice slice(request);
    grpc::ByteBuffer in(&slice, 1), out;
    std::promise<grpc::Status> done;
    stub->UnaryCall(&ctx, grpc_path, grpc::StubOptions(), &in, &out,
                    [&done](grpc::Status s) { done.set_value(std::move(s)); });
    grpc::Status status = done.get_future().get();
    if (status.ok()) {
      std::vector<grpc::Slice> slices;
      (void)out.Dump(&slices);
      response->clear();
      for (const auto& s : slices) response->append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
    return status;
  }

  void Handle(const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    std::string route_label = "unmatched";
    std::string request_id = req.get_header_value("X-Request-Id");
    if (request_id.empty() || request_id.size() > 64) request_id = platform::NewId();
    res.set_header("X-Request-Id", request_id);
    grpc::Status status = Serve(req, res, request_id, route_label);
    if (!status.ok()) {
      res.status = status.error_code() == grpc::StatusCode::UNIMPLEMENTED &&
                           status.error_message().find("is not allowed on") != std::string::npos
                       ? 405
                       : HttpStatusFor(status.error_code());
      res.set_content(StatusJson(status), "application/json");
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    requests->Add({{"method", req.method}, {"route", route_label}, {"code", std::to_string(res.status)}}).Increment();
    latency->Add({{"method", req.method}, {"route", route_label}},
                 prometheus::Histogram::BucketBoundaries{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
                                                         2.5, 5, 10})
        .Observe(seconds);
    platform::log::ScopedRequestId scoped(request_id);
    platform::log::Info("http", {{"method", req.method}, {"route", route_label}, {"status", std::to_string(res.status)},
                                 {"ms", std::to_string(static_cast<int>(seconds * 1000))}});
  }

  grpc::Status Serve(const httplib::Request& req, httplib::Response& res, const std::string& request_id,
                     std::string& route_label) {
    const std::string authorization = req.get_header_value("Authorization");
    auto principal = verifier->VerifyHeader(authorization);
    if (!principal.ok()) return FromAbsl(principal.status());
    // From the URL only: httplib also files a form-encoded body under params.
    std::multimap<std::string, std::string> query;
    if (auto q = req.target.find('?'); q != std::string::npos) {
      for (absl::string_view pair : absl::StrSplit(req.target.substr(q + 1), '&', absl::SkipEmpty())) {
        auto eq = pair.find('=');
        std::string key(pair.substr(0, eq)), value(eq == absl::string_view::npos ? "" : pair.substr(eq + 1));
        query.emplace(PercentDecode(key, true), PercentDecode(value, true));
      }
    }
    auto call = transcoder->Prepare(req.method, req.path, query, req.body);
    if (!call.ok()) return FromAbsl(call.status());
    route_label = call->route->path.text();
    std::string response;
    grpc::Status status = Forward(call->route->grpc_path, call->request, &response, authorization, request_id);
    if (!status.ok()) return status;
    auto json = transcoder->ResponseJson(*call->route, response);
    if (!json.ok()) return FromAbsl(json.status());
    res.status = 200;
    res.set_content(*json, "application/json");
    return grpc::Status::OK;
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
    const auto& md = ctx_->client_metadata();
    auto auth = md.find("authorization");
    std::string authorization = auth == md.end() ? "" : std::string(auth->second.data(), auth->second.size());
    auto principal = gw_->verifier->VerifyHeader(authorization);
    if (!principal.ok()) {
      Finish(FromAbsl(principal.status()));
      return;
    }
    grpc::GenericStub* stub = gw_->StubFor(ctx_->method());
    if (!stub) {
      Finish(grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "unknown service"));
      return;
    }
    client_.AddMetadata("authorization", authorization);
    auto rid = md.find("x-request-id");
    client_.AddMetadata("x-request-id",
                        rid == md.end() ? platform::NewId() : std::string(rid->second.data(), rid->second.size()));
    auto deadline = std::chrono::system_clock::now() + std::chrono::milliseconds(gw_->config.deadline_ms);
    client_.set_deadline(std::min(deadline, ctx_->deadline()));
    stub->UnaryCall(&client_, ctx_->method(), grpc::StubOptions(), &request_, &response_, [this](grpc::Status s) {
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
  auto transcoder = Transcoder::Create(descriptor_set, prefixes);
  if (!transcoder.ok()) return transcoder.status();
  impl->transcoder = *std::move(transcoder);
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
  for (const auto& [ctx, address] : config.backends) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 60000);
    impl->stubs[ctx] = std::make_unique<grpc::GenericStub>(
        grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args));
  }
  return std::unique_ptr<Gateway>(new Gateway(std::move(impl)));
}

absl::Status Gateway::Start() {
  Impl* impl = impl_.get();
  const int threads = impl->config.http_threads;
  impl->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // The services accept 4 MiB messages; a larger body is refused before it is read.
  impl->http.set_payload_max_length(4 * 1024 * 1024);
  // Without it, small responses wait on the client's delayed ACK (~40 ms each).
  impl->http.set_tcp_nodelay(true);
  impl->http.Get("/openapi.json", [impl](const httplib::Request&, httplib::Response& res) {
    res.set_content(impl->openapi, "application/json");
  });
  impl->http.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{\"status\":\"SERVING\"}", "application/json");
  });
  auto handler = [impl](const httplib::Request& req, httplib::Response& res) { impl->Handle(req, res); };
  impl->http.Get("/v1/.*", handler);
  impl->http.Post("/v1/.*", handler);
  impl->http.Patch("/v1/.*", handler);
  impl->http.Put("/v1/.*", handler);
  impl->http.Delete("/v1/.*", handler);
  if (impl->config.http_port == 0) {
    impl->http_port = impl->http.bind_to_any_port(impl->config.http_address);
  } else {
    impl->http_port =
        impl->http.bind_to_port(impl->config.http_address, impl->config.http_port) ? impl->config.http_port : -1;
  }
  if (impl->http_port <= 0) return absl::UnavailableError("cannot bind the HTTP port");
  impl->http_thread = std::thread([impl] { impl->http.listen_after_bind(); });

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(impl->config.grpc_address, grpc::InsecureServerCredentials(), &impl->grpc_port);
  impl->proxy = std::make_unique<Proxy>(impl);
  builder.RegisterCallbackGenericService(impl->proxy.get());
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(impl->metrics->ServerInterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  impl->grpc_server = builder.BuildAndStart();
  if (!impl->grpc_server || impl->grpc_port == 0) return absl::UnavailableError("cannot bind the gRPC port");
  platform::log::Info("started", {{"http_port", std::to_string(impl->http_port)},
                                  {"grpc_port", std::to_string(impl->grpc_port)},
                                  {"metrics_port", std::to_string(impl->metrics->port())},
                                  {"routes", std::to_string(impl->transcoder->routes().size())}});
  return absl::OkStatus();
}

int Gateway::http_port() const { return impl_->http_port; }
int Gateway::grpc_port() const { return impl_->grpc_port; }
int Gateway::metrics_port() const { return impl_->metrics->port(); }

void Gateway::Shutdown() {
  if (!impl_) return;
  if (impl_->http.is_running()) impl_->http.stop();
  if (impl_->http_thread.joinable()) impl_->http_thread.join();
  if (impl_->grpc_server) {
    impl_->grpc_server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
    impl_->grpc_server.reset();
  }
}

}  // namespace gateway
