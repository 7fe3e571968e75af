#pragma once
// Disruption reviews (docs/domain.md §4): when an adoptive placement ends — before the
// order or after it — the agency holds a review meeting to learn what happened and what
// the child now needs. Family finding's PlacementDisrupted makes one due; it is scheduled
// with its independent chair and held, its findings and recommendations recorded. Pure.
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "platform/core/calendar.h"
#include "platform/core/revision.h"
#include "support-svc/domain/adoptive_family.h"

namespace support {

// Names match the contract's enum (without its prefix), in the same order.
enum class DisruptionReviewStatus { kDue, kScheduled, kHeld };

struct DisruptionReview {
  std::string id;
  std::string family_id, child_id, household_id;
  std::string local_authority;  // the placing authority
  platform::Date disruption_date;
  bool after_order = false;
  DisruptionReviewStatus status = DisruptionReviewStatus::kDue;
  std::optional<platform::Date> scheduled_date, held_date;
  std::string chair;            // the independent chair's display name
  std::string findings;         // free text, never logged
  std::string recommendations;  // free text, never logged
  long long version = 1;
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

inline constexpr size_t kMaxChairLength = 100;
inline constexpr size_t kMaxReviewTextLength = 8000;

// The review a disrupted family's placement makes due (its status DISRUPTED).
DisruptionReview DisruptionReviewDue(std::string id, const AdoptiveFamily& family, const std::string& actor,
                                     long long now);

// The verbs. Each refuses (STATE status) a review not where the step starts and (ORDER
// <field>) a day before the disruption; a missing chair or findings, or a meeting held in
// the future, is INVALID_ARGUMENT.
// DUE or SCHEDULED -> SCHEDULED: the meeting's day (it may be ahead) and its chair.
absl::Status ScheduleDisruptionReview(DisruptionReview& r, platform::Date day, const std::string& chair,
                                      const platform::Revision& by);
// DUE or SCHEDULED -> HELD: the day it met, its chair (the scheduled one when empty),
// findings and recommendations.
absl::Status RecordDisruptionReview(DisruptionReview& r, platform::Date held, const std::string& chair,
                                    const std::string& findings, const std::string& recommendations,
                                    const platform::Revision& by);

std::string DisruptionReviewStatusName(DisruptionReviewStatus s);
std::optional<DisruptionReviewStatus> ParseDisruptionReviewStatus(const std::string& name);

}  // namespace support
