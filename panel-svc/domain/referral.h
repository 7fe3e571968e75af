#pragma once
// A household recruitment-svc referred to panel (docs/domain.md §3): awaiting a date
// until a case for its approval is booked on a meeting on or after the referral.
#include <string>

#include "platform/core/calendar.h"

namespace panel {

struct PanelReferral {
  std::string household_id;
  platform::Date referral_date;
  bool dual_approval_sought = false;
  long long source_sequence = 0;  // the event it came from
  std::string agenda_item_id;     // the approval case booked since; empty while awaiting
  std::string panel_id, meeting_id;
};

// A household referred again keeps its latest referral: an event replaces the stored
// referral unless it is an older one (a replay, or events out of order).
inline bool Replaces(const PanelReferral& incoming, const PanelReferral& stored) {
  return incoming.referral_date > stored.referral_date ||
         (incoming.referral_date == stored.referral_date && incoming.source_sequence > stored.source_sequence);
}

}  // namespace panel
