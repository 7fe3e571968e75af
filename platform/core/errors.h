#pragma once
// Errors as data. Domain and store code return absl::Status; these helpers attach
// the google.rpc detail (BadRequest, PreconditionFailure, ErrorInfo) as a status
// payload, and ToGrpcStatus() (platform/rpc/grpc_status.h) — the one place — turns that
// into the gRPC richer error model (grpc-status-details-bin).
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace platform {

// One offending field: its path in the request ("household.applicants[0].person")
// and the rule it broke.
struct FieldViolation {
  std::string field;
  std::string description;
};

// INVALID_ARGUMENT with a google.rpc.BadRequest listing every violation.
absl::Status InvalidArgument(std::vector<FieldViolation> violations);

// FAILED_PRECONDITION with a google.rpc.PreconditionFailure: `type` is a short
// category ("STATE", "STAGE_ONE_CHECKS"), `subject` what it is about, and
// `description` what is wrong or missing.
struct PreconditionViolation {
  std::string type;
  std::string subject;
  std::string description;
};
absl::Status FailedPrecondition(absl::string_view message,
                                std::vector<PreconditionViolation> violations);

// Errors with a google.rpc.ErrorInfo (reason in UPPER_SNAKE, domain "adoption").
absl::Status NotFound(absl::string_view resource_name);
absl::Status Aborted(absl::string_view message, absl::string_view reason);
absl::Status PermissionDenied(absl::string_view message);
absl::Status Unauthenticated(absl::string_view message);

// Accumulates field violations so a request is checked whole and every problem is
// reported at once.
class Validation {
 public:
  // Records a violation when `ok` is false; returns ok.
  bool Check(bool ok, absl::string_view field, absl::string_view description);
  void Add(absl::string_view field, absl::string_view description);
  bool ok() const { return violations_.empty(); }
  const std::vector<FieldViolation>& violations() const { return violations_; }
  // OK, or INVALID_ARGUMENT with every violation.
  absl::Status Status() const;

 private:
  std::vector<FieldViolation> violations_;
};

// The field violations carried by a status (empty if none): for tests and logs.
std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);
// The precondition violations carried by a status (empty if none): for tests and logs.
std::vector<PreconditionViolation> PreconditionViolationsOf(const absl::Status& status);

}  // namespace platform
