// The adoptive families support hears of from family finding's events: the handlers
// on SQLite (unit) and MariaDB (integration), read back through the API.
#include "adoption/events/v1/events.pb.h"
#include "platform/testing/testing.h"
#include "support-svc/tests/support_api_fixture.h"

namespace support {
namespace {

using namespace support::testing;  // NOLINT: the fixture and its requests
using platform::Date;
using Stub = pb::SupportService::Stub;
namespace ev = adoption::events::v1;

class FamilyApiTest : public SupportApiTest {
 protected:
  std::vector<pb::AdoptiveFamily> List(const std::string& filter, std::vector<Role> roles = {Role::kManager}) {
    pb::ListAdoptiveFamiliesRequest r;
    r.set_filter(filter);
    pb::ListAdoptiveFamiliesResponse page;
    grpc::Status s = Call(&Stub::ListAdoptiveFamilies, r, &page, roles);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {page.adoptive_families().begin(), page.adoptive_families().end()};
  }
};

// Family finding's ids: two children, one household, and a child support never heard of.
const std::string kC1 = "01j00000000000000000000c01";
const std::string kC2 = "01j00000000000000000000c02";
const std::string kUnknown = "01j00000000000000000000c99";
const std::string kH1 = "01j00000000000000000000h01";

ev::ChildPlaced Placed(const std::string& child, Date placed, Date moved_in) {
  ev::ChildPlaced e;
  e.set_child("children/" + child);
  e.set_household("households/" + kH1);
  *e.mutable_placed_date() = platform::DateToProto(placed);
  *e.mutable_moved_in_date() = platform::DateToProto(moved_in);
  e.set_early_permanence(moved_in < placed);
  e.set_local_authority("E09000006");
  return e;
}

// Placed (the support plan offered), adopted (post-order support, the placing authority
// responsible for three years), each event read twice to no further effect.
TEST_P(FamilyApiTest, APlacementAndItsOrderMakeAnAdoptiveFamilyOnceEach) {
  clock_.Set(Date(2026, 1, 15));
  const absl::Status placed = Apply(Placed(kC1, Date(2025, 6, 2), Date(2025, 3, 10)), "e-1");
  ASSERT_TRUE(placed.ok()) << placed;
  ASSERT_TRUE(Apply(Placed(kC1, Date(2025, 6, 2), Date(2025, 3, 10)), "e-1").ok());  // read again
  std::vector<pb::AdoptiveFamily> all = List("");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].status(), pb::FAMILY_STATUS_PLACED);
  EXPECT_EQ(all[0].child(), "children/" + kC1);
  EXPECT_EQ(all[0].household(), "households/" + kH1);
  EXPECT_TRUE(all[0].early_permanence());
  EXPECT_EQ(all[0].moved_in_date().month(), 3);
  EXPECT_TRUE(all[0].placing_authority_responsible());

  ev::AdoptionOrderGranted order;
  order.set_child("children/" + kC1);
  order.set_household("households/" + kH1);
  *order.mutable_order_date() = platform::DateToProto(Date(2025, 11, 20));
  order.set_local_authority("E09000006");
  ASSERT_TRUE(Apply(order, "e-2").ok());
  ASSERT_TRUE(Apply(order, "e-2").ok());
  all = List("status = \"FAMILY_STATUS_ADOPTED\"");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].adoption_order_date().day(), 20);
  // Three years from the order: to 19 November 2028.
  EXPECT_EQ(all[0].placing_authority_responsible_until().year(), 2028);
  EXPECT_EQ(all[0].placing_authority_responsible_until().month(), 11);
  EXPECT_EQ(all[0].placing_authority_responsible_until().day(), 19);
  EXPECT_EQ(Rows("adoptive_family_history"), 1);

  // A worker of another authority sees none of it; the family's own reads are audited.
  platform::TokenRequest rotherham{.subject = "sw-r", .roles = {Role::kSupportWorker},
                                   .local_authorities = {"E08000018"}};
  grpc::ClientContext ctx;
  Authorize(ctx, rotherham);
  pb::GetAdoptiveFamilyRequest get;
  get.set_name(all[0].name());
  pb::AdoptiveFamily out;
  EXPECT_EQ(stub_->GetAdoptiveFamily(&ctx, get, &out).error_code(), grpc::StatusCode::NOT_FOUND);
  pb::AdoptiveFamily mine;
  ASSERT_TRUE(Call(&Stub::GetAdoptiveFamily, get, &mine).ok());
  EXPECT_EQ(mine.status(), pb::FAMILY_STATUS_ADOPTED);
}

