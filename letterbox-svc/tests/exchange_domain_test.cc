#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "letterbox-svc/domain/exchange.h"
#include "platform/core/text.h"

namespace letterbox {
namespace {

using platform::Date;
using S = ExchangeStatus;

const Date kToday(2025, 6, 20);
constexpr char kMarker[] = "[removed by the agency]";

platform::Revision On(Date today, long long at = 100, const std::string& actor = "coordinator") {
  return {.actor = actor, .at = at, .today = today};
}
const platform::Revision kNow = On(kToday);

std::vector<std::string> FieldsOf(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& fv : platform::FieldViolationsOf(s)) out.push_back(fv.field);
  return out;
}

int Characters(std::string_view s) {
  return static_cast<int>(platform::CharacterCount(absl::string_view(s.data(), s.size())));
}

// A stand-in detector: flags each occurrence of the given words, in code points.
FlagFinder Flagging(std::vector<std::pair<std::string, DetailKind>> words) {
  return [words](std::string_view content) {
    std::vector<Span> spans;
    for (const auto& [word, kind] : words) {
      for (size_t at = content.find(word); at != std::string_view::npos; at = content.find(word, at + 1)) {
        const int start = Characters(content.substr(0, at));
        spans.push_back({kind, start, start + Characters(word), "", "test detector"});
      }
    }
    return spans;
  };
}
const FlagFinder kNoFlags = [](std::string_view) { return std::vector<Span>{}; };

// "Zoë" and the emoji come before the flagged words, so byte offsets would miss them.
const std::string kLetter =
    "Dear Kelly,\nZo\xC3\xAB started at Oakfield Primary in Leeds this year \xF0\x9F\x98\x80\nLove from the Smiths";
const FlagFinder kDetector = Flagging(
    {{"Oakfield Primary", DetailKind::kSchool}, {"Leeds", DetailKind::kTown}, {"Smiths", DetailKind::kSurname}});

Attachment Photo(const std::string& what = "At the beach") {
  return {.media_type = "image/jpeg", .description = what, .sha256 = Sha256Hex(what), .size_bytes = 2'000'000};
}

ReceivedItem Letter() {
  return {.arrangement_id = "a1",
          .sender = "p1",
          .recipient = "p2",
          .item_kind = ItemKind::kLetter,
          .content = kLetter,
          .due_date = Date(2025, 5, 31)};
}

absl::StatusOr<Exchange> Receive(ReceivedItem item = Letter(), const FlagFinder& finder = kDetector) {
  return ReceiveExchange("e1", std::move(item), finder, On(kToday, 1, "sender-account"), "exchange.");
}

// An exchange brought to `status` by the verbs themselves.
Exchange ExchangeIn(S status) {
  Exchange e = Receive().value();
  auto ok = [](const absl::Status& s) { ASSERT_TRUE(s.ok()) << s; };
  switch (status) {
    case S::kReceived: break;
    case S::kInReview: ok(StartReview(e, kNow)); break;
    case S::kApproved: ok(ApproveExchange(e, {}, false, {}, kNow)); break;
    case S::kForwarded:
      ok(ApproveExchange(e, {}, false, {}, kNow));
      ok(ForwardExchange(e, std::nullopt, kNow));
      break;
    case S::kRead:
      ok(ApproveExchange(e, {}, false, {}, kNow));
      ok(ForwardExchange(e, std::nullopt, kNow));
      ok(MarkExchangeRead(e, std::nullopt, kNow));
      break;
    case S::kReturnedForChanges: ok(ReturnExchange(e, "Please leave out the school's name", kNow)); break;
    case S::kWithheld: ok(WithholdExchange(e, WithheldReason::kSafeguarding, "", kNow)); break;
  }
  EXPECT_EQ(e.status, status);
  return e;
}

const std::vector<S> kAllStatuses = {S::kReceived, S::kInReview,           S::kApproved, S::kForwarded,
                                     S::kRead,     S::kReturnedForChanges, S::kWithheld};

TEST(Sha256Hex, IsTheStandardDigestInLowerCaseHex) {
  // FIPS 180-2, appendix B.1.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(ReceiveExchange, StartsReceivedWithItsFirstVersionAndFlags) {
  Exchange e = Receive().value();
  EXPECT_EQ(e.status, S::kReceived);
  EXPECT_EQ(e.received_date, kToday);
  EXPECT_EQ(e.due_date, Date(2025, 5, 31));
  EXPECT_EQ(e.created_by, "sender-account");
  EXPECT_EQ(e.version, 1);
  ASSERT_EQ(e.versions.size(), 1u);
  const ExchangeVersion& v1 = e.versions[0];
  EXPECT_EQ(v1.number, 1);
  EXPECT_EQ(v1.origin, ExchangeVersion::Origin::kReceived);
  EXPECT_EQ(v1.content, kLetter);
  EXPECT_EQ(v1.content_sha256, Sha256Hex(kLetter));
  EXPECT_EQ(v1.recorded_by, "sender-account");
  // Flags in content order, offsets in code points, with their text.
  ASSERT_EQ(e.flags.size(), 3u);
  EXPECT_EQ(e.flags[0].kind, DetailKind::kSchool);
  EXPECT_EQ(e.flags[0].start, 27);
  EXPECT_EQ(e.flags[0].text, "Oakfield Primary");
  EXPECT_EQ(e.flags[1].text, "Leeds");
  EXPECT_EQ(e.flags[2].text, "Smiths");
  EXPECT_EQ(LatestSenderVersion(e), &e.versions[0]);
  EXPECT_EQ(VersionForRecipient(e), nullptr);
}

TEST(ReceiveExchange, CleansTheContentBeforeTheDetectorReadsIt) {
  auto item = Letter();
  item.content = "  Dear Kelly,\r\nLove from Zoe\xCC\x88 \n";  // CRLF, a decomposed ë, spaces around
  std::string seen;
  FlagFinder finder = [&seen](std::string_view content) {
    seen = std::string(content);
    return std::vector<Span>{{DetailKind::kPersonName, 22, 25, "", "a name"}};
  };
  Exchange e = Receive(item, finder).value();
  EXPECT_EQ(e.versions[0].content, "Dear Kelly,\nLove from Zo\xC3\xAB");
  EXPECT_EQ(seen, e.versions[0].content);
  EXPECT_EQ(e.flags[0].text, "Zo\xC3\xAB");
  item.received_date = Date(2025, 6, 2);
  EXPECT_EQ(Receive(item).value().received_date, Date(2025, 6, 2));
}

TEST(ReceiveExchange, RefusesALetterOverTheLimitNamingItAndTheLimit) {
  auto item = Letter();
  item.content = std::string(1 << 20, 'a');  // 1 MiB
  absl::Status s = Receive(item).status();
  ASSERT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  auto violations = platform::FieldViolationsOf(s);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "exchange.content");
  EXPECT_NE(violations[0].description.find("at most 20000 characters"), std::string::npos) << violations[0].description;
  // Characters, not bytes: 20,000 "é" (40,000 bytes) fit, one more does not.
  std::string accents;
  for (size_t i = 0; i < kMaxContentCharacters; ++i) accents += "\xC3\xA9";
  item.content = accents;
  EXPECT_TRUE(Receive(item).ok());
  item.content += "e";
  EXPECT_EQ(FieldsOf(Receive(item).status()), std::vector<std::string>{"exchange.content"});
}

