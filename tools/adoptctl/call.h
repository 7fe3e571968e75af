#pragma once
// `adoptctl call`: any unary method of the suite, JSON in and out, over
// grpc::GenericStub. Methods and message types come from the contracts compiled into
// adoptctl (every proto/adoption file), not from server reflection: the gateway's
// gRPC port forwards every service's calls but its reflection knows only its own
// services, a deployment may turn reflection off, and a call needs no extra round
// trip. The price: a method added after adoptctl was built needs a new adoptctl.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "absl/status/statusor.h"
#include "platform/rpc/transport.h"
#include "tools/adoptctl/cli.h"

namespace adoptctl {

// How adoptctl dials a service or the gateway: TLS with --tls-ca-file (and a client
// certificate with --tls-cert-file and --tls-key-file, which a service's port requires),
// plaintext without (scripts/up's development suite).
struct Dialing {
  platform::TransportSettings tls;

  void Declare(Cli& cli);
  absl::StatusOr<std::shared_ptr<grpc::Channel>> Channel(const std::string& target) const;
};

// The bearer token a command sends: from ADOPTION_TOKEN or --token-file, never from
// --token on the command line, where every user of the machine reads it in ps and the
// shell keeps it in its history (docs/operations.md).
struct Bearer {
  std::string token, token_file;
  void Declare(Cli& cli, const std::string& whose);
  bool supplied() const { return !token.empty() || !token_file.empty(); }
  // The token, read from --token-file when that is given; empty when neither is.
  absl::StatusOr<std::string> Value() const;
};

// Where a call goes and as whom: --target, the Bearer (ADOPTION_TOKEN or --token-file),
// --deadline, and how (Dialing's flags).
struct CallTarget {
  std::string target = "127.0.0.1:9090";
  Bearer bearer;
  std::string deadline = "10s";
  Dialing dialing;
  void Declare(Cli& cli);
  // One unary call; on OK `response` holds the answer as the method's output type.
  grpc::Status Invoke(const google::protobuf::MethodDescriptor* method, const google::protobuf::Message& request,
                      std::unique_ptr<google::protobuf::Message>* response) const;
  // A call's context: the bearer token and the deadline (the token file read once).
  absl::Status Prepare(grpc::ClientContext& ctx) const;
 private:
  mutable std::optional<std::string> token_;  // the bearer's value, read once
};

// An empty request of the method's input type (the generated class).
std::unique_ptr<google::protobuf::Message> NewRequest(const google::protobuf::MethodDescriptor* method);

// Every method of every service in proto/adoption, in file order.
std::vector<const google::protobuf::MethodDescriptor*> SuiteMethods();

// A status as an operator reads it: "INVALID_ARGUMENT: message", then one line per
// google.rpc detail (field violations, precondition failures, error info, others as JSON).
std::string StatusText(const grpc::Status& status);

int Call(Cli& cli);
std::string CallDescription();
std::vector<std::string> CallExamples();

}  // namespace adoptctl
