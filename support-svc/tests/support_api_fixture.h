#pragma once
// The support API in-process over a real gRPC port, on SQLite (unit) and MariaDB
// (integration): the fixture and the valid requests its tests start from.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "adoption/events/v1/event_log.pb.h"
#include "platform/testing/testing.h"
#include "support-svc/api/family_disclosure.h"
#include "support-svc/api/family_events.h"
#include "support-svc/api/family_records.h"
#include "support-svc/api/support_api.h"

namespace support {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace testing {

namespace pb = adoption::support::v1;
using platform::Role;
using platform::testing::Authorize;

inline constexpr char kSummary[] = "Adoptive mum: school exclusion, asks for DDP therapy";

inline pb::CreateSupportRequestRequest ValidCreate(const std::string& request_id) {
  pb::CreateSupportRequestRequest r;
  r.set_request_id(request_id);
  auto* s = r.mutable_support_request();
  s->set_requester_kind(pb::REQUESTER_KIND_ADOPTIVE_FAMILY);
  s->mutable_requester()->set_given_name("Morgan");
  s->mutable_requester()->set_family_name("Achebe");
  s->set_channel(pb::CHANNEL_HELPLINE);
  // The Friday before Easter 2025.
  s->mutable_received_date()->set_year(2025);
  s->mutable_received_date()->set_month(4);
  s->mutable_received_date()->set_day(11);
  s->set_summary(kSummary);
  s->set_local_authority("E09000006");
  return r;
}

// The adoptive household (recruitment-svc's id) of the fixture's family.
inline constexpr char kFamily[] = "01j00000000000000000000h01";

// ValidCreate for the adoptive household `household` (the family's own request).
inline pb::CreateSupportRequestRequest FamilyCreate(const std::string& request_id,
                                                    const std::string& household = kFamily) {
  pb::CreateSupportRequestRequest r = ValidCreate(request_id);
  r.mutable_support_request()->set_household("households/" + household);
  return r;
}

// A therapy application for child C-1042 of Bromley in 2025-26.
inline pb::CreateAsfApplicationRequest AsfCreate(const std::string& request_id, long long pence,
                                          pb::AsfServiceType service = pb::ASF_SERVICE_TYPE_THERAPLAY,
                                          const std::string& child = "C-1042") {
  pb::CreateAsfApplicationRequest r;
  r.set_request_id(request_id);
  pb::AsfApplication* a = r.mutable_asf_application();
  a->set_child_reference(child);
  a->set_family_reference("F-311");
  a->set_child_category(pb::CHILD_CATEGORY_ADOPTED);
  a->set_child_age_years(8);
  a->set_local_authority("E09000006");
  a->set_service_type(service);
  a->set_provider("Family Futures");
  a->mutable_cost()->set_currency_code("GBP");
  a->mutable_cost()->set_minor_units(pence);
  a->set_financial_year("2025-26");
  return r;
}

// An assessment for Bromley requested on `requested`, waiting.
inline pb::CreateAssessmentOfNeedRequest AssessmentCreate(const std::string& request_id, platform::Date requested) {
  pb::CreateAssessmentOfNeedRequest r;
  r.set_request_id(request_id);
  pb::AssessmentOfNeed* a = r.mutable_assessment_of_need();
  a->set_local_authority("E09000006");
  *a->mutable_requested_date() = platform::DateToProto(requested);
  a->set_needs("Child's behaviour at school; parents exhausted");
  a->set_household(std::string("households/") + kFamily);
  return r;
}

// A plan of one goal and one ASF-funded therapy, reviewed on `review`.
inline pb::SupportPlan ValidPlan(platform::Date review) {
  pb::SupportPlan p;
  p.add_goals("Reduce exclusions at school");
  pb::PlannedService* s = p.add_services();
  s->set_kind(pb::SUPPORT_SERVICE_KIND_THERAPY);
  s->set_provider("Family Futures");
  s->set_frequency("weekly for 12 weeks");
  s->set_funding_source(pb::FUNDING_SOURCE_ADOPTION_SUPPORT_FUND);
  *p.mutable_review_date() = platform::DateToProto(review);
  return p;
}

// A regular monthly allowance of £400 for a Bromley child from `start`.
inline pb::CreateAdoptionAllowanceRequest AllowanceCreate(const std::string& request_id, platform::Date start) {
  pb::CreateAdoptionAllowanceRequest r;
  r.set_request_id(request_id);
  pb::AdoptionAllowance* a = r.mutable_adoption_allowance();
  a->set_child("C-1042");
  a->set_local_authority("E09000006");
  a->set_kind(pb::ALLOWANCE_KIND_REGULAR);
  a->mutable_amount()->set_currency_code("GBP");
  a->mutable_amount()->set_minor_units(40000);
  a->set_frequency(pb::PAYMENT_FREQUENCY_MONTHLY);
  a->set_means_tested(true);
  *a->mutable_start_date() = platform::DateToProto(start);
  return r;
}

// An adopted adult's request for their Bromley birth records received on `received`.
inline pb::CreateRecordsAccessRequestRequest RecordsCreate(const std::string& request_id, platform::Date received,
                                                           bool before_1975 = false) {
  pb::CreateRecordsAccessRequestRequest r;
  r.set_request_id(request_id);
  pb::RecordsAccessRequest* a = r.mutable_records_access_request();
  a->set_kind(pb::RECORDS_ACCESS_KIND_BIRTH_RECORDS);
  a->mutable_applicant()->set_given_name("Margaret");
  a->mutable_applicant()->set_family_name("Holt");
  a->set_birth_name("Margaret Lane");
  *a->mutable_received_date() = platform::DateToProto(received);
  a->set_adopted_before_12_nov_1975(before_1975);
  a->set_local_authority("E09000006");
  return r;
}

// A complaint from an adoptive family about Bromley's support, received on `received`.
inline pb::CreateFeedbackRequest FeedbackCreate(const std::string& request_id, platform::Date received) {
  pb::CreateFeedbackRequest r;
  r.set_request_id(request_id);
  pb::Feedback* f = r.mutable_feedback();
  f->set_kind(pb::FEEDBACK_KIND_COMPLAINT);
  f->set_from(pb::REQUESTER_KIND_ADOPTIVE_FAMILY);
  *f->mutable_received_date() = platform::DateToProto(received);
  f->set_summary("No reply to our request for a support plan review");
  f->set_local_authority("E09000006");
  return r;
}

class SupportApiTest : public platform::testing::ApiTest<pb::SupportService> {
 protected:
  SupportApiTest() : ApiTest("support", Migrations()) {}
  std::unique_ptr<grpc::Service> MakeService(platform::ServiceHost& host) override {
    records_ = FamilySupportRecords(&platform::StatutoryTable::Defaults());
    asf_records_ = AsfApplicationRecords(&platform::StatutoryTable::Defaults());
    access_records_ = RecordsAccessRequestRecords(&platform::StatutoryTable::Defaults());
    feedback_records_ = FeedbackRecords(&platform::StatutoryTable::Defaults());
    host.KeepRecords({records_.get(), asf_records_.get(), access_records_.get(), feedback_records_.get()}, &clock_);
    disclosure_ =
        std::make_unique<FamilyDisclosure>(&store_, &clock_, &platform::WorkingDayCalendar::EnglandAndWales());
    host.DiscloseFrom({disclosure_.get()});
    return std::make_unique<SupportApi>(host.Runner(&Policies()), &host.db(), &clock_,
                                        &platform::StatutoryTable::Defaults(),
                                        &platform::WorkingDayCalendar::EnglandAndWales(), &store_);
  }

