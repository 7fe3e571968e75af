#pragma once
// Test support shared by every service's tests: databases on both backends, an
// in-process service host on port 0, and tokens.
//
// MySQL/MariaDB tests use the server named by ADOPTION_TEST_MYSQL_URL (an admin
// URL without db=, as scripts/test sets it); each test gets its own scratch
// database. Without it they are skipped, unless ADOPTION_REQUIRE_MYSQL=1 (as
// scripts/test sets), when they fail.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"

#include "adoption/type/v1/date.pb.h"
#include "platform/rpc/auth.h"
#include "platform/db/db.h"
#include "platform/core/embedded.h"
#include "platform/events/events.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/rpc.h"
#include "platform/server/server.h"

namespace prometheus {
class Registry;
}  // namespace prometheus

namespace platform::testing {

// "sqlite" and "mysql": the backends a store test runs on.
std::vector<std::string> Backends();

// A fresh, empty database on `backend`; the URL stays valid for the test's life.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(const std::string& backend);
  ~ScratchDatabase();
  // Empty when the backend is unavailable (the test should skip).
  const std::string& url() const { return url_; }
  bool available() const { return !url_.empty(); }
  std::string skip_reason() const { return skip_reason_; }

 private:
  std::string url_, dir_, mysql_admin_, mysql_db_, skip_reason_;
};

// Skips (or fails, under ADOPTION_REQUIRE_MYSQL=1) when the scratch database is unavailable.
#define SKIP_IF_UNAVAILABLE(db)                                                 \
  do {                                                                          \
    if (!(db).available()) {                                                    \
      if (::platform::testing::MysqlRequired()) FAIL() << (db).skip_reason();   \
      GTEST_SKIP() << (db).skip_reason();                                       \
    }                                                                           \
  } while (0)
bool MysqlRequired();

// The dev secret tests sign with.
const AuthConfig& TestAuth();
// The local authorities the services' test fixtures record records in; a test token's
// `local_authorities` claim unless a test says otherwise.
const std::vector<std::string>& TestLocalAuthorities();
// A token for `roles` acting for TestLocalAuthorities().
std::string TokenFor(std::vector<Role> roles, const std::string& subject = "worker-1");
// A token as `request` says (roles, scopes, subject), signed with the test secret.
std::string TokenFor(const TokenRequest& request);

// Metadata for a call: bearer token for `roles` (none: no authorization header).
void Authorize(grpc::ClientContext& ctx, std::vector<Role> roles);
void Authorize(grpc::ClientContext& ctx, const TokenRequest& request);

// A ServiceHost on 127.0.0.1:0 with metrics on port 0, over `db_url`.
ServiceConfig TestConfig(const std::string& name, const std::string& db_url);

// Calls every RPC of `service` that `policies` lists with a token for each role in
// turn (and an empty request) and returns "Method as role: ..." for each call whose
// PERMISSION_DENIED-or-not disagrees with the table. RPCs the table does not list
// are declared for later issues and answered UNIMPLEMENTED by gRPC; they are
// reported if they answer anything else.
std::vector<std::string> PolicyMismatches(int port, const std::string& service, const PolicyTable& policies);

// The scope axis of a policy table (platform/rpc/access.h): one case per listed method.
struct ScopeCase {
  enum class Kind {
    kRead,    // Get, Update, a verb: NOT_FOUND out of scope
    kCreate,  // PERMISSION_DENIED out of scope
    kList,    // out of scope: OK with no records; in scope: OK with at least one
    kFigures,  // a report over what the caller reaches: OK in and out of scope
  };
  Kind kind;
  // A request that addresses the fixture record (kRead), would create a record scoped
  // like it (kCreate: called for each call, so it may vary its request_id), or lists
  // records (kList).
  std::function<std::unique_ptr<google::protobuf::Message>()> request;
  // kList: how many records the answer counts, when they are not its first repeated
  // message field (a report's figures).
  std::function<int(const google::protobuf::Message& response)> counted = nullptr;
};
// For every method of `policies` and every grant in its row: calls the method as that
// role alone, with a token whose claims cover `fixture` and, unless the grant reaches
// the whole agency, with one whose claims do not, and returns "Method as role (in or
// out of scope): ..." for each answer that disagrees with the case's kind — and
// "Method: no scope case" for a listed method without one.
std::vector<std::string> ScopeMismatches(int port, const std::string& service, const PolicyTable& policies,
                                         const RecordScope& fixture,
                                         const std::map<std::string, ScopeCase>& cases);

