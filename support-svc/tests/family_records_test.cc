// support-svc's records under retention (docs/records.md): an adoptive family's adoption
// support record, kept 75 years from the family's last entry across its requests and
// assessments, then disposed of whole on a manager's decision — the other family's record
// untouched; an ASF application, a records-access request and a complaint, each its own.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "adoption/records/v1/records.grpc.pb.h"
#include "platform/testing/records_client.h"
#include "support-svc/tests/support_api_fixture.h"

namespace support {
namespace testing {
namespace {

namespace rpb = adoption::records::v1;
using platform::Date;

constexpr char kOtherFamily[] = "01j00000000000000000000h02";

class FamilyRecordsTest : public SupportApiTest {
 protected:
  std::vector<rpb::DueRecord> Due(Date through) { return platform::testing::RecordsClient(*host_).Due(through); }
  grpc::Status Dispose(const std::string& household, rpb::Disposal* out) {
    return platform::testing::RecordsClient(*host_).Dispose(
        "family_support_record", household, "Reviewed 75 years after the family's last contact", out);
  }
};

TEST_P(FamilyRecordsTest, AFamilysRecordIsKeptSeventyFiveYearsFromItsLastEntryThenDisposedOfWhole) {
  clock_.Set(Date(2025, 12, 1));
  pb::SupportRequest ours, theirs;
  ASSERT_TRUE(Create(FamilyCreate("ours-1"), &ours).ok());
  ASSERT_TRUE(Create(FamilyCreate("theirs-1", kOtherFamily), &theirs).ok());
  // The family's last entry: an assessment asked for three months later.
  clock_.Set(Date(2026, 3, 2));
  pb::AssessmentOfNeed assessment;
  grpc::Status s =
      Call(&pb::SupportService::Stub::CreateAssessmentOfNeed, AssessmentCreate("ours-2", Date(2026, 3, 2)), &assessment);
  ASSERT_TRUE(s.ok()) << s.error_message();

  std::vector<rpb::DueRecord> due = Due(Date(2101, 3, 1));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].record_id(), kOtherFamily);
  due = Due(Date(2101, 3, 2));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[1].record_type(), "family_support_record");
  EXPECT_EQ(due[1].record_id(), kFamily);
  EXPECT_EQ(due[1].basis(),
            "75 years from the family's last entry of 2026-03-02 (retention_adoption_support_record_years)");

  rpb::Disposal disposal;
  clock_.Set(Date(2101, 3, 1));
  s = Dispose(kFamily, &disposal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(Rows("support_requests"), 2);
  EXPECT_EQ(Dispose("01j00000000000000000000h09", &disposal).error_code(), grpc::StatusCode::NOT_FOUND);

  clock_.Set(Date(2101, 3, 2));
  s = Dispose(kFamily, &disposal);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(disposal.retain_until().year(), 2101);
  EXPECT_EQ(Rows("support_requests"), 1);
  EXPECT_EQ(Rows("assessments_of_need"), 0);
  const std::string our_request = ours.name().substr(ours.name().find('/') + 1);
  // Only the logs (the request's events and audit entries, which name no one) and the
  // tombstone — with the disposal's own audit entry and its RecordDisposed event under
  // the household — remain.
  EXPECT_EQ(platform::testing::TablesHolding(host_->db(), our_request),
            (std::set<std::string>{"audit_log", "create_requests", "outbox"}));
  EXPECT_EQ(platform::testing::TablesHolding(host_->db(), kFamily),
            (std::set<std::string>{"audit_log", "outbox", "record_disposals"}));
  EXPECT_FALSE(platform::testing::TablesHolding(host_->db(), kOtherFamily).empty());
}

// An ASF application is an adoption support record of its own (filed under the local
// authority's child reference, not a household): kept 75 years from its last change —
// a submission moves it — then disposed of with its versions; the other application and
// the child's yearly limit row stay.
TEST_P(FamilyRecordsTest, AnAsfApplicationIsKeptSeventyFiveYearsFromItsLastChange) {
  clock_.Set(Date(2025, 12, 1));
  pb::AsfApplication ours, theirs;
  ASSERT_TRUE(CreateAsf(AsfCreate("asf-ours", 150000), &ours).ok());
  ASSERT_TRUE(CreateAsf(AsfCreate("asf-theirs", 90000, pb::ASF_SERVICE_TYPE_THERAPLAY, "C-2077"), &theirs).ok());
  clock_.Set(Date(2026, 1, 12));
  pb::AsfApplication submitted;
  grpc::Status s = Submit(ours, Date(2026, 1, 12), &submitted);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const std::string our_id = ours.name().substr(ours.name().find('/') + 1);
  const std::string their_id = theirs.name().substr(theirs.name().find('/') + 1);

  platform::testing::RecordsClient records(*host_);
  std::vector<rpb::DueRecord> due = records.Due(Date(2101, 1, 11));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].record_type(), "asf_application");
  EXPECT_EQ(due[0].record_id(), their_id);
  due = records.Due(Date(2101, 1, 12));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[1].record_id(), our_id);
  EXPECT_EQ(due[1].basis(),
            "75 years from the application's last change of 2026-01-12 (retention_adoption_support_record_years)");

  rpb::Disposal disposal;
  const std::string decision = "Reviewed: the fund's audit period long past";
  clock_.Set(Date(2101, 1, 11));
  EXPECT_EQ(records.Dispose("asf_application", our_id, decision, &disposal).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  clock_.Set(Date(2101, 1, 12));
  s = records.Dispose("asf_application", our_id, decision, &disposal);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Rows("asf_applications"), 1);
  EXPECT_EQ(platform::testing::TablesHolding(host_->db(), our_id),
            (std::set<std::string>{"audit_log", "create_requests", "outbox", "record_disposals"}));
  EXPECT_TRUE(platform::testing::TablesHolding(host_->db(), their_id).count("asf_applications"));
  EXPECT_TRUE(platform::testing::TablesHolding(host_->db(), "C-1042").count("asf_child_years"));
}

