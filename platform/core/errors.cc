#include "platform/core/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"

namespace platform {
namespace {

constexpr char kTypePrefix[] = "type.googleapis.com/";

template <typename Detail>
void Attach(absl::Status& status, const Detail& detail) {
  status.SetPayload(absl::StrCat(kTypePrefix, Detail::descriptor()->full_name()),
                    absl::Cord(detail.SerializeAsString()));
}

absl::Status WithErrorInfo(absl::Status status, absl::string_view reason) {
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain("adoption");
  Attach(status, info);
  return status;
}

}  // namespace

absl::Status InvalidArgument(std::vector<FieldViolation> violations) {
  std::string message = "invalid request";
  google::rpc::BadRequest bad_request;
  for (const auto& v : violations) {
    auto* fv = bad_request.add_field_violations();
    fv->set_field(v.field);
    fv->set_description(v.description);
  }
  if (!violations.empty()) {
    message = absl::StrCat(violations[0].field, ": ", violations[0].description);
    if (violations.size() > 1) absl::StrAppend(&message, " (and ", violations.size() - 1, " more)");
  }
  absl::Status status = absl::InvalidArgumentError(message);
  Attach(status, bad_request);
  return status;
}

absl::Status FailedPrecondition(absl::string_view message,
                                std::vector<PreconditionViolation> violations) {
  absl::Status status = absl::FailedPreconditionError(message);
  google::rpc::PreconditionFailure failure;
  for (const auto& v : violations) {
    auto* pv = failure.add_violations();
    pv->set_type(v.type);
    pv->set_subject(v.subject);
    pv->set_description(v.description);
  }
  Attach(status, failure);
  return status;
}

absl::Status NotFound(absl::string_view resource_name) {
  return WithErrorInfo(absl::NotFoundError(absl::StrCat(resource_name, " not found")),
                       "RESOURCE_NOT_FOUND");
}

absl::Status Aborted(absl::string_view message, absl::string_view reason) {
  return WithErrorInfo(absl::AbortedError(message), reason);
}

absl::Status PermissionDenied(absl::string_view message) {
  return WithErrorInfo(absl::PermissionDeniedError(message), "PERMISSION_DENIED");
}

absl::Status Unauthenticated(absl::string_view message) {
  return WithErrorInfo(absl::UnauthenticatedError(message), "UNAUTHENTICATED");
}

bool Validation::Check(bool ok, absl::string_view field, absl::string_view description) {
  if (!ok) Add(field, description);
  return ok;
}

void Validation::Add(absl::string_view field, absl::string_view description) {
  violations_.push_back({std::string(field), std::string(description)});
}

absl::Status Validation::Status() const {
  return ok() ? absl::OkStatus() : InvalidArgument(violations_);
}

std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> out;
  auto payload = status.GetPayload(
      absl::StrCat(kTypePrefix, google::rpc::BadRequest::descriptor()->full_name()));
  if (!payload) return out;
  google::rpc::BadRequest bad_request;
  if (!bad_request.ParseFromString(std::string(*payload))) return out;
  for (const auto& fv : bad_request.field_violations()) {
    out.push_back({fv.field(), fv.description()});
  }
  return out;
}

std::vector<PreconditionViolation> PreconditionViolationsOf(const absl::Status& status) {
  std::vector<PreconditionViolation> out;
  auto payload = status.GetPayload(
      absl::StrCat(kTypePrefix, google::rpc::PreconditionFailure::descriptor()->full_name()));
  if (!payload) return out;
  google::rpc::PreconditionFailure failure;
  if (!failure.ParseFromString(std::string(*payload))) return out;
  for (const auto& v : failure.violations()) out.push_back({v.type(), v.subject(), v.description()});
  return out;
}

}  // namespace platform
