#include "panel-svc/api/households.h"

#include "absl/strings/str_cat.h"
#include "adoption/recruitment/v1/recruitment_service.grpc.pb.h"
#include "platform/core/errors.h"

namespace panel {

namespace rpb = adoption::recruitment::v1;

absl::StatusOr<std::string> RecruitmentHouseholds::Status(const std::string& household_name) const {
  auto stub = rpb::RecruitmentService::NewStub(recruitment_->channel());
  grpc::ClientContext ctx;
  recruitment_->Prepare(ctx);
  rpb::GetHouseholdRequest request;
  request.set_name(household_name);
  rpb::Household household;
  grpc::Status status = stub->GetHousehold(&ctx, request, &household);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return platform::FailedPrecondition(absl::StrCat("recruitment-svc has no ", household_name),
                                        {{"EXISTS", household_name, "recruitment-svc has no such household"}});
  }
  if (!status.ok()) return recruitment_->Failed(status, absl::StrCat("GetHousehold ", household_name));
  return rpb::HouseholdStatus_Name(household.status());
}

}  // namespace panel