TEST(ReceiveExchange, RefusesControlCharactersAndInvalidUtf8) {
  for (const std::string& bad :
       {std::string("Dear Kelly \x1B[2J"), std::string("Dear\0Kelly", 10), std::string("Dear Kelly \xC3\x28"),
        std::string("Dear \xED\xA0\x80 Kelly"), std::string("Dear Kelly \xE2\x80\xAE")}) {
    auto item = Letter();
    item.content = bad;
    EXPECT_EQ(FieldsOf(Receive(item).status()), std::vector<std::string>{"exchange.content"});
  }
}

TEST(ReceiveExchange, APhotoOrDrawingNeedsAnAttachmentALetterContentOrAScan) {
  for (ItemKind kind : {ItemKind::kPhoto, ItemKind::kDrawing}) {
    auto item = Letter();
    item.item_kind = kind;
    EXPECT_EQ(FieldsOf(Receive(item).status()), std::vector<std::string>{"exchange.attachments"}) << ItemKindName(kind);
    item.content.clear();
    item.attachments = {Photo()};
    EXPECT_TRUE(Receive(item).ok()) << ItemKindName(kind);
  }
  for (ItemKind kind : {ItemKind::kLetter, ItemKind::kCard, ItemKind::kOther}) {
    auto item = Letter();
    item.item_kind = kind;
    item.content = " \n ";  // blank once cleaned
    EXPECT_EQ(FieldsOf(Receive(item).status()), std::vector<std::string>{"exchange.content"}) << ItemKindName(kind);
    item.attachments = {{"application/pdf", "Scanned letter", Sha256Hex("scan"), 300'000}};
    EXPECT_TRUE(Receive(item).ok()) << ItemKindName(kind);
  }
}

TEST(ReceiveExchange, TheReceivedDateIsNeverInTheFuture) {
  auto item = Letter();
  item.received_date = Date(2025, 6, 21);
  EXPECT_EQ(FieldsOf(Receive(item).status()), std::vector<std::string>{"exchange.received_date"});
}

TEST(ReceiveExchange, ReportsEveryBadFieldAtOnceKeepingEarlierOnes) {
  ReceivedItem item{.sender = " ", .recipient = "", .content = "\x07"};
  item.attachments.resize(kMaxAttachments + 1, Photo());
  item.attachments[1] = {.media_type = "image/gif", .description = "Two\nlines", .sha256 = "ABC", .size_bytes = 0};
  item.attachments[2].size_bytes = kMaxAttachmentBytes + 1;
  platform::Validation shape;
  shape.Add("exchange.due_date", "2025-02-30 is not a calendar date");
  absl::Status s = ReceiveExchange("e1", item, kNoFlags, kNow, "exchange.", shape).status();
  EXPECT_EQ(FieldsOf(s), (std::vector<std::string>{
                             "exchange.due_date", "exchange.sender", "exchange.recipient", "exchange.item_kind",
                             "exchange.content", "exchange.attachments", "exchange.attachments[1].media_type",
                             "exchange.attachments[1].size_bytes", "exchange.attachments[1].sha256",
                             "exchange.attachments[1].description", "exchange.attachments[2].size_bytes"}));
  item = Letter();
  item.recipient = item.sender;
  EXPECT_EQ(FieldsOf(Receive(item).status()), std::vector<std::string>{"exchange.recipient"});
}

TEST(ReceiveExchange, ADetectorSpanOutsideTheContentIsAnInternalError) {
  FlagFinder broken = [](std::string_view content) {
    return std::vector<Span>{{DetailKind::kTown, 0, Characters(content) + 1, "", ""}};
  };
  EXPECT_EQ(Receive(Letter(), broken).status().code(), absl::StatusCode::kInternal);
  FlagFinder misquoting = [](std::string_view) { return std::vector<Span>{{DetailKind::kTown, 0, 4, "Leeds", ""}}; };
  EXPECT_EQ(Receive(Letter(), misquoting).status().code(), absl::StatusCode::kInternal);
  // A photo flag with no span is about an attachment; one with a span is checked.
  FlagFinder photo = [](std::string_view) { return std::vector<Span>{{DetailKind::kPhoto, 0, 0, "", ""}}; };
  EXPECT_TRUE(Receive(Letter(), photo).ok());
  photo = [](std::string_view) { return std::vector<Span>{{DetailKind::kPhoto, -1, 99999, "", ""}}; };
  EXPECT_EQ(Receive(Letter(), photo).status().code(), absl::StatusCode::kInternal);
}

TEST(ExchangeStatus, EveryChangeFollowsTheTableAndStayingPutIsNotAChange) {
  for (S from : kAllStatuses) {
    for (S to : kAllStatuses) {
      bool listed = false;
      for (const auto& change : AllowedExchangeStatusChanges()) listed |= change.from == from && change.to == to;
      EXPECT_EQ(CanChangeExchangeStatus(from, to), listed)
          << ExchangeStatusName(from) << " -> " << ExchangeStatusName(to);
      if (from == to) {
        EXPECT_FALSE(listed) << ExchangeStatusName(from);
      }
    }
  }
  // Withheld and read are final.
  EXPECT_TRUE(platform::NextStatuses(AllowedExchangeStatusChanges(), S::kWithheld).empty());
  EXPECT_TRUE(platform::NextStatuses(AllowedExchangeStatusChanges(), S::kRead).empty());
}

// Each verb with good input, the status it leads to and, as docs/domain.md §5 has
// it, the statuses it applies from.
struct Verb {
  const char* name;
  S to;
  std::vector<S> from;
  std::function<absl::Status(Exchange&)> apply;
};
const std::vector<Verb>& Verbs() {
  static const std::vector<Verb> verbs = {
      {"StartReview", S::kInReview, {S::kReceived}, [](Exchange& e) { return StartReview(e, On(kToday, 999)); }},
      {"Approve",
       S::kApproved,
       {S::kReceived, S::kInReview},
       [](Exchange& e) { return ApproveExchange(e, {}, false, {}, On(kToday, 999)); }},
      {"Return",
       S::kReturnedForChanges,
       {S::kReceived, S::kInReview},
       [](Exchange& e) { return ReturnExchange(e, "Leave out the town", On(kToday, 999)); }},
      {"Resubmit",
       S::kReceived,
       {S::kReturnedForChanges},
       [](Exchange& e) {
         return ResubmitExchange(e, "Dear Kelly, love from us", {}, kDetector, On(kToday, 999), "exchange.");
       }},
      {"Withhold",
       S::kWithheld,
       {S::kReceived, S::kInReview, S::kApproved, S::kReturnedForChanges},
       [](Exchange& e) { return WithholdExchange(e, WithheldReason::kDistressingContent, "", On(kToday, 999)); }},
      {"Forward",
       S::kForwarded,
       {S::kApproved},
       [](Exchange& e) { return ForwardExchange(e, std::nullopt, On(kToday, 999)); }},
      {"MarkRead",
       S::kRead,
       {S::kForwarded},
       [](Exchange& e) { return MarkExchangeRead(e, std::nullopt, On(kToday, 999)); }},
  };
  return verbs;
}

TEST(ExchangeVerbs, EachAppliesExactlyFromTheStatusesTheTableAllows) {
  for (const Verb& verb : Verbs()) {
    for (S from : kAllStatuses) {
      Exchange e = ExchangeIn(from);
      const Exchange before = e;
      absl::Status s = verb.apply(e);
      const std::string what = absl::StrCat(verb.name, " from ", ExchangeStatusName(from));
      const bool allowed = std::find(verb.from.begin(), verb.from.end(), from) != verb.from.end();
      EXPECT_EQ(CanChangeExchangeStatus(from, verb.to), allowed) << what;
      if (allowed) {
        ASSERT_TRUE(s.ok()) << what << ": " << s;
        EXPECT_EQ(e.status, verb.to) << what;
        EXPECT_EQ(e.updated_at, 999) << what;
      } else {
        EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << what << ": " << s;
        EXPECT_EQ(e.status, from) << what;
        EXPECT_EQ(e.updated_at, before.updated_at) << what;
        EXPECT_EQ(e.versions.size(), before.versions.size()) << what;
      }
    }
  }
}

TEST(ExchangeVerbs, ARefusalNamesTheStatusAndWhereItCanGo) {
  Exchange e = ExchangeIn(S::kReceived);
  absl::Status s = ForwardExchange(e, std::nullopt, kNow);
  EXPECT_EQ(s.message(), "an exchange RECEIVED cannot become FORWARDED");
  auto violations = platform::PreconditionViolationsOf(s);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].description,
            "from RECEIVED it can become IN_REVIEW or APPROVED or RETURNED_FOR_CHANGES or WITHHELD");
  e = ExchangeIn(S::kRead);
  violations = platform::PreconditionViolationsOf(WithholdExchange(e, WithheldReason::kSafeguarding, "", kNow));
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].description, "READ is final");
}

