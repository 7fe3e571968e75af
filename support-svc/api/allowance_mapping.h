#pragma once
// AdoptionAllowance <-> adoption.support.v1.AdoptionAllowance.
#include <string>

#include "adoption/support/v1/adoption_allowance.pb.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "support-svc/domain/adoption_allowance.h"

namespace support {

// `today` gives the amount in force and whether the review is overdue.
adoption::support::v1::AdoptionAllowance ToProto(const AdoptionAllowance& a, platform::Date today);
// Reads the client-settable fields; shape problems become violations under `prefix`.
AllowanceDetails AllowanceDetailsFromProto(const adoption::support::v1::AdoptionAllowance& p,
                                           const std::string& prefix, platform::Validation& v);
// A GBP amount in pence; a violation on `field` for another currency.
long long PenceFromProto(const adoption::type::v1::Money& m, const std::string& field, platform::Validation& v);
std::string AdoptionAllowanceName(const std::string& id);
// The resource type adoption allowances are audited under.
inline constexpr char kAdoptionAllowanceResource[] = "adoption_allowance";

}  // namespace support
