// The test fixtures every service's tests share: an in-process host for api tests,
// a migrated scratch database for store tests, and reading a status's violations.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>

#include "adoption/events/v1/event_log.grpc.pb.h"
#include "google/api/field_behavior.pb.h"
#include "platform/core/errors.h"
#include "platform/rpc/grpc_status.h"
#include "platform/core/ids.h"
#include "platform/rpc/paging.h"
#include "platform/testing/testing.h"

namespace platform::testing {
namespace {

namespace ev = adoption::events::v1;

// EnumMismatches fails closed: google.api.FieldBehavior names its values without its
// zero's prefix (FIELD_BEHAVIOR_), so nothing matches and every value is reported,
// from each side.
TEST(EnumMismatches, ReportsEveryValueThatDoesNotMatchByName) {
  enum class Behavior { kOptional, kRequired };
  const auto name = [](Behavior b) { return std::string(b == Behavior::kOptional ? "OPTIONAL" : "REQUIRED"); };
  const google::protobuf::EnumDescriptor* proto = google::api::FieldBehavior_descriptor();
  std::vector<std::string> found =
      platform::testing::EnumMismatches(proto, {Behavior::kOptional, Behavior::kRequired}, name);
  EXPECT_EQ(found.size(), 2u + static_cast<size_t>(proto->value_count() - 1));
  EXPECT_EQ(found.at(0), "OPTIONAL: google.api.FieldBehavior has no value FIELD_BEHAVIOR_OPTIONAL");
  EXPECT_EQ(found.at(2), "OPTIONAL: no domain value of that name");
}

TEST(ViolatedFields, AreTheBadRequestsFieldsInOrder) {
  Validation v;
  v.Add("request_id", "is required");
  v.Add("household.applicants[0].person.given_name", "is required");
  EXPECT_EQ(ViolatedFields(ToGrpcStatus(v.Status())),
            (std::vector<std::string>{"request_id", "household.applicants[0].person.given_name"}));
  EXPECT_TRUE(ViolatedFields(ToGrpcStatus(NotFound("households/x"))).empty());
  EXPECT_TRUE(ViolatedFields(grpc::Status::OK).empty());
}

const std::vector<EmbeddedFile>& NoMigrations() {
  static const auto* none = new std::vector<EmbeddedFile>;
  return *none;
}

// The host's own event log stands in for a service's RPCs: the fixture's plumbing
// is what is under test. The test tokens' subject may read one event type.
class FixtureApiTest : public ApiTest<ev::EventLogService> {
 protected:
  FixtureApiTest() : ApiTest("fixture", NoMigrations(), {{"worker-1", {"adoption.events.v1.HouseholdRegistered"}}}) {}
  std::unique_ptr<grpc::Service> MakeService(ServiceHost& host) override {
    made_for_ = &host;
    return std::make_unique<grpc::Service>();  // no methods of its own
  }
  ServiceHost* made_for_ = nullptr;
};

TEST_P(FixtureApiTest, StartsAHostOverAMigratedScratchDatabaseAndAStubThatReachesIt) {
  EXPECT_EQ(made_for_, host_.get());
  EXPECT_GT(host_->port(), 0);
  EXPECT_EQ(Rows("outbox"), 0);  // the platform's migrations ran
  ev::ReadEventsRequest request;
  ev::ReadEventsResponse response;
  {
    grpc::ClientContext ctx;  // no token
    EXPECT_EQ(stub_->ReadEvents(&ctx, request, &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kService});  // as "worker-1", whom the visibility given lets read
  EXPECT_TRUE(stub_->ReadEvents(&ctx, request, &response).ok());
  EXPECT_EQ(response.events_size(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, FixtureApiTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

const std::vector<EmbeddedFile>& ThingMigrations() {
  static const auto* files = new std::vector<EmbeddedFile>{
      {"0001_things.sql", "CREATE TABLE things (id VARCHAR(26) PRIMARY KEY, name VARCHAR(100) NOT NULL);\n"}};
  return *files;
}

struct Thing {
  std::string id;
};
struct ThingQuery {
  Page page;
};
// A store in miniature: keyset paging by id.
struct ThingStore {
  std::vector<Thing> List(soci::session& sql, const ThingQuery& q) {
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT id FROM things WHERE id > :after ORDER BY id LIMIT " + std::to_string(q.page.size),
         soci::use(q.page.after_id));
    std::vector<Thing> out;
    for (const auto& id : rows) out.push_back({id});
    return out;
  }
};

class FixtureStoreTest : public StoreTest {
 protected:
  FixtureStoreTest() : StoreTest("things", ThingMigrations()) {}
  ThingStore store_;
};

TEST_P(FixtureStoreTest, MigratesWritesReadsAndPagesThroughEveryId) {
  EXPECT_EQ(Rows("outbox"), 0);  // the platform's migrations, then the component's
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(NewId());
  std::sort(ids.begin(), ids.end());  // made in the same millisecond: ordered by their random part
  Write([&](soci::session& tx) {
    for (const auto& id : ids) tx << "INSERT INTO things (id, name) VALUES (:id, 'x')", soci::use(id);
  });
  long long n = 0;
  Read([&](soci::session& sql) { sql << "SELECT COUNT(*) FROM things", soci::into(n); });
  EXPECT_EQ(n, 5);
  EXPECT_EQ(Rows("things"), 5);
  ThingQuery q;
  q.page.size = 2;  // 2 + 2 + 1
  EXPECT_EQ(ListAllIds(store_, q), ids);
  q.page.size = 5;  // a full last page, then an empty one
  EXPECT_EQ(ListAllIds(store_, q), ids);
}

INSTANTIATE_TEST_SUITE_P(Backends, FixtureStoreTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace platform::testing
