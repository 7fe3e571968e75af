#include "tools/adoptctl/call.h"

#include <grpcpp/generic/generic_stub.h>

#include <algorithm>
#include <future>
#include <iostream>
#include <iterator>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/code.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace adoptctl {
namespace {

namespace gpb = google::protobuf;

// Every .proto under proto/adoption, listed by CMake when adoptctl is configured; the
// generated code of the context libraries is linked whole, so each one is in the
// generated pool.
const char* const kSuiteProtoFiles[] = {
#include "suite_protos.inc"
};

std::string MethodName(const gpb::MethodDescriptor* m) { return absl::StrCat(m->service()->full_name(), "/", m->name()); }

// "adoption.recruitment.v1.RecruitmentService/ListHouseholds", with '.' for '/' or
// without the package, or just "ListHouseholds" when only one service has it.
absl::StatusOr<const gpb::MethodDescriptor*> FindMethod(const std::string& wanted) {
  const std::string dotted = absl::StrReplaceAll(absl::StripPrefix(wanted, "/"), {{"/", "."}});
  std::vector<const gpb::MethodDescriptor*> found;
  std::vector<std::string> short_names;
  for (const auto* m : SuiteMethods()) {
    if (m->full_name() == dotted || absl::EndsWith(m->full_name(), "." + dotted)) found.push_back(m);
    short_names.push_back(absl::StrCat(m->service()->name(), ".", m->name()));
  }
  if (found.size() == 1) return found[0];
  if (found.empty()) {
    std::string closest = Closest(dotted, short_names);
    return absl::NotFoundError(absl::StrCat("no method '", wanted, "' in the suite",
                                            closest.empty() ? "" : " (did you mean " + closest + "?)",
                                            "; `adoptctl call --list` lists them"));
  }
  std::vector<std::string> names;
  for (const auto* m : found) names.push_back(MethodName(m));
  return absl::InvalidArgumentError(
      absl::StrCat("'", wanted, "' could be any of: ", absl::StrJoin(names, ", ")));
}

std::unique_ptr<gpb::Message> NewMessage(const gpb::Descriptor* type) {
  return std::unique_ptr<gpb::Message>(gpb::MessageFactory::generated_factory()->GetPrototype(type)->New());
}

std::string CodeName(grpc::StatusCode code) {
  std::string name = google::rpc::Code_Name(static_cast<google::rpc::Code>(code));
  return name.empty() ? absl::StrCat("code ", static_cast<int>(code)) : name;
}

// One line per detail an operator acts on; anything else as its JSON.
void AppendDetail(const gpb::Any& any, std::string* out) {
  google::rpc::BadRequest bad_request;
  google::rpc::PreconditionFailure precondition;
  google::rpc::ErrorInfo info;
  if (any.UnpackTo(&bad_request)) {
    for (const auto& v : bad_request.field_violations()) {
      absl::StrAppend(out, "\n  field violation: ", v.field(), ": ", v.description());
    }
  } else if (any.UnpackTo(&precondition)) {
    for (const auto& v : precondition.violations()) {
      absl::StrAppend(out, "\n  precondition failure: ", v.type(), v.subject().empty() ? "" : " " + v.subject(), ": ",
                      v.description());
    }
  } else if (any.UnpackTo(&info)) {
    std::vector<std::string> metadata;
    for (const auto& [k, v] : info.metadata()) metadata.push_back(absl::StrCat(k, "=", v));
    std::sort(metadata.begin(), metadata.end());
    absl::StrAppend(out, "\n  error info: ", info.reason(), info.domain().empty() ? "" : " (" + info.domain() + ")",
                    metadata.empty() ? "" : " " + absl::StrJoin(metadata, " "));
  } else {
    std::string json;
    if (!gpb::util::MessageToJsonString(any, &json).ok()) json = any.type_url();
    absl::StrAppend(out, "\n  detail: ", json);
  }
}

absl::StatusOr<absl::Duration> ParseDeadline(const std::string& text) {
  absl::Duration d;
  if (!absl::ParseDuration(text, &d) || d <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(absl::StrCat("'", text, "' is not a positive duration (500ms, 10s, 2m)"));
  }
  return d;
}

int List(Cli& cli) {
  const std::string filter = cli.arguments().empty() ? "" : absl::AsciiStrToLower(cli.arguments()[0]);
  for (const auto* m : SuiteMethods()) {
    if (!filter.empty() && !absl::StrContains(absl::AsciiStrToLower(MethodName(m)), filter)) continue;
    cli.out() << MethodName(m) << "\t" << m->input_type()->full_name() << " -> " << m->output_type()->full_name()
              << (m->client_streaming() || m->server_streaming() ? "\t(streaming: not callable here)" : "") << "\n";
  }
  return 0;
}

}  // namespace

