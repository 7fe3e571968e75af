#include <gtest/gtest.h>

#include "panel-svc/domain/panel.h"

namespace panel {
namespace {

using platform::Date;

const Date kToday(2025, 6, 1);
const PanelRules kRules{.quorum_members = 5,
                        .social_worker_min_years = 3,
                        .papers_working_days = 10,
                        .member_notice_months = 1,
                        .member_training_months = 12,
                        .member_appraisal_months = 12};

PanelMember Member(const std::string& name, MemberRole role, int years = 0) {
  PanelMember m;
  m.display_name = name;
  m.role = role;
  m.social_work_experience_years = years;
  m.active = true;
  return m;
}

PanelDetails PanelA() {
  PanelDetails d;
  d.display_name = "Panel A (Tuesdays)";
  d.local_authority_agency = true;
  d.members = {Member("Ruth Chair", MemberRole::kChair), Member("Sam Vice", MemberRole::kViceChair),
               Member("Pat Social", MemberRole::kSocialWorker, 4),
               Member("Ann Adopter", MemberRole::kIndependentMember), Member("Dr Who", MemberRole::kMedicalAdviser)};
  return d;
}

std::vector<std::string> Fields(const PanelDetails& d, const PanelRules& rules = kRules) {
  platform::Validation v;
  ValidateDetails(d, rules, kToday, "panel.", v);
  std::vector<std::string> out;
  for (const auto& fv : v.violations()) out.push_back(fv.field);
  return out;
}

TEST(PanelDetails, APanelWithAChairIsValid) { EXPECT_TRUE(Fields(PanelA()).empty()); }

TEST(PanelDetails, APanelNeedsExactlyOneActiveChair) {
  auto d = PanelA();
  d.members[0].role = MemberRole::kIndependentMember;
  EXPECT_EQ(Fields(d), std::vector<std::string>{"panel.members"});
  d.members[0].role = MemberRole::kChair;
  d.members[0].active = false;  // a retired chair is no chair
  EXPECT_EQ(Fields(d), std::vector<std::string>{"panel.members"});
  d.members[0].active = true;
  d.members[1].role = MemberRole::kChair;
  EXPECT_EQ(Fields(d), std::vector<std::string>{"panel.members"});
  d.members[1].active = false;  // a former chair kept for the record
  EXPECT_TRUE(Fields(d).empty());
  d.members.clear();
  EXPECT_EQ(Fields(d), std::vector<std::string>{"panel.members"});
}

// AAR 2005 reg 5: a member leaves on a month's notice, or when the agency removes them.
TEST(PanelDetails, AMemberLeavesTheListOnNoticeInDateOrder) {
  auto d = PanelA();
  PanelMember& ann = d.members[3];
  ann.joined_date = Date(2020, 9, 1);
  ann.notice_date = Date(2025, 5, 1);
  ann.left_date = Date(2025, 6, 1);  // a month to the day
  EXPECT_TRUE(Fields(d).empty());
  ann.left_date = Date(2025, 5, 31);
  EXPECT_EQ(Fields(d), std::vector<std::string>{"panel.members[3].left_date"});
  ann.removed = true;  // the agency ended it: no notice period
  EXPECT_TRUE(Fields(d).empty());
  ann.removed = false;
  ann.notice_date.reset();
  EXPECT_EQ(Fields(d), std::vector<std::string>{"panel.members[3].notice_date"});
  ann.notice_date = Date(2020, 8, 1);  // before joining, and leaving before she joined
  ann.left_date = Date(2020, 8, 31);
  EXPECT_EQ(Fields(d), (std::vector<std::string>{"panel.members[3].notice_date", "panel.members[3].left_date"}));
  ann.notice_date = Date(2025, 6, 2);  // notice not yet given
  ann.left_date.reset();
  EXPECT_EQ(Fields(d), std::vector<std::string>{"panel.members[3].notice_date"});
  ann.notice_date.reset();
  ann.removed = true;  // removed needs the day it happened
  EXPECT_EQ(Fields(d), std::vector<std::string>{"panel.members[3].removed"});
}

TEST(PanelDetails, AccountsBelongToOneMemberAndInterestsAreSingleLines) {
  auto d = PanelA();
  d.members[0].account = "ruth@agency";
  d.members[1].account = "ruth@agency";
  d.members[2].declared_interests = {"Foster carer for the council", "", "two\nlines"};
  EXPECT_EQ(Fields(d), (std::vector<std::string>{"panel.members[1].account", "panel.members[2].declared_interests[1]",
                                                 "panel.members[2].declared_interests[2]"}));
}

TEST(PanelDetails, TheChairIsTheOneOnTheListToday) {
  auto d = PanelA();
  // Ruth leaves at the end of May; Kim, chair from June, joined in May.
  d.members[0].notice_date = Date(2025, 3, 1);
  d.members[0].left_date = Date(2025, 6, 1);
  PanelMember kim = Member("Kim Chair", MemberRole::kChair);
  kim.joined_date = Date(2025, 6, 1);
  d.members.push_back(kim);
  EXPECT_TRUE(Fields(d).empty());  // on 1 June: Kim only
  d.members.back().joined_date = Date(2025, 6, 2);
  EXPECT_EQ(Fields(d), std::vector<std::string>{"panel.members"});  // nobody in the chair on 1 June
}

TEST(PanelMember, IsOnTheListFromJoiningUntilLeavingAndTrainedYearly) {
  PanelMember m = Member("Ann", MemberRole::kIndependentMember);
  m.joined_date = Date(2024, 1, 10);
  EXPECT_FALSE(OnListOn(m, Date(2024, 1, 9)));
  EXPECT_TRUE(OnListOn(m, Date(2024, 1, 10)));
  m.active = false;  // retired without dates
  EXPECT_FALSE(OnListOn(m, Date(2024, 3, 1)));
  m.left_date = Date(2025, 2, 1);  // with a leaving date, the dates decide
  EXPECT_TRUE(OnListOn(m, Date(2025, 1, 31)));
  EXPECT_FALSE(OnListOn(m, Date(2025, 2, 1)));
  EXPECT_EQ(TrainingDue(m, kRules), std::nullopt);
  m.last_training_date = Date(2024, 2, 29);
  m.last_appraisal_date = Date(2024, 11, 5);
  EXPECT_EQ(TrainingDue(m, kRules), Date(2025, 2, 28));
  EXPECT_EQ(AppraisalDue(m, kRules), Date(2025, 11, 5));
}

TEST(CountMembersDue, CountsMembersOnTheListWhoseYearIsUpOrNeverRecorded) {
  auto d = PanelA();
  d.members[0].last_training_date = Date(2024, 6, 1);  // due today
  d.members[1].last_training_date = Date(2024, 6, 2);  // due tomorrow
  d.members[1].last_appraisal_date = Date(2025, 1, 15);
  d.members[2].active = false;  // retired: no reminders
  const MembersDue due = CountMembersDue(d, kRules, kToday);
  EXPECT_EQ(due.training, 3);   // Ruth, Ann, Dr Who
  EXPECT_EQ(due.appraisal, 3);  // all but Sam (and Pat, retired)
}

TEST(PanelDetails, ActiveSocialWorkersNeedTheConfiguredYears) {
  auto d = PanelA();
  d.members[2].social_work_experience_years = 2;
  EXPECT_EQ(Fields(d), std::vector<std::string>{"panel.members[2].social_work_experience_years"});
  d.members[2].social_work_experience_years = 3;
  EXPECT_TRUE(Fields(d).empty());
  EXPECT_EQ(Fields(d, PanelRules{5, 4}), std::vector<std::string>{"panel.members[2].social_work_experience_years"});
  d.members[2].social_work_experience_years = 1;
  d.members[2].active = false;  // retired: no longer held to the rule
  EXPECT_TRUE(Fields(d).empty());
  d.members[3].social_work_experience_years = 0;  // other roles need none
  EXPECT_TRUE(Fields(d).empty());
}

TEST(PanelDetails, EveryProblemIsReportedWithItsField) {
  auto d = PanelA();
  d.display_name = "";
  d.members[1].display_name = "";
  d.members[2].social_work_experience_years = -1;
  d.members[3].last_training_date = Date(2025, 6, 2);
  d.members[4].last_appraisal_date = Date(2026, 1, 1);
  d.members[0].active = false;
  EXPECT_EQ(Fields(d), (std::vector<std::string>{"panel.display_name", "panel.members[1].display_name",
                                                 "panel.members[2].social_work_experience_years",
                                                 "panel.members[3].last_training_date",
                                                 "panel.members[4].last_appraisal_date", "panel.members"}));
}

// "é" repeated: two bytes a character in UTF-8.
std::string Accented(int characters) {
  std::string s;
  for (int i = 0; i < characters; ++i) s += "\xC3\xA9";
  return s;
}

TEST(PanelDetails, NamesAreLimitedInCharactersNotBytes) {
  auto d = PanelA();
  d.display_name = Accented(100);  // 200 bytes
  d.members[1].display_name = Accented(100);
  EXPECT_TRUE(Fields(d).empty());
  d.members[1].display_name = Accented(101);
  EXPECT_EQ(Fields(d), std::vector<std::string>{"panel.members[1].display_name"});
}

TEST(Votes, ChairsSocialWorkersAndIndependentsVoteAdvisersDoNot) {
  EXPECT_TRUE(Votes(MemberRole::kChair));
  EXPECT_TRUE(Votes(MemberRole::kViceChair));
  EXPECT_TRUE(Votes(MemberRole::kSocialWorker));
  EXPECT_TRUE(Votes(MemberRole::kIndependentMember));
  EXPECT_FALSE(Votes(MemberRole::kMedicalAdviser));
  EXPECT_FALSE(Votes(MemberRole::kLegalAdviser));
  EXPECT_FALSE(Votes(MemberRole::kPanelAdviser));
}

std::function<std::string()> Counter() {
  auto n = std::make_shared<int>(0);
  return [n] { return "m" + std::to_string(++*n); };
}

TEST(FormPanel, GivesEveryMemberAnIdAndStartsAtVersionOne) {
  auto d = PanelA();
  d.members[0].member_id = "chosen-by-client";  // ignored
  Panel p = FormPanel("p1", d, Counter(), "adviser-1", 42);
  ASSERT_EQ(p.details.members.size(), 5u);
  EXPECT_EQ(p.details.members[0].member_id, "m1");
  EXPECT_EQ(p.details.members[4].member_id, "m5");
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.created_by, "adviser-1");
}

std::vector<std::string> MergeFields(const std::vector<PanelMember>& current, const std::vector<PanelMember>& given,
                                     std::vector<PanelMember>* merged = nullptr) {
  platform::Validation v;
  auto out = MergeMembers(current, given, Counter(), "panel.members", v);
  if (merged) *merged = out;
  std::vector<std::string> fields;
  for (const auto& fv : v.violations()) fields.push_back(fv.field);
  return fields;
}

TEST(MergeMembers, KeepsIdsAndGivesNewMembersOne) {
  const auto current = FormPanel("p1", PanelA(), Counter(), "a", 1).details.members;  // m1..m5
  auto given = current;
  given[2].social_work_experience_years = 9;
  given.push_back(Member("New Independent", MemberRole::kIndependentMember));
  std::vector<PanelMember> merged;
  EXPECT_TRUE(MergeFields(current, given, &merged).empty());
  ASSERT_EQ(merged.size(), 6u);
  EXPECT_EQ(merged[2].member_id, "m3");
  EXPECT_EQ(merged[2].social_work_experience_years, 9);
  EXPECT_EQ(merged[5].member_id, "m1");  // a fresh id from the generator
}

TEST(MergeMembers, NeverRemovesAMember) {
  const auto current = FormPanel("p1", PanelA(), Counter(), "a", 1).details.members;
  auto given = current;
  given.erase(given.begin() + 3);
  EXPECT_EQ(MergeFields(current, given), std::vector<std::string>{"panel.members"});
  given = current;
  given[3].active = false;  // retiring is how a member leaves
  EXPECT_TRUE(MergeFields(current, given).empty());
}

TEST(MergeMembers, RejectsUnknownAndRepeatedIds) {
  const auto current = FormPanel("p1", PanelA(), Counter(), "a", 1).details.members;
  auto given = current;
  given[1].member_id = "someone-else";
  given.push_back(current[0]);
  EXPECT_EQ(MergeFields(current, given), (std::vector<std::string>{"panel.members[1].member_id",
                                                                   "panel.members[5].member_id", "panel.members"}));
}

TEST(RevisePanel, MergesTheMembersJudgesTheWholeAndStamps) {
  Panel p = FormPanel("p1", PanelA(), Counter(), "adviser-1", 42);
  const platform::Revision by{.actor = "adviser-2", .at = 99, .today = kToday};
  const auto new_id = [] { return std::string("m9"); };
  PanelDetails revised = p.details;
  revised.display_name = "Panel A (Wednesdays)";
  revised.members.push_back(Member("New Independent", MemberRole::kIndependentMember));
  ASSERT_TRUE(RevisePanel(p, revised, kRules, new_id, by, "panel.", {}).ok());
  EXPECT_EQ(p.details.display_name, "Panel A (Wednesdays)");
  ASSERT_EQ(p.details.members.size(), 6u);
  EXPECT_EQ(p.details.members[5].member_id, "m9");
  EXPECT_EQ(p.updated_by, "adviser-2");
  EXPECT_EQ(p.updated_at, 99);
  EXPECT_EQ(p.created_by, "adviser-1");
  // A member dropped and the chair retired: both refused, nothing changed.
  revised = p.details;
  revised.members.erase(revised.members.begin() + 3);
  revised.members[0].active = false;
  absl::Status s = RevisePanel(p, revised, kRules, new_id, by, "panel.", {});
  std::vector<std::string> fields;
  for (const auto& fv : platform::FieldViolationsOf(s)) fields.push_back(fv.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"panel.members", "panel.members"}));
  EXPECT_EQ(p.details.members.size(), 6u);
}

TEST(MemberRoleNames, RoundTripForEveryRole) {
  for (int i = 0; i <= static_cast<int>(MemberRole::kPanelAdviser); ++i) {
    auto r = static_cast<MemberRole>(i);
    EXPECT_EQ(ParseRole(RoleName(r)), r);
  }
  EXPECT_EQ(ParseRole("ADM"), std::nullopt);
}

}  // namespace
}  // namespace panel
