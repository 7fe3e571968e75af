// Ids, errors, config, paging and filters, resource names and update masks, and the
// values every context shares (local authority codes, text, enum names).
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/error_details.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/api/field_behavior.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "platform/core/config.h"
#include "platform/core/enum_names.h"
#include "platform/core/errors.h"
#include "platform/rpc/grpc_status.h"
#include "platform/core/ids.h"
#include "platform/core/local_authority.h"
#include "platform/core/money.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"
#include "platform/core/text.h"

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

TEST(Config, ASecretIsRefusedAsAProcessArgumentAndTakenFromTheEnvironment) {
  std::string secret, url;
  auto declare = [&](ConfigSpec& spec) {
    spec.String("jwt-secret", &secret, "secret").String("db-url", &url, "db");
    spec.Secret("jwt-secret", "--jwt-secret-file").Secret("db-url", "--db-password-file", [](const std::string& v) {
      return v.find("password=") != std::string::npos;
    });
  };
  auto no_env = [](const char*) -> const char* { return nullptr; };
  ConfigSpec args("svc");
  declare(args);
  absl::Status s = args.Load({"--jwt-secret=hunter2hunter2", "--db-url=mysql://host=h user=u password=p"}, no_env);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("2 configuration problem"), absl::string_view::npos) << s.message();
  EXPECT_NE(s.message().find("--jwt-secret holds a secret and is given as a process argument"),
            absl::string_view::npos) << s.message();
  EXPECT_NE(s.message().find("ADOPTION_JWT_SECRET or with --jwt-secret-file"), absl::string_view::npos);
  EXPECT_NE(s.message().find("--db-url holds a secret"), absl::string_view::npos);
  EXPECT_EQ(s.message().find("hunter2"), absl::string_view::npos) << "the secret is not repeated";
  EXPECT_TRUE(secret.empty());
  // A URL without a password is no secret; the secret itself comes from the environment.
  ConfigSpec env("svc");
  declare(env);
  ASSERT_TRUE(env.Load({"--db-url=mysql://host=h user=u"}, [](const char* name) -> const char* {
                   return std::string(name) == "ADOPTION_JWT_SECRET" ? "from-the-environment" : nullptr;
                 }).ok());
  EXPECT_EQ(secret, "from-the-environment");
  EXPECT_EQ(url, "mysql://host=h user=u");
}

TEST(Config, ASecretFileLosesItsTrailingNewlineAndMayNotBeEmpty) {
  const std::string path = ::testing::TempDir() + "/secret-" + std::to_string(getpid());
  std::ofstream(path) << "  the secret \n\n";
  EXPECT_EQ(ReadSecretFile(path).value(), "  the secret");
  std::ofstream(path) << " \n";
  EXPECT_EQ(ReadSecretFile(path).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadSecretFile(path + ".missing").status().code(), absl::StatusCode::kNotFound);
  std::remove(path.c_str());
}

TEST(Paging, TokensRoundTripAndForgeriesAreRejected) {
  const PageSeal seal{.key = std::string(32, 'k'), .binding = "ListHouseholds\nann\nstatus = X"};
  Validation v;
  std::string id = NewId();
  Page p = ParsePage(0, PageTokenAfter(id, seal), seal, v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(p.size, 50);
  EXPECT_EQ(p.after_id, id);
  EXPECT_EQ(ParsePage(10000, "", seal, v).size, 500);
  ParsePage(-1, "bm9wZQ", seal, v);
  EXPECT_EQ(v.violations().size(), 2u);
}

TEST(Paging, ATokenResumesOnlyTheListItWasSealedFor) {
  const PageSeal seal{.key = std::string(32, 'k'), .binding = "ListHouseholds\nann\nstatus = X"};
  const std::string id = NewId(), token = PageTokenAfter(id, seal);
  auto refused = [&](const std::string& t, const PageSeal& s) {
    Validation v;
    Page p = ParsePage(0, t, s, v);
    return !v.ok() && v.violations()[0].field == "page_token" && p.after_id.empty();
  };
  EXPECT_TRUE(refused(token, {.key = seal.key, .binding = "ListHouseholds\nann\nstatus = Y"}));  // another filter
  EXPECT_TRUE(refused(token, {.key = seal.key, .binding = "ListHouseholds\nbob\nstatus = X"}));   // another caller
  EXPECT_TRUE(refused(token, {.key = std::string(32, 'j'), .binding = seal.binding}));           // another key
  // The id cannot be edited: a token for another id, made without the key, is refused.
  std::string decoded;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &decoded));
  const std::string other = NewId();
  EXPECT_TRUE(refused(absl::WebSafeBase64Escape(decoded.substr(0, decoded.size() - id.size()) + other), seal));
  // The old unsealed form is not a token either.
  EXPECT_TRUE(refused(absl::WebSafeBase64Escape("after:" + id), seal));
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

