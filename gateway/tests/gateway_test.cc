// The gateway as its clients meet it: its HTTP, gRPC and metrics ports on port 0,
// in front of fake backends that record what reaches them.
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "adoption/audit/v1/audit.grpc.pb.h"
#include "adoption/events/v1/event_log.pb.h"
#include "adoption/recruitment/v1/recruitment_service.pb.h"
#include "gateway/annual_report_page.h"
#include "gateway/gateway.h"
#include "health/v1/health.grpc.pb.h"
#include "platform/rpc/grpc_status.h"
#include "platform/rpc/request_id.h"
#include "platform/testing/certificates.h"
#include "platform/testing/testing.h"

namespace gateway {
namespace {

using nlohmann::json;
namespace rpb = adoption::recruitment::v1;
namespace epb = adoption::events::v1;
namespace apb = adoption::audit::v1;

// One backend: answers ReadEvents with its own head sequence, ListAuditEntries with
// one entry at that position, grpc.health.v1 Check with the status set, and anything
// else with a household; remembers every call.
class FakeBackend : public grpc::CallbackGenericService {
 public:
  struct Call {
    std::string method, request, request_id;
    std::chrono::milliseconds time_left{0};  // until the call's deadline, as it arrived
  };
  explicit FakeBackend(int64_t head_sequence,
                       std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials())
      : head_sequence_(head_sequence) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", credentials, &port_);
    builder.RegisterCallbackGenericService(this);
    server_ = builder.BuildAndStart();
  }
  ~FakeBackend() override { server_->Shutdown(std::chrono::system_clock::now()); }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }
  std::vector<Call> calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  void set_health(grpc::health::v1::HealthCheckResponse::ServingStatus status) { health_ = status; }

  grpc::ServerGenericBidiReactor* CreateReactor(grpc::GenericCallbackServerContext* ctx) override {
    class Reactor : public grpc::ServerGenericBidiReactor {
     public:
      Reactor(FakeBackend* b, grpc::GenericCallbackServerContext* ctx) : b_(b), ctx_(ctx) { StartRead(&in_); }
      void OnReadDone(bool ok) override {
        if (!ok) return Finish(grpc::Status::OK);
        std::vector<grpc::Slice> slices;
        (void)in_.Dump(&slices);
        Call call{ctx_->method(), "", "",
                  std::chrono::duration_cast<std::chrono::milliseconds>(ctx_->deadline() -
                                                                        std::chrono::system_clock::now())};
        for (const auto& s : slices) call.request.append(reinterpret_cast<const char*>(s.begin()), s.size());
        auto rid = ctx_->client_metadata().find("x-request-id");
        if (rid != ctx_->client_metadata().end()) call.request_id = std::string(rid->second.data(), rid->second.size());
        std::string reply;
        if (call.method == "/grpc.health.v1.Health/Check") {
          grpc::health::v1::HealthCheckResponse r;
          r.set_status(b_->health_);
          reply = r.SerializeAsString();
        } else if (call.method == "/adoption.events.v1.EventLogService/ReadEvents") {
          epb::ReadEventsResponse r;
          r.set_head_sequence(b_->head_sequence_);
          reply = r.SerializeAsString();
        } else if (call.method == "/adoption.audit.v1.AuditService/ListAuditEntries") {
          apb::ListAuditEntriesResponse r;
          r.add_audit_entries()->set_position(b_->head_sequence_);
          reply = r.SerializeAsString();
        } else {
          rpb::Household h;
          h.set_name("households/h1");
          reply = h.SerializeAsString();
        }
        {
          std::lock_guard<std::mutex> lock(b_->mu_);
          b_->calls_.push_back(std::move(call));
        }
        grpc::Slice slice(reply);
        out_ = grpc::ByteBuffer(&slice, 1);
        StartWriteAndFinish(&out_, grpc::WriteOptions(), grpc::Status::OK);
      }
      void OnDone() override { delete this; }

     private:
      FakeBackend* b_;
      grpc::GenericCallbackServerContext* ctx_;
      grpc::ByteBuffer in_, out_;
    };
    return new Reactor(this, ctx);
  }

 private:
  int64_t head_sequence_;
  std::atomic<grpc::health::v1::HealthCheckResponse::ServingStatus> health_{
      grpc::health::v1::HealthCheckResponse::SERVING};
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
  std::mutex mu_;
  std::vector<Call> calls_;
};

