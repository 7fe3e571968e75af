// Flagging identifying details: each signal on its own, the spans in code points,
// and recall and span precision on the generated corpus of marked letters
// (tests/corpus/generate_letters.py), per kind.
#include "letterbox-svc/domain/identifying_details.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace letterbox {
namespace {

const Lexicon& Lex() { return Lexicon::Embedded(); }

std::vector<Span> Flag(const std::string& text, const std::vector<KnownDetail>& known = {},
                       const std::vector<std::string>& allowed = {}) {
  return FlagIdentifyingDetails(text, known, allowed, Lex());
}

// The flags as "KIND:text", in order.
std::vector<std::string> Found(const std::vector<Span>& spans) {
  std::vector<std::string> out;
  for (const Span& s : spans) out.push_back(DetailKindName(s.kind) + ":" + s.text + " (" + s.reason + ")");
  return out;
}

bool Has(const std::vector<Span>& spans, DetailKind kind, const std::string& text) {
  for (const Span& s : spans) {
    if (s.kind == kind && s.text == text) return true;
  }
  return false;
}

TEST(Lexicon, HoldsThePackagesLists) {
  EXPECT_TRUE(Lex().IsPlace("chislehurst"));
  EXPECT_TRUE(Lex().IsPlace("newcastle upon tyne"));
  EXPECT_TRUE(Lex().IsName("thompson"));
  EXPECT_TRUE(Lex().IsGivenName("sarah"));
  EXPECT_TRUE(Lex().IsWord("street"));
  EXPECT_FALSE(Lex().IsWord("chislehurst"));
  EXPECT_TRUE(Lex().IsPostcodeArea("BR"));
  EXPECT_FALSE(Lex().IsPostcodeArea("QQ"));
}

TEST(Flagging, SpansCountCodePointsNotBytes) {
  // "Zoë 😊 " is 6 code points and 10 bytes before the postcode.
  std::vector<Span> spans = Flag("Zoë 😊 BR1 3AB");
  ASSERT_EQ(spans.size(), 1u) << ::testing::PrintToString(Found(spans));
  EXPECT_EQ(spans[0].kind, DetailKind::kPostcode);
  EXPECT_EQ(spans[0].start, 6);
  EXPECT_EQ(spans[0].end, 13);
  EXPECT_EQ(spans[0].text, "BR1 3AB");
  EXPECT_FALSE(spans[0].reason.empty());
}

TEST(Flagging, FixedShapes) {
  std::vector<Span> s = Flag(
      "Ring me on 07700 900123 or (020) 8123 4567, email kate.t@example.co.uk, see www.oakwood.sch.uk, "
      "I'm @kate_t99 and my Insta is lilyrose_09. We live at se19 2ht, the car is AB12 CDE.");
  EXPECT_TRUE(Has(s, DetailKind::kPhone, "07700 900123")) << ::testing::PrintToString(Found(s));
  EXPECT_TRUE(Has(s, DetailKind::kPhone, "(020) 8123 4567"));
  EXPECT_TRUE(Has(s, DetailKind::kEmail, "kate.t@example.co.uk"));
  EXPECT_TRUE(Has(s, DetailKind::kUrl, "www.oakwood.sch.uk"));
  EXPECT_TRUE(Has(s, DetailKind::kSocialMedia, "@kate_t99"));
  EXPECT_TRUE(Has(s, DetailKind::kSocialMedia, "lilyrose_09"));
  EXPECT_TRUE(Has(s, DetailKind::kPostcode, "se19 2ht"));
  EXPECT_TRUE(Has(s, DetailKind::kVehiclePlate, "AB12 CDE"));
}

TEST(Flagging, DatesOnlyOfBirth) {
  std::vector<Span> s = Flag("12 May 2025\nDear Sarah,\nOn 14 August 2024 we went to the zoo. "
                             "Her sister was born on 3rd March 2019.");
  ASSERT_EQ(s.size(), 1u) << ::testing::PrintToString(Found(s));
  EXPECT_TRUE(Has(s, DetailKind::kDateOfBirth, "3rd March 2019"));
}

TEST(Flagging, NamesByTitleGivenNameAndList) {
  std::vector<Span> s = Flag("Her teacher Mrs Patel is lovely. Lily Thompson is in the play with Jack Okonkwo-Bright.",
                             {}, {"Lily"});
  EXPECT_TRUE(Has(s, DetailKind::kPersonName, "Mrs Patel")) << ::testing::PrintToString(Found(s));
  EXPECT_TRUE(Has(s, DetailKind::kSurname, "Thompson"));
  EXPECT_TRUE(Has(s, DetailKind::kPersonName, "Jack Okonkwo-Bright"));
  EXPECT_FALSE(Has(s, DetailKind::kPersonName, "Lily"));
}

TEST(Flagging, FirstNamesAloneAreNotFlagged) {
  std::vector<Span> s =
      Flag("Alfie and Lily played with Biscuit the dog at Christmas. Mum says hello!", {}, {"Lily", "Mum"});
  EXPECT_TRUE(s.empty()) << ::testing::PrintToString(Found(s));
}

TEST(Flagging, StreetsSchoolsClubsWorkplaces) {
  std::vector<Span> s =
      Flag("We moved to 14 Acacia Avenue in the spring. She started at St Mary's C of E Primary School and goes "
           "to 1st Petts Wood Brownies. Dad works at Sainsbury's and I'm at the Royal Marsden Hospital.");
  EXPECT_TRUE(Has(s, DetailKind::kAddress, "14 Acacia Avenue")) << ::testing::PrintToString(Found(s));
  EXPECT_TRUE(Has(s, DetailKind::kSchool, "St Mary's C of E Primary School"));
  EXPECT_TRUE(Has(s, DetailKind::kClub, "1st Petts Wood Brownies"));
  EXPECT_TRUE(Has(s, DetailKind::kWorkplace, "Sainsbury's")) << ::testing::PrintToString(Found(s));
  EXPECT_TRUE(Has(s, DetailKind::kWorkplace, "Royal Marsden Hospital"));
}

TEST(Flagging, PlacesFromTheGazetteerAndAfterLive) {
  std::vector<Span> s = Flag("We had a day in Whitby and then drove home to Chislehurst. Reading is her favourite "
                             "thing. My cousin lives in Little Snoddingbury now.");
  EXPECT_TRUE(Has(s, DetailKind::kTown, "Whitby")) << ::testing::PrintToString(Found(s));
  EXPECT_TRUE(Has(s, DetailKind::kTown, "Chislehurst"));
  EXPECT_FALSE(Has(s, DetailKind::kTown, "Reading"));
  EXPECT_TRUE(Has(s, DetailKind::kTown, "Little Snoddingbury")) << ::testing::PrintToString(Found(s));
}

TEST(Flagging, PhotosThatLocate) {
  std::vector<Span> s = Flag("I've put in a photo of her on the swings. There is also a photo of Lily in her new "
                             "school uniform by the front door.");
  ASSERT_EQ(s.size(), 1u) << ::testing::PrintToString(Found(s));
  EXPECT_EQ(s[0].kind, DetailKind::kPhoto);
  EXPECT_EQ(s[0].text, "photo of Lily in her new school uniform by the front door");
}

TEST(Flagging, TheAgencysRecordIsTheStrongestSignal) {
  std::vector<KnownDetail> known = {{DetailKind::kSurname, "Green"},
                                    {DetailKind::kSchool, "Oakwood Primary School"},
                                    {DetailKind::kAddress, "14 Acacia Avenue, Bromley BR1 3AB"},
                                    {DetailKind::kClub, "Hayes Harriers"},
                                    {DetailKind::kPhone, "+44 7700 900123"}};
  std::vector<Span> s = Flag("the GREEN family say hi, we painted it green. She loves Oakwood and we walk down "
                             "Acacia Avenue to br13ab. She runs with Hayes now. Call 07700900123.",
                             known);
  EXPECT_TRUE(Has(s, DetailKind::kSurname, "GREEN")) << ::testing::PrintToString(Found(s));
  EXPECT_FALSE(Has(s, DetailKind::kSurname, "green"));
  EXPECT_TRUE(Has(s, DetailKind::kSchool, "Oakwood"));
  EXPECT_TRUE(Has(s, DetailKind::kAddress, "Acacia Avenue"));
  EXPECT_TRUE(Has(s, DetailKind::kPostcode, "br13ab"));
  EXPECT_TRUE(Has(s, DetailKind::kClub, "Hayes"));
  EXPECT_TRUE(Has(s, DetailKind::kPhone, "07700900123"));
}

TEST(Flagging, SpansDoNotOverlapButAPhotoKeepsWhatIsInIt) {
  std::vector<Span> s = Flag("Here is a photo of Lily outside Oakwood Primary School in Chislehurst.", {}, {"Lily"});
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i].kind == DetailKind::kPhoto || s[i - 1].kind == DetailKind::kPhoto) continue;
    EXPECT_LE(s[i - 1].end, s[i].start);
  }
  EXPECT_TRUE(Has(s, DetailKind::kSchool, "Oakwood Primary School")) << ::testing::PrintToString(Found(s));
  EXPECT_TRUE(Has(s, DetailKind::kTown, "Chislehurst"));
}

