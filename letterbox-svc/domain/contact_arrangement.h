#pragma once
// A contact arrangement for an adopted child (docs/domain.md §5): indirect (letterbox)
// or direct contact between the adoptive family and birth relatives, with its
// frequency and months of exchange, from the adoption support plan until the child
// is 18 or it is varied on review.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"
#include "platform/core/statutory.h"
#include "letterbox-svc/domain/identifying_details.h"

namespace letterbox {

// Names match the contract's enums (without their prefixes), in the same order.
enum class ContactKind { kIndirect, kDirect };
enum class PartyRole { kAdoptiveFamily, kBirthMother, kBirthFather, kGrandparent, kSibling, kOtherRelative };
enum class ContactFrequency { kYearly, kTwiceYearly, kThreeTimesYearly, kQuarterly, kMonthly, kOther };
enum class ArrangementStatus { kActive, kOnHold, kEnded, kPlanned };

// One side of the arrangement. The birth family side is everyone but the adoptive
// family.
struct Party {
  std::string party_id;  // stable within the arrangement; empty for a new party
  std::optional<PartyRole> role;
  std::string display_name;  // how the other side knows them ("Mum", "Nan")
  std::string account;       // principal acting for the party online; empty: paper only
  // What the agency knows of this party's side (surname, address, school, ...): the
  // strongest signal for flagging letters; never shown to the other side.
  std::vector<KnownDetail> known_details;
};
bool IsBirthFamily(PartyRole role);

// What the coordinator sets up from the support plan, and may later vary.
struct ArrangementDetails {
  std::string child;  // "children/{id}" in familyfinding-svc, or the agency's reference
  std::optional<platform::Date> child_date_of_birth;
  std::string local_authority;  // ONS code, or empty
  std::optional<ContactKind> kind;
  std::vector<Party> parties;
  std::optional<ContactFrequency> frequency;
  std::vector<int> exchange_months;  // 1..12
  bool two_way = false;
  platform::Date start_date;
  std::optional<platform::Date> end_date;  // defaults to the child's 18th birthday
  // Unset only in a request (a create makes it ACTIVE); a recorded one always has it.
  std::optional<ArrangementStatus> status;
  std::string status_reason;  // why ON_HOLD or ENDED
  std::optional<platform::Date> next_review_date;
};

struct ContactArrangement {
  std::string id;
  ArrangementDetails details;
  // The day the arrangement was last reviewed (a next review date was set); unset
  // until the first review, when reviews count from the start date.
  std::optional<platform::Date> last_review_date;
  long long version = 1;  // the etag
  long long created_at = 0, updated_at = 0;  // microseconds since the epoch
  std::string created_by, updated_by;
};

// The statutory key for the review interval (agency policy: at least yearly).
inline constexpr char kReviewIntervalMonths[] = "letterbox_review_interval_months";

// The numbers the letterbox rules use, as in force on one day: the day a review is
// scheduled, so arrangements older than the policy get a date too.
struct LetterboxRules {
  // Months between reviews at most; NOT_FOUND when no interval was in force that
  // day, refused only where a review is scheduled.
  absl::StatusOr<int> review_interval_months;
  // The keys a deployment's table must have.
  static const std::vector<std::string>& Keys();
  static LetterboxRules On(const platform::StatutoryTable& table, platform::Date day);
};

// The latest day the next review may be: `from` (the start, or the last review)
// plus the review interval of `rules`. A day that does not exist in the target
// month falls to that month's last day (31 January + 1 month = 28/29 February).
absl::StatusOr<platform::Date> ReviewDueAfter(platform::Date from, const LetterboxRules& rules);

// The day the child turns 18: the arrangement's default end. Family Law Reform Act
// 1969 s.9: an age is attained at the start of the anniversary of the birth; for a
// 29 February birthday in a common year we take 1 March, the usual reading.
platform::Date EighteenthBirthday(platform::Date date_of_birth);

// How many exchange months a frequency needs; nullopt for OTHER (any, set out in
// the support plan).
std::optional<size_t> MonthsPerYear(ContactFrequency frequency);

inline constexpr size_t kMaxParties = 20;
inline constexpr size_t kMaxTextLength = 100;     // child reference, display names
inline constexpr size_t kMaxAccountLength = 255;  // a token subject
inline constexpr size_t kMaxReasonLength = 1000;
inline constexpr size_t kMaxKnownDetails = 50;         // per party
inline constexpr size_t kMaxKnownDetailLength = 200;  // an address on one line

// The rules an arrangement's details must meet, checked whole; violations name
// fields under `prefix` ("contact_arrangement."). `today` bounds the child's date
// of birth. MONTHLY needs all twelve months here; SetUpArrangement and
// ReviseArrangement fill them in when none are given. The next review date is
// checked where it is scheduled (SetUpArrangement, ReviseArrangement).
void ValidateDetails(const ArrangementDetails& details, platform::Date today, const std::string& prefix,
                     platform::Validation& v);

// A new arrangement, ACTIVE: party ids assigned with `new_id`, the end date defaulted
// from the child's date of birth, the first review due a review interval after the
// start unless an earlier day is given. INVALID_ARGUMENT naming every bad field
// (`v` may already hold violations of the request's shape).
absl::StatusOr<ContactArrangement> SetUpArrangement(std::string id, ArrangementDetails details,
                                                    const std::function<std::string()>& new_id,
                                                    const std::string& actor, long long now, platform::Date today,
                                                    const LetterboxRules& rules, const std::string& prefix,
                                                    platform::Validation v);

// What an update says beyond the details themselves.
struct ArrangementChange {
  // A next review day was set: the arrangement was reviewed on the revision's day, and the
  // next review is due within the interval from then (an unset day takes the latest).
  bool reviewed = false;
  // The status reason was given with this change. A reason explains the status it
  // came with: when the status changes without one, the old reason is dropped.
  bool status_reason_given = false;
};

// Replaces `arrangement`'s details with `revised` (vary, put on hold, end, review),
// judged on revision.today under the `rules` in force then: INVALID_ARGUMENT naming
// every bad field (`v` may already hold violations); FAILED_PRECONDITION when the
// status cannot move that way (AllowedStatusChanges). Parties keep their ids; a
// party id that is not one of the arrangement's is refused. The default end date
// follows a corrected date of birth. On success the change is stamped.
// A PLANNED arrangement starts at the adoption order of `order_date`: ACTIVE from that
// day, its first review an interval on (under the `rules` in force then). An
// arrangement not PLANNED is left as it is (false): already started, or ended.
absl::StatusOr<bool> StartAtOrder(ContactArrangement& arrangement, platform::Date order_date,
                                  const LetterboxRules& rules, const platform::Revision& revision);

absl::Status ReviseArrangement(ContactArrangement& arrangement, ArrangementDetails revised,
                               const ArrangementChange& change, const std::function<std::string()>& new_id,
                               const LetterboxRules& rules, const platform::Revision& revision,
                               const std::string& prefix, platform::Validation v);

// Status changes, as data: ACTIVE <-> ON_HOLD, and either -> ENDED; PLANNED -> ACTIVE
// (at the adoption order) or ENDED. An ended arrangement stays ended (a new one is set
// up). Staying put is always allowed.
using StatusChange = platform::StatusChange<ArrangementStatus>;
const std::vector<StatusChange>& AllowedStatusChanges();
bool CanChangeStatus(ArrangementStatus from, ArrangementStatus to);

// Stable names ("INDIRECT", "ON_HOLD"): storage and events use these.
std::string KindName(ContactKind k);
std::optional<ContactKind> ParseKind(const std::string& name);
std::string RoleName(PartyRole r);
std::optional<PartyRole> ParseRole(const std::string& name);
std::string FrequencyName(ContactFrequency f);
std::optional<ContactFrequency> ParseFrequency(const std::string& name);
std::string StatusName(ArrangementStatus s);
std::optional<ArrangementStatus> ParseStatus(const std::string& name);

}  // namespace letterbox
