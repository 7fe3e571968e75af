#include "gateway/grpc_metrics.h"

#include <grpcpp/support/server_interceptor.h>
#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <chrono>

namespace gateway {
namespace {

struct Families {
  prometheus::Family<prometheus::Counter>& started;
  prometheus::Family<prometheus::Counter>& handled;
  prometheus::Family<prometheus::Histogram>& seconds;
};

struct Shared {
  Families families;
  KnownGrpcMethods known;
};

const char* CodeName(grpc::StatusCode code) {
  static const char* kNames[] = {"OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded",
                                 "NotFound", "AlreadyExists", "PermissionDenied", "ResourceExhausted",
                                 "FailedPrecondition", "Aborted", "OutOfRange", "Unimplemented",
                                 "Internal", "Unavailable", "DataLoss", "Unauthenticated"};
  int c = static_cast<int>(code);
  return c >= 0 && c <= 16 ? kNames[c] : "Unknown";
}

class Interceptor : public grpc::experimental::Interceptor {
 public:
  Interceptor(std::shared_ptr<const Shared> shared, grpc::experimental::ServerRpcInfo* info)
      : shared_(std::move(shared)), start_(std::chrono::steady_clock::now()) {
    const std::string method = info->method() ? info->method() : "";
    auto known = shared_->known.find(method);
    const auto slash = method.rfind('/');
    if (known == shared_->known.end() || slash == std::string::npos || slash == 0) {
      labels_ = {{"grpc_service", "unknown"}, {"grpc_method", "unknown"}, {"grpc_type", "unknown"}};
    } else {
      labels_ = {{"grpc_service", method.substr(1, slash - 1)},
                 {"grpc_method", method.substr(slash + 1)},
                 {"grpc_type", known->second}};
    }
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using H = grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(H::POST_RECV_INITIAL_METADATA)) {
      shared_->families.started.Add(labels_).Increment();
    }
    if (methods->QueryInterceptionHookPoint(H::PRE_SEND_STATUS)) {
      prometheus::Labels handled = labels_;
      handled["grpc_code"] = CodeName(methods->GetSendStatus().error_code());
      shared_->families.handled.Add(handled).Increment();
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      shared_->families.seconds
          .Add(labels_, prometheus::Histogram::BucketBoundaries{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                                0.1, 0.25, 0.5, 1, 2.5, 5, 10})
          .Observe(seconds);
    }
    methods->Proceed();
  }

 private:
  std::shared_ptr<const Shared> shared_;
  std::chrono::steady_clock::time_point start_;
  prometheus::Labels labels_;
};

class Factory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit Factory(std::shared_ptr<const Shared> shared) : shared_(std::move(shared)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override {
    return new Interceptor(shared_, info);
  }

 private:
  std::shared_ptr<const Shared> shared_;
};

}  // namespace

void AddOwnGrpcMethods(KnownGrpcMethods& known) {
  known["/grpc.health.v1.Health/Check"] = "unary";
  known["/grpc.health.v1.Health/Watch"] = "server_stream";
  known["/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = "bidi_stream";
  known["/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = "bidi_stream";
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> GrpcMetricsInterceptor(
    prometheus::Registry& registry, KnownGrpcMethods known) {
  // The registry merges families of the same name, so these are platform::Metrics'
  // own families when it registered them first.
  auto shared = std::make_shared<const Shared>(Shared{
      Families{prometheus::BuildCounter()
                   .Name("grpc_server_started_total")
                   .Help("Total number of RPCs started on the server.")
                   .Register(registry),
               prometheus::BuildCounter()
                   .Name("grpc_server_handled_total")
                   .Help("Total number of RPCs completed on the server, regardless of success or failure.")
                   .Register(registry),
               prometheus::BuildHistogram()
                   .Name("grpc_server_handling_seconds")
                   .Help("Histogram of response latency (seconds) of gRPC that had been application-level "
                         "handled by the server.")
                   .Register(registry)},
      std::move(known)});
  return std::make_unique<Factory>(std::move(shared));
}

}  // namespace gateway