// Counts rows in a table (row-count checks that bad input wrote nothing).
long long CountRows(Database& db, const std::string& table);
// The tables with a row whose text column contains `text` (a record's id, a name): what
// a disposal left behind.
std::set<std::string> TablesHolding(Database& db, const std::string& text);

// The value of the series `name` with exactly `labels` in `registry` (a gauge's or a
// counter's), or nullopt when there is no such series.
std::optional<double> MetricValue(prometheus::Registry& registry, const std::string& name,
                                  const std::map<std::string, std::string>& labels = {});

// The fields a status's google.rpc.BadRequest names, in order (empty if none).
std::vector<std::string> ViolatedFields(const grpc::Status& status);

// The violations a status's google.rpc.PreconditionFailure lists, each as
// "TYPE subject" (e.g. "STATE status"), in order (empty if none).
std::vector<std::string> PreconditionViolations(const grpc::Status& status);

// Sets a contract date as given, possible or not (bad-input tests send 30 February).
void SetDate(adoption::type::v1::Date* date, int year, int month, int day);

namespace internal {
// One domain enum value as the contract mapping sees it.
struct DomainEnumValue {
  std::string name;      // its stable name ("ON_HOLD")
  int to_proto;          // EnumToProto's number for it
  bool maps_back;        // EnumFromProto of that number gives the value again
};
std::vector<std::string> EnumMismatches(const google::protobuf::EnumDescriptor* proto,
                                        const std::vector<DomainEnumValue>& values);
}  // namespace internal

// A domain enum against its contract enum, by name (docs/architecture.md: domain
// enums list the contract's values): for each of `values` (every value of the
// domain enum) the contract value named <prefix><name(value)> — the prefix is that
// of the contract's UNSPECIFIED zero — is the one EnumToProto gives and
// EnumFromProto takes back; and every contract value but the zero has a domain
// value. One line per mismatch; empty when they agree.
//   EXPECT_THAT(EnumMismatches(pb::MeetingStatus_descriptor(),
//                              {MeetingStatus::kScheduled, MeetingStatus::kHeld, MeetingStatus::kCancelled},
//                              MeetingStatusName), IsEmpty());
template <typename Domain, typename NameFn>
std::vector<std::string> EnumMismatches(const google::protobuf::EnumDescriptor* proto,
                                        std::initializer_list<Domain> values, NameFn name) {
  std::vector<internal::DomainEnumValue> seen;
  for (Domain value : values) {
    const int number = EnumToProto<int>(value);
    const std::optional<Domain> back = EnumFromProto<Domain>(number, [](int) { return true; });
    seen.push_back({std::string(name(value)), number, back == value});
  }
  return internal::EnumMismatches(proto, seen);
}

// A ServiceHost named `name` over `db` (TestConfig), with the platform's and the
// service's `migrations` applied and `visibility` for its event log; not started.
std::unique_ptr<ServiceHost> CreateHost(const std::string& name, const ScratchDatabase& db,
                                        const std::vector<EmbeddedFile>& migrations,
                                        EventVisibility visibility = {});

// A client channel to a started host.
std::shared_ptr<grpc::Channel> ChannelTo(const ServiceHost& host);
template <typename GrpcService>
std::unique_ptr<typename GrpcService::Stub> StubFor(const ServiceHost& host) {
  return GrpcService::NewStub(ChannelTo(host));
}