TEST(ReceiveExchange, TakesTheAgencysDetectorAndItsOffsetsFitTheContent) {
  const FlagFinder detector = [](std::string_view content) {
    return FlagIdentifyingDetails(content, {}, {}, Lexicon::Embedded());
  };
  auto item = Letter();
  item.content = "Zo\xC3\xAB \xF0\x9F\x98\x80 says write to zoe.fan@example.com or LS1 4AB!";
  Exchange e = Receive(item, detector).value();
  ASSERT_FALSE(e.flags.empty());
  ASSERT_TRUE(ApproveExchange(e, {}, false, {}, kNow).ok());
  const std::string& redacted = e.versions.back().content;
  EXPECT_EQ(redacted.find("example.com"), std::string::npos) << redacted;
  EXPECT_EQ(redacted.find("4AB"), std::string::npos) << redacted;
  EXPECT_EQ(redacted.rfind("Zo\xC3\xAB \xF0\x9F\x98\x80 says write to ", 0), 0u) << redacted;
}

TEST(ApproveExchange, WithoutRedactionsGivenRedactsEveryFlag) {
  Exchange e = ExchangeIn(S::kInReview);
  ASSERT_TRUE(ApproveExchange(e, {}, false, {}, On(Date(2025, 6, 21))).ok());
  EXPECT_EQ(e.approved_date, Date(2025, 6, 21));
  ASSERT_EQ(e.versions.size(), 2u);
  const ExchangeVersion& redacted = e.versions[1];
  EXPECT_EQ(redacted.origin, ExchangeVersion::Origin::kRedacted);
  EXPECT_EQ(redacted.number, 2);
  EXPECT_EQ(redacted.content, absl::StrCat("Dear Kelly,\nZo\xC3\xAB started at ", kMarker, " in ", kMarker,
                                           " this year \xF0\x9F\x98\x80\nLove from the ", kMarker));
  EXPECT_EQ(redacted.content_sha256, Sha256Hex(redacted.content));
  EXPECT_NE(redacted.content_sha256, e.versions[0].content_sha256);
  EXPECT_EQ(e.versions[0].content, kLetter);
  ASSERT_EQ(e.redactions.size(), 3u);
  EXPECT_EQ(e.redactions[2].text, "Smiths");
  EXPECT_EQ(VersionForRecipient(e), &e.versions[1]);
  EXPECT_EQ(LatestSenderVersion(e), &e.versions[0]);
}

