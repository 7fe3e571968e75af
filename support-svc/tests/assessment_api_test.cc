// Assessments of need, support plans, imports and the support activity report through
// the API, on SQLite (unit) and MariaDB (integration).
#include <soci/soci.h>

#include "platform/testing/testing.h"
#include "support-svc/tests/support_api_fixture.h"

namespace support {
namespace {

using namespace support::testing;  // NOLINT: the fixture and its requests
using platform::Date;
using platform::testing::PreconditionViolations;
using platform::testing::ViolatedFields;

class AssessmentApiTest : public SupportApiTest {
 protected:
  pb::AssessmentOfNeed Created(const pb::CreateAssessmentOfNeedRequest& r) {
    pb::AssessmentOfNeed out;
    grpc::Status s = Call(&pb::SupportService::Stub::CreateAssessmentOfNeed, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
  grpc::Status Start(const pb::AssessmentOfNeed& a, Date day, pb::AssessmentOfNeed* out) {
    pb::StartAssessmentOfNeedRequest r;
    r.set_name(a.name());
    r.set_etag(a.etag());
    *r.mutable_start_date() = platform::DateToProto(day);
    r.set_social_worker("Priya Shah");
    return Call(&pb::SupportService::Stub::StartAssessmentOfNeed, r, out);
  }
  grpc::Status Complete(const pb::AssessmentOfNeed& a, Date day, pb::AssessmentOutcome outcome,
                        const std::optional<pb::SupportPlan>& plan, pb::AssessmentOfNeed* out) {
    pb::CompleteAssessmentOfNeedRequest r;
    r.set_name(a.name());
    r.set_etag(a.etag());
    *r.mutable_completed_date() = platform::DateToProto(day);
    r.set_outcome(outcome);
    if (plan) *r.mutable_plan() = *plan;
    return Call(&pb::SupportService::Stub::CompleteAssessmentOfNeed, r, out);
  }
  grpc::Status Review(const pb::AssessmentOfNeed& a, Date day, const pb::SupportPlan& plan, pb::AssessmentOfNeed* out) {
    pb::ReviewSupportPlanRequest r;
    r.set_name(a.name());
    r.set_etag(a.etag());
    *r.mutable_reviewed_date() = platform::DateToProto(day);
    *r.mutable_plan() = plan;
    return Call(&pb::SupportService::Stub::ReviewSupportPlan, r, out);
  }
  std::vector<std::string> ListNames(const std::string& filter) {
    pb::ListAssessmentsOfNeedRequest r;
    r.set_filter(filter);
    pb::ListAssessmentsOfNeedResponse page;
    grpc::Status s = Call(&pb::SupportService::Stub::ListAssessmentsOfNeed, r, &page, {Role::kManager});
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> names;
    for (const auto& a : page.assessments_of_need()) names.push_back(a.name());
    return names;
  }
};

Date DateOf(const adoption::type::v1::Date& d) { return Date(d.year(), d.month(), d.day()); }

// One assessment through its life: the wait counted while it waits, started by the
// allocated worker, completed with a plan whose review falls due, and reviewed; each
// change a version kept in history.
TEST_P(AssessmentApiTest, AnAssessmentWaitsStartsCompletesWithAPlanAndIsReviewed) {
  clock_.Set(Date(2025, 5, 1));
  pb::AssessmentOfNeed waiting = Created(AssessmentCreate("a-1", Date(2025, 4, 11)));
  EXPECT_EQ(waiting.status(), pb::ASSESSMENT_STATUS_WAITING);
  EXPECT_EQ(waiting.days_waiting(), 20);

  clock_.Set(Date(2025, 6, 2));
  pb::AssessmentOfNeed started;
  ASSERT_TRUE(Start(waiting, Date(2025, 5, 1), &started).ok());
  EXPECT_EQ(started.status(), pb::ASSESSMENT_STATUS_IN_PROGRESS);
  EXPECT_EQ(started.social_worker(), "Priya Shah");
  EXPECT_EQ(started.days_waiting(), 20);  // the wait stopped when it started

  pb::AssessmentOfNeed completed;
  grpc::Status s =
      Complete(started, Date(2025, 6, 2), pb::ASSESSMENT_OUTCOME_SUPPORT_PLAN, ValidPlan(Date(2025, 9, 1)), &completed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(completed.status(), pb::ASSESSMENT_STATUS_COMPLETED);
  EXPECT_EQ(DateOf(completed.completed_date()), Date(2025, 6, 2));
  ASSERT_EQ(completed.plan().services_size(), 1);
  EXPECT_EQ(completed.plan().services(0).funding_source(), pb::FUNDING_SOURCE_ADOPTION_SUPPORT_FUND);
  EXPECT_FALSE(completed.review_due());
  EXPECT_TRUE(ListNames("review_due = true").empty());

  // On its review date it is listed as due, and read back whole.
  clock_.Set(Date(2025, 9, 1));
  EXPECT_EQ(ListNames("review_due = true"), std::vector<std::string>{completed.name()});
  pb::GetAssessmentOfNeedRequest get;
  get.set_name(completed.name());
  pb::AssessmentOfNeed got;
  ASSERT_TRUE(Call(&pb::SupportService::Stub::GetAssessmentOfNeed, get, &got, {Role::kManager}).ok());
  EXPECT_TRUE(got.review_due());
  EXPECT_EQ(got.plan().goals(0), "Reduce exclusions at school");
  EXPECT_EQ(got.plan().services(0).frequency(), "weekly for 12 weeks");

  pb::SupportPlan revised = ValidPlan(Date(2026, 3, 1));
  revised.add_goals("Settle the family's routines");
  pb::AssessmentOfNeed reviewed;
  ASSERT_TRUE(Review(got, Date(2025, 9, 1), revised, &reviewed).ok());
  EXPECT_EQ(reviewed.plan().goals_size(), 2);
  EXPECT_EQ(DateOf(reviewed.plan().last_reviewed_date()), Date(2025, 9, 1));
  EXPECT_FALSE(reviewed.review_due());
  EXPECT_TRUE(ListNames("review_due = true").empty());
  EXPECT_EQ(reviewed.etag(), "4");
  EXPECT_EQ(Rows("assessment_of_need_history"), 3);
}

TEST_P(AssessmentApiTest, EachVerbRefusesAStepOutOfOrderAndBadInputNamesTheField) {
  clock_.Set(Date(2025, 6, 30));
  pb::AssessmentOfNeed waiting = Created(AssessmentCreate("a-1", Date(2025, 4, 11)));
  pb::AssessmentOfNeed out;
  // Not started: it cannot be completed; a start before the request is out of order.
  EXPECT_EQ(PreconditionViolations(
                Complete(waiting, Date(2025, 6, 1), pb::ASSESSMENT_OUTCOME_NO_SUPPORT_NEEDED, std::nullopt, &out)),
            std::vector<std::string>{"STATE status"});
  EXPECT_EQ(PreconditionViolations(Start(waiting, Date(2025, 4, 10), &out)),
            std::vector<std::string>{"ORDER start_date"});
  EXPECT_EQ(ViolatedFields(Start(waiting, Date(2025, 7, 1), &out)), std::vector<std::string>{"start_date"});
  pb::AssessmentOfNeed started;
  ASSERT_TRUE(Start(waiting, Date(2025, 4, 20), &started).ok());

  // SUPPORT_PLAN needs a plan (or its words); another outcome takes none; a plan is
  // checked whole.
  EXPECT_EQ(ViolatedFields(Complete(started, Date(2025, 6, 1), pb::ASSESSMENT_OUTCOME_SUPPORT_PLAN, std::nullopt, &out)),
            std::vector<std::string>{"plan"});
  EXPECT_EQ(ViolatedFields(Complete(started, Date(2025, 6, 1), pb::ASSESSMENT_OUTCOME_REFERRED_ELSEWHERE,
                                    ValidPlan(Date(2025, 9, 1)), &out)),
            std::vector<std::string>{"plan"});
  pb::SupportPlan bad = ValidPlan(Date(2025, 6, 1));  // reviewed the day it is agreed
  bad.set_goals(0, "  ");
  bad.mutable_services(0)->clear_provider();
  bad.mutable_services(0)->set_funding_source(pb::FUNDING_SOURCE_UNSPECIFIED);
  EXPECT_EQ(ViolatedFields(Complete(started, Date(2025, 6, 1), pb::ASSESSMENT_OUTCOME_SUPPORT_PLAN, bad, &out)),
            (std::vector<std::string>{"plan.goals[0]", "plan.services[0].provider", "plan.services[0].funding_source",
                                      "plan.review_date"}));
  EXPECT_EQ(ViolatedFields(Complete(started, Date(2025, 6, 1), pb::ASSESSMENT_OUTCOME_UNSPECIFIED, std::nullopt, &out)),
            std::vector<std::string>{"outcome"});
  EXPECT_EQ(PreconditionViolations(Complete(started, Date(2025, 4, 19), pb::ASSESSMENT_OUTCOME_NO_SUPPORT_NEEDED,
                                            std::nullopt, &out)),
            std::vector<std::string>{"ORDER completed_date"});

  // Completed with no support needed: nothing to review, and it cannot be closed.
  pb::AssessmentOfNeed completed;
  ASSERT_TRUE(
      Complete(started, Date(2025, 6, 1), pb::ASSESSMENT_OUTCOME_NO_SUPPORT_NEEDED, std::nullopt, &completed).ok());
  EXPECT_EQ(PreconditionViolations(Review(completed, Date(2025, 6, 2), ValidPlan(Date(2025, 9, 1)), &out)),
            std::vector<std::string>{"STATE outcome"});
  pb::CloseAssessmentOfNeedRequest close;
  close.set_name(completed.name());
  close.set_etag(completed.etag());
  *close.mutable_closed_date() = platform::DateToProto(Date(2025, 6, 2));
  EXPECT_EQ(ViolatedFields(Call(&pb::SupportService::Stub::CloseAssessmentOfNeed, close, &out)),
            std::vector<std::string>{"reason"});
  close.set_reason("The family moved away");
  EXPECT_EQ(PreconditionViolations(Call(&pb::SupportService::Stub::CloseAssessmentOfNeed, close, &out)),
            std::vector<std::string>{"STATE status"});
  // A stale etag is ABORTED; nothing above wrote a version.
  EXPECT_EQ(Start(waiting, Date(2025, 4, 20), &out).error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Rows("assessment_of_need_history"), 2);
}

TEST_P(AssessmentApiTest, AWaitingAssessmentIsClosedWithItsReasonAndItsWaitStops) {
  clock_.Set(Date(2025, 6, 30));
  pb::AssessmentOfNeed waiting = Created(AssessmentCreate("a-1", Date(2025, 4, 11)));
  pb::CloseAssessmentOfNeedRequest close;
  close.set_name(waiting.name());
  close.set_etag(waiting.etag());
  *close.mutable_closed_date() = platform::DateToProto(Date(2025, 4, 21));
  close.set_reason("The family moved away");
  pb::AssessmentOfNeed closed;
  ASSERT_TRUE(Call(&pb::SupportService::Stub::CloseAssessmentOfNeed, close, &closed).ok());
  EXPECT_EQ(closed.status(), pb::ASSESSMENT_STATUS_CLOSED);
  EXPECT_EQ(closed.close_reason(), "The family moved away");
  EXPECT_EQ(closed.days_waiting(), 10);
  EXPECT_EQ(ListNames("status = \"ASSESSMENT_STATUS_CLOSED\""), std::vector<std::string>{closed.name()});
}

TEST_P(AssessmentApiTest, BadCreateInputNamesEveryFieldAndWritesNothing) {
  clock_.Set(Date(2025, 6, 30));
  pb::CreateAssessmentOfNeedRequest r = AssessmentCreate("", Date(2025, 7, 1));
  pb::AssessmentOfNeed* a = r.mutable_assessment_of_need();
  a->set_local_authority("Bromley");
  *a->mutable_start_date() = platform::DateToProto(Date(2025, 6, 1));  // before the (future) request
  a->set_support_request("households/1");
  pb::AssessmentOfNeed out;
  grpc::Status s = Call(&pb::SupportService::Stub::CreateAssessmentOfNeed, r, &out);
  EXPECT_EQ(ViolatedFields(s),
            (std::vector<std::string>{"request_id", "assessment_of_need.support_request",
                                      "assessment_of_need.local_authority", "assessment_of_need.requested_date",
                                      "assessment_of_need.start_date"}));
  // A request that is not recorded.
  r = AssessmentCreate("a-2", Date(2025, 6, 1));
  r.mutable_assessment_of_need()->set_support_request("supportRequests/" + std::string(26, '0'));
  EXPECT_EQ(ViolatedFields(Call(&pb::SupportService::Stub::CreateAssessmentOfNeed, r, &out)),
            std::vector<std::string>{"assessment_of_need.support_request"});
  EXPECT_EQ(Rows("assessments_of_need"), 0);
  // One created already under way is IN_PROGRESS, linked to its request.
  pb::SupportRequest request;
  ASSERT_TRUE(Create(ValidCreate("sr"), &request).ok());
  r = AssessmentCreate("a-3", Date(2025, 6, 1));
  r.mutable_assessment_of_need()->set_support_request(request.name());
  *r.mutable_assessment_of_need()->mutable_start_date() = platform::DateToProto(Date(2025, 6, 3));
  pb::AssessmentOfNeed created = Created(r);
  EXPECT_EQ(created.status(), pb::ASSESSMENT_STATUS_IN_PROGRESS);
  EXPECT_EQ(created.support_request(), request.name());
  EXPECT_EQ(created.days_waiting(), 2);
  EXPECT_EQ(ListNames("support_request = \"" + request.name() + "\""), std::vector<std::string>{created.name()});
}

// A stored plan that is not a plan is reported as data loss, naming no text of it.
TEST_P(AssessmentApiTest, AStoredPlanThatCannotBeReadIsDataLossNotAnEmptyPlan) {
  clock_.Set(Date(2025, 6, 30));
  pb::CreateAssessmentOfNeedRequest r = AssessmentCreate("a-1", Date(2025, 4, 11));
  *r.mutable_assessment_of_need()->mutable_start_date() = platform::DateToProto(Date(2025, 4, 14));
  pb::AssessmentOfNeed done;
  ASSERT_TRUE(
      Complete(Created(r), Date(2025, 6, 2), pb::ASSESSMENT_OUTCOME_SUPPORT_PLAN, ValidPlan(Date(2025, 9, 1)), &done)
          .ok());
  ASSERT_TRUE(host_->db()
                  .Transaction([](soci::session& tx) {
                    tx << "UPDATE assessments_of_need SET plan = '{\"goals\": [\"Secret goal\"]'";
                    return absl::OkStatus();
                  })
                  .ok());
  pb::GetAssessmentOfNeedRequest get;
  get.set_name(done.name());
  pb::AssessmentOfNeed got;
  grpc::Status s = Call(&pb::SupportService::Stub::GetAssessmentOfNeed, get, &got);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::DATA_LOSS) << s.error_message();
  EXPECT_EQ(s.error_message().find("Secret"), std::string::npos);
}

// A request on the waiting list shows its wait in working days, to the call once held.
TEST_P(AssessmentApiTest, ARequestShowsItsWaitInWorkingDays) {
  clock_.Set(Date(2025, 4, 22));  // Good Friday and Easter Monday lie between
  pb::SupportRequest r;
  ASSERT_TRUE(Create(ValidCreate("sr"), &r).ok());  // received Friday 11 April 2025
  EXPECT_EQ(r.working_days_waiting(), 5);
  pb::UpdateSupportRequestRequest up;
  *up.mutable_support_request() = r;
  up.mutable_support_request()->set_triage(pb::TRIAGE_SUPPORT_CALL);
  *up.mutable_support_request()->mutable_support_call_date() = platform::DateToProto(Date(2025, 4, 14));
  up.mutable_update_mask()->add_paths("triage");
  up.mutable_update_mask()->add_paths("support_call_date");
  pb::SupportRequest called;
  ASSERT_TRUE(Update(up, &called).ok());
  EXPECT_EQ(called.working_days_waiting(), 1);
}

// An adoptive family reads its own requests, assessments and support plans through the
// gateway's token, and nothing of another family's; it may ask, for its own household.
TEST_P(AssessmentApiTest, AnAdoptiveFamilyReadsItsOwnRequestsAndPlansOnly) {
  clock_.Set(Date(2025, 6, 30));
  const std::string other = "01j00000000000000000000h02";
  pb::SupportRequest ours, theirs;
  ASSERT_TRUE(Create(FamilyCreate("ours"), &ours).ok());
  ASSERT_TRUE(Create(FamilyCreate("theirs", other), &theirs).ok());
  EXPECT_EQ(ours.household(), std::string("households/") + kFamily);
  pb::AssessmentOfNeed plan = Created(AssessmentCreate("a-1", Date(2025, 4, 11)));
  pb::CreateAssessmentOfNeedRequest other_plan = AssessmentCreate("a-2", Date(2025, 4, 11));
  other_plan.mutable_assessment_of_need()->set_household("households/" + other);
  Created(other_plan);

  const platform::TokenRequest family{.subject = "adopter-1", .roles = {Role::kAdopter}, .household = kFamily};
  auto as_family = [&](auto method, const auto& request, auto* response) {
    grpc::ClientContext ctx;
    Authorize(ctx, family);
    return (stub_.get()->*method)(&ctx, request, response);
  };
  pb::ListSupportRequestsResponse requests;
  ASSERT_TRUE(as_family(&pb::SupportService::Stub::ListSupportRequests, pb::ListSupportRequestsRequest(), &requests)
                  .ok());
  ASSERT_EQ(requests.support_requests_size(), 1);
  EXPECT_EQ(requests.support_requests(0).name(), ours.name());
  pb::ListAssessmentsOfNeedResponse plans;
  ASSERT_TRUE(
      as_family(&pb::SupportService::Stub::ListAssessmentsOfNeed, pb::ListAssessmentsOfNeedRequest(), &plans).ok());
  ASSERT_EQ(plans.assessments_of_need_size(), 1);
  EXPECT_EQ(plans.assessments_of_need(0).name(), plan.name());
  pb::GetSupportRequestRequest get;
  get.set_name(theirs.name());
  pb::SupportRequest out;
  EXPECT_EQ(as_family(&pb::SupportService::Stub::GetSupportRequest, get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // It asks for its own household, not another's, and changes nothing a worker records.
  pb::CreateSupportRequestRequest ask = FamilyCreate("web-1");
  ask.mutable_support_request()->set_channel(pb::CHANNEL_WEB);
  EXPECT_TRUE(as_family(&pb::SupportService::Stub::CreateSupportRequest, ask, &out).ok());
  EXPECT_EQ(as_family(&pb::SupportService::Stub::CreateSupportRequest, FamilyCreate("web-2", other), &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::UpdateSupportRequestRequest up;
  *up.mutable_support_request() = ours;
  up.mutable_update_mask()->add_paths("summary");
  EXPECT_EQ(as_family(&pb::SupportService::Stub::UpdateSupportRequest, up, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // A household is an adoptive family's.
  pb::CreateSupportRequestRequest adult = FamilyCreate("adult");
  adult.mutable_support_request()->set_requester_kind(pb::REQUESTER_KIND_ADOPTED_ADULT);
  EXPECT_EQ(ViolatedFields(Create(adult, &out)), std::vector<std::string>{"support_request.household"});
}

// --- Imports ---------------------------------------------------------------------------

TEST_P(AssessmentApiTest, AnOldSystemsRequestAndAssessmentAreImportedOnceAndJudgedByTheVerbsRules) {
  clock_.Set(Date(2025, 6, 30));
  pb::ImportSupportRequestRequest request;
  request.set_source_id("SR-77");
  pb::SupportRequest* sr = request.mutable_support_request();
  *sr = ValidCreate("unused").support_request();
  sr->set_triage(pb::TRIAGE_SUPPORT_CALL);
  *sr->mutable_support_call_date() = platform::DateToProto(Date(2025, 4, 16));
  sr->set_status(pb::SUPPORT_REQUEST_STATUS_CLOSED);
  sr->set_outcome("Assessment agreed");
  pb::ImportSupportRequestResponse imported;
  ASSERT_TRUE(Call(&pb::SupportService::Stub::ImportSupportRequest, request, &imported, {Role::kManager}).ok());
  EXPECT_EQ(imported.result(), adoption::type::v1::IMPORT_RESULT_CREATED);
  // Closed on the last day its history knows: the call.
  EXPECT_EQ(DateOf(imported.support_request().closed_date()), Date(2025, 4, 16));

  pb::ImportAssessmentOfNeedRequest assessment;
  assessment.set_source_id("AN-12");
  *assessment.mutable_assessment_of_need() = AssessmentCreate("unused", Date(2025, 4, 16)).assessment_of_need();
  *assessment.mutable_assessment_of_need()->mutable_start_date() = platform::DateToProto(Date(2025, 4, 28));
  assessment.set_support_request_source_id("SR-77");
  *assessment.mutable_completed_date() = platform::DateToProto(Date(2025, 6, 10));
  assessment.set_outcome(pb::ASSESSMENT_OUTCOME_SUPPORT_PLAN);
  assessment.mutable_assessment_of_need()->set_support_plan("Theraplay through the fund; review in six months");
  pb::ImportAssessmentOfNeedResponse a;
  grpc::Status s = Call(&pb::SupportService::Stub::ImportAssessmentOfNeed, assessment, &a, {Role::kManager});
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(a.result(), adoption::type::v1::IMPORT_RESULT_CREATED);
  EXPECT_EQ(a.assessment_of_need().status(), pb::ASSESSMENT_STATUS_COMPLETED);
  EXPECT_EQ(a.assessment_of_need().support_request(), imported.support_request().name());
  EXPECT_EQ(a.assessment_of_need().days_waiting(), 12);

  // Again: nothing written. Different under the same id: refused.
  pb::ImportSupportRequestResponse again;
  ASSERT_TRUE(Call(&pb::SupportService::Stub::ImportSupportRequest, request, &again, {Role::kManager}).ok());
  EXPECT_EQ(again.result(), adoption::type::v1::IMPORT_RESULT_UNCHANGED);
  pb::ImportAssessmentOfNeedResponse a_again;
  ASSERT_TRUE(Call(&pb::SupportService::Stub::ImportAssessmentOfNeed, assessment, &a_again, {Role::kManager}).ok());
  EXPECT_EQ(a_again.result(), adoption::type::v1::IMPORT_RESULT_UNCHANGED);
  EXPECT_EQ(a_again.assessment_of_need().name(), a.assessment_of_need().name());
  assessment.set_outcome(pb::ASSESSMENT_OUTCOME_NO_SUPPORT_NEEDED);
  EXPECT_EQ(PreconditionViolations(
                Call(&pb::SupportService::Stub::ImportAssessmentOfNeed, assessment, &a_again, {Role::kManager})),
            std::vector<std::string>{"IMPORT source_id AN-12"});

  // Completed before it started, or from a request never imported: refused, nothing written.
  pb::ImportAssessmentOfNeedRequest bad = assessment;
  bad.set_source_id("AN-13");
  *bad.mutable_completed_date() = platform::DateToProto(Date(2025, 4, 20));
  EXPECT_EQ(PreconditionViolations(Call(&pb::SupportService::Stub::ImportAssessmentOfNeed, bad, &a_again,
                                        {Role::kManager})),
            std::vector<std::string>{"ORDER completed_date"});
  bad.set_support_request_source_id("SR-NEVER");
  EXPECT_EQ(ViolatedFields(Call(&pb::SupportService::Stub::ImportAssessmentOfNeed, bad, &a_again, {Role::kManager})),
            std::vector<std::string>{"support_request_source_id"});
  EXPECT_EQ(Rows("support_requests"), 1);
  EXPECT_EQ(Rows("assessments_of_need"), 1);
  // A support worker does not import.
  EXPECT_EQ(Call(&pb::SupportService::Stub::ImportSupportRequest, request, &again).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// --- The support activity report ------------------------------------------------------

// A history written here, April and May 2025 (Easter and the early May bank holiday
// inside), two authorities: the per-LA monthly table, its totals and its waits.
TEST_P(AssessmentApiTest, TheActivityReportCountsEachAuthorityMonthByMonth) {
  clock_.Set(Date(2025, 6, 30));
  const std::string bromley = "E09000006", rotherham = "E08000018";
  int n = 0;
  auto request = [&](const std::string& la, Date received, std::optional<Date> call) {
    pb::CreateSupportRequestRequest r = ValidCreate("sr-" + std::to_string(++n));
    r.mutable_support_request()->set_local_authority(la);
    *r.mutable_support_request()->mutable_received_date() = platform::DateToProto(received);
    r.mutable_support_request()->set_triage(call ? pb::TRIAGE_SUPPORT_CALL : pb::TRIAGE_INFORMATION_ADVICE);
    if (call) *r.mutable_support_request()->mutable_support_call_date() = platform::DateToProto(*call);
    pb::SupportRequest out;
    grpc::Status s = Create(r, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  };
  request(bromley, Date(2025, 4, 11), Date(2025, 4, 22));  // 5 working days: in time
  request(bromley, Date(2025, 4, 14), Date(2025, 4, 23));  // 5: in time
  request(bromley, Date(2025, 4, 14), Date(2025, 4, 24));  // 6: late
  request(bromley, Date(2025, 5, 2), std::nullopt);
  request(rotherham, Date(2025, 5, 1), Date(2025, 5, 9));  // 5, over the May bank holiday
  request(rotherham, Date(2025, 3, 31), Date(2025, 4, 2));  // before the period
  auto assessment = [&](const std::string& la, Date requested, Date started, std::optional<Date> completed) {
    pb::CreateAssessmentOfNeedRequest r = AssessmentCreate("a-" + std::to_string(++n), requested);
    r.mutable_assessment_of_need()->set_local_authority(la);
    *r.mutable_assessment_of_need()->mutable_start_date() = platform::DateToProto(started);
    pb::AssessmentOfNeed a = Created(r), done;
    if (completed) {
      ASSERT_TRUE(Complete(a, *completed, pb::ASSESSMENT_OUTCOME_NO_SUPPORT_NEEDED, std::nullopt, &done).ok());
    }
  };
  assessment(bromley, Date(2025, 4, 1), Date(2025, 4, 15), Date(2025, 5, 20));
  assessment(bromley, Date(2025, 5, 1), Date(2025, 5, 11), std::nullopt);
  assessment(rotherham, Date(2025, 3, 20), Date(2025, 4, 3), Date(2025, 4, 30));
  assessment(rotherham, Date(2025, 1, 6), Date(2025, 1, 20), Date(2025, 3, 28));  // all before the period

  pb::ReportSupportActivityRequest r;
  *r.mutable_period()->mutable_first_day() = platform::DateToProto(Date(2025, 4, 1));
  *r.mutable_period()->mutable_last_day() = platform::DateToProto(Date(2025, 5, 31));
  pb::SupportActivity report;
  ASSERT_TRUE(Call(&pb::SupportService::Stub::ReportSupportActivity, r, &report, {Role::kManager}).ok());

  // "LA month: requests calls within/of mean-to-call | requested started completed mean-wait".
  auto row = [](const pb::SupportActivityFigures& f) {
    auto mean = [](const google::protobuf::DoubleValue& d, bool set) { return set ? absl::StrCat(d.value()) : "-"; };
    return absl::StrCat(f.local_authority(), " ", f.month(), ": ", f.requests(), " ", f.support_calls(), " ",
                        f.calls_within_timescale().count(), "/", f.calls_within_timescale().of(), " ",
                        mean(f.mean_working_days_to_call(), f.has_mean_working_days_to_call()), " | ",
                        f.assessments_requested(), " ", f.assessments_started(), " ", f.assessments_completed(), " ",
                        mean(f.mean_days_waiting_for_assessment(), f.has_mean_days_waiting_for_assessment()));
  };
  std::vector<std::string> months, authorities;
  for (const auto& f : report.months()) months.push_back(row(f));
  for (const auto& f : report.local_authorities()) authorities.push_back(row(f));
  EXPECT_EQ(months, (std::vector<std::string>{
                        "E08000018 2025-04: 0 0 0/0 - | 0 1 1 14",
                        "E08000018 2025-05: 1 1 1/1 5 | 0 0 0 -",
                        "E09000006 2025-04: 3 3 2/3 5.3 | 1 1 0 14",
                        "E09000006 2025-05: 1 0 0/0 - | 1 1 1 10",
                    }));
  EXPECT_EQ(authorities, (std::vector<std::string>{
                             "E08000018 : 1 1 1/1 5 | 0 1 1 14",
                             "E09000006 : 4 3 2/3 5.3 | 2 2 1 12",
                         }));
  EXPECT_EQ(row(report.total()), " : 5 4 3/4 5.3 | 2 3 2 12.7");
  EXPECT_DOUBLE_EQ(report.total().calls_within_timescale().percent().value(), 75.0);
  EXPECT_FALSE(report.months(0).calls_within_timescale().has_percent());

  // One authority asked for; a worker of another sees none of it.
  r.set_local_authority(rotherham);
  ASSERT_TRUE(Call(&pb::SupportService::Stub::ReportSupportActivity, r, &report, {Role::kManager}).ok());
  EXPECT_EQ(report.total().requests(), 1);
  r.clear_local_authority();
  grpc::ClientContext ctx;
  Authorize(ctx, platform::TokenRequest{.subject = "sw-r", .roles = {Role::kSupportWorker},
                                        .local_authorities = {rotherham}});
  ASSERT_TRUE(stub_->ReportSupportActivity(&ctx, r, &report).ok());
  EXPECT_EQ(report.local_authorities_size(), 1);
  EXPECT_EQ(report.total().assessments_completed(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, AssessmentApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

// Each domain value is the contract value of its name.
TEST(AssessmentMapping, EachDomainValueIsTheContractValueOfItsName) {
  using platform::testing::EnumMismatches;
  const std::vector<std::string> none;
  using S = AssessmentStatus;
  EXPECT_EQ(EnumMismatches(pb::AssessmentStatus_descriptor(),
                           {S::kWaiting, S::kInProgress, S::kCompleted, S::kClosed}, AssessmentStatusName),
            none);
  using O = AssessmentOutcome;
  EXPECT_EQ(EnumMismatches(pb::AssessmentOutcome_descriptor(),
                           {O::kSupportPlan, O::kNoSupportNeeded, O::kReferredElsewhere}, AssessmentOutcomeName),
            none);
  using K = SupportServiceKind;
  EXPECT_EQ(EnumMismatches(pb::SupportServiceKind_descriptor(),
                           {K::kTherapy, K::kParentingProgramme, K::kSocialWork, K::kPeerSupport, K::kEducation,
                            K::kFinancial, K::kShortBreaks, K::kContact, K::kCounselling, K::kOther},
                           SupportServiceKindName),
            none);
  using F = FundingSource;
  EXPECT_EQ(EnumMismatches(pb::FundingSource_descriptor(),
                           {F::kLocalAuthority, F::kAdoptionSupportFund, F::kHealth, F::kEducation, F::kNone,
                            F::kOther},
                           FundingSourceName),
            none);
}

}  // namespace
}  // namespace support
