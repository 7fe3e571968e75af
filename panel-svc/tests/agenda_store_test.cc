// The agenda store on both backends: SQLite, and MariaDB in the integration run.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>

#include "panel-svc/store/agenda_store.h"
#include "panel-svc/store/decision_store.h"
#include "panel-svc/store/meeting_store.h"
#include "panel-svc/store/panel_store.h"
#include "panel-svc/store/referral_store.h"
#include "platform/core/ids.h"
#include "platform/db/record.h"
#include "platform/testing/testing.h"

namespace panel {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

using platform::Date;

class AgendaStoreTest : public platform::testing::StoreTest {
 protected:
  AgendaStoreTest() : StoreTest("panel", Migrations()) {}

  // A panel and a meeting for the items to hang on.
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    PanelDetails d;
    d.display_name = "Panel A";
    panel_ = FormPanel(platform::NewId(), d, platform::NewId, "adviser", 1);
    meeting_ = ScheduleMeeting(platform::NewId(), panel_.id, Date(2025, 6, 10), 4, "coordinator", 1);
    Write([&](soci::session& tx) {
      panels_.Insert(tx, panel_);
      meetings_.Insert(tx, meeting_);
    });
  }

  AgendaItem Item(AgendaItemKind kind, std::string household, std::vector<std::string> children) {
    AgendaItem item;
    item.id = platform::NewId();
    item.panel_id = panel_.id;
    item.meeting_id = meeting_.id;
    item.kind = kind;
    item.household_id = std::move(household);
    item.child_ids = std::move(children);
    item.created_by = item.updated_by = "coordinator";
    return item;
  }

  Panel panel_;
  Meeting meeting_;
  PanelStore panels_;
  MeetingStore meetings_;
  AgendaStore agenda_;
};

TEST_P(AgendaStoreTest, AnItemReadsBackWithItsPapersConflictsAndRecommendation) {
  AgendaItem item = Item(AgendaItemKind::kAdopterApproval, "h1", {});
  item.dual_approval_sought = true;
  item.papers = {Paper{.kind = PaperKind::kProspectiveAdopterReport,
                       .title = "PAR",
                       .due_date = Date(2025, 5, 27),
                       .received_date = Date(2025, 5, 28),
                       .quality_rating = QualityRating::kRequiresImprovement,
                       .quality_feedback = "Thin on the applicants' own childhoods"},
                 Paper{.kind = PaperKind::kMedicalReport, .title = "Medical", .due_date = Date(2025, 5, 27)}};
  item.conflicts = {{"m3", "Supervised the assessment"}};
  Write([&](soci::session& tx) { agenda_.Insert(tx, item); });
  Read([&](soci::session& sql) {
    auto got = agenda_.Get(sql, item.id);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->kind, AgendaItemKind::kAdopterApproval);
    EXPECT_TRUE(got->dual_approval_sought);
    ASSERT_EQ(got->papers.size(), 2u);
    EXPECT_EQ(got->papers[0].received_date, Date(2025, 5, 28));
    EXPECT_EQ(got->papers[0].quality_rating, QualityRating::kRequiresImprovement);
    EXPECT_EQ(got->papers[0].quality_feedback, "Thin on the applicants' own childhoods");
    EXPECT_FALSE(got->papers[1].received_date.has_value());
    ASSERT_EQ(got->conflicts.size(), 1u);
    EXPECT_EQ(got->conflicts[0].member_id, "m3");
    EXPECT_FALSE(got->recommended);
    EXPECT_EQ(agenda_.CountOn(sql, meeting_.id), 1);
    EXPECT_EQ(meetings_.Get(sql, meeting_.id)->agenda_item_count, 1);
    EXPECT_FALSE(agenda_.GetRecommendation(sql, item.id).has_value());
  });

  Recommendation r{.agenda_item_id = item.id,
                   .outcome = RecommendationOutcome::kDeferred,
                   .reasons = "More on support networks",
                   .votes_for = 4,
                   .votes_abstain = 1,
                   .quorum_members = {"m1", "m2", "m4", "m5", "m6"},
                   .created_by = "adviser",
                   .updated_by = "adviser"};
  Write([&](soci::session& tx) { agenda_.InsertRecommendation(tx, r); });
  Read([&](soci::session& sql) {
    EXPECT_TRUE(agenda_.Get(sql, item.id)->recommended);
    auto got = agenda_.GetRecommendation(sql, item.id);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->outcome, RecommendationOutcome::kDeferred);
    EXPECT_EQ(got->votes_abstain, 1);
    EXPECT_FALSE(got->minutes_final_date.has_value());
    EXPECT_EQ(got->quorum_members, r.quorum_members);
  });
}

