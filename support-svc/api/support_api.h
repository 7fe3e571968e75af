#pragma once
// gRPC handlers of adoption.support.v1.SupportService: validate, authorise, map
// proto <-> domain, call the domain, save in one transaction with audit and outbox
// rows. Support requests (support_api.cc), assessments of need and their support plans
// (assessment_api.cc), Adoption Support Fund applications (asf_api.cc), adoption
// allowances (allowance_api.cc), access to birth records with the intermediary service
// (records_api.cc), complaints and compliments (feedback_api.cc), and the adoptive
// families and disruption reviews family finding's events make (family_api.cc,
// disruption_review_api.cc; family_events.cc applies the events).
#include <functional>
#include <type_traits>

#include "adoption/support/v1/support_service.grpc.pb.h"
#include "platform/core/calendar.h"
#include "platform/rpc/clock.h"
#include "platform/db/db.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/change.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"
#include "platform/rpc/rpc.h"
#include "platform/core/statutory.h"
#include "platform/server/database_gauges.h"
#include "support-svc/store/asf_application_store.h"
#include "support-svc/store/adoption_allowance_store.h"
#include "support-svc/store/adoptive_family_store.h"
#include "support-svc/store/assessment_of_need_store.h"
#include "support-svc/store/disruption_review_store.h"
#include "support-svc/store/feedback_store.h"
#include "support-svc/store/records_access_store.h"
#include "support-svc/store/support_request_store.h"

namespace support {

// Who may call what: one row per RPC (iterated by the authorisation test).
const platform::PolicyTable& Policies();

// The operators' gauges (docs/operations.md, "Metrics"): support & advice calls, ASF
// decisions and complaint responses overdue, and this financial year's fund spend beside
// the per-child fair access limits in force today.
void AddGauges(platform::DatabaseGauges& gauges, SupportRequestStore* requests, AsfApplicationStore* asf,
               FeedbackStore* feedback, const platform::StatutoryTable* statutory, const platform::Clock* clock);

class SupportApi final : public adoption::support::v1::SupportService::Service {
 public:
  // `statutory` gives the support call timescale in force on a day, counted in
  // `calendar`'s working days.
  SupportApi(platform::RpcRunner* rpc, platform::Database* db, const platform::Clock* clock,
             const platform::StatutoryTable* statutory, const platform::WorkingDayCalendar* calendar,
             SupportRequestStore* requests)
      : rpc_(rpc), db_(db), clock_(clock), statutory_(statutory), calendar_(calendar), requests_(requests) {}

