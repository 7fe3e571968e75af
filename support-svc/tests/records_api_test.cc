// Access to birth records and intermediary requests through the API, on SQLite (unit)
// and MariaDB (integration).
#include "platform/testing/testing.h"
#include "support-svc/tests/support_api_fixture.h"

namespace support {
namespace {

using namespace support::testing;  // NOLINT: the fixture and its requests
using platform::Date;
using platform::testing::PreconditionViolations;
using platform::testing::ViolatedFields;
using Stub = pb::SupportService::Stub;

class RecordsApiTest : public SupportApiTest {
 protected:
  pb::RecordsAccessRequest Created(const pb::CreateRecordsAccessRequestRequest& r) {
    pb::RecordsAccessRequest out;
    grpc::Status s = Call(&Stub::CreateRecordsAccessRequest, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
  grpc::Status Session(const pb::RecordsAccessRequest& r, Date held, bool commissioned,
                       pb::RecordsAccessRequest* out) {
    pb::RecordCounsellingSessionRequest req;
    req.set_name(r.name());
    req.set_etag(r.etag());
    *req.mutable_session()->mutable_held_date() = platform::DateToProto(held);
    req.mutable_session()->set_counsellor(commissioned ? "PAC-UK" : "Alex Reid");
    req.mutable_session()->set_commissioned(commissioned);
    return Call(&Stub::RecordCounsellingSession, req, out);
  }
};

// The queue puts those adopted before 12 November 1975 first, then by the day received.
TEST_P(RecordsApiTest, TheQueueComesPrioritisedFirstThenByTheDayReceived) {
  clock_.Set(Date(2026, 6, 1));
  const pb::RecordsAccessRequest later = Created(RecordsCreate("r-1", Date(2026, 3, 1)));
  const pb::RecordsAccessRequest earlier = Created(RecordsCreate("r-2", Date(2026, 1, 5)));
  const pb::RecordsAccessRequest prioritised = Created(RecordsCreate("r-3", Date(2026, 5, 20), true));
  EXPECT_TRUE(prioritised.prioritised());
  EXPECT_TRUE(prioritised.counselling_required());
  EXPECT_EQ(prioritised.status(), pb::RECORDS_ACCESS_STATUS_COUNSELLING);
  std::vector<std::string> names;
  pb::ListRecordsAccessRequestsRequest list;
  list.set_page_size(2);
  do {
    pb::ListRecordsAccessRequestsResponse page;
    ASSERT_TRUE(Call(&Stub::ListRecordsAccessRequests, list, &page, {Role::kManager}).ok());
    for (const auto& r : page.records_access_requests()) names.push_back(r.name());
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  EXPECT_EQ(names, (std::vector<std::string>{prioritised.name(), earlier.name(), later.name()}));
  list.set_filter("adopted_before_12_nov_1975 = true");
  pb::ListRecordsAccessRequestsResponse page;
  ASSERT_TRUE(Call(&Stub::ListRecordsAccessRequests, list, &page, {Role::kManager}).ok());
  EXPECT_EQ(page.records_access_requests_size(), 1);
}

// Counselling first, the sessions counted, the records sought, shared and the case
// closed; each step a version.
TEST_P(RecordsApiTest, ARequestIsCounselledSoughtSharedAndClosedInOrder) {
  clock_.Set(Date(2026, 6, 1));
  pb::RecordsAccessRequest r = Created(RecordsCreate("r-1", Date(2026, 1, 12), true));
  pb::SeekRecordsRequest seek;
  seek.set_name(r.name());
  seek.set_etag(r.etag());
  *seek.mutable_sought_date() = platform::DateToProto(Date(2026, 1, 20));
  pb::RecordsAccessRequest out;
  EXPECT_EQ(PreconditionViolations(Call(&Stub::SeekRecords, seek, &out)),
            std::vector<std::string>{"COUNSELLING status"});
  ASSERT_TRUE(Session(r, Date(2026, 2, 3), false, &r).ok());
  ASSERT_TRUE(Session(r, Date(2026, 2, 10), true, &r).ok());
  EXPECT_EQ(r.counselling_sessions_size(), 2);
  pb::CompleteCounsellingRequest complete;
  complete.set_name(r.name());
  complete.set_etag(r.etag());
  *complete.mutable_completed_date() = platform::DateToProto(Date(2026, 2, 10));
  ASSERT_TRUE(Call(&Stub::CompleteCounselling, complete, &r).ok());
  EXPECT_EQ(r.status(), pb::RECORDS_ACCESS_STATUS_RECORDS_SOUGHT);
  EXPECT_EQ(r.counselling_completed_date().day(), 10);
  pb::ShareRecordsRequest share;
  share.set_name(r.name());
  share.set_etag(r.etag());
  *share.mutable_shared_date() = platform::DateToProto(Date(2026, 3, 2));
  ASSERT_TRUE(Call(&Stub::ShareRecords, share, &r).ok());
  pb::CloseRecordsAccessRequestRequest close;
  close.set_name(r.name());
  close.set_etag(r.etag());
  *close.mutable_closed_date() = platform::DateToProto(Date(2026, 3, 1));
  close.set_reason("Information shared");
  EXPECT_EQ(PreconditionViolations(Call(&Stub::CloseRecordsAccessRequest, close, &out)),
            std::vector<std::string>{"ORDER closed_date"});
  *close.mutable_closed_date() = platform::DateToProto(Date(2026, 3, 2));
  ASSERT_TRUE(Call(&Stub::CloseRecordsAccessRequest, close, &r).ok());
  EXPECT_EQ(r.status(), pb::RECORDS_ACCESS_STATUS_CLOSED);
  EXPECT_EQ(r.etag(), "6");
  EXPECT_EQ(Rows("records_access_request_history"), 5);
  // Closed: no further session.
  EXPECT_EQ(PreconditionViolations(Session(r, Date(2026, 3, 3), false, &out)),
            std::vector<std::string>{"STATE status"});
}

TEST_P(RecordsApiTest, BadInputNamesEveryFieldAndWritesNothing) {
  clock_.Set(Date(2026, 6, 1));
  pb::CreateRecordsAccessRequestRequest r = RecordsCreate("", Date(2026, 6, 2));
  pb::RecordsAccessRequest* a = r.mutable_records_access_request();
  a->set_kind(pb::RECORDS_ACCESS_KIND_INTERMEDIARY);  // without the relationship
  a->mutable_applicant()->set_family_name(" ");
  *a->mutable_applicant()->mutable_date_of_birth() = platform::DateToProto(Date(2030, 1, 1));
  a->set_local_authority("Bromley");
  pb::RecordsAccessRequest out;
  EXPECT_EQ(ViolatedFields(Call(&Stub::CreateRecordsAccessRequest, r, &out)),
            (std::vector<std::string>{"request_id", "records_access_request.applicant.family_name",
                                      "records_access_request.applicant.date_of_birth",
                                      "records_access_request.relationship", "records_access_request.received_date",
                                      "records_access_request.local_authority"}));
  EXPECT_EQ(Rows("records_access_requests"), 0);
  // A session with no counsellor, in the future.
  pb::RecordsAccessRequest created = Created(RecordsCreate("r-1", Date(2026, 1, 12)));
  pb::RecordCounsellingSessionRequest session;
  session.set_name(created.name());
  session.set_etag(created.etag());
  *session.mutable_session()->mutable_held_date() = platform::DateToProto(Date(2026, 6, 2));
  EXPECT_EQ(ViolatedFields(Call(&Stub::RecordCounsellingSession, session, &out)),
            (std::vector<std::string>{"session.held_date", "session.counsellor"}));
  EXPECT_EQ(Rows("records_access_request_history"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordsApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

TEST(RecordsMapping, EachDomainValueIsTheContractValueOfItsName) {
  using platform::testing::EnumMismatches;
  const std::vector<std::string> none;
  using K = RecordsAccessKind;
  EXPECT_EQ(EnumMismatches(pb::RecordsAccessKind_descriptor(), {K::kBirthRecords, K::kIntermediary},
                           RecordsAccessKindName),
            none);
  using S = RecordsAccessStatus;
  EXPECT_EQ(EnumMismatches(pb::RecordsAccessStatus_descriptor(),
                           {S::kReceived, S::kCounselling, S::kRecordsSought, S::kShared, S::kClosed},
                           RecordsAccessStatusName),
            none);
}

}  // namespace
}  // namespace support