TEST(Paging, ThereIsANextPageOnlyAfterAFullOne) {
  struct Item {
    std::string id;
  };
  Page page;
  page.size = 2;
  page.seal = {.key = std::string(32, 'k'), .binding = "List"};
  const std::string last = NewId();
  Validation v;
  EXPECT_EQ(ParsePage(0, NextPageToken(std::vector<Item>{{NewId()}, {last}}, page), page.seal, v).after_id, last);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(NextPageToken(std::vector<Item>{{NewId()}}, page), "");
  EXPECT_EQ(NextPageToken(std::vector<Item>{}, page), "");
}

// google.api.FieldBehavior stands in for a contract's enum (UNSPECIFIED, OPTIONAL,
// REQUIRED, OUTPUT_ONLY, ...) and this for the domain's, in the same order without
// the zero.
enum class Behavior { kOptional, kRequired, kOutputOnly };

TEST(Filter, EnumConditionsAreTheContractsNamesMappedToTheDomainsValues) {
  const google::protobuf::EnumDescriptor* type = google::api::FieldBehavior_descriptor();
  Validation v;
  Filter f = ParseFilter("behavior = OUTPUT_ONLY", {"behavior", "other"}, v);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(EnumFilterNumber(f, "behavior", type, v), google::api::OUTPUT_ONLY);
  EXPECT_EQ(EnumFilter<Behavior>(f, "behavior", type, v), Behavior::kOutputOnly);
  EXPECT_EQ(EnumFilter<Behavior>(f, "other", type, v), std::nullopt);  // no condition, no violation
  EXPECT_TRUE(v.ok());
}

TEST(Filter, AnUnspecifiedOrUnknownEnumNameNamesTheEnumAndAnExample) {
  for (const char* bad : {"FIELD_BEHAVIOR_UNSPECIFIED", "SOMETIMES", "output_only"}) {
    Validation v;
    Filter f = ParseFilter(absl::StrCat("behavior = ", bad), {"behavior"}, v);
    EXPECT_EQ(EnumFilter<Behavior>(f, "behavior", google::api::FieldBehavior_descriptor(), v), std::nullopt);
    ASSERT_EQ(v.violations().size(), 1u) << bad;
    EXPECT_EQ(v.violations()[0].field, "filter");
    EXPECT_EQ(v.violations()[0].description, "behavior must be a FieldBehavior value such as OPTIONAL");
  }
}

TEST(Filter, BoolConditionsAreTrueOrFalse) {
  Validation v;
  Filter f =
      ParseFilter("approved = true AND disabled = false AND other = yes", {"approved", "disabled", "other"}, v);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(BoolFilter(f, "approved", v), true);
  EXPECT_EQ(BoolFilter(f, "disabled", v), false);
  EXPECT_EQ(BoolFilter(f, "missing", v), std::nullopt);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(BoolFilter(f, "other", v), std::nullopt);
  ASSERT_EQ(v.violations().size(), 1u);
  EXPECT_EQ(v.violations()[0].field, "filter");
  EXPECT_EQ(v.violations()[0].description, "other must be true or false");
}

