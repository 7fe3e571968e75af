#include "letterbox-svc/domain/letterbox_figures.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_format.h"

namespace letterbox {
namespace {

std::string MonthOf(platform::Date d) { return absl::StrFormat("%04d-%02d", d.year(), d.month()); }

void Add(LetterboxMonth& to, const LetterboxMonth& from) {
  to.due += from.due;
  to.answered += from.answered;
  to.unanswered += from.unanswered;
  to.received += from.received;
  to.forwarded += from.forwarded;
  to.withheld += from.withheld;
}

}  // namespace

LetterboxFigures MeasureLetterbox(const std::vector<ContactArrangement>& arrangements,
                                  const std::vector<ExchangeFacts>& exchanges, const platform::Period& period,
                                  platform::Date today, const ScheduleRules& rules, platform::Precision precision) {
  LetterboxFigures f;
  std::map<std::string, LetterboxMonth> months;
  for (platform::Date d(period.first.year(), period.first.month(), 1); d <= period.last;
       d = platform::AddMonths(d, 1)) {
    months[MonthOf(d)].month = MonthOf(d);
  }
  auto month = [&](platform::Date d) -> LetterboxMonth* {
    if (!period.Contains(d)) return nullptr;
    return &months[MonthOf(d)];
  };

  // Arrangements as recorded today, and their reviews.
  std::map<std::pair<ContactKind, ArrangementStatus>, std::pair<int, std::set<std::string>>> tally;
  for (const ContactArrangement& a : arrangements) {
    const ArrangementDetails& d = a.details;
    auto& t = tally[{d.kind.value_or(ContactKind::kIndirect), d.status.value_or(ArrangementStatus::kActive)}];
    ++t.first;
    t.second.insert(d.child);
    if (d.status != ArrangementStatus::kEnded && d.next_review_date && *d.next_review_date < today) {
      ++f.reviews_overdue;
      if (!a.last_review_date) ++f.never_reviewed;
    }
  }
  for (const auto& [key, t] : tally) {
    f.arrangements.push_back({.kind = key.first,
                              .status = key.second,
                              .arrangements = t.first,
                              .children = static_cast<int>(t.second.size())});
  }

  // Due dates of the active letterbox arrangements' sending parties, and what answered them.
  std::set<std::tuple<std::string, std::string, platform::Date>> answers;
  for (const ExchangeFacts& e : exchanges) {
    if (e.due_date) answers.insert({e.arrangement_id, e.sender, *e.due_date});
  }
  int counted = 0, on_time = 0;
  for (const ContactArrangement& a : arrangements) {
    if (a.details.status != ArrangementStatus::kActive) continue;
    std::vector<PartySchedule> parties = ScheduleOf(a, {});  // every due date from the start
    for (const PartySchedule& p : parties) {
      if (!p.next_due) continue;  // a party that sends nothing
      const platform::Date end = a.details.end_date.value_or(period.last);
      for (platform::Date due :
           ExchangeDueDates(a.details.exchange_months, a.details.start_date, end, period.first, period.last)) {
        LetterboxMonth* m = month(due);
        if (m == nullptr) continue;
        ++m->due;
        const bool answered = answers.contains({a.id, p.party_id, due});
        if (answered) ++m->answered;
        const bool past_grace = due + rules.overdue_grace_days < today;
        if (!answered && past_grace) ++m->unanswered;
        if (past_grace) {
          ++counted;
          on_time += answered;
        }
      }
    }
  }

  // Items received, forwarded, withheld; time in review.
  std::map<WithheldReason, int> withheld;
  std::vector<int> review_days;
  for (const ExchangeFacts& e : exchanges) {
    if (LetterboxMonth* m = month(e.received_date)) {
      ++m->received;
      if (e.status == ExchangeStatus::kWithheld) {
        ++m->withheld;
        ++withheld[e.withheld_reason.value_or(WithheldReason::kOther)];
      }
    }
    if (e.forwarded_date) {
      if (LetterboxMonth* m = month(*e.forwarded_date)) ++m->forwarded;
    }
    if (e.approved_date && period.Contains(*e.approved_date)) {
      review_days.push_back(static_cast<int>(*e.approved_date - e.received_date));
    }
  }
  for (const auto& [reason, n] : withheld) f.withheld.push_back({reason, n});
  for (auto& [key, m] : months) {
    Add(f.total, m);
    f.months.push_back(m);
  }
  f.approved = static_cast<int>(review_days.size());
  if (!review_days.empty()) {
    long long sum = 0;
    for (int d : review_days) sum += d;
    f.mean_days_in_review = platform::Mean(sum, f.approved, precision.decimals, precision.rounding);
    std::sort(review_days.begin(), review_days.end());
    f.median_days_in_review = review_days[(review_days.size() - 1) / 2];
  }
  f.answered_share = platform::ShareOf(on_time, counted, precision);
  return f;
}

}  // namespace letterbox
