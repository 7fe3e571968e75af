// The hot path's own database work, served the plainest way (scripts/bench; see
// docs/operations.md, "The hot path"): a bare gRPC server whose handler runs the
// statements each path must run on MariaDB, on copies of recruitment's tables — no
// token, no access rule, no access log, no metrics, no audit journal, no mapping to
// a message. What the audited path costs beyond it is our service's own; what it
// costs against a raw statement is the work itself and one gRPC call, which no
// service can avoid while it keeps the foundation's promises (a read audited
// durably before the answer; a create's row, event, audit row and request key in
// one transaction).
//
// The calls are grpc.health.v1 Check, the request's `service` naming the path:
//   "get <id>"     the household's row by its primary key (its kept parts with it),
//                  then the read's audit row in one INSERT that commits itself
//   "list <la>"    the first 50 households of a local authority by its index, then
//                  their 50 audit rows in one INSERT that commits itself
//   "create <key>" one transaction inserting what a CreateHousehold inserts — the
//                  household's row, its applicants, its journey steps (a registration
//                  has none), its event, its audit row and its request key — copied
//                  from a household the service created, with a new id, event id
//                  and request id
#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "adoption/recruitment/v1/recruitment_service.grpc.pb.h"
#include "health/v1/health.grpc.pb.h"
#include "platform/db/db.h"

namespace bench {

class PlainPaths {
 public:
  // Copies recruitment's tables (in the database of `service_db_url`) into the empty
  // database of `plain_db_url` — their definitions as the service's migrations left
  // them, the households' rows, and as templates the rows the service wrote for the
  // household `seed_id` created under `seed_request_id` — and serves them.
  static absl::StatusOr<std::unique_ptr<PlainPaths>> Start(const std::string& service_db_url,
                                                           const std::string& plain_db_url, const std::string& seed_id,
                                                           const std::string& seed_request_id, int threads);
  ~PlainPaths();

  // One call of a path; false (and the reason in `error`) when it failed.
  bool Get(const std::string& household_id, std::string* error);
  bool List(const std::string& local_authority, std::string* error);
  bool Create(const std::string& request_id, std::string* error);

  // One row of a created household's, as the service wrote it: values as text.
  struct Template {
    std::string table;
    std::vector<std::string> columns;
    std::vector<std::optional<std::string>> values;
  };

 private:
  PlainPaths() = default;
  bool Call(const std::string& what, std::string* error);

  std::unique_ptr<platform::Database> db_;
  std::unique_ptr<grpc::health::v1::Health::Service> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<grpc::health::v1::Health::Stub> stub_;
};

// A REST proxy of the plainest kind, the gateway's baseline: cpp-httplib with the
// gateway's worker count and keep-alive, `GET /v1/households/{id}` forwarded as
// GetHousehold with the caller's Authorization, the answer printed by protobuf's JSON
// printer — no route table, no token check of its own, no access log, no metrics.
class PlainProxy {
 public:
  static absl::StatusOr<std::unique_ptr<PlainProxy>> Start(const std::string& recruitment_address);
  ~PlainProxy();
  int port() const { return port_; }

 private:
  PlainProxy() = default;
  std::unique_ptr<adoption::recruitment::v1::RecruitmentService::Stub> stub_;
  httplib::Server http_;
  std::thread listening_;
  int port_ = 0;
};

}  // namespace bench
