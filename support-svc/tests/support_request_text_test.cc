// Text entering through the contract: the requester's names, the summary and the
// outcome go through platform::CleanText under their own field paths.
#include <gtest/gtest.h>

#include "platform/core/errors.h"
#include "support-svc/api/support_request_mapping.h"

namespace support {
namespace {

namespace pb = adoption::support::v1;

pb::SupportRequest Helpline() {
  pb::SupportRequest p;
  p.set_requester_kind(pb::REQUESTER_KIND_ADOPTIVE_FAMILY);
  p.mutable_requester()->set_given_name("Dana");
  p.mutable_requester()->set_family_name("Reid");
  p.set_channel(pb::CHANNEL_HELPLINE);
  p.mutable_received_date()->set_year(2025);
  p.mutable_received_date()->set_month(6);
  p.mutable_received_date()->set_day(2);
  p.set_summary("Asked about therapeutic parenting courses");
  return p;
}

TEST(SupportRequestText, AControlCharacterInARequestersNameIsRefusedNamingTheField) {
  auto p = Helpline();
  p.mutable_requester()->set_family_name("Re\x1Bid");
  platform::Validation v;
  DetailsFromProto(p, "support_request.", v);
  ASSERT_EQ(v.violations().size(), 1u);
  EXPECT_EQ(v.violations()[0].field, "support_request.requester.family_name");
  EXPECT_EQ(v.violations()[0].description, "must not contain control characters (U+001B at character 3)");
}

TEST(SupportRequestText, SummaryAndOutcomeAreMultiLineWithCrlfAsLf) {
  auto p = Helpline();
  p.set_summary("Asked about courses.\r\nCall back on Tuesday.");
  p.set_outcome("Signposted to\tPAC-UK.\n");
  platform::Validation v;
  SupportRequestDetails d = DetailsFromProto(p, "support_request.", v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(d.summary, "Asked about courses.\nCall back on Tuesday.");
  EXPECT_EQ(d.outcome, "Signposted to\tPAC-UK.");
}

TEST(SupportRequestText, EveryTextFieldIsChecked) {
  auto p = Helpline();
  p.mutable_requester()->set_given_name("Dana\n");
  p.set_summary("Asked \xE2\x80\xAE" "about");
  p.set_outcome(std::string("done\0", 5));
  platform::Validation v;
  DetailsFromProto(p, "support_request.", v);
  std::vector<std::string> fields;
  for (const auto& fv : v.violations()) fields.push_back(fv.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"support_request.requester.given_name", "support_request.summary",
                                              "support_request.outcome"}));
}

TEST(SupportRequestText, ARequesterNamedOnlyInWhiteSpaceGaveNoName) {
  auto p = Helpline();
  p.mutable_requester()->set_given_name("  ");
  p.mutable_requester()->set_family_name("");
  platform::Validation v;
  EXPECT_FALSE(DetailsFromProto(p, "support_request.", v).requester.has_value());
  EXPECT_TRUE(v.ok());
}

}  // namespace
}  // namespace support
