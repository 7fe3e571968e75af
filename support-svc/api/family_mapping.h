#pragma once
// AdoptiveFamily and DisruptionReview -> adoption.support.v1: read-only records, made by
// family finding's events (family_events.cc).
#include <string>

#include "adoption/support/v1/adoptive_family.pb.h"
#include "adoption/support/v1/disruption_review.pb.h"
#include "platform/core/calendar.h"
#include "support-svc/domain/adoptive_family.h"
#include "support-svc/domain/disruption_review.h"

namespace support {

// `today` gives whether the placing authority is responsible for the family's support.
adoption::support::v1::AdoptiveFamily ToProto(const AdoptiveFamily& f, platform::Date today);
adoption::support::v1::DisruptionReview ToProto(const DisruptionReview& r);
// The resource types they are audited under.
inline constexpr char kAdoptiveFamilyResource[] = "adoptive_family";
inline constexpr char kDisruptionReviewResource[] = "disruption_review";

}  // namespace support