  grpc::Status Create(const pb::CreateSupportRequestRequest& r, pb::SupportRequest* out,
                      std::vector<Role> roles = {Role::kSupportWorker}) {
    grpc::ClientContext ctx;
    if (!roles.empty()) Authorize(ctx, roles);
    return stub_->CreateSupportRequest(&ctx, r, out);
  }
  grpc::Status Update(const pb::UpdateSupportRequestRequest& r, pb::SupportRequest* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kSupportWorker});
    return stub_->UpdateSupportRequest(&ctx, r, out);
  }
  grpc::Status List(const pb::ListSupportRequestsRequest& r, pb::ListSupportRequestsResponse* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    return stub_->ListSupportRequests(&ctx, r, out);
  }

  grpc::Status CreateAsf(const pb::CreateAsfApplicationRequest& r, pb::AsfApplication* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kSupportWorker});
    return stub_->CreateAsfApplication(&ctx, r, out);
  }
  grpc::Status Submit(const pb::AsfApplication& a, platform::Date day, pb::AsfApplication* out) {
    pb::SubmitAsfApplicationRequest r;
    r.set_name(a.name());
    r.set_etag(a.etag());
    *r.mutable_submitted_date() = platform::DateToProto(day);
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kSupportWorker});
    return stub_->SubmitAsfApplication(&ctx, r, out);
  }

  template <typename Request, typename Response>
  using Method = grpc::Status (pb::SupportService::Stub::*)(grpc::ClientContext*, const Request&, Response*);

  // Calls `method` as a support worker (or `roles`).
  template <typename Request, typename Response>
  grpc::Status Call(Method<Request, Response> method, const Request& request, Response* response,
                    std::vector<Role> roles = {Role::kSupportWorker}) {
    grpc::ClientContext ctx;
    Authorize(ctx, roles);
    return (stub_.get()->*method)(&ctx, request, response);
  }

  // Applies family finding's `event` as its log would deliver it, in one transaction:
  // how the adoptive families and their disruption reviews come to be.
  absl::Status Apply(const google::protobuf::Message& event, const std::string& event_id) {
    adoption::events::v1::EventRecord record;
    record.set_sequence(++sequence_);
    record.set_event_id(event_id);
    record.set_event_type(event.GetDescriptor()->full_name());
    record.mutable_payload()->PackFrom(event);
    auto handlers = FamilyFindingEventHandlers(&families_, &reviews_, &platform::StatutoryTable::Defaults(), &clock_);
    return host_->db().Transaction(
        [&](soci::session& tx) { return handlers.at(event.GetDescriptor()->full_name())(tx, record); });
  }

  // The real day unless a test pins another (clock_.Set), so dates built from
  // platform::Today() mean what they say.
  platform::FixedClock clock_{platform::Today()};
  SupportRequestStore store_;
  std::unique_ptr<platform::RecordKind> records_, asf_records_, access_records_, feedback_records_;
  std::unique_ptr<FamilyDisclosure> disclosure_;
  AdoptiveFamilyStore families_;
  DisruptionReviewStore reviews_;
  long long sequence_ = 0;
};

}  // namespace testing
}  // namespace support
