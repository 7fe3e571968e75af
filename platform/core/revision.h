#pragma once
// What every domain's Revise… is told besides the record and its revised details:
// who changes it, when, and the day its date rules are judged on; and the shape of
// an aggregate's table of allowed status changes (statuses as data).
#include <string>
#include <vector>

#include "platform/core/calendar.h"

namespace platform {

struct Revision {
  std::string actor;  // the caller's subject: becomes updated_by
  long long at = 0;   // microseconds since the epoch: becomes updated_at
  Date today;         // the day in the UK: bounds dates that cannot be in the future
};

// Marks `record` (any with updated_at / updated_by) as changed by `revision`.
template <typename Record>
void Stamp(Record& record, const Revision& revision) {
  record.updated_at = revision.at;
  record.updated_by = revision.actor;
}

// One status change an aggregate allows. Each aggregate with statuses lists its
// changes once (AllowedStatusChanges()); its Revise… checks against that list.
template <typename Status>
struct StatusChange {
  Status from, to;
};

// True when `to` is `from` (staying put is always allowed) or `changes` lists it.
template <typename Status>
bool MayChangeStatus(const std::vector<StatusChange<Status>>& changes, Status from, Status to) {
  if (from == to) return true;
  for (const auto& change : changes) {
    if (change.from == from && change.to == to) return true;
  }
  return false;
}

// The statuses `from` may become, in the table's order (for a refusal's message).
template <typename Status>
std::vector<Status> NextStatuses(const std::vector<StatusChange<Status>>& changes, Status from) {
  std::vector<Status> next;
  for (const auto& change : changes) {
    if (change.from == from) next.push_back(change.to);
  }
  return next;
}

}  // namespace platform
