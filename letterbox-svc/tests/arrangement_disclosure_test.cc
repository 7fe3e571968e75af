// A child's disclosure from the letterbox (docs/records.md, "Disclosure"):
// RecordsService.ExportDisclosure over arrangements and exchanges made through the
// letterbox's own API — the child's arrangement and every exchange on it as a
// coordinator reads them, the birth relatives' names, accounts, known details and
// letters flagged, the adoptive family's own not, nothing of another child's, nothing
// for a household, and the export a manager's alone and audited.
#include <google/protobuf/struct.pb.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "adoption/records/v1/records.grpc.pb.h"
#include "letterbox-svc/tests/letterbox_api_fixture.h"
#include "platform/rpc/disclosure.h"
#include "platform/testing/records_client.h"

namespace letterbox {
namespace {

using namespace letterbox::testing;  // NOLINT: the fixture and its requests
namespace rpb = adoption::records::v1;


using platform::testing::Flag;
using platform::testing::FlagsOf;

constexpr char kChild[] = "children/01jz0000000000000000000000";
constexpr char kOtherChild[] = "children/01jz0000000000000000000001";
constexpr char kMothersLetter[] =
    "Dear Lily, Nan and I took Bruno to the beach at Cleethorpes on your birthday. Love always, Kelly";
constexpr char kFamilysLetter[] = "Lily is 5 now and loves swimming. Love, Mum and Dad";

class ArrangementDisclosureTest : public LetterboxApiTest {
 protected:
  // The child's arrangement: the adoptive family (with the agency's knowledge of their
  // surname), the birth mother online and a grandmother, each with what the agency
  // knows of them; a letter with a photo from the birth mother, approved, and one from
  // the family. Another child's arrangement with its own birth mother and letter.
  void SetUp() override {
    LetterboxApiTest::SetUp();
    if (IsSkipped()) return;
    pb::CreateContactArrangementRequest r = ValidCreate("ours");
    pb::ContactArrangement* a = r.mutable_contact_arrangement();
    Know(a->mutable_parties(0), pb::IDENTIFYING_DETAIL_KIND_SURNAME, "Featherstone");
    pb::Party* mother = a->mutable_parties(1);
    mother->set_display_name("Kelly Birchwood");
    mother->set_account("kelly.birchwood@example.org");
    Know(mother, pb::IDENTIFYING_DETAIL_KIND_TOWN, "Scunthorpe");
    pb::Party* nan = a->add_parties();
    nan->set_role(pb::PARTY_ROLE_GRANDPARENT);
    nan->set_display_name("Nan Doris");
    Know(nan, pb::IDENTIFYING_DETAIL_KIND_PERSON_NAME, "Doris Pike");
    ASSERT_TRUE(Create(r, &ours_).ok());
    mothers_ = Send(ours_, 1, 0, "mother-letter", kMothersLetter, "Bruno the dog at Cleethorpes");
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kLetterboxCoordinator});
    pb::ApproveExchangeRequest approve;
    approve.set_name(mothers_.name());
    approve.set_etag(mothers_.etag());
    grpc::Status s = stub_->ApproveExchange(&ctx, approve, &mothers_);
    ASSERT_TRUE(s.ok()) << s.error_message();
    familys_ = Send(ours_, 0, 1, "family-letter", kFamilysLetter, "");

    pb::CreateContactArrangementRequest other = ValidCreate("theirs");
    other.mutable_contact_arrangement()->set_child(kOtherChild);
    other.mutable_contact_arrangement()->mutable_parties(1)->set_display_name("Jade Underhill");
    ASSERT_TRUE(Create(other, &theirs_).ok());
    Send(theirs_, 1, 0, "their-letter", "Dear Sam, Jade Underhill misses you.", "");
  }

  static void Know(pb::Party* party, pb::IdentifyingDetailKind kind, const std::string& text) {
    pb::KnownDetail* detail = party->add_known_details();
    detail->set_kind(kind);
    detail->set_text(text);
  }

  // A letter received on paper from the party at `from` to the one at `to`, with a
  // photo described as `photo` unless that is empty.
  pb::Exchange Send(const pb::ContactArrangement& a, int from, int to, const std::string& request_id,
                    const std::string& text, const std::string& photo) {
    pb::CreateExchangeRequest r;
    r.set_parent(a.name());
    r.set_request_id(request_id);
    pb::Exchange* e = r.mutable_exchange();
    e->set_sender(a.parties(from).party_id());
    e->set_recipient(a.parties(to).party_id());
    e->set_item_kind(pb::ITEM_KIND_LETTER);
    e->set_content(text);
    if (!photo.empty()) {
      pb::Attachment* attached = e->add_attachments();
      attached->set_media_type("image/png");
      attached->set_description(photo);
      attached->set_data(std::string("\x89PNG\r\n\x1a\n-", 9) + request_id);
    }
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kLetterboxCoordinator});
    pb::Exchange out;
    grpc::Status s = stub_->CreateExchange(&ctx, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  long long Audited(const std::string& type, const std::string& id) {
    return platform::testing::ExportsAudited(host_->db(), type, id);
  }
  pb::ContactArrangement ours_, theirs_;
  pb::Exchange mothers_, familys_;
};

