#include "letterbox-svc/domain/exchange.h"

#include <openssl/evp.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <set>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "platform/core/enum_names.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"

namespace letterbox {
namespace {

using platform::CharacterCount;
using platform::Date;
using platform::TextKind;

// Offsets are counted in code points (the contract's unit) over well-formed UTF-8:
// at[i] is the byte where code point i starts, at.back() the content's size.
std::vector<size_t> CodePointStarts(std::string_view s) {
  std::vector<size_t> at;
  at.reserve(s.size() + 1);
  const int32_t length = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < length;) {
    at.push_back(static_cast<size_t>(i));
    UChar32 c;
    U8_NEXT(s.data(), i, length, c);
    (void)c;
  }
  at.push_back(s.size());
  return at;
}

// Debian's Abseil keeps its own string_view.
absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

int Length(const std::vector<size_t>& at) { return static_cast<int>(at.size()) - 1; }

std::string Slice(std::string_view s, const std::vector<size_t>& at, int start, int end) {
  return std::string(s.substr(at[start], at[end] - at[start]));
}

bool InContent(const Span& s, int length) { return s.start >= 0 && s.start < s.end && s.end <= length; }

void SortSpans(std::vector<Span>& spans) {
  std::stable_sort(spans.begin(), spans.end(),
                   [](const Span& a, const Span& b) { return std::tie(a.start, a.end) < std::tie(b.start, b.end); });
}

bool IsLowerHexSha256(const std::string& s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool IsAttachmentMediaType(const std::string& media_type) {
  return std::find(std::begin(kAttachmentMediaTypes), std::end(kAttachmentMediaTypes), media_type) !=
         std::end(kAttachmentMediaTypes);
}

// Widens byte ranges to grapheme cluster boundaries (Unicode UAX #29): a redaction
// that ends inside "👩‍👧" or before a combining accent would otherwise leave a
// stray half that shows next to the marker. Without ICU's break data the ranges stay
// as given (code points): nothing is shown that the coordinator did not see.
void WidenToCharacters(std::string_view content, std::vector<std::pair<int32_t, int32_t>>& ranges) {
  UErrorCode status = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, content.data(), static_cast<int64_t>(content.size()), &status);
  std::unique_ptr<icu::BreakIterator> characters(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  if (U_SUCCESS(status) && characters) characters->setText(text, status);
  if (U_SUCCESS(status) && characters) {
    // Over UTF-8 text the iterator's indices are byte offsets.
    for (auto& [begin, end] : ranges) {
      if (!characters->isBoundary(begin)) {
        const int32_t before = characters->preceding(begin);
        if (before != icu::BreakIterator::DONE) begin = before;
      }
      if (!characters->isBoundary(end)) {
        const int32_t after = characters->following(end);
        if (after != icu::BreakIterator::DONE) end = after;
      }
    }
  }
  characters.reset();
  utext_close(text);
}

std::string Plural(size_t n, const char* one, const char* many) { return absl::StrCat(n, " ", n == 1 ? one : many); }

// An item's content and attachments as they will be stored, checked by the rules for
// its kind.
struct Item {
  std::string content;
  std::vector<Attachment> attachments;
};

Item CleanItem(std::optional<ItemKind> kind, std::string_view content, std::vector<Attachment> attachments,
               const std::string& prefix, platform::Validation& v) {
  Item item;
  item.content = platform::CleanText(AbslView(content), TextKind::kMultiLine, prefix + "content", v);
  const size_t characters = CharacterCount(item.content);
  v.Check(characters <= kMaxContentCharacters, prefix + "content",
          absl::StrCat("is at most ", kMaxContentCharacters, " characters (a long letter is about 3,000 words); ",
                       "this has ", characters));
  v.Check(attachments.size() <= kMaxAttachments, prefix + "attachments",
          absl::StrCat("lists at most ", kMaxAttachments, " attachments; ", Plural(attachments.size(), "is", "are"),
                       " given"));
  for (size_t i = 0; i < attachments.size(); ++i) {
    Attachment& a = attachments[i];
    const std::string field = absl::StrCat(prefix, "attachments[", i, "].");
    v.Check(IsAttachmentMediaType(a.media_type), field + "media_type",
            "must be image/jpeg, image/png or application/pdf");
    v.Check(a.size_bytes > 0 && a.size_bytes <= kMaxAttachmentBytes, field + "size_bytes",
            absl::StrCat("must be from 1 to ", kMaxAttachmentBytes, " bytes (2 MiB)"));
    v.Check(IsLowerHexSha256(a.sha256), field + "sha256", "must be the lower-case hex SHA-256 of the bytes");
    a.description = platform::CleanText(a.description, TextKind::kSingleLine, field + "description", v);
    v.Check(CharacterCount(a.description) <= kMaxAttachmentDescriptionCharacters, field + "description",
            absl::StrCat("is at most ", kMaxAttachmentDescriptionCharacters, " characters"));
  }
  item.attachments = std::move(attachments);
  if (!kind) return item;
  // A photo or drawing is the attachment; a letter or card may be typed or scanned.
  if (*kind == ItemKind::kPhoto || *kind == ItemKind::kDrawing) {
    v.Check(!item.attachments.empty(), prefix + "attachments",
            absl::StrCat("a ", ItemKindName(*kind), " needs an attachment: the ",
                         *kind == ItemKind::kPhoto ? "photo" : "drawing", " itself"));
  } else {
    v.Check(!item.content.empty() || !item.attachments.empty(), prefix + "content",
            absl::StrCat("a ", ItemKindName(*kind), " needs content or an attachment (a scan)"));
  }
  return item;
}

// The detector's flags on the stored content, checked (a span outside it would
// redact the wrong words) and with their text filled in.
absl::StatusOr<std::vector<Span>> FindFlags(const FlagFinder& find_flags, const std::string& content) {
  if (!find_flags) return absl::InternalError("no detector of identifying details was given");
  std::vector<Span> flags = find_flags(content);
  const std::vector<size_t> at = CodePointStarts(content);
  for (size_t i = 0; i < flags.size(); ++i) {
    Span& f = flags[i];
    if (IsAttachmentSpan(f)) continue;
    if (!InContent(f, Length(at))) {
      return absl::InternalError(absl::StrCat("the detector's flag ", i, " (", DetailKindName(f.kind),
                                              ") spans characters ", f.start, " to ", f.end, " of ", Length(at)));
    }
    std::string text = Slice(content, at, f.start, f.end);
    if (f.text.empty()) {
      f.text = std::move(text);
    } else if (f.text != text) {
      return absl::InternalError(absl::StrCat("the detector's flag ", i, " (", DetailKindName(f.kind),
                                              ") does not match the content's text at its offsets"));
    }
  }
  SortSpans(flags);
  return flags;
}

ExchangeVersion NewVersion(const Exchange& e, ExchangeVersion::Origin origin, std::string content,
                           std::vector<Attachment> attachments, const platform::Revision& revision) {
  ExchangeVersion version;
  version.number = static_cast<int>(e.versions.size()) + 1;
  version.origin = origin;
  version.content_sha256 = Sha256Hex(content);
  version.content = std::move(content);
  version.attachments = std::move(attachments);
  version.recorded_at = revision.at;
  version.recorded_by = revision.actor;
  return version;
}

// A note a coordinator writes: multi-line, at most kMaxNoteCharacters; required
// when `required`.
std::string CleanNote(std::string_view note, bool required, const std::string& field, const std::string& why,
                      platform::Validation& v) {
  std::string cleaned = platform::CleanText(AbslView(note), TextKind::kMultiLine, field, v);
  if (required) v.Check(!cleaned.empty(), field, absl::StrCat("is required: ", why));
  v.Check(CharacterCount(cleaned) <= kMaxNoteCharacters, field,
          absl::StrCat("is at most ", kMaxNoteCharacters, " characters"));
  return cleaned;
}

// A day recorded for a step: given or today, not in the future, not before `after`
// (the step before it).
Date StepDay(std::optional<Date> day, std::optional<Date> after, const char* after_what, const std::string& field,
             const platform::Revision& revision, platform::Validation& v) {
  const Date d = day.value_or(revision.today);
  v.Check(d <= revision.today, field,
          absl::StrCat("must not be in the future (today is ", platform::FormatDate(revision.today), ")"));
  if (after) {
    v.Check(d >= *after, field,
            absl::StrCat("must not be before the day it was ", after_what, ", ", platform::FormatDate(*after)));
  }
  return d;
}

absl::Status CheckMove(const Exchange& e, ExchangeStatus to) {
  if (CanChangeExchangeStatus(e.status, to)) return absl::OkStatus();
  std::vector<std::string> allowed;
  for (ExchangeStatus next : platform::NextStatuses(AllowedExchangeStatusChanges(), e.status)) {
    allowed.push_back(ExchangeStatusName(next));
  }
  return platform::FailedPrecondition(
      absl::StrCat("an exchange ", ExchangeStatusName(e.status), " cannot become ", ExchangeStatusName(to)),
      {{"STATE", "status",
        allowed.empty()
            ? absl::StrCat(ExchangeStatusName(e.status), " is final")
            : absl::StrCat("from ", ExchangeStatusName(e.status), " it can become ", absl::StrJoin(allowed, " or "))}});
}

// The coordinator's redactions checked against the content they redact, with their
// text filled in; fields are ApproveExchangeRequest's.
void CheckRedactions(std::vector<Span>& redactions, std::string_view content, const std::vector<size_t>& at,
                     platform::Validation& v) {
  const int length = Length(at);
  for (size_t i = 0; i < redactions.size(); ++i) {
    Span& r = redactions[i];
    if (IsAttachmentSpan(r)) continue;  // no text: the attachment is kept out with withheld_attachments
    const std::string field = absl::StrCat("redactions[", i, "].");
    const bool start_ok = v.Check(r.start >= 0 && r.start < length, field + "start_offset",
                                  absl::StrCat("must be from 0 to the content's length less one (",
                                               Plural(static_cast<size_t>(length), "character", "characters"), ")"));
    const bool end_ok = v.Check(r.end > r.start && r.end <= length, field + "end_offset",
                                absl::StrCat("must be after start_offset and at most the content's length (",
                                             Plural(static_cast<size_t>(length), "character", "characters"), ")"));
    if (!start_ok || !end_ok) continue;
    std::string text = Slice(content, at, r.start, r.end);
    if (r.text.empty()) {
      r.text = std::move(text);
    } else {
      // The content is not quoted: errors are logged, and it is special-category data.
      v.Check(r.text == text, field + "text",
              absl::StrCat("is not the content's text from character ", r.start, " to ", r.end));
    }
  }
}

}  // namespace

const ExchangeVersion* VersionForRecipient(const Exchange& e) {
  if (e.status != ExchangeStatus::kApproved && e.status != ExchangeStatus::kForwarded &&
      e.status != ExchangeStatus::kRead) {
    return nullptr;
  }
  // The redaction of the latest sender version (the last one recorded), never an
  // earlier one's.
  if (e.versions.empty() || e.versions.back().origin != ExchangeVersion::Origin::kRedacted) return nullptr;
  return &e.versions.back();
}

const ExchangeVersion* LatestSenderVersion(const Exchange& e) {
  for (auto it = e.versions.rbegin(); it != e.versions.rend(); ++it) {
    if (it->origin != ExchangeVersion::Origin::kRedacted) return &*it;
  }
  return nullptr;
}

bool IsAttachmentSpan(const Span& span) { return span.kind == DetailKind::kPhoto && span.start == 0 && span.end == 0; }

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    // Only a broken libcrypto gets here; a version without its hash must not be stored.
    std::abort();
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

std::string ApplyRedactions(std::string_view content, std::vector<Span> spans) {
  const std::vector<size_t> at = CodePointStarts(content);
  const int length = Length(at);
  std::vector<std::pair<int32_t, int32_t>> ranges;  // bytes
  for (const Span& s : spans) {
    const int start = std::clamp(s.start, 0, length), end = std::clamp(s.end, 0, length);
    if (start < end) ranges.emplace_back(static_cast<int32_t>(at[start]), static_cast<int32_t>(at[end]));
  }
  if (ranges.empty()) return std::string(content);
  WidenToCharacters(content, ranges);
  std::sort(ranges.begin(), ranges.end());
  std::string out;
  int32_t copied = 0;  // bytes of `content` dealt with
  for (size_t i = 0; i < ranges.size();) {
    auto [begin, end] = ranges[i];
    // Overlapping or touching spans are one removal: two markers side by side would
    // only tell the reader how the coordinator happened to mark it.
    for (++i; i < ranges.size() && ranges[i].first <= end; ++i) end = std::max(end, ranges[i].second);
    out.append(content.substr(copied, begin - copied));
    out.append(kRedactionMarker);
    copied = end;
  }
  out.append(content.substr(copied));
  return out;
}

absl::Status CheckMayExchange(const ContactArrangement& arrangement, const std::string& sender,
                              const std::string& recipient, const std::string& prefix) {
  const auto party = [&](const std::string& id) -> const Party* {
    for (const Party& p : arrangement.details.parties) {
      if (p.party_id == id && p.role) return &p;
    }
    return nullptr;
  };
  const Party* from = party(sender);
  const Party* to = party(recipient);
  platform::Validation v;
  v.Check(from != nullptr, prefix + "sender", "is not a party of this arrangement");
  v.Check(to != nullptr, prefix + "recipient", "is not a party of this arrangement");
  if (from && to) {
    v.Check(IsBirthFamily(*from->role) != IsBirthFamily(*to->role), prefix + "recipient",
            "must be on the other side of the arrangement from the sender: the adoptive family and a birth "
            "relative write to each other through the agency");
  }
  RETURN_IF_ERROR(v.Status());
  const std::optional<ArrangementStatus> status = arrangement.details.status;
  if (status != ArrangementStatus::kActive) {
    const std::string name = status ? StatusName(*status) : "not set up";
    return platform::FailedPrecondition(
        absl::StrCat("the contact arrangement is ", name, ": no exchange is received"),
        {{"STATE", "contact_arrangement.status", "exchanges are received only while the arrangement is ACTIVE"}});
  }
  if (!arrangement.details.two_way && IsBirthFamily(*from->role)) {
    return platform::FailedPrecondition(
        "the contact arrangement is one-way: only the adoptive family sends",
        {{"ONE_WAY", "contact_arrangement.two_way", "a birth relative sends only under a two-way arrangement"}});
  }
  return absl::OkStatus();
}

absl::StatusOr<Exchange> ReceiveExchange(std::string id, ReceivedItem item, const FlagFinder& find_flags,
                                         const platform::Revision& revision, const std::string& prefix,
                                         platform::Validation v) {
  v.Check(!platform::IsBlank(item.sender), prefix + "sender", "is required: the party_id of the party sending");
  v.Check(!platform::IsBlank(item.recipient), prefix + "recipient", "is required: the party_id of the party it is for");
  if (!item.sender.empty()) v.Check(item.recipient != item.sender, prefix + "recipient", "must not be the sender");
  v.Check(item.item_kind.has_value(), prefix + "item_kind", "is required: LETTER, CARD, PHOTO, DRAWING or OTHER");
  const Date received = StepDay(item.received_date, std::nullopt, "", prefix + "received_date", revision, v);
  Item cleaned = CleanItem(item.item_kind, item.content, std::move(item.attachments), prefix, v);
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(std::vector<Span> flags, FindFlags(find_flags, cleaned.content));

  Exchange e;
  e.id = std::move(id);
  e.arrangement_id = std::move(item.arrangement_id);
  e.sender = std::move(item.sender);
  e.recipient = std::move(item.recipient);
  e.item_kind = *item.item_kind;
  e.status = ExchangeStatus::kReceived;
  e.due_date = item.due_date;
  e.received_date = received;
  e.versions.push_back(NewVersion(e, ExchangeVersion::Origin::kReceived, std::move(cleaned.content),
                                  std::move(cleaned.attachments), revision));
  e.flags = std::move(flags);
  e.version = 1;
  e.created_at = e.updated_at = revision.at;
  e.created_by = e.updated_by = revision.actor;
  return e;
}

absl::Status StartReview(Exchange& e, const platform::Revision& revision) {
  RETURN_IF_ERROR(CheckMove(e, ExchangeStatus::kInReview));
  e.status = ExchangeStatus::kInReview;
  e.review_started_date = revision.today;
  platform::Stamp(e, revision);
  return absl::OkStatus();
}

absl::Status ApproveExchange(Exchange& e, std::vector<Span> redactions, bool no_redactions,
                             std::vector<int> withheld_attachments, const platform::Revision& revision,
                             platform::Validation v) {
  const ExchangeVersion* original = LatestSenderVersion(e);
  if (original == nullptr) return absl::InternalError(absl::StrCat("exchange ", e.id, " has no version"));
  const std::vector<size_t> at = CodePointStarts(original->content);
  v.Check(!no_redactions || redactions.empty(), "no_redactions", "must be false when redactions are given");
  CheckRedactions(redactions, original->content, at, v);
  std::set<int> withheld;
  for (size_t i = 0; i < withheld_attachments.size(); ++i) {
    const int index = withheld_attachments[i];
    const std::string field = absl::StrCat("withheld_attachments[", i, "]");
    if (v.Check(index >= 0 && static_cast<size_t>(index) < original->attachments.size(), field,
                absl::StrCat("must be the index of one of the item's ",
                             Plural(original->attachments.size(), "attachment", "attachments"), ", from 0"))) {
      v.Check(withheld.insert(index).second, field, "repeats an attachment");
    }
  }
  // Nothing said: every flag is redacted, as found. The coordinator's word that the
  // flags are harmless is no_redactions, which the audit log records.
  if (redactions.empty() && !no_redactions) redactions = e.flags;
  SortSpans(redactions);
  std::string content = ApplyRedactions(original->content, redactions);
  std::vector<Attachment> kept;
  for (size_t i = 0; i < original->attachments.size(); ++i) {
    if (!withheld.count(static_cast<int>(i))) kept.push_back(original->attachments[i]);
  }
  if (v.ok()) {
    v.Check(!content.empty() || !kept.empty(), "withheld_attachments",
            "would leave nothing to forward: withhold the exchange instead");
  }
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(CheckMove(e, ExchangeStatus::kApproved));
  e.versions.push_back(
      NewVersion(e, ExchangeVersion::Origin::kRedacted, std::move(content), std::move(kept), revision));
  e.redactions = std::move(redactions);
  e.status = ExchangeStatus::kApproved;
  e.approved_date = revision.today;
  platform::Stamp(e, revision);
  return absl::OkStatus();
}

absl::Status ReturnExchange(Exchange& e, std::string_view note, const platform::Revision& revision,
                            platform::Validation v) {
  std::string cleaned = CleanNote(note, true, "note", "what the sender is asked to change", v);
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(CheckMove(e, ExchangeStatus::kReturnedForChanges));
  e.return_note = std::move(cleaned);
  e.status = ExchangeStatus::kReturnedForChanges;
  platform::Stamp(e, revision);
  return absl::OkStatus();
}

absl::Status ResubmitExchange(Exchange& e, std::string_view content, std::vector<Attachment> attachments,
                              const FlagFinder& find_flags, const platform::Revision& revision,
                              const std::string& prefix, platform::Validation v) {
  Item cleaned = CleanItem(e.item_kind, content, std::move(attachments), prefix, v);
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(CheckMove(e, ExchangeStatus::kReceived));
  ASSIGN_OR_RETURN(std::vector<Span> flags, FindFlags(find_flags, cleaned.content));
  e.versions.push_back(NewVersion(e, ExchangeVersion::Origin::kRewritten, std::move(cleaned.content),
                                  std::move(cleaned.attachments), revision));
  e.flags = std::move(flags);
  e.redactions.clear();
  // The rewrite is reviewed afresh; the return note stays for that review to check.
  e.review_started_date.reset();
  e.status = ExchangeStatus::kReceived;
  platform::Stamp(e, revision);
  return absl::OkStatus();
}

absl::Status WithholdExchange(Exchange& e, std::optional<WithheldReason> reason, std::string_view note,
                              const platform::Revision& revision, platform::Validation v) {
  v.Check(reason.has_value(), "reason", "is required: SAFEGUARDING, DISTRESSING_CONTENT, IDENTIFYING_CONTENT or OTHER");
  std::string cleaned =
      CleanNote(note, reason == WithheldReason::kOther, "note", "the reason is OTHER: say what it is", v);
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(CheckMove(e, ExchangeStatus::kWithheld));
  e.withheld_reason = reason;
  e.withheld_note = std::move(cleaned);
  e.status = ExchangeStatus::kWithheld;
  platform::Stamp(e, revision);
  return absl::OkStatus();
}

absl::Status ForwardExchange(Exchange& e, std::optional<Date> day, const platform::Revision& revision,
                             platform::Validation v) {
  const Date d = StepDay(day, e.approved_date, "approved", "forwarded_date", revision, v);
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(CheckMove(e, ExchangeStatus::kForwarded));
  e.forwarded_date = d;
  e.status = ExchangeStatus::kForwarded;
  platform::Stamp(e, revision);
  return absl::OkStatus();
}

absl::Status MarkExchangeRead(Exchange& e, std::optional<Date> day, const platform::Revision& revision,
                              platform::Validation v) {
  const Date d = StepDay(day, e.forwarded_date, "forwarded", "read_date", revision, v);
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(CheckMove(e, ExchangeStatus::kRead));
  e.read_date = d;
  e.status = ExchangeStatus::kRead;
  platform::Stamp(e, revision);
  return absl::OkStatus();
}

const std::vector<ExchangeStatusChange>& AllowedExchangeStatusChanges() {
  using S = ExchangeStatus;
  static const std::vector<ExchangeStatusChange> changes = {
      {S::kReceived, S::kInReview},  // a coordinator picks it up
      {S::kReceived, S::kApproved},  // or approves it at once
      {S::kInReview, S::kApproved},
      {S::kReceived, S::kReturnedForChanges},  // the sender is asked to rewrite it
      {S::kInReview, S::kReturnedForChanges},
      {S::kReturnedForChanges, S::kReceived},  // the rewrite arrives
      {S::kReceived, S::kWithheld},            // anything not yet forwarded may be withheld
      {S::kInReview, S::kWithheld},
      {S::kApproved, S::kWithheld},
      {S::kReturnedForChanges, S::kWithheld},  // e.g. the rewrite never comes, or a concern arises
      {S::kApproved, S::kForwarded},
      {S::kForwarded, S::kRead},  // opened in the digital exchange
  };
  return changes;
}

bool CanChangeExchangeStatus(ExchangeStatus from, ExchangeStatus to) {
  return from != to && platform::MayChangeStatus(AllowedExchangeStatusChanges(), from, to);
}

std::vector<Date> ExchangeDueDates(const std::vector<int>& exchange_months, Date start, Date end, Date from, Date to) {
  const Date first = std::max(start, from), last = std::min(end, to);
  std::vector<Date> due;
  if (first > last) return due;
  bool wanted[13] = {};
  for (int m : exchange_months) {
    if (m >= 1 && m <= 12) wanted[m] = true;
  }
  for (absl::CivilMonth month(first); month <= absl::CivilMonth(last); ++month) {
    if (!wanted[month.month()]) continue;
    // The exchange is due by the end of its month: the month's last day.
    const Date day = Date(month + 1) - 1;
    if (day >= first && day <= last) due.push_back(day);
  }
  return due;
}

ExchangeDates DatesOf(const Exchange& e) {
  return {.sender = e.sender,
          .recipient = e.recipient,
          .due_date = e.due_date,
          .received_date = e.received_date,
          .forwarded_date = e.forwarded_date};
}

std::vector<DueItem> DueItemsFor(const std::vector<Date>& due_dates, const std::string& sender,
                                 const std::vector<ExchangeDates>& exchanges, Date today, int reminder_days_before,
                                 int overdue_grace_days) {
  std::vector<DueItem> items;
  items.reserve(due_dates.size());
  for (Date due : due_dates) {
    DueItem item{.due = due};
    for (const ExchangeDates& x : exchanges) {
      if (x.sender != sender || x.due_date != due) continue;
      if (!item.received_date || x.received_date < *item.received_date) item.received_date = x.received_date;
    }
    item.received = item.received_date.has_value();
    item.overdue = !item.received && today > due + overdue_grace_days;
    item.reminder_due = !item.received && today >= due - reminder_days_before && today <= due;
    items.push_back(item);
  }
  return items;
}

bool AwaitingReply(bool two_way, const std::string& party, const std::vector<ExchangeDates>& exchanges, Date today,
                   int reply_expected_days) {
  if (!two_way) return false;
  for (const ExchangeDates& sent : exchanges) {
    if (sent.recipient != party || !sent.forwarded_date) continue;
    const Date forwarded = *sent.forwarded_date;
    if (today <= forwarded + reply_expected_days) continue;
    const bool replied = std::any_of(exchanges.begin(), exchanges.end(), [&](const ExchangeDates& x) {
      return x.sender == party && x.received_date >= forwarded;
    });
    if (!replied) return true;
  }
  return false;
}

}  // namespace letterbox

