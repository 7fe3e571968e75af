#include "platform/core/local_authority.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"

namespace platform {
namespace {

const LocalAuthorityRegister& Register() { return LocalAuthorityRegister::Default(); }

std::string Resolved(absl::string_view name) { return ResolveLocalAuthority(name).value_or("error"); }

const char kHeader[] = "code\tname\taliases\tvalid_from\tvalid_to\n";

TEST(LocalAuthorityRegister, HoldsEveryCurrentEnglishUpperTierAuthorityAndWelshPrincipalArea) {
  std::map<LocalAuthorityKind, int> current;
  for (const LocalAuthority& la : Register().all()) {
    if (la.current()) ++current[la.kind()];
  }
  // Since the 2023 reorganisations: 21 county councils, 63 unitary authorities (the
  // Isles of Scilly among them), 36 metropolitan districts, 32 London boroughs and
  // the City of London, 153 in all; and Wales's 22 principal areas.
  EXPECT_EQ(current[LocalAuthorityKind::kCounty], 21);
  EXPECT_EQ(current[LocalAuthorityKind::kUnitary], 63);
  EXPECT_EQ(current[LocalAuthorityKind::kMetropolitanDistrict], 36);
  EXPECT_EQ(current[LocalAuthorityKind::kLondonBorough], 33);
  EXPECT_EQ(current[LocalAuthorityKind::kWelshPrincipalArea], 22);
}

TEST(LocalAuthorityRegister, KnowsTheCodesTheFixturesUseAndWellKnownOnes) {
  const std::map<std::string, std::string> known = {
      {"E09000006", "Bromley"},        {"E08000018", "Rotherham"},
      {"E10000015", "Hertfordshire"},  {"E06000001", "Hartlepool"},
      {"W06000015", "Cardiff"},        {"E09000001", "City of London"},
      {"E06000053", "Isles of Scilly"}, {"E09000021", "Kingston upon Thames"},
      {"E06000043", "Brighton and Hove"}, {"E06000023", "Bristol, City of"},
      {"E08000037", "Gateshead"},      {"E06000057", "Northumberland"},
      {"W06000023", "Powys"},          {"W06000024", "Merthyr Tydfil"},
  };
  for (const auto& [code, name] : known) {
    const LocalAuthority* la = Register().Find(code);
    ASSERT_NE(la, nullptr) << code;
    EXPECT_EQ(la->name, name);
    EXPECT_TRUE(la->current()) << code;
  }
}

TEST(LocalAuthorityRegister, TheReorganisationsOf2019To2023AreDated) {
  struct Change {
    std::string code, name;
    Date from;
  };
  for (const Change& c : std::vector<Change>{{"E06000058", "Bournemouth, Christchurch and Poole", Date(2019, 4, 1)},
                                             {"E06000059", "Dorset", Date(2019, 4, 1)},
                                             {"E06000060", "Buckinghamshire", Date(2020, 4, 1)},
                                             {"E06000061", "North Northamptonshire", Date(2021, 4, 1)},
                                             {"E06000062", "West Northamptonshire", Date(2021, 4, 1)},
                                             {"E06000063", "Cumberland", Date(2023, 4, 1)},
                                             {"E06000064", "Westmorland and Furness", Date(2023, 4, 1)},
                                             {"E06000065", "North Yorkshire", Date(2023, 4, 1)},
                                             {"E06000066", "Somerset", Date(2023, 4, 1)}}) {
    const LocalAuthority* la = Register().Find(c.code);
    ASSERT_NE(la, nullptr) << c.code;
    EXPECT_EQ(la->name, c.name);
    EXPECT_EQ(la->valid_from, c.from) << c.code;
    EXPECT_TRUE(la->current());
  }
  // The codes they replaced still resolve for history, each to the day before.
  for (const auto& [code, last_day] : std::map<std::string, Date>{{"E10000002", Date(2020, 3, 31)},
                                                                  {"E10000006", Date(2023, 3, 31)},
                                                                  {"E10000009", Date(2019, 3, 31)},
                                                                  {"E10000021", Date(2021, 3, 31)},
                                                                  {"E10000023", Date(2023, 3, 31)},
                                                                  {"E10000027", Date(2023, 3, 31)},
                                                                  {"E06000028", Date(2019, 3, 31)},
                                                                  {"E06000029", Date(2019, 3, 31)}}) {
    EXPECT_TRUE(IsLocalAuthorityCode(code)) << code;
    EXPECT_TRUE(IsLocalAuthorityCodeOn(code, last_day)) << code;
    EXPECT_FALSE(IsLocalAuthorityCodeOn(code, last_day + 1)) << code;
  }
  EXPECT_FALSE(IsLocalAuthorityCodeOn("E06000065", Date(2023, 3, 31)));
}

TEST(LocalAuthorityRegister, WelshCodesHaveTheGapsOnsLeft) {
  int welsh = 0;
  for (int n = 1; n <= 24; ++n) {
    const std::string code = absl::StrCat("W060000", n < 10 ? "0" : "", n);
    welsh += IsLocalAuthorityCode(code) ? 1 : 0;
  }
  EXPECT_EQ(welsh, 22);
  EXPECT_FALSE(IsLocalAuthorityCode("W06000007"));
  EXPECT_FALSE(IsLocalAuthorityCode("W06000017"));
}

TEST(LocalAuthorityCode, DistrictsScotlandAndMalformedCodesAreNotAuthorities) {
  EXPECT_FALSE(IsLocalAuthorityCode("E07000228"));  // Mid Sussex, a district of West Sussex
  EXPECT_FALSE(IsLocalAuthorityCode("S12000033"));  // Aberdeen City: Scottish law
  EXPECT_FALSE(IsLocalAuthorityCode("E09000034"));  // the right shape, no such borough
  EXPECT_FALSE(IsLocalAuthorityCode("e09000006"));
  EXPECT_FALSE(IsLocalAuthorityCode(" E09000006"));
  EXPECT_FALSE(IsLocalAuthorityCode(""));
}

TEST(ResolveLocalAuthority, FindsANameOrAliasIgnoringCaseAndPunctuation) {
  EXPECT_EQ(Resolved("Kingston"), "E09000021");
  EXPECT_EQ(Resolved("kingston upon thames"), "E09000021");
  EXPECT_EQ(Resolved("Hull"), "E06000010");
  EXPECT_EQ(Resolved("Brighton"), "E06000043");
  EXPECT_EQ(Resolved("Brighton & Hove"), "E06000043");
  EXPECT_EQ(Resolved("Windsor and Maidenhead"), "E06000040");
  EXPECT_EQ(Resolved("Bristol"), "E06000023");
  EXPECT_EQ(Resolved("City of Bristol"), "E06000023");
  EXPECT_EQ(Resolved("HERTS"), "E10000015");
  EXPECT_EQ(Resolved("  Hertfordshire "), "E10000015");
  EXPECT_EQ(Resolved("St Helens"), "E08000013");
  EXPECT_EQ(Resolved("Stockton on Tees"), "E06000004");
  EXPECT_EQ(Resolved("Caerdydd"), "W06000015");
  EXPECT_EQ(Resolved("Bromley"), "E09000006");
  EXPECT_EQ(Resolved("e09000006"), "E09000006");  // a code is its own name
}

TEST(ResolveLocalAuthority, AnAmbiguousNameIsAnErrorListingTheCandidates) {
  auto northants = ResolveLocalAuthority("Northamptonshire");
  ASSERT_EQ(northants.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(northants.status().message().find("E06000061"), absl::string_view::npos);
  EXPECT_NE(northants.status().message().find("E06000062"), absl::string_view::npos);
  EXPECT_EQ(ResolveLocalAuthority("Cumbria").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ResolveLocalAuthority, AnUnknownNameOrADistrictIsNotFound) {
  EXPECT_EQ(ResolveLocalAuthority("Mid Sussex").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ResolveLocalAuthority("Atlantis").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ResolveLocalAuthority("E07000228").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ResolveLocalAuthority("").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ResolveLocalAuthority, ANameResolvesToTheAuthorityOfItsDay) {
  // Today's names are the new authorities; the old codes only with a date.
  EXPECT_EQ(Resolved("Dorset"), "E06000059");
  EXPECT_EQ(*ResolveLocalAuthorityOn("Dorset", Date(2015, 1, 1)), "E10000009");
  EXPECT_EQ(*ResolveLocalAuthorityOn("Dorset", Date(2019, 4, 1)), "E06000059");
  EXPECT_EQ(*ResolveLocalAuthorityOn("Northamptonshire", Date(2020, 6, 1)), "E10000021");
  EXPECT_EQ(*ResolveLocalAuthorityOn("Cumbria", Date(2023, 3, 31)), "E10000006");
  EXPECT_EQ(*ResolveLocalAuthorityOn("Poole", Date(2018, 1, 1)), "E06000029");
  EXPECT_EQ(Resolved("Poole"), "E06000058");  // now part of BCP
  EXPECT_EQ(*ResolveLocalAuthorityOn("Gateshead", Date(2012, 1, 1)), "E08000020");
  EXPECT_EQ(Resolved("Gateshead"), "E08000037");
  EXPECT_EQ(ResolveLocalAuthority("E10000009").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(*ResolveLocalAuthorityOn("E10000009", Date(2015, 1, 1)), "E10000009");
}

TEST(LocalAuthorityRegister, EveryNameOfTheRegisterResolvesToItsAuthority) {
  std::set<std::string> shared_aliases = {"Northamptonshire", "Northants", "Cumbria"};
  for (const LocalAuthority& la : Register().all()) {
    const Date on = la.valid_to ? *la.valid_to : Date(2030, 1, 1);
    EXPECT_EQ(*ResolveLocalAuthorityOn(la.name, on), la.code) << la.name;
    for (const std::string& alias : la.aliases) {
      if (shared_aliases.contains(alias) && la.current()) continue;
      EXPECT_EQ(*ResolveLocalAuthorityOn(alias, on), la.code) << alias;
    }
  }
}

TEST(LocalAuthorityRegister, AMalformedRegisterIsRejectedWithEveryProblem) {
  auto reg = LocalAuthorityRegister::Parse(absl::StrCat(kHeader,
                                                        "E09000006\tBromley\t\t\t\n",
                                                        "E07000228\tMid Sussex\t\t\t\n",      // a district
                                                        "E09000006\tBromley again\t\t\t\n",   // twice
                                                        "E09000004\tBexley\t\t2020-02-30\t\n",  // no such day
                                                        "E09000005\tBrent\n",                 // too few columns
                                                        "E09000007\tBromley\t\t\t\n",         // name taken
                                                        "E09000008\t\t\t\t\n",                // no name
                                                        "E06000059\tDorset\t\t2019-04-01\t2019-03-01\n"));
  ASSERT_FALSE(reg.ok());
  const std::string message(reg.status().message());
  for (const char* expected : {"line 3", "E09000006 is listed twice", "line 5", "line 6", "'Bromley' names both",
                               "line 8", "line 9"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << " in " << message;
  }
}

TEST(LocalAuthorityRegister, TwoAuthoritiesMayShareANameOnlyAtDifferentTimes) {
  EXPECT_TRUE(LocalAuthorityRegister::Parse(absl::StrCat(kHeader, "E10000009\tDorset\t\t\t2019-03-31\n",
                                                         "E06000059\tDorset\t\t2019-04-01\t\n"))
                  .ok());
  EXPECT_FALSE(LocalAuthorityRegister::Parse(absl::StrCat(kHeader, "E10000009\tDorset\t\t\t2019-04-01\n",
                                                          "E06000059\tDorset\t\t2019-04-01\t\n"))
                   .ok());
  // An alias that is another authority's name would make that name unresolvable.
  EXPECT_FALSE(LocalAuthorityRegister::Parse(absl::StrCat(kHeader, "E09000006\tBromley\t\t\t\n",
                                                          "E09000004\tBexley\tBromley\t\t\n"))
                   .ok());
}

}  // namespace
}  // namespace platform
