#include "platform/core/agency.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace platform {
namespace {

using Codes = std::vector<std::string>;

// A regional adoption agency whose membership changed: Bexley joined late, Lewisham
// left, and Dorset county's membership ended with the county and went on as the
// unitary's.
const char kRaa[] =
    "# a comment\n"
    "id\tsouth-raa\n"
    "name\tSouth RAA\n"
    "type\tregional_adoption_agency\n"
    "serves\tE09000006\t2017-04-01\n"
    "serves\tE09000004\t2019-10-01\t\n"
    "serves\tE09000023\t2017-04-01\t2020-03-31\n"
    "serves\tE10000009\t2017-04-01\t2019-03-31\n"
    "serves\tE06000059\t2019-04-01\n"
    "partner\tsome-vaa\tvoluntary_adoption_agency\tSome VAA\n"
    "region\tE09000006\tLondon\n";

Agency Raa() { return Agency::Parse(kRaa).value(); }

std::string Problems(absl::string_view text) {
  auto agency = Agency::Parse(text);
  return agency.ok() ? "" : std::string(agency.status().message());
}

TEST(Agency, ServesEachAuthorityFromTheDayItJoinedToTheLastDayItServed) {
  const Agency a = Raa();
  EXPECT_EQ(a.id(), "south-raa");
  EXPECT_EQ(a.name(), "South RAA");
  EXPECT_EQ(a.type(), AgencyType::kRegionalAdoptionAgency);
  EXPECT_FALSE(a.Serves("E09000006", Date(2017, 3, 31)));
  EXPECT_TRUE(a.Serves("E09000006", Date(2017, 4, 1)));
  EXPECT_TRUE(a.Serves("E09000006", Date(2040, 1, 1)));
  EXPECT_TRUE(a.Serves("E09000023", Date(2020, 3, 31)));
  EXPECT_FALSE(a.Serves("E09000023", Date(2020, 4, 1)));
  EXPECT_FALSE(a.Serves("E09000004", Date(2019, 9, 30)));
  EXPECT_TRUE(a.Serves("E09000004", Date(2019, 10, 1)));
  EXPECT_FALSE(a.Serves("E08000018", Date(2025, 1, 1)));  // never a member
}

TEST(Agency, LocalAuthoritiesOnADateAreTheMembersThenSorted) {
  const Agency a = Raa();
  EXPECT_EQ(a.LocalAuthoritiesOn(Date(2016, 1, 1)), Codes{});
  EXPECT_EQ(a.LocalAuthoritiesOn(Date(2018, 1, 1)), (Codes{"E09000006", "E09000023", "E10000009"}));
  EXPECT_EQ(a.LocalAuthoritiesOn(Date(2019, 4, 1)), (Codes{"E06000059", "E09000006", "E09000023"}));
  EXPECT_EQ(a.LocalAuthoritiesOn(Date(2025, 1, 1)), (Codes{"E06000059", "E09000004", "E09000006"}));
}

TEST(Agency, PartnersAreFoundByTheirTokenAgencyId) {
  const Agency a = Raa();
  ASSERT_NE(a.FindPartner("some-vaa"), nullptr);
  EXPECT_EQ(a.FindPartner("some-vaa")->type, AgencyType::kVoluntaryAdoptionAgency);
  EXPECT_EQ(a.FindPartner("some-vaa")->name, "Some VAA");
  EXPECT_EQ(a.FindPartner("south-raa"), nullptr);  // itself
  EXPECT_EQ(a.FindPartner("other"), nullptr);
}

// Partners see a child's region, never its authority: only what the agency says.
TEST(Agency, TheRegionPartnersSeeIsConfiguredPerAuthorityServed) {
  const Agency a = Raa();
  EXPECT_EQ(a.RegionOf("E09000006"), "London");
  EXPECT_EQ(a.RegionOf("E09000004"), "");  // not given
  EXPECT_EQ(Agency::Default().RegionOf("E08000018"), "Yorkshire and The Humber");
  const std::string base = "id\tr\nname\tR\ntype\tregional_adoption_agency\nserves\tE09000006\t2017-04-01\n";
  EXPECT_NE(Problems(base + "region\tE08000018\tYorkshire\n").find("line 5: a region is given for E08000018, which"),
            std::string::npos)
      << Problems(base + "region\tE08000018\tYorkshire\n");
  EXPECT_NE(Problems(base + "region\tE09000006\tLondon\nregion\tE09000006\tSouth\n").find("given twice"),
            std::string::npos);
  EXPECT_NE(Problems(base + "region\tE09000006\n").find("region takes"), std::string::npos);
}

TEST(Agency, TheDefaultIsAnExampleRaaServingTheAuthoritiesTheFixturesUse) {
  const Agency& a = Agency::Default();
  EXPECT_EQ(a.type(), AgencyType::kRegionalAdoptionAgency);
  EXPECT_FALSE(a.id().empty());
  EXPECT_FALSE(a.partners().empty());
  for (const char* code : {"E09000006", "E08000018"}) {
    EXPECT_TRUE(a.Serves(code, Date(2025, 6, 1))) << code;
    EXPECT_TRUE(a.Serves(code, Today())) << code;
  }
  for (const std::string& code : a.LocalAuthoritiesOn(Today())) EXPECT_TRUE(IsLocalAuthorityCode(code)) << code;
}

TEST(Agency, EveryProblemIsListedWithItsLine) {
  const std::string message = Problems(
      "id\tsouth raa\n"                                   // 1: a space in the id
      "name\tSouth RAA\n"                                 // 2
      "name\tAgain\n"                                     // 3: twice
      "type\tregional\n"                                  // 4: no such type
      "serves\tE07000228\t2017-04-01\n"                   // 5: a district, not in the register
      "serves\tE09000006\t2017-02-30\n"                   // 6: no such day
      "serves\tE09000004\t2018-01-01\t2017-01-01\n"       // 7: left before joining
      "serves\tE10000009\t2017-04-01\n"                   // 8: Dorset county ended 2019-03-31
      "serves\tE06000059\t2018-04-01\n"                   // 9: Dorset unitary began 2019-04-01
      "serves\tE09000023\t2017-04-01\n"                   // 10
      "serves\tE09000023\t2020-04-01\t2021-01-01\n"       // 11: overlaps line 10
      "partner\tsome-vaa\tvoluntary_adoption_agency\tA\n"  // 12
      "partner\tsome-vaa\tvoluntary_adoption_agency\tB\n"  // 13: twice
      "partner\tx\tcharity\tC\n"                          // 14: no such type
      "colour\tblue\n");                                  // 15: no such row
  for (int line = 1; line <= 15; ++line) {
    if (line == 2 || line == 10 || line == 12) continue;
    EXPECT_NE(message.find(absl::StrCat("line ", line, ":")), std::string::npos) << line << " in " << message;
  }
  EXPECT_NE(message.find("ceased on 2019-03-31"), std::string::npos) << message;
  EXPECT_NE(message.find("did not exist on 2018-04-01"), std::string::npos) << message;
  EXPECT_NE(message.find("already served then (line 10)"), std::string::npos) << message;
}

TEST(Agency, IdNameAndTypeAreRequired) {
  const std::string message = Problems("serves\tE09000006\t2017-04-01\n");
  EXPECT_NE(message.find("no id"), std::string::npos) << message;
  EXPECT_NE(message.find("no name"), std::string::npos) << message;
  EXPECT_NE(message.find("no type"), std::string::npos) << message;
  EXPECT_NE(Problems("id\tr\nname\tR\ntype\tregional_adoption_agency\n").find("at least one local authority"),
            std::string::npos);
  // A voluntary adoption agency need not act for any authority.
  EXPECT_EQ(Problems("id\tv\nname\tV\ntype\tvoluntary_adoption_agency\n"), "");
}

TEST(Agency, ALocalAuthorityAgencyActsForOneAuthorityAtATime) {
  const std::string la = "id\tbromley\nname\tBromley\ntype\tlocal_authority\nserves\tE09000006\t2010-04-01\n";
  EXPECT_EQ(Problems(la), "");
  EXPECT_NE(Problems(la + "serves\tE09000004\t2020-01-01\n").find("one authority at a time"), std::string::npos);
  // Northumberland, recoded in 2013, is still one authority at a time.
  EXPECT_EQ(Problems("id\tn\nname\tN\ntype\tlocal_authority\nserves\tE06000048\t2010-04-01\t2013-03-31\n"
                     "serves\tE06000057\t2013-04-01\n"),
            "");
}

TEST(Agency, ItCannotBeItsOwnPartner) {
  EXPECT_NE(Problems("id\tv\nname\tV\ntype\tvoluntary_adoption_agency\npartner\tv\tlocal_authority\tV\n")
                .find("its own partner"),
            std::string::npos);
}

TEST(Agency, LoadReadsADeploymentsFileOrTheDefault) {
  char path[] = "/tmp/agency-XXXXXX";
  int fd = mkstemp(path);
  const std::string text = kRaa;
  ASSERT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  close(fd);
  auto loaded = Agency::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->id(), "south-raa");
  EXPECT_EQ(Agency::Load("")->id(), Agency::Default().id());
  EXPECT_FALSE(Agency::Load("/nonexistent/agency.tsv").ok());
  unlink(path);
}

TEST(AgencyType, NamesRoundTrip) {
  for (AgencyType t :
       {AgencyType::kLocalAuthority, AgencyType::kRegionalAdoptionAgency, AgencyType::kVoluntaryAdoptionAgency}) {
    EXPECT_EQ(ParseAgencyType(AgencyTypeName(t)), t);
  }
  EXPECT_EQ(ParseAgencyType("raa"), std::nullopt);
}

}  // namespace
}  // namespace platform
