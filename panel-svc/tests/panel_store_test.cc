// The panel and meeting stores on both backends: SQLite, and MariaDB in the
// integration run.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>

#include "panel-svc/store/meeting_store.h"
#include "panel-svc/store/panel_store.h"
#include "platform/db/db.h"
#include "platform/core/ids.h"
#include "platform/db/record.h"
#include "platform/testing/testing.h"

namespace panel {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

using platform::Date;

class PanelStoreTest : public platform::testing::StoreTest {
 protected:
  PanelStoreTest() : StoreTest("panel", Migrations()) {}

  Panel MakePanel(bool la = true) {
    PanelDetails d;
    d.display_name = "Panel A";
    d.local_authority_agency = la;
    PanelMember chair;
    chair.display_name = "Ruth";
    chair.role = MemberRole::kChair;
    chair.active = true;
    chair.last_training_date = Date(2025, 1, 31);
    PanelMember sw;
    sw.display_name = "Pat";
    sw.role = MemberRole::kSocialWorker;
    sw.social_work_experience_years = 7;
    sw.active = true;
    d.members = {chair, sw};
    return FormPanel(platform::NewId(), d, platform::NewId, "adviser-1", platform::NowMicros());
  }

  PanelStore panels_;
  MeetingStore meetings_;
};

TEST_P(PanelStoreTest, AnInsertedPanelReadsBackWithItsList) {
  Panel p = MakePanel();
  PanelMember& pat = p.details.members[1];
  pat.account = "pat@agency";
  pat.joined_date = Date(2019, 9, 1);
  pat.notice_date = Date(2025, 5, 30);
  pat.left_date = Date(2025, 6, 30);
  pat.declared_interests = {"Foster carer for the council", "Sister works in the adoption team"};
  Write([&](soci::session& tx) { panels_.Insert(tx, p); });
  std::optional<Panel> got;
  Write([&](soci::session& tx) { got = panels_.Get(tx, p.id); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->details.display_name, "Panel A");
  EXPECT_TRUE(got->details.local_authority_agency);
  ASSERT_EQ(got->details.members.size(), 2u);
  EXPECT_EQ(got->details.members[0].member_id, p.details.members[0].member_id);
  EXPECT_EQ(got->details.members[0].role, MemberRole::kChair);
  EXPECT_EQ(got->details.members[0].last_training_date, Date(2025, 1, 31));
  EXPECT_EQ(got->details.members[0].last_appraisal_date, std::nullopt);
  EXPECT_EQ(got->details.members[1].social_work_experience_years, 7);
  EXPECT_EQ(got->details.members[0].account, "");
  EXPECT_TRUE(got->details.members[0].declared_interests.empty());
  EXPECT_EQ(got->details.members[0].joined_date, std::nullopt);
  const PanelMember& got_pat = got->details.members[1];
  EXPECT_EQ(got_pat.account, "pat@agency");
  EXPECT_EQ(got_pat.joined_date, Date(2019, 9, 1));
  EXPECT_EQ(got_pat.notice_date, Date(2025, 5, 30));
  EXPECT_EQ(got_pat.left_date, Date(2025, 6, 30));
  EXPECT_FALSE(got_pat.removed);
  EXPECT_EQ(got_pat.declared_interests, pat.declared_interests);
  EXPECT_TRUE(got->details.members[1].active);
  EXPECT_EQ(got->created_by, "adviser-1");
}

TEST_P(PanelStoreTest, APanelUpdateKeepsThePreviousVersionAndList) {
  Panel p = MakePanel();
  Write([&](soci::session& tx) { panels_.Insert(tx, p); });
  p.details.members[1].active = false;
  p.details.display_name = "Panel A (Tuesdays)";
  bool stale = true, ok = false;
  Write([&](soci::session& tx) { stale = panels_.Update(tx, p, 3); });
  EXPECT_FALSE(stale);
  EXPECT_EQ(Rows("panel_history"), 0);
  Write([&](soci::session& tx) { ok = panels_.Update(tx, p, 1); });
  ASSERT_TRUE(ok);
  EXPECT_EQ(p.version, 2);
  EXPECT_EQ(Rows("panel_history"), 1);
  EXPECT_EQ(Rows("panel_members"), 4);  // nothing hard-deleted
  std::optional<Panel> got;
  Write([&](soci::session& tx) { got = panels_.Get(tx, p.id); });
  EXPECT_EQ(got->details.display_name, "Panel A (Tuesdays)");
  ASSERT_EQ(got->details.members.size(), 2u);
  EXPECT_FALSE(got->details.members[1].active);
}

TEST_P(PanelStoreTest, PanelsListInIdOrderAndFilter) {
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    Panel p = MakePanel(i != 1);
    Write([&](soci::session& tx) { panels_.Insert(tx, p); });
    ids.push_back(p.id);
  }
  std::sort(ids.begin(), ids.end());
  PanelQuery q;
  q.page.size = 2;
  std::vector<std::string> seen;
  Write([&](soci::session& tx) {
    while (true) {
      auto page = panels_.List(tx, q);
      for (auto& p : page) seen.push_back(p.id);
      if (static_cast<int>(page.size()) < q.page.size) break;
      q.page.after_id = page.back().id;
    }
  });
  EXPECT_EQ(seen, ids);
  PanelQuery voluntary;
  voluntary.local_authority_agency = false;
  size_t n = 0;
  Write([&](soci::session& tx) { n = panels_.List(tx, voluntary).size(); });
  EXPECT_EQ(n, 1u);
}

TEST_P(PanelStoreTest, AMeetingReadsBackAndItsUpdateKeepsHistory) {
  Panel p = MakePanel();
  Write([&](soci::session& tx) { panels_.Insert(tx, p); });
  Meeting m = ScheduleMeeting(platform::NewId(), p.id, Date(2025, 6, 10), 4, "coordinator-1", platform::NowMicros());
  Write([&](soci::session& tx) { meetings_.Insert(tx, m); });
  m.status = MeetingStatus::kHeld;
  m.mode = MeetingMode::kOnline;
  m.attendance = {p.details.members[0].member_id, p.details.members[1].member_id};
  m.quorate = true;
  bool ok = false;
  Write([&](soci::session& tx) { ok = meetings_.Update(tx, m, 1); });
  ASSERT_TRUE(ok);
  m.attendance = {p.details.members[1].member_id};
  Write([&](soci::session& tx) { ok = meetings_.Update(tx, m, 2); });
  ASSERT_TRUE(ok);
  Write([&](soci::session& tx) { EXPECT_FALSE(meetings_.Update(tx, m, 2)); });
  std::optional<Meeting> got;
  Write([&](soci::session& tx) { got = meetings_.Get(tx, m.id); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->panel_id, p.id);
  EXPECT_EQ(got->meeting_date, Date(2025, 6, 10));
  EXPECT_EQ(got->case_capacity, 4);
  EXPECT_EQ(got->status, MeetingStatus::kHeld);
  EXPECT_EQ(got->mode, MeetingMode::kOnline);
  EXPECT_TRUE(got->quorate);
  EXPECT_EQ(got->attendance, std::vector<std::string>{p.details.members[1].member_id});
  EXPECT_EQ(got->version, 3);
  EXPECT_EQ(Rows("meeting_history"), 2);
  EXPECT_EQ(Rows("meeting_attendance"), 3);  // superseded, not deleted
}

TEST_P(PanelStoreTest, MeetingsListByDateAcrossPagesPerPanelAndFilter) {
  Panel a = MakePanel(), b = MakePanel();
  Write([&](soci::session& tx) {
    panels_.Insert(tx, a);
    panels_.Insert(tx, b);
  });
  // Booked in one order, sitting in another.
  const Date dates[] = {Date(2025, 7, 1), Date(2025, 6, 3), Date(2025, 7, 1), Date(2025, 5, 20), Date(2025, 6, 17)};
  std::vector<std::pair<Date, std::string>> expected;
  for (int i = 0; i < 5; ++i) {
    Meeting m = ScheduleMeeting(platform::NewId(), i == 4 ? b.id : a.id, dates[i], 4, "c", platform::NowMicros());
    if (i == 3) m.status = MeetingStatus::kCancelled;
    Write([&](soci::session& tx) { meetings_.Insert(tx, m); });
    expected.emplace_back(dates[i], m.id);
  }
  std::sort(expected.begin(), expected.end());
  auto list = [&](MeetingQuery q) {
    if (q.coverage.Empty()) q.coverage = platform::Coverage::Everything();
    std::vector<std::string> seen;
    Write([&](soci::session& tx) {
      while (true) {
        auto page = meetings_.List(tx, q);
        for (auto& m : page) seen.push_back(m.id);
        if (static_cast<int>(page.size()) < q.page.size) break;
        q.page.after_id = page.back().id;
      }
    });
    return seen;
  };
  MeetingQuery all;
  all.page.size = 2;
  std::vector<std::string> expected_ids;
  for (const auto& [date, id] : expected) expected_ids.push_back(id);
  EXPECT_EQ(list(all), expected_ids);
  MeetingQuery panel_a;
  panel_a.panel_id = a.id;
  panel_a.page.size = 1;
  EXPECT_EQ(list(panel_a).size(), 4u);
  MeetingQuery scheduled_a = panel_a;
  scheduled_a.status = MeetingStatus::kScheduled;
  EXPECT_EQ(list(scheduled_a).size(), 3u);
  MeetingQuery on_day;
  on_day.meeting_date = Date(2025, 7, 1);
  EXPECT_EQ(list(on_day).size(), 2u);
}

// A panel member reaches the meetings they attend, by their account, as the list
// stands now; nobody's account reaches the rest.
TEST_P(PanelStoreTest, AMembersAccountReachesTheMeetingsTheyAttend) {
  Panel p = MakePanel();
  p.details.members[0].account = "ruth@agency";
  Write([&](soci::session& tx) { panels_.Insert(tx, p); });
  Meeting attended = ScheduleMeeting(platform::NewId(), p.id, Date(2025, 6, 10), 4, "c", platform::NowMicros());
  attended.attendance = {p.details.members[1].member_id, p.details.members[0].member_id};
  Meeting missed = ScheduleMeeting(platform::NewId(), p.id, Date(2025, 6, 17), 4, "c", platform::NowMicros());
  missed.attendance = {p.details.members[1].member_id};
  Write([&](soci::session& tx) {
    meetings_.Insert(tx, attended);
    meetings_.Insert(tx, missed);
  });
  auto ids = [&](const std::string& account) {
    MeetingQuery q;
    q.coverage.subject = account;
    q.page.size = 10;
    std::vector<std::string> out;
    Read([&](soci::session& sql) {
      for (const auto& m : meetings_.List(sql, q)) out.push_back(m.id);
    });
    return out;
  };
  EXPECT_EQ(ids("ruth@agency"), std::vector<std::string>{attended.id});
  EXPECT_TRUE(ids("pat@agency").empty());
  // Pat's account, once linked, reaches both; Ruth's stays with her meeting.
  p.details.members[1].account = "pat@agency";
  Write([&](soci::session& tx) {
    ASSERT_TRUE(panels_.Update(tx, p, p.version));
  });
  EXPECT_EQ(ids("pat@agency").size(), 2u);
  EXPECT_EQ(ids("ruth@agency"), std::vector<std::string>{attended.id});
}

TEST_P(PanelStoreTest, ACorruptStoredValueIsAnErrorNotADefault) {
  Panel p = MakePanel();
  Write([&](soci::session& tx) { panels_.Insert(tx, p); });
  Meeting m = ScheduleMeeting(platform::NewId(), p.id, Date(2025, 6, 10), 4, "coordinator-1", platform::NowMicros());
  Write([&](soci::session& tx) { meetings_.Insert(tx, m); });
  Write([&](soci::session& tx) {
    tx << "UPDATE panel_members SET member_role = 'DEPUTY' WHERE panel_id = :id", soci::use(p.id);
    tx << "UPDATE meetings SET status = 'POSTPONED' WHERE id = :id", soci::use(m.id);
  });
  Read([&](soci::session& sql) {
    EXPECT_THROW(panels_.Get(sql, p.id), platform::CorruptRecord);
    EXPECT_THROW(meetings_.Get(sql, m.id), platform::CorruptRecord);
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, PanelStoreTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace panel
