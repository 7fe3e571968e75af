#pragma once
// The recruitment API with its RecordsService in-process over a real gRPC port, on
// SQLite (unit) and MariaDB (integration): households' retention, disposal and
// disclosure (docs/records.md).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>

#include "adoption/records/v1/records.grpc.pb.h"
#include "platform/testing/testing.h"
#include "recruitment-svc/api/household_disclosure.h"
#include "recruitment-svc/api/household_records.h"
#include "recruitment-svc/api/recruitment_api.h"

namespace recruitment {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace testing {

namespace pb = adoption::recruitment::v1;
namespace rpb = adoption::records::v1;
using platform::Role;
using platform::testing::Authorize;

class RecordsApiTest : public platform::testing::ApiTest<pb::RecruitmentService> {
 protected:
  RecordsApiTest() : ApiTest("recruitment", Migrations()) {}
  std::unique_ptr<grpc::Service> MakeService(platform::ServiceHost& host) override {
    records_ = std::make_unique<HouseholdRecords>(&store_, &host.statutory());
    host.KeepRecords({records_.get()}, &clock_);
    disclosure_ = std::make_unique<HouseholdDisclosure>(&store_, &host.statutory(), &clock_);
    host.DiscloseFrom({disclosure_.get()});
    return std::make_unique<RecruitmentApi>(host.Runner(&Policies()), &host.db(), &clock_, &host.statutory(), &store_,
                                            &sessions_, &pauses_);
  }
  void SetUp() override {
    ApiTest::SetUp();
    if (host_) records_stub_ = rpb::RecordsService::NewStub(platform::testing::ChannelTo(*host_));
  }

  // A household that enquired on 2025-04-07 as a worker; withdrawn on `withdrawn` (a
  // day of May 2025 or later) when given.
  pb::Household Household(const std::string& request_id, std::optional<platform::Date> withdrawn) {
    pb::CreateHouseholdRequest r;
    r.set_request_id(request_id);
    auto* a = r.mutable_household()->add_applicants();
    a->mutable_person()->set_given_name("Priya");
    a->mutable_person()->set_family_name("Shah-" + request_id);
    a->set_ethnicity("ASIAN_INDIAN");
    r.mutable_household()->set_family_structure(pb::FAMILY_STRUCTURE_SINGLE);
    r.mutable_household()->set_home_local_authority("E09000006");
    platform::testing::SetDate(r.mutable_household()->mutable_enquiry_date(), 2025, 4, 7);
    pb::Household h;
    grpc::ClientContext create;
    Authorize(create, {Role::kRecruitmentWorker});
    EXPECT_TRUE(stub_->CreateHousehold(&create, r, &h).ok());
    if (withdrawn) {
      pb::ReceiveRegistrationOfInterestRequest roi;
      roi.set_name(h.name());
      roi.set_etag(h.etag());
      platform::testing::SetDate(roi.mutable_effective_date(), 2025, 5, 1);
      grpc::ClientContext c1;
      Authorize(c1, {Role::kRecruitmentWorker});
      EXPECT_TRUE(stub_->ReceiveRegistrationOfInterest(&c1, roi, &h).ok());
      pb::WithdrawHouseholdRequest w;
      w.set_name(h.name());
      w.set_etag(h.etag());
      w.set_reason("moved away");
      platform::testing::SetDate(w.mutable_effective_date(), withdrawn->year(), withdrawn->month(), withdrawn->day());
      grpc::ClientContext c2;
      Authorize(c2, {Role::kRecruitmentWorker});
      grpc::Status s = stub_->WithdrawHousehold(&c2, w, &h);
      EXPECT_TRUE(s.ok()) << s.error_message();
    }
    return h;
  }
  static std::string IdOf(const pb::Household& h) { return h.name().substr(h.name().find('/') + 1); }

  std::vector<rpb::DueRecord> Due(std::optional<platform::Date> through = std::nullopt) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    rpb::ListDueRecordsRequest r;
    if (through) platform::testing::SetDate(r.mutable_due_date(), through->year(), through->month(), through->day());
    rpb::ListDueRecordsResponse out;
    grpc::Status s = records_stub_->ListDueRecords(&ctx, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {out.due_records().begin(), out.due_records().end()};
  }
  grpc::Status Dispose(const std::string& type, const std::string& id, const std::string& decision,
                       rpb::Disposal* out, std::vector<Role> roles = {Role::kManager}) {
    grpc::ClientContext ctx;
    Authorize(ctx, roles);
    rpb::DisposeOfRecordRequest r;
    r.mutable_disposal()->set_record_type(type);
    r.mutable_disposal()->set_record_id(id);
    r.mutable_disposal()->set_decision(decision);
    return records_stub_->DisposeOfRecord(&ctx, r, out);
  }
  grpc::Status Hold(const std::string& id, const std::string& reason, rpb::LegalHold* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    rpb::PlaceLegalHoldRequest r;
    r.mutable_legal_hold()->set_record_type("household");
    r.mutable_legal_hold()->set_record_id(id);
    r.mutable_legal_hold()->set_reason(reason);
    return records_stub_->PlaceLegalHold(&ctx, r, out);
  }
  std::set<std::string> TablesHolding(const std::string& text) {
    return platform::testing::TablesHolding(host_->db(), text);
  }

  platform::FixedClock clock_{platform::Date(2025, 12, 1)};
  HouseholdStore store_;
  InformationSessionStore sessions_;
  RegistrationPauseStore pauses_;
  std::unique_ptr<HouseholdRecords> records_;
  std::unique_ptr<HouseholdDisclosure> disclosure_;
  std::unique_ptr<rpb::RecordsService::Stub> records_stub_;
};

}  // namespace testing
}  // namespace recruitment
