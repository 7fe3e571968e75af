// Access to birth records and intermediary requests: counselling first where the law
// requires it, the commissioned sessions within the agency's number, each step in order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/core/errors.h"
#include "platform/core/statutory.h"
#include "support-svc/domain/records_access.h"

namespace support {
namespace {

using platform::Date;

const platform::Revision kBy{"sw-1", 1'000, Date(2026, 6, 1)};

std::vector<std::string> Violations(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::PreconditionViolationsOf(s)) out.push_back(v.type + " " + v.subject);
  return out;
}
std::vector<std::string> Fields(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::FieldViolationsOf(s)) out.push_back(v.field);
  return out;
}

RecordsAccessDetails BirthRecords(bool before_1975) {
  RecordsAccessDetails d;
  d.kind = RecordsAccessKind::kBirthRecords;
  d.applicant = {"Margaret", "Holt", Date(1962, 3, 4)};
  d.birth_name = "Margaret Lane";
  d.received_date = Date(2026, 1, 12);
  d.adopted_before_12_nov_1975 = before_1975;
  d.local_authority = "E08000018";
  return d;
}

TEST(RecordsAccess, AdoptedBefore12November1975CounsellingComesFirstAndTheRequestIsPrioritised) {
  RecordsAccessRequest r = ReceiveRecordsAccessRequest("r-1", BirthRecords(true), "sw-1", 1);
  EXPECT_TRUE(CounsellingRequired(r.details));
  EXPECT_TRUE(Prioritised(r.details));
  EXPECT_EQ(r.status, RecordsAccessStatus::kCounselling);
  EXPECT_EQ(Violations(SeekRecords(r, Date(2026, 2, 1), kBy)), std::vector<std::string>{"COUNSELLING status"});
  EXPECT_EQ(Violations(CompleteCounselling(r, Date(2026, 2, 1), kBy)),
            std::vector<std::string>{"COUNSELLING sessions"});
  ASSERT_TRUE(RecordCounsellingSession(r, {Date(2026, 2, 3), "Alex Reid", false}, 6, kBy).ok());
  EXPECT_EQ(Violations(CompleteCounselling(r, Date(2026, 2, 2), kBy)),
            std::vector<std::string>{"ORDER completed_date"});
  ASSERT_TRUE(CompleteCounselling(r, Date(2026, 2, 3), kBy).ok());
  EXPECT_EQ(r.status, RecordsAccessStatus::kRecordsSought);
  EXPECT_EQ(r.counselling_completed_date, Date(2026, 2, 3));
  ASSERT_TRUE(ShareRecords(r, Date(2026, 3, 1), kBy).ok());
  ASSERT_TRUE(CloseRecordsAccess(r, Date(2026, 3, 1), "Information shared", kBy).ok());
  EXPECT_EQ(Violations(ShareRecords(r, Date(2026, 3, 2), kBy)), std::vector<std::string>{"STATE status"});
}

TEST(RecordsAccess, AdoptedLaterTheRecordsAreSoughtStraightAwayAndCounsellingIsOffered) {
  RecordsAccessRequest r = ReceiveRecordsAccessRequest("r-1", BirthRecords(false), "sw-1", 1);
  EXPECT_FALSE(CounsellingRequired(r.details));
  EXPECT_EQ(r.status, RecordsAccessStatus::kReceived);
  EXPECT_EQ(Violations(SeekRecords(r, Date(2026, 1, 11), kBy)), std::vector<std::string>{"ORDER sought_date"});
  EXPECT_EQ(Fields(SeekRecords(r, Date(2026, 6, 2), kBy)), std::vector<std::string>{"sought_date"});
  ASSERT_TRUE(SeekRecords(r, Date(2026, 1, 12), kBy).ok());
  EXPECT_EQ(Violations(ShareRecords(r, Date(2026, 1, 11), kBy)), std::vector<std::string>{"ORDER shared_date"});
  // Counselling is offered to anyone, at any step until closed.
  ASSERT_TRUE(RecordCounsellingSession(r, {Date(2026, 1, 20), "Alex Reid", false}, 6, kBy).ok());
  EXPECT_EQ(Violations(RecordCounsellingSession(r, {Date(2026, 1, 11), "Alex Reid", false}, 6, kBy)),
            std::vector<std::string>{"ORDER session.held_date"});
}

TEST(RecordsAccess, CommissionedSessionsStopAtTheAgencysNumberOthersDoNot) {
  EXPECT_EQ(platform::StatutoryTable::Defaults().ValueOn(kCommissionedCounsellingSessions, Date(2026, 1, 1)).value(),
            6);
  RecordsAccessRequest r = ReceiveRecordsAccessRequest("r-1", BirthRecords(false), "sw-1", 1);
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(RecordCounsellingSession(r, {Date(2026, 2, 1 + i), "PAC-UK", true}, 6, kBy).ok()) << i;
  }
  EXPECT_EQ(Violations(RecordCounsellingSession(r, {Date(2026, 2, 20), "PAC-UK", true}, 6, kBy)),
            std::vector<std::string>{"COMMISSIONED_SESSIONS commissioned_counselling_sessions"});
  ASSERT_TRUE(RecordCounsellingSession(r, {Date(2026, 2, 20), "The agency's counsellor", false}, 6, kBy).ok());
  EXPECT_EQ(CommissionedSessions(r), 6);
  EXPECT_EQ(r.sessions.size(), 7u);
  EXPECT_EQ(Fields(RecordCounsellingSession(r, {Date(2026, 6, 2), "", false}, 6, kBy)),
            (std::vector<std::string>{"session.held_date", "session.counsellor"}));
}

TEST(RecordsAccess, AnIntermediaryRequestNamesTheRelationship) {
  RecordsAccessDetails d = BirthRecords(true);
  d.kind = RecordsAccessKind::kIntermediary;
  platform::Validation v;
  ValidateRecordsAccessDetails(d, kBy.today, "", v);
  EXPECT_EQ(Fields(v.Status()), std::vector<std::string>{"relationship"});
  d.relationship = "birth mother";
  RecordsAccessRequest r = ReceiveRecordsAccessRequest("r-1", d, "sw-1", 1);
  // Prioritised, but counselling first is for the adopted adult's own records.
  EXPECT_TRUE(Prioritised(r.details));
  EXPECT_FALSE(CounsellingRequired(r.details));
  EXPECT_EQ(r.status, RecordsAccessStatus::kReceived);
}

}  // namespace
}  // namespace support