TEST(ContractEnums, AreTheDomainsValuesOffsetByTheUnspecifiedZero) {
  EXPECT_EQ(EnumToProto<google::api::FieldBehavior>(Behavior::kOptional), google::api::OPTIONAL);
  EXPECT_EQ(EnumToProto<google::api::FieldBehavior>(Behavior::kOutputOnly), google::api::OUTPUT_ONLY);
  EXPECT_EQ(EnumToProto<google::api::FieldBehavior>(std::optional<Behavior>(Behavior::kRequired)),
            google::api::REQUIRED);
  EXPECT_EQ(EnumToProto<google::api::FieldBehavior>(std::optional<Behavior>()),
            google::api::FIELD_BEHAVIOR_UNSPECIFIED);
  EXPECT_EQ(EnumFromProto<Behavior>(google::api::REQUIRED, google::api::FieldBehavior_IsValid), Behavior::kRequired);
  EXPECT_EQ(EnumFromProto<Behavior>(google::api::FIELD_BEHAVIOR_UNSPECIFIED, google::api::FieldBehavior_IsValid),
            std::nullopt);
  EXPECT_EQ(EnumFromProto<Behavior>(999, google::api::FieldBehavior_IsValid), std::nullopt);  // a newer contract's
}

TEST(RecordInfo, SaysWhoMadeAndChangedARecordAndWhen) {
  struct Record {
    long long created_at = 1'700'000'000'000'000, updated_at = 1'700'000'001'500'000;
    std::string created_by = "worker-1", updated_by = "manager-2";
  };
  adoption::type::v1::RecordInfo info = RecordInfoOf(Record{});
  EXPECT_EQ(info.create_time().seconds(), 1'700'000'000);
  EXPECT_EQ(info.update_time().seconds(), 1'700'000'001);
  EXPECT_EQ(info.update_time().nanos(), 500'000'000);
  EXPECT_EQ(info.created_by(), "worker-1");
  EXPECT_EQ(info.updated_by(), "manager-2");
}

TEST(ResourceNames, OneCollectionGivesItsId) {
  const std::string id = NewId();
  Validation v;
  EXPECT_EQ(IdFromName("households/" + id, "households", "name", v), id);
  EXPECT_TRUE(v.ok());
  for (const std::string& bad : {std::string("children/") + id, std::string("households/") + id + "/x",
                                 std::string("households/NOT-AN-ID"), std::string("households")}) {
    Validation bv;
    EXPECT_EQ(IdFromName(bad, "households", "household.name", bv), "") << bad;
    ASSERT_EQ(bv.violations().size(), 1u) << bad;
    EXPECT_EQ(bv.violations()[0].field, "household.name");
    EXPECT_EQ(bv.violations()[0].description, "must be households/{id}");
  }
  Validation empty;
  IdFromName("", "households", "name", empty);
  EXPECT_EQ(empty.violations()[0].description, "is required");
}

TEST(ResourceNames, NestedCollectionsGiveEveryIdInOrder) {
  const std::string panel = NewId(), meeting = NewId();
  Validation v;
  const std::string name = "panels/" + panel + "/meetings/" + meeting;
  auto [panel_id, meeting_id] = IdsFromName(name, {"panels", "meetings"}, "name", v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(panel_id, panel);
  EXPECT_EQ(meeting_id, meeting);
  for (const std::string& bad : {"panels/" + panel, "panels/" + panel + "/agendaItems/" + meeting,
                                 "panels/" + panel + "/meetings/" + meeting + "/x", "meetings/" + meeting,
                                 "panels/-/meetings/" + meeting, std::string()}) {
    Validation bv;
    auto ids = IdsFromName(bad, {"panels", "meetings"}, "meeting.name", bv);
    EXPECT_EQ(ids[0], "") << bad;
    EXPECT_EQ(ids[1], "") << bad;
    ASSERT_EQ(bv.violations().size(), 1u) << bad;
    EXPECT_EQ(bv.violations()[0].field, "meeting.name");
    EXPECT_EQ(bv.violations()[0].description,
              bad.empty() ? "is required" : "must be panels/{id}/meetings/{id}");
  }
}

TEST(UpdateMask, APathCoversItselfItsMembersAndItsElementsOnly) {
  EXPECT_TRUE(WithinPath("requester", "requester"));
  EXPECT_TRUE(WithinPath("requester.date_of_birth", "requester"));
  EXPECT_TRUE(WithinPath("requester[0]", "requester"));
  EXPECT_TRUE(WithinPath("applicants[1].person.given_name", "applicants"));
  EXPECT_FALSE(WithinPath("requester_kind", "requester"));
  EXPECT_FALSE(WithinPath("request", "requester"));
  EXPECT_FALSE(WithinPath("status_reason", "status"));
}

TEST(UpdateMask, OnlyViolationsUnderMaskedPathsAreKept) {
  Validation fields;
  fields.Add("support_request.requester_kind", "is required");
  fields.Add("support_request.requester.date_of_birth", "is impossible");
  fields.Add("support_request.parties[0].role", "is required");
  fields.Add("support_request.status_reason", "is too long");
  fields.Add("other.requester", "outside the prefix");
  Validation masked =
      MaskedViolations(fields, "support_request.", {"requester", "parties", "status", "received_date"});
  ASSERT_EQ(masked.violations().size(), 2u);
  EXPECT_EQ(masked.violations()[0].field, "support_request.requester.date_of_birth");
  EXPECT_EQ(masked.violations()[0].description, "is impossible");
  EXPECT_EQ(masked.violations()[1].field, "support_request.parties[0].role");
  EXPECT_TRUE(MaskedViolations(fields, "support_request.", {}).ok());
}

TEST(Etags, AWriteThatLostARaceIsAbortedAsStale) {
  absl::Status s = ChangedDuringUpdate("households/x");
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(s.message(), "households/x changed during the update; read it again");
  EXPECT_TRUE(CheckEtag(3, 3, "households/x").ok());
  EXPECT_EQ(CheckEtag(2, 3, "households/x").code(), absl::StatusCode::kAborted);
}

TEST(LocalAuthorityCode, AcceptsOnlyAuthoritiesInTheRegister) {
  EXPECT_TRUE(IsLocalAuthorityCode("E06000001"));  // Hartlepool (unitary)
  EXPECT_FALSE(IsLocalAuthorityCode("E07000228"));  // Mid Sussex: a district; West Sussex county is the LA
  EXPECT_TRUE(IsLocalAuthorityCode("E08000018"));  // Rotherham (metropolitan district)
  EXPECT_TRUE(IsLocalAuthorityCode("E09000006"));  // Bromley (London borough)
  EXPECT_TRUE(IsLocalAuthorityCode("W06000015"));  // Cardiff
  EXPECT_TRUE(IsLocalAuthorityCode("E10000015"));  // Hertfordshire (county council)
  EXPECT_FALSE(IsLocalAuthorityCode("S12000033"));  // Scotland: other legislation
  EXPECT_FALSE(IsLocalAuthorityCode("E0900000"));   // too short
  EXPECT_FALSE(IsLocalAuthorityCode("E090000061"));  // too long
  EXPECT_FALSE(IsLocalAuthorityCode("E0900000X"));
  EXPECT_FALSE(IsLocalAuthorityCode("e09000006"));
  EXPECT_FALSE(IsLocalAuthorityCode(""));
}

TEST(Text, CountsCharactersNotBytes) {
  EXPECT_EQ(CharacterCount(""), 0u);
  EXPECT_EQ(CharacterCount("Sian"), 4u);
  EXPECT_EQ(CharacterCount("Si\xC3\xA2n"), 4u);            // Siân: 5 bytes
  EXPECT_EQ(CharacterCount("\xE2\x80\x9Chi\xE2\x80\x9D"), 4u);  // “hi”: 8 bytes
  EXPECT_EQ(CharacterCount("\xF0\x9F\x91\xAA"), 1u);        // an emoji: 4 bytes
  EXPECT_TRUE(IsBlank(""));
  EXPECT_TRUE(IsBlank(" \t\n"));
  EXPECT_FALSE(IsBlank(" x "));
}

enum class Colour { kRed, kGreen, kBlue };
constexpr const char* kColourNames[] = {"RED", "GREEN", "BLUE"};

TEST(EnumNames, ParseByPositionInTheTable) {
  EXPECT_EQ(EnumFromName<Colour>(kColourNames, "RED"), Colour::kRed);
  EXPECT_EQ(EnumFromName<Colour>(kColourNames, "BLUE"), Colour::kBlue);
  EXPECT_EQ(EnumFromName<Colour>(kColourNames, "blue"), std::nullopt);
  EXPECT_EQ(EnumFromName<Colour>(kColourNames, ""), std::nullopt);
}

TEST(Money, IsIntegerPence) {
  EXPECT_EQ((Money::Pounds(27000) + Money{50, "GBP"}).ToString(), "GBP 27000.50");
  EXPECT_EQ((Money{-5, "GBP"}.ToString()), "GBP -0.05");
}

}  // namespace
}  // namespace platform
