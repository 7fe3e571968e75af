#pragma once
// The letterbox's report (docs/letterbox.md, "The report"): what an agency's annual
// report says of its letterbox — arrangements by type and status, exchanges due,
// answered, overdue and forwarded per month, items withheld by reason, the time items
// spend in review, and the arrangements whose reviews are overdue or never held.
#include <optional>
#include <string>
#include <vector>

#include "letterbox-svc/domain/contact_arrangement.h"
#include "letterbox-svc/domain/exchange.h"
#include "letterbox-svc/domain/schedule.h"
#include "platform/core/figures.h"

namespace letterbox {

// An item as the report counts it (no content).
struct ExchangeFacts {
  std::string arrangement_id, sender;
  ExchangeStatus status = ExchangeStatus::kReceived;
  std::optional<platform::Date> due_date;
  platform::Date received_date;
  std::optional<platform::Date> approved_date, forwarded_date;
  std::optional<WithheldReason> withheld_reason;
};

struct ArrangementTally {
  ContactKind kind = ContactKind::kIndirect;
  ArrangementStatus status = ArrangementStatus::kActive;
  int arrangements = 0;
  int children = 0;  // distinct children
};

// One month of the period (or the whole of it: month empty).
struct LetterboxMonth {
  std::string month;    // "2025-05"
  int due = 0;          // due dates falling in it, one per sending party of an active arrangement
  int answered = 0;     // of those, answered by an item naming them
  int unanswered = 0;   // of those, not answered and past the grace days by the report's day
  int received = 0;     // items received in it
  int forwarded = 0;    // items forwarded in it
  int withheld = 0;     // items received in it and withheld
};

struct WithheldCount {
  WithheldReason reason = WithheldReason::kOther;
  int items = 0;
};

struct LetterboxFigures {
  std::vector<ArrangementTally> arrangements;  // as recorded today, by kind then status
  std::vector<LetterboxMonth> months;          // every month of the period, in order
  LetterboxMonth total;
  std::vector<WithheldCount> withheld;  // items received in the period and withheld, by reason
  // Items approved in the period: days from receipt to approval.
  int approved = 0;
  std::optional<double> mean_days_in_review;
  std::optional<int> median_days_in_review;
  platform::Share answered_share;  // due in the period and past the grace days: the share answered
  int reviews_overdue = 0;           // arrangements not ended whose review date has passed
  int never_reviewed = 0;            // of those, never reviewed since set up
};

// The figures for `period`, on `today`, under the schedule's `rules`.
LetterboxFigures MeasureLetterbox(const std::vector<ContactArrangement>& arrangements,
                                  const std::vector<ExchangeFacts>& exchanges, const platform::Period& period,
                                  platform::Date today, const ScheduleRules& rules, platform::Precision precision);

}  // namespace letterbox
