// Text entering through the contract: every free-text field of a household goes
// through platform::CleanText under its own field path.
#include <gtest/gtest.h>

#include "platform/core/errors.h"
#include "platform/rpc/resource.h"
#include "recruitment-svc/api/household_mapping.h"

namespace recruitment {
namespace {

namespace pb = adoption::recruitment::v1;

pb::Household Single(const std::string& given, const std::string& family, const std::string& ethnicity = "") {
  pb::Household p;
  auto* a = p.add_applicants();
  a->mutable_person()->set_given_name(given);
  a->mutable_person()->set_family_name(family);
  a->set_ethnicity(ethnicity);
  p.set_family_structure(pb::FAMILY_STRUCTURE_SINGLE);
  p.set_home_local_authority("E09000006");
  p.mutable_enquiry_date()->set_year(2025);
  p.mutable_enquiry_date()->set_month(5);
  p.mutable_enquiry_date()->set_day(1);
  return p;
}

std::vector<platform::FieldViolation> Violations(const pb::Household& p) {
  platform::Validation v;
  DetailsFromProto(p, "household.", v);
  return v.violations();
}

TEST(HouseholdText, ARightToLeftOverrideInAFamilyNameIsRefusedNamingTheField) {
  auto violations = Violations(Single("Sam", "Smith\xE2\x80\xAE" "cod"));
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "household.applicants[0].person.family_name");
  EXPECT_EQ(violations[0].description,
            "must not contain bidirectional formatting characters (U+202E at character 6)");
}

TEST(HouseholdText, ControlCharactersAndLineBreaksAreRefusedInEveryTextField) {
  auto violations = Violations(Single(std::string("S\0m", 3), "Smi\x1Bth", "WHITE\nBRITISH"));
  ASSERT_EQ(violations.size(), 3u);
  EXPECT_EQ(violations[0].field, "household.applicants[0].person.given_name");
  EXPECT_EQ(violations[1].field, "household.applicants[0].person.family_name");
  EXPECT_EQ(violations[2].field, "household.applicants[0].ethnicity");
}

TEST(HouseholdText, NamesAreStoredInNfcWithoutSurroundingSpaces) {
  platform::Validation v;
  HouseholdDetails d = DetailsFromProto(Single(" Rene\xCC\x81 ", "Okafor\xC2\xA0"), "household.", v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(d.applicants[0].given_name, "Ren\xC3\xA9");
  EXPECT_EQ(d.applicants[0].family_name, "Okafor");
}

TEST(HouseholdText, AnUpdateAnswersForABadNameOnlyWhenApplicantsAreMasked) {
  platform::Validation fields;
  DetailsFromProto(Single("Sam", "Smith\x1B"), "household.", fields);
  EXPECT_TRUE(platform::MaskedViolations(fields, "household.", {"enquiry_date"}).ok());
  EXPECT_FALSE(platform::MaskedViolations(fields, "household.", {"applicants"}).ok());
}

}  // namespace
}  // namespace recruitment
