// The store on both backends: SQLite here, MariaDB in the integration run.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>

#include "letterbox-svc/store/contact_arrangement_store.h"
#include "platform/core/ids.h"
#include "platform/db/record.h"
#include "platform/testing/testing.h"

namespace letterbox {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

using platform::Date;

class ContactArrangementStoreTest : public platform::testing::StoreTest {
 protected:
  ContactArrangementStoreTest() : StoreTest("letterbox", Migrations()) {}

  ContactArrangement Make(const std::string& la = "E09000006", ContactKind kind = ContactKind::kIndirect) {
    ArrangementDetails d;
    d.child = "children/" + platform::NewId();
    d.child_date_of_birth = Date(2016, 2, 29);
    d.local_authority = la;
    d.kind = kind;
    d.parties = {{"", PartyRole::kAdoptiveFamily, "Mum and Mum", "adopter-7"},
                 {"", PartyRole::kBirthFather, "Dad", ""}};
    d.frequency = ContactFrequency::kTwiceYearly;
    d.exchange_months = {11, 5};
    d.two_way = true;
    d.start_date = Date(2025, 4, 1);
    const Date today(2025, 6, 1);
    return SetUpArrangement(platform::NewId(), d, platform::NewId, "coordinator-1", platform::NowMicros(), today,
                            LetterboxRules::On(platform::StatutoryTable::Defaults(), today), "contact_arrangement.", {})
        .value();
  }

  void Insert(const ContactArrangement& a) {
    Write([&](soci::session& tx) { store_.Insert(tx, a); });
  }

  std::optional<ContactArrangement> Get(const std::string& id) {
    std::optional<ContactArrangement> got;
    Read([&](soci::session& sql) { got = store_.Get(sql, id); });
    return got;
  }

  size_t Count(const ArrangementQuery& q) {
    size_t n = 0;
    Read([&](soci::session& sql) { n = store_.List(sql, q).size(); });
    return n;
  }

  bool Update(ContactArrangement& a, long long expected) {
    bool ok = false;
    Write([&](soci::session& tx) { ok = store_.Update(tx, a, expected); });
    return ok;
  }

  ContactArrangementStore store_;
};

TEST_P(ContactArrangementStoreTest, AnInsertedArrangementReadsBackWhole) {
  ContactArrangement a = Make();
  Insert(a);
  std::optional<ContactArrangement> got = Get(a.id);
  ASSERT_TRUE(got);
  const ArrangementDetails& d = got->details;
  EXPECT_EQ(d.child, a.details.child);
  EXPECT_EQ(d.child_date_of_birth, Date(2016, 2, 29));
  EXPECT_EQ(d.local_authority, "E09000006");
  EXPECT_EQ(d.kind, ContactKind::kIndirect);
  ASSERT_EQ(d.parties.size(), 2u);
  EXPECT_EQ(d.parties[0].party_id, a.details.parties[0].party_id);
  EXPECT_EQ(d.parties[0].role, PartyRole::kAdoptiveFamily);
  EXPECT_EQ(d.parties[0].display_name, "Mum and Mum");
  EXPECT_EQ(d.parties[0].account, "adopter-7");
  EXPECT_EQ(d.parties[1].role, PartyRole::kBirthFather);
  EXPECT_EQ(d.frequency, ContactFrequency::kTwiceYearly);
  EXPECT_EQ(d.exchange_months, (std::vector<int>{5, 11}));
  EXPECT_TRUE(d.two_way);
  EXPECT_EQ(d.start_date, Date(2025, 4, 1));
  EXPECT_EQ(d.end_date, Date(2034, 3, 1));  // 18th "birthday" of a 29 February child
  EXPECT_EQ(d.status, ArrangementStatus::kActive);
  EXPECT_EQ(d.next_review_date, Date(2026, 4, 1));
  EXPECT_EQ(got->last_review_date, std::nullopt);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(got->created_at, a.created_at);
  EXPECT_EQ(got->created_by, "coordinator-1");
  EXPECT_EQ(Get(platform::NewId()), std::nullopt);
}

TEST_P(ContactArrangementStoreTest, ListPagesInIdOrderAndFilters) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ContactArrangement a =
        Make(i % 2 ? "E08000018" : "E09000006", i == 4 ? ContactKind::kDirect : ContactKind::kIndirect);
    Insert(a);
    ids.push_back(a.id);
  }
  std::sort(ids.begin(), ids.end());
  ArrangementQuery q;
  q.coverage = platform::Coverage::Everything();
  q.page.size = 2;
  std::vector<std::string> seen;
  Read([&](soci::session& sql) {
    while (true) {
      auto page = store_.List(sql, q);
      for (auto& a : page) {
        EXPECT_EQ(a.details.parties.size(), 2u);
        seen.push_back(a.id);
      }
      if (static_cast<int>(page.size()) < q.page.size) break;
      q.page.after_id = page.back().id;
    }
  });
  EXPECT_EQ(seen, ids);
  ArrangementQuery rotherham;
  rotherham.coverage = platform::Coverage::Everything();
  rotherham.local_authority = "E08000018";
  EXPECT_EQ(Count(rotherham), 2u);
  ArrangementQuery direct;
  direct.coverage = platform::Coverage::Everything();
  direct.kind = ContactKind::kDirect;
  direct.status = ArrangementStatus::kActive;
  direct.frequency = ContactFrequency::kTwiceYearly;
  EXPECT_EQ(Count(direct), 1u);
  ArrangementQuery yearly;
  yearly.coverage = platform::Coverage::Everything();
  yearly.frequency = ContactFrequency::kYearly;
  EXPECT_EQ(Count(yearly), 0u);
  std::optional<ContactArrangement> one = Get(ids[0]);
  ArrangementQuery child;
  child.coverage = platform::Coverage::Everything();
  child.child = one->details.child;
  EXPECT_EQ(Count(child), 1u);
}

