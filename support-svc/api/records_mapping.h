#pragma once
// RecordsAccessRequest <-> adoption.support.v1.RecordsAccessRequest.
#include <string>

#include "adoption/support/v1/records_access_request.pb.h"
#include "platform/core/errors.h"
#include "support-svc/domain/records_access.h"

namespace support {

adoption::support::v1::RecordsAccessRequest ToProto(const RecordsAccessRequest& r);
// Reads the client-settable fields; shape problems become violations under `prefix`.
RecordsAccessDetails RecordsAccessDetailsFromProto(const adoption::support::v1::RecordsAccessRequest& p,
                                                   const std::string& prefix, platform::Validation& v);
CounsellingSession SessionFromProto(const adoption::support::v1::CounsellingSession& p, const std::string& prefix,
                                    platform::Validation& v);
std::string RecordsAccessRequestName(const std::string& id);

}  // namespace support