std::vector<const gpb::MethodDescriptor*> SuiteMethods() {
  std::vector<const gpb::MethodDescriptor*> methods;
  for (const char* name : kSuiteProtoFiles) {
    const gpb::FileDescriptor* file = gpb::DescriptorPool::generated_pool()->FindFileByName(name);
    if (!file) continue;  // a file with no generated code linked (types only)
    for (int s = 0; s < file->service_count(); ++s) {
      for (int m = 0; m < file->service(s)->method_count(); ++m) methods.push_back(file->service(s)->method(m));
    }
  }
  return methods;
}

std::string StatusText(const grpc::Status& status) {
  std::string out = absl::StrCat(CodeName(status.error_code()), ": ", status.error_message());
  google::rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const auto& any : details.details()) AppendDetail(any, &out);
  }
  return out;
}

void Dialing::Declare(Cli& cli) {
  cli.String("tls-ca-file", &tls.ca_file, "PEM certificate of the CA that signs the suite's certificates: TLS")
      .String("tls-cert-file", &tls.cert_file, "PEM client certificate, for a service's own port")
      .String("tls-key-file", &tls.key_file, "PEM private key of --tls-cert-file");
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> Dialing::Channel(const std::string& target) const {
  auto transport = platform::Transport::ForClient(tls);
  if (!transport.ok()) return transport.status();
  return (*transport)->Channel(target);
}

void Bearer::Declare(Cli& cli, const std::string& whose) {
  cli.String("token", &token,
             absl::StrCat(whose, " bearer token (`adoptctl token` mints one): only as ADOPTION_TOKEN, never on the "
                          "command line (or --token-file)"))
      .Secret("token", "--token-file")
      .String("token-file", &token_file, "a file holding the bearer token (made with umask 077)");
}

absl::StatusOr<std::string> Bearer::Value() const {
  if (token_file.empty()) return std::string(absl::StripPrefix(token, "Bearer "));
  absl::StatusOr<std::string> read = platform::ReadSecretFile(token_file);
  if (!read.ok()) return read.status();
  return std::string(absl::StripPrefix(*read, "Bearer "));
}

void CallTarget::Declare(Cli& cli) {
  dialing.Declare(cli);
  cli.String("target", &target, "host:port of a service, or the gateway's gRPC port (it forwards every service)",
             platform::NonEmpty())
      .String("deadline", &deadline, "how long to wait for the answer (500ms, 10s, 2m)",
              [](const std::string& v) { return std::string(ParseDeadline(v).status().message()); });
  bearer.Declare(cli, "the caller's");
}

absl::Status CallTarget::Prepare(grpc::ClientContext& ctx) const {
  if (!token_) {
    absl::StatusOr<std::string> token = bearer.Value();
    if (!token.ok()) return token.status();
    token_ = *token;
  }
  if (!token_->empty()) ctx.AddMetadata("authorization", absl::StrCat("Bearer ", *token_));
  absl::StatusOr<absl::Duration> wait = ParseDeadline(deadline);
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + (wait.ok() ? *wait : absl::Seconds(10))));
  return absl::OkStatus();
}

