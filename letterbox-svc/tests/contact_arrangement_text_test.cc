// Text entering through the contract: the child reference, each party's display
// name and account, and the status reason go through platform::CleanText under
// their own field paths.
#include <gtest/gtest.h>

#include "letterbox-svc/api/contact_arrangement_mapping.h"
#include "platform/core/errors.h"

namespace letterbox {
namespace {

namespace pb = adoption::letterbox::v1;

pb::ContactArrangement YearlyLetterbox() {
  pb::ContactArrangement p;
  p.set_child("children/01jxyz");
  p.set_kind(pb::CONTACT_KIND_INDIRECT);
  auto* party = p.add_parties();
  party->set_role(pb::PARTY_ROLE_ADOPTIVE_FAMILY);
  party->set_display_name("Mum and Dad");
  party = p.add_parties();
  party->set_role(pb::PARTY_ROLE_BIRTH_MOTHER);
  party->set_display_name("Kelly");
  p.set_frequency(pb::CONTACT_FREQUENCY_YEARLY);
  p.add_exchange_months(5);
  p.mutable_start_date()->set_year(2025);
  p.mutable_start_date()->set_month(5);
  p.mutable_start_date()->set_day(1);
  return p;
}

std::vector<std::string> Fields(const pb::ContactArrangement& p) {
  platform::Validation v;
  DetailsFromProto(p, "contact_arrangement.", v);
  std::vector<std::string> out;
  for (const auto& fv : v.violations()) out.push_back(fv.field);
  return out;
}

TEST(ContactArrangementText, ARightToLeftOverrideInADisplayNameIsRefusedNamingTheField) {
  auto p = YearlyLetterbox();
  p.mutable_parties(1)->set_display_name("Kel\xE2\x80\xAEly");
  platform::Validation v;
  DetailsFromProto(p, "contact_arrangement.", v);
  ASSERT_EQ(v.violations().size(), 1u);
  EXPECT_EQ(v.violations()[0].field, "contact_arrangement.parties[1].display_name");
  EXPECT_EQ(v.violations()[0].description,
            "must not contain bidirectional formatting characters (U+202E at character 4)");
}

TEST(ContactArrangementText, EveryTextFieldIsChecked) {
  auto p = YearlyLetterbox();
  p.set_child("children/01\x1Bjxyz");
  p.mutable_parties(0)->set_account("user\n1");
  p.set_status_reason("Paused\x7F");
  EXPECT_EQ(Fields(p), (std::vector<std::string>{"contact_arrangement.child",
                                                 "contact_arrangement.parties[0].account",
                                                 "contact_arrangement.status_reason"}));
}

TEST(ContactArrangementText, TheStatusReasonIsMultiLineDisplayNamesAreNot) {
  auto p = YearlyLetterbox();
  p.set_status_reason("Birth mother asked for a pause.\r\nReview in May.");
  platform::Validation v;
  ArrangementDetails d = DetailsFromProto(p, "contact_arrangement.", v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(d.status_reason, "Birth mother asked for a pause.\nReview in May.");
  p.mutable_parties(1)->set_display_name("Kelly\nMum");
  EXPECT_EQ(Fields(p), std::vector<std::string>{"contact_arrangement.parties[1].display_name"});
}

TEST(ContactArrangementText, DisplayNamesAreStoredInNfcWithoutSurroundingSpaces) {
  auto p = YearlyLetterbox();
  p.mutable_parties(1)->set_display_name(" Nan Zoe\xCC\x88 ");
  platform::Validation v;
  EXPECT_EQ(DetailsFromProto(p, "contact_arrangement.", v).parties[1].display_name, "Nan Zo\xC3\xAB");
  EXPECT_TRUE(v.ok());
}

}  // namespace
}  // namespace letterbox
