// Text entering through the contract: every free-text field of a child goes
// through platform::CleanText under its own field path.
#include <gtest/gtest.h>

#include "familyfinding-svc/api/child_mapping.h"
#include "platform/core/errors.h"

namespace familyfinding {
namespace {

namespace pb = adoption::familyfinding::v1;

pb::Child Amy() {
  pb::Child p;
  p.set_given_name("Amy");
  p.set_family_name("Jones");
  p.set_local_authority("E08000018");
  p.set_sex(pb::SEX_FEMALE);
  p.set_legal_status(pb::LEGAL_STATUS_PLACEMENT_ORDER);
  p.set_ethnicity("WHITE_BRITISH");
  return p;
}

std::vector<std::string> Fields(const pb::Child& p) {
  platform::Validation v;
  DetailsFromProto(p, "child.", v);
  std::vector<std::string> out;
  for (const auto& fv : v.violations()) out.push_back(fv.field);
  return out;
}

TEST(ChildText, AControlCharacterInAChildsNameIsRefusedNamingTheField) {
  auto p = Amy();
  p.set_family_name("Jo\x1Bnes");
  platform::Validation v;
  DetailsFromProto(p, "child.", v);
  ASSERT_EQ(v.violations().size(), 1u);
  EXPECT_EQ(v.violations()[0].field, "child.family_name");
  EXPECT_EQ(v.violations()[0].description, "must not contain control characters (U+001B at character 3)");
}

TEST(ChildText, EveryTextFieldIsChecked) {
  auto p = Amy();
  p.set_given_name("A\xE2\x80\xAEmy");
  p.set_ethnicity("WHITE\x7F");
  p.set_health_and_development_needs("Eczema\x1B");
  p.set_sibling_group("group\t1");
  EXPECT_EQ(Fields(p), (std::vector<std::string>{"child.given_name", "child.ethnicity",
                                                 "child.health_and_development_needs", "child.sibling_group"}));
}

TEST(ChildText, NeedsAreMultiLineNamesAreNot) {
  auto p = Amy();
  p.set_health_and_development_needs("Eczema.\r\nSpeech therapy weekly.\r\n");
  platform::Validation v;
  ChildDetails d = DetailsFromProto(p, "child.", v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(d.health_and_development_needs, "Eczema.\nSpeech therapy weekly.");
  p.set_given_name("Amy\nRose");
  EXPECT_EQ(Fields(p), std::vector<std::string>{"child.given_name"});
}

TEST(ChildText, NamesAreStoredInNfc) {
  auto p = Amy();
  p.set_given_name("Zoe\xCC\x88");  // "e" + COMBINING DIAERESIS
  platform::Validation v;
  EXPECT_EQ(DetailsFromProto(p, "child.", v).given_name, "Zo\xC3\xAB");
  EXPECT_TRUE(v.ok());
}

}  // namespace
}  // namespace familyfinding
