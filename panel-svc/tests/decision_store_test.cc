// The decision store on both backends: SQLite, and MariaDB in the integration run.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "panel-svc/store/decision_store.h"
#include "platform/core/ids.h"
#include "platform/db/record.h"
#include "platform/testing/testing.h"

namespace panel {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

using platform::Date;

class DecisionStoreTest : public platform::testing::StoreTest {
 protected:
  DecisionStoreTest() : StoreTest("panel", Migrations()) {}

  static Decision Approval(const std::string& household, Date day) {
    Decision d;
    d.id = platform::NewId();
    d.kind = DecisionKind::kAdopterApproval;
    d.outcome = DecisionOutcome::kAgreed;
    d.decision_date = day;
    d.panel_date = day - 6;
    d.recommendation_received_date = day - 2;
    d.decision_due_date = day + 5;
    d.household_id = household;
    d.approval_terms = ApprovalTerms{.min_children = 1,
                                     .max_children = 2,
                                     .min_age_years = 0,
                                     .max_age_years = 6,
                                     .sibling_groups = true,
                                     .disability_acceptable = true,
                                     .health_needs_acceptable = "Mild developmental delay",
                                     .ethnicities = {"WBRI", "MWBC"},
                                     .dual_approval = true};
    d.reasons = "Strong applicants.";
    d.decision_maker = "A. Director";
    d.created_by = d.updated_by = "adm-1";
    d.created_at = d.updated_at = platform::NowMicros();
    return d;
  }

  DecisionStore decisions_;
};

TEST_P(DecisionStoreTest, AnApprovalReadsBackWithItsTermsAndDates) {
  Decision d = Approval("h1", Date(2025, 6, 10));
  d.source_id = "OLD-7";
  Write([&](soci::session& tx) { decisions_.Insert(tx, d); });
  Read([&](soci::session& sql) {
    auto got = decisions_.Get(sql, d.id);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->kind, DecisionKind::kAdopterApproval);
    EXPECT_EQ(got->decision_date, Date(2025, 6, 10));
    EXPECT_EQ(got->panel_date, Date(2025, 6, 4));
    EXPECT_EQ(got->recommendation_received_date, Date(2025, 6, 8));
    EXPECT_EQ(got->decision_due_date, Date(2025, 6, 15));
    EXPECT_EQ(got->approval_terms, d.approval_terms);
    EXPECT_EQ(got->household_id, "h1");
    EXPECT_TRUE(got->child_ids.empty());
    EXPECT_FALSE(got->new_plan.has_value());
    EXPECT_FALSE(got->determination_state.has_value());
    EXPECT_EQ(got->source_id, "OLD-7");
    EXPECT_TRUE(got->imported());
    EXPECT_EQ(got->version, 1);
    EXPECT_TRUE(SameDecision(*got, d));
    auto found = decisions_.FindBySource(sql, "OLD-7");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, d.id);
    EXPECT_FALSE(decisions_.FindBySource(sql, "OLD-8").has_value());
    EXPECT_FALSE(decisions_.Get(sql, "nothing").has_value());
  });
}