std::string DescriptorSet() {
  std::ifstream in(ADOPTION_DESCRIPTOR_SET, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class GatewayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    recruitment_ = new FakeBackend(100);
    panel_ = new FakeBackend(200);
    GatewayConfig config;
    config.http_address = "127.0.0.1";
    config.http_port = 0;
    config.grpc_address = "127.0.0.1:0";
    config.metrics_address = "127.0.0.1";
    config.metrics_port = 0;
    config.http_threads = 4;
    config.transport.plaintext_development = true;
    config.backends = {{"recruitment", recruitment_->address()}, {"panel", panel_->address()}};
    config.jwt.secret = platform::testing::TestAuth().hs256_secret;
    config.jwt.issuer = platform::testing::TestAuth().issuer;
    config.jwt.audience = platform::testing::TestAuth().audience;
    config.log_level = "error";
    gateway_ = Gateway::Create(config, DescriptorSet(), R"({"swagger":"2.0"})").value().release();
    ASSERT_TRUE(gateway_->Start().ok());
  }
  static void TearDownTestSuite() {
    delete gateway_;
    delete panel_;
    delete recruitment_;
  }

  static httplib::Client Http() {
    httplib::Client c("127.0.0.1", gateway_->http_port());
    c.set_read_timeout(10, 0);
    return c;
  }
  static httplib::Headers Bearer(std::vector<platform::Role> roles) {
    return {{"Authorization", "Bearer " + platform::testing::TokenFor(std::move(roles))}};
  }
  static std::string Metrics() {
    httplib::Client c("127.0.0.1", gateway_->metrics_port());
    auto r = c.Get("/metrics");
    return r && r->status == 200 ? r->body : "";
  }
  // The value of the one sample whose line starts with `series`, or -1.
  static double Sample(const std::string& metrics, const std::string& series) {
    std::istringstream in(metrics);
    for (std::string line; std::getline(in, line);) {
      if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
    }
    return -1;
  }

  static inline FakeBackend* recruitment_ = nullptr;
  static inline FakeBackend* panel_ = nullptr;
  static inline Gateway* gateway_ = nullptr;
};

// A google.rpc.Status body with `code` and an ErrorInfo naming `reason`.
void ExpectStatusJson(const httplib::Result& r, int http_status, int code, const std::string& reason) {
  ASSERT_TRUE(r) << "no response";
  EXPECT_EQ(r->status, http_status) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  json status = json::parse(r->body, nullptr, false);
  ASSERT_FALSE(status.is_discarded()) << "not JSON: '" << r->body << "'";
  EXPECT_EQ(status.value("code", -1), code) << r->body;
  EXPECT_FALSE(status.value("message", "").empty()) << r->body;
  ASSERT_TRUE(status.contains("details")) << r->body;
  ASSERT_EQ(status["details"].size(), 1u) << r->body;
  EXPECT_EQ(status["details"][0]["@type"], "type.googleapis.com/google.rpc.ErrorInfo");
  EXPECT_EQ(status["details"][0]["reason"], reason);
  EXPECT_FALSE(r->get_header_value("X-Request-Id").empty());
}

TEST_F(GatewayTest, ABodyOverTheLimitIs413StatusJson) {
  auto http = Http();
  std::string body(4 * 1024 * 1024 + 1, ' ');
  ExpectStatusJson(http.Post("/v1/households", Bearer({platform::Role::kManager}), body, "application/json"), 413,
                   8, "BODY_TOO_LARGE");
}

TEST_F(GatewayTest, ARequestLineOverTheLimitIs414StatusJson) {
  auto http = Http();
  ExpectStatusJson(http.Get(("/v1/households/" + std::string(9000, 'a')).c_str()), 414, 3, "URI_TOO_LONG");
}

TEST_F(GatewayTest, AHeaderLineOverTheLimitIs431StatusJson) {
  auto http = Http();
  ExpectStatusJson(http.Get("/v1/households", {{"X-Padding", std::string(9000, 'a')}}), 431, 3, "HEADER_TOO_LARGE");
}

TEST_F(GatewayTest, AnUnknownPathIs404StatusJsonBeforeAnyToken) {
  auto http = Http();
  ExpectStatusJson(http.Get("/v1/nothing"), 404, 5, "ROUTE_NOT_FOUND");
  ExpectStatusJson(http.Get("/nothing/at/all"), 404, 5, "ROUTE_NOT_FOUND");
  ExpectStatusJson(http.Options("/v1/nothing"), 404, 5, "ROUTE_NOT_FOUND");
}