grpc::Status CallTarget::Invoke(const gpb::MethodDescriptor* method, const gpb::Message& request,
                                std::unique_ptr<gpb::Message>* response) const {
  std::string bytes;
  request.SerializeToString(&bytes);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request_buffer(&slice, 1), response_buffer;
  grpc::ClientContext ctx;
  if (absl::Status prepared = Prepare(ctx); !prepared.ok()) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::string(prepared.message()));
  }
  auto channel = dialing.Channel(target);
  if (!channel.ok()) return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::string(channel.status().message()));
  grpc::GenericStub stub(*channel);
  std::promise<grpc::Status> done;
  stub.UnaryCall(&ctx, "/" + MethodName(method), grpc::StubOptions(), &request_buffer, &response_buffer,
                 [&done](grpc::Status s) { done.set_value(std::move(s)); });
  grpc::Status status = done.get_future().get();
  if (!status.ok()) return status;

  std::vector<grpc::Slice> slices;
  std::string received;
  if (!response_buffer.Dump(&slices).ok()) return grpc::Status(grpc::StatusCode::INTERNAL, "the response could not be read");
  for (const auto& s : slices) received.append(reinterpret_cast<const char*>(s.begin()), s.size());
  *response = NewMessage(method->output_type());
  if (!(*response)->ParseFromString(received)) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        absl::StrCat("the response does not parse as ", method->output_type()->full_name()));
  }
  return grpc::Status::OK;
}

std::unique_ptr<gpb::Message> NewRequest(const gpb::MethodDescriptor* method) {
  return NewMessage(method->input_type());
}

int Call(Cli& cli) {
  CallTarget call;
  bool list = false;
  call.Declare(cli);
  cli.Bool("list", &list, "list the suite's methods (those containing METHOD, when given) instead of calling");
  if (auto done = cli.Parse()) return *done;
  if (list) return List(cli);
  if (cli.arguments().empty()) return cli.Usage("which METHOD? (`adoptctl call --list` lists them)");

  auto method = FindMethod(cli.arguments()[0]);
  if (!method.ok()) return cli.Usage(std::string(method.status().message()));
  if ((*method)->client_streaming() || (*method)->server_streaming()) {
    return cli.Usage(absl::StrCat(MethodName(*method), " streams; adoptctl call makes unary calls only"));
  }
  std::string json = cli.arguments().size() > 1 ? cli.arguments()[1] : "{}";
  if (json == "-") json.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  std::unique_ptr<gpb::Message> request = NewMessage((*method)->input_type());
  if (auto s = gpb::util::JsonStringToMessage(json, request.get()); !s.ok()) {
    return cli.Usage(absl::StrCat("the request is not valid JSON for ", (*method)->input_type()->full_name(),
                                  ": ", s.message().as_string()));
  }
  std::unique_ptr<gpb::Message> response;
  if (grpc::Status status = call.Invoke(*method, *request, &response); !status.ok()) {
    return cli.Failed(StatusText(status));
  }
  gpb::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string out;
  if (auto s = gpb::util::MessageToJsonString(*response, &out, options); !s.ok()) {
    return cli.Failed(absl::StrCat("the response cannot be shown as JSON: ", s.message().as_string()));
  }
  cli.out() << absl::StripTrailingAsciiWhitespace(out) << "\n";
  return 0;
}

std::string CallDescription() {
  return "Finds METHOD among the suite's services (adoptctl carries every contract in proto/adoption),\n"
         "reads the request from JSON (protobuf's JSON mapping: lowerCamelCase fields, enum names;\n"
         "`-` reads it from stdin; omitted it is {}), makes one unary call and prints the response as\n"
         "JSON. METHOD is package.Service/Method, Service.Method or Service/Method. On an error it\n"
         "prints the status code, message and google.rpc details (field violations, precondition\n"
         "failures) and exits 1.";
}

std::vector<std::string> CallExamples() {
  return {
      "export ADOPTION_TOKEN=$(adoptctl token --role recruitment_worker)",
      "adoptctl call --list RecruitmentService",
      "adoptctl call --target 127.0.0.1:50051 RecruitmentService.ListHouseholds '{\"pageSize\":10}'",
      "adoptctl call --token-file token adoption.recruitment.v1.RecruitmentService/GetHousehold "
      "'{\"name\":\"households/...\"}'",
  };
}

}  // namespace adoptctl