// A disruption ends the placement; events about placements support never heard of
// change nothing; an order dated before its placement stops the consumer.
TEST_P(FamilyApiTest, ADisruptionEndsThePlacementAndAnOrderBeforeItsPlacementIsRefused) {
  clock_.Set(Date(2026, 1, 15));
  ASSERT_TRUE(Apply(Placed(kC1, Date(2025, 6, 2), Date(2025, 6, 2)), "e-1").ok());
  ev::PlacementDisrupted disrupted;
  disrupted.set_child("children/" + kC1);
  disrupted.set_household("households/" + kH1);
  *disrupted.mutable_disruption_date() = platform::DateToProto(Date(2025, 9, 1));
  ASSERT_TRUE(Apply(disrupted, "e-2").ok());
  std::vector<pb::AdoptiveFamily> all = List("child = \"children/" + kC1 + "\"");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].status(), pb::FAMILY_STATUS_DISRUPTED);
  EXPECT_FALSE(all[0].placing_authority_responsible());

  // Its review falls due once, is arranged with its chair and recorded.
  ASSERT_TRUE(Apply(disrupted, "e-2").ok());  // read again
  pb::ListDisruptionReviewsRequest list;
  list.set_filter("status = \"DISRUPTION_REVIEW_STATUS_DUE\"");
  pb::ListDisruptionReviewsResponse due;
  ASSERT_TRUE(Call(&Stub::ListDisruptionReviews, list, &due, {Role::kManager}).ok());
  ASSERT_EQ(due.disruption_reviews_size(), 1);
  pb::DisruptionReview review = due.disruption_reviews(0);
  EXPECT_EQ(review.adoptive_family(), all[0].name());
  EXPECT_EQ(review.disruption_date().month(), 9);
  EXPECT_FALSE(review.after_order());
  pb::ScheduleDisruptionReviewRequest schedule;
  schedule.set_name(review.name());
  schedule.set_etag(review.etag());
  *schedule.mutable_scheduled_date() = platform::DateToProto(Date(2025, 8, 31));
  schedule.set_chair("Independent chair: R. Okafor");
  pb::DisruptionReview out;
  EXPECT_EQ(platform::testing::PreconditionViolations(Call(&Stub::ScheduleDisruptionReview, schedule, &out)),
            std::vector<std::string>{"ORDER scheduled_date"});
  *schedule.mutable_scheduled_date() = platform::DateToProto(Date(2026, 2, 2));  // ahead
  ASSERT_TRUE(Call(&Stub::ScheduleDisruptionReview, schedule, &review).ok());
  EXPECT_EQ(review.status(), pb::DISRUPTION_REVIEW_STATUS_SCHEDULED);
  pb::RecordDisruptionReviewRequest record;
  record.set_name(review.name());
  record.set_etag(review.etag());
  *record.mutable_held_date() = platform::DateToProto(Date(2026, 2, 2));
  EXPECT_EQ(platform::testing::ViolatedFields(Call(&Stub::RecordDisruptionReview, record, &out)),
            (std::vector<std::string>{"held_date", "findings"}));
  clock_.Set(Date(2026, 2, 3));
  record.set_findings("Matching underestimated the child's needs; support came late");
  record.set_recommendations("Therapeutic support for the child in foster care; review matching practice");
  ASSERT_TRUE(Call(&Stub::RecordDisruptionReview, record, &review).ok());
  EXPECT_EQ(review.status(), pb::DISRUPTION_REVIEW_STATUS_HELD);
  EXPECT_EQ(review.chair(), "Independent chair: R. Okafor");
  EXPECT_EQ(Rows("disruption_review_history"), 2);

  disrupted.set_child("children/" + kUnknown);
  EXPECT_TRUE(Apply(disrupted, "e-3").ok());
  ASSERT_TRUE(Apply(Placed(kC2, Date(2025, 6, 2), Date(2025, 6, 2)), "e-4").ok());
  ev::AdoptionOrderGranted early;
  early.set_child("children/" + kC2);
  early.set_household("households/" + kH1);
  *early.mutable_order_date() = platform::DateToProto(Date(2025, 6, 1));
  const absl::Status refused = Apply(early, "e-5");
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition) << refused;
  EXPECT_EQ(List("status = \"FAMILY_STATUS_ADOPTED\"").size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, FamilyApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

TEST(FamilyMapping, EachDomainValueIsTheContractValueOfItsName) {
  EXPECT_EQ(platform::testing::EnumMismatches(
                pb::FamilyStatus_descriptor(), {FamilyStatus::kPlaced, FamilyStatus::kAdopted, FamilyStatus::kDisrupted},
                FamilyStatusName),
            std::vector<std::string>{});
  using R = DisruptionReviewStatus;
  EXPECT_EQ(platform::testing::EnumMismatches(pb::DisruptionReviewStatus_descriptor(),
                                              {R::kDue, R::kScheduled, R::kHeld}, DisruptionReviewStatusName),
            std::vector<std::string>{});
}

TEST(AdoptiveFamily, ThePlacingAuthorityIsResponsibleFromTheMoveUntilThreeYearsAfterTheOrder) {
  EXPECT_EQ(PlacingAuthorityYearsOn(platform::StatutoryTable::Defaults(), Date(2025, 1, 1)).value(), 3);
  AdoptiveFamily f = FamilyPlaced("f-1", "C1", "H1", "E09000006", Date(2025, 6, 2), Date(2025, 3, 10), true, "x", 1);
  EXPECT_FALSE(PlacingAuthorityResponsible(f, Date(2025, 3, 9)));
  EXPECT_TRUE(PlacingAuthorityResponsible(f, Date(2025, 3, 10)));
  const platform::Revision by{"familyfinding-svc", 2, Date(2026, 1, 1)};
  ASSERT_TRUE(AdoptionOrderMade(f, Date(2025, 11, 20), 3, by).ok());
  EXPECT_TRUE(PlacingAuthorityResponsible(f, Date(2028, 11, 19)));
  EXPECT_FALSE(PlacingAuthorityResponsible(f, Date(2028, 11, 20)));
  // Adopted already: a second order is refused, naming the state.
  const std::vector<platform::PreconditionViolation> again =
      platform::PreconditionViolationsOf(AdoptionOrderMade(f, Date(2025, 12, 1), 3, by));
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].type + " " + again[0].subject, "STATE status");
}

}  // namespace
}  // namespace support