TEST_P(ContactArrangementStoreTest, AnUpdateWithAStaleVersionChangesNothing) {
  ContactArrangement a = Make();
  Insert(a);
  a.details.two_way = false;
  EXPECT_FALSE(Update(a, 7));
  EXPECT_EQ(Rows("contact_arrangement_history"), 0);
  EXPECT_EQ(Rows("contact_arrangement_parties"), 2);
  EXPECT_TRUE(Get(a.id)->details.two_way);
}

TEST_P(ContactArrangementStoreTest, AnUpdateSupersedesPartiesAndMonthsAndKeepsThePreviousVersion) {
  ContactArrangement a = Make();
  Insert(a);
  a.details.parties.push_back({platform::NewId(), PartyRole::kSibling, "Jordan", ""});
  a.details.frequency = ContactFrequency::kYearly;
  a.details.exchange_months = {6};
  a.details.status = ArrangementStatus::kOnHold;
  a.details.status_reason = "Birth father's request";
  a.last_review_date = Date(2025, 6, 1);
  a.details.next_review_date = Date(2026, 1, 1);
  a.updated_at = platform::NowMicros();
  ASSERT_TRUE(Update(a, 1));
  EXPECT_EQ(a.version, 2);
  // Nothing hard-deleted: the old children are superseded, not removed.
  EXPECT_EQ(Rows("contact_arrangement_history"), 1);
  EXPECT_EQ(Rows("contact_arrangement_parties"), 5);
  EXPECT_EQ(Rows("contact_arrangement_months"), 3);
  std::optional<ContactArrangement> got = Get(a.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 2);
  ASSERT_EQ(got->details.parties.size(), 3u);
  EXPECT_EQ(got->details.parties[0].party_id, a.details.parties[0].party_id);
  EXPECT_EQ(got->details.parties[2].display_name, "Jordan");
  EXPECT_EQ(got->details.exchange_months, std::vector<int>{6});
  EXPECT_EQ(got->details.status, ArrangementStatus::kOnHold);
  EXPECT_EQ(got->details.status_reason, "Birth father's request");
  EXPECT_EQ(got->last_review_date, Date(2025, 6, 1));
  EXPECT_EQ(got->details.next_review_date, Date(2026, 1, 1));
  std::string old_frequency;
  Read([&](soci::session& sql) {
    sql << "SELECT frequency FROM contact_arrangement_history WHERE id = :id AND version = 1",
        soci::use(a.id), soci::into(old_frequency);
  });
  EXPECT_EQ(old_frequency, "TWICE_YEARLY");
}

TEST_P(ContactArrangementStoreTest, ACorruptStoredValueIsAnErrorNotADefault) {
  ContactArrangement a = Make();
  Insert(a);
  Write([&](soci::session& tx) {
    tx << "UPDATE contact_arrangements SET frequency = 'WHENEVER' WHERE id = :id", soci::use(a.id);
  });
  Read([&](soci::session& sql) { EXPECT_THROW(store_.Get(sql, a.id), platform::CorruptRecord); });
  Write([&](soci::session& tx) {
    tx << "UPDATE contact_arrangements SET frequency = 'YEARLY' WHERE id = :id", soci::use(a.id);
    tx << "UPDATE contact_arrangement_parties SET role = 'NEIGHBOUR' WHERE arrangement_id = :id", soci::use(a.id);
  });
  Read([&](soci::session& sql) { EXPECT_THROW(store_.Get(sql, a.id), platform::CorruptRecord); });
}

INSTANTIATE_TEST_SUITE_P(Backends, ContactArrangementStoreTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace letterbox
