#pragma once
// AssessmentOfNeed <-> adoption.support.v1.AssessmentOfNeed, and its support plan.
#include <string>

#include "adoption/support/v1/assessment_of_need.pb.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "support-svc/domain/assessment_of_need.h"

namespace support {

// `today` gives the wait of one still waiting and whether its plan's review is due.
adoption::support::v1::AssessmentOfNeed ToProto(const AssessmentOfNeed& a, platform::Date today);
// Reads the client-settable fields; shape problems become violations under `prefix`.
// support_request is read as a resource name ("supportRequests/{id}") or empty.
AssessmentDetails AssessmentDetailsFromProto(const adoption::support::v1::AssessmentOfNeed& p,
                                             const std::string& prefix, platform::Validation& v);
// The plan as given; unset enums stay unset for ValidatePlan to judge.
SupportPlan PlanFromProto(const adoption::support::v1::SupportPlan& p, const std::string& prefix,
                          platform::Validation& v);
std::string AssessmentOfNeedName(const std::string& id);
// The resource type assessments of need are audited under.
inline constexpr char kAssessmentOfNeedResource[] = "assessment_of_need";

}  // namespace support