// An adopted adult's records-access request is an adoption support record (birth
// records counselling): 75 years from its last change — a counselling session moves it.
// A complaint is kept as the agency's policy says: 6 years from its last change by default.
TEST_P(FamilyRecordsTest, ARecordsAccessRequestAndAComplaintAreKeptFromTheirLastChange) {
  clock_.Set(Date(2025, 12, 1));
  pb::RecordsAccessRequest access, other_access;
  grpc::Status s = Call(&pb::SupportService::Stub::CreateRecordsAccessRequest,
                        RecordsCreate("access-1", Date(2025, 12, 1)), &access);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_TRUE(Call(&pb::SupportService::Stub::CreateRecordsAccessRequest,
                   RecordsCreate("access-2", Date(2025, 12, 1)), &other_access)
                  .ok());
  pb::Feedback complaint;
  ASSERT_TRUE(Call(&pb::SupportService::Stub::CreateFeedback, FeedbackCreate("complaint-1", Date(2025, 12, 1)),
                   &complaint)
                  .ok());

  clock_.Set(Date(2026, 1, 12));
  pb::RecordCounsellingSessionRequest session;
  session.set_name(access.name());
  session.set_etag(access.etag());
  *session.mutable_session()->mutable_held_date() = platform::DateToProto(Date(2026, 1, 12));
  session.mutable_session()->set_counsellor("Alex Reid");
  s = Call(&pb::SupportService::Stub::RecordCounsellingSession, session, &access);
  ASSERT_TRUE(s.ok()) << s.error_message();
  pb::RespondToComplaintRequest respond;
  respond.set_name(complaint.name());
  respond.set_etag(complaint.etag());
  *respond.mutable_responded_date() = platform::DateToProto(Date(2026, 1, 12));
  respond.set_outcome(pb::COMPLAINT_OUTCOME_UPHELD);
  respond.set_response("The plan review is booked");
  s = Call(&pb::SupportService::Stub::RespondToComplaint, respond, &complaint);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const std::string access_id = access.name().substr(access.name().find('/') + 1);
  const std::string complaint_id = complaint.name().substr(complaint.name().find('/') + 1);

  platform::testing::RecordsClient records(*host_);
  std::vector<rpb::DueRecord> due = records.Due(Date(2032, 1, 12));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].record_type(), "feedback");
  EXPECT_EQ(due[0].record_id(), complaint_id);
  EXPECT_EQ(due[0].basis(), "6 years from its last change of 2026-01-12 (retention_feedback_record_years)");
  EXPECT_EQ(records.Due(Date(2032, 1, 11)).size(), 0u);
  due = records.Due(Date(2101, 1, 12));
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[1].record_type(), "records_access_request");
  EXPECT_EQ(due[2].record_id(), access_id);
  EXPECT_EQ(due[2].basis(),
            "75 years from the request's last change of 2026-01-12 (retention_adoption_support_record_years)");

  rpb::Disposal disposal;
  clock_.Set(Date(2032, 1, 11));
  EXPECT_EQ(records.Dispose("feedback", complaint_id, "Reviewed under the agency's policy", &disposal).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  clock_.Set(Date(2032, 1, 12));
  EXPECT_EQ(records.Dispose("records_access_request", access_id, "Too early", &disposal).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  s = records.Dispose("feedback", complaint_id, "Reviewed under the agency's policy", &disposal);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Rows("feedback"), 0);
  EXPECT_EQ(Rows("feedback_history"), 0);
  clock_.Set(Date(2101, 1, 12));
  s = records.Dispose("records_access_request", access_id, "Reviewed 75 years on", &disposal);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Rows("records_access_requests"), 1);
  EXPECT_EQ(platform::testing::TablesHolding(host_->db(), access_id),
            (std::set<std::string>{"audit_log", "create_requests", "outbox", "record_disposals"}));
  EXPECT_EQ(platform::testing::TablesHolding(host_->db(), complaint_id),
            (std::set<std::string>{"audit_log", "create_requests", "outbox", "record_disposals"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, FamilyRecordsTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace testing
}  // namespace support
