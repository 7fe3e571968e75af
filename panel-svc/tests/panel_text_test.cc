// Text entering through the contract: a panel's name and its members' names go
// through platform::CleanText under their own field paths.
#include <gtest/gtest.h>

#include "panel-svc/api/panel_mapping.h"
#include "platform/core/errors.h"

namespace panel {
namespace {

namespace pb = adoption::panel::v1;

pb::Panel PanelA() {
  pb::Panel p;
  p.set_display_name("Panel A (Tuesdays)");
  auto* m = p.add_members();
  m->set_display_name("Ruth Chair");
  m->set_role(pb::PANEL_MEMBER_ROLE_CHAIR);
  m->set_active(true);
  m = p.add_members();
  m->set_display_name("Pat Social");
  m->set_role(pb::PANEL_MEMBER_ROLE_SOCIAL_WORKER);
  m->set_active(true);
  return p;
}

TEST(PanelText, ARightToLeftOverrideInAMembersNameIsRefusedNamingTheField) {
  auto p = PanelA();
  p.mutable_members(1)->set_display_name("Pat \xE2\x80\xAESocial");
  platform::Validation v;
  DetailsFromProto(p, "panel.", v);
  ASSERT_EQ(v.violations().size(), 1u);
  EXPECT_EQ(v.violations()[0].field, "panel.members[1].display_name");
  EXPECT_EQ(v.violations()[0].description,
            "must not contain bidirectional formatting characters (U+202E at character 5)");
}

TEST(PanelText, APanelNameIsOneLineWithoutControlCharacters) {
  auto p = PanelA();
  p.set_display_name("Panel A\r\n(Tuesdays)");
  platform::Validation v;
  DetailsFromProto(p, "panel.", v);
  ASSERT_EQ(v.violations().size(), 1u);
  EXPECT_EQ(v.violations()[0].field, "panel.display_name");
}

TEST(PanelText, NamesAreStoredInNfcWithoutSurroundingSpaces) {
  auto p = PanelA();
  p.set_display_name("  Panel A ");
  p.mutable_members(0)->set_display_name("Ruth Bronte\xCC\x88");  // "e" + COMBINING DIAERESIS
  platform::Validation v;
  PanelDetails d = DetailsFromProto(p, "panel.", v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(d.display_name, "Panel A");
  EXPECT_EQ(d.members[0].display_name, "Ruth Bront\xC3\xAB");
}

}  // namespace
}  // namespace panel
