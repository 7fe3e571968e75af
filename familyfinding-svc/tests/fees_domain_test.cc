#include <gtest/gtest.h>

#include "familyfinding-svc/domain/fees.h"
#include "familyfinding-svc/domain/journey.h"

namespace familyfinding {
namespace {

using platform::Date;
using K = MilestoneKind;

const platform::StatutoryTable& Fees() { return platform::StatutoryTable::Defaults(); }

// A child of `la` placed for adoption with `household` of `provider` on `placed`
// (early permanence: placed with the carers a month before, converted on `placed`).
Child PlacedChild(const std::string& id, const std::string& la, const std::string& household,
                  PlacementProvider provider, Date placed, bool early_permanence = false) {
  ChildDetails d;
  d.local_authority = la;
  d.date_of_birth = Date(2016, 1, 1);
  d.entered_care_date = Date(2016, 6, 1);
  d.sex = Sex::kFemale;
  d.early_permanence = early_permanence;
  Child c = RegisterChild(id, d, "sw", 1);
  const platform::Revision by{.actor = "sw", .at = 2, .today = Date(2026, 1, 1)};
  const MilestoneRules rules = MilestoneRules::On(Fees(), by.today).value();
  auto record = [&](K kind, Date day, const std::string& h = "", bool ep = false) {
    Milestone m{.kind = kind, .date = day, .household_id = h, .provider = provider, .early_permanence = ep};
    EXPECT_TRUE(RecordMilestone(c, m, rules, by).ok()) << MilestoneKindName(kind);
  };
  if (early_permanence) {
    record(K::kPlaced, placed - 30, household, true);
    record(K::kShouldBePlacedDecision, placed - 20);
    record(K::kPlacementOrder, placed - 10);
    record(K::kMatched, placed, household);
    record(K::kAdoptionPlacement, placed);
  } else {
    record(K::kShouldBePlacedDecision, placed - 60);
    record(K::kPlacementOrder, placed - 40);
    record(K::kMatched, placed - 7, household);
    record(K::kPlaced, placed, household);
  }
  return c;
}

constexpr char kOurs[] = "E08000018", kTheirs[] = "E08000019";
auto Ours = [](const std::string& la, Date) { return la == kOurs; };

TEST(InterAgencyFee, ByProviderSiblingsAndTheDayFromTheTable) {
  using P = PlacementProvider;
  EXPECT_EQ(InterAgencyFee(Fees(), P::kOtherLaOrRaa, 1, Date(2017, 6, 1)).value(), 2700000);
  EXPECT_EQ(InterAgencyFee(Fees(), P::kOtherLaOrRaa, 2, Date(2019, 6, 1)).value(), 4300000);
  EXPECT_EQ(InterAgencyFee(Fees(), P::kVoluntaryAdoptionAgency, 1, Date(2018, 3, 31)).value(), 2700000);
  EXPECT_EQ(InterAgencyFee(Fees(), P::kVoluntaryAdoptionAgency, 1, Date(2018, 4, 1)).value(), 3100000);
  EXPECT_EQ(InterAgencyFee(Fees(), P::kVoluntaryAdoptionAgency, 2, Date(2018, 4, 1)).value(), 5000000);
  EXPECT_EQ(InterAgencyFee(Fees(), P::kVoluntaryAdoptionAgency, 4, Date(2018, 4, 1)).value(), 6800000);  // three's row
  EXPECT_EQ(InterAgencyFee(Fees(), P::kVoluntaryAdoptionAgency, 1, Date(2019, 4, 1)).value(), 3162000);
  EXPECT_EQ(InterAgencyFee(Fees(), P::kVoluntaryAdoptionAgency, 1, Date(2025, 4, 1)).value(), 3924500);
  EXPECT_EQ(InterAgencyFee(Fees(), P::kOtherLaOrRaa, 1, Date(2016, 6, 1)).status().code(),
            absl::StatusCode::kNotFound);  // before the table
  EXPECT_EQ(InterAgencyFee(Fees(), P::kInHouse, 1, Date(2018, 6, 1)).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(InterAgencyFee, TheLaAndRaaFeeIsWeightedInLondonAndTheVoluntaryRateIsNot) {
  using P = PlacementProvider;
  EXPECT_EQ(InterAgencyFee(Fees(), P::kOtherLaOrRaa, 1, Date(2017, 6, 1), /*london=*/true).value(), 2970000);
  EXPECT_EQ(InterAgencyFee(Fees(), P::kOtherLaOrRaa, 2, Date(2017, 6, 1), true).value(), 4730000);
  EXPECT_EQ(InterAgencyFee(Fees(), P::kVoluntaryAdoptionAgency, 1, Date(2019, 6, 1), true).value(), 3162000);
  // Not configured on the day: no weighting.
  const platform::StatutoryTable unweighted =
      platform::StatutoryTable::Parse("key\teffective_from\tvalue\tsource\n"
                                      "inter_agency_fee_la_1_child\t2017-04-01\t2700000\ts\n"
                                      "inter_agency_fee_london_weighting_percent\t2020-04-01\t10\ts\n")
          .value();
  EXPECT_EQ(InterAgencyFee(unweighted, P::kOtherLaOrRaa, 1, Date(2019, 6, 1), true).value(), 2700000);
  EXPECT_EQ(InterAgencyFee(unweighted, P::kOtherLaOrRaa, 1, Date(2020, 6, 1), true).value(), 2970000);
  EXPECT_TRUE(InLondon("E09000006"));
  EXPECT_FALSE(InLondon("E08000018"));
}

TEST(InterAgencyFees, ALondonAdoptersAgencyIsPaidAndPaysTheWeightedFee) {
  const platform::Period fy = platform::Period::Of(platform::FinancialYear{2017});
  const std::vector<Child> children = {
      PlacedChild("ours-to-london", kOurs, "london-la", PlacementProvider::kOtherLaOrRaa, Date(2017, 9, 1)),
      PlacedChild("ours-to-leeds", kOurs, "leeds-la", PlacementProvider::kOtherLaOrRaa, Date(2017, 9, 1)),
      PlacedChild("theirs-to-ours", kTheirs, "our-london-household", PlacementProvider::kInHouse, Date(2017, 10, 2))};
  auto london = [](const std::string& household) { return household.find("london") != std::string::npos; };
  const InterAgencyFees fees = MeasureFees(children, fy, Fees(), Ours, london).value();
  EXPECT_EQ(fees.payable_other_la.pence, 2970000 + 2700000);
  EXPECT_EQ(fees.receivable.pence, 2970000);
}

TEST(InterAgencyFees, PayableForOursWithOthersReceivableForTheirsWithOurs) {
  using P = PlacementProvider;
  const platform::Period fy{Date(2018, 4, 1), Date(2019, 3, 31)};
  const std::vector<Child> children = {
      // A pair placed together with a voluntary agency's adopters: one family, £50,000.
      PlacedChild("a", kOurs, "v1", P::kVoluntaryAdoptionAgency, Date(2018, 5, 1)),
      PlacedChild("b", kOurs, "v1", P::kVoluntaryAdoptionAgency, Date(2018, 5, 1)),
      // One with another LA's adopters, early permanence converted in the year: £27,000.
      PlacedChild("c", kOurs, "l1", P::kOtherLaOrRaa, Date(2018, 4, 20), /*early_permanence=*/true),
      // Another LA's child with our adopters: £27,000 to receive.
      PlacedChild("d", kTheirs, "h1", P::kInHouse, Date(2018, 9, 1)),
      // Ours with ours: no fee; and one placed the year before: not this year's.
      PlacedChild("e", kOurs, "h2", P::kInHouse, Date(2018, 9, 1)),
      PlacedChild("f", kOurs, "v2", P::kVoluntaryAdoptionAgency, Date(2018, 3, 31)),
  };
  const InterAgencyFees fees = MeasureFees(children, fy, Fees(), Ours).value();
  EXPECT_EQ(fees.payable_voluntary.families, 1);
  EXPECT_EQ(fees.payable_voluntary.children, 2);
  EXPECT_EQ(fees.payable_voluntary.pence, 5000000);
  EXPECT_EQ(fees.payable_other_la.families, 1);
  EXPECT_EQ(fees.payable_other_la.pence, 2700000);
  EXPECT_EQ(fees.receivable.families, 1);
  EXPECT_EQ(fees.receivable.children, 1);
  EXPECT_EQ(fees.receivable.pence, 2700000);
}

}  // namespace
}  // namespace familyfinding
