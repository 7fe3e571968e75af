#pragma once
// REST/JSON <-> gRPC transcoding driven by the contracts' google.api.http
// annotations, read from the descriptor image at start-up: no route is written
// by hand. Requests become the RPC's binary request; responses and errors become
// JSON (protobuf's JSON mapping, lowerCamelCase names).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "gateway/path_template.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/util/type_resolver.h"

namespace gateway {

struct Route {
  std::string http_method;  // GET, POST, PATCH, PUT, DELETE
  PathTemplate path;
  std::string body;         // "" (none), "*" (whole request) or a field name
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::string grpc_path;    // "/adoption.recruitment.v1.RecruitmentService/GetHousehold"
  // Its response's JSON is written by reflection (gateway/message_json.h), else by protobuf.
  bool json_by_reflection = false;
};

// Where a request's method and path lead in the route table.
struct RouteMatch {
  const Route* route = nullptr;    // the route for this method and path; null when none
  PathTemplate::Bindings bindings; // its path variables
  // Every method with a template matching the path, sorted (HEAD beside GET): what
  // a 405's Allow header lists. Empty when no template matches the path at all (404).
  std::vector<std::string> allowed;
};

class Transcoder {
 public:
  // `descriptor_set`: a serialized FileDescriptorSet with imports (proto/'s image).
  // Services whose full name starts with one of `service_prefixes` are routed.
  static absl::StatusOr<std::unique_ptr<Transcoder>> Create(const std::string& descriptor_set,
                                                            const std::vector<std::string>& service_prefixes);

  // Looks `http_method` and `path` up in the route table. HEAD is served as GET
  // (RFC 9110 9.3.2).
  RouteMatch Match(const std::string& http_method, const std::string& path) const;

  // The matched route's serialized request from its path variables, query
  // parameters and body; INVALID_ARGUMENT (naming the parameter or the JSON
  // problem) when the request cannot be read.
  absl::StatusOr<std::string> Prepare(const RouteMatch& match, const std::multimap<std::string, std::string>& query,
                                      const std::string& body) const;
  // The backend's serialized response as JSON: exactly what protobuf's
  // MessageToJsonString gives for it, written from the bytes as they came.
  absl::StatusOr<std::string> ResponseJson(const Route& route, const std::string& response) const;

  const std::vector<Route>& routes() const { return routes_; }
  // Every method of every service in the image, routed or not, by its gRPC path
  // ("/adoption.recruitment.v1.RecruitmentService/GetHousehold").
  const absl::flat_hash_map<std::string, const google::protobuf::MethodDescriptor*>& grpc_methods() const {
    return grpc_methods_;
  }
  const google::protobuf::DescriptorPool& pool() const { return pool_; }

 private:
  Transcoder() = default;
  google::protobuf::DescriptorPool pool_;
  mutable google::protobuf::DynamicMessageFactory factory_{&pool_};
  // The pool's types for protobuf's JSON writer (the responses message_json.h does not
  // write), made once: MessageToJsonString makes one per call for a pool other than the
  // generated one (docs/operations.md, "The hot path").
  std::unique_ptr<google::protobuf::util::TypeResolver> resolver_;
  std::vector<Route> routes_;
  absl::flat_hash_map<std::string, const google::protobuf::MethodDescriptor*> grpc_methods_;
};

// HTTP status for a gRPC code (the mapping in google/rpc/code.proto).
int HttpStatusFor(int grpc_code);

}  // namespace gateway