TEST_P(ArrangementDisclosureTest, AChildsArrangementsAndExchangesAreDisclosedWithTheBirthRelativesFlagged) {
  rpb::Disclosure out;
  grpc::Status s = platform::testing::RecordsClient(*host_).Export(kChild, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.source(), "letterbox");
  std::map<std::string, rpb::DisclosureItem> items;
  for (const rpb::DisclosureItem& item : out.items()) {
    EXPECT_EQ(item.created_by(), "worker-1") << item.record();
    EXPECT_TRUE(item.has_create_time()) << item.record();
    items[item.record()] = item;
  }
  // The arrangement and both letters on it; nothing of the other child's.
  std::map<std::string, std::string> kinds;
  for (const auto& [record, item] : items) kinds[record] = item.record_type();
  EXPECT_EQ(kinds, (std::map<std::string, std::string>{{ours_.name(), "contact_arrangement"},
                                                       {mothers_.name(), "exchange"},
                                                       {familys_.name(), "exchange"}}));
  ASSERT_EQ(items.size(), 3u);

  // The birth relatives are flagged; the adoptive family, the child's own, is not.
  EXPECT_EQ(FlagsOf(items.at(ours_.name())),
            (std::vector<Flag>{{"parties[1].displayName", "Kelly Birchwood", "birth relative"},
                               {"parties[1].account", "kelly.birchwood@example.org", "birth relative"},
                               {"parties[1].knownDetails[0].text", "Scunthorpe", "birth relative"},
                               {"parties[2].displayName", "Nan Doris", "birth relative"},
                               {"parties[2].knownDetails[0].text", "Doris Pike", "birth relative"}}));
  EXPECT_EQ(platform::TextAt(items.at(ours_.name()).content(), "parties[0].knownDetails[0].text"), "Featherstone");
  EXPECT_TRUE(FlagsOf(items.at(familys_.name())).empty());
  EXPECT_EQ(platform::TextAt(items.at(familys_.name()).content(), "content"), kFamilysLetter);

  // The birth mother's letter as the coordinator reads it — received and redacted
  // versions, the photo's description — every text of hers flagged.
  const rpb::DisclosureItem& letter = items.at(mothers_.name());
  ASSERT_EQ(mothers_.versions_size(), 2);
  std::map<std::string, Flag> flagged;
  for (const Flag& f : FlagsOf(letter)) flagged[std::get<0>(f)] = f;
  for (const std::string& field : std::vector<std::string>{
           "content", "redactedContent", "attachments[0].description", "versions[0].content",
           "versions[0].attachments[0].description", "versions[1].content", "versions[1].attachments[0].description"}) {
    ASSERT_TRUE(flagged.count(field)) << field;
    EXPECT_EQ(flagged[field], Flag(field, platform::TextAt(letter.content(), field), "birth relative"));
  }
  EXPECT_EQ(std::get<1>(flagged["content"]), kMothersLetter);

  // The birth relatives' details appear only where flagged; the other child's nowhere.
  for (const auto& [record, item] : items) {
    std::set<std::string> fields;
    for (const auto& [field, text, whose] : FlagsOf(item)) fields.insert(field);
    const std::map<std::string, std::string> texts = platform::testing::TextsOf(item);
    for (const auto& [path, text] : texts) {
      for (const char* theirs : {"Kelly", "Birchwood", "Doris", "Scunthorpe", "Bruno", "Cleethorpes"}) {
        if (text.find(theirs) != std::string::npos) {
          EXPECT_TRUE(fields.count(path)) << record << " " << path;
        }
      }
      for (const std::string& other : {std::string("Jade Underhill"), theirs_.name(), std::string(kOtherChild)}) {
        EXPECT_EQ(text.find(other), std::string::npos) << record << " " << path;
      }
    }
  }
  EXPECT_EQ(Audited("child", "01jz0000000000000000000000"), 1);
  EXPECT_EQ(Audited("child", "01jz0000000000000000000001"), 0);
}

TEST_P(ArrangementDisclosureTest, AHouseholdHasNothingHereAndOnlyAManagerExportsAPersonNamedAsOne) {
  // Arrangements name no household: the adopters' export is empty, and audited all the same.
  rpb::Disclosure out;
  platform::testing::RecordsClient records(*host_);
  ASSERT_TRUE(records.Export("households/01jz0000000000000000000h01", &out).ok());
  EXPECT_EQ(out.items_size(), 0);
  EXPECT_EQ(Audited("household", "01jz0000000000000000000h01"), 1);

  grpc::Status s = records.Export("people/1", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(platform::testing::ViolatedFields(s), std::vector<std::string>{"subject"});

  auto stub = rpb::RecordsService::NewStub(platform::testing::ChannelTo(*host_));
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kLetterboxCoordinator});
  rpb::ExportDisclosureRequest r;
  r.set_subject(kChild);
  EXPECT_EQ(stub->ExportDisclosure(&ctx, r, &out).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Audited("child", "01jz0000000000000000000000"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ArrangementDisclosureTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace letterbox
