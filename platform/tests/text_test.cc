// The one rule for free text (CleanText): what it refuses, naming the field, and
// what it stores for what it accepts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/core/errors.h"
#include "platform/core/text.h"

namespace platform {
namespace {

constexpr char kField[] = "household.applicants[0].person.family_name";

// What CleanText made of `in`, and the violations it added.
struct Cleaned {
  std::string text;
  std::vector<FieldViolation> violations;
};
Cleaned Clean(const std::string& in, TextKind kind = TextKind::kSingleLine) {
  Validation v;
  Cleaned c;
  c.text = CleanText(in, kind, kField, v);
  c.violations = v.violations();
  return c;
}

// The one violation CleanText added for `in` ("" when it accepted it).
std::string Refusal(const std::string& in, TextKind kind = TextKind::kSingleLine) {
  Cleaned c = Clean(in, kind);
  if (c.violations.empty()) return "";
  EXPECT_EQ(c.violations.size(), 1u) << "one violation per field";
  EXPECT_EQ(c.violations[0].field, kField);
  EXPECT_EQ(c.text, in) << "a refused text is returned as given";
  return c.violations[0].description;
}

std::string Accepted(const std::string& in, TextKind kind = TextKind::kSingleLine) {
  Cleaned c = Clean(in, kind);
  EXPECT_TRUE(c.violations.empty()) << c.violations[0].description;
  return c.text;
}

TEST(CleanText, RefusesControlCharactersNamingTheFieldAndTheFirstOffender) {
  EXPECT_EQ(Refusal("Sm\x1Bith"), "must not contain control characters (U+001B at character 3)");
  EXPECT_EQ(Refusal(std::string("Smith\0", 6)), "must not contain control characters (U+0000 at character 6)");
  EXPECT_EQ(Refusal("Smith\x7F"), "must not contain control characters (U+007F at character 6)");
  EXPECT_EQ(Refusal("\x01\x02"), "must not contain control characters (U+0001 at character 1)");
  // C1: NEL and CSI, written as UTF-8.
  EXPECT_EQ(Refusal("Smith\xC2\x85"), "must not contain control characters (U+0085 at character 6)");
  EXPECT_EQ(Refusal("Si\xC3\xA2n\xC2\x9B"), "must not contain control characters (U+009B at character 5)");
  // Multi-line text allows LF and TAB, not the other controls.
  EXPECT_EQ(Refusal("line\n\x1B[31m", TextKind::kMultiLine),
            "must not contain control characters (U+001B at character 6)");
  EXPECT_EQ(Refusal("a\x0B" "b", TextKind::kMultiLine),
            "must not contain control characters (U+000B at character 2)");
  EXPECT_EQ(Refusal("a\x0C" "b", TextKind::kMultiLine),
            "must not contain control characters (U+000C at character 2)");
}

TEST(CleanText, RefusesBidirectionalOverridesEmbeddingsAndIsolatesEverywhere) {
  // "Smith" + RIGHT-TO-LEFT OVERRIDE: displays reversed text after it.
  EXPECT_EQ(Refusal("Smith\xE2\x80\xAE" "cod.exe"),
            "must not contain bidirectional formatting characters (U+202E at character 6)");
  for (const char* c : {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE",
                        "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9"}) {
    EXPECT_NE(Refusal(std::string("a") + c), "") << "single-line";
    EXPECT_NE(Refusal(std::string("a") + c, TextKind::kMultiLine), "") << "multi-line";
  }
  EXPECT_EQ(Refusal("x\xE2\x81\xA6y", TextKind::kMultiLine),
            "must not contain bidirectional formatting characters (U+2066 at character 2)");
}

TEST(CleanText, RefusesInvalidUtf8) {
  EXPECT_EQ(Refusal("Smith\xFF"), "must be valid UTF-8 (invalid byte 0xFF at byte 6)");
  EXPECT_EQ(Refusal("Si\xC3"), "must be valid UTF-8 (invalid byte 0xC3 at byte 3)");            // truncated
  EXPECT_EQ(Refusal("\xC0\xAF"), "must be valid UTF-8 (invalid byte 0xC0 at byte 1)");           // overlong '/'
  EXPECT_EQ(Refusal("a\xED\xA0\x80"), "must be valid UTF-8 (invalid byte 0xED at byte 2)");     // a surrogate
  EXPECT_EQ(Refusal("\xF4\x90\x80\x80"), "must be valid UTF-8 (invalid byte 0xF4 at byte 1)");  // > U+10FFFF
  EXPECT_NE(Refusal("ok\x80", TextKind::kMultiLine), "");  // a stray continuation byte
}

TEST(CleanText, RefusesNoncharactersAndUnassignedCodePoints) {
  EXPECT_EQ(Refusal("a\xEF\xBF\xBF"),
            "must not contain unassigned code points or noncharacters (U+FFFF at character 2)");
  EXPECT_EQ(Refusal("a\xEF\xBF\xBE"),
            "must not contain unassigned code points or noncharacters (U+FFFE at character 2)");
  EXPECT_NE(Refusal("\xEF\xB7\x90", TextKind::kMultiLine), "");  // U+FDD0
  EXPECT_NE(Refusal("\xF4\x8F\xBF\xBF"), "");                    // U+10FFFF
  EXPECT_EQ(Refusal("\xCD\xB8"),  // U+0378, unassigned in the Greek block
            "must not contain unassigned code points or noncharacters (U+0378 at character 1)");
}

TEST(CleanText, SingleLineTextHasNoLineBreaksOrTabs) {
  const std::string rule = "must be a single line, without line breaks or tabs";
  EXPECT_EQ(Refusal("Mary\nAnn"), rule + " (U+000A at character 5)");
  EXPECT_EQ(Refusal("Mary\r\nAnn"), rule + " (U+000D at character 5)");
  EXPECT_EQ(Refusal("Mary\rAnn"), rule + " (U+000D at character 5)");
  EXPECT_EQ(Refusal("Mary\tAnn"), rule + " (U+0009 at character 5)");
  EXPECT_EQ(Refusal("Mary\xE2\x80\xA8" "Ann"), rule + " (U+2028 at character 5)");
}

TEST(CleanText, MultiLineTextKeepsLineBreaksAndTabsWithCrlfAsLf) {
  EXPECT_EQ(Accepted("Call held.\nFollow up\tin May.", TextKind::kMultiLine), "Call held.\nFollow up\tin May.");
  EXPECT_EQ(Accepted("one\r\ntwo\r\n\r\nthree", TextKind::kMultiLine), "one\ntwo\n\nthree");
  EXPECT_EQ(Accepted("one\rtwo", TextKind::kMultiLine), "one\ntwo");
  // Positions count what was sent: CR and LF are a character each.
  EXPECT_EQ(Refusal("a\r\nb\x1B", TextKind::kMultiLine),
            "must not contain control characters (U+001B at character 5)");
  // A line break is LF, not the Unicode separators.
  EXPECT_EQ(Refusal("a\xE2\x80\xA9" "b", TextKind::kMultiLine),
            "must not contain Unicode line or paragraph separators: use a new line (U+2029 at character 2)");
}

TEST(CleanText, InvisibleCharactersAreRefusedInOneLineTextOnly) {
  // LRM, RLM, ALM, ZERO WIDTH SPACE, WORD JOINER, BYTE ORDER MARK.
  for (const char* c : {"\xE2\x80\x8E", "\xE2\x80\x8F", "\xD8\x9C", "\xE2\x80\x8B", "\xE2\x81\xA0", "\xEF\xBB\xBF"}) {
    const std::string name = std::string("Ahmed") + c + "Khan";
    EXPECT_NE(Refusal(name), "") << "single-line";
    EXPECT_EQ(Accepted(name, TextKind::kMultiLine), name) << "multi-line";
  }
  EXPECT_EQ(Refusal("Ahmed\xE2\x80\x8F"), "must not contain invisible formatting characters (U+200F at character 6)");
  // ZWNJ and ZWJ spell Persian and Indic names and emoji sequences.
  const std::string with_zwnj = "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85";  // Persian, with ZWNJ
  EXPECT_EQ(Accepted(with_zwnj), with_zwnj);
}

TEST(CleanText, StoresTheNfcForm) {
  EXPECT_EQ(Accepted("Rene\xCC\x81"), "Ren\xC3\xA9");  // "e" + COMBINING ACUTE -> "é"
  EXPECT_EQ(CharacterCount(Accepted("Rene\xCC\x81")), 4u);
  EXPECT_EQ(Accepted("A\xCC\x8A" "sa"), "\xC3\x85" "sa");  // "A" + RING ABOVE -> "Å"
  EXPECT_EQ(Accepted("\xE2\x84\xAB"), "\xC3\x85");          // ANGSTROM SIGN -> "Å"
  EXPECT_EQ(Accepted("Cafe\xCC\x81\nnotes", TextKind::kMultiLine), "Caf\xC3\xA9\nnotes");
  // Already NFC: unchanged.
  EXPECT_EQ(Accepted("Si\xC3\xA2n O'Brien-\xC5\x83owak"), "Si\xC3\xA2n O'Brien-\xC5\x83owak");
}

TEST(CleanText, TrimsWhiteSpaceAtBothEndsAndKeepsItInside) {
  EXPECT_EQ(Accepted("  Smith "), "Smith");
  EXPECT_EQ(Accepted("\xC2\xA0Smith\xE3\x80\x80"), "Smith");  // NO-BREAK SPACE, IDEOGRAPHIC SPACE
  EXPECT_EQ(Accepted("Mary  Ann"), "Mary  Ann");
  EXPECT_EQ(Accepted("\n\n  First line\n\tindented\n\n", TextKind::kMultiLine), "First line\n\tindented");
  EXPECT_EQ(Accepted("   "), "");
  EXPECT_EQ(Accepted(""), "");
}

TEST(CleanText, AcceptsOrdinaryTextFromEveryScriptUnchanged) {
  for (const std::string& s :
       {std::string("O'Connor-Smith"), std::string("Gr\xC3\xBC\xC3\x9F" "e"),  // Grüße
        std::string("\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD"),                      // Иван
        std::string("\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF"),                      // محمد
        std::string("\xE7\x8E\x8B\xE8\x8A\xB3"),                              // 王芳
        // A family emoji: three people joined by ZERO WIDTH JOINERs.
        std::string("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7")}) {
    EXPECT_EQ(Accepted(s), s);
  }
}

TEST(CleanText, ReportsEachFieldUnderItsOwnName) {
  Validation v;
  CleanText("ok", TextKind::kSingleLine, "a", v);
  CleanText("bad\x1B", TextKind::kSingleLine, "b", v);
  CleanText("bad\n", TextKind::kSingleLine, "c", v);  // trailing LF is still a line break
  CleanText("fine\n", TextKind::kMultiLine, "d", v);
  ASSERT_EQ(v.violations().size(), 2u);
  EXPECT_EQ(v.violations()[0].field, "b");
  EXPECT_EQ(v.violations()[1].field, "c");
}

}  // namespace
}  // namespace platform
