#pragma once
// The letterbox's schedule (docs/letterbox.md, "Due, overdue and no reply"): from an
// arrangement's months of exchange, which party owes an item, since when, and who
// has had no reply. Paper letterboxes lose track of exactly this: most arrangements
// quietly stop.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "letterbox-svc/domain/contact_arrangement.h"
#include "letterbox-svc/domain/exchange.h"
#include "platform/core/calendar.h"
#include "platform/core/statutory.h"

namespace letterbox {

// The dated numbers of the schedule (agency policy; config/statutory.tsv).
inline constexpr char kReminderDaysBefore[] = "letterbox_reminder_days_before";
inline constexpr char kOverdueGraceDays[] = "letterbox_overdue_grace_days";
inline constexpr char kReplyExpectedDays[] = "letterbox_reply_expected_days";

struct ScheduleRules {
  int reminder_days_before = 0;  // a reminder goes this many days before an item is due
  int overdue_grace_days = 0;    // an item not received this many days after its due date is overdue
  int reply_expected_days = 0;   // in a two-way arrangement, a reply is expected within this
  // The keys a deployment's table must have.
  static const std::vector<std::string>& Keys();
  // NOT_FOUND naming the key when one has no value on `day`.
  static absl::StatusOr<ScheduleRules> On(const platform::StatutoryTable& table, platform::Date day);
};

// Every dated key letterbox-svc reads (LetterboxRules' and ScheduleRules'): it will not
// start without them.
std::vector<std::string> StatutoryKeys();

// What the schedule holds for one party of an arrangement.
struct PartySchedule {
  std::string party_id;
  // The oldest due date the party has not answered with an item; none when it sends
  // nothing (the birth side of a one-way arrangement, direct contact, no months of
  // exchange) or has answered every one to the arrangement's end.
  std::optional<platform::Date> next_due;
  std::optional<platform::Date> last_sent;       // the day the agency received its latest item
  std::optional<platform::Date> last_forwarded;  // the day the latest item to it was forwarded
  friend bool operator==(const PartySchedule&, const PartySchedule&) = default;
};

// Each party of `a`, in the arrangement's order, from the items exchanged so far (an
// item answers the due date it names). An arrangement without an end runs for at
// most kScheduleYears from its start.
inline constexpr int kScheduleYears = 25;
std::vector<PartySchedule> ScheduleOf(const ContactArrangement& a, const std::vector<ExchangeDates>& exchanges);

// Where a party stands on `today`.
struct Standing {
  bool overdue = false;         // past next_due + the grace days
  bool reminder_due = false;    // within the reminder days before next_due (or on it)
  bool awaiting_reply = false;  // two-way: forwarded to, nothing sent since, past the reply days
  int missed = 0;               // due dates from next_due to today (the ones owed)
};
Standing StandingOf(const PartySchedule& s, const ContactArrangement& a, platform::Date today,
                    const ScheduleRules& rules);

// The due date an item received on `received` from `sender` answers when none is
// given: the sender's oldest unanswered one, when it is due by then (or within the
// reminder days after); none otherwise.
std::optional<platform::Date> DueDateAnswered(const std::vector<PartySchedule>& schedule, const std::string& sender,
                                              platform::Date received, const ScheduleRules& rules);

}  // namespace letterbox
