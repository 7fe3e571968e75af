#include "support-svc/domain/disruption_review.h"

#include "absl/strings/str_cat.h"
#include "platform/core/enum_names.h"
#include "platform/core/errors.h"
#include "platform/core/status_macros.h"
#include "platform/core/steps.h"
#include "platform/core/text.h"

namespace support {
namespace {

using platform::CharacterCount;
using platform::IsBlank;

absl::Status ExpectOpen(const DisruptionReview& r, const char* step) {
  if (r.status != DisruptionReviewStatus::kHeld) return absl::OkStatus();
  return platform::RefuseStep("a disruption review", DisruptionReviewStatusName(r.status), step, "DUE or SCHEDULED");
}

}  // namespace

DisruptionReview DisruptionReviewDue(std::string id, const AdoptiveFamily& family, const std::string& actor,
                                     long long now) {
  DisruptionReview r;
  r.id = std::move(id);
  r.family_id = family.id;
  r.child_id = family.child_id;
  r.household_id = family.household_id;
  r.local_authority = family.local_authority;
  r.disruption_date = family.disruption_date.value_or(family.moved_in_date);
  r.after_order = family.adoption_order_date.has_value();
  r.created_at = r.updated_at = now;
  r.created_by = r.updated_by = actor;
  return r;
}

absl::Status ScheduleDisruptionReview(DisruptionReview& r, platform::Date day, const std::string& chair,
                                      const platform::Revision& by) {
  platform::Validation v;
  v.Check(!IsBlank(chair) && CharacterCount(chair) <= kMaxChairLength, "chair",
          "is required: the independent chair (at most 100 characters)");
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(ExpectOpen(r, "scheduled"));
  RETURN_IF_ERROR(platform::NotBefore(day, r.disruption_date, "scheduled_date", "disruption"));
  r.status = DisruptionReviewStatus::kScheduled;
  r.scheduled_date = day;
  r.chair = chair;
  platform::Stamp(r, by);
  return absl::OkStatus();
}

absl::Status RecordDisruptionReview(DisruptionReview& r, platform::Date held, const std::string& chair,
                                    const std::string& findings, const std::string& recommendations,
                                    const platform::Revision& by) {
  platform::Validation v;
  v.Check(held <= by.today, "held_date", "must not be in the future");
  v.Check((!IsBlank(chair) || !r.chair.empty()) && CharacterCount(chair) <= kMaxChairLength, "chair",
          "is required (unless scheduled with one): the independent chair (at most 100 characters)");
  v.Check(!IsBlank(findings) && CharacterCount(findings) <= kMaxReviewTextLength, "findings",
          "is required: what the review found (at most 8000 characters)");
  v.Check(CharacterCount(recommendations) <= kMaxReviewTextLength, "recommendations",
          "is at most 8000 characters");
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(ExpectOpen(r, "held"));
  RETURN_IF_ERROR(platform::NotBefore(held, r.disruption_date, "held_date", "disruption"));
  r.status = DisruptionReviewStatus::kHeld;
  r.held_date = held;
  if (!IsBlank(chair)) r.chair = chair;
  r.findings = findings;
  r.recommendations = recommendations;
  platform::Stamp(r, by);
  return absl::OkStatus();
}

namespace {
constexpr const char* kStatusNames[] = {"DUE", "SCHEDULED", "HELD"};
}  // namespace

std::string DisruptionReviewStatusName(DisruptionReviewStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<DisruptionReviewStatus> ParseDisruptionReviewStatus(const std::string& name) {
  return platform::EnumFromName<DisruptionReviewStatus>(kStatusNames, name);
}

}  // namespace support
