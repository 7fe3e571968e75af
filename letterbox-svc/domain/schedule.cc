#include "letterbox-svc/domain/schedule.h"

#include <algorithm>
#include <set>

#include "platform/core/status_macros.h"

namespace letterbox {
namespace {

// The party sends on this arrangement: the adoptive family always, the birth side
// when it is two-way; indirect contact only (direct contact is met, not posted).
bool Sends(const ContactArrangement& a, const Party& p) {
  if (a.details.kind != ContactKind::kIndirect || !p.role) return false;
  return !IsBirthFamily(*p.role) || a.details.two_way;
}

platform::Date EndOf(const ContactArrangement& a) {
  const platform::Date cap = platform::AddMonths(a.details.start_date, 12 * kScheduleYears);
  return a.details.end_date ? std::min(*a.details.end_date, cap) : cap;
}

}  // namespace

const std::vector<std::string>& ScheduleRules::Keys() {
  static const std::vector<std::string> keys = {kReminderDaysBefore, kOverdueGraceDays, kReplyExpectedDays};
  return keys;
}

std::vector<std::string> StatutoryKeys() {
  std::vector<std::string> keys = LetterboxRules::Keys();
  keys.insert(keys.end(), ScheduleRules::Keys().begin(), ScheduleRules::Keys().end());
  return keys;
}

absl::StatusOr<ScheduleRules> ScheduleRules::On(const platform::StatutoryTable& table, platform::Date day) {
  ScheduleRules r;
  ASSIGN_OR_RETURN(long long reminder, table.ValueOn(kReminderDaysBefore, day));
  ASSIGN_OR_RETURN(long long grace, table.ValueOn(kOverdueGraceDays, day));
  ASSIGN_OR_RETURN(long long reply, table.ValueOn(kReplyExpectedDays, day));
  r.reminder_days_before = static_cast<int>(reminder);
  r.overdue_grace_days = static_cast<int>(grace);
  r.reply_expected_days = static_cast<int>(reply);
  return r;
}

std::vector<PartySchedule> ScheduleOf(const ContactArrangement& a, const std::vector<ExchangeDates>& exchanges) {
  std::vector<PartySchedule> out;
  const platform::Date end = EndOf(a);
  for (const Party& p : a.details.parties) {
    PartySchedule s{.party_id = p.party_id};
    std::set<platform::Date> answered;
    for (const ExchangeDates& e : exchanges) {
      if (e.sender == p.party_id) {
        if (e.due_date) answered.insert(*e.due_date);
        if (!s.last_sent || e.received_date > *s.last_sent) s.last_sent = e.received_date;
      }
      if (e.recipient == p.party_id && e.forwarded_date &&
          (!s.last_forwarded || *e.forwarded_date > *s.last_forwarded)) {
        s.last_forwarded = e.forwarded_date;
      }
    }
    if (Sends(a, p)) {
      for (platform::Date due :
           ExchangeDueDates(a.details.exchange_months, a.details.start_date, end, a.details.start_date, end)) {
        if (!answered.contains(due)) {
          s.next_due = due;
          break;
        }
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

Standing StandingOf(const PartySchedule& s, const ContactArrangement& a, platform::Date today,
                    const ScheduleRules& rules) {
  Standing st;
  if (s.next_due) {
    st.overdue = today > *s.next_due + rules.overdue_grace_days;
    st.reminder_due = today >= *s.next_due - rules.reminder_days_before && today <= *s.next_due;
    if (today >= *s.next_due) {
      st.missed = static_cast<int>(
          ExchangeDueDates(a.details.exchange_months, a.details.start_date, EndOf(a), *s.next_due, today).size());
    }
  }
  if (a.details.two_way && s.last_forwarded && (!s.last_sent || *s.last_sent < *s.last_forwarded)) {
    st.awaiting_reply = today > *s.last_forwarded + rules.reply_expected_days;
  }
  return st;
}

std::optional<platform::Date> DueDateAnswered(const std::vector<PartySchedule>& schedule, const std::string& sender,
                                              platform::Date received, const ScheduleRules& rules) {
  for (const PartySchedule& s : schedule) {
    if (s.party_id != sender || !s.next_due) continue;
    if (*s.next_due <= received + rules.reminder_days_before) return s.next_due;
  }
  return std::nullopt;
}

}  // namespace letterbox
