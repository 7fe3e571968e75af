#pragma once
// The gateway's own refusals (no route, wrong method, request too large, a
// request cpp-httplib could not read) as the same google.rpc.Status JSON the
// services' errors become, so a client reads every error one way.
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace grpc {
class Status;
}

namespace gateway {

// The limits the REST port enforces. The services accept 4 MiB messages, so a
// larger body is refused before it is read; the request line and header limits
// are cpp-httplib's, compiled into Debian's libcpp-httplib (8 KiB each).
inline constexpr size_t kMaxBodyBytes = 4 * 1024 * 1024;
inline constexpr size_t kMaxRequestLineBytes = 8192;
inline constexpr size_t kMaxHeaderLineBytes = 8192;

// A refusal: its HTTP status (405, 413, 414 and 431 are not the mapping of any
// gRPC code, so it travels beside the Status) and the Status sent as JSON.
struct HttpError {
  int http_status = 500;
  absl::Status status;
  std::string allow;  // the Allow header of a 405
};

// A Status carrying a google.rpc.ErrorInfo (domain "adoption", `reason` in
// UPPER_SNAKE, `metadata` such as the limit exceeded).
absl::Status GatewayStatus(absl::StatusCode code, absl::string_view message, absl::string_view reason,
                           const std::map<std::string, std::string>& metadata = {});

// 405 with Allow when templates of other methods match the path, else 404:
// decided from the route table, `allowed` being the methods whose templates match.
HttpError NoRoute(absl::string_view method, absl::string_view path, const std::vector<std::string>& allowed);

// What cpp-httplib knew when it refused a request by itself, before any of the
// gateway's handlers ran.
struct LibraryRefusal {
  int http_status = 0;               // what cpp-httplib chose
  std::string method, target, path;  // path is empty when the request line could not be read
  bool headers_read = false;         // the request line and every header line were read
};
// The refusal as a Status. A method cpp-httplib cannot dispatch (TRACE, CONNECT)
// is decided from the route table like any other: `allowed_for_path` are the
// methods whose templates match the path.
HttpError ForLibraryRefusal(const LibraryRefusal& refusal,
                            const std::vector<std::string>& allowed_for_path);

// google.rpc.Status JSON ({"code":N,"message":"...","details":[...]}) for a gRPC
// status, its details taken from grpc-status-details-bin when present.
std::string StatusJson(const grpc::Status& status);

}  // namespace gateway
