#include "panel-svc/api/children.h"

#include "absl/strings/str_cat.h"
#include "adoption/familyfinding/v1/familyfinding_service.grpc.pb.h"
#include "platform/core/errors.h"

namespace panel {

namespace fpb = adoption::familyfinding::v1;

absl::StatusOr<ChildFacts> FamilyFindingChildren::Facts(const std::string& child_name) const {
  auto stub = fpb::FamilyFindingService::NewStub(familyfinding_->channel());
  grpc::ClientContext ctx;
  familyfinding_->Prepare(ctx);
  fpb::GetChildRequest request;
  request.set_name(child_name);
  fpb::Child child;
  grpc::Status status = stub->GetChild(&ctx, request, &child);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return platform::FailedPrecondition(absl::StrCat("familyfinding-svc has no ", child_name),
                                        {{"EXISTS", child_name, "familyfinding-svc has no such child"}});
  }
  if (!status.ok()) return familyfinding_->Failed(status, absl::StrCat("GetChild ", child_name));
  return ChildFacts{.name = child_name,
                    .local_authority = child.local_authority(),
                    .status = fpb::FamilyFindingStatus_Name(child.status()),
                    .legal_status = fpb::LegalStatus_Name(child.legal_status()),
                    .should_be_placed_decided = child.has_should_be_placed_decision_date()};
}

}  // namespace panel