TEST_F(GatewayTest, AWrongMethodIs405WithTheMethodsTheRouteTableAllows) {
  auto http = Http();
  auto del = http.Delete("/v1/households/h1", Bearer({platform::Role::kManager}));
  ExpectStatusJson(del, 405, 12, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(del->get_header_value("Allow"), "GET, HEAD, PATCH");
  auto put = http.Put("/v1/households", "{}", "application/json");
  ExpectStatusJson(put, 405, 12, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(put->get_header_value("Allow"), "GET, HEAD, POST");
  auto post_openapi = http.Post("/openapi.json", "{}", "application/json");
  ExpectStatusJson(post_openapi, 405, 12, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(post_openapi->get_header_value("Allow"), "GET, HEAD");
  // A method cpp-httplib cannot dispatch is decided by the same table.
  httplib::Request trace;
  trace.method = "TRACE";
  trace.path = "/v1/households";
  auto traced = http.send(trace);
  ExpectStatusJson(traced, 405, 12, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(traced->get_header_value("Allow"), "GET, HEAD, POST");
  // The route's own method still reaches the backend.
  auto get = http.Get("/v1/households/h1", Bearer({platform::Role::kManager}));
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200) << get->body;
}

TEST_F(GatewayTest, TheEventLogIsReadFromTheServiceNamedByTheServiceParameter) {
  auto http = Http();
  auto panel = http.Get("/v1/events?service=panel&afterSequence=7", Bearer({platform::Role::kService}));
  ASSERT_TRUE(panel);
  ASSERT_EQ(panel->status, 200) << panel->body;
  EXPECT_EQ(json::parse(panel->body)["headSequence"], "200");
  auto calls = panel_->calls();
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back().method, "/adoption.events.v1.EventLogService/ReadEvents");
  epb::ReadEventsRequest request;
  ASSERT_TRUE(request.ParseFromString(calls.back().request));
  EXPECT_EQ(request.after_sequence(), 7);

  auto recruitment = http.Get("/v1/events?service=recruitment", Bearer({platform::Role::kService}));
  ASSERT_TRUE(recruitment);
  ASSERT_EQ(recruitment->status, 200) << recruitment->body;
  EXPECT_EQ(json::parse(recruitment->body)["headSequence"], "100");

  for (const char* target : {"/v1/events", "/v1/events?service=nowhere", "/v1/events?service=panel&service=panel"}) {
    auto refused = http.Get(target, Bearer({platform::Role::kService}));
    ASSERT_TRUE(refused) << target;
    EXPECT_EQ(refused->status, 400) << target;
    json status = json::parse(refused->body);
    EXPECT_EQ(status["code"], 3) << target;
    EXPECT_EQ(status["details"][0]["fieldViolations"][0]["field"], "service") << target;
  }
}

// A long poll waits up to 30 s for an event: over REST and gRPC alike the gateway gives
// the service that long on top of its own deadline for a call (10 s here).
TEST_F(GatewayTest, ALongPollGetsItsWaitOnTopOfTheDeadlineOverRestAndGrpc) {
  auto http = Http();
  http.set_read_timeout(60, 0);
  auto rest = http.Get("/v1/events?service=panel&wait=20s", Bearer({platform::Role::kService}));
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest->status, 200) << rest->body;
  EXPECT_GT(panel_->calls().back().time_left, std::chrono::seconds(25));

  auto stub = epb::EventLogService::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", gateway_->grpc_port()), grpc::InsecureChannelCredentials()));
  const auto read = [&](std::chrono::seconds deadline) {
    grpc::ClientContext ctx;
    platform::testing::Authorize(ctx, {platform::Role::kService});
    ctx.AddMetadata("adoption-service", "panel");
    ctx.set_deadline(std::chrono::system_clock::now() + deadline);
    epb::ReadEventsRequest request;
    request.mutable_wait()->set_seconds(20);
    epb::ReadEventsResponse response;
    grpc::Status s = stub->ReadEvents(&ctx, request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return panel_->calls().back().time_left;
  };
  EXPECT_GT(read(std::chrono::seconds(60)), std::chrono::seconds(25));
  // The caller's own deadline still bounds it.
  EXPECT_LT(read(std::chrono::seconds(3)), std::chrono::seconds(4));
  // Any other call: the gateway's deadline.
  grpc::ClientContext ctx;
  platform::testing::Authorize(ctx, {platform::Role::kManager});
  ctx.AddMetadata("adoption-service", "panel");
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  apb::ListAuditEntriesResponse entries;
  ASSERT_TRUE(apb::AuditService::NewStub(grpc::CreateChannel(absl::StrCat("127.0.0.1:", gateway_->grpc_port()),
                                                             grpc::InsecureChannelCredentials()))
                  ->ListAuditEntries(&ctx, apb::ListAuditEntriesRequest(), &entries)
                  .ok());
  EXPECT_LT(panel_->calls().back().time_left, std::chrono::seconds(11));  // gRPC rounds a timeout up
}

// Every service keeps its audit log: a manager names whose in ?service= (REST) or the
// adoption-service metadata (gRPC), and the question goes to that service alone.
TEST_F(GatewayTest, TheAuditLogIsAskedOfTheServiceNamedByRestParameterOrGrpcMetadata) {
  auto http = Http();
  auto panel = http.Get("/v1/auditEntries?service=panel&resourceId=c1&pageSize=5", Bearer({platform::Role::kManager}));
  ASSERT_TRUE(panel);
  ASSERT_EQ(panel->status, 200) << panel->body;
  EXPECT_EQ(json::parse(panel->body)["auditEntries"][0]["position"], "200");
  auto calls = panel_->calls();
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back().method, "/adoption.audit.v1.AuditService/ListAuditEntries");
  apb::ListAuditEntriesRequest request;
  ASSERT_TRUE(request.ParseFromString(calls.back().request));
  EXPECT_EQ(request.resource_id(), "c1");
  EXPECT_EQ(request.page_size(), 5);
  for (const char* target : {"/v1/auditEntries", "/v1/auditEntries?service=events",
                             "/v1/auditEntries?service=panel&service=recruitment"}) {
    auto refused = http.Get(target, Bearer({platform::Role::kManager}));
    ASSERT_TRUE(refused) << target;
    EXPECT_EQ(refused->status, 400) << target;
    json status = json::parse(refused->body);
    EXPECT_EQ(status["details"][0]["fieldViolations"][0]["field"], "service") << target;
  }

  auto stub = apb::AuditService::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", gateway_->grpc_port()), grpc::InsecureChannelCredentials()));
  auto ask = [&](std::vector<std::string> services, apb::ListAuditEntriesResponse* response) {
    grpc::ClientContext ctx;
    platform::testing::Authorize(ctx, {platform::Role::kManager});
    for (const std::string& service : services) ctx.AddMetadata("adoption-service", service);
    return stub->ListAuditEntries(&ctx, apb::ListAuditEntriesRequest(), response);
  };
  apb::ListAuditEntriesResponse response;
  grpc::Status s = ask({"recruitment"}, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(response.audit_entries_size(), 1);
  EXPECT_EQ(response.audit_entries(0).position(), 100);
  for (const auto& services : std::vector<std::vector<std::string>>{{}, {"nowhere"}, {"panel", "recruitment"}}) {
    const size_t before = recruitment_->calls().size() + panel_->calls().size();
    s = ask(services, &response);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
    EXPECT_EQ(platform::testing::ViolatedFields(s), std::vector<std::string>{"adoption-service"});
    EXPECT_EQ(recruitment_->calls().size() + panel_->calls().size(), before);
  }
}

// /healthz is the services' readiness (a load balancer's view of the suite), /livez the
// gateway's own (an orchestrator's liveness probe: a service down must not restart it).
TEST_F(GatewayTest, HealthzIsTheServicesReadinessAndLivezTheGatewaysOwn) {
  auto http = Http();
  auto ready = http.Get("/healthz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200) << ready->body;
  EXPECT_EQ(json::parse(ready->body),
            json::parse(R"({"status":"SERVING","services":{"panel":"SERVING","recruitment":"SERVING"}})"));

  panel_->set_health(grpc::health::v1::HealthCheckResponse::NOT_SERVING);
  auto not_ready = http.Get("/healthz");
  panel_->set_health(grpc::health::v1::HealthCheckResponse::SERVING);
  ASSERT_TRUE(not_ready);
  EXPECT_EQ(not_ready->status, 503) << not_ready->body;
  EXPECT_EQ(json::parse(not_ready->body),
            json::parse(R"({"status":"NOT_SERVING","services":{"panel":"NOT_SERVING","recruitment":"SERVING"}})"));

  auto live = http.Get("/livez");
  ASSERT_TRUE(live);
  EXPECT_EQ(live->status, 200) << live->body;
}

// A TCP connection to `port` that sends nothing (an idle or very slow client).
int IdleConnection(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// True once the gateway has closed `fd` (a read returns end of file), within `limit`.
bool ClosedByTheGateway(int fd, std::chrono::seconds limit) {
  timeval tv{.tv_sec = static_cast<time_t>(limit.count()), .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char c;
  return recv(fd, &c, 1, 0) == 0;
}

// Idle clients hold the workers only for the keep-alive time; while they do, the next
// connections wait (at most --http-waiting) and those beyond are answered 503 at once,
// never left hanging, while the probes' port (--health-address) answers SERVING;
// afterwards the gateway serves again.
TEST_F(GatewayTest, IdleClientsCannotHoldTheWorkersAndTheRestAreAnswered503) {
  GatewayConfig config;
  config.http_address = "127.0.0.1";
  config.grpc_address = "127.0.0.1:0";
  config.metrics_address = "127.0.0.1";
  config.http_threads = 2;
  config.transport.plaintext_development = true;
  config.http_waiting = 1;
  config.http_keep_alive_seconds = 2;
  config.http_read_timeout_seconds = 2;
  config.health_address = "127.0.0.1:0";
  config.backends = {{"recruitment", recruitment_->address()}, {"panel", panel_->address()}};
  config.jwt.secret = platform::testing::TestAuth().hs256_secret;
  config.jwt.issuer = platform::testing::TestAuth().issuer;
  config.jwt.audience = platform::testing::TestAuth().audience;
  config.log_level = "error";
  auto gateway = Gateway::Create(config, DescriptorSet(), R"({"swagger":"2.0"})").value();
  ASSERT_TRUE(gateway->Start().ok());
  // Two idle connections hold the two workers; a third waits for one.
  std::vector<int> idle;
  for (int i = 0; i < 3; ++i) {
    idle.push_back(IdleConnection(gateway->http_port()));
    ASSERT_GE(idle.back(), 0);
  }
  httplib::Client metrics("127.0.0.1", gateway->metrics_port());
  auto sample = [&](const std::string& series) {
    auto r = metrics.Get("/metrics");
    return r ? Sample(r->body, series) : -1;
  };
  for (int i = 0; i < 100 && sample("gateway_http_connections_waiting") < 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(sample("gateway_http_connections_waiting"), 1);
  // The next client is answered, 503 with Retry-After, not left waiting behind them.
  httplib::Client client("127.0.0.1", gateway->http_port());
  client.set_read_timeout(30, 0);
  auto busy = client.Get("/livez");
  ExpectStatusJson(busy, 503, 14, "GATEWAY_BUSY");
  EXPECT_EQ(busy->get_header_value("Retry-After"), "1");
  EXPECT_EQ(sample("gateway_http_connections_shed_total"), 1);
  // The probes' port answers meanwhile: a loaded gateway is not restarted as dead.
  ASSERT_GT(gateway->health_port(), 0);
  {
    auto health = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", gateway->health_port()), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    grpc::health::v1::HealthCheckResponse response;
    ASSERT_TRUE(health->Check(&ctx, {}, &response).ok());
    EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  }
  // The idle connections are let go (two after the keep-alive time, the third once it
  // had a worker and stayed silent as long), and the gateway serves again.
  for (int fd : idle) {
    EXPECT_TRUE(ClosedByTheGateway(fd, std::chrono::seconds(20)));
    close(fd);
  }
  httplib::Client after("127.0.0.1", gateway->http_port());
  auto live = after.Get("/livez");
  ASSERT_TRUE(live);
  EXPECT_EQ(live->status, 200) << live->body;
  EXPECT_EQ(sample("gateway_http_connections_waiting"), 0);
  gateway->Shutdown();
}

// With certificates: HTTPS and TLS gRPC for callers, mutual TLS to the services, and a
// renewed HTTPS certificate served without a restart; plain HTTP is not answered.
TEST(GatewayTls, HttpsAndTlsGrpcOutsideMutualTlsToTheServicesAndRenewal) {
  platform::testing::TestCertificates certs;
  const std::string ca = certs.NewAuthority("suite-ca");
  auto backend_cert = certs.Issue(ca, "recruitment", "recruitment");
  auto gateway_cert = certs.Issue(ca, "gateway", "gateway");
  auto backend_transport = platform::Transport::Create({.cert_file = backend_cert.cert,
                                                        .key_file = backend_cert.key,
                                                        .ca_file = ca})
                               .value();
  FakeBackend backend(7, backend_transport->ServerCredentials());
  GatewayConfig config;
  config.http_address = "127.0.0.1";
  config.grpc_address = "127.0.0.1:0";
  config.metrics_address = "127.0.0.1";
  config.backends = {{"recruitment", backend.address()}};
  config.transport = {.cert_file = gateway_cert.cert, .key_file = gateway_cert.key, .ca_file = ca,
                      .reload_seconds = 1};
  config.jwt.secret = platform::testing::TestAuth().hs256_secret;
  config.jwt.issuer = platform::testing::TestAuth().issuer;
  config.jwt.audience = platform::testing::TestAuth().audience;
  config.log_level = "error";
  auto gateway = Gateway::Create(config, DescriptorSet(), R"({"swagger":"2.0"})").value();
  ASSERT_TRUE(gateway->Start().ok());
  auto https = [&](const std::string& trusted_ca) {
    httplib::Client c("https://127.0.0.1:" + std::to_string(gateway->http_port()));
    c.set_ca_cert_path(trusted_ca.c_str());
    c.enable_server_certificate_verification(true);
    c.set_read_timeout(10, 0);
    return c;
  };
  // /healthz over HTTPS reaches the backend's health over mutual TLS.
  auto ready = https(ca).Get("/healthz");
  ASSERT_TRUE(ready) << httplib::to_string(ready.error());
  EXPECT_EQ(ready->status, 200) << ready->body;
  EXPECT_EQ(json::parse(ready->body)["services"]["recruitment"], "SERVING");
  // A REST call is forwarded over it too.
  auto household = https(ca).Get("/v1/households/h1", httplib::Headers{{"Authorization", "Bearer " + platform::testing::TokenFor({platform::Role::kManager})}});
  ASSERT_TRUE(household);
  EXPECT_EQ(household->status, 200) << household->body;
  // Plain HTTP gets no answer.
  httplib::Client plain("127.0.0.1", gateway->http_port());
  plain.set_read_timeout(5, 0);
  auto refused = plain.Get("/livez");
  EXPECT_TRUE(!refused || refused->status != 200);
  // The gRPC port: TLS, the caller trusting the CA and presenting no certificate.
  grpc::experimental::TlsChannelCredentialsOptions options;
  options.set_certificate_provider(std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(ca, 1));
  options.watch_root_certs();
  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(gateway->grpc_port()),
                                     grpc::experimental::TlsCredentials(options));
  grpc::ClientContext ctx;
  grpc::health::v1::HealthCheckResponse health;
  EXPECT_TRUE(grpc::health::v1::Health::NewStub(channel)->Check(&ctx, {}, &health).ok());
  // Renewal: a certificate from another authority replaces the files; a client that
  // trusts only that authority is refused before and served after, without a restart.
  const std::string next_ca = certs.NewAuthority("next-ca");
  auto renewed = certs.Issue(next_ca, "gateway", "renewed");
  EXPECT_FALSE(https(next_ca).Get("/livez"));
  std::filesystem::copy_file(renewed.key, gateway_cert.key + ".new");
  std::filesystem::copy_file(renewed.cert, gateway_cert.cert + ".new");
  std::filesystem::rename(gateway_cert.key + ".new", gateway_cert.key);
  std::filesystem::rename(gateway_cert.cert + ".new", gateway_cert.cert);
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto live = https(next_ca).Get("/livez");
    served = live && live->status == 200;
  }
  EXPECT_TRUE(served);
  EXPECT_FALSE(https(ca).Get("/livez")) << "the old certificate is no longer served";
  gateway->Shutdown();
}

// The path reaches the service decoded once: "%2541" is the text "%41".
TEST_F(GatewayTest, APathIsDecodedOnceOnItsWayToTheService) {
  auto http = Http();
  http.set_url_encode(false);
  auto got = http.Get("/v1/households/h%2541", Bearer({platform::Role::kManager}));
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 200) << got->body;
  auto calls = recruitment_->calls();
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back().method, "/adoption.recruitment.v1.RecruitmentService/GetHousehold");
  rpb::GetHouseholdRequest request;
  ASSERT_TRUE(request.ParseFromString(calls.back().request));
  EXPECT_EQ(request.name(), "households/h%41");
}

// The document the gateway serves is generated from proto/: the event log's route is
// in it like every context's.
TEST(OpenApi, TheGeneratedDocumentHasTheEventAndAuditLogRoutesTheGatewayServes) {
  std::ifstream in(ADOPTION_OPENAPI);
  std::stringstream ss;
  ss << in.rdbuf();
  const nlohmann::json doc = nlohmann::json::parse(ss.str());
  const nlohmann::json& paths = doc.at("paths");
  ASSERT_TRUE(paths.contains("/v1/events")) << "paths: " << paths.size();
  EXPECT_TRUE(paths.at("/v1/events").contains("get"));
  for (const auto& [log, method] : std::vector<std::pair<std::string, std::string>>{
           {"/v1/events", "get"},
           {"/v1/auditEntries", "get"},
           {"/v1/dueRecords", "get"},
           {"/v1/legalHolds", "post"},
           {"/v1/legalHolds/{legalHold_id}:release", "post"},
           {"/v1/disposals", "post"},
           {"/v1/disclosures:export", "post"}}) {
    ASSERT_TRUE(paths.contains(log)) << log << " among " << paths.size() << " paths";
    ASSERT_TRUE(paths.at(log).contains(method)) << log;
    bool named = false;  // the gateway's ?service=, required, one of the five services
    for (const auto& p : paths.at(log).at(method).at("parameters")) {
      if (p.at("name") != "service") continue;
      named = p.at("in") == "query" && p.at("required") == true && p.at("enum").size() == 5;
    }
    EXPECT_TRUE(named) << log;
  }
  EXPECT_TRUE(paths.contains("/v1/households"));
  // A path's parameter is named by its collection's singular, "-ies" as "-y" too.
  EXPECT_TRUE(paths.contains("/v1/adoptiveFamilies/{adoptiveFamily_id}"));
  EXPECT_TRUE(paths.contains("/v1/children/{child_id}"));
  // The annual report, which the gateway writes itself: no ?service=, the year in the path.
  ASSERT_TRUE(paths.contains("/v1/annualReports/{year}"));
  for (const auto& p : paths.at("/v1/annualReports/{year}").at("get").at("parameters")) {
    EXPECT_NE(p.at("name"), "service");
    if (p.at("name") == "year") {
      EXPECT_EQ(p.at("in"), "path");
    }
  }
  for (const auto& [path, methods] : paths.items()) EXPECT_EQ(path.find("ie_id}"), std::string::npos) << path;
}

TEST_F(GatewayTest, RequestIdsAreKeptOnlyWhenThePlatformRuleAcceptsThem) {
  auto http = Http();
  auto headers = Bearer({platform::Role::kManager});
  headers.emplace("X-Request-Id", "client-id_1.2");
  auto kept = http.Get("/v1/households/h1", headers);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->get_header_value("X-Request-Id"), "client-id_1.2");
  EXPECT_EQ(recruitment_->calls().back().request_id, "client-id_1.2");

  auto bad = Bearer({platform::Role::kManager});
  bad.emplace("X-Request-Id", "not ok/\"id\"");
  auto replaced = http.Get("/v1/households/h1", bad);
  ASSERT_TRUE(replaced);
  const std::string minted = replaced->get_header_value("X-Request-Id");
  EXPECT_NE(minted, "not ok/\"id\"");
  EXPECT_TRUE(platform::UsableRequestId(minted)) << minted;
  EXPECT_EQ(recruitment_->calls().back().request_id, minted);

  // The gRPC pass-through applies the same rule.
  grpc::GenericStub stub(grpc::CreateChannel(absl::StrCat("127.0.0.1:", gateway_->grpc_port()),
                                             grpc::InsecureChannelCredentials()));
  for (const std::string& given : std::vector<std::string>{"grpc-id.9", std::string(65, 'x')}) {
    grpc::ClientContext ctx;
    platform::testing::Authorize(ctx, {platform::Role::kManager});
    ctx.AddMetadata("x-request-id", given);
    rpb::GetHouseholdRequest request;
    request.set_name("households/h1");
    grpc::Slice slice(request.SerializeAsString());
    grpc::ByteBuffer in(&slice, 1), out;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&ctx, "/adoption.recruitment.v1.RecruitmentService/GetHousehold", grpc::StubOptions(), &in, &out,
                   [&done](grpc::Status s) { done.set_value(std::move(s)); });
    ASSERT_TRUE(done.get_future().get().ok());
    const std::string forwarded = recruitment_->calls().back().request_id;
    EXPECT_TRUE(platform::UsableRequestId(forwarded)) << forwarded;
    EXPECT_EQ(forwarded == given, platform::UsableRequestId(given)) << given;
  }
}