TEST_P(AgendaStoreTest, ListsFilterByMeetingKindHouseholdAndChild) {
  AgendaItem approval = Item(AgendaItemKind::kAdopterApproval, "h1", {});
  AgendaItem match = Item(AgendaItemKind::kMatch, "h2", {"c1", "c2"});
  AgendaItem placed = Item(AgendaItemKind::kShouldBePlaced, "", {"c3"});
  Write([&](soci::session& tx) {
    for (const auto* i : {&approval, &match, &placed}) agenda_.Insert(tx, *i);
  });
  auto ids = [&](AgendaQuery q) {
    q.page.size = 10;
    q.coverage = platform::Coverage::Everything();
    std::vector<std::string> out;
    Read([&](soci::session& sql) {
      for (const auto& i : agenda_.List(sql, q)) out.push_back(i.id);
    });
    return out;
  };
  // Ids order by time to the millisecond, then at random: the same millisecond's in id order.
  std::vector<std::string> all = {approval.id, match.id, placed.id};
  std::sort(all.begin(), all.end());
  EXPECT_EQ(ids({}), all);
  EXPECT_EQ(ids({.meeting_id = meeting_.id, .kind = AgendaItemKind::kMatch}), std::vector<std::string>{match.id});
  EXPECT_EQ(ids({.household_id = std::string("h1")}), std::vector<std::string>{approval.id});
  EXPECT_EQ(ids({.child_id = std::string("c2")}), std::vector<std::string>{match.id});
  EXPECT_EQ(ids({.meeting_id = std::string("nothing")}), std::vector<std::string>{});
  Read([&](soci::session& sql) {
    EXPECT_EQ(agenda_.Get(sql, match.id)->child_ids, (std::vector<std::string>{"c1", "c2"}));
    EXPECT_TRUE(agenda_.Get(sql, placed.id)->household_id.empty());
  });
}

TEST_P(AgendaStoreTest, AStoredKindNotInTheTableIsAnErrorNotADefault) {
  AgendaItem item = Item(AgendaItemKind::kAdopterApproval, "h1", {});
  Write([&](soci::session& tx) {
    agenda_.Insert(tx, item);
    tx << "UPDATE agenda_items SET kind = 'ADOPTION' WHERE id = :id", soci::use(item.id);
  });
  Read([&](soci::session& sql) { EXPECT_THROW(agenda_.Get(sql, item.id), platform::CorruptRecord); });
}

// The referrals read model: the latest referral kept, and whether a case is booked since.
TEST_P(AgendaStoreTest, AReferralKeepsTheLatestAndAwaitsUntilACaseIsBookedOnALaterMeeting) {
  ReferralStore referrals;
  Write([&](soci::session& tx) {
    referrals.Record(tx, {.household_id = "h1", .referral_date = Date(2025, 5, 1), .source_sequence = 3});
    referrals.Record(tx, {.household_id = "h2", .referral_date = Date(2025, 6, 11), .source_sequence = 4});
    // A replay of an older referral changes nothing; a later one replaces it.
    referrals.Record(tx, {.household_id = "h1", .referral_date = Date(2025, 4, 1), .source_sequence = 1});
    referrals.Record(tx, {.household_id = "h2", .referral_date = Date(2025, 6, 12), .dual_approval_sought = true,
                          .source_sequence = 7});
  });
  // h1's case on the meeting of 10 June; h2's on the same meeting, before its referral.
  Write([&](soci::session& tx) {
    agenda_.Insert(tx, Item(AgendaItemKind::kAdopterApproval, "h1", {}));
    agenda_.Insert(tx, Item(AgendaItemKind::kAdopterApproval, "h2", {}));
  });
  auto households = [&](bool awaiting) {
    std::vector<std::string> out;
    Read([&](soci::session& sql) {
      ReferralQuery q;
      q.awaiting = awaiting;
      for (const auto& r : referrals.List(sql, q)) out.push_back(r.household_id);
    });
    return out;
  };
  EXPECT_EQ(households(false), (std::vector<std::string>{"h1", "h2"}));
  EXPECT_EQ(households(true), std::vector<std::string>{"h2"});
  Read([&](soci::session& sql) {
    auto h1 = referrals.Get(sql, "h1");
    ASSERT_TRUE(h1.has_value());
    EXPECT_EQ(h1->referral_date, Date(2025, 5, 1));
    EXPECT_EQ(h1->meeting_id, meeting_.id);
    EXPECT_FALSE(h1->agenda_item_id.empty());
    auto h2 = referrals.Get(sql, "h2");
    EXPECT_EQ(h2->referral_date, Date(2025, 6, 12));
    EXPECT_TRUE(h2->dual_approval_sought);
    EXPECT_TRUE(h2->agenda_item_id.empty());
  });
}

