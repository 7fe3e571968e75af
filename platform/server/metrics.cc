#include "platform/server/metrics.h"

#include <grpcpp/support/server_interceptor.h>
#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <chrono>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"

namespace platform {

struct Metrics::GrpcFamilies {
  prometheus::Family<prometheus::Counter>& started;
  prometheus::Family<prometheus::Counter>& handled;
  prometheus::Family<prometheus::Histogram>& seconds;
};

namespace {

const char* CodeName(grpc::StatusCode code) {
  static const char* kNames[] = {"OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded",
                                 "NotFound", "AlreadyExists", "PermissionDenied", "ResourceExhausted",
                                 "FailedPrecondition", "Aborted", "OutOfRange", "Unimplemented",
                                 "Internal", "Unavailable", "DataLoss", "Unauthenticated"};
  int c = static_cast<int>(code);
  return c >= 0 && c <= 16 ? kNames[c] : "Unknown";
}

class RedInterceptor : public grpc::experimental::Interceptor {
 public:
  RedInterceptor(std::shared_ptr<Metrics::GrpcFamilies> families, const KnownMethods& known,
                 grpc::experimental::ServerRpcInfo* info)
      : families_(std::move(families)), start_(std::chrono::steady_clock::now()) {
    const std::string method = info->method() ? info->method() : "";  // "/pkg.Service/Method"
    // Labels come from methods this process knows: a path a caller invents must not
    // become a new series.
    service_ = method_ = type_ = "unknown";
    const auto slash = method.rfind('/');
    if (slash != std::string::npos && slash > 0) {
      if (std::optional<std::string> type = known(method)) {
        service_ = method.substr(1, slash - 1);
        method_ = method.substr(slash + 1);
        type_ = *type;
      }
    }
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using H = grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(H::POST_RECV_INITIAL_METADATA)) {
      families_->started.Add({{"grpc_service", service_}, {"grpc_method", method_}, {"grpc_type", type_}})
          .Increment();
    }
    if (methods->QueryInterceptionHookPoint(H::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      families_->handled
          .Add({{"grpc_service", service_}, {"grpc_method", method_}, {"grpc_type", type_},
                {"grpc_code", CodeName(status.error_code())}})
          .Increment();
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      families_->seconds
          .Add({{"grpc_service", service_}, {"grpc_method", method_}, {"grpc_type", type_}},
               prometheus::Histogram::BucketBoundaries{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                       0.1, 0.25, 0.5, 1, 2.5, 5, 10})
          .Observe(seconds);
    }
    methods->Proceed();
  }

 private:
  std::shared_ptr<Metrics::GrpcFamilies> families_;
  std::chrono::steady_clock::time_point start_;
  std::string service_, method_, type_;
};

class RedFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  RedFactory(std::shared_ptr<Metrics::GrpcFamilies> f, KnownMethods known)
      : families_(std::move(f)), known_(std::move(known)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override {
    return new RedInterceptor(families_, known_, info);
  }

 private:
  std::shared_ptr<Metrics::GrpcFamilies> families_;
  KnownMethods known_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Metrics>> Metrics::Serve(const std::string& bind_address, int port) {
  std::unique_ptr<Metrics> m(new Metrics());
  m->registry_ = std::make_shared<prometheus::Registry>();
  if (port >= 0) {
    try {
      m->exposer_ = std::make_unique<prometheus::Exposer>(absl::StrCat(bind_address, ":", port));
    } catch (const std::exception& e) {
      return absl::UnavailableError(
          absl::StrCat("cannot serve metrics on ", bind_address, ":", port, ": ", e.what()));
    }
  }
  if (m->exposer_) {
    m->exposer_->RegisterCollectable(m->registry_);
    auto ports = m->exposer_->GetListeningPorts();
    m->port_ = ports.empty() ? port : ports.front();
  }
  auto& r = *m->registry_;
  m->grpc_ = std::make_shared<GrpcFamilies>(GrpcFamilies{
      prometheus::BuildCounter().Name("grpc_server_started_total")
          .Help("Total number of RPCs started on the server.").Register(r),
      prometheus::BuildCounter().Name("grpc_server_handled_total")
          .Help("Total number of RPCs completed on the server, regardless of success or failure.").Register(r),
      prometheus::BuildHistogram().Name("grpc_server_handling_seconds")
          .Help("Histogram of response latency (seconds) of gRPC that had been application-level handled by the server.")
          .Register(r)});
  return m;
}

Metrics::~Metrics() = default;

std::string GrpcTypeOf(const google::protobuf::MethodDescriptor& method) {
  if (method.client_streaming()) return method.server_streaming() ? "bidi_stream" : "client_stream";
  return method.server_streaming() ? "server_stream" : "unary";
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> Metrics::ServerInterceptorFactory() {
  return ServerInterceptorFactory([](const std::string& path) -> std::optional<std::string> {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos || slash == 0) return std::nullopt;
    const google::protobuf::MethodDescriptor* m = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
        absl::StrCat(path.substr(1, slash - 1), ".", path.substr(slash + 1)));
    if (m == nullptr) return std::nullopt;
    return GrpcTypeOf(*m);
  });
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> Metrics::ServerInterceptorFactory(
    KnownMethods known) {
  return std::make_unique<RedFactory>(grpc_, std::move(known));
}

}  // namespace platform