TEST_P(DecisionStoreTest, ListsFilterByKindOutcomeHouseholdAndChildInDateOrder) {
  Decision later = Approval("h1", Date(2025, 6, 10));
  Decision earlier = Approval("h2", Date(2025, 5, 1));
  Decision plan;
  plan.id = platform::NewId();
  plan.kind = DecisionKind::kPlanChange;
  plan.decision_date = Date(2025, 5, 20);
  plan.child_ids = {"c1", "c2"};
  plan.new_plan = ChildPlan::kSpecialGuardianship;
  plan.decision_maker_local_authority = "E08000018";
  Decision refused = Approval("h3", Date(2025, 5, 2));
  refused.outcome = DecisionOutcome::kNotAgreed;
  refused.approval_terms.reset();
  refused.qualifying_determination = true;
  refused.representations_deadline = Date(2025, 6, 30);
  refused.determination_state = DeterminationState::kOpen;
  Write([&](soci::session& tx) {
    for (const auto* d : {&later, &earlier, &plan, &refused}) decisions_.Insert(tx, *d);
  });
  auto ids = [&](const DecisionQuery& q) {
    std::vector<std::string> out;
    Read([&](soci::session& sql) {
      for (const auto& d : decisions_.List(sql, q)) out.push_back(d.id);
    });
    return out;
  };
  DecisionQuery all;
  all.page.size = 10;
  EXPECT_EQ(ids(all), (std::vector<std::string>{earlier.id, refused.id, plan.id, later.id}));
  DecisionQuery q = all;
  q.kind = DecisionKind::kAdopterApproval;
  q.outcome = DecisionOutcome::kAgreed;
  EXPECT_EQ(ids(q), (std::vector<std::string>{earlier.id, later.id}));
  q = all;
  q.household_id = "h1";
  EXPECT_EQ(ids(q), std::vector<std::string>{later.id});
  q = all;
  q.child_id = "c2";
  EXPECT_EQ(ids(q), std::vector<std::string>{plan.id});
  q = all;
  q.qualifying_determination = true;
  EXPECT_EQ(ids(q), std::vector<std::string>{refused.id});
  q = all;
  q.decision_maker_local_authority = "E08000018";
  EXPECT_EQ(ids(q), std::vector<std::string>{plan.id});
  Read([&](soci::session& sql) {
    auto got = decisions_.Get(sql, plan.id);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->child_ids, (std::vector<std::string>{"c1", "c2"}));
    EXPECT_EQ(got->new_plan, ChildPlan::kSpecialGuardianship);
    EXPECT_FALSE(got->approval_terms.has_value());
  });
  // Pages resume after the last decision seen.
  DecisionQuery page = all;
  page.page.size = 2;
  page.page.after_id = refused.id;
  EXPECT_EQ(ids(page), (std::vector<std::string>{plan.id, later.id}));
}

TEST_P(DecisionStoreTest, ADeterminationMadeFinalKeepsItsOpenVersion) {
  Decision d = Approval("h3", Date(2025, 5, 2));
  d.outcome = DecisionOutcome::kNotAgreed;
  d.approval_terms.reset();
  d.qualifying_determination = true;
  d.representations_deadline = Date(2025, 6, 30);
  d.determination_state = DeterminationState::kOpen;
  Write([&](soci::session& tx) { decisions_.Insert(tx, d); });
  d.determination_state = DeterminationState::kFinal;
  d.updated_by = "adm-2";
  Write([&](soci::session& tx) {
    EXPECT_TRUE(decisions_.Update(tx, d, 1));
    Decision stale = d;
    EXPECT_FALSE(decisions_.Update(tx, stale, 1));
  });
  EXPECT_EQ(d.version, 2);
  Read([&](soci::session& sql) {
    auto got = decisions_.Get(sql, d.id);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->determination_state, DeterminationState::kFinal);
    EXPECT_EQ(got->updated_by, "adm-2");
    EXPECT_EQ(got->version, 2);
    std::string kept;
    sql << "SELECT determination_state FROM decision_history WHERE id = :id AND version = 1", soci::use(d.id),
        soci::into(kept);
    EXPECT_EQ(kept, "OPEN");
  });
}

TEST_P(DecisionStoreTest, AStoredKindNotInTheTableIsAnErrorNotADefault) {
  Decision d = Approval("h1", Date(2025, 6, 10));
  Write([&](soci::session& tx) {
    decisions_.Insert(tx, d);
    tx << "UPDATE decisions SET kind = 'ADOPTION' WHERE id = :id", soci::use(d.id);
  });
  Read([&](soci::session& sql) { EXPECT_THROW(decisions_.Get(sql, d.id), platform::CorruptRecord); });
}

INSTANTIATE_TEST_SUITE_P(Backends, DecisionStoreTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace panel