// The old system's hearing (ImportRecommendation): its meeting is found by panel and
// day, its case by source_id; the case awaits its decision until one names it; neither
// counts in the panel's figures, beside a live case heard the same month.
TEST_P(AgendaStoreTest, AnImportedHearingIsFoundAwaitsItsDecisionAndIsLeftOutOfTheFigures) {
  Meeting imported = ImportedMeeting(platform::NewId(), panel_.id, Date(2025, 6, 3), 1, "manager", 1);
  AgendaItem heard = Item(AgendaItemKind::kAdopterApproval, "h1", {});
  heard.meeting_id = imported.id;
  heard.source_id = "H1/PANEL_RECOMMENDATION/2025-06-03";
  AgendaItem live = Item(AgendaItemKind::kAdopterApproval, "h2", {});
  meeting_.status = MeetingStatus::kHeld;
  Write([&](soci::session& tx) {
    meetings_.Insert(tx, imported);
    ASSERT_TRUE(meetings_.Update(tx, meeting_, 1));
    for (const AgendaItem* item : {&heard, &live}) {
      agenda_.Insert(tx, *item);
      Recommendation r;
      r.agenda_item_id = item->id;
      r.minutes_final_date = Date(2025, 6, 10);
      r.created_by = r.updated_by = "adviser";
      agenda_.InsertRecommendation(tx, r);
    }
  });
  Read([&](soci::session& sql) {
    auto found = meetings_.FindImported(sql, panel_.id, Date(2025, 6, 3));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, imported.id);
    EXPECT_TRUE(found->imported);
    EXPECT_EQ(found->status, MeetingStatus::kHeld);
    EXPECT_FALSE(meetings_.FindImported(sql, panel_.id, Date(2025, 6, 10)));  // the live meeting
    auto by_source = agenda_.FindBySource(sql, heard.source_id);
    ASSERT_TRUE(by_source);
    EXPECT_EQ(by_source->id, heard.id);
    EXPECT_TRUE(by_source->imported());
    EXPECT_FALSE(agenda_.FindBySource(sql, "H1/PANEL_RECOMMENDATION/2025-06-04"));
    auto undecided = agenda_.UndecidedImported(sql, "h1");
    ASSERT_EQ(undecided.size(), 1u);
    EXPECT_EQ(undecided[0].first.id, heard.id);
    EXPECT_EQ(undecided[0].second, Date(2025, 6, 3));
    EXPECT_TRUE(agenda_.UndecidedImported(sql, "h2").empty());  // live cases are not the old system's
    const platform::Period june{Date(2025, 6, 1), Date(2025, 6, 30)};
    EXPECT_EQ(agenda_.MeetingStatusesIn(sql, june), std::vector<MeetingStatus>{MeetingStatus::kHeld});
    auto cases = agenda_.HeardIn(sql, june);
    ASSERT_EQ(cases.size(), 1u);
    EXPECT_EQ(cases[0].item.id, live.id);
  });
  Write([&](soci::session& tx) {
    Decision d;
    d.id = platform::NewId();
    d.household_id = "h1";
    d.decision_date = Date(2025, 6, 12);
    d.agenda_item_id = heard.id;
    d.created_by = d.updated_by = "adm";
    DecisionStore().Insert(tx, d);
  });
  Read([&](soci::session& sql) { EXPECT_TRUE(agenda_.UndecidedImported(sql, "h1").empty()); });
}

TEST_P(AgendaStoreTest, AnUpdateKeepsThePapersAsTheyWereAndAddsConflicts) {
  AgendaItem item = Item(AgendaItemKind::kAdopterApproval, "h1", {});
  item.papers = {Paper{.kind = PaperKind::kProspectiveAdopterReport, .title = "PAR", .due_date = Date(2025, 5, 27)}};
  Write([&](soci::session& tx) { agenda_.Insert(tx, item); });
  item.papers[0].received_date = Date(2025, 5, 26);
  item.papers[0].quality_rating = QualityRating::kGood;
  item.papers.push_back(Paper{.kind = PaperKind::kMedicalReport, .title = "Medical", .due_date = Date(2025, 5, 27)});
  item.conflicts = {{"m3", "neighbour"}};
  item.updated_by = "adviser";
  Write([&](soci::session& tx) {
    EXPECT_TRUE(agenda_.Update(tx, item, 1));
    AgendaItem stale = item;
    EXPECT_FALSE(agenda_.Update(tx, stale, 1));
  });
  EXPECT_EQ(item.version, 2);
  Read([&](soci::session& sql) {
    auto got = agenda_.Get(sql, item.id);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->version, 2);
    ASSERT_EQ(got->papers.size(), 2u);
    EXPECT_EQ(got->papers[0].received_date, Date(2025, 5, 26));
    EXPECT_EQ(got->papers[0].quality_rating, QualityRating::kGood);
    EXPECT_EQ(got->conflicts.size(), 1u);
    EXPECT_EQ(got->updated_by, "adviser");
    std::string kept_received;
    soci::indicator ind = soci::i_ok;
    sql << "SELECT received_date FROM agenda_paper_history WHERE agenda_item_id = :id AND version = 1",
        soci::use(item.id), soci::into(kept_received, ind);
    EXPECT_EQ(ind, soci::i_null);  // the PAR was outstanding in version 1
  });
  EXPECT_EQ(Rows("agenda_item_history"), 1);
  EXPECT_EQ(Rows("agenda_paper_history"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, AgendaStoreTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace panel
