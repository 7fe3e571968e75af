#pragma once
// The letterbox API in-process over a real gRPC port, on SQLite (unit) and MariaDB
// (integration): the fixture and the valid requests its tests start from.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "letterbox-svc/api/arrangement_disclosure.h"
#include "letterbox-svc/api/arrangement_records.h"
#include "letterbox-svc/api/letterbox_api.h"
#include "platform/testing/testing.h"

namespace letterbox {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace testing {

namespace pb = adoption::letterbox::v1;
using platform::Role;
using platform::testing::Authorize;
using platform::testing::SetDate;

inline pb::CreateContactArrangementRequest ValidCreate(const std::string& request_id) {
  pb::CreateContactArrangementRequest r;
  r.set_request_id(request_id);
  auto* a = r.mutable_contact_arrangement();
  a->set_child("children/01jz0000000000000000000000");
  SetDate(a->mutable_child_date_of_birth(), 2020, 2, 29);
  a->set_local_authority("E09000006");
  a->set_kind(pb::CONTACT_KIND_INDIRECT);
  auto* family = a->add_parties();
  family->set_role(pb::PARTY_ROLE_ADOPTIVE_FAMILY);
  family->set_display_name("Mum and Dad");
  auto* mother = a->add_parties();
  mother->set_role(pb::PARTY_ROLE_BIRTH_MOTHER);
  mother->set_display_name("Kelly");
  a->set_frequency(pb::CONTACT_FREQUENCY_YEARLY);
  a->add_exchange_months(5);
  a->set_two_way(true);
  SetDate(a->mutable_start_date(), 2025, 4, 1);
  return r;
}

class LetterboxApiTest : public platform::testing::ApiTest<pb::LetterboxService> {
 protected:
  LetterboxApiTest() : ApiTest("letterbox", Migrations()) {}
  std::unique_ptr<grpc::Service> MakeService(platform::ServiceHost& host) override {
    records_ = ContactArrangementRecords(&platform::StatutoryTable::Defaults());
    host.KeepRecords({records_.get()}, &clock_);
    disclosure_ = std::make_unique<ArrangementDisclosure>(&store_, &exchanges_);
    host.DiscloseFrom({disclosure_.get()});
    return std::make_unique<LetterboxApi>(host.Runner(&Policies()), &host.db(), &clock_,
                                          &platform::StatutoryTable::Defaults(), &store_, &exchanges_,
                                          &schedule_);
  }

  grpc::Status Create(const pb::CreateContactArrangementRequest& r, pb::ContactArrangement* out,
                      std::vector<Role> roles = {Role::kLetterboxCoordinator}) {
    grpc::ClientContext ctx;
    if (!roles.empty()) Authorize(ctx, roles);
    return stub_->CreateContactArrangement(&ctx, r, out);
  }
  grpc::Status Update(const pb::UpdateContactArrangementRequest& r, pb::ContactArrangement* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kLetterboxCoordinator});
    return stub_->UpdateContactArrangement(&ctx, r, out);
  }
  grpc::Status List(const pb::ListContactArrangementsRequest& r, pb::ListContactArrangementsResponse* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    return stub_->ListContactArrangements(&ctx, r, out);
  }

  // The real day unless a test pins another (clock_.Set), so dates built from
  // platform::Today() mean what they say.
  platform::FixedClock clock_{platform::Today()};
  ContactArrangementStore store_;
  ExchangeStore exchanges_;
  ScheduleStore schedule_;
  std::unique_ptr<platform::RecordKind> records_;
  std::unique_ptr<ArrangementDisclosure> disclosure_;
};

}  // namespace testing
}  // namespace letterbox