TEST(ApproveExchange, NoRedactionsApprovesItAsWrittenAndIsRefusedWithRedactions) {
  Exchange e = ExchangeIn(S::kReceived);
  std::vector<Span> one = {e.flags[0]};
  EXPECT_EQ(FieldsOf(ApproveExchange(e, one, true, {}, kNow)), std::vector<std::string>{"no_redactions"});
  EXPECT_EQ(e.status, S::kReceived);
  ASSERT_TRUE(ApproveExchange(e, {}, true, {}, kNow).ok());
  EXPECT_EQ(e.versions[1].content, kLetter);
  EXPECT_EQ(e.versions[1].content_sha256, e.versions[0].content_sha256);
  EXPECT_TRUE(e.redactions.empty());
}

TEST(ApproveExchange, TheCoordinatorsRedactionsReplaceTheFlags) {
  Exchange e = ExchangeIn(S::kReceived);
  // Keeps the town (harmless, say), drops nothing else, adds "Kelly" by offsets alone.
  std::vector<Span> chosen = {e.flags[2], e.flags[0], {DetailKind::kPersonName, 5, 10, "", ""}};
  ASSERT_TRUE(ApproveExchange(e, chosen, false, {}, kNow).ok());
  EXPECT_EQ(e.versions[1].content, absl::StrCat("Dear ", kMarker, ",\nZo\xC3\xAB started at ", kMarker,
                                                " in Leeds this year \xF0\x9F\x98\x80\nLove from the ", kMarker));
  ASSERT_EQ(e.redactions.size(), 3u);  // by start, text filled in
  EXPECT_EQ(e.redactions[0].text, "Kelly");
  EXPECT_EQ(e.redactions[1].kind, DetailKind::kSchool);
}

TEST(ApproveExchange, RefusesSpansOutsideTheContentOrNotMatchingIt) {
  Exchange e = ExchangeIn(S::kInReview);
  const int length = Characters(kLetter);
  std::vector<Span> bad = {
      {DetailKind::kTown, e.flags[1].start, e.flags[1].end, "Leds", ""},  // text not the content's
      {DetailKind::kSurname, length - 3, length + 1, "", ""},             // past the end
      {DetailKind::kSchool, -1, 4, "", ""},                               // before the start
      {DetailKind::kPostcode, 9, 9, "", ""},                              // empty
      {DetailKind::kSurname, length - 6, length, "Smiths", ""},           // fine
  };
  const Exchange before = e;
  EXPECT_EQ(FieldsOf(ApproveExchange(e, bad, false, {}, kNow)),
            (std::vector<std::string>{"redactions[0].text", "redactions[1].end_offset", "redactions[2].start_offset",
                                      "redactions[3].end_offset"}));
  EXPECT_EQ(e.status, S::kInReview);
  EXPECT_EQ(e.versions.size(), before.versions.size());
  EXPECT_TRUE(e.redactions.empty());
}

TEST(ApproveExchange, KeepsTheAttachmentsNotWithheld) {
  auto item = Letter();
  item.attachments = {Photo("Zoë at the beach"), Photo("Zoë in school uniform"), Photo("Drawing of the dog")};
  Exchange e = Receive(item).value();
  EXPECT_EQ(FieldsOf(ApproveExchange(e, {}, false, {3, 1, 1}, kNow)),
            (std::vector<std::string>{"withheld_attachments[0]", "withheld_attachments[2]"}));
  ASSERT_TRUE(ApproveExchange(e, {}, false, {1}, kNow).ok());
  ASSERT_EQ(e.versions[1].attachments.size(), 2u);
  EXPECT_EQ(e.versions[1].attachments[0].description, "Zoë at the beach");
  EXPECT_EQ(e.versions[1].attachments[1].description, "Drawing of the dog");
  EXPECT_EQ(e.versions[0].attachments.size(), 3u);
}

TEST(ApproveExchange, WithholdingAPhotosOnlyAttachmentLeavesNothingToForward) {
  ReceivedItem item{.sender = "p1", .recipient = "p2", .item_kind = ItemKind::kPhoto, .attachments = {Photo()}};
  Exchange e = Receive(item).value();
  EXPECT_EQ(FieldsOf(ApproveExchange(e, {}, false, {0}, kNow)), std::vector<std::string>{"withheld_attachments"});
  EXPECT_TRUE(ApproveExchange(e, {{DetailKind::kPhoto, 0, 0, "", "uniform badge"}}, false, {}, kNow).ok());
}

