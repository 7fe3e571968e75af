#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "letterbox-svc/domain/contact_arrangement.h"

namespace letterbox {
namespace {

using platform::Date;

const Date kToday(2025, 6, 20);

ArrangementDetails YearlyLetterbox() {
  ArrangementDetails d;
  d.child = "children/01jxyz";
  d.child_date_of_birth = Date(2019, 3, 14);
  d.local_authority = "E09000006";
  d.kind = ContactKind::kIndirect;
  d.parties = {{"", PartyRole::kAdoptiveFamily, "Mum and Dad", ""}, {"", PartyRole::kBirthMother, "Kelly", ""}};
  d.frequency = ContactFrequency::kYearly;
  d.exchange_months = {5};
  d.two_way = true;
  d.start_date = Date(2025, 5, 1);
  return d;
}

std::vector<std::string> Fields(const ArrangementDetails& d) {
  platform::Validation v;
  ValidateDetails(d, kToday, "contact_arrangement.", v);
  std::vector<std::string> out;
  for (const auto& fv : v.violations()) out.push_back(fv.field);
  return out;
}

std::vector<std::string> FieldsOf(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& fv : platform::FieldViolationsOf(s)) out.push_back(fv.field);
  return out;
}

// Party ids in order: "p1", "p2", ...
std::function<std::string()> Ids(const std::string& prefix = "p") {
  auto n = std::make_shared<int>(0);
  return [n, prefix] { return prefix + std::to_string(++*n); };
}

platform::StatutoryTable Table(const std::string& rows) {
  return platform::StatutoryTable::Parse("key\teffective_from\tvalue\tsource\n" + rows).value();
}

// The rules in force on `day`, from `table` (the compiled-in one unless given).
LetterboxRules RulesOn(Date day, const platform::StatutoryTable& table = platform::StatutoryTable::Defaults()) {
  return LetterboxRules::On(table, day);
}

absl::StatusOr<ContactArrangement> Arrange(ArrangementDetails d,
                                         const platform::StatutoryTable& table = platform::StatutoryTable::Defaults()) {
  return SetUpArrangement("a1", std::move(d), Ids(), "coordinator", 42, kToday, RulesOn(kToday, table),
                          "contact_arrangement.", {});
}

TEST(ContactArrangementDetails, AYearlyLetterboxIsValid) { EXPECT_TRUE(Fields(YearlyLetterbox()).empty()); }

TEST(ContactArrangementDetails, ChildKindAndFrequencyAreRequired) {
  auto d = YearlyLetterbox();
  d.child = " ";
  d.kind.reset();
  d.frequency.reset();
  EXPECT_EQ(Fields(d), (std::vector<std::string>{"contact_arrangement.child", "contact_arrangement.kind",
                                                 "contact_arrangement.frequency"}));
}

TEST(ContactArrangementDetails, TheChildsDateOfBirthIsInThePastAndBeforeTheStart) {
  auto d = YearlyLetterbox();
  d.child_date_of_birth = Date(2025, 5, 2);
  EXPECT_EQ(Fields(d), std::vector<std::string>{"contact_arrangement.child_date_of_birth"});
  d.start_date = Date(2025, 7, 1);
  d.child_date_of_birth = Date(2025, 6, 21);
  EXPECT_EQ(Fields(d), std::vector<std::string>{"contact_arrangement.child_date_of_birth"});
}

TEST(ContactArrangementDetails, TheLocalAuthorityIsAnOnsCodeWhenGiven) {
  auto d = YearlyLetterbox();
  d.local_authority = "";
  EXPECT_TRUE(Fields(d).empty());
  d.local_authority = "Bromley";
  EXPECT_EQ(Fields(d), std::vector<std::string>{"contact_arrangement.local_authority"});
}

TEST(ContactArrangementParties, NeedTheAdoptiveFamilyAndABirthRelative) {
  auto d = YearlyLetterbox();
  d.parties.pop_back();
  EXPECT_EQ(Fields(d), std::vector<std::string>{"contact_arrangement.parties"});
  d.parties = {{"", PartyRole::kBirthMother, "Kelly", ""}, {"", PartyRole::kGrandparent, "Nan", ""}};
  EXPECT_EQ(Fields(d), std::vector<std::string>{"contact_arrangement.parties"});
  d.parties.clear();
  EXPECT_EQ(Fields(d), std::vector<std::string>{"contact_arrangement.parties"});
  // Siblings and other relatives are on the birth family's side too.
  d.parties = {{"", PartyRole::kAdoptiveFamily, "Us", ""}, {"", PartyRole::kSibling, "Jay", ""}};
  EXPECT_TRUE(Fields(d).empty());
}

TEST(ContactArrangementParties, EachNeedsARoleAndADisplayName) {
  auto d = YearlyLetterbox();
  d.parties.push_back({"", std::nullopt, "", std::string(300, 'a')});
  d.parties.push_back({"", PartyRole::kBirthFather, std::string(101, 'x'), ""});
  EXPECT_EQ(Fields(d), (std::vector<std::string>{
                           "contact_arrangement.parties[2].role", "contact_arrangement.parties[2].display_name",
                           "contact_arrangement.parties[2].account", "contact_arrangement.parties[3].display_name"}));
}

TEST(ContactArrangementParties, AnAccountIsLimitedInCharactersNotBytes) {
  auto d = YearlyLetterbox();
  std::string account;
  for (int i = 0; i < 255; ++i) account += "\xC3\xA9";  // "é": 510 bytes
  d.parties[1].account = account;
  EXPECT_TRUE(Fields(d).empty());
  d.parties[1].account += "e";
  EXPECT_EQ(Fields(d), std::vector<std::string>{"contact_arrangement.parties[1].account"});
}

TEST(ExchangeMonths, AreRealMonthsEachGivenOnce) {
  auto d = YearlyLetterbox();
  d.frequency = ContactFrequency::kOther;
  d.exchange_months = {0, 5, 13, 5};
  EXPECT_EQ(Fields(d), (std::vector<std::string>{"contact_arrangement.exchange_months[0]",
                                                 "contact_arrangement.exchange_months[2]",
                                                 "contact_arrangement.exchange_months[3]"}));
}

TEST(ExchangeMonths, MatchTheFrequency) {
  const std::vector<std::pair<ContactFrequency, size_t>> needed = {
      {ContactFrequency::kYearly, 1}, {ContactFrequency::kTwiceYearly, 2}, {ContactFrequency::kThreeTimesYearly, 3},
      {ContactFrequency::kQuarterly, 4}, {ContactFrequency::kMonthly, 12}};
  for (const auto& [frequency, n] : needed) {
    EXPECT_EQ(MonthsPerYear(frequency), n);
    auto d = YearlyLetterbox();
    d.frequency = frequency;
    d.exchange_months.clear();
    for (size_t m = 1; m <= n; ++m) d.exchange_months.push_back(static_cast<int>(m));
    EXPECT_TRUE(Fields(d).empty()) << FrequencyName(frequency);
    d.exchange_months.pop_back();
    EXPECT_EQ(Fields(d), std::vector<std::string>{"contact_arrangement.exchange_months"}) << FrequencyName(frequency);
    if (n < 12) {
      d.exchange_months.push_back(static_cast<int>(n));
      d.exchange_months.push_back(12);
      EXPECT_EQ(Fields(d), std::vector<std::string>{"contact_arrangement.exchange_months"})
          << FrequencyName(frequency);
    }
  }
  // OTHER follows the support plan: any number of months.
  auto d = YearlyLetterbox();
  d.frequency = ContactFrequency::kOther;
  for (auto months : {std::vector<int>{}, std::vector<int>{3, 7, 11, 12, 1}}) {
    d.exchange_months = months;
    EXPECT_TRUE(Fields(d).empty());
  }
}

TEST(ContactArrangementDetails, TheEndComesAfterTheStart) {
  auto d = YearlyLetterbox();
  d.end_date = d.start_date;
  EXPECT_EQ(Fields(d), std::vector<std::string>{"contact_arrangement.end_date"});
  d.end_date = Date(2025, 5, 2);
  EXPECT_TRUE(Fields(d).empty());
}

TEST(ContactArrangementDetails, OnHoldOrEndedNeedsAReason) {
  for (auto status : {ArrangementStatus::kOnHold, ArrangementStatus::kEnded}) {
    auto d = YearlyLetterbox();
    d.status = status;
    EXPECT_EQ(Fields(d), std::vector<std::string>{"contact_arrangement.status_reason"});
    d.status_reason = "Birth mother asked for a pause";
    EXPECT_TRUE(Fields(d).empty());
  }
  auto d = YearlyLetterbox();
  d.status = ArrangementStatus::kActive;
  EXPECT_TRUE(Fields(d).empty());
  d.status_reason = std::string(kMaxReasonLength + 1, 'r');
  EXPECT_EQ(Fields(d), std::vector<std::string>{"contact_arrangement.status_reason"});
}

TEST(EighteenthBirthday, IsTheSameDayEighteenYearsOn) {
  EXPECT_EQ(EighteenthBirthday(Date(2019, 3, 14)), Date(2037, 3, 14));
  // 29 February: 1 March in a common year (Family Law Reform Act 1969 s.9).
  EXPECT_EQ(EighteenthBirthday(Date(2008, 2, 29)), Date(2026, 3, 1));
  EXPECT_EQ(EighteenthBirthday(Date(2012, 2, 29)), Date(2030, 3, 1));
}

TEST(ReviewDueAfter, AddsTheIntervalFromTheStatutoryTable) {
  const LetterboxRules defaults = RulesOn(kToday);
  // letterbox_review_interval_months is 12 in config/statutory.tsv.
  EXPECT_EQ(ReviewDueAfter(Date(2025, 5, 1), defaults).value(), Date(2026, 5, 1));
  // A day the target month lacks falls to its last day.
  EXPECT_EQ(ReviewDueAfter(Date(2024, 2, 29), defaults).value(), Date(2025, 2, 28));
  platform::StatutoryTable six = Table(
      "letterbox_review_interval_months\t2020-04-01\t12\ttest\n"
      "letterbox_review_interval_months\t2025-01-01\t6\ttest\n");
  EXPECT_EQ(ReviewDueAfter(Date(2025, 8, 31), RulesOn(kToday, six)).value(), Date(2026, 2, 28));
  EXPECT_EQ(ReviewDueAfter(Date(2025, 8, 31), RulesOn(Date(2024, 6, 1), six)).value(), Date(2026, 8, 31));
  // Before the policy took effect there is no interval.
  EXPECT_EQ(ReviewDueAfter(Date(2019, 1, 1), RulesOn(Date(2019, 1, 1))).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(SetUpArrangement, StartsActiveWithPartyIdsEndDateAndFirstReview) {
  auto d = YearlyLetterbox();
  d.parties[0].party_id = "ignored";
  ContactArrangement a = Arrange(d).value();
  EXPECT_EQ(a.details.status, ArrangementStatus::kActive);
  EXPECT_EQ(a.details.parties[0].party_id, "p1");
  EXPECT_EQ(a.details.parties[1].party_id, "p2");
  EXPECT_EQ(a.details.end_date, Date(2037, 3, 14));  // the child's 18th birthday
  EXPECT_EQ(a.details.next_review_date, Date(2026, 5, 1));
  EXPECT_EQ(a.last_review_date, std::nullopt);
  EXPECT_EQ(a.version, 1);
  EXPECT_EQ(a.created_by, "coordinator");
}

TEST(SetUpArrangement, TheReviewIntervalIsReadNotAssumed) {
  platform::StatutoryTable six = Table("letterbox_review_interval_months\t2020-04-01\t6\ttest\n");
  EXPECT_EQ(Arrange(YearlyLetterbox(), six).value().details.next_review_date, Date(2025, 11, 1));
}

TEST(SetUpArrangement, WithoutADateOfBirthOrEndDateItHasNoEnd) {
  auto d = YearlyLetterbox();
  d.child_date_of_birth.reset();
  EXPECT_EQ(Arrange(d).value().details.end_date, std::nullopt);
  d.end_date = Date(2030, 1, 1);
  EXPECT_EQ(Arrange(d).value().details.end_date, Date(2030, 1, 1));
}

TEST(SetUpArrangement, AChildAlready18NeedsAnExplicitEnd) {
  auto d = YearlyLetterbox();
  d.child_date_of_birth = Date(2007, 5, 1);  // 18 on the start date
  EXPECT_EQ(FieldsOf(Arrange(d).status()), std::vector<std::string>{"contact_arrangement.child_date_of_birth"});
  d.end_date = Date(2026, 5, 1);  // an adult adoptee's arrangement, by agreement
  EXPECT_TRUE(Arrange(d).ok());
}

TEST(SetUpArrangement, MonthlyContactWithoutMonthsIsEveryMonthAndMonthsAreSorted) {
  auto d = YearlyLetterbox();
  d.frequency = ContactFrequency::kMonthly;
  d.exchange_months.clear();
  EXPECT_EQ(Arrange(d).value().details.exchange_months, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
  d.frequency = ContactFrequency::kTwiceYearly;
  d.exchange_months = {11, 5};
  EXPECT_EQ(Arrange(d).value().details.exchange_months, (std::vector<int>{5, 11}));
}

TEST(SetUpArrangement, AGivenFirstReviewMustFallWithinTheInterval) {
  auto d = YearlyLetterbox();
  d.next_review_date = Date(2025, 11, 1);
  EXPECT_EQ(Arrange(d).value().details.next_review_date, Date(2025, 11, 1));
  d.next_review_date = Date(2026, 5, 2);
  EXPECT_EQ(FieldsOf(Arrange(d).status()), std::vector<std::string>{"contact_arrangement.next_review_date"});
  d.next_review_date = Date(2025, 5, 1);  // not after the start
  EXPECT_EQ(FieldsOf(Arrange(d).status()), std::vector<std::string>{"contact_arrangement.next_review_date"});
}

TEST(SetUpArrangement, IsNeverSetUpOnHoldOrEnded) {
  auto d = YearlyLetterbox();
  d.status = ArrangementStatus::kEnded;
  d.status_reason = "x";
  EXPECT_EQ(FieldsOf(Arrange(d).status()), std::vector<std::string>{"contact_arrangement.status"});
}

// Set up from the support plan before the order, it starts at the order: ACTIVE from
// the order's date, reviewed an interval on; once only.
TEST(SetUpArrangement, APlannedArrangementStartsAtTheAdoptionOrder) {
  auto d = YearlyLetterbox();
  d.status = ArrangementStatus::kPlanned;
  ContactArrangement a = Arrange(d).value();
  EXPECT_EQ(a.details.status, ArrangementStatus::kPlanned);
  const platform::Revision by{.actor = "familyfinding-svc", .at = 9, .today = Date(2025, 9, 20)};
  EXPECT_TRUE(StartAtOrder(a, Date(2025, 9, 18), RulesOn(Date(2025, 9, 18)), by).value());
  EXPECT_EQ(a.details.status, ArrangementStatus::kActive);
  EXPECT_EQ(a.details.start_date, Date(2025, 9, 18));
  EXPECT_EQ(a.details.next_review_date, Date(2026, 9, 18));
  EXPECT_EQ(a.details.end_date, Date(2037, 3, 14));
  EXPECT_EQ(a.updated_by, "familyfinding-svc");
  // A replay, or an arrangement already running, is left alone.
  EXPECT_FALSE(StartAtOrder(a, Date(2025, 10, 1), RulesOn(Date(2025, 10, 1)), by).value());
  EXPECT_EQ(a.details.start_date, Date(2025, 9, 18));
  // Without a review interval in force on the order's day, nothing changes.
  ContactArrangement b = Arrange(d).value();
  EXPECT_EQ(StartAtOrder(b, Date(2019, 1, 1), RulesOn(Date(2019, 1, 1)), by).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(b.details.status, ArrangementStatus::kPlanned);
}

TEST(SetUpArrangement, EarlierViolationsAreKeptAndEveryRuleIsReported) {
  auto d = YearlyLetterbox();
  d.kind.reset();
  d.exchange_months = {5, 6};
  platform::Validation shape;
  shape.Add("contact_arrangement.end_date", "2025-02-30 is not a calendar date");
  EXPECT_EQ(FieldsOf(SetUpArrangement("a1", d, Ids(), "c", 1, kToday, RulesOn(kToday),
                                      "contact_arrangement.", shape)
                         .status()),
            (std::vector<std::string>{"contact_arrangement.end_date", "contact_arrangement.kind",
                                      "contact_arrangement.exchange_months"}));
}

class ReviseArrangementTest : public ::testing::Test {
 protected:
  absl::Status Revise(ArrangementDetails d, ArrangementChange change = {}, Date today = kToday) {
    return ReviseArrangement(arrangement_, std::move(d), change, ids_, RulesOn(today),
                             {.actor = "coordinator-2", .at = 99, .today = today}, "contact_arrangement.", {});
  }
  std::function<std::string()> ids_ = Ids("new");
  ContactArrangement arrangement_ = Arrange(YearlyLetterbox()).value();
};

TEST_F(ReviseArrangementTest, PartiesKeepTheirIdsAndNewOnesGetOne) {
  auto d = arrangement_.details;
  std::reverse(d.parties.begin(), d.parties.end());
  d.parties.push_back({"", PartyRole::kGrandparent, "Nan", ""});
  ASSERT_TRUE(Revise(d).ok());
  const auto& parties = arrangement_.details.parties;
  ASSERT_EQ(parties.size(), 3u);
  EXPECT_EQ(parties[0].party_id, "p2");
  EXPECT_EQ(parties[0].display_name, "Kelly");
  EXPECT_EQ(parties[1].party_id, "p1");
  EXPECT_EQ(parties[2].party_id, "new1");
  EXPECT_EQ(arrangement_.updated_by, "coordinator-2");
  EXPECT_EQ(arrangement_.created_by, "coordinator");
}

TEST_F(ReviseArrangementTest, AnUnknownOrRepeatedPartyIdIsRefused) {
  auto d = arrangement_.details;
  d.parties[1].party_id = "someone-else";
  EXPECT_EQ(FieldsOf(Revise(d)), std::vector<std::string>{"contact_arrangement.parties[1].party_id"});
  d.parties[1].party_id = d.parties[0].party_id;
  EXPECT_EQ(FieldsOf(Revise(d)), std::vector<std::string>{"contact_arrangement.parties[1].party_id"});
  EXPECT_EQ(arrangement_.version, 1);
  EXPECT_EQ(arrangement_.details.parties[1].display_name, "Kelly");
}

TEST_F(ReviseArrangementTest, SettingTheNextReviewRecordsAReviewToday) {
  auto d = arrangement_.details;
  d.next_review_date.reset();
  ArrangementChange reviewed{.reviewed = true};
  ASSERT_TRUE(Revise(d, reviewed).ok());
  EXPECT_EQ(arrangement_.last_review_date, kToday);
  EXPECT_EQ(arrangement_.details.next_review_date, Date(2026, 6, 20));
  d.next_review_date = Date(2026, 6, 21);  // beyond the interval from today
  EXPECT_EQ(FieldsOf(Revise(d, reviewed)), std::vector<std::string>{"contact_arrangement.next_review_date"});
  d.next_review_date = Date(2025, 12, 1);
  ASSERT_TRUE(Revise(d, reviewed).ok());
  EXPECT_EQ(arrangement_.details.next_review_date, Date(2025, 12, 1));
  // Other changes leave the review as it was.
  d = arrangement_.details;
  d.two_way = false;
  ASSERT_TRUE(Revise(d, {}, Date(2025, 7, 1)).ok());
  EXPECT_EQ(arrangement_.last_review_date, kToday);
  EXPECT_EQ(arrangement_.details.next_review_date, Date(2025, 12, 1));
}

TEST_F(ReviseArrangementTest, ADefaultEndDateFollowsACorrectedDateOfBirth) {
  auto d = arrangement_.details;
  d.child_date_of_birth = Date(2019, 4, 14);
  ASSERT_TRUE(Revise(d).ok());
  EXPECT_EQ(arrangement_.details.end_date, Date(2037, 4, 14));
  // An end date the coordinator set stays put.
  d = arrangement_.details;
  d.end_date = Date(2030, 5, 1);
  ASSERT_TRUE(Revise(d).ok());
  d = arrangement_.details;
  d.child_date_of_birth = Date(2019, 1, 1);
  ASSERT_TRUE(Revise(d).ok());
  EXPECT_EQ(arrangement_.details.end_date, Date(2030, 5, 1));
  // Clearing the end date restores the default.
  d = arrangement_.details;
  d.end_date.reset();
  ASSERT_TRUE(Revise(d).ok());
  EXPECT_EQ(arrangement_.details.end_date, Date(2037, 1, 1));
}

TEST_F(ReviseArrangementTest, AStatusChangeNeedsItsOwnReason) {
  auto d = arrangement_.details;
  d.status = ArrangementStatus::kOnHold;
  d.status_reason = "Birth mother in hospital";
  ASSERT_TRUE(Revise(d, {.status_reason_given = true}).ok());
  EXPECT_EQ(arrangement_.details.status, ArrangementStatus::kOnHold);
  // Ending it without a new reason: the hold's reason does not explain the end.
  d = arrangement_.details;
  d.status = ArrangementStatus::kEnded;
  EXPECT_EQ(FieldsOf(Revise(d)), std::vector<std::string>{"contact_arrangement.status_reason"});
  // Resuming drops the reason for the hold.
  d = arrangement_.details;
  d.status = ArrangementStatus::kActive;
  ASSERT_TRUE(Revise(d).ok());
  EXPECT_EQ(arrangement_.details.status_reason, "");
}

TEST_F(ReviseArrangementTest, AnEndedArrangementStaysEnded) {
  auto d = arrangement_.details;
  d.status = ArrangementStatus::kEnded;
  d.status_reason = "Varied on review: direct contact instead";
  ASSERT_TRUE(Revise(d, {.status_reason_given = true}).ok());
  d = arrangement_.details;
  d.status = ArrangementStatus::kActive;
  absl::Status s = Revise(d, {.status_reason_given = true});
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(arrangement_.details.status, ArrangementStatus::kEnded);
  d.status.reset();
  EXPECT_EQ(FieldsOf(Revise(d)), std::vector<std::string>{"contact_arrangement.status"});
}

TEST(ArrangementStatus, EveryChangeFollowsTheTable) {
  const std::vector<ArrangementStatus> all = {ArrangementStatus::kActive, ArrangementStatus::kOnHold,
                                              ArrangementStatus::kEnded, ArrangementStatus::kPlanned};
  for (auto from : all) {
    for (auto to : all) {
      bool listed = from == to;
      for (const auto& change : AllowedStatusChanges()) listed |= change.from == from && change.to == to;
      EXPECT_EQ(CanChangeStatus(from, to), listed) << StatusName(from) << " -> " << StatusName(to);
    }
  }
  EXPECT_FALSE(CanChangeStatus(ArrangementStatus::kEnded, ArrangementStatus::kActive));
  EXPECT_TRUE(CanChangeStatus(ArrangementStatus::kOnHold, ArrangementStatus::kActive));
}

TEST(ContactArrangementNames, RoundTripForEveryValue) {
  for (int i = 0; i <= static_cast<int>(ContactKind::kDirect); ++i) {
    EXPECT_EQ(ParseKind(KindName(static_cast<ContactKind>(i))), static_cast<ContactKind>(i));
  }
  for (int i = 0; i <= static_cast<int>(PartyRole::kOtherRelative); ++i) {
    EXPECT_EQ(ParseRole(RoleName(static_cast<PartyRole>(i))), static_cast<PartyRole>(i));
  }
  for (int i = 0; i <= static_cast<int>(ContactFrequency::kOther); ++i) {
    EXPECT_EQ(ParseFrequency(FrequencyName(static_cast<ContactFrequency>(i))), static_cast<ContactFrequency>(i));
  }
  for (int i = 0; i <= static_cast<int>(ArrangementStatus::kPlanned); ++i) {
    EXPECT_EQ(ParseStatus(StatusName(static_cast<ArrangementStatus>(i))), static_cast<ArrangementStatus>(i));
  }
  EXPECT_EQ(ParseKind("LETTER"), std::nullopt);
}

}  // namespace
}  // namespace letterbox
