#pragma once
// The gateway: REST/JSON on one port (transcoded to the services' gRPC by the
// contracts' annotations, plus /openapi.json), native gRPC pass-through on another,
// the bearer token checked before anything is forwarded, deadlines on every call,
// and its own /metrics.
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "platform/rpc/auth.h"
#include "platform/core/config.h"
#include "platform/rpc/jwt_settings.h"
#include "platform/rpc/transport.h"

namespace gateway {

// Ports and backends default to the registry's (platform/server/registry.h).
struct GatewayConfig {
  std::string http_address = "0.0.0.0";
  int http_port = 0;
  std::string grpc_address;
  std::string metrics_address = "0.0.0.0";
  int metrics_port = 0;
  // Backend per context: "recruitment" -> "127.0.0.1:50051".
  std::map<std::string, std::string> backends;
  int deadline_ms = 10000;
  int http_threads = 128;
  // Connections that may wait for a REST worker; beyond, they are answered 503
  // (gateway/http_queue.h).
  int http_waiting = 64;
  // A client silent this long while sending a request, or reading the answer, is
  // dropped; an idle kept-alive connection is closed after http_keep_alive_seconds.
  int http_read_timeout_seconds = 5;
  int http_keep_alive_seconds = 5;
  // A plaintext server with grpc.health.v1 alone, for probes: they neither speak TLS nor
  // wait in the REST queue behind clients (empty: none).
  std::string health_address;
  platform::JwtSettings jwt;
  // HTTPS and TLS on the public ports, mutual TLS to the services; or plaintext with
  // --plaintext-development.
  platform::TransportSettings transport;
  std::string log_level = "info";
  // What the annual report it writes needs (gateway/annual_report_page.h): the agency
  // (its name, a regional agency's authorities) and the dated numbers (the scorecard's
  // thresholds), the same files the services are given; empty: the compiled-in defaults.
  std::string agency_file, statutory_table;

  GatewayConfig();

  void Declare(platform::ConfigSpec& spec);
  absl::StatusOr<platform::AuthConfig> Auth() const;
};

class Gateway {
 public:
  // `descriptor_set`: proto/'s image; `openapi_json`: the generated document.
  static absl::StatusOr<std::unique_ptr<Gateway>> Create(const GatewayConfig& config,
                                                         const std::string& descriptor_set,
                                                         const std::string& openapi_json);
  ~Gateway();
  absl::Status Start();
  int http_port() const;
  int grpc_port() const;
  int metrics_port() const;
  int health_port() const;  // 0 without --health-address
  void Shutdown();

  struct Impl;

 private:
  explicit Gateway(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gateway