TEST(ApplyRedactions, CountsCodePointsNotBytes) {
  // "Zoë" is 3 code points (4 bytes); the emoji 1 (4 bytes).
  const std::string text = "Love from Zo\xC3\xAB \xF0\x9F\x90\xB6 in Leeds";
  EXPECT_EQ(ApplyRedactions(text, {{DetailKind::kPersonName, 10, 13}}),
            absl::StrCat("Love from ", kMarker, " \xF0\x9F\x90\xB6 in Leeds"));
  EXPECT_EQ(ApplyRedactions(text, {{DetailKind::kTown, 19, 24}}),
            absl::StrCat("Love from Zo\xC3\xAB \xF0\x9F\x90\xB6 in ", kMarker));
  EXPECT_EQ(ApplyRedactions(text, {{DetailKind::kSocialMedia, 14, 15}}),
            absl::StrCat("Love from Zo\xC3\xAB ", kMarker, " in Leeds"));
  EXPECT_EQ(ApplyRedactions(text, {}), text);
}

TEST(ApplyRedactions, MergesOverlappingAndAdjacentSpansIntoOneMarker) {
  const std::string text = "12 High Street, Leeds LS1 4AB";
  // Overlapping, in any order.
  EXPECT_EQ(ApplyRedactions(text, {{DetailKind::kTown, 16, 21}, {DetailKind::kAddress, 0, 18}}),
            absl::StrCat(kMarker, " LS1 4AB"));
  // Touching: one marker, not two side by side.
  EXPECT_EQ(ApplyRedactions(text, {{DetailKind::kAddress, 0, 14}, {DetailKind::kTown, 14, 21}}),
            absl::StrCat(kMarker, " LS1 4AB"));
  // A gap of one character keeps them apart; a span inside another disappears into it.
  EXPECT_EQ(ApplyRedactions(text, {{DetailKind::kTown, 16, 21},
                                   {DetailKind::kPostcode, 22, 29},
                                   {DetailKind::kPostcode, 23, 25},
                                   {DetailKind::kAddress, 0, 15}}),
            absl::StrCat(kMarker, " ", kMarker, " ", kMarker));
}

TEST(ApplyRedactions, RemovesWholeCharactersNeverHalfOfOne) {
  // "Zoe" + COMBINING DIAERESIS: a span over "Zoe" takes the accent with it.
  EXPECT_EQ(ApplyRedactions("Zoe\xCC\x88 says hi", {{DetailKind::kPersonName, 0, 3}}),
            absl::StrCat(kMarker, " says hi"));
  // Woman ZWJ girl (3 code points): a span over the woman takes the whole family.
  const std::string family = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  EXPECT_EQ(ApplyRedactions("us " + family + " x", {{DetailKind::kPersonName, 3, 4}}),
            absl::StrCat("us ", kMarker, " x"));
  // A thumbs-up with a skin tone: a span over the tone alone takes the thumb too.
  EXPECT_EQ(ApplyRedactions("ok \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD!", {{DetailKind::kPersonName, 4, 5}}),
            absl::StrCat("ok ", kMarker, "!"));
}

TEST(ApplyRedactions, ClampsToTheContentAndSkipsEmptySpans) {
  EXPECT_EQ(ApplyRedactions("Leeds", {{DetailKind::kTown, -4, 99}}), kMarker);
  EXPECT_EQ(ApplyRedactions("Leeds", {{DetailKind::kTown, 3, 3}, {DetailKind::kPhoto, 0, 0}}), "Leeds");
  // A photo's description in the text is redacted like any other detail.
  EXPECT_EQ(ApplyRedactions("Zoë in her uniform", {{DetailKind::kPhoto, 4, 18}}), absl::StrCat("Zoë ", kMarker));
}

TEST(ExchangeVersions, StayAsWrittenThroughReturnResubmitAndApproval) {
  Exchange e = ExchangeIn(S::kInReview);
  const ExchangeVersion original = e.versions[0];
  ASSERT_TRUE(ReturnExchange(e, "  Please leave out the school and the town.\r\n", kNow).ok());
  EXPECT_EQ(e.return_note, "Please leave out the school and the town.");
  EXPECT_EQ(VersionForRecipient(e), nullptr);

  const std::string rewrite = "Dear Kelly,\nZo\xC3\xAB started school this year.\nLove from the Smiths";
  ASSERT_TRUE(
      ResubmitExchange(e, rewrite, {Photo()}, kDetector, On(Date(2025, 6, 25), 500, "sender-account"), "exchange.")
          .ok());
  EXPECT_EQ(e.status, S::kReceived);
  EXPECT_EQ(e.received_date, kToday);  // the first receipt answered the due date
  EXPECT_EQ(e.review_started_date, std::nullopt);
  EXPECT_EQ(e.return_note, "Please leave out the school and the town.");
  ASSERT_EQ(e.versions.size(), 2u);
  EXPECT_EQ(e.versions[1].origin, ExchangeVersion::Origin::kRewritten);
  EXPECT_EQ(e.versions[1].number, 2);
  EXPECT_EQ(e.versions[1].recorded_at, 500);
  EXPECT_EQ(e.versions[1].attachments.size(), 1u);
  ASSERT_EQ(e.flags.size(), 1u);  // the rewrite's own
  EXPECT_EQ(e.flags[0].text, "Smiths");
  EXPECT_EQ(LatestSenderVersion(e), &e.versions[1]);

  ASSERT_TRUE(ApproveExchange(e, {}, false, {}, On(Date(2025, 6, 26))).ok());
  ASSERT_EQ(e.versions.size(), 3u);
  EXPECT_EQ(e.versions[2].content,
            absl::StrCat("Dear Kelly,\nZo\xC3\xAB started school this year.\nLove from the ", kMarker));
  // Earlier versions untouched; every version hashes its own content.
  EXPECT_EQ(e.versions[0].content, original.content);
  EXPECT_EQ(e.versions[0].content_sha256, original.content_sha256);
  EXPECT_EQ(e.versions[0].recorded_at, original.recorded_at);
  EXPECT_EQ(e.versions[1].content, rewrite);
  EXPECT_NE(e.versions[0].content_sha256, e.versions[1].content_sha256);
  EXPECT_NE(e.versions[1].content_sha256, e.versions[2].content_sha256);
  for (const ExchangeVersion& v : e.versions) EXPECT_EQ(v.content_sha256, Sha256Hex(v.content)) << v.number;
  EXPECT_EQ(VersionForRecipient(e), &e.versions[2]);
}

