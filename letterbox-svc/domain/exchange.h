#pragma once
// An exchange (docs/domain.md §5): an item (letter, card, photo, drawing) sent through
// the agency between the adoptive family and birth relatives under a contact
// arrangement. Nothing reaches the recipient unreviewed: a coordinator approves it
// with its identifying details redacted, returns it to be rewritten, or withholds it.
// Every version is kept as it was written; only the approved, redacted one is ever
// the recipient's to see.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "letterbox-svc/domain/contact_arrangement.h"
#include "letterbox-svc/domain/identifying_details.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"

namespace letterbox {

// Names match the contract's enums (without their prefixes), in the same order.
enum class ItemKind { kLetter, kCard, kPhoto, kDrawing, kOther };
enum class ExchangeStatus { kReceived, kInReview, kApproved, kForwarded, kRead, kReturnedForChanges, kWithheld };
enum class WithheldReason { kSafeguarding, kDistressingContent, kIdentifyingContent, kOther };

// DetailKind and Span (flags and redactions, offsets in code points) are the
// detector's: letterbox-svc/domain/identifying_details.h. A PHOTO span covers the
// words describing a photo; one with offsets 0 and 0 is about an attachment and
// stands for no text (IsAttachmentSpan).

// A file sent with the item. The bytes live in the store; the domain keeps what it
// needs to check and to show.
struct Attachment {
  std::string media_type;   // one of kAttachmentMediaTypes
  std::string description;  // what it shows, for the coordinator and screen readers
  std::string sha256;       // lower-case hex SHA-256 of the bytes, computed by the store
  long long size_bytes = 0;
};

// One version of the item, immutable once recorded: the sender's original, each
// rewrite after a return, and the redacted version made on approval.
struct ExchangeVersion {
  enum class Origin { kReceived, kRewritten, kRedacted };
  int number = 0;  // 1, 2, ... in the order recorded
  Origin origin = Origin::kReceived;
  std::string content;
  std::vector<Attachment> attachments;
  std::string content_sha256;  // Sha256Hex(content)
  long long recorded_at = 0;   // microseconds since the epoch
  std::string recorded_by;
};

struct Exchange {
  std::string id;
  std::string arrangement_id;
  std::string sender;     // party_id in the arrangement
  std::string recipient;  // party_id in the arrangement
  ItemKind item_kind = ItemKind::kLetter;
  ExchangeStatus status = ExchangeStatus::kReceived;
  std::optional<platform::Date> due_date;  // the scheduled exchange it answers
  platform::Date received_date;            // the first receipt: a rewrite does not move it
  std::vector<ExchangeVersion> versions;   // in order; never rewritten
  std::vector<Span> flags;                 // found in the latest sender version
  std::vector<Span> redactions;            // applied on approval, by start
  std::string return_note;                 // the latest request to rewrite; kept for the rewrite's review
  std::optional<WithheldReason> withheld_reason;
  std::string withheld_note;
  std::optional<platform::Date> review_started_date, approved_date, forwarded_date, read_date;
  long long version = 1;                     // the etag
  long long created_at = 0, updated_at = 0;  // microseconds since the epoch
  std::string created_by, updated_by;
};

// The version the recipient may see: the redacted one made on approval, once the
// exchange is APPROVED, FORWARDED or READ; nullptr otherwise (never an original).
const ExchangeVersion* VersionForRecipient(const Exchange& exchange);
// The sender's latest version (received or rewritten): what a coordinator reviews.
// nullptr only for an exchange with no versions, which ReceiveExchange never makes.
const ExchangeVersion* LatestSenderVersion(const Exchange& exchange);

// A long letter is about 3,000 words, some 18,000 characters: 20,000 allows that and
// keeps a pasted document or a data dump out of a review queue read by people.
inline constexpr size_t kMaxContentCharacters = 20000;
// The contract's limit per file (Attachment.data): the files travel in the request,
// within gRPC's 4 MiB default, and a phone photo shared by a messaging app is ~1 MB.
inline constexpr long long kMaxAttachmentBytes = 2LL * 1024 * 1024;
inline constexpr size_t kMaxAttachments = 10;
inline constexpr size_t kMaxAttachmentDescriptionCharacters = 500;
inline constexpr size_t kMaxNoteCharacters = 2000;  // return and withheld notes
// What the recipient reads where a detail was removed: plain, so a child reading it
// knows the agency took something out and nobody is hiding it from them.
inline constexpr char kRedactionMarker[] = "[removed by the agency]";
// Formats a recipient can open anywhere; PDF for scanned letters and cards.
inline constexpr const char* kAttachmentMediaTypes[] = {"image/jpeg", "image/png", "application/pdf"};

// Lower-case hex SHA-256 of `bytes`: a version's content hash, so a later change to
// stored text shows.
std::string Sha256Hex(std::string_view bytes);

// `content` with each span's code points [start, end) replaced by kRedactionMarker.
// Overlapping and adjacent spans become one marker; a span is widened to whole
// user-perceived characters (an emoji sequence, a letter and its combining accents),
// so no half character is left to show; spans are clamped to the content and empty
// ones (an attachment's PHOTO span) ignored. `content` is well-formed UTF-8.
std::string ApplyRedactions(std::string_view content, std::vector<Span> spans);

// A PHOTO span with offsets 0 and 0: an attachment judged identifiable, no text.
bool IsAttachmentSpan(const Span& span);

// The detector: the candidate identifying details in content as it will be stored
// (cleaned, NFC), so its offsets are the stored content's. The verbs call it after
// cleaning; a span outside the content is the detector's bug (INTERNAL).
using FlagFinder = std::function<std::vector<Span>(std::string_view content)>;

// What arrives: CreateExchange's exchange.
struct ReceivedItem {
  std::string arrangement_id;
  std::string sender, recipient;  // party ids
  std::optional<ItemKind> item_kind;
  std::string content;
  std::vector<Attachment> attachments;
  std::optional<platform::Date> due_date;
  std::optional<platform::Date> received_date;  // defaults to revision.today
};

// Whether `sender` may send to `recipient` under `arrangement`: INVALID_ARGUMENT
// (fields under `prefix`) unless both are its parties, one the adoptive family and
// the other a birth relative; FAILED_PRECONDITION unless the arrangement is ACTIVE,
// or when it is one-way and the sender is not the adoptive family (the contract).
absl::Status CheckMayExchange(const ContactArrangement& arrangement, const std::string& sender,
                              const std::string& recipient, const std::string& prefix);

// A new exchange, RECEIVED, with version 1 (kReceived) and the flags `find_flags`
// finds in its cleaned content. Content is multi-line text of at most
// kMaxContentCharacters; a LETTER, CARD or OTHER needs content or an attachment, a
// PHOTO or DRAWING an attachment. The received date is not in the future.
// INVALID_ARGUMENT naming every bad field under `prefix` ("exchange."); `v` may
// already hold violations of the request's shape.
absl::StatusOr<Exchange> ReceiveExchange(std::string id, ReceivedItem item, const FlagFinder& find_flags,
                                         const platform::Revision& revision, const std::string& prefix,
                                         platform::Validation v = {});

// The verbs. Each checks its input (INVALID_ARGUMENT naming every bad field of its
// request; `v` may already hold violations) and then the status
// (FAILED_PRECONDITION naming the status and those it can become); on success it
// changes `exchange` and stamps it with `revision`, else leaves it untouched.

// RECEIVED -> IN_REVIEW: a coordinator has picked it up (the day is recorded).
absl::Status StartReview(Exchange& exchange, const platform::Revision& revision);

// RECEIVED | IN_REVIEW -> APPROVED, with a new version (kRedacted): the latest sender
// version's content with `redactions` applied (fields "redactions[i].start_offset",
// ".end_offset", ".text": offsets in range, text, when given, the content's), and its
// attachments but those at `withheld_attachments` (indices). No redactions redacts
// every flag; `no_redactions` approves it as written and is refused with redactions.
absl::Status ApproveExchange(Exchange& exchange, std::vector<Span> redactions, bool no_redactions,
                             std::vector<int> withheld_attachments, const platform::Revision& revision,
                             platform::Validation v = {});

// RECEIVED | IN_REVIEW -> RETURNED_FOR_CHANGES, with what the sender is asked to
// change ("note": required, at most kMaxNoteCharacters).
absl::Status ReturnExchange(Exchange& exchange, std::string_view note, const platform::Revision& revision,
                            platform::Validation v = {});

// RETURNED_FOR_CHANGES -> RECEIVED, with the rewrite as a new version (kRewritten),
// checked as ReceiveExchange checks an item (fields under `prefix`). Earlier versions
// stay as they were; the flags are the rewrite's; redactions and the review day clear.
absl::Status ResubmitExchange(Exchange& exchange, std::string_view content, std::vector<Attachment> attachments,
                              const FlagFinder& find_flags, const platform::Revision& revision,
                              const std::string& prefix, platform::Validation v = {});

// Any status before forwarding -> WITHHELD, for `reason` ("reason": required);
// "note" is required for OTHER. WITHHELD is final.
absl::Status WithholdExchange(Exchange& exchange, std::optional<WithheldReason> reason, std::string_view note,
                              const platform::Revision& revision, platform::Validation v = {});

// APPROVED -> FORWARDED on `day` ("forwarded_date": default today, not before the
// approval, not in the future).
absl::Status ForwardExchange(Exchange& exchange, std::optional<platform::Date> day, const platform::Revision& revision,
                             platform::Validation v = {});

// FORWARDED -> READ on `day` ("read_date": default today, not before forwarding, not
// in the future): the recipient opened it in the digital exchange. READ is final.
absl::Status MarkExchangeRead(Exchange& exchange, std::optional<platform::Date> day, const platform::Revision& revision,
                              platform::Validation v = {});

// Status changes, as data; each verb makes one of them. Unlike an arrangement's
// revision, staying put is not a change: approving twice would make a second
// redacted version, so no verb applies to the status it leads to.
using ExchangeStatusChange = platform::StatusChange<ExchangeStatus>;
const std::vector<ExchangeStatusChange>& AllowedExchangeStatusChanges();
bool CanChangeExchangeStatus(ExchangeStatus from, ExchangeStatus to);

// The schedule.

// The due dates of an arrangement's exchanges: the last day of each exchange month
// (1..12; others ignored), on the days within [max(start, from), min(end, to)], in
// order.
std::vector<platform::Date> ExchangeDueDates(const std::vector<int>& exchange_months, platform::Date start,
                                             platform::Date end, platform::Date from, platform::Date to);

// An exchange as the schedule counts it. Any exchange received counts, whatever
// became of it (returned, withheld): the party did send.
struct ExchangeDates {
  std::string sender, recipient;
  std::optional<platform::Date> due_date;
  platform::Date received_date;
  std::optional<platform::Date> forwarded_date;
};
ExchangeDates DatesOf(const Exchange& exchange);

// One due date as it stands for one sender on `today`.
struct DueItem {
  platform::Date due;
  bool received = false;
  std::optional<platform::Date> received_date;  // the earliest exchange answering it
  bool overdue = false;                         // past due + grace, nothing received
  bool reminder_due = false;                    // within the reminder days before due, nothing received
};

// Each of `due_dates` for `sender`: answered by the sender's exchanges whose due_date
// is that day (an exchange without one answers none). `reminder_days_before` and
// `overdue_grace_days` (>= 0) are the dated numbers in force on `today`, from the
// caller's table.
std::vector<DueItem> DueItemsFor(const std::vector<platform::Date>& due_dates, const std::string& sender,
                                 const std::vector<ExchangeDates>& exchanges, platform::Date today,
                                 int reminder_days_before, int overdue_grace_days);

// "No reply": in a two-way arrangement, an exchange was forwarded to `party` on a day
// F, nothing from `party` was received on or after F (an item arriving the day the
// agency forwards is the other half of the swap), and today is past F +
// `reply_expected_days`. Always false one-way. The caller decides whether an
// arrangement on hold is chased.
bool AwaitingReply(bool two_way, const std::string& party, const std::vector<ExchangeDates>& exchanges,
                   platform::Date today, int reply_expected_days);

// Stable names ("LETTER", "RETURNED_FOR_CHANGES", "REDACTED"): storage and events use
// these. DetailKindName / ParseDetailKind are with DetailKind.
std::string ItemKindName(ItemKind k);
std::optional<ItemKind> ParseItemKind(const std::string& name);
std::string ExchangeStatusName(ExchangeStatus s);
std::optional<ExchangeStatus> ParseExchangeStatus(const std::string& name);
std::string WithheldReasonName(WithheldReason r);
std::optional<WithheldReason> ParseWithheldReason(const std::string& name);
std::string OriginName(ExchangeVersion::Origin o);
std::optional<ExchangeVersion::Origin> ParseOrigin(const std::string& name);

}  // namespace letterbox