TEST(RequestId, AcceptsOneTo64SafeCharacters) {
  EXPECT_TRUE(platform::UsableRequestId("a"));
  EXPECT_TRUE(platform::UsableRequestId("01HZX-req_1.2"));
  EXPECT_TRUE(platform::UsableRequestId(std::string(64, 'z')));
  EXPECT_FALSE(platform::UsableRequestId(""));
  EXPECT_FALSE(platform::UsableRequestId(std::string(65, 'z')));
  EXPECT_FALSE(platform::UsableRequestId("has space"));
  EXPECT_FALSE(platform::UsableRequestId("new\nline"));
  EXPECT_FALSE(platform::UsableRequestId("caf\xc3\xa9"));
  EXPECT_FALSE(platform::UsableRequestId("a/b"));
}

TEST_F(GatewayTest, InventedGrpcMethodsAreCountedAsUnknownAndNeverForwarded) {
  grpc::GenericStub stub(grpc::CreateChannel(absl::StrCat("127.0.0.1:", gateway_->grpc_port()),
                                             grpc::InsecureChannelCredentials()));
  auto call = [&](const std::string& method) {
    grpc::ClientContext ctx;
    platform::testing::Authorize(ctx, {platform::Role::kManager});
    grpc::Slice slice(std::string{});
    grpc::ByteBuffer in(&slice, 1), out;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&ctx, method, grpc::StubOptions(), &in, &out,
                   [&done](grpc::Status s) { done.set_value(std::move(s)); });
    return done.get_future().get();
  };
  const std::string unknown =
      R"(grpc_server_handled_total{grpc_code="Unimplemented",grpc_method="unknown",grpc_service="unknown",grpc_type="unknown"})";
  const std::string known =
      R"(grpc_server_handled_total{grpc_code="OK",grpc_method="GetHousehold",grpc_service="adoption.recruitment.v1.RecruitmentService",grpc_type="unary"})";
  const double unknown_before = std::max(0.0, Sample(Metrics(), unknown));
  const double known_before = std::max(0.0, Sample(Metrics(), known));
  const size_t forwarded_before = recruitment_->calls().size();

  EXPECT_EQ(call("/adoption.recruitment.v1.RecruitmentService/NoSuchMethod").error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(call("/made.up.Service/Whatever").error_code(), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(recruitment_->calls().size(), forwarded_before);
  EXPECT_TRUE(call("/adoption.recruitment.v1.RecruitmentService/GetHousehold").ok());

  const std::string metrics = Metrics();
  EXPECT_EQ(Sample(metrics, unknown), unknown_before + 2) << metrics;
  EXPECT_EQ(Sample(metrics, known), known_before + 1) << metrics;
  EXPECT_EQ(metrics.find("NoSuchMethod"), std::string::npos);
  EXPECT_EQ(metrics.find("made.up"), std::string::npos);
}

TEST_F(GatewayTest, RestMetricsLabelRouteTemplatesNeverRawPaths) {
  auto http = Http();
  ASSERT_TRUE(http.Get("/v1/invented-path-1234"));
  ASSERT_TRUE(http.Get("/v1/households/h-secret-id", Bearer({platform::Role::kManager})));
  const std::string metrics = Metrics();
  EXPECT_EQ(metrics.find("invented-path-1234"), std::string::npos);
  EXPECT_EQ(metrics.find("h-secret-id"), std::string::npos);
  EXPECT_NE(metrics.find(R"(route="/v1/{name=households/*}")"), std::string::npos) << metrics;
}

// The annual report's request: each field that breaks its rule named at once; a caller
// who is not a manager refused before any service is asked (no backend here to ask).
TEST(AnnualReportPage, ItsRequestNamesEachBadFieldAndOnlyAManagerIsAnswered) {
  adoption::reports::v1::GetAnnualReportRequest r;
  r.set_year("2017");
  r.set_local_authority("Atlantis");
  r.set_care_leavers(-1);
  auto bad = AnnualReportOptions(r, platform::Date(2026, 12, 4));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(platform::testing::ViolatedFields(platform::ToGrpcStatus(bad.status())),
            (std::vector<std::string>{"year", "local_authority", "care_leavers"}));
  r.set_year("2017-18");
  r.set_local_authority("Rotherham");
  r.set_care_leavers(190);
  auto good = AnnualReportOptions(r, platform::Date(2026, 12, 4));
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_EQ(good->year.start_year, 2017);
  EXPECT_EQ(good->local_authority, "E08000018");
  EXPECT_EQ(good->care_leavers, 190);

  const AnnualReportPage page({}, platform::Agency::Default(), platform::StatutoryTable::Defaults(),
                              std::chrono::milliseconds(1000));
  platform::Principal worker;
  worker.roles = {platform::Role::kRecruitmentWorker};
  auto refused = page.Write(worker, r.SerializeAsString(), "Bearer x", "req-1");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied);
  // A manager, but no service to ask: refused, not a crash.
  platform::Principal manager;
  manager.roles = {platform::Role::kManager};
  auto unserved = page.Write(manager, r.SerializeAsString(), "Bearer x", "req-2");
  EXPECT_EQ(unserved.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(unserved.status().message().find("recruitment-svc"), absl::string_view::npos);
}

}  // namespace
}  // namespace gateway
