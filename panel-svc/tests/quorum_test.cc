// The quorum rule (AAR 2005 reg 6, as amended 2012; docs/domain.md §3) as a table.
#include <gtest/gtest.h>

#include "panel-svc/domain/panel.h"

namespace panel {
namespace {

using platform::Date;

PanelMember Member(const std::string& id, MemberRole role, int years = 0, bool active = true) {
  PanelMember m;
  m.member_id = id;
  m.display_name = id;
  m.role = role;
  m.social_work_experience_years = years;
  m.active = active;
  return m;
}

// A central list with every kind of member.
PanelDetails CentralList(bool local_authority_agency) {
  PanelDetails d;
  d.display_name = "Panel A";
  d.local_authority_agency = local_authority_agency;
  d.members = {
      Member("chair", MemberRole::kChair),
      Member("vice", MemberRole::kViceChair),
      Member("sw", MemberRole::kSocialWorker, 6),
      Member("sw_exactly", MemberRole::kSocialWorker, 3),
      Member("sw_junior", MemberRole::kSocialWorker, 2),  // not (or no longer) qualifying
      Member("ind1", MemberRole::kIndependentMember),
      Member("ind2", MemberRole::kIndependentMember),
      Member("ind3", MemberRole::kIndependentMember),
      Member("medical", MemberRole::kMedicalAdviser),
      Member("legal", MemberRole::kLegalAdviser),
      Member("adviser", MemberRole::kPanelAdviser),
      Member("retired", MemberRole::kIndependentMember, 0, /*active=*/false),
  };
  return d;
}

// The numbers in force in 2025: five members, three years' experience.
const PanelRules kRules{5, 3};
// The day the panel sits.
const Date kDay(2025, 6, 10);

struct Case {
  const char* name;
  std::vector<std::string> present;
  std::set<std::string> conflicted;
  bool local_authority_agency;
  bool quorate;
  size_t missing;  // how many requirements are unmet
};

TEST(Quorum, FollowsTheRegulationCaseByCase) {
  constexpr bool kLocalAuthority = true, kVoluntary = false, kQuorate = true, kNotQuorate = false;
  // clang-format off
  const Case cases[] = {
      {"chair, qualifying social worker and three independents",
       {"chair", "sw", "ind1", "ind2", "ind3"}, {}, kVoluntary, kQuorate, 0},
      {"a vice-chair instead of the chair",
       {"vice", "sw", "ind1", "ind2", "ind3"}, {}, kVoluntary, kQuorate, 0},
      {"four voting members are too few",
       {"chair", "sw", "ind1", "ind2"}, {}, kVoluntary, kNotQuorate, 1},
      {"advisers attend but do not count",
       {"chair", "sw", "ind1", "ind2", "medical", "legal", "adviser"}, {}, kVoluntary, kNotQuorate, 1},
      {"no chair or vice-chair",
       {"sw", "sw_junior", "ind1", "ind2", "ind3"}, {}, kVoluntary, kNotQuorate, 1},
      {"exactly the minimum years qualifies",
       {"chair", "sw_exactly", "ind1", "ind2", "ind3"}, {}, kVoluntary, kQuorate, 0},
      {"a junior social worker counts as a member but does not qualify",
       {"chair", "sw_junior", "ind1", "ind2", "ind3"}, {}, kVoluntary, kNotQuorate, 1},
      {"a conflicted member does not count",
       {"chair", "sw", "ind1", "ind2", "ind3"}, {"ind3"}, kVoluntary, kNotQuorate, 1},
      {"a conflicted qualifying social worker leaves none",
       {"chair", "vice", "sw", "sw_junior", "ind1", "ind2"}, {"sw"}, kVoluntary, kNotQuorate, 1},
      {"a conflicted chair is covered by a vice-chair",
       {"chair", "vice", "sw", "ind1", "ind2", "ind3"}, {"chair"}, kVoluntary, kQuorate, 0},
      {"conflicted chair and vice-chair",
       {"chair", "vice", "sw", "ind1", "ind2", "ind3"}, {"chair", "vice"}, kVoluntary, kNotQuorate, 2},
      {"a local-authority agency needs an independent member",
       {"chair", "vice", "sw", "sw_exactly", "sw_junior"}, {}, kLocalAuthority, kNotQuorate, 1},
      {"the same attendance is quorate for a voluntary agency",
       {"chair", "vice", "sw", "sw_exactly", "sw_junior"}, {}, kVoluntary, kQuorate, 0},
      {"a local-authority agency with an independent member",
       {"chair", "sw", "ind1", "ind2", "ind3"}, {}, kLocalAuthority, kQuorate, 0},
      {"a conflicted independent member leaves a local-authority agency without one",
       {"chair", "vice", "sw", "sw_exactly", "ind1"}, {"ind1"}, kLocalAuthority, kNotQuorate, 2},
      {"a retired member does not count",
       {"chair", "sw", "ind1", "ind2", "retired"}, {}, kVoluntary, kNotQuorate, 1},
      {"someone not on the list does not count",
       {"chair", "sw", "ind1", "ind2", "stranger"}, {}, kVoluntary, kNotQuorate, 1},
      {"a member listed twice counts once",
       {"chair", "sw", "ind1", "ind2", "ind2"}, {}, kVoluntary, kNotQuorate, 1},
      {"nobody present",
       {}, {}, kLocalAuthority, kNotQuorate, 4},
  };
  // clang-format on
  for (const auto& c : cases) {
    Quorum q = AssessQuorum(CentralList(c.local_authority_agency), c.present, c.conflicted, kRules, kDay);
    EXPECT_EQ(q.quorate, c.quorate) << c.name;
    EXPECT_EQ(q.missing.size(), c.missing) << c.name;
    EXPECT_EQ(q.quorate, q.missing.empty()) << c.name;
  }
}

TEST(Quorum, NamesWhoCountedAndWhatIsMissing) {
  Quorum q = AssessQuorum(CentralList(true), {"adviser", "ind1", "sw_junior", "vice"}, {"ind1"}, kRules, kDay);
  EXPECT_FALSE(q.quorate);
  EXPECT_EQ(q.counted, (std::vector<std::string>{"vice", "sw_junior"}));  // in list order
  EXPECT_EQ(q.missing, (std::vector<std::string>{"at least 5 voting members present and not conflicted (2 counted)",
                                                 "a social worker with at least 3 years' post-qualifying experience",
                                                 "an independent member (the panel of a local-authority agency)"}));
}

TEST(Quorum, UsesTheNumbersItIsGiven) {
  const std::vector<std::string> present = {"chair", "sw_exactly", "ind1", "ind2", "ind3"};
  EXPECT_TRUE(AssessQuorum(CentralList(false), present, {}, kRules, kDay).quorate);
  EXPECT_FALSE(AssessQuorum(CentralList(false), present, {}, PanelRules{6, 3}, kDay).quorate);
  EXPECT_FALSE(AssessQuorum(CentralList(false), present, {}, PanelRules{5, 4}, kDay).quorate);
}

// A member counts on the days they are on the list: from joining, until they leave.
TEST(Quorum, CountsOnlyMembersOnTheListThatDay) {
  PanelDetails list = CentralList(false);
  list.members[1].joined_date = Date(2025, 6, 11);  // the vice-chair joins the day after
  list.members[2].notice_date = Date(2025, 5, 1);   // the social worker gave notice...
  list.members[2].left_date = Date(2025, 6, 10);    // ...and left on the day
  const std::vector<std::string> present = {"vice", "sw", "sw_exactly", "ind1", "ind2", "ind3"};
  Quorum q = AssessQuorum(list, present, {}, kRules, kDay);
  EXPECT_EQ(q.counted, (std::vector<std::string>{"sw_exactly", "ind1", "ind2", "ind3"}));
  EXPECT_FALSE(q.quorate);
  // The day before: the social worker still sits, the vice-chair not yet.
  EXPECT_EQ(AssessQuorum(list, present, {}, kRules, kDay - 1).counted,
            (std::vector<std::string>{"sw", "sw_exactly", "ind1", "ind2", "ind3"}));
  // A week later both are counted by their dates alone: the leaver not, the joiner yes.
  EXPECT_EQ(AssessQuorum(list, present, {}, kRules, kDay + 7).counted,
            (std::vector<std::string>{"vice", "sw_exactly", "ind1", "ind2", "ind3"}));
  EXPECT_TRUE(AssessQuorum(list, present, {}, kRules, kDay + 7).quorate);
}

TEST(PanelRules, ComeFromTheDatedStatutoryTable) {
  auto rules = PanelRules::On(platform::StatutoryTable::Defaults(), Date(2025, 6, 1));
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ(rules->quorum_members, 5);
  EXPECT_EQ(rules->social_worker_min_years, 3);
  EXPECT_EQ(rules->papers_working_days, 10);
  EXPECT_EQ(rules->member_notice_months, 1);
  EXPECT_EQ(rules->member_training_months, 12);
  EXPECT_EQ(rules->member_appraisal_months, 12);
  // Before the amended regulation there is no configured rule.
  EXPECT_EQ(PanelRules::On(platform::StatutoryTable::Defaults(), Date(2012, 8, 31)).status().code(),
            absl::StatusCode::kNotFound);
  auto table = platform::StatutoryTable::Parse(
      "key\teffective_from\tvalue\tsource\n"
      "panel_quorum_members\t2012-09-01\t5\tAAR\n"
      "panel_quorum_members\t2030-01-01\t6\ta future amendment\n"
      "panel_social_worker_min_years\t2012-09-01\t3\tAAR\n"
      "panel_papers_working_days\t2005-12-30\t10\tpolicy\n"
      "panel_member_notice_months\t2005-12-30\t1\tAAR\n"
      "panel_member_training_months\t2005-12-30\t12\tNMS\n"
      "panel_member_appraisal_months\t2005-12-30\t12\tNMS\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(PanelRules::On(*table, Date(2029, 12, 31))->quorum_members, 5);
  EXPECT_EQ(PanelRules::On(*table, Date(2030, 1, 1))->quorum_members, 6);
  for (const auto& key : PanelRules::Keys()) EXPECT_TRUE(platform::StatutoryTable::Defaults().Has(key)) << key;
}

}  // namespace
}  // namespace panel