TEST(ResubmitExchange, ChecksTheRewriteAsAnItemAndClearsRedactions) {
  Exchange e = ExchangeIn(S::kReturnedForChanges);
  e.redactions = {{DetailKind::kTown, 0, 1, "D", ""}};
  EXPECT_EQ(FieldsOf(ResubmitExchange(e, "", {}, kDetector, kNow, "exchange.")),
            std::vector<std::string>{"exchange.content"});
  EXPECT_EQ(FieldsOf(ResubmitExchange(e, "Hi\x1B", {}, kDetector, kNow, "exchange.")),
            std::vector<std::string>{"exchange.content"});
  EXPECT_EQ(e.versions.size(), 1u);
  ASSERT_TRUE(ResubmitExchange(e, "Hello", {}, kDetector, kNow, "exchange.").ok());
  EXPECT_TRUE(e.redactions.empty());
  EXPECT_TRUE(e.flags.empty());
}

TEST(ReturnExchange, NeedsANoteOfAtMost2000Characters) {
  Exchange e = ExchangeIn(S::kReceived);
  EXPECT_EQ(FieldsOf(ReturnExchange(e, " \n", kNow)), std::vector<std::string>{"note"});
  EXPECT_EQ(FieldsOf(ReturnExchange(e, std::string(kMaxNoteCharacters + 1, 'n'), kNow)),
            std::vector<std::string>{"note"});
  EXPECT_EQ(FieldsOf(ReturnExchange(e, "Please\x1B", kNow)), std::vector<std::string>{"note"});
  EXPECT_EQ(e.status, S::kReceived);
  EXPECT_TRUE(ReturnExchange(e, std::string(kMaxNoteCharacters, 'n'), kNow).ok());
}

TEST(WithholdExchange, NeedsAReasonAndANoteForOther) {
  Exchange e = ExchangeIn(S::kApproved);
  EXPECT_EQ(FieldsOf(WithholdExchange(e, std::nullopt, "", kNow)), std::vector<std::string>{"reason"});
  EXPECT_EQ(FieldsOf(WithholdExchange(e, WithheldReason::kOther, " ", kNow)), std::vector<std::string>{"note"});
  ASSERT_TRUE(WithholdExchange(e, WithheldReason::kOther, "Sent after the arrangement was put on hold", kNow).ok());
  EXPECT_EQ(e.withheld_reason, WithheldReason::kOther);
  EXPECT_EQ(e.withheld_note, "Sent after the arrangement was put on hold");
  // An approved version withheld is no longer the recipient's.
  EXPECT_EQ(VersionForRecipient(e), nullptr);
}

TEST(ForwardExchange, OnADayFromTheApprovalToToday) {
  Exchange e = ExchangeIn(S::kReceived);
  ASSERT_TRUE(ApproveExchange(e, {}, false, {}, On(Date(2025, 6, 10))).ok());
  EXPECT_EQ(FieldsOf(ForwardExchange(e, Date(2025, 6, 9), kNow)), std::vector<std::string>{"forwarded_date"});
  EXPECT_EQ(FieldsOf(ForwardExchange(e, Date(2025, 6, 21), kNow)), std::vector<std::string>{"forwarded_date"});
  ASSERT_TRUE(ForwardExchange(e, Date(2025, 6, 10), kNow).ok());
  EXPECT_EQ(e.forwarded_date, Date(2025, 6, 10));
  EXPECT_EQ(VersionForRecipient(e), &e.versions[1]);
  // Read: not before it was forwarded, not in the future; today by default.
  EXPECT_EQ(FieldsOf(MarkExchangeRead(e, Date(2025, 6, 9), kNow)), std::vector<std::string>{"read_date"});
  EXPECT_EQ(FieldsOf(MarkExchangeRead(e, Date(2025, 6, 21), kNow)), std::vector<std::string>{"read_date"});
  ASSERT_TRUE(MarkExchangeRead(e, std::nullopt, kNow).ok());
  EXPECT_EQ(e.read_date, kToday);
  EXPECT_EQ(VersionForRecipient(e), &e.versions[1]);
}

ContactArrangement TwoWay() {
  ContactArrangement a;
  a.id = "a1";
  a.details.parties = {{"p1", PartyRole::kAdoptiveFamily, "Mum and Dad", ""},
                       {"p2", PartyRole::kBirthMother, "Kelly", ""},
                       {"p3", PartyRole::kGrandparent, "Nan", ""}};
  a.details.two_way = true;
  a.details.status = ArrangementStatus::kActive;
  return a;
}

TEST(CheckMayExchange, BetweenTheTwoSidesOfAnActiveArrangement) {
  ContactArrangement a = TwoWay();
  EXPECT_TRUE(CheckMayExchange(a, "p1", "p2", "exchange.").ok());
  EXPECT_TRUE(CheckMayExchange(a, "p3", "p1", "exchange.").ok());
  EXPECT_EQ(FieldsOf(CheckMayExchange(a, "p9", "p1", "exchange.")), std::vector<std::string>{"exchange.sender"});
  EXPECT_EQ(FieldsOf(CheckMayExchange(a, "p2", "p3", "exchange.")), std::vector<std::string>{"exchange.recipient"});
  a.details.status = ArrangementStatus::kOnHold;
  EXPECT_EQ(CheckMayExchange(a, "p1", "p2", "exchange.").code(), absl::StatusCode::kFailedPrecondition);
  a = TwoWay();
  a.details.two_way = false;
  EXPECT_TRUE(CheckMayExchange(a, "p1", "p2", "exchange.").ok());
  EXPECT_EQ(CheckMayExchange(a, "p2", "p1", "exchange.").code(), absl::StatusCode::kFailedPrecondition);
}

