// Complaints and compliments through the API, on SQLite (unit) and MariaDB (integration).
#include "platform/testing/testing.h"
#include "support-svc/tests/support_api_fixture.h"

namespace support {
namespace {

using namespace support::testing;  // NOLINT: the fixture and its requests
using platform::Date;
using platform::testing::PreconditionViolations;
using platform::testing::ViolatedFields;
using Stub = pb::SupportService::Stub;

class FeedbackApiTest : public SupportApiTest {
 protected:
  pb::Feedback Created(const pb::CreateFeedbackRequest& r) {
    pb::Feedback out;
    grpc::Status s = Call(&Stub::CreateFeedback, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
  std::vector<std::string> Overdue() {
    pb::ListFeedbackRequest r;
    r.set_filter("response_overdue = true");
    pb::ListFeedbackResponse page;
    EXPECT_TRUE(Call(&Stub::ListFeedback, r, &page, {Role::kManager}).ok());
    std::vector<std::string> names;
    for (const auto& f : page.feedback()) names.push_back(f.name());
    return names;
  }
};

// A complaint answered late at local resolution, taken to investigation, answered and
// closed; a compliment recorded closed.
TEST_P(FeedbackApiTest, AComplaintGoesThroughItsStagesAndAComplimentIsRecorded) {
  clock_.Set(Date(2025, 5, 7));
  pb::Feedback f = Created(FeedbackCreate("f-1", Date(2025, 4, 17)));
  EXPECT_EQ(f.status(), pb::FEEDBACK_STATUS_OPEN);
  ASSERT_EQ(f.stages_size(), 1);
  EXPECT_EQ(f.stages(0).due_date().day(), 6);  // 10 working days over Easter and early May
  EXPECT_TRUE(f.response_overdue());
  EXPECT_EQ(Overdue(), std::vector<std::string>{f.name()});

  pb::RespondToComplaintRequest respond;
  respond.set_name(f.name());
  respond.set_etag(f.etag());
  *respond.mutable_responded_date() = platform::DateToProto(Date(2025, 5, 7));
  respond.set_outcome(pb::COMPLAINT_OUTCOME_PARTLY_UPHELD);
  respond.set_response("The review was late; it is now booked");
  ASSERT_TRUE(Call(&Stub::RespondToComplaint, respond, &f).ok());
  EXPECT_EQ(f.status(), pb::FEEDBACK_STATUS_RESPONDED);
  EXPECT_TRUE(Overdue().empty());

  pb::EscalateComplaintRequest escalate;
  escalate.set_name(f.name());
  escalate.set_etag(f.etag());
  *escalate.mutable_escalated_date() = platform::DateToProto(Date(2025, 5, 7));
  ASSERT_TRUE(Call(&Stub::EscalateComplaint, escalate, &f, {Role::kManager}).ok());
  ASSERT_EQ(f.stages_size(), 2);
  EXPECT_EQ(f.stages(1).stage(), pb::COMPLAINT_STAGE_INVESTIGATION);
  EXPECT_EQ(f.stages(1).due_date().month(), 6);
  EXPECT_EQ(f.stages(1).due_date().day(), 12);

  pb::CloseFeedbackRequest close;
  close.set_name(f.name());
  close.set_etag(f.etag());
  *close.mutable_closed_date() = platform::DateToProto(Date(2025, 5, 7));
  ASSERT_TRUE(Call(&Stub::CloseFeedback, close, &f).ok());
  EXPECT_EQ(f.status(), pb::FEEDBACK_STATUS_CLOSED);
  EXPECT_EQ(Rows("feedback_history"), 3);

  pb::CreateFeedbackRequest compliment = FeedbackCreate("f-2", Date(2025, 5, 1));
  compliment.mutable_feedback()->set_kind(pb::FEEDBACK_KIND_COMPLIMENT);
  compliment.mutable_feedback()->set_summary("Thank you for the Theraplay sessions");
  pb::Feedback thanks = Created(compliment);
  EXPECT_EQ(thanks.status(), pb::FEEDBACK_STATUS_CLOSED);
  respond.set_name(thanks.name());
  respond.set_etag(thanks.etag());
  pb::Feedback out;
  EXPECT_EQ(PreconditionViolations(Call(&Stub::RespondToComplaint, respond, &out)),
            std::vector<std::string>{"STATE kind"});
}

TEST_P(FeedbackApiTest, BadInputNamesEveryFieldAndWritesNothing) {
  clock_.Set(Date(2025, 5, 7));
  pb::CreateFeedbackRequest r = FeedbackCreate("", Date(2025, 5, 8));
  r.mutable_feedback()->set_kind(pb::FEEDBACK_KIND_UNSPECIFIED);
  r.mutable_feedback()->set_from(pb::REQUESTER_KIND_UNSPECIFIED);
  r.mutable_feedback()->set_summary(" ");
  r.mutable_feedback()->set_local_authority("Kent");
  pb::Feedback out;
  EXPECT_EQ(ViolatedFields(Call(&Stub::CreateFeedback, r, &out)),
            (std::vector<std::string>{"request_id", "feedback.kind", "feedback.from", "feedback.received_date",
                                      "feedback.summary", "feedback.local_authority"}));
  EXPECT_EQ(Rows("feedback"), 0);
  pb::Feedback f = Created(FeedbackCreate("f-1", Date(2025, 4, 17)));
  pb::RespondToComplaintRequest respond;
  respond.set_name(f.name());
  respond.set_etag(f.etag());
  *respond.mutable_responded_date() = platform::DateToProto(Date(2025, 5, 8));
  EXPECT_EQ(ViolatedFields(Call(&Stub::RespondToComplaint, respond, &out)),
            (std::vector<std::string>{"responded_date", "outcome", "response"}));
  EXPECT_EQ(Rows("feedback_history"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, FeedbackApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

TEST(FeedbackMapping, EachDomainValueIsTheContractValueOfItsName) {
  using platform::testing::EnumMismatches;
  const std::vector<std::string> none;
  EXPECT_EQ(EnumMismatches(pb::FeedbackKind_descriptor(), {FeedbackKind::kComplaint, FeedbackKind::kCompliment},
                           FeedbackKindName),
            none);
  using S = ComplaintStage;
  EXPECT_EQ(EnumMismatches(pb::ComplaintStage_descriptor(),
                           {S::kLocalResolution, S::kInvestigation, S::kReviewPanel}, ComplaintStageName),
            none);
  using F = FeedbackStatus;
  EXPECT_EQ(EnumMismatches(pb::FeedbackStatus_descriptor(), {F::kOpen, F::kResponded, F::kClosed},
                           FeedbackStatusName),
            none);
  using O = ComplaintOutcome;
  EXPECT_EQ(EnumMismatches(pb::ComplaintOutcome_descriptor(), {O::kUpheld, O::kPartlyUpheld, O::kNotUpheld},
                           ComplaintOutcomeName),
            none);
}

}  // namespace
}  // namespace support
