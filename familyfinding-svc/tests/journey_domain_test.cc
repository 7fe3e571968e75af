#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "familyfinding-svc/domain/child.h"
#include "familyfinding-svc/domain/journey.h"
#include "platform/core/errors.h"
#include "platform/core/statutory.h"

namespace familyfinding {
namespace {

using platform::Date;
using K = MilestoneKind;

const Date kToday(2025, 6, 1);
const platform::Revision kBy{"ff-1", 5'000'000, kToday};

// The numbers in force on `day` from config/statutory.tsv.
MilestoneRules Rules(Date day = kToday) {
  return MilestoneRules::On(platform::StatutoryTable::Defaults(), day).value();
}

// A hand-made statutory table: `rows` are "key\teffective_from\tvalue\tsource" lines.
platform::StatutoryTable Table(const std::string& rows) {
  return platform::StatutoryTable::Parse("key\teffective_from\tvalue\tsource\n" + rows).value();
}

// A toddler in care since 1 September 2023 under a care order.
ChildDetails Details(LegalStatus legal = LegalStatus::kCareOrder) {
  ChildDetails d;
  d.given_name = "Amy";
  d.family_name = "Jones";
  d.local_authority = "E08000018";
  d.date_of_birth = Date(2023, 3, 14);
  d.sex = Sex::kFemale;
  d.ethnicity = "WHITE_BRITISH";
  d.legal_status = legal;
  d.entered_care_date = Date(2023, 9, 1);
  return d;
}

Child NewChild(ChildDetails d = Details()) { return RegisterChild("c1", std::move(d), "sw-1", 1'000); }

Milestone M(K kind, Date date, std::string household = "") {
  Milestone m;
  m.kind = kind;
  m.date = date;
  m.household_id = std::move(household);
  return m;
}
Milestone Placed(Date date, std::string household, bool early_permanence = false, bool foster_carers = false) {
  Milestone m = M(K::kPlaced, date, std::move(household));
  m.early_permanence = early_permanence;
  m.foster_carer_adoption = foster_carers;
  return m;
}
Milestone Because(K kind, Date date, std::string reason) {
  Milestone m = M(kind, date);
  m.reason = std::move(reason);
  return m;
}
// The decision maker's milestones arrive from panel-svc's log.
Milestone FromPanel(Milestone m) {
  m.origin = MilestoneOrigin::kPanel;
  return m;
}
Milestone Decision(Date date) { return FromPanel(M(K::kShouldBePlacedDecision, date)); }
Milestone Match(Date date, std::string household) { return FromPanel(M(K::kMatched, date, std::move(household))); }

// Records `m`; a refusal or a replay fails the test, naming the milestone.
void Record(Child& c, const Milestone& m, const MilestoneRules& rules = Rules()) {
  absl::StatusOr<bool> r = RecordMilestone(c, m, rules, kBy);
  EXPECT_TRUE(r.ok() && *r) << MilestoneKindName(m.kind) << " on " << platform::FormatDate(m.date) << ": "
                            << (r.ok() ? std::string("taken as a replay") : r.status().ToString());
}

// A child with `steps` recorded in turn.
Child With(const std::vector<Milestone>& steps, ChildDetails d = Details()) {
  Child c = NewChild(std::move(d));
  for (const Milestone& m : steps) Record(c, m);
  return c;
}

// "TYPE subject" of each violation of the status's google.rpc.PreconditionFailure.
std::vector<std::string> Preconditions(const absl::Status& status) {
  std::vector<std::string> out;
  for (const auto& v : platform::PreconditionViolationsOf(status)) out.push_back(v.type + " " + v.subject);
  return out;
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> out;
  for (const auto& v : platform::FieldViolationsOf(status)) out.push_back(v.field);
  return out;
}

bool Mentions(const absl::Status& status, const std::string& words) {
  return status.message().find(words) != std::string::npos;
}

// The typical journey of the child of Details(), up to moving in with h1 on 24 June 2024.
std::vector<Milestone> UpToPlaced() {
  return {M(K::kFamilyFindingReferral, Date(2023, 11, 6)),
          Decision(Date(2024, 1, 10)),
          M(K::kPlacementOrder, Date(2024, 3, 1)),
          M(K::kLinked, Date(2024, 4, 2), "h1"),
          Match(Date(2024, 6, 3), "h1"),
          M(K::kIntroductionsStarted, Date(2024, 6, 10), "h1"),
          Placed(Date(2024, 6, 24), "h1")};
}

// ---- In order -------------------------------------------------------------------

TEST(RecordMilestone, ATypicalJourneyMovesTheStatusAndLeavesItsDates) {
  Child c = NewChild();
  const std::vector<Milestone> steps = UpToPlaced();
  // After each step: the status, the legal status and the household.
  struct After {
    FamilyFindingStatus status;
    LegalStatus legal;
    std::string household;
  };
  const After after[] = {
      {FamilyFindingStatus::kActivelyFamilyFinding, LegalStatus::kCareOrder, ""},       // referral
      {FamilyFindingStatus::kActivelyFamilyFinding, LegalStatus::kCareOrder, ""},       // decision
      {FamilyFindingStatus::kActivelyFamilyFinding, LegalStatus::kPlacementOrder, ""},  // order
      {FamilyFindingStatus::kLinked, LegalStatus::kPlacementOrder, ""},                 // linked
      {FamilyFindingStatus::kMatchedAwaitingPlacement, LegalStatus::kPlacementOrder, "h1"},
      {FamilyFindingStatus::kMatchedAwaitingPlacement, LegalStatus::kPlacementOrder, "h1"},  // introductions
      {FamilyFindingStatus::kPlaced, LegalStatus::kPlacementOrder, "h1"},
  };
  for (size_t i = 0; i < steps.size(); ++i) {
    Record(c, steps[i]);
    EXPECT_EQ(c.status, after[i].status) << MilestoneKindName(steps[i].kind);
    EXPECT_EQ(c.details.legal_status, after[i].legal) << MilestoneKindName(steps[i].kind);
    EXPECT_EQ(c.household_id, after[i].household) << MilestoneKindName(steps[i].kind);
  }
  // 24 June + 84 days (12 weeks, more than the 10 required) = 16 September.
  Record(c, M(K::kAdoptionApplication, Date(2024, 9, 16)));
  EXPECT_EQ(c.status, FamilyFindingStatus::kPlaced);
  Record(c, M(K::kAdoptionOrder, Date(2025, 1, 20)));
  EXPECT_EQ(c.status, FamilyFindingStatus::kAdopted);
  EXPECT_EQ(c.details.legal_status, LegalStatus::kAdoptionOrder);
  EXPECT_EQ(c.household_id, "h1");

  EXPECT_EQ(c.milestones.should_be_placed_decision, Date(2024, 1, 10));
  EXPECT_EQ(c.milestones.placement_order, Date(2024, 3, 1));
  EXPECT_EQ(c.milestones.match, Date(2024, 6, 3));
  EXPECT_EQ(c.milestones.placed, Date(2024, 6, 24));
  EXPECT_EQ(c.milestones.early_permanence_placed, std::nullopt);
  EXPECT_EQ(c.milestones.adoption_application, Date(2024, 9, 16));
  EXPECT_EQ(c.milestones.adoption_order, Date(2025, 1, 20));

  ASSERT_EQ(c.journey.size(), 9u);
  EXPECT_EQ(c.journey[1].origin, MilestoneOrigin::kPanel);  // the decision keeps where it came from
  EXPECT_EQ(c.journey[0].origin, MilestoneOrigin::kFamilyFinding);
  EXPECT_EQ(c.journey[8].recorded_by, "ff-1");
  EXPECT_EQ(c.journey[8].recorded_at, 5'000'000);
  EXPECT_EQ(c.updated_by, "ff-1");
  EXPECT_EQ(c.updated_at, 5'000'000);
  EXPECT_EQ(c.created_by, "sw-1");
}

TEST(RecordMilestone, FirstOfAndLastOfFindMilestonesByKindAndDay) {
  Child c = With(UpToPlaced());
  ASSERT_NE(FirstOf(c, K::kMatched), nullptr);
  EXPECT_EQ(FirstOf(c, K::kMatched)->date, Date(2024, 6, 3));
  EXPECT_EQ(FirstOf(c, K::kAdoptionOrder), nullptr);
  EXPECT_EQ(LastOf(c, K::kMatched, Date(2024, 6, 2)), nullptr);  // not yet matched that day
  ASSERT_NE(LastOf(c, K::kMatched, Date(2024, 6, 3)), nullptr);
  EXPECT_EQ(LastOf(c, K::kMatched, Date(2024, 6, 3))->household_id, "h1");
  const Milestone* placed = AdoptionPlacement(c, Date(2024, 6, 24));
  ASSERT_NE(placed, nullptr);
  EXPECT_EQ(AdoptionPlacement(c, Date(2024, 6, 23)), nullptr);
  EXPECT_EQ(AdoptionPlacementDate(c, *placed), Date(2024, 6, 24));  // not early permanence: the day moved in
}

// ---- Out of order ---------------------------------------------------------------

TEST(RecordMilestone, APlacementOrderBeforeTheDecisionIsRefused) {
  Child c = NewChild();
  absl::Status s = RecordMilestone(c, M(K::kPlacementOrder, Date(2024, 3, 1)), Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Preconditions(s), std::vector<std::string>{"ORDER milestone PLACEMENT_ORDER on 2024-03-01"});
  EXPECT_TRUE(Mentions(s, "should-be-placed decision")) << s.message();
  EXPECT_TRUE(c.journey.empty());
  EXPECT_EQ(c.details.legal_status, LegalStatus::kCareOrder);
  EXPECT_EQ(c.milestones.placement_order, std::nullopt);
  EXPECT_EQ(c.updated_at, 1'000);  // not stamped
}

TEST(RecordMilestone, AMatchBeforeTheDecisionIsRefused) {
  Child c = NewChild();
  absl::Status s = RecordMilestone(c, Match(Date(2024, 3, 1), "h1"), Rules(), kBy).status();
  EXPECT_EQ(Preconditions(s), std::vector<std::string>{"ORDER milestone MATCHED on 2024-03-01"});
  EXPECT_EQ(c.household_id, "");
}

TEST(RecordMilestone, AMilestoneDatedBeforeTheLastIsRefused) {
  Child c = With({Decision(Date(2024, 1, 10)), M(K::kPlacementOrder, Date(2024, 3, 1))});
  absl::Status s = RecordMilestone(c, M(K::kLinked, Date(2024, 2, 29), "h1"), Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Preconditions(s), std::vector<std::string>{"ORDER milestone LINKED on 2024-02-29"});
  EXPECT_TRUE(Mentions(s, "the last is PLACEMENT_ORDER on 2024-03-01")) << s.message();
  EXPECT_EQ(c.journey.size(), 2u);
  EXPECT_NE(c.status, FamilyFindingStatus::kLinked);
  // The same day as the last is in order.
  Record(c, M(K::kLinked, Date(2024, 3, 1), "h1"));
  EXPECT_EQ(c.status, FamilyFindingStatus::kLinked);
}

TEST(RecordMilestone, NothingButProceedingsAndAReferralBeforeEnteringCare) {
  Child c = NewChild(Details(LegalStatus::kAccommodated));  // entered care 2023-09-01
  absl::Status s = RecordMilestone(c, Decision(Date(2023, 8, 31)), Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Preconditions(s), std::vector<std::string>{"ORDER milestone SHOULD_BE_PLACED_DECISION on 2023-08-31"});
  EXPECT_TRUE(Mentions(s, "entered care on 2023-09-01")) << s.message();
  EXPECT_EQ(c.milestones.should_be_placed_decision, std::nullopt);
  // Care proceedings and a referral often come first.
  Record(c, M(K::kCareProceedingsStarted, Date(2023, 8, 1)));
  EXPECT_EQ(c.details.legal_status, LegalStatus::kInCareProceedings);
  Record(c, M(K::kFamilyFindingReferral, Date(2023, 8, 15)));
  EXPECT_EQ(c.status, FamilyFindingStatus::kActivelyFamilyFinding);
  Record(c, Decision(Date(2023, 9, 1)));  // the day the child entered care
  EXPECT_EQ(c.milestones.should_be_placed_decision, Date(2023, 9, 1));
}

TEST(RecordMilestone, ASecondDecisionOrProceedingsIsRefused) {
  Child c = With({M(K::kCareProceedingsStarted, Date(2023, 9, 1)), Decision(Date(2024, 1, 10))});
  EXPECT_EQ(Preconditions(RecordMilestone(c, Decision(Date(2024, 2, 1)), Rules(), kBy).status()),
            std::vector<std::string>{"STATE milestone SHOULD_BE_PLACED_DECISION on 2024-02-01"});
  EXPECT_EQ(Preconditions(
                RecordMilestone(c, M(K::kCareProceedingsStarted, Date(2024, 2, 1)), Rules(), kBy).status()),
            std::vector<std::string>{"STATE milestone CARE_PROCEEDINGS_STARTED on 2024-02-01"});
  EXPECT_EQ(c.milestones.should_be_placed_decision, Date(2024, 1, 10));
}

// ---- The application: ACA 2002 s.42 ------------------------------------------------

TEST(RecordMilestone, TheApplicationWaitsTheConfiguredTenWeeksAfterMovingIn) {
  const MilestoneRules rules = Rules(Date(2024, 9, 1));
  EXPECT_EQ(rules.placement_to_application_weeks, 10);
  Child c = With(UpToPlaced());  // moved in 2024-06-24
  const Date earliest = Date(2024, 6, 24) + 7 * rules.placement_to_application_weeks;
  EXPECT_EQ(earliest, Date(2024, 9, 2));  // 6 days of June + 31 + 31 + 2 = 70
  absl::Status s = RecordMilestone(c, M(K::kAdoptionApplication, earliest - 1), rules, kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Preconditions(s), std::vector<std::string>{"ORDER milestone ADOPTION_APPLICATION on 2024-09-01"});
  EXPECT_TRUE(Mentions(s, "10 weeks")) << s.message();
  EXPECT_TRUE(Mentions(s, "not before 2024-09-02")) << s.message();
  EXPECT_EQ(c.milestones.adoption_application, std::nullopt);
  Record(c, M(K::kAdoptionApplication, earliest), rules);  // exactly 70 days
  EXPECT_EQ(c.milestones.adoption_application, Date(2024, 9, 2));
}

TEST(RecordMilestone, ADifferentConfiguredNumberOfWeeksChangesTheEarliestApplication) {
  // Twelve weeks from 1 July 2024 (not the law: a table to show the number is read).
  const platform::StatutoryTable table = Table(
      "placement_to_application_weeks\t2005-12-30\t10\tACA 2002 s.42(2)\n"
      "placement_to_application_weeks\t2024-07-01\t12\ttest\n"
      "foster_carer_application_months\t2005-12-30\t12\tACA 2002 s.42(4)\n");
  EXPECT_EQ(MilestoneRules::On(table, Date(2024, 6, 30))->placement_to_application_weeks, 10);
  const MilestoneRules rules = MilestoneRules::On(table, Date(2024, 9, 2)).value();
  EXPECT_EQ(rules.placement_to_application_weeks, 12);
  Child c = With(UpToPlaced());  // moved in 2024-06-24
  // 70 days is no longer enough; 84 (16 September) is.
  absl::Status s = RecordMilestone(c, M(K::kAdoptionApplication, Date(2024, 9, 2)), rules, kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Mentions(s, "12 weeks")) << s.message();
  EXPECT_TRUE(Mentions(s, "not before 2024-09-16")) << s.message();
  Record(c, M(K::kAdoptionApplication, Date(2024, 9, 16)), rules);
}

TEST(MilestoneRules, ANumberNotInForceIsNotFound) {
  const platform::StatutoryTable table = Table(
      "placement_to_application_weeks\t2024-07-01\t12\ttest\n"
      "foster_carer_application_months\t2005-12-30\t12\tACA 2002 s.42(4)\n");
  EXPECT_EQ(MilestoneRules::On(table, Date(2024, 6, 30)).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(MilestoneRules::On(Table("placement_to_application_weeks\t2005-12-30\t10\ts\n"), kToday).status().code(),
            absl::StatusCode::kNotFound);  // no foster-carer months at all
  EXPECT_EQ(MilestoneRules::Keys(),
            (std::vector<std::string>{"placement_to_application_weeks", "foster_carer_application_months"}));
}

// The child's foster carers adopting: the child moved in with them on 20 May 2024
// (placed), they were matched as adopters the same week and the placement became an
// adoption placement that day; the year runs from moving in.
std::vector<Milestone> FosterCarersPlaced() {
  return {Decision(Date(2024, 1, 10)), M(K::kPlacementOrder, Date(2024, 3, 1)), Match(Date(2024, 5, 13), "h1"),
          Placed(Date(2024, 5, 20), "h1", /*early_permanence=*/false, /*foster_carers=*/true),
          M(K::kAdoptionPlacement, Date(2024, 5, 20))};
}

TEST(RecordMilestone, FosterCarersApplyAfterTheConfiguredTwelveMonths) {
  const MilestoneRules rules = Rules();
  EXPECT_EQ(rules.foster_carer_application_months, 12);
  Child c = With(FosterCarersPlaced());
  // Ten weeks (29 July 2024) is not enough for foster carers.
  absl::Status s = RecordMilestone(c, M(K::kAdoptionApplication, Date(2024, 7, 29)), rules, kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Mentions(s, "12 months")) << s.message();
  EXPECT_TRUE(Mentions(s, "not before 2025-05-20")) << s.message();
  // add_months(20 May 2024, 12) = 20 May 2025: the day before is refused, the day accepted.
  const Date earliest = platform::AddMonths(Date(2024, 5, 20), rules.foster_carer_application_months);
  EXPECT_EQ(earliest, Date(2025, 5, 20));
  EXPECT_EQ(RecordMilestone(c, M(K::kAdoptionApplication, earliest - 1), rules, kBy).status().code(),
            absl::StatusCode::kFailedPrecondition);
  Record(c, M(K::kAdoptionApplication, earliest), rules);
  EXPECT_EQ(c.milestones.adoption_application, Date(2025, 5, 20));
}

TEST(RecordMilestone, ADifferentConfiguredNumberOfMonthsChangesTheFosterCarersApplication) {
  const MilestoneRules rules = MilestoneRules::On(Table("placement_to_application_weeks\t2005-12-30\t10\ts\n"
                                                        "foster_carer_application_months\t2005-12-30\t6\ttest\n"),
                                                  kToday)
                                   .value();
  Child c = With(FosterCarersPlaced());
  // Six months after 20 May 2024 is 20 November 2024.
  absl::Status s = RecordMilestone(c, M(K::kAdoptionApplication, Date(2024, 11, 19)), rules, kBy).status();
  EXPECT_TRUE(Mentions(s, "6 months")) << s.message();
  Record(c, M(K::kAdoptionApplication, Date(2024, 11, 20)), rules);
}

TEST(RecordMilestone, AnApplicationOrOrderNeedsAnAdoptionPlacement) {
  Child c = With({Decision(Date(2024, 1, 10)), M(K::kPlacementOrder, Date(2024, 3, 1)), Match(Date(2024, 6, 3), "h1")});
  EXPECT_EQ(Preconditions(RecordMilestone(c, M(K::kAdoptionApplication, Date(2024, 9, 2)), Rules(), kBy).status()),
            std::vector<std::string>{"ORDER milestone ADOPTION_APPLICATION on 2024-09-02"});
  EXPECT_EQ(Preconditions(RecordMilestone(c, M(K::kAdoptionOrder, Date(2024, 12, 2)), Rules(), kBy).status()),
            std::vector<std::string>{"ORDER milestone ADOPTION_ORDER on 2024-12-02"});
  EXPECT_EQ(c.status, FamilyFindingStatus::kMatchedAwaitingPlacement);
}

// ---- Placing --------------------------------------------------------------------

TEST(RecordMilestone, PlacingFollowsTheMatchWithThatHousehold) {
  Child c = With({Decision(Date(2024, 1, 10)), M(K::kPlacementOrder, Date(2024, 3, 1)), Match(Date(2024, 6, 3), "h1")});
  absl::Status s = RecordMilestone(c, Placed(Date(2024, 6, 24), "h2"), Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Preconditions(s), std::vector<std::string>{"ORDER milestone PLACED on 2024-06-24"});
  EXPECT_TRUE(Mentions(s, "households/h2")) << s.message();
  EXPECT_EQ(c.status, FamilyFindingStatus::kMatchedAwaitingPlacement);
  EXPECT_EQ(c.household_id, "h1");
  EXPECT_EQ(c.milestones.placed, std::nullopt);
}

TEST(RecordMilestone, PlacingNeedsAPlacementOrderOrConsent) {
  const std::vector<Milestone> matched = {Decision(Date(2024, 1, 10)), Match(Date(2024, 2, 1), "h1")};
  Child c = With(matched);
  absl::Status s = RecordMilestone(c, Placed(Date(2024, 2, 12), "h1"), Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Preconditions(s), std::vector<std::string>{"ORDER milestone PLACED on 2024-02-12"});
  EXPECT_TRUE(Mentions(s, "placement order or consent")) << s.message();
  EXPECT_EQ(c.status, FamilyFindingStatus::kMatchedAwaitingPlacement);
  // A relinquished baby: the parents' consent is the authority to place.
  Child consented = With(matched, Details(LegalStatus::kConsent));
  Record(consented, Placed(Date(2024, 2, 12), "h1"));
  EXPECT_EQ(consented.status, FamilyFindingStatus::kPlaced);
}

TEST(RecordMilestone, AChildIsPlacedOnceUntilADisruption) {
  Child c = With(UpToPlaced());
  EXPECT_EQ(Preconditions(RecordMilestone(c, Placed(Date(2024, 7, 1), "h1"), Rules(), kBy).status()),
            std::vector<std::string>{"STATE milestone PLACED on 2024-07-01"});
}

// ---- Early permanence -------------------------------------------------------------

TEST(RecordMilestone, EarlyPermanencePlacesBeforeTheDecisionAndBecomesAnAdoptionPlacement) {
  ChildDetails d = Details();
  d.early_permanence = true;
  Child c = NewChild(d);  // entered care 2023-09-01
  Record(c, Placed(Date(2023, 9, 20), "h1", /*early_permanence=*/true));
  EXPECT_EQ(c.status, FamilyFindingStatus::kPlaced);
  EXPECT_EQ(c.household_id, "h1");
  EXPECT_EQ(c.milestones.early_permanence_placed, Date(2023, 9, 20));
  EXPECT_EQ(c.milestones.placed, std::nullopt);
  const Milestone* placed = FirstOf(c, K::kPlaced);
  ASSERT_NE(placed, nullptr);
  EXPECT_EQ(AdoptionPlacementDate(c, *placed), std::nullopt);  // a foster placement for now

  Record(c, Decision(Date(2023, 12, 1)));
  EXPECT_EQ(c.status, FamilyFindingStatus::kPlaced);  // still living with the carers
  Record(c, M(K::kPlacementOrder, Date(2024, 2, 1)));
  EXPECT_EQ(c.details.legal_status, LegalStatus::kPlacementOrder);
  EXPECT_EQ(c.status, FamilyFindingStatus::kPlaced);
  // Not yet an adoption placement: no application.
  EXPECT_EQ(RecordMilestone(c, M(K::kAdoptionApplication, Date(2024, 2, 20)), Rules(), kBy).status().code(),
            absl::StatusCode::kFailedPrecondition);
  Record(c, Match(Date(2024, 3, 1), "h1"));
  EXPECT_EQ(c.status, FamilyFindingStatus::kPlaced);
  EXPECT_EQ(c.milestones.match, Date(2024, 3, 1));
  Record(c, M(K::kAdoptionPlacement, Date(2024, 3, 8)));
  EXPECT_EQ(c.milestones.placed, Date(2024, 3, 8));
  EXPECT_EQ(c.milestones.early_permanence_placed, Date(2023, 9, 20));
  placed = FirstOf(c, K::kPlaced);
  EXPECT_EQ(AdoptionPlacementDate(c, *placed), Date(2024, 3, 8));
  // The ten weeks count from moving in with the carers (20 September 2023).
  Record(c, M(K::kAdoptionApplication, Date(2024, 3, 15)));
  Record(c, M(K::kAdoptionOrder, Date(2024, 7, 1)));
  EXPECT_EQ(c.status, FamilyFindingStatus::kAdopted);
  EXPECT_EQ(c.details.legal_status, LegalStatus::kAdoptionOrder);
  EXPECT_EQ(c.milestones.adoption_order, Date(2024, 7, 1));
  ASSERT_NE(AdoptionPlacement(c, Date(2024, 7, 1)), nullptr);
  EXPECT_TRUE(AdoptionPlacement(c, Date(2024, 7, 1))->early_permanence);
}

TEST(RecordMilestone, AnEarlyPermanencePlacementBecomesAnAdoptionPlacementOnlyWithAuthorityAndItsMatch) {
  const std::vector<Milestone> placed = {Placed(Date(2023, 9, 20), "h1", true), Decision(Date(2023, 12, 1))};
  // No placement order yet.
  Child c = With(placed);
  Record(c, Match(Date(2024, 1, 15), "h1"));
  EXPECT_EQ(Preconditions(RecordMilestone(c, M(K::kAdoptionPlacement, Date(2024, 1, 20)), Rules(), kBy).status()),
            std::vector<std::string>{"ORDER milestone ADOPTION_PLACEMENT on 2024-01-20"});
  // Matched with another household than the carers'.
  Child other = With(placed);
  Record(other, M(K::kPlacementOrder, Date(2024, 2, 1)));
  Record(other, Match(Date(2024, 3, 1), "h2"));
  absl::Status s = RecordMilestone(other, M(K::kAdoptionPlacement, Date(2024, 3, 8)), Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Mentions(s, "households/h1")) << s.message();
  EXPECT_EQ(other.milestones.placed, std::nullopt);
  // A placement that was never early permanence is an adoption placement already.
  Child ordinary = With(UpToPlaced());
  EXPECT_EQ(RecordMilestone(ordinary, M(K::kAdoptionPlacement, Date(2024, 7, 1)), Rules(), kBy).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// ---- Exits ----------------------------------------------------------------------

TEST(RecordMilestone, NothingFollowsAChangeOfPlan) {
  Child c = With({Decision(Date(2024, 1, 10)), Because(K::kPlanChanged, Date(2024, 2, 1), "special guardianship")});
  EXPECT_EQ(c.status, FamilyFindingStatus::kPlanChanged);
  EXPECT_EQ(c.status_reason, "special guardianship");
  absl::Status s = RecordMilestone(c, M(K::kPlacementOrder, Date(2024, 3, 1)), Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Preconditions(s), std::vector<std::string>{"STATE milestone PLACEMENT_ORDER on 2024-03-01"});
  EXPECT_TRUE(Mentions(s, "plan changed")) << s.message();
  EXPECT_EQ(RecordMilestone(c, M(K::kFamilyFindingReferral, Date(2024, 3, 1)), Rules(), kBy).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(c.journey.size(), 2u);
  EXPECT_EQ(c.details.legal_status, LegalStatus::kCareOrder);
}

TEST(RecordMilestone, OnlyADisruptionFollowsTheAdoptionOrder) {
  std::vector<Milestone> steps = UpToPlaced();
  steps.push_back(M(K::kAdoptionApplication, Date(2024, 9, 16)));
  steps.push_back(M(K::kAdoptionOrder, Date(2025, 1, 20)));
  Child c = With(steps);
  absl::Status s = RecordMilestone(c, M(K::kLinked, Date(2025, 2, 1), "h2"), Rules(), kBy).status();
  EXPECT_EQ(Preconditions(s), std::vector<std::string>{"STATE milestone LINKED on 2025-02-01"});
  EXPECT_TRUE(Mentions(s, "only a disruption")) << s.message();
  Record(c, Because(K::kDisruption, Date(2025, 3, 1), "returned to care"));
  EXPECT_EQ(c.status, FamilyFindingStatus::kDisrupted);
  EXPECT_EQ(c.status_reason, "returned to care");
  // After the order the adoption stands in law: its dates and household stay.
  EXPECT_EQ(c.household_id, "h1");
  EXPECT_EQ(c.milestones.adoption_order, Date(2025, 1, 20));
  EXPECT_EQ(c.milestones.placed, Date(2024, 6, 24));
  EXPECT_EQ(c.details.legal_status, LegalStatus::kAdoptionOrder);
  // And then nothing at all.
  EXPECT_EQ(Preconditions(
                RecordMilestone(c, Because(K::kDisruption, Date(2025, 4, 1), "again"), Rules(), kBy).status()),
            std::vector<std::string>{"STATE milestone DISRUPTION on 2025-04-01"});
}

TEST(RecordMilestone, ADisruptionBeforeTheOrderEndsThePlacementAndTheChildIsMatchedAgain) {
  Child c = With(UpToPlaced());  // placed with h1 on 2024-06-24
  Record(c, Because(K::kDisruption, Date(2024, 8, 1), "placement ended"));
  EXPECT_EQ(c.status, FamilyFindingStatus::kDisrupted);
  EXPECT_EQ(c.household_id, "");
  EXPECT_EQ(c.milestones.match, std::nullopt);
  EXPECT_EQ(c.milestones.placed, std::nullopt);
  EXPECT_EQ(c.milestones.placement_order, Date(2024, 3, 1));  // the court's authority stands
  EXPECT_EQ(c.details.legal_status, LegalStatus::kPlacementOrder);
  // The old match is spent.
  absl::Status s = RecordMilestone(c, Placed(Date(2024, 9, 1), "h1"), Rules(), kBy).status();
  EXPECT_EQ(Preconditions(s), std::vector<std::string>{"ORDER milestone PLACED on 2024-09-01"});
  Record(c, Match(Date(2024, 10, 1), "h2"));
  EXPECT_EQ(c.status, FamilyFindingStatus::kMatchedAwaitingPlacement);
  EXPECT_EQ(c.household_id, "h2");
  Record(c, Placed(Date(2024, 10, 15), "h2"));
  EXPECT_EQ(c.status, FamilyFindingStatus::kPlaced);
  EXPECT_EQ(c.milestones.placed, Date(2024, 10, 15));
  ASSERT_NE(AdoptionPlacement(c, Date(2024, 10, 15)), nullptr);
  EXPECT_EQ(AdoptionPlacement(c, Date(2024, 10, 15))->household_id, "h2");
  // The ten weeks count from the new placement: 15 October + 70 days = 24 December.
  EXPECT_EQ(RecordMilestone(c, M(K::kAdoptionApplication, Date(2024, 12, 23)), Rules(), kBy).status().code(),
            absl::StatusCode::kFailedPrecondition);
  Record(c, M(K::kAdoptionApplication, Date(2024, 12, 24)));
}

TEST(RecordMilestone, ADisruptionNeedsAPlacement) {
  Child c = With({Decision(Date(2024, 1, 10)), M(K::kPlacementOrder, Date(2024, 3, 1)), Match(Date(2024, 6, 3), "h1")});
  EXPECT_EQ(Preconditions(RecordMilestone(c, M(K::kDisruption, Date(2024, 6, 10)), Rules(), kBy).status()),
            std::vector<std::string>{"STATE milestone DISRUPTION on 2024-06-10"});
}

TEST(RecordMilestone, APlacementOrderAppealPutsFamilyFindingOnHoldUntilTheOrderStands) {
  Child c = With({Decision(Date(2024, 1, 10))});
  EXPECT_EQ(RecordMilestone(c, M(K::kPlacementOrderAppeal, Date(2024, 2, 1)), Rules(), kBy).status().code(),
            absl::StatusCode::kFailedPrecondition);  // nothing to appeal
  Record(c, M(K::kPlacementOrder, Date(2024, 3, 1)));
  Record(c, Because(K::kPlacementOrderAppeal, Date(2024, 3, 20), "birth mother appealed"));
  EXPECT_EQ(c.status, FamilyFindingStatus::kOnHold);
  EXPECT_EQ(c.status_reason, "birth mother appealed");
  EXPECT_EQ(c.details.legal_status, LegalStatus::kPlacementOrderAppeal);
  Record(c, M(K::kPlacementOrder, Date(2024, 6, 1)));  // upheld
  EXPECT_EQ(c.status, FamilyFindingStatus::kActivelyFamilyFinding);
  EXPECT_EQ(c.details.legal_status, LegalStatus::kPlacementOrder);
}

TEST(RecordMilestone, ARevocationApplicationHoldsFamilyFindingUntilDismissedAndNeverOncePlaced) {
  Child c = With({Decision(Date(2024, 1, 10))});
  EXPECT_EQ(Preconditions(RecordMilestone(c, M(K::kRevocationApplication, Date(2024, 2, 1)), Rules(), kBy).status()),
            std::vector<std::string>{"ORDER milestone REVOCATION_APPLICATION on 2024-02-01"});
  Record(c, M(K::kPlacementOrder, Date(2024, 3, 1)));
  Record(c, M(K::kRevocationApplication, Date(2024, 4, 2)));
  EXPECT_EQ(c.status, FamilyFindingStatus::kOnHold);
  EXPECT_EQ(c.status_reason, "application to revoke the placement order");
  EXPECT_EQ(c.details.legal_status, LegalStatus::kRevocationApplication);
  Record(c, M(K::kChallengeDismissed, Date(2024, 6, 3)));
  EXPECT_EQ(c.status, FamilyFindingStatus::kActivelyFamilyFinding);
  EXPECT_EQ(c.details.legal_status, LegalStatus::kPlacementOrder);
  EXPECT_EQ(c.milestones.placement_order, Date(2024, 3, 1));  // the order's own day stays
  EXPECT_EQ(Preconditions(RecordMilestone(c, M(K::kChallengeDismissed, Date(2024, 6, 4)), Rules(), kBy).status()),
            std::vector<std::string>{"STATE milestone CHALLENGE_DISMISSED on 2024-06-04"});
  // Once placed, the parents may not apply (ACA 2002 s.24(2)).
  Child placed = With(UpToPlaced());
  EXPECT_EQ(Preconditions(
                RecordMilestone(placed, M(K::kRevocationApplication, Date(2024, 7, 1)), Rules(), kBy).status()),
            std::vector<std::string>{"STATE milestone REVOCATION_APPLICATION on 2024-07-01"});
}

TEST(RecordMilestone, AContestedApplicationFollowsTheApplication) {
  Child c = With(UpToPlaced());  // placed 2024-06-24
  EXPECT_EQ(Preconditions(RecordMilestone(c, M(K::kContestedApplication, Date(2024, 8, 1)), Rules(), kBy).status()),
            std::vector<std::string>{"ORDER milestone CONTESTED_APPLICATION on 2024-08-01"});
  Record(c, M(K::kAdoptionApplication, Date(2024, 9, 16)));
  Record(c, M(K::kContestedApplication, Date(2024, 10, 1)));
  EXPECT_EQ(c.details.legal_status, LegalStatus::kContestedAdoptionApplication);
  EXPECT_EQ(c.status, FamilyFindingStatus::kPlaced);
  Record(c, M(K::kChallengeDismissed, Date(2024, 12, 2)));
  Record(c, M(K::kAdoptionOrder, Date(2025, 1, 20)));
  EXPECT_EQ(c.details.legal_status, LegalStatus::kAdoptionOrder);
}

TEST(RecordMilestone, TheLifeStoryBookIsDraftedBeforeMovingInAndFinishedBeforeTheOrderOrShowsLate) {
  Child c = With({Decision(Date(2024, 1, 10)), M(K::kPlacementOrder, Date(2024, 3, 1))});
  EXPECT_EQ(Preconditions(RecordMilestone(c, M(K::kLifeStoryBookFinished, Date(2024, 4, 1)), Rules(), kBy).status()),
            std::vector<std::string>{"ORDER milestone LIFE_STORY_BOOK_FINISHED on 2024-04-01"});
  Record(c, M(K::kLifeStoryBookDrafted, Date(2024, 5, 1)));
  EXPECT_EQ(Preconditions(RecordMilestone(c, M(K::kLifeStoryBookDrafted, Date(2024, 5, 2)), Rules(), kBy).status()),
            std::vector<std::string>{"STATE milestone LIFE_STORY_BOOK_DRAFTED on 2024-05-02"});
  Record(c, Match(Date(2024, 6, 3), "h1"));
  Record(c, Placed(Date(2024, 6, 24), "h1"));
  EXPECT_FALSE(LifeStoryBookLate(c, Date(2024, 7, 1)));  // drafted before moving in
  Record(c, M(K::kAdoptionApplication, Date(2024, 9, 16)));
  Record(c, M(K::kAdoptionOrder, Date(2025, 1, 20)));
  EXPECT_TRUE(LifeStoryBookLate(c, Date(2025, 2, 1)));  // not finished by the order
  Record(c, M(K::kLifeStoryBookFinished, Date(2025, 3, 3)));  // late, but recorded
  EXPECT_TRUE(LifeStoryBookLate(c, Date(2025, 4, 1)));
  // A child placed with no draft at all shows late from moving in.
  Child undrafted = With(UpToPlaced());
  EXPECT_FALSE(LifeStoryBookLate(undrafted, Date(2024, 6, 23)));
  EXPECT_TRUE(LifeStoryBookLate(undrafted, Date(2024, 6, 24)));
}

// ---- Replays and bad input ----------------------------------------------------------

TEST(RecordMilestone, AReplayOfTheSameMilestoneOnTheSameDayChangesNothing) {
  Child c = With({Decision(Date(2024, 1, 10)), M(K::kPlacementOrder, Date(2024, 3, 1)), Match(Date(2024, 6, 3), "h1")});
  const platform::Revision later{"panel-consumer", 9'000'000, kToday};
  absl::StatusOr<bool> r = RecordMilestone(c, Decision(Date(2024, 1, 10)), Rules(), later);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(*r);
  r = RecordMilestone(c, Match(Date(2024, 6, 3), "h1"), Rules(), later);  // a sibling's match read again
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(*r);
  EXPECT_EQ(c.journey.size(), 3u);
  EXPECT_EQ(c.updated_at, 5'000'000);
  EXPECT_EQ(c.updated_by, "ff-1");
  // Another day is not a replay.
  EXPECT_EQ(RecordMilestone(c, Decision(Date(2024, 1, 11)), Rules(), later).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(RecordMilestone, AFutureDateIsInvalid) {
  Child c = NewChild();
  absl::Status s = RecordMilestone(c, M(K::kFamilyFindingReferral, kToday + 1), Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(s), std::vector<std::string>{"milestone.date"});
  EXPECT_TRUE(c.journey.empty());
  Record(c, M(K::kFamilyFindingReferral, kToday));  // today is fine
}

TEST(RecordMilestone, HouseholdsGoWithLinksMatchesIntroductionsAndPlacementsOnly) {
  Child c = With({Decision(Date(2024, 1, 10))});
  for (K kind : {K::kLinked, K::kMatched, K::kIntroductionsStarted, K::kPlaced}) {
    absl::Status s = RecordMilestone(c, M(kind, Date(2024, 3, 1)), Rules(), kBy).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << MilestoneKindName(kind);
    EXPECT_EQ(Fields(s), std::vector<std::string>{"milestone.household"}) << MilestoneKindName(kind);
  }
  absl::Status s = RecordMilestone(c, M(K::kPlacementOrder, Date(2024, 3, 1), "h1"), Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(s), std::vector<std::string>{"milestone.household"});
  EXPECT_EQ(c.journey.size(), 1u);
  EXPECT_EQ(c.milestones.placement_order, std::nullopt);
}

TEST(RecordMilestone, AChangeOfPlanNeedsItsReason) {
  Child c = With({Decision(Date(2024, 1, 10))});
  absl::Status s = RecordMilestone(c, M(K::kPlanChanged, Date(2024, 3, 1)), Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(s), std::vector<std::string>{"milestone.reason"});
  EXPECT_NE(c.status, FamilyFindingStatus::kPlanChanged);
}

TEST(RecordMilestone, PlacementFlagsAreForAPlacementAndNotBoth) {
  Child c = With({Decision(Date(2024, 1, 10))});
  Milestone order = M(K::kPlacementOrder, Date(2024, 3, 1));
  order.early_permanence = true;
  order.foster_carer_adoption = true;
  EXPECT_EQ(Fields(RecordMilestone(c, order, Rules(), kBy).status()),
            (std::vector<std::string>{"milestone.early_permanence", "milestone.foster_carer_adoption"}));
  EXPECT_EQ(Fields(RecordMilestone(c, Placed(Date(2024, 3, 1), "h1", true, true), Rules(), kBy).status()),
            std::vector<std::string>{"milestone.foster_carer_adoption"});
}

TEST(RecordMilestone, EveryProblemIsNamedUnderThePrefixGiven) {
  Child c = NewChild();
  absl::Status s = RecordMilestone(c, M(K::kLinked, kToday + 7), Rules(), kBy, "milestones[3].").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(s), (std::vector<std::string>{"milestones[3].date", "milestones[3].household"}));
}

// ---- ApplyHistory ---------------------------------------------------------------

// The old system's part of a child's journey (entered care 2023-09-01, accommodated):
// proceedings and the referral before the decision, the placement order and a link after.
const std::vector<Milestone> kBeforeDecision = {M(K::kCareProceedingsStarted, Date(2023, 8, 1)),
                                                M(K::kFamilyFindingReferral, Date(2023, 10, 2))};
std::vector<Milestone> WholeHistory() {
  std::vector<Milestone> h = kBeforeDecision;
  h.push_back(M(K::kPlacementOrder, Date(2024, 3, 1)));
  h.push_back(M(K::kLinked, Date(2024, 4, 2), "h1"));
  return h;
}

TEST(ApplyHistory, AFreshImportRecordsEveryMilestoneAsHistory) {
  Child c = NewChild(Details(LegalStatus::kAccommodated));
  absl::StatusOr<int> added = ApplyHistory(c, kBeforeDecision, Rules(), kBy);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(*added, 2);
  ASSERT_EQ(c.journey.size(), 2u);
  for (const Milestone& m : c.journey) EXPECT_EQ(m.origin, MilestoneOrigin::kHistory);
  EXPECT_EQ(c.details.legal_status, LegalStatus::kInCareProceedings);
  EXPECT_EQ(c.status, FamilyFindingStatus::kActivelyFamilyFinding);
  // The same history again adds nothing.
  added = ApplyHistory(c, kBeforeDecision, Rules(), kBy);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(*added, 0);
  EXPECT_EQ(c.journey.size(), 2u);
}

TEST(ApplyHistory, ALongerHistoryExtendsAroundThePanelsDecision) {
  Child c = NewChild(Details(LegalStatus::kAccommodated));
  ASSERT_TRUE(ApplyHistory(c, kBeforeDecision, Rules(), kBy).ok());
  Record(c, Decision(Date(2024, 1, 10)));  // from panel-svc, between the two parts
  absl::StatusOr<int> added = ApplyHistory(c, WholeHistory(), Rules(), kBy);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(*added, 2);
  std::vector<K> kinds;
  for (const Milestone& m : c.journey) kinds.push_back(m.kind);
  EXPECT_EQ(kinds, (std::vector<K>{K::kCareProceedingsStarted, K::kFamilyFindingReferral, K::kShouldBePlacedDecision,
                                   K::kPlacementOrder, K::kLinked}));
  EXPECT_EQ(c.journey[2].origin, MilestoneOrigin::kPanel);
  EXPECT_EQ(c.journey[4].origin, MilestoneOrigin::kHistory);
  EXPECT_EQ(c.status, FamilyFindingStatus::kLinked);
  EXPECT_EQ(c.details.legal_status, LegalStatus::kPlacementOrder);
  // The whole history again: the decision in the middle is not the history's, so skipped.
  added = ApplyHistory(c, WholeHistory(), Rules(), kBy);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(*added, 0);
  EXPECT_EQ(c.journey.size(), 5u);
}

TEST(ApplyHistory, PanelMilestonesAreSkippedAndFamilyFindingsOwnCompared) {
  // Matched through panel-svc, and a link family finding recorded live.
  Child c = With({Decision(Date(2024, 1, 10)), M(K::kPlacementOrder, Date(2024, 3, 1)),
                  M(K::kLinked, Date(2024, 4, 2), "h1"), Match(Date(2024, 6, 3), "h1")},
                 Details(LegalStatus::kCareOrder));
  const std::vector<Milestone> history = {M(K::kPlacementOrder, Date(2024, 3, 1)), M(K::kLinked, Date(2024, 4, 2), "h1"),
                                          M(K::kIntroductionsStarted, Date(2024, 6, 10), "h1")};
  absl::StatusOr<int> added = ApplyHistory(c, history, Rules(), kBy);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(*added, 1);
  EXPECT_EQ(c.journey.back().kind, K::kIntroductionsStarted);
  EXPECT_EQ(c.journey.back().origin, MilestoneOrigin::kHistory);
}

TEST(ApplyHistory, AHistoryThatDiffersFromTheStoredOneIsRefused) {
  Child c = NewChild(Details(LegalStatus::kAccommodated));
  ASSERT_TRUE(ApplyHistory(c, kBeforeDecision, Rules(), kBy).ok());
  Record(c, Decision(Date(2024, 1, 10)));
  std::vector<Milestone> moved = WholeHistory();
  moved[1].date = Date(2023, 10, 3);
  absl::Status s = ApplyHistory(c, moved, Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Preconditions(s), std::vector<std::string>{"IMPORT milestones[1]"});
  EXPECT_EQ(c.journey.size(), 3u);
  EXPECT_EQ(c.milestones.placement_order, std::nullopt);
}

TEST(ApplyHistory, TheDecisionMakersMilestonesAreNotImportedHere) {
  std::vector<Milestone> matched = WholeHistory();
  matched.push_back(M(K::kMatched, Date(2024, 5, 1), "h1"));
  Child c = NewChild(Details(LegalStatus::kAccommodated));
  ASSERT_TRUE(ApplyHistory(c, kBeforeDecision, Rules(), kBy).ok());
  Record(c, Decision(Date(2024, 1, 10)));
  absl::Status s = ApplyHistory(c, matched, Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(s), std::vector<std::string>{"milestones[4].kind"});

  std::vector<Milestone> decided = kBeforeDecision;
  decided.push_back(M(K::kShouldBePlacedDecision, Date(2024, 1, 10)));
  Child fresh = NewChild(Details(LegalStatus::kAccommodated));
  s = ApplyHistory(fresh, decided, Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(s), std::vector<std::string>{"milestones[2].kind"});
  EXPECT_EQ(fresh.milestones.should_be_placed_decision, std::nullopt);
}

TEST(ApplyHistory, AMilestonesOwnRefusalNamesItsPlaceInTheHistory) {
  // The placement order arrives before panel-svc's decision: refused with its index.
  Child c = NewChild(Details(LegalStatus::kAccommodated));
  absl::Status s = ApplyHistory(c, WholeHistory(), Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Preconditions(s), std::vector<std::string>{"ORDER milestones[2] PLACEMENT_ORDER on 2024-03-01"});
  // A link without its household.
  Child other = NewChild(Details(LegalStatus::kAccommodated));
  std::vector<Milestone> bad = kBeforeDecision;
  bad.push_back(M(K::kLinked, Date(2023, 11, 1)));
  s = ApplyHistory(other, bad, Rules(), kBy).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(s), std::vector<std::string>{"milestones[2].household"});
}

// ---- Names ----------------------------------------------------------------------

TEST(MilestoneNames, RoundTripForEveryValue) {
  for (int i = 0; i <= static_cast<int>(K::kLifeStoryBookFinished); ++i) {
    EXPECT_EQ(ParseMilestoneKind(MilestoneKindName(static_cast<K>(i))), static_cast<K>(i));
  }
  for (int i = 0; i <= static_cast<int>(PlacementProvider::kVoluntaryAdoptionAgency); ++i) {
    auto p = static_cast<PlacementProvider>(i);
    EXPECT_EQ(ParseProvider(ProviderName(p)), p);
  }
  for (int i = 0; i <= static_cast<int>(MilestoneOrigin::kHistory); ++i) {
    auto o = static_cast<MilestoneOrigin>(i);
    EXPECT_EQ(ParseOrigin(OriginName(o)), o);
  }
  EXPECT_EQ(MilestoneKindName(K::kShouldBePlacedDecision), "SHOULD_BE_PLACED_DECISION");
  EXPECT_EQ(ParseMilestoneKind("MATCH"), std::nullopt);
  EXPECT_TRUE(FromDecisionMaker(K::kMatched));
  EXPECT_TRUE(FromDecisionMaker(K::kShouldBePlacedDecision));
  EXPECT_FALSE(FromDecisionMaker(K::kPlacementOrder));
}

}  // namespace
}  // namespace familyfinding
