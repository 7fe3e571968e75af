#pragma once
// A service's RecordsService as a manager asks it, for the tests of the kinds of
// record each service keeps (docs/records.md).
#include <optional>
#include <string>
#include <vector>

#include "adoption/records/v1/records.grpc.pb.h"
#include "platform/testing/testing.h"

namespace platform::testing {

class RecordsClient {
 public:
  explicit RecordsClient(const ServiceHost& host)
      : stub_(adoption::records::v1::RecordsService::NewStub(ChannelTo(host))) {}

  // What falls due by `through` (the service's today when not given); every kind.
  std::vector<adoption::records::v1::DueRecord> Due(std::optional<Date> through = std::nullopt) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    adoption::records::v1::ListDueRecordsRequest r;
    if (through) *r.mutable_due_date() = DateToProto(*through);
    adoption::records::v1::ListDueRecordsResponse out;
    grpc::Status s = stub_->ListDueRecords(&ctx, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {out.due_records().begin(), out.due_records().end()};
  }

  grpc::Status Dispose(const std::string& type, const std::string& id, const std::string& decision,
                       adoption::records::v1::Disposal* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    adoption::records::v1::DisposeOfRecordRequest r;
    r.mutable_disposal()->set_record_type(type);
    r.mutable_disposal()->set_record_id(id);
    r.mutable_disposal()->set_decision(decision);
    return stub_->DisposeOfRecord(&ctx, r, out);
  }

  grpc::Status Hold(const std::string& type, const std::string& id, const std::string& reason,
                    adoption::records::v1::LegalHold* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    adoption::records::v1::PlaceLegalHoldRequest r;
    r.mutable_legal_hold()->set_record_type(type);
    r.mutable_legal_hold()->set_record_id(id);
    r.mutable_legal_hold()->set_reason(reason);
    return stub_->PlaceLegalHold(&ctx, r, out);
  }

 private:
  std::unique_ptr<adoption::records::v1::RecordsService::Stub> stub_;
};

}  // namespace platform::testing