// The fixture of an api test, run once per backend (the parameter): a scratch
// database, a ServiceHost over it, the handlers MakeService() returns registered, the
// host started on port 0, and `stub_` to call it. Skipped when the backend is not
// available (see SKIP_IF_UNAVAILABLE).
//
//   class RecruitmentApiTest : public platform::testing::ApiTest<pb::RecruitmentService> {
//    protected:
//     RecruitmentApiTest() : ApiTest("recruitment", Migrations()) {}
//     std::unique_ptr<grpc::Service> MakeService(platform::ServiceHost& host) override {
//       return std::make_unique<RecruitmentApi>(host.Runner(&Policies()), &host.db(), &store_);
//     }
//     HouseholdStore store_;
//   };
template <typename GrpcService>  // the generated service, e.g. adoption::panel::v1::PanelService
class ApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  ApiTest(std::string name, const std::vector<EmbeddedFile>& migrations, EventVisibility visibility = {})
      : name_(std::move(name)), migrations_(&migrations), visibility_(std::move(visibility)) {}

  // The handlers under test, over `host` (its runner and database). Called before the
  // host starts, so a test may also add the host's consumers here.
  virtual std::unique_ptr<grpc::Service> MakeService(ServiceHost& host) = 0;

  void SetUp() override {
    scratch_ = std::make_unique<ScratchDatabase>(GetParam());
    SKIP_IF_UNAVAILABLE(*scratch_);
    host_ = CreateHost(name_, *scratch_, *migrations_, visibility_);
    service_ = MakeService(*host_);
    host_->Register(service_.get());
    ASSERT_TRUE(host_->Start().ok());
    stub_ = StubFor<GrpcService>(*host_);
  }
  void TearDown() override {
    if (host_) host_->Shutdown();
  }

  long long Rows(const std::string& table) { return CountRows(host_->db(), table); }

  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<ServiceHost> host_;
  std::unique_ptr<grpc::Service> service_;
  std::unique_ptr<typename GrpcService::Stub> stub_;

 private:
  std::string name_;
  const std::vector<EmbeddedFile>* migrations_;
  EventVisibility visibility_;
};

// A scratch database's Database with the platform's and the service's migrations
// applied (a store test's starting point); null, with a test failure, when they fail.
std::unique_ptr<Database> MigratedDatabase(const ScratchDatabase& db, const std::string& component,
                                           const std::vector<EmbeddedFile>& migrations);

// The fixture of a store test, run once per backend (the parameter): `db_` is a
// scratch database with the platform's and the service's migrations. Skipped when the
// backend is not available.
class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  StoreTest(std::string component, const std::vector<EmbeddedFile>& migrations)
      : component_(std::move(component)), migrations_(&migrations) {}

  void SetUp() override;

  // Runs `work` in one transaction (Write) or on a plain session (Read); a failed
  // transaction or read fails the test.
  void Write(const std::function<void(soci::session&)>& work);
  void Read(const std::function<void(soci::session&)>& work);
  long long Rows(const std::string& table) { return CountRows(*db_, table); }

  // The ids `store.List` returns for `query`, page after page (keyset paging from
  // query.page.after_id, query.page.size at a time).
  template <typename Store, typename Query>
  std::vector<std::string> ListAllIds(Store& store, Query query) {
    std::vector<std::string> ids;
    Read([&](soci::session& sql) {
      while (true) {
        auto page = store.List(sql, query);
        for (const auto& item : page) ids.push_back(item.id);
        if (page.empty() || static_cast<int>(page.size()) < query.page.size) break;
        query.page.after_id = page.back().id;
      }
    });
    return ids;
  }

  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<Database> db_;

 private:
  std::string component_;
  const std::vector<EmbeddedFile>* migrations_;
};

}  // namespace platform::testing
