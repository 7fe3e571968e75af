#pragma once
// Feedback <-> adoption.support.v1.Feedback.
#include <string>

#include "adoption/support/v1/feedback.pb.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "support-svc/domain/feedback.h"

namespace support {

// `today` gives whether an open complaint's response is overdue.
adoption::support::v1::Feedback ToProto(const Feedback& f, platform::Date today);
// Reads the client-settable fields; shape problems become violations under `prefix`.
FeedbackDetails FeedbackDetailsFromProto(const adoption::support::v1::Feedback& p, const std::string& prefix,
                                         platform::Validation& v);
std::string FeedbackName(const std::string& id);

}  // namespace support
