// Ids, errors, config, paging and filters.
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/error_details.h>
#include <gtest/gtest.h>

#include <set>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "platform/config.h"
#include "platform/errors.h"
#include "platform/ids.h"
#include "platform/money.h"
#include "platform/paging.h"

namespace platform {
namespace {

TEST(Ids, AreWellFormedUniqueAndOrderedByTime) {
  std::set<std::string> seen;
  std::string previous;
  for (int i = 0; i < 2000; ++i) {
    std::string id = NewId();
    EXPECT_TRUE(IsWellFormedId(id)) << id;
    EXPECT_TRUE(seen.insert(id).second);
    if (i % 500 == 0) {
      // Ids made in a later millisecond sort after earlier ones.
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      std::string later = NewId();
      EXPECT_LT(id, later);
    }
  }
  EXPECT_FALSE(IsWellFormedId("households"));
  EXPECT_FALSE(IsWellFormedId("01M86VBDEF64E0RBG3YF8CHJTX"));  // upper case is not ours
}

TEST(Errors, InvalidArgumentCarriesEveryViolationToGrpc) {
  Validation v;
  v.Check(false, "household.home_local_authority", "must be an ONS code");
  v.Add("request_id", "is required");
  grpc::Status s = ToGrpcStatus(v.Status());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(grpc::ExtractErrorDetails(s, &details).ok());
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::BadRequest br;
  ASSERT_TRUE(details.details(0).UnpackTo(&br));
  ASSERT_EQ(br.field_violations_size(), 2);
  EXPECT_EQ(br.field_violations(0).field(), "household.home_local_authority");
  EXPECT_EQ(br.field_violations(1).field(), "request_id");
  EXPECT_EQ(FieldViolationsOf(v.Status()).size(), 2u);
}

TEST(Errors, PreconditionFailuresNameWhatIsMissing) {
  grpc::Status s = ToGrpcStatus(FailedPrecondition(
      "Stage 1 cannot end", {{"STAGE_ONE_CHECKS", "households/x", "the enhanced DBS check is outstanding"}}));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  google::rpc::Status details;
  ASSERT_TRUE(grpc::ExtractErrorDetails(s, &details).ok());
  google::rpc::PreconditionFailure pf;
  ASSERT_TRUE(details.details(0).UnpackTo(&pf));
  EXPECT_EQ(pf.violations(0).description(), "the enhanced DBS check is outstanding");
}

TEST(Errors, OkIsOk) { EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok()); }

TEST(Config, FlagsBeatEnvironmentAndEveryProblemIsListed) {
  std::string url = "default";
  int pool = 8;
  bool flag = false;
  ConfigSpec spec("svc");
  spec.String("db-url", &url, "db", NonEmpty()).Int("db-pool", &pool, "pool", 1, 64).Bool("x", &flag, "x");
  auto env = [](const char* name) -> const char* {
    return std::string(name) == "ADOPTION_DB_URL" ? "from-env" : std::string(name) == "ADOPTION_DB_POOL" ? "4" : nullptr;
  };
  ASSERT_TRUE(spec.Load({"--db-url=from-flag", "--x"}, env).ok());
  EXPECT_EQ(url, "from-flag");
  EXPECT_EQ(pool, 4);
  EXPECT_TRUE(flag);
  ConfigSpec bad("svc");
  bad.String("db-url", &url, "db", NonEmpty()).Int("db-pool", &pool, "pool", 1, 64);
  absl::Status s = bad.Load({"--db-pool=999", "--db-ulr=typo", "--db-url="}, [](const char*) { return nullptr; });
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("3 configuration problem"), absl::string_view::npos) << s.message();
  EXPECT_NE(s.message().find("unknown flag --db-ulr"), absl::string_view::npos);
}

TEST(Paging, TokensRoundTripAndForgeriesAreRejected) {
  Validation v;
  std::string id = NewId();
  Page p = ParsePage(0, PageTokenAfter(id), v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(p.size, 50);
  EXPECT_EQ(p.after_id, id);
  EXPECT_EQ(ParsePage(10000, "", v).size, 500);
  ParsePage(-1, "bm9wZQ", v);
  EXPECT_EQ(v.violations().size(), 2u);
}

TEST(Filter, ParsesConjunctionsOfEqualities) {
  Validation v;
  Filter f = ParseFilter(R"(status = "STAGE_ONE" AND home_local_authority=E09000006)",
                         {"status", "home_local_authority"}, v);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*f.Find("status"), "STAGE_ONE");
  EXPECT_EQ(*f.Find("home_local_authority"), "E09000006");
  for (const char* bad : {"name = x", "status", "status = \"x", "status = a OR status = b", "status = a AND status = b"}) {
    Validation bv;
    ParseFilter(bad, {"status"}, bv);
    EXPECT_FALSE(bv.ok()) << bad;
    EXPECT_EQ(bv.violations()[0].field, "filter");
  }
}

TEST(Money, IsIntegerPence) {
  EXPECT_EQ((Money::Pounds(27000) + Money{50, "GBP"}).ToString(), "GBP 27000.50");
  EXPECT_EQ((Money{-5, "GBP"}.ToString()), "GBP -0.05");
}

}  // namespace
}  // namespace platform
