#include "gateway/http_errors.h"

#include <grpcpp/support/status.h>

#include <algorithm>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace gateway {

absl::Status GatewayStatus(absl::StatusCode code, absl::string_view message, absl::string_view reason,
                           const std::map<std::string, std::string>& metadata) {
  absl::Status status(code, message);
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain("adoption");
  for (const auto& [k, v] : metadata) (*info.mutable_metadata())[k] = v;
  status.SetPayload(absl::StrCat("type.googleapis.com/", google::rpc::ErrorInfo::descriptor()->full_name()),
                    absl::Cord(info.SerializeAsString()));
  return status;
}

HttpError NoRoute(absl::string_view method, absl::string_view path, const std::vector<std::string>& allowed) {
  if (allowed.empty()) {
    return {404, GatewayStatus(absl::StatusCode::kNotFound, absl::StrCat("no API route for ", method, " ", path),
                               "ROUTE_NOT_FOUND")};
  }
  // grpc-gateway's answer to a wrong method too: UNIMPLEMENTED, as HTTP 405.
  const std::string allow = absl::StrJoin(allowed, ", ");
  return {405,
          GatewayStatus(absl::StatusCode::kUnimplemented, absl::StrCat(method, " is not allowed on ", path),
                        "METHOD_NOT_ALLOWED", {{"allow", allow}}),
          allow};
}

HttpError ForLibraryRefusal(const LibraryRefusal& r, const std::vector<std::string>& allowed_for_path) {
  using absl::StatusCode;
  switch (r.http_status) {
    case 413:
      // RESOURCE_EXHAUSTED: what gRPC itself answers a message over the limit, so
      // the REST and gRPC ports agree.
      return {413, GatewayStatus(StatusCode::kResourceExhausted,
                                 absl::StrCat("request body is larger than ", kMaxBodyBytes, " bytes"),
                                 "BODY_TOO_LARGE", {{"limit_bytes", std::to_string(kMaxBodyBytes)}})};
    case 414:
      return {414, GatewayStatus(StatusCode::kInvalidArgument,
                                 absl::StrCat("request line is longer than ", kMaxRequestLineBytes, " bytes"),
                                 "URI_TOO_LONG", {{"limit_bytes", std::to_string(kMaxRequestLineBytes)}})};
    case 404:
      return NoRoute(r.method, r.path, allowed_for_path);
    case 400: {
      // cpp-httplib says 400 for every request it cannot read. Which one it was
      // shows in how far it got: a request line it parsed (a path, at most one
      // '?') followed by headers it did not finish reading can only be a header
      // line over the limit, since a client that hung up reads no answer.
      const bool line_parsed = !r.path.empty() && std::count(r.target.begin(), r.target.end(), '?') <= 1;
      if (line_parsed && !r.headers_read) {
        return {431, GatewayStatus(StatusCode::kInvalidArgument,
                                   absl::StrCat("a request header line is longer than ", kMaxHeaderLineBytes, " bytes"),
                                   "HEADER_TOO_LARGE", {{"limit_bytes", std::to_string(kMaxHeaderLineBytes)}})};
      }
      if (!r.headers_read) {
        return {400, GatewayStatus(StatusCode::kInvalidArgument, "the request line cannot be read",
                                   "MALFORMED_REQUEST")};
      }
      // A method cpp-httplib cannot dispatch (TRACE, CONNECT), or a body it could
      // not read for a route that does not exist: the route table answers.
      if (std::find(allowed_for_path.begin(), allowed_for_path.end(), r.method) == allowed_for_path.end()) {
        return NoRoute(r.method, r.path, allowed_for_path);
      }
      return {400, GatewayStatus(StatusCode::kInvalidArgument,
                                 "the request body cannot be read (send it with a Content-Length)", "MALFORMED_BODY")};
    }
    default:
      break;
  }
  const bool client = r.http_status >= 400 && r.http_status < 500;
  return {r.http_status,
          GatewayStatus(client ? StatusCode::kInvalidArgument : StatusCode::kInternal,
                        absl::StrCat("request refused (HTTP ", r.http_status, ")"),
                        absl::StrCat("HTTP_", r.http_status))};
}

std::string StatusJson(const grpc::Status& status) {
  google::rpc::Status rpc;
  if (status.error_details().empty() || !rpc.ParseFromString(status.error_details())) {
    rpc.Clear();
    rpc.set_code(status.error_code());
    rpc.set_message(status.error_message());
  }
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(rpc, &json).ok()) {
    json = absl::StrCat("{\"code\":", static_cast<int>(status.error_code()), ",\"message\":\"internal error\"}");
  }
  return json;
}

}  // namespace gateway