// --- The corpus ---------------------------------------------------------------

struct Tally {
  int marked = 0, caught = 0, caught_as_kind = 0;  // by the marked kind
  int flagged = 0, right = 0;                      // by the flagged kind
};

TEST(FlaggingCorpus, RecallAndSpanPrecision) {
  std::ifstream in(LETTER_CORPUS);
  ASSERT_TRUE(in) << "cannot read " << LETTER_CORPUS;
  std::map<std::string, Tally> by_kind;
  Tally all;
  long marked_points = 0, covered_points = 0, flagged_points = 0, flagged_inside = 0;
  int letters = 0;
  std::vector<std::string> misses, false_flags;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    nlohmann::json letter = nlohmann::json::parse(line);
    ++letters;
    std::vector<KnownDetail> known;
    for (const auto& k : letter["knowledge"]) {
      std::optional<DetailKind> kind = ParseDetailKind(k["kind"].get<std::string>());
      ASSERT_TRUE(kind) << k.dump();
      known.push_back({*kind, k["text"].get<std::string>()});
    }
    std::vector<std::string> allowed = letter["allowed"].get<std::vector<std::string>>();
    std::vector<Span> flags = Flag(letter["text"].get<std::string>(), known, allowed);
    const std::string id = letter["id"].get<std::string>();

    std::vector<bool> flag_right(flags.size(), false);
    for (const auto& d : letter["details"]) {
      std::string kind = d["kind"].get<std::string>();
      int start = d["start"].get<int>(), end = d["end"].get<int>();
      Tally& t = by_kind[kind];
      ++t.marked;
      ++all.marked;
      marked_points += end - start;
      bool caught = false, as_kind = false;
      std::vector<bool> covered(static_cast<size_t>(end - start), false);
      for (size_t f = 0; f < flags.size(); ++f) {
        if (flags[f].start >= end || flags[f].end <= start) continue;
        caught = true;
        flag_right[f] = true;
        if (DetailKindName(flags[f].kind) == kind) as_kind = true;
        for (int p = std::max(start, flags[f].start); p < std::min(end, flags[f].end); ++p) {
          covered[static_cast<size_t>(p - start)] = true;
        }
      }
      covered_points += std::count(covered.begin(), covered.end(), true);
      t.caught += caught;
      all.caught += caught;
      t.caught_as_kind += as_kind;
      all.caught_as_kind += as_kind;
      if (!caught) misses.push_back(id + " " + kind + ": " + d["text"].get<std::string>());
    }
    for (size_t f = 0; f < flags.size(); ++f) {
      Tally& t = by_kind[DetailKindName(flags[f].kind)];
      ++t.flagged;
      ++all.flagged;
      t.right += flag_right[f];
      all.right += flag_right[f];
      flagged_points += flags[f].end - flags[f].start;
      if (!flag_right[f]) false_flags.push_back(id + " " + DetailKindName(flags[f].kind) + ": " + flags[f].text);
    }
    // Code points of flags inside marked details (the span precision by characters).
    for (const Span& f : flags) {
      for (const auto& d : letter["details"]) {
        int s = std::max(f.start, d["start"].get<int>()), e = std::min(f.end, d["end"].get<int>());
        if (e > s) flagged_inside += e - s;
      }
    }
  }
  auto pct = [](long a, long b) { return b == 0 ? 100.0 : 100.0 * static_cast<double>(a) / static_cast<double>(b); };
  std::printf("%d letters, %d marked details, %d flags\n", letters, all.marked, all.flagged);
  std::printf("%-14s %7s %8s %8s %7s %10s\n", "kind", "marked", "recall%", "as-kind%", "flags", "precision%");
  for (const auto& [kind, t] : by_kind) {
    std::printf("%-14s %7d %8.1f %8.1f %7d %10.1f\n", kind.c_str(), t.marked, pct(t.caught, t.marked),
                pct(t.caught_as_kind, t.marked), t.flagged, pct(t.right, t.flagged));
  }
  std::printf("%-14s %7d %8.1f %8.1f %7d %10.1f\n", "all", all.marked, pct(all.caught, all.marked),
              pct(all.caught_as_kind, all.marked), all.flagged, pct(all.right, all.flagged));
  std::printf("code points: %.1f%% of marked ones flagged; %.1f%% of flagged ones marked\n",
              pct(covered_points, marked_points), pct(flagged_inside, flagged_points));
  for (const std::string& m : misses) std::printf("missed  %s\n", m.c_str());
  for (const std::string& f : false_flags) std::printf("extra   %s\n", f.c_str());

  ASSERT_GE(letters, 200);
  // The aims: recall 99%, span precision 85% (a flag is right when it overlaps a
  // marked detail).
  EXPECT_GE(pct(all.caught, all.marked), 99.0);
  EXPECT_GE(pct(all.right, all.flagged), 85.0);
}

}  // namespace
}  // namespace letterbox