  using Ctx = grpc::ServerContext;
  grpc::Status CreateSupportRequest(Ctx* ctx, const adoption::support::v1::CreateSupportRequestRequest* request,
                                    adoption::support::v1::SupportRequest* response) override;
  grpc::Status GetSupportRequest(Ctx* ctx, const adoption::support::v1::GetSupportRequestRequest* request,
                                 adoption::support::v1::SupportRequest* response) override;
  grpc::Status ListSupportRequests(Ctx* ctx, const adoption::support::v1::ListSupportRequestsRequest* request,
                                   adoption::support::v1::ListSupportRequestsResponse* response) override;
  grpc::Status UpdateSupportRequest(Ctx* ctx, const adoption::support::v1::UpdateSupportRequestRequest* request,
                                    adoption::support::v1::SupportRequest* response) override;
  grpc::Status CreateAsfApplication(Ctx* ctx, const adoption::support::v1::CreateAsfApplicationRequest* request,
                                    adoption::support::v1::AsfApplication* response) override;
  grpc::Status GetAsfApplication(Ctx* ctx, const adoption::support::v1::GetAsfApplicationRequest* request,
                                 adoption::support::v1::AsfApplication* response) override;
  grpc::Status ListAsfApplications(Ctx* ctx, const adoption::support::v1::ListAsfApplicationsRequest* request,
                                   adoption::support::v1::ListAsfApplicationsResponse* response) override;
  grpc::Status SubmitAsfApplication(Ctx* ctx, const adoption::support::v1::SubmitAsfApplicationRequest* request,
                                    adoption::support::v1::AsfApplication* response) override;
  grpc::Status ApproveAsfApplication(Ctx* ctx, const adoption::support::v1::ApproveAsfApplicationRequest* request,
                                     adoption::support::v1::AsfApplication* response) override;
  grpc::Status DeclineAsfApplication(Ctx* ctx, const adoption::support::v1::DeclineAsfApplicationRequest* request,
                                     adoption::support::v1::AsfApplication* response) override;
  grpc::Status StartAsfDelivery(Ctx* ctx, const adoption::support::v1::StartAsfDeliveryRequest* request,
                                adoption::support::v1::AsfApplication* response) override;
  grpc::Status ReportAsfFunding(Ctx* ctx, const adoption::support::v1::ReportAsfFundingRequest* request,
                                adoption::support::v1::AsfFunding* response) override;
  grpc::Status CompleteAsfApplication(Ctx* ctx, const adoption::support::v1::CompleteAsfApplicationRequest* request,
                                      adoption::support::v1::AsfApplication* response) override;
  grpc::Status ImportSupportRequest(Ctx* ctx, const adoption::support::v1::ImportSupportRequestRequest* request,
                                    adoption::support::v1::ImportSupportRequestResponse* response) override;
  grpc::Status ReportSupportActivity(Ctx* ctx, const adoption::support::v1::ReportSupportActivityRequest* request,
                                     adoption::support::v1::SupportActivity* response) override;
  // Assessments of need (assessment_api.cc).
  grpc::Status CreateAssessmentOfNeed(Ctx* ctx, const adoption::support::v1::CreateAssessmentOfNeedRequest* request,
                                      adoption::support::v1::AssessmentOfNeed* response) override;
  grpc::Status GetAssessmentOfNeed(Ctx* ctx, const adoption::support::v1::GetAssessmentOfNeedRequest* request,
                                   adoption::support::v1::AssessmentOfNeed* response) override;
  grpc::Status ListAssessmentsOfNeed(Ctx* ctx, const adoption::support::v1::ListAssessmentsOfNeedRequest* request,
                                     adoption::support::v1::ListAssessmentsOfNeedResponse* response) override;
  grpc::Status StartAssessmentOfNeed(Ctx* ctx, const adoption::support::v1::StartAssessmentOfNeedRequest* request,
                                     adoption::support::v1::AssessmentOfNeed* response) override;
  grpc::Status CompleteAssessmentOfNeed(Ctx* ctx,
                                        const adoption::support::v1::CompleteAssessmentOfNeedRequest* request,
                                        adoption::support::v1::AssessmentOfNeed* response) override;
  grpc::Status CloseAssessmentOfNeed(Ctx* ctx, const adoption::support::v1::CloseAssessmentOfNeedRequest* request,
                                     adoption::support::v1::AssessmentOfNeed* response) override;
  grpc::Status ReviewSupportPlan(Ctx* ctx, const adoption::support::v1::ReviewSupportPlanRequest* request,
                                 adoption::support::v1::AssessmentOfNeed* response) override;
  grpc::Status ImportAssessmentOfNeed(Ctx* ctx, const adoption::support::v1::ImportAssessmentOfNeedRequest* request,
                                      adoption::support::v1::ImportAssessmentOfNeedResponse* response) override;
  // Adoption allowances and their budgets (allowance_api.cc).
  grpc::Status CreateAdoptionAllowance(Ctx* ctx, const adoption::support::v1::CreateAdoptionAllowanceRequest* request,
                                       adoption::support::v1::AdoptionAllowance* response) override;
  grpc::Status GetAdoptionAllowance(Ctx* ctx, const adoption::support::v1::GetAdoptionAllowanceRequest* request,
                                    adoption::support::v1::AdoptionAllowance* response) override;
  grpc::Status ListAdoptionAllowances(Ctx* ctx, const adoption::support::v1::ListAdoptionAllowancesRequest* request,
                                      adoption::support::v1::ListAdoptionAllowancesResponse* response) override;
  grpc::Status ReviewAdoptionAllowance(Ctx* ctx, const adoption::support::v1::ReviewAdoptionAllowanceRequest* request,
                                       adoption::support::v1::AdoptionAllowance* response) override;
  grpc::Status SuspendAdoptionAllowance(Ctx* ctx,
                                        const adoption::support::v1::SuspendAdoptionAllowanceRequest* request,
                                        adoption::support::v1::AdoptionAllowance* response) override;
  grpc::Status ResumeAdoptionAllowance(Ctx* ctx, const adoption::support::v1::ResumeAdoptionAllowanceRequest* request,
                                       adoption::support::v1::AdoptionAllowance* response) override;
  grpc::Status EndAdoptionAllowance(Ctx* ctx, const adoption::support::v1::EndAdoptionAllowanceRequest* request,
                                    adoption::support::v1::AdoptionAllowance* response) override;
  grpc::Status SetAllowanceBudget(Ctx* ctx, const adoption::support::v1::SetAllowanceBudgetRequest* request,
                                  adoption::support::v1::AllowanceBudget* response) override;
  grpc::Status ReportAllowances(Ctx* ctx, const adoption::support::v1::ReportAllowancesRequest* request,
                                adoption::support::v1::AllowanceFigures* response) override;
  // Access to birth records and intermediary requests (records_api.cc).
  grpc::Status CreateRecordsAccessRequest(Ctx* ctx,
                                          const adoption::support::v1::CreateRecordsAccessRequestRequest* request,
                                          adoption::support::v1::RecordsAccessRequest* response) override;
  grpc::Status GetRecordsAccessRequest(Ctx* ctx, const adoption::support::v1::GetRecordsAccessRequestRequest* request,
                                       adoption::support::v1::RecordsAccessRequest* response) override;
  grpc::Status ListRecordsAccessRequests(Ctx* ctx,
                                         const adoption::support::v1::ListRecordsAccessRequestsRequest* request,
                                         adoption::support::v1::ListRecordsAccessRequestsResponse* response) override;
  grpc::Status RecordCounsellingSession(Ctx* ctx,
                                        const adoption::support::v1::RecordCounsellingSessionRequest* request,
                                        adoption::support::v1::RecordsAccessRequest* response) override;
  grpc::Status CompleteCounselling(Ctx* ctx, const adoption::support::v1::CompleteCounsellingRequest* request,
                                   adoption::support::v1::RecordsAccessRequest* response) override;
  grpc::Status SeekRecords(Ctx* ctx, const adoption::support::v1::SeekRecordsRequest* request,
                           adoption::support::v1::RecordsAccessRequest* response) override;
  grpc::Status ShareRecords(Ctx* ctx, const adoption::support::v1::ShareRecordsRequest* request,
                            adoption::support::v1::RecordsAccessRequest* response) override;
  grpc::Status CloseRecordsAccessRequest(Ctx* ctx,
                                         const adoption::support::v1::CloseRecordsAccessRequestRequest* request,
                                         adoption::support::v1::RecordsAccessRequest* response) override;
  // Complaints and compliments (feedback_api.cc).
  grpc::Status CreateFeedback(Ctx* ctx, const adoption::support::v1::CreateFeedbackRequest* request,
                              adoption::support::v1::Feedback* response) override;
  grpc::Status GetFeedback(Ctx* ctx, const adoption::support::v1::GetFeedbackRequest* request,
                           adoption::support::v1::Feedback* response) override;
  grpc::Status ListFeedback(Ctx* ctx, const adoption::support::v1::ListFeedbackRequest* request,
                            adoption::support::v1::ListFeedbackResponse* response) override;
  grpc::Status RespondToComplaint(Ctx* ctx, const adoption::support::v1::RespondToComplaintRequest* request,
                                  adoption::support::v1::Feedback* response) override;
  grpc::Status EscalateComplaint(Ctx* ctx, const adoption::support::v1::EscalateComplaintRequest* request,
                                 adoption::support::v1::Feedback* response) override;
  grpc::Status CloseFeedback(Ctx* ctx, const adoption::support::v1::CloseFeedbackRequest* request,
                             adoption::support::v1::Feedback* response) override;
  // Adoptive families and disruption reviews, from family finding's events
  // (family_api.cc, family_events.cc).
  grpc::Status GetAdoptiveFamily(Ctx* ctx, const adoption::support::v1::GetAdoptiveFamilyRequest* request,
                                 adoption::support::v1::AdoptiveFamily* response) override;
  grpc::Status ListAdoptiveFamilies(Ctx* ctx, const adoption::support::v1::ListAdoptiveFamiliesRequest* request,
                                    adoption::support::v1::ListAdoptiveFamiliesResponse* response) override;
  grpc::Status GetDisruptionReview(Ctx* ctx, const adoption::support::v1::GetDisruptionReviewRequest* request,
                                   adoption::support::v1::DisruptionReview* response) override;
  grpc::Status ListDisruptionReviews(Ctx* ctx, const adoption::support::v1::ListDisruptionReviewsRequest* request,
                                     adoption::support::v1::ListDisruptionReviewsResponse* response) override;
  grpc::Status ScheduleDisruptionReview(Ctx* ctx,
                                        const adoption::support::v1::ScheduleDisruptionReviewRequest* request,
                                        adoption::support::v1::DisruptionReview* response) override;
  grpc::Status RecordDisruptionReview(Ctx* ctx, const adoption::support::v1::RecordDisruptionReviewRequest* request,
                                      adoption::support::v1::DisruptionReview* response) override;
  // The stores the family finding consumer writes.
  AdoptiveFamilyStore* families() { return &families_; }
  DisruptionReviewStore* disruption_reviews() { return &disruption_reviews_; }