TEST(ExchangeDueDates, AreTheLastDaysOfTheExchangeMonths) {
  // Yearly in May.
  EXPECT_EQ(ExchangeDueDates({5}, Date(2025, 5, 1), Date(2037, 3, 14), Date(2025, 1, 1), Date(2027, 12, 31)),
            (std::vector<Date>{Date(2025, 5, 31), Date(2026, 5, 31), Date(2027, 5, 31)}));
  // Across a year end, February in a common year and a leap year.
  EXPECT_EQ(ExchangeDueDates({2, 11}, Date(2020, 1, 1), Date(2037, 1, 1), Date(2025, 10, 1), Date(2028, 3, 31)),
            (std::vector<Date>{Date(2025, 11, 30), Date(2026, 2, 28), Date(2026, 11, 30), Date(2027, 2, 28),
                               Date(2027, 11, 30), Date(2028, 2, 29)}));
  EXPECT_EQ(ExchangeDueDates({12, 1}, Date(2020, 1, 1), Date(2037, 1, 1), Date(2025, 12, 1), Date(2026, 1, 31)),
            (std::vector<Date>{Date(2025, 12, 31), Date(2026, 1, 31)}));
}

TEST(ExchangeDueDates, KeepWithinTheArrangementAndTheWindow) {
  // Starts and ends mid-year: June 2025's due date counts, June 2027's is after the end.
  EXPECT_EQ(ExchangeDueDates({6, 12}, Date(2025, 6, 15), Date(2027, 6, 15), Date(2000, 1, 1), Date(2040, 1, 1)),
            (std::vector<Date>{Date(2025, 6, 30), Date(2025, 12, 31), Date(2026, 6, 30), Date(2026, 12, 31)}));
  // The window narrows it: both bounds are inclusive.
  EXPECT_EQ(ExchangeDueDates({6, 12}, Date(2025, 6, 15), Date(2027, 6, 15), Date(2025, 12, 31), Date(2026, 6, 30)),
            (std::vector<Date>{Date(2025, 12, 31), Date(2026, 6, 30)}));
  // Starting on the last day of the month still owes that month's exchange; after it, not.
  EXPECT_EQ(ExchangeDueDates({6}, Date(2025, 6, 30), Date(2026, 6, 1), Date(2025, 1, 1), Date(2026, 12, 31)),
            std::vector<Date>{Date(2025, 6, 30)});
  EXPECT_TRUE(ExchangeDueDates({6}, Date(2025, 7, 1), Date(2026, 6, 1), Date(2025, 1, 1), Date(2026, 12, 31)).empty());
  // No overlap, no months, months out of range, a month given twice.
  EXPECT_TRUE(ExchangeDueDates({5}, Date(2025, 1, 1), Date(2026, 1, 1), Date(2026, 2, 1), Date(2027, 1, 1)).empty());
  EXPECT_TRUE(ExchangeDueDates({}, Date(2025, 1, 1), Date(2026, 1, 1), Date(2025, 1, 1), Date(2026, 1, 1)).empty());
  EXPECT_EQ(ExchangeDueDates({0, 13, 3, 3}, Date(2025, 1, 1), Date(2026, 1, 1), Date(2025, 1, 1), Date(2026, 1, 1)),
            std::vector<Date>{Date(2025, 3, 31)});
}

TEST(DueItemsFor, SaysWhatIsReceivedDueAReminderOrOverdue) {
  const Date due(2025, 5, 31);
  // 14 days' reminder, 28 days' grace.
  auto item = [&](Date today, const std::vector<ExchangeDates>& exchanges = {}) {
    return DueItemsFor({due}, "p2", exchanges, today, 14, 28).at(0);
  };
  struct Case {
    Date today;
    bool reminder_due, overdue;
  };
  for (const Case& c : std::vector<Case>{{Date(2025, 5, 16), false, false},
                                         {Date(2025, 5, 17), true, false},  // 14 days before
                                         {Date(2025, 5, 31), true, false},
                                         {Date(2025, 6, 1), false, false},
                                         {Date(2025, 6, 28), false, false},  // the last day of grace
                                         {Date(2025, 6, 29), false, true},
                                         {Date(2026, 1, 1), false, true}}) {
    DueItem d = item(c.today);
    EXPECT_EQ(d.due, due);
    EXPECT_FALSE(d.received);
    EXPECT_EQ(d.reminder_due, c.reminder_due) << platform::FormatDate(c.today);
    EXPECT_EQ(d.overdue, c.overdue) << platform::FormatDate(c.today);
  }
  // Received: the earliest of the sender's exchanges for that due date. Another
  // party's, or one for another due date, does not answer it.
  std::vector<ExchangeDates> exchanges = {
      {.sender = "p1", .recipient = "p2", .due_date = due, .received_date = Date(2025, 5, 2)},
      {.sender = "p2", .recipient = "p1", .due_date = Date(2024, 5, 31), .received_date = Date(2024, 6, 3)},
      {.sender = "p2", .recipient = "p1", .due_date = std::nullopt, .received_date = Date(2025, 5, 20)}};
  EXPECT_FALSE(item(Date(2025, 7, 1), exchanges).received);
  EXPECT_TRUE(item(Date(2025, 7, 1), exchanges).overdue);
  exchanges.push_back({.sender = "p2", .recipient = "p1", .due_date = due, .received_date = Date(2025, 6, 20)});
  exchanges.push_back({.sender = "p2", .recipient = "p1", .due_date = due, .received_date = Date(2025, 6, 10)});
  DueItem d = item(Date(2025, 7, 1), exchanges);
  EXPECT_TRUE(d.received);
  EXPECT_EQ(d.received_date, Date(2025, 6, 10));
  EXPECT_FALSE(d.overdue);
  EXPECT_FALSE(item(Date(2025, 5, 20), exchanges).reminder_due);
  // One item per due date, in the order given.
  auto items = DueItemsFor({Date(2024, 5, 31), due}, "p2", exchanges, Date(2025, 7, 1), 14, 28);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].received_date, Date(2024, 6, 3));
  EXPECT_TRUE(items[1].received);
}