namespace letterbox {
namespace {
constexpr const char* kItemKindNames[] = {"LETTER", "CARD", "PHOTO", "DRAWING", "OTHER"};
constexpr const char* kExchangeStatusNames[] = {
    "RECEIVED", "IN_REVIEW", "APPROVED", "FORWARDED", "READ", "RETURNED_FOR_CHANGES", "WITHHELD"};
constexpr const char* kWithheldReasonNames[] = {"SAFEGUARDING", "DISTRESSING_CONTENT", "IDENTIFYING_CONTENT", "OTHER"};
constexpr const char* kOriginNames[] = {"RECEIVED", "REWRITTEN", "REDACTED"};
}  // namespace

std::string ItemKindName(ItemKind k) { return kItemKindNames[static_cast<int>(k)]; }
std::optional<ItemKind> ParseItemKind(const std::string& name) {
  return platform::EnumFromName<ItemKind>(kItemKindNames, name);
}
std::string ExchangeStatusName(ExchangeStatus s) { return kExchangeStatusNames[static_cast<int>(s)]; }
std::optional<ExchangeStatus> ParseExchangeStatus(const std::string& name) {
  return platform::EnumFromName<ExchangeStatus>(kExchangeStatusNames, name);
}
std::string WithheldReasonName(WithheldReason r) { return kWithheldReasonNames[static_cast<int>(r)]; }
std::optional<WithheldReason> ParseWithheldReason(const std::string& name) {
  return platform::EnumFromName<WithheldReason>(kWithheldReasonNames, name);
}
std::string OriginName(ExchangeVersion::Origin o) { return kOriginNames[static_cast<int>(o)]; }
std::optional<ExchangeVersion::Origin> ParseOrigin(const std::string& name) {
  return platform::EnumFromName<ExchangeVersion::Origin>(kOriginNames, name);
}

}  // namespace letterbox
