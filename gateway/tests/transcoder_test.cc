#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

#include "adoption/events/v1/event_log.pb.h"
#include "adoption/recruitment/v1/recruitment_service.pb.h"
#include "gateway/path_template.h"
#include "gateway/transcoder.h"
#include "google/protobuf/util/json_util.h"

namespace gateway {
namespace {

namespace rpb = adoption::recruitment::v1;

TEST(PathTemplate, MatchesResourceNamesAndBindsThem) {
  auto t = PathTemplate::Parse("/v1/{name=households/*}").value();
  auto b = t.Match("/v1/households/01abc");
  ASSERT_TRUE(b);
  EXPECT_EQ(*b, (PathTemplate::Bindings{{"name", "households/01abc"}}));
  EXPECT_FALSE(t.Match("/v1/households"));
  EXPECT_FALSE(t.Match("/v1/households/01abc/extra"));
  EXPECT_FALSE(t.Match("/v1/children/01abc"));
  EXPECT_FALSE(t.Match("/v1/households/"));
}

TEST(PathTemplate, NestedCollectionsVerbsAndFieldPaths) {
  auto approve = PathTemplate::Parse("/v1/{name=contactArrangements/*/exchanges/*}:approve").value();
  auto b = approve.Match("/v1/contactArrangements/a1/exchanges/e2:approve");
  ASSERT_TRUE(b);
  EXPECT_EQ((*b)[0].second, "contactArrangements/a1/exchanges/e2");
  EXPECT_FALSE(approve.Match("/v1/contactArrangements/a1/exchanges/e2"));
  EXPECT_FALSE(approve.Match("/v1/contactArrangements/a1/exchanges/e2:forward"));
  auto get = PathTemplate::Parse("/v1/{name=contactArrangements/*/exchanges/*}").value();
  EXPECT_FALSE(get.Match("/v1/contactArrangements/a1/exchanges/e2:approve"));
  auto update = PathTemplate::Parse("/v1/{household.name=households/*}").value();
  EXPECT_EQ((*update.Match("/v1/households/x"))[0].first, "household.name");
  auto parent = PathTemplate::Parse("/v1/{parent=panels/*}/meetings").value();
  EXPECT_EQ((*parent.Match("/v1/panels/p%201/meetings"))[0].second, "panels/p 1");
  auto rest = PathTemplate::Parse("/v1/{path=files/**}").value();
  EXPECT_EQ((*rest.Match("/v1/files/a/b/c"))[0].second, "files/a/b/c");
}

TEST(PathTemplate, OnePathSplitOnceMatchesEachTemplateAsItsOwnText) {
  // The transcoder splits a request's path once (RequestPath) for all its routes.
  const RequestPath exchange("/v1/contactArrangements/a1/exchanges/e2:approve");
  auto approve = PathTemplate::Parse("/v1/{name=contactArrangements/*/exchanges/*}:approve").value();
  auto get = PathTemplate::Parse("/v1/{name=contactArrangements/*/exchanges/*}").value();
  auto rest = PathTemplate::Parse("/v1/{path=files/**}").value();
  EXPECT_TRUE(approve.Match(exchange));
  EXPECT_FALSE(get.Match(exchange));
  EXPECT_FALSE(rest.Match(exchange));
  // ** takes one segment or more; an encoded ':' is a value's, not a verb.
  EXPECT_FALSE(rest.Match(RequestPath("/v1/files")));
  EXPECT_EQ((*rest.Match(RequestPath("/v1/files/a")))[0].second, "files/a");
  auto household = PathTemplate::Parse("/v1/{name=households/*}").value();
  EXPECT_EQ((*household.Match(RequestPath("/v1/households/a%3Ab")))[0].second, "households/a:b");
  EXPECT_FALSE(household.Match(RequestPath("/v1/households/a:b")));
  EXPECT_FALSE(household.Match(RequestPath("v1/households/a")));
  auto bare = PathTemplate::Parse("/{x=**}:run").value();
  EXPECT_FALSE(bare.Match(RequestPath("/:run")));
  EXPECT_TRUE(bare.Match(RequestPath("/a:run")));
}

TEST(PathTemplate, RejectsMalformedTemplates) {
  EXPECT_FALSE(PathTemplate::Parse("v1/x").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1/{name=households/*").ok());
}

// The transcoder over the real contracts image the build makes.
class TranscoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream in(ADOPTION_DESCRIPTOR_SET, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    transcoder_ = Transcoder::Create(ss.str(), {"adoption.recruitment."}).value();
  }
  absl::StatusOr<std::string> Prepare(const std::string& method, const std::string& path,
                                      const std::multimap<std::string, std::string>& query, const std::string& body) {
    auto match = transcoder_->Match(method, path);
    if (!match.route) return absl::NotFoundError(path);
    return transcoder_->Prepare(match, query, body);
  }
  std::unique_ptr<Transcoder> transcoder_;
};

TEST_F(TranscoderTest, EveryAnnotatedRpcOfTheRoutedServicesHasARoute) {
  int routes = 0;
  for (const auto& r : transcoder_->routes()) {
    EXPECT_EQ(r.method->service()->full_name(), "adoption.recruitment.v1.RecruitmentService");
    ++routes;
  }
  const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
      "adoption.recruitment.v1.RecruitmentService");
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(routes, service->method_count());
}

TEST_F(TranscoderTest, ABodyFieldPathVariablesAndQueryParametersBuildTheRequest) {
  auto match = transcoder_->Match("PATCH", "/v1/households/01abc");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->grpc_path, "/adoption.recruitment.v1.RecruitmentService/UpdateHousehold");
  auto call = transcoder_->Prepare(match, {{"updateMask", "homeLocalAuthority,fosterCarers"}},
                                   R"({"homeLocalAuthority":"E08000018","etag":"3"})");
  ASSERT_TRUE(call.ok()) << call.status();
  rpb::UpdateHouseholdRequest request;
  ASSERT_TRUE(request.ParseFromString(*call));
  EXPECT_EQ(request.household().name(), "households/01abc");
  EXPECT_EQ(request.household().home_local_authority(), "E08000018");
  EXPECT_EQ(request.household().etag(), "3");
  ASSERT_EQ(request.update_mask().paths_size(), 2);
  EXPECT_EQ(request.update_mask().paths(0), "home_local_authority");
  EXPECT_EQ(request.update_mask().paths(1), "foster_carers");

  auto list = Prepare("GET", "/v1/households", {{"page_size", "5"}, {"filter", "status = X"}}, "");
  ASSERT_TRUE(list.ok());
  rpb::ListHouseholdsRequest l;
  ASSERT_TRUE(l.ParseFromString(*list));
  EXPECT_EQ(l.page_size(), 5);
  EXPECT_EQ(l.filter(), "status = X");
}

TEST_F(TranscoderTest, ADateQueryParameterIsWrittenAsTheDayOrFieldByField) {
  auto funnel = Prepare("GET", "/v1/reports/adopterFunnel",
                        {{"period.first_day", "2017-04-01"}, {"period.lastDay.year", "2018"},
                         {"period.lastDay.month", "3"}, {"period.lastDay.day", "31"}},
                        "");
  ASSERT_TRUE(funnel.ok()) << funnel.status();
  rpb::ReportAdopterFunnelRequest request;
  ASSERT_TRUE(request.ParseFromString(*funnel));
  EXPECT_EQ(request.period().first_day().year(), 2017);
  EXPECT_EQ(request.period().first_day().month(), 4);
  EXPECT_EQ(request.period().first_day().day(), 1);
  EXPECT_EQ(request.period().last_day().day(), 31);
  auto bad = Prepare("GET", "/v1/reports/householdStages", {{"at", "31/03/2018"}}, "");
  ASSERT_TRUE(absl::IsInvalidArgument(bad.status()));
  EXPECT_NE(bad.status().message().find("2017-04-01"), absl::string_view::npos) << bad.status();
}

TEST_F(TranscoderTest, UnreadableRequestsAreInvalidArgumentsNamingTheProblem) {
  EXPECT_TRUE(absl::IsInvalidArgument(Prepare("POST", "/v1/households", {}, "{not json").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(Prepare("POST", "/v1/households", {}, R"({"noSuchField":1})").status()));
  auto bad_param = Prepare("GET", "/v1/households", {{"pageSize", "many"}}, "");
  ASSERT_TRUE(absl::IsInvalidArgument(bad_param.status()));
  EXPECT_NE(bad_param.status().message().find("pageSize"), absl::string_view::npos);
  EXPECT_TRUE(absl::IsInvalidArgument(Prepare("GET", "/v1/households", {{"nope", "1"}}, "").status()));
  // Bytes that are not UTF-8 in a path variable or a query parameter (tests/fuzz found the
  // service answering INTERNAL to them): refused here, naming the parameter.
  auto path = Prepare("GET", "/v1/households/%FF", {}, "");
  ASSERT_TRUE(absl::IsInvalidArgument(path.status())) << path.status();
  EXPECT_NE(path.status().message().find("not valid UTF-8"), absl::string_view::npos) << path.status();
  auto query = Prepare("GET", "/v1/households", {{"filter", "\xff"}}, "");
  ASSERT_TRUE(absl::IsInvalidArgument(query.status())) << query.status();
  EXPECT_NE(query.status().message().find("filter is not valid UTF-8"), absl::string_view::npos) << query.status();
  auto mask = Prepare("PATCH", "/v1/households/01abc", {{"updateMask", "a\xff"}}, R"({"etag":"3"})");
  ASSERT_TRUE(absl::IsInvalidArgument(mask.status())) << mask.status();
  EXPECT_NE(mask.status().message().find("updateMask is not valid UTF-8"), absl::string_view::npos) << mask.status();
  EXPECT_TRUE(absl::IsInvalidArgument(Prepare("GET", "/v1/households", {{"\xff", "1"}}, "").status()));
}

// google.api.http: query parameters fill only the fields neither the path nor the body
// binds; one that would change them is refused, naming it, in either spelling.
TEST_F(TranscoderTest, AQueryParameterCannotChangeWhatThePathOrTheBodyGives) {
  auto get = Prepare("GET", "/v1/households/01abc", {{"name", "households/other"}}, "");
  ASSERT_TRUE(absl::IsInvalidArgument(get.status())) << get.status();
  EXPECT_NE(get.status().message().find("'name'"), absl::string_view::npos) << get.status();
  for (const std::string key : {"household.name", "household.homeLocalAuthority", "household",
                                "household.home_local_authority"}) {
    auto patch = Prepare("PATCH", "/v1/households/01abc", {{key, "E09000006"}}, R"({"etag":"3"})");
    ASSERT_TRUE(absl::IsInvalidArgument(patch.status())) << key << ": " << patch.status();
    EXPECT_NE(patch.status().message().find(key), absl::string_view::npos) << patch.status();
  }
  // What neither binds is still the query's.
  auto mask = Prepare("PATCH", "/v1/households/01abc", {{"updateMask", "homeLocalAuthority"}}, R"({"etag":"3"})");
  EXPECT_TRUE(mask.ok()) << mask.status();
}

TEST(PathTemplate, APathIsDecodedOnceSegmentBySegment) {
  auto get = PathTemplate::Parse("/v1/{name=households/*}").value();
  // "%2541" is the text "%41", never "A"; an encoded "/" stays inside its segment.
  EXPECT_EQ((*get.Match("/v1/households/h%2541"))[0].second, "households/h%41");
  auto slash = get.Match("/v1/households/a%2Fb");
  ASSERT_TRUE(slash);
  EXPECT_EQ((*slash)[0].second, "households/a/b");
  // An encoded ':' is part of the id, not a custom verb.
  auto approve = PathTemplate::Parse("/v1/{name=households/*}:approve").value();
  EXPECT_FALSE(approve.Match("/v1/households/h%3Aapprove"));
  EXPECT_EQ((*get.Match("/v1/households/h%3Aapprove"))[0].second, "households/h:approve");
}

TEST_F(TranscoderTest, APathOfOtherMethodsListsThemAndAnUnknownPathListsNone) {
  auto wrong_method = transcoder_->Match("DELETE", "/v1/households/x");
  EXPECT_EQ(wrong_method.route, nullptr);
  EXPECT_EQ(wrong_method.allowed, (std::vector<std::string>{"GET", "HEAD", "PATCH"}));
  auto collection = transcoder_->Match("PUT", "/v1/households");
  EXPECT_EQ(collection.route, nullptr);
  EXPECT_EQ(collection.allowed, (std::vector<std::string>{"GET", "HEAD", "POST"}));
  auto unknown = transcoder_->Match("GET", "/v1/nothing");
  EXPECT_EQ(unknown.route, nullptr);
  EXPECT_TRUE(unknown.allowed.empty());
  auto head = transcoder_->Match("HEAD", "/v1/households/x");
  ASSERT_NE(head.route, nullptr);
  EXPECT_EQ(head.route->method->name(), "GetHousehold");
}

TEST_F(TranscoderTest, EveryMethodOfTheImageIsKnownRoutedOrNot) {
  const auto& methods = transcoder_->grpc_methods();
  EXPECT_TRUE(methods.contains("/adoption.recruitment.v1.RecruitmentService/GetHousehold"));
  EXPECT_TRUE(methods.contains("/adoption.events.v1.EventLogService/ReadEvents"));
  EXPECT_FALSE(methods.contains("/adoption.recruitment.v1.RecruitmentService/NoSuchMethod"));
}

TEST_F(TranscoderTest, ResponsesUseProtobufJsonNames) {
  rpb::Household h;
  h.set_name("households/x");
  h.set_home_local_authority("E09000006");
  const Route* get = nullptr;
  for (const auto& r : transcoder_->routes()) {
    if (r.method->name() == "GetHousehold") get = &r;
  }
  ASSERT_NE(get, nullptr);
  auto json = transcoder_->ResponseJson(*get, h.SerializeAsString());
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(*json, R"({"name":"households/x","homeLocalAuthority":"E09000006"})");
}

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// The values Fill gives each type: an ordinary one first, then the edges protobuf's JSON
// writer treats specially — escaped characters (every one to U+00FF, and on either side
// of each invisible range it escapes), non-finite and signed-zero numbers, the 64-bit
// limits, an enum number the contract does not name, a timestamp's precisions and limits.
struct Values {
  std::vector<std::string> texts;
  std::vector<double> doubles = {1234.5, 0.1, -0.0, 1e21, 1e-7, 123456789012345680.0, 0.30000000000000004,
                                 std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min(),
                                 std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                                 -std::numeric_limits<double>::infinity()};
  std::vector<float> floats = {2.5f, 0.1f, -0.0f, 16777217.0f, std::numeric_limits<float>::max(),
                               std::numeric_limits<float>::denorm_min(), std::numeric_limits<float>::quiet_NaN(),
                               std::numeric_limits<float>::infinity()};
  std::vector<int32_t> int32s = {7, -1, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
  std::vector<int64_t> int64s = {9007199254740993, std::numeric_limits<int64_t>::min(),
                                 std::numeric_limits<int64_t>::max()};
  std::vector<uint32_t> uint32s = {3, std::numeric_limits<uint32_t>::max()};
  std::vector<uint64_t> uint64s = {5, std::numeric_limits<uint64_t>::max()};
  std::vector<int> enum_numbers = {1, 999, 2};  // 999: one no contract names
  // Timestamp (and Duration) seconds and nanos: milli-, micro-, nanosecond precision, the
  // epoch, the first and the last instant a Timestamp may hold.
  std::vector<std::pair<int64_t, int32_t>> instants = {{1733356800, 5000000}, {1733356800, 1000}, {1733356800, 1},
                                                       {0, 0}, {-62135596800, 0}, {253402300799, 999999999}};
  Values() {
    texts = {"a_b", "Zo\u00eb \"o'k\" \\ <tag> & /", std::string("nul\0in", 6)};
    std::string every;
    for (uint32_t cp = 1; cp < 0x100; ++cp) AppendUtf8(cp, every);
    for (uint32_t cp : {0x5ffu, 0x600u, 0x603u, 0x604u, 0x6dcu, 0x6ddu, 0x70fu, 0x17b3u, 0x17b4u, 0x17b5u, 0x17b6u,
                        0x200au, 0x200bu, 0x200fu, 0x2010u, 0x2027u, 0x2028u, 0x202eu, 0x202fu, 0x205fu, 0x2060u,
                        0x2064u, 0x2065u, 0x2069u, 0x206au, 0x206fu, 0x2070u, 0xfefeu, 0xfeffu, 0xfff8u, 0xfff9u,
                        0xfffbu, 0xfffcu, 0x1d172u, 0x1d173u, 0x1d17au, 0x1d17bu, 0x1f600u, 0xe0000u, 0xe0001u,
                        0xe001fu, 0xe0020u, 0xe007fu, 0xe0080u, 0x10ffffu}) {
      AppendUtf8(cp, every);
    }
    texts.push_back(every);
  }
  size_t count() const {
    return std::max({texts.size(), doubles.size(), floats.size(), int32s.size(), int64s.size(), instants.size()});
  }
};

template <typename T>
const T& Pick(const std::vector<T>& values, int variant) {
  return values[static_cast<size_t>(variant) % values.size()];
}

// Every field of `m` set, by reflection, `depth` messages deep: a singular field to the
// `variant`th of its type's Values, a repeated field to all of them — a response of every
// shape the contracts have (enums, 64-bit integers, maps, repeated fields, nested
// messages, timestamps and the other well-known types).
void Fill(google::protobuf::Message& m, int depth, int variant) {
  namespace gp = google::protobuf;
  static const Values values;
  const gp::Descriptor* d = m.GetDescriptor();
  const gp::Reflection* r = m.GetReflection();
  if (d->full_name() == "google.protobuf.Any") return;  // its type URL would need a type
  if (d->full_name() == "google.protobuf.Timestamp" || d->full_name() == "google.protobuf.Duration") {
    const auto& [seconds, nanos] = Pick(values.instants, variant);
    r->SetInt64(&m, d->FindFieldByName("seconds"), seconds);
    r->SetInt32(&m, d->FindFieldByName("nanos"), nanos);
    return;
  }
  for (int i = 0; i < d->field_count(); ++i) {
    const gp::FieldDescriptor* f = d->field(i);
    const bool rep = f->is_repeated();
    // A map gets one entry: a second would repeat its key.
    const int copies = rep && !f->is_map() ? static_cast<int>(values.count()) : 1;
    for (int c = 0; c < copies; ++c) {
      const int v = rep ? c : variant;
      switch (f->cpp_type()) {
        case gp::FieldDescriptor::CPPTYPE_INT32:
          rep ? r->AddInt32(&m, f, Pick(values.int32s, v)) : r->SetInt32(&m, f, Pick(values.int32s, v));
          break;
        case gp::FieldDescriptor::CPPTYPE_INT64:
          rep ? r->AddInt64(&m, f, Pick(values.int64s, v)) : r->SetInt64(&m, f, Pick(values.int64s, v));
          break;
        case gp::FieldDescriptor::CPPTYPE_UINT32:
          rep ? r->AddUInt32(&m, f, Pick(values.uint32s, v)) : r->SetUInt32(&m, f, Pick(values.uint32s, v));
          break;
        case gp::FieldDescriptor::CPPTYPE_UINT64:
          rep ? r->AddUInt64(&m, f, Pick(values.uint64s, v)) : r->SetUInt64(&m, f, Pick(values.uint64s, v));
          break;
        case gp::FieldDescriptor::CPPTYPE_DOUBLE:
          rep ? r->AddDouble(&m, f, Pick(values.doubles, v)) : r->SetDouble(&m, f, Pick(values.doubles, v));
          break;
        case gp::FieldDescriptor::CPPTYPE_FLOAT:
          rep ? r->AddFloat(&m, f, Pick(values.floats, v)) : r->SetFloat(&m, f, Pick(values.floats, v));
          break;
        case gp::FieldDescriptor::CPPTYPE_BOOL:
          rep ? r->AddBool(&m, f, v % 2 == 0) : r->SetBool(&m, f, v % 2 == 0);
          break;
        case gp::FieldDescriptor::CPPTYPE_ENUM: {
          const int number = Pick(values.enum_numbers, v);
          rep ? r->AddEnumValue(&m, f, number) : r->SetEnumValue(&m, f, number);
          break;
        }
        case gp::FieldDescriptor::CPPTYPE_STRING:
          rep ? r->AddString(&m, f, Pick(values.texts, v)) : r->SetString(&m, f, Pick(values.texts, v));
          break;
        case gp::FieldDescriptor::CPPTYPE_MESSAGE:
          // At depth 0 a message field is set but empty: an empty wrapper is its default.
          if (rep) {
            gp::Message* added = r->AddMessage(&m, f);
            if (depth > 0) Fill(*added, depth - 1, v);
          } else if (depth > 0) {
            Fill(*r->MutableMessage(&m, f), depth - 1, v);
          } else if (variant % 2 == 1) {
            r->MutableMessage(&m, f);
          }
          break;
      }
    }
  }
}

const Transcoder& EveryContract() {
  static const std::unique_ptr<Transcoder> transcoder = [] {
    std::ifstream in(ADOPTION_DESCRIPTOR_SET, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return Transcoder::Create(ss.str(), {"adoption."}).value();
  }();
  return *transcoder;
}

// Each response's JSON is byte for byte what MessageToJsonString writes of it, for every
// routed method's response in the contracts, with every field set to each of Values'
// ordinary and edge values: the ones message_json.h writes by reflection, and the rest
// (Any, Struct, Duration, FieldMask, maps) protobuf writes from the bytes.
TEST(Responses, AreWrittenAsMessageToJsonStringWritesThemForEveryRoutedMethod) {
  const Transcoder& transcoder = EveryContract();
  google::protobuf::DynamicMessageFactory factory(&transcoder.pool());
  const int variants = static_cast<int>(Values().count());
  int compared = 0, by_reflection = 0;
  for (const Route& route : transcoder.routes()) {
    by_reflection += route.json_by_reflection;
    // protobuf's own path is compared with ordinary values (a Struct holds no NaN).
    for (int variant = 0; variant < (route.json_by_reflection ? variants : 1); ++variant) {
      for (int depth : {0, 3}) {
        std::unique_ptr<google::protobuf::Message> response(factory.GetPrototype(route.method->output_type())->New());
        Fill(*response, depth, variant);
        std::string expected;
        ASSERT_TRUE(google::protobuf::util::MessageToJsonString(*response, &expected).ok())
            << route.grpc_path << " variant " << variant;
        auto json = transcoder.ResponseJson(route, response->SerializeAsString());
        ASSERT_TRUE(json.ok()) << route.grpc_path << ": " << json.status();
        EXPECT_EQ(*json, expected) << route.grpc_path << " variant " << variant << " depth " << depth;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 1000);
  // Most responses are written by reflection (the household's, among them).
  EXPECT_GT(by_reflection * 4, static_cast<int>(transcoder.routes().size()) * 3);
  EXPECT_TRUE(transcoder.Match("GET", "/v1/households/x").route->json_by_reflection);
  // Bytes that are no message whole are an error, not the JSON of what could be read.
  for (const std::string& bad : {std::string("\xff\xff\xff"), std::string("\x0a\x05" "ab"), std::string("\x0a")}) {
    EXPECT_FALSE(transcoder.ResponseJson(transcoder.routes().front(), bad).ok());
  }
}

// A Timestamp somewhere in `m`, through singular message fields at most `depth` deep.
google::protobuf::Message* TimestampIn(google::protobuf::Message& m, int depth) {
  const google::protobuf::Descriptor* d = m.GetDescriptor();
  for (int i = 0; i < d->field_count() && depth > 0; ++i) {
    const google::protobuf::FieldDescriptor* f = d->field(i);
    if (f->is_repeated() || f->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    google::protobuf::Message* inner = m.GetReflection()->MutableMessage(&m, f);
    if (f->message_type()->full_name() == "google.protobuf.Timestamp") return inner;
    if (auto* found = TimestampIn(*inner, depth - 1)) return found;
    m.GetReflection()->ClearField(&m, f);
  }
  return nullptr;
}

// A Timestamp outside years 1 to 9999, or with nanos outside a second, has no JSON:
// an error, as from MessageToJsonString, never a made-up date.
TEST(Responses, WithATimestampOutOfRangeAreAnErrorAsProtobufMakesThem) {
  const Transcoder& transcoder = EveryContract();
  const Route* get = transcoder.Match("GET", "/v1/households/x").route;
  ASSERT_NE(get, nullptr);
  ASSERT_TRUE(get->json_by_reflection);
  google::protobuf::DynamicMessageFactory factory(&transcoder.pool());
  for (auto [seconds, nanos] : std::vector<std::pair<int64_t, int32_t>>{
           {253402300800, 0}, {-62135596801, 0}, {0, -1}, {0, 1000000000}}) {
    std::unique_ptr<google::protobuf::Message> household(factory.GetPrototype(get->method->output_type())->New());
    google::protobuf::Message* at = TimestampIn(*household, 3);
    ASSERT_NE(at, nullptr);
    at->GetReflection()->SetInt64(at, at->GetDescriptor()->FindFieldByName("seconds"), seconds);
    at->GetReflection()->SetInt32(at, at->GetDescriptor()->FindFieldByName("nanos"), nanos);
    std::string protobufs;
    EXPECT_FALSE(google::protobuf::util::MessageToJsonString(*household, &protobufs).ok()) << seconds << " " << nanos;
    EXPECT_FALSE(transcoder.ResponseJson(*get, household->SerializeAsString()).ok()) << seconds << " " << nanos;
  }
}

TEST(EventLogRoute, IsAnnotatedAndTakesItsWaitAsADuration) {
  std::ifstream in(ADOPTION_DESCRIPTOR_SET, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  auto transcoder = Transcoder::Create(ss.str(), {"adoption.events."}).value();
  auto match = transcoder->Match("GET", "/v1/events");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->grpc_path, "/adoption.events.v1.EventLogService/ReadEvents");
  auto request = transcoder->Prepare(match, {{"afterSequence", "12"}, {"wait", "2.5s"}, {"eventTypes", "a.B"}}, "");
  ASSERT_TRUE(request.ok()) << request.status();
  adoption::events::v1::ReadEventsRequest read;
  ASSERT_TRUE(read.ParseFromString(*request));
  EXPECT_EQ(read.after_sequence(), 12);
  EXPECT_EQ(read.wait().seconds(), 2);
  EXPECT_EQ(read.wait().nanos(), 500000000);
  ASSERT_EQ(read.event_types_size(), 1);
  EXPECT_EQ(read.event_types(0), "a.B");
  EXPECT_TRUE(absl::IsInvalidArgument(transcoder->Prepare(match, {{"wait", "soon"}}, "").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(transcoder->Prepare(match, {{"wait", "1s\"}"}}, "").status()));
}

TEST(HttpStatus, FollowsTheStandardMapping) {
  EXPECT_EQ(HttpStatusFor(0), 200);
  EXPECT_EQ(HttpStatusFor(3), 400);   // INVALID_ARGUMENT
  EXPECT_EQ(HttpStatusFor(5), 404);   // NOT_FOUND
  EXPECT_EQ(HttpStatusFor(7), 403);   // PERMISSION_DENIED
  EXPECT_EQ(HttpStatusFor(9), 400);   // FAILED_PRECONDITION
  EXPECT_EQ(HttpStatusFor(10), 409);  // ABORTED
  EXPECT_EQ(HttpStatusFor(14), 503);  // UNAVAILABLE
  EXPECT_EQ(HttpStatusFor(16), 401);  // UNAUTHENTICATED
}

}  // namespace
}  // namespace gateway
