#pragma once
// AsfApplication <-> adoption.support.v1.AsfApplication.
#include <string>

#include "adoption/support/v1/asf_application.pb.h"
#include "platform/core/errors.h"
#include "support-svc/domain/asf_application.h"

namespace support {

adoption::support::v1::AsfApplication ToProto(const AsfApplication& a);
// Reads the client-settable fields; shape problems become violations under `prefix`.
AsfDetails AsfDetailsFromProto(const adoption::support::v1::AsfApplication& p, const std::string& prefix,
                               platform::Validation& v);
std::string AsfApplicationName(const std::string& id);

}  // namespace support