 private:
  // The application a verb names, at the etag it was read.
  struct AsfTarget {
    std::string name, id;
    long long version = 0;
  };
  static AsfTarget TargetOf(const std::string& name, const std::string& etag, platform::Validation& v);
  // The fund's rules judging an application of `financial_year` on `day` (its year's
  // first day at the earliest); FAILED_PRECONDITION when they are not configured.
  absl::StatusOr<FairAccessRules> FairAccessOn(const std::string& financial_year, platform::Date day) const;
  // Changes the application `target` names (of an authority the caller reaches).
  absl::StatusOr<AsfApplication> ChangeAsf(platform::Call& call, const AsfTarget& target,
                                           const std::function<absl::Status(AsfApplication&, soci::session&)>& change);
  // ApproveAsfApplication and DeclineAsfApplication.
  grpc::Status Decide(Ctx* ctx, const char* method, const std::string& name, const std::string& etag,
                      const adoption::type::v1::Date& date, bool approved, const std::string& reason,
                      adoption::support::v1::AsfApplication* response);
  // A request as shown, with its wait counted to today.
  adoption::support::v1::SupportRequest Show(const SupportRequest& r) const;
  // A verb on the record `name` (of `collection`, at `etag`): read through `store`,
  // revealed only in a scope the caller reaches, changed by `change`, saved as a new
  // version and audited as `resource`, in one transaction. `v` may already hold the
  // request's violations; the name and etag are added to them.
  template <typename Store, typename Record>
  absl::StatusOr<Record> ChangeNamed(platform::Call& call, Store& store, const char* collection,
                                     const char* resource, const std::string& name, const std::string& etag,
                                     platform::Validation v, platform::RecordScope (*scope)(const Record&),
                                     const std::type_identity_t<std::function<absl::Status(Record&)>>& change) {
    const std::string id = platform::IdFromName(name, collection, "name", v);
    const long long version = platform::ParseEtag(etag, "etag", v);
    RETURN_IF_ERROR(v.Status());
    return platform::ChangeRecord(
        call, *db_, store, name, id, version, scope, [&](Record& r, soci::session&) { return change(r); },
        [&](const Record& r, soci::session& tx) { call.Audit(tx, resource, r.id); });
  }
  // The complaints timescales in force on `day`; FAILED_PRECONDITION when not configured.
  absl::StatusOr<ComplaintRules> ComplaintRulesOn(platform::Date day) const;
  // The review period in force on `day`, when the allowance needs one.
  absl::StatusOr<int> ReviewMonths(platform::Date day) const;
  // OK when the support request `id` is recorded; else INVALID_ARGUMENT on `field`.
  absl::Status CheckRequestExists(soci::session& tx, const std::string& id, const std::string& field);
  // The rules in force on the day a request was received.
  SupportRules RulesOn(platform::Date received) const { return SupportRules::On(*statutory_, *calendar_, received); }

  platform::RpcRunner* rpc_;
  platform::Database* db_;
  const platform::Clock* clock_;
  const platform::StatutoryTable* statutory_;
  const platform::WorkingDayCalendar* calendar_;
  SupportRequestStore* requests_;
  AsfApplicationStore asf_;
  AssessmentOfNeedStore assessments_;
  AdoptionAllowanceStore allowances_;
  RecordsAccessStore records_;
  FeedbackStore feedback_;
  AdoptiveFamilyStore families_;
  DisruptionReviewStore disruption_reviews_;
};

}  // namespace support