TEST(DueItemsFor, TakeTheirFiguresFromTheCaller) {
  const Date due(2025, 5, 31);
  EXPECT_FALSE(DueItemsFor({due}, "p2", {}, Date(2025, 5, 20), 7, 0)[0].reminder_due);
  EXPECT_TRUE(DueItemsFor({due}, "p2", {}, Date(2025, 5, 20), 21, 0)[0].reminder_due);
  EXPECT_TRUE(DueItemsFor({due}, "p2", {}, Date(2025, 6, 1), 21, 0)[0].overdue);
  EXPECT_FALSE(DueItemsFor({due}, "p2", {}, Date(2025, 6, 1), 21, 1)[0].overdue);
}

TEST(AwaitingReply, WhenNothingCameBackWithinTheDaysExpected) {
  const Date forwarded(2025, 5, 31);
  std::vector<ExchangeDates> exchanges = {
      {.sender = "p1", .recipient = "p2", .received_date = Date(2025, 5, 2), .forwarded_date = forwarded},
      // Received before the forwarding: not a reply to it.
      {.sender = "p2", .recipient = "p1", .received_date = Date(2025, 5, 30)},
      // From someone else.
      {.sender = "p3", .recipient = "p1", .received_date = Date(2025, 6, 10)}};
  EXPECT_FALSE(AwaitingReply(true, "p2", exchanges, Date(2025, 7, 12), 42));  // day 42: not yet
  EXPECT_TRUE(AwaitingReply(true, "p2", exchanges, Date(2025, 7, 13), 42));
  EXPECT_FALSE(AwaitingReply(false, "p2", exchanges, Date(2025, 7, 13), 42));  // one-way: no reply expected
  EXPECT_FALSE(AwaitingReply(true, "p1", exchanges, Date(2025, 7, 13), 42));   // nothing forwarded to p1
  // An item from p2 on or after the forwarding day is the reply.
  auto replied = exchanges;
  replied.push_back({.sender = "p2", .recipient = "p1", .received_date = forwarded});
  EXPECT_FALSE(AwaitingReply(true, "p2", replied, Date(2025, 7, 13), 42));
  replied.back().received_date = Date(2025, 8, 1);
  EXPECT_FALSE(AwaitingReply(true, "p2", replied, Date(2025, 9, 1), 42));
  // A later forwarding with no reply since is awaited again.
  replied.push_back(
      {.sender = "p1", .recipient = "p2", .received_date = Date(2025, 8, 1), .forwarded_date = Date(2025, 8, 5)});
  EXPECT_FALSE(AwaitingReply(true, "p2", replied, Date(2025, 9, 16), 42));
  EXPECT_TRUE(AwaitingReply(true, "p2", replied, Date(2025, 9, 17), 42));
  // DatesOf reads them off an exchange.
  Exchange e = ExchangeIn(S::kForwarded);
  ExchangeDates dates = DatesOf(e);
  EXPECT_EQ(dates.sender, "p1");
  EXPECT_EQ(dates.recipient, "p2");
  EXPECT_EQ(dates.due_date, Date(2025, 5, 31));
  EXPECT_EQ(dates.received_date, kToday);
  EXPECT_EQ(dates.forwarded_date, kToday);
}

TEST(ExchangeNames, RoundTripForEveryValue) {
  for (int i = 0; i <= static_cast<int>(ItemKind::kOther); ++i) {
    EXPECT_EQ(ParseItemKind(ItemKindName(static_cast<ItemKind>(i))), static_cast<ItemKind>(i));
  }
  for (S s : kAllStatuses) EXPECT_EQ(ParseExchangeStatus(ExchangeStatusName(s)), s);
  for (int i = 0; i <= static_cast<int>(WithheldReason::kOther); ++i) {
    EXPECT_EQ(ParseWithheldReason(WithheldReasonName(static_cast<WithheldReason>(i))), static_cast<WithheldReason>(i));
  }
  for (int i = 0; i <= static_cast<int>(DetailKind::kDateOfBirth); ++i) {
    EXPECT_EQ(ParseDetailKind(DetailKindName(static_cast<DetailKind>(i))), static_cast<DetailKind>(i));
  }
  for (int i = 0; i <= static_cast<int>(ExchangeVersion::Origin::kRedacted); ++i) {
    auto origin = static_cast<ExchangeVersion::Origin>(i);
    EXPECT_EQ(ParseOrigin(OriginName(origin)), origin);
  }
  // The contract's names, without their prefixes.
  EXPECT_EQ(ExchangeStatusName(S::kReturnedForChanges), "RETURNED_FOR_CHANGES");
  EXPECT_EQ(ItemKindName(ItemKind::kDrawing), "DRAWING");
  EXPECT_EQ(WithheldReasonName(WithheldReason::kDistressingContent), "DISTRESSING_CONTENT");
  EXPECT_EQ(DetailKindName(DetailKind::kSurname), "SURNAME");
  EXPECT_EQ(DetailKindName(DetailKind::kSocialMedia), "SOCIAL_MEDIA");
  EXPECT_EQ(DetailKindName(DetailKind::kDateOfBirth), "DATE_OF_BIRTH");
  EXPECT_EQ(ParseExchangeStatus("EXCHANGE_STATUS_READ"), std::nullopt);
  EXPECT_EQ(ParseDetailKind("surname"), std::nullopt);
}

}  // namespace
}  // namespace letterbox
