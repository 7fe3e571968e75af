#pragma once
// Report requests and answers in the contracts' shared types (adoption/type/v1/report.proto):
// periods, precision and shares (docs/reports.md "Conventions").
#include <optional>
#include <string>

#include "adoption/type/v1/report.pb.h"
#include "platform/core/errors.h"
#include "platform/core/figures.h"

namespace platform {

// A required period: both days set and valid, the last not before the first
// (violations name `field`.first_day / `field`.last_day).
Period PeriodFromProto(const adoption::type::v1::DatePeriod& period, bool present, absl::string_view field,
                       Validation& v);
adoption::type::v1::DatePeriod PeriodToProto(const Period& period);

// Unset places are one decimal place; unset rounding is half up.
Precision PrecisionFromProto(const adoption::type::v1::ReportPrecision& precision);

adoption::type::v1::Share ShareToProto(const Share& share);

// A report's optional local authority: nullopt when `code` is empty (every authority
// the caller reaches), else the code, which must be an ONS one (a violation names
// `local_authority`).
std::optional<std::string> ReportLocalAuthority(const std::string& code, Validation& v);

}  // namespace platform
