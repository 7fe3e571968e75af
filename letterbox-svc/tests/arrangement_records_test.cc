// A contact arrangement's record (docs/records.md): kept 75 years from its last entry
// — the arrangement or any exchange on it — then disposed of whole on a manager's
// decision: its parties, exchanges, versions and the files only it attached; a file
// another arrangement's exchange attached stays, and so does that arrangement.
#include <gtest/gtest.h>

#include "adoption/records/v1/records.grpc.pb.h"
#include "letterbox-svc/tests/letterbox_api_fixture.h"
#include "platform/testing/records_client.h"

namespace letterbox {
namespace {

using namespace letterbox::testing;  // NOLINT: the fixture and its requests
namespace rpb = adoption::records::v1;
using platform::Date;
using platform::testing::TablesHolding;

// Two photos' bytes: the first is attached by both arrangements' exchanges.
const std::string kBeach("\x89PNG\r\n\x1a\n-the-beach", 18), kSchool("\x89PNG\r\n\x1a\n-the-school", 19);

class ArrangementRecordsTest : public LetterboxApiTest {
 protected:
  // A letter from the arrangement's adoptive family to the birth mother, with photos.
  pb::Exchange Send(const pb::ContactArrangement& a, const std::string& request_id, const std::string& text,
                    const std::vector<std::string>& photos) {
    pb::CreateExchangeRequest r;
    r.set_parent(a.name());
    r.set_request_id(request_id);
    pb::Exchange* e = r.mutable_exchange();
    e->set_sender(a.parties(0).party_id());
    e->set_recipient(a.parties(1).party_id());
    e->set_item_kind(pb::ITEM_KIND_LETTER);
    e->set_content(text);
    for (const std::string& bytes : photos) {
      pb::Attachment* photo = e->add_attachments();
      photo->set_media_type("image/png");
      photo->set_description("a photo");
      photo->set_data(bytes);
    }
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kLetterboxCoordinator});
    pb::Exchange out;
    grpc::Status s = stub_->CreateExchange(&ctx, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
  static std::string IdOf(const std::string& name) { return name.substr(name.rfind('/') + 1); }
};

TEST_P(ArrangementRecordsTest, AnArrangementIsKeptSeventyFiveYearsFromItsLastEntryThenDisposedOfWhole) {
  clock_.Set(Date(2025, 12, 1));
  pb::ContactArrangement ours, theirs;
  ASSERT_TRUE(Create(ValidCreate("ours"), &ours).ok());
  pb::CreateContactArrangementRequest other = ValidCreate("theirs");
  other.mutable_contact_arrangement()->set_child("children/01jz0000000000000000000001");
  ASSERT_TRUE(Create(other, &theirs).ok());
  Send(theirs, "theirs-letter", "Dear Kelly, Sam has started swimming lessons.", {kBeach});
  // Our arrangement's last entry: a letter three months later.
  clock_.Set(Date(2026, 3, 2));
  const pb::Exchange letter =
      Send(ours, "our-letter", "Dear Kelly, Lily loves Hollybrook and her teacher.", {kBeach, kSchool});
  ASSERT_EQ(Rows("exchange_files"), 2);

  platform::testing::RecordsClient records(*host_);
  std::vector<rpb::DueRecord> due = records.Due(Date(2101, 3, 1));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].record_id(), IdOf(theirs.name()));
  due = records.Due(Date(2101, 3, 2));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[1].record_type(), "contact_arrangement");
  EXPECT_EQ(due[1].record_id(), IdOf(ours.name()));
  EXPECT_EQ(due[1].basis(),
            "75 years from the arrangement's last entry of 2026-03-02 (retention_adoption_support_record_years)");

  // Not a day early, and nothing changed by the refusal.
  const std::string decision = "Reviewed: the adopted adult has had the file; nothing outstanding";
  rpb::Disposal disposal;
  clock_.Set(Date(2101, 3, 1));
  grpc::Status s = records.Dispose("contact_arrangement", IdOf(ours.name()), decision, &disposal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(Rows("exchanges"), 2);
  EXPECT_EQ(records.Dispose("contact_arrangement", "01jz0000000000000000000999", decision, &disposal).error_code(),
            grpc::StatusCode::NOT_FOUND);

  clock_.Set(Date(2101, 3, 2));
  s = records.Dispose("contact_arrangement", IdOf(ours.name()), decision, &disposal);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(disposal.decision(), decision);
  // The letter, its versions and the photo only it attached are gone; the photo the
  // other arrangement's letter attached stays, with that arrangement whole.
  EXPECT_EQ(Rows("exchanges"), 1);
  EXPECT_EQ(Rows("exchange_files"), 1);
  EXPECT_TRUE(TablesHolding(host_->db(), "Hollybrook").empty());
  EXPECT_EQ(TablesHolding(host_->db(), IdOf(letter.name())),
            (std::set<std::string>{"audit_log", "create_requests"}));
  EXPECT_EQ(TablesHolding(host_->db(), IdOf(ours.name())),
            (std::set<std::string>{"audit_log", "create_requests", "outbox", "record_disposals"}));
  EXPECT_TRUE(TablesHolding(host_->db(), IdOf(theirs.name())).count("contact_arrangements"));
  EXPECT_TRUE(TablesHolding(host_->db(), "swimming").count("exchange_versions"));
  pb::ContactArrangement gone;
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kLetterboxCoordinator});
  pb::GetContactArrangementRequest get;
  get.set_name(ours.name());
  EXPECT_EQ(stub_->GetContactArrangement(&ctx, get, &gone).error_code(), grpc::StatusCode::NOT_FOUND);
}

INSTANTIATE_TEST_SUITE_P(Backends, ArrangementRecordsTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace letterbox
