// A person's disclosure from adoption support (docs/records.md): RecordsService.
// ExportDisclosure over the real support API — the adopters' whole support record, a
// child's placements and their reviews with the words naming the adopters flagged,
// nothing of another family, and the export a manager's alone and audited under the
// person.
#include <google/protobuf/struct.pb.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "adoption/events/v1/events.pb.h"
#include "platform/rpc/disclosure.h"
#include "platform/testing/records_client.h"
#include "support-svc/tests/support_api_fixture.h"

namespace support {
namespace testing {
namespace {

namespace ev = adoption::events::v1;
namespace rpb = adoption::records::v1;
using platform::Date;
using Stub = pb::SupportService::Stub;

// Family finding's ids: our family's child, and another family with its own child.
constexpr char kChild[] = "01j00000000000000000000c01";
constexpr char kOtherFamily[] = "01j00000000000000000000h02";
constexpr char kOtherChild[] = "01j00000000000000000000c02";

constexpr char kFindings[] = "Morgan Achebe found the evenings hardest; support came late";

using platform::testing::TextsOf;

using platform::testing::Flag;
using platform::testing::FlagsOf;

// Where any of `texts` (names, ids) is found in the export's items: "record: path".
std::vector<std::string> Mentions(const rpb::Disclosure& out, const std::vector<std::string>& texts) {
  std::vector<std::string> found;
  for (const rpb::DisclosureItem& item : out.items()) {
    for (const auto& [path, text] : TextsOf(item)) {
      auto in_text = [&](const std::string& t) { return text.find(t) != std::string::npos; };
      if (std::any_of(texts.begin(), texts.end(), in_text)) found.push_back(absl::StrCat(item.record(), ": ", path));
    }
  }
  return found;
}

ev::ChildPlaced Placed(const std::string& child, const std::string& household) {
  ev::ChildPlaced e;
  e.set_child(absl::StrCat("children/", child));
  e.set_household(absl::StrCat("households/", household));
  *e.mutable_placed_date() = platform::DateToProto(Date(2025, 6, 2));
  *e.mutable_moved_in_date() = platform::DateToProto(Date(2025, 6, 2));
  e.set_local_authority("E09000006");
  return e;
}
ev::PlacementDisrupted Disrupted(const std::string& child, const std::string& household) {
  ev::PlacementDisrupted e;
  e.set_child(absl::StrCat("children/", child));
  e.set_household(absl::StrCat("households/", household));
  *e.mutable_disruption_date() = platform::DateToProto(Date(2025, 12, 1));
  return e;
}

class FamilyDisclosureTest : public SupportApiTest {
 protected:
  // Two families' support records as the API and family finding's events make them:
  // ours (Morgan Achebe's) asks for support, is assessed and paid an allowance for its
  // child, whose placement disrupted and was reviewed; the other asks, is paid for its
  // own child, and its placement disrupted too.
  void SetUp() override {
    SupportApiTest::SetUp();
    if (!host_) return;
    clock_.Set(Date(2026, 1, 15));
    ASSERT_TRUE(Create(FamilyCreate("ours-1"), &request_).ok());
    grpc::Status s = Call(&Stub::CreateAssessmentOfNeed, AssessmentCreate("ours-2", Date(2026, 1, 5)), &assessment_);
    ASSERT_TRUE(s.ok()) << s.error_message();
    pb::CreateAdoptionAllowanceRequest allowance = AllowanceCreate("ours-3", Date(2025, 9, 1));
    allowance.mutable_adoption_allowance()->set_household(absl::StrCat("households/", kFamily));
    allowance.mutable_adoption_allowance()->set_child(absl::StrCat("children/", kChild));
    s = Call(&Stub::CreateAdoptionAllowance, allowance, &allowance_);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_TRUE(Apply(Placed(kChild, kFamily), "e-1").ok());
    ASSERT_TRUE(Apply(Disrupted(kChild, kFamily), "e-2").ok());

    pb::CreateSupportRequestRequest theirs = FamilyCreate("theirs-1", kOtherFamily);
    theirs.mutable_support_request()->mutable_requester()->set_given_name("Ngozi");
    theirs.mutable_support_request()->mutable_requester()->set_family_name("Adeyemi");
    pb::SupportRequest their_request;
    ASSERT_TRUE(Create(theirs, &their_request).ok());
    pb::CreateAdoptionAllowanceRequest their_allowance = AllowanceCreate("theirs-2", Date(2025, 9, 1));
    their_allowance.mutable_adoption_allowance()->set_household(absl::StrCat("households/", kOtherFamily));
    their_allowance.mutable_adoption_allowance()->set_child(absl::StrCat("children/", kOtherChild));
    pb::AdoptionAllowance paid;
    ASSERT_TRUE(Call(&Stub::CreateAdoptionAllowance, their_allowance, &paid).ok());
    ASSERT_TRUE(Apply(Placed(kOtherChild, kOtherFamily), "e-3").ok());
    ASSERT_TRUE(Apply(Disrupted(kOtherChild, kOtherFamily), "e-4").ok());

    // Our family's placement and its review, as support's workers see them; the review
    // held, and what it found naming the adoptive mother.
    pb::ListAdoptiveFamiliesRequest ours;
    ours.set_filter(absl::StrCat("household = \"households/", kFamily, "\""));
    pb::ListAdoptiveFamiliesResponse families;
    ASSERT_TRUE(Call(&Stub::ListAdoptiveFamilies, ours, &families, {Role::kManager}).ok());
    ASSERT_EQ(families.adoptive_families_size(), 1);
    family_ = families.adoptive_families(0);
    pb::ListDisruptionReviewsResponse reviews;
    ASSERT_TRUE(
        Call(&Stub::ListDisruptionReviews, pb::ListDisruptionReviewsRequest(), &reviews, {Role::kManager}).ok());
    for (const pb::DisruptionReview& r : reviews.disruption_reviews()) {
      if (r.adoptive_family() == family_.name()) review_ = r;
    }
    ASSERT_FALSE(review_.name().empty());
    pb::ScheduleDisruptionReviewRequest schedule;
    schedule.set_name(review_.name());
    schedule.set_etag(review_.etag());
    *schedule.mutable_scheduled_date() = platform::DateToProto(Date(2026, 1, 20));
    schedule.set_chair("Independent chair: R. Okafor");
    ASSERT_TRUE(Call(&Stub::ScheduleDisruptionReview, schedule, &review_).ok());
    clock_.Set(Date(2026, 1, 21));
    pb::RecordDisruptionReviewRequest record;
    record.set_name(review_.name());
    record.set_etag(review_.etag());
    *record.mutable_held_date() = platform::DateToProto(Date(2026, 1, 20));
    record.set_findings(kFindings);
    record.set_recommendations("Therapeutic support for the child in foster care");
    s = Call(&Stub::RecordDisruptionReview, record, &review_);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  grpc::Status Export(const std::string& subject, rpb::Disclosure* out) {
    return platform::testing::RecordsClient(*host_).Export(subject, out);
  }

  long long Audited(const std::string& type, const std::string& id) {
    return platform::testing::ExportsAudited(host_->db(), type, id);
  }
  pb::SupportRequest request_;
  pb::AssessmentOfNeed assessment_;
  pb::AdoptionAllowance allowance_;
  pb::AdoptiveFamily family_;
  pb::DisruptionReview review_;
};

TEST_P(FamilyDisclosureTest, TheAdoptersGetTheirWholeSupportRecordAndNothingOfAnotherFamily) {
  rpb::Disclosure out;
  grpc::Status s = Export(absl::StrCat("households/", kFamily), &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::map<std::string, const rpb::DisclosureItem*> items;
  for (const rpb::DisclosureItem& item : out.items()) items[item.record()] = &item;
  const std::map<std::string, std::string> expected = {{request_.name(), "support_request"},
                                                       {assessment_.name(), "assessment_of_need"},
                                                       {allowance_.name(), "adoption_allowance"},
                                                       {family_.name(), "adoptive_family"},
                                                       {review_.name(), "disruption_review"}};
  ASSERT_EQ(items.size(), expected.size());
  for (const auto& [record, type] : expected) {
    ASSERT_TRUE(items.count(record)) << record;
    const rpb::DisclosureItem& item = *items.at(record);
    EXPECT_EQ(item.record_type(), type) << record;
    EXPECT_TRUE(item.has_create_time()) << record;
    EXPECT_FALSE(item.created_by().empty()) << record;
    // Their own record: the requester is one of them, the child theirs.
    EXPECT_EQ(item.third_party_details_size(), 0) << record;
  }
  EXPECT_EQ(items.at(request_.name())->created_by(), "worker-1");
  EXPECT_EQ(platform::TextAt(items.at(request_.name())->content(), "requester.familyName"), "Achebe");
  EXPECT_EQ(platform::TextAt(items.at(request_.name())->content(), "summary"), kSummary);
  EXPECT_EQ(platform::TextAt(items.at(assessment_.name())->content(), "needs"),
            "Child's behaviour at school; parents exhausted");
  EXPECT_EQ(platform::TextAt(items.at(allowance_.name())->content(), "child"), absl::StrCat("children/", kChild));
  EXPECT_EQ(platform::TextAt(items.at(family_.name())->content(), "status"), "FAMILY_STATUS_DISRUPTED");
  EXPECT_EQ(platform::TextAt(items.at(review_.name())->content(), "findings"), kFindings);
  EXPECT_EQ(Mentions(out, {"Ngozi", "Adeyemi", kOtherFamily, kOtherChild}), std::vector<std::string>{});
  EXPECT_EQ(Audited("household", kFamily), 1);
  EXPECT_EQ(Audited("household", kOtherFamily), 0);
}

TEST_P(FamilyDisclosureTest, AChildGetsTheirPlacementAndItsReviewWithTheAdoptersNamesFlagged) {
  rpb::Disclosure out;
  grpc::Status s = Export(absl::StrCat("children/", kChild), &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(out.items_size(), 2);
  std::map<std::string, const rpb::DisclosureItem*> items;
  for (const rpb::DisclosureItem& item : out.items()) items[item.record()] = &item;
  ASSERT_TRUE(items.count(family_.name()));
  ASSERT_TRUE(items.count(review_.name()));
  EXPECT_EQ(items.at(family_.name())->record_type(), "adoptive_family");
  EXPECT_EQ(FlagsOf(*items.at(family_.name())), std::vector<Flag>{});
  const rpb::DisclosureItem& review = *items.at(review_.name());
  EXPECT_EQ(review.record_type(), "disruption_review");
  EXPECT_TRUE(review.has_create_time());
  EXPECT_FALSE(review.created_by().empty());
  EXPECT_EQ(platform::TextAt(review.content(), "chair"), "Independent chair: R. Okafor");
  // The findings name the adoptive mother; the recommendations name no one.
  EXPECT_EQ(FlagsOf(review), (std::vector<Flag>{{"findings", kFindings, "adopter"}}));
  // The adopters appear nowhere else; the family's own requests, assessment and
  // allowance are not the child's; nothing of the other family or its child.
  EXPECT_EQ(Mentions(out, {"Morgan", "Achebe"}), std::vector<std::string>{review_.name() + ": findings"});
  EXPECT_EQ(Mentions(out, {kSummary, "Ngozi", "Adeyemi", kOtherFamily, kOtherChild}), std::vector<std::string>{});
  EXPECT_EQ(Audited("child", kChild), 1);
}

TEST_P(FamilyDisclosureTest, OnlyAManagerExportsAPersonNamedAsOne) {
  rpb::Disclosure out;
  for (const char* bad : {"people/1", "households/"}) {
    grpc::Status s = Export(bad, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_EQ(platform::testing::ViolatedFields(s), std::vector<std::string>{"subject"}) << bad;
  }
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kSupportWorker});
  rpb::ExportDisclosureRequest r;
  r.set_subject(absl::StrCat("households/", kFamily));
  auto records = rpb::RecordsService::NewStub(platform::testing::ChannelTo(*host_));
  EXPECT_EQ(records->ExportDisclosure(&ctx, r, &out).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Audited("household", kFamily), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, FamilyDisclosureTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace testing
}  // namespace support
