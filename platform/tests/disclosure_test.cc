// A disclosure's items (platform/rpc/disclosure.h): a record as its API answers it,
// with its dates and authors, and a third party's detail found by its path and marked —
// never a path that holds nothing.
#include <gtest/gtest.h>

#include "adoption/records/v1/records.pb.h"
#include "platform/core/errors.h"
#include "platform/rpc/disclosure.h"

namespace platform {
namespace {

namespace rpb = adoption::records::v1;

// A record of the suite's own shape (a name, a record_info, nested and repeated
// fields), built from one of the contracts: a disclosure about a child itself.
rpb::Disclosure Record() {
  rpb::Disclosure d;
  d.set_subject("children/01j0000000000000000000c001");
  d.set_source("letterbox");
  rpb::DisclosureItem* item = d.add_items();
  item->set_record("contactArrangements/a1");
  rpb::ThirdPartyDetail* first = item->add_third_party_details();
  first->set_text("Kelly Birchwood");
  item->add_third_party_details()->set_text("Jade");
  return d;
}

TEST(Disclosure, AnItemCarriesTheRecordAsItsApiAnswersIt) {
  rpb::DisclosureItem item = DisclosureItemOf(Record(), "disclosure");
  EXPECT_EQ(item.record_type(), "disclosure");
  EXPECT_EQ(TextAt(item.content(), "subject"), "children/01j0000000000000000000c001");
  EXPECT_EQ(TextAt(item.content(), "items[0].record"), "contactArrangements/a1");
  EXPECT_EQ(TextAt(item.content(), "items[0].thirdPartyDetails[1].text"), "Jade");
  // Absent, out of range, malformed or not text: nothing.
  EXPECT_EQ(TextAt(item.content(), "items[1].record"), "");
  EXPECT_EQ(TextAt(item.content(), "items[x].record"), "");
  EXPECT_EQ(TextAt(item.content(), "items"), "");
  EXPECT_EQ(TextAt(item.content(), "nothing.here"), "");
}

TEST(Disclosure, AThirdPartysDetailIsMarkedWithItsPathAndText) {
  rpb::DisclosureItem item = DisclosureItemOf(Record(), "disclosure");
  FlagThirdParty(item, "items[0].thirdPartyDetails[0].text", "birth relative");
  FlagThirdParty(item, "items[0].thirdPartyDetails[5].text", "birth relative");  // not there
  FlagThirdParty(item, "source", "");
  ASSERT_EQ(item.third_party_details_size(), 2);
  EXPECT_EQ(item.third_party_details(0).field(), "items[0].thirdPartyDetails[0].text");
  EXPECT_EQ(item.third_party_details(0).text(), "Kelly Birchwood");
  EXPECT_EQ(item.third_party_details(0).third_party(), "birth relative");
  EXPECT_EQ(item.third_party_details(1).text(), "letterbox");
}

TEST(Disclosure, TheSubjectIsAChildOrAHousehold) {
  absl::StatusOr<DisclosureSubject> child = ParseDisclosureSubject("children/01j0000000000000000000c001", "subject");
  ASSERT_TRUE(child.ok()) << child.status();
  EXPECT_TRUE(child->child);
  EXPECT_EQ(child->id, "01j0000000000000000000c001");
  absl::StatusOr<DisclosureSubject> household =
      ParseDisclosureSubject("households/01j0000000000000000000h001", "subject");
  ASSERT_TRUE(household.ok()) << household.status();
  EXPECT_FALSE(household->child);
  for (const char* bad : {"people/01j0000000000000000000c001", "children/", "households", "", "children/a/b"}) {
    absl::StatusOr<DisclosureSubject> refused = ParseDisclosureSubject(bad, "subject");
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    ASSERT_EQ(FieldViolationsOf(refused.status()).size(), 1u) << bad;
    EXPECT_EQ(FieldViolationsOf(refused.status())[0].field, "subject") << bad;
  }
}

}  // namespace
}  // namespace platform
