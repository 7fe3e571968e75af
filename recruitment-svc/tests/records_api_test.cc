// Households as records kept for their lifetime (docs/records.md): RecordsService over
// the real recruitment API — which are due, legal holds, disposal refused before the
// date, without one and under a hold, and a disposal that erases the household from
// every table and leaves its tombstone.
#include <soci/soci.h>

#include "recruitment-svc/tests/records_api_fixture.h"

namespace recruitment::testing {
namespace {

using platform::testing::PreconditionViolations;
using platform::testing::ViolatedFields;

TEST_P(RecordsApiTest, AHouseholdIsDisposedOfOnlyWhenDueAndUnheldAndLeavesATombstone) {
  const pb::Household early = Household("early", platform::Date(2025, 5, 2)),
                      later = Household("later", platform::Date(2025, 6, 10)), open = Household("open", std::nullopt);
  const std::string early_id = IdOf(early), later_id = IdOf(later), open_id = IdOf(open);
  // An enquiry that went no further: the agency's 2 years from the day it closed.
  clock_.Set(platform::Date(2027, 5, 1));
  EXPECT_TRUE(Due().empty());
  clock_.Set(platform::Date(2027, 5, 2));
  std::vector<rpb::DueRecord> due = Due();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].record_type(), "household");
  EXPECT_EQ(due[0].record_id(), early_id);
  EXPECT_EQ(due[0].retain_until().year(), 2027);
  EXPECT_EQ(due[0].retain_until().day(), 2);
  EXPECT_EQ(due[0].basis(), "2 years from the day the enquiry closed of 2025-05-02 (retention_enquiry_record_years)");
  EXPECT_FALSE(due[0].legal_hold());
  due = Due(platform::Date(2027, 6, 10));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[1].record_id(), later_id);
  {
    // A page at a time, soonest first; a token resumes only the list it came from.
    rpb::ListDueRecordsRequest r;
    platform::testing::SetDate(r.mutable_due_date(), 2027, 6, 10);
    r.set_page_size(1);
    std::vector<std::string> paged;
    std::string first_token;
    do {
      grpc::ClientContext ctx;
      Authorize(ctx, {Role::kManager});
      rpb::ListDueRecordsResponse page;
      ASSERT_TRUE(records_stub_->ListDueRecords(&ctx, r, &page).ok());
      for (const auto& d : page.due_records()) paged.push_back(d.record_id());
      if (first_token.empty()) first_token = page.next_page_token();
      r.set_page_token(page.next_page_token());
    } while (!r.page_token().empty());
    EXPECT_EQ(paged, (std::vector<std::string>{early_id, later_id}));
    grpc::ClientContext other;
    Authorize(other, {Role::kManager});
    rpb::ListDueRecordsRequest elsewhere;
    elsewhere.set_page_token(first_token);  // issued for another day
    rpb::ListDueRecordsResponse refused;
    grpc::Status s = records_stub_->ListDueRecords(&other, elsewhere, &refused);
    EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"page_token"});
  }

  // Refused before its date, and without one (an open household is kept): nothing changes.
  const long long households = Rows("households"), applicants = Rows("household_applicants");
  rpb::Disposal disposal;
  grpc::Status s = Dispose("household", later_id, "reviewed", &disposal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"RETENTION record"});
  EXPECT_NE(s.error_message().find("kept until 2027-06-10"), std::string::npos) << s.error_message();
  s = Dispose("household", open_id, "reviewed", &disposal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_NE(s.error_message().find("no retention date"), std::string::npos) << s.error_message();

  // Under a legal hold: refused until it is released.
  rpb::LegalHold hold, again;
  ASSERT_TRUE(Hold(early_id, "claim QB-2027-0042", &hold).ok());
  EXPECT_EQ(hold.placed_by(), "worker-1");
  ASSERT_TRUE(Hold(early_id, "claim QB-2027-0042", &again).ok());
  EXPECT_EQ(again.name(), hold.name());  // a retry places no second hold
  EXPECT_TRUE(Due()[0].legal_hold());
  s = Dispose("household", early_id, "reviewed", &disposal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_NE(s.error_message().find("legal hold"), std::string::npos) << s.error_message();
  EXPECT_EQ(Rows("households"), households);
  EXPECT_EQ(Rows("household_applicants"), applicants);
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    rpb::ReleaseLegalHoldRequest release;
    release.set_name(hold.name());
    release.set_reason("claim settled");
    rpb::LegalHold released;
    ASSERT_TRUE(records_stub_->ReleaseLegalHold(&ctx, release, &released).ok());
    EXPECT_EQ(released.release_reason(), "claim settled");
    EXPECT_TRUE(released.has_release_time());
    grpc::ClientContext twice;
    Authorize(twice, {Role::kManager});
    EXPECT_EQ(records_stub_->ReleaseLegalHold(&twice, release, &released).error_code(),
              grpc::StatusCode::FAILED_PRECONDITION);
    // The hold stays on record, released; a second on another record pages after it.
    rpb::LegalHold other;
    ASSERT_TRUE(Hold(later_id, "inquiry", &other).ok());
    rpb::ListLegalHoldsRequest list;
    list.set_page_size(1);
    std::vector<std::string> seen;
    do {
      grpc::ClientContext page;
      Authorize(page, {Role::kManager});
      rpb::ListLegalHoldsResponse holds;
      ASSERT_TRUE(records_stub_->ListLegalHolds(&page, list, &holds).ok());
      for (const auto& h : holds.legal_holds()) seen.push_back(h.record_id() + ":" + h.release_reason());
      list.set_page_token(holds.next_page_token());
    } while (!list.page_token().empty());
    EXPECT_EQ(seen, (std::vector<std::string>{early_id + ":claim settled", later_id + ":"}));
    grpc::ClientContext by_record;
    Authorize(by_record, {Role::kManager});
    rpb::ListLegalHoldsRequest only;
    only.set_record_id(later_id);
    rpb::ListLegalHoldsResponse held;
    ASSERT_TRUE(records_stub_->ListLegalHolds(&by_record, only, &held).ok());
    ASSERT_EQ(held.legal_holds_size(), 1);
    EXPECT_EQ(held.legal_holds(0).name(), other.name());
  }

  // Disposed of: erased from every table but the logs (which name no one) and its
  // tombstone; a retry answers the same tombstone.
  s = Dispose("household", early_id, "Reviewed 2027-05-02: an enquiry that went no further; agency policy 4.2", &disposal);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(disposal.record_id(), early_id);
  EXPECT_EQ(disposal.retain_until().year(), 2027);
  EXPECT_EQ(disposal.basis(), due[0].basis());
  EXPECT_EQ(disposal.disposed_by(), "worker-1");
  EXPECT_TRUE(disposal.has_dispose_time());
  EXPECT_EQ(TablesHolding(early_id),
            (std::set<std::string>{"audit_log", "outbox", "create_requests", "legal_holds", "record_disposals"}));
  EXPECT_TRUE(TablesHolding("Shah-early").empty());
  EXPECT_EQ(Rows("households"), households - 1);
  EXPECT_FALSE(TablesHolding("Shah-later").empty());  // the others are as they were
  rpb::Disposal retried;
  ASSERT_TRUE(Dispose("household", early_id, "again", &retried).ok());
  EXPECT_EQ(retried.name(), disposal.name());
  EXPECT_EQ(retried.decision(), disposal.decision());
  EXPECT_EQ(Rows("record_disposals"), 1);
  // Published once, for the services holding something about the household (the
  // panel's cases, family finding's profile): its disposal and rule, not the words of
  // the decision.
  {
    long long published = 0;
    std::string payload;
    ASSERT_TRUE(host_->db()
                    .Read([&](soci::session& sql) {
                      sql << "SELECT COUNT(*), MAX(payload) FROM outbox WHERE type = "
                             "'adoption.events.v1.RecordDisposed' AND aggregateid = :id",
                          soci::use(early_id), soci::into(published), soci::into(payload);
                      return absl::OkStatus();
                    })
                    .ok());
    EXPECT_EQ(published, 1);
    EXPECT_NE(payload.find(disposal.name()), std::string::npos) << payload;
    EXPECT_NE(payload.find("retention_enquiry_record_years"), std::string::npos) << payload;
    EXPECT_EQ(payload.find("policy 4.2"), std::string::npos) << payload;
  }
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    pb::GetHouseholdRequest get;
    get.set_name(early.name());
    pb::Household gone;
    EXPECT_EQ(stub_->GetHousehold(&ctx, get, &gone).error_code(), grpc::StatusCode::NOT_FOUND);
    rpb::LegalHold late;
    EXPECT_EQ(Hold(early_id, "another claim", &late).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    grpc::ClientContext list;
    Authorize(list, {Role::kManager});
    rpb::ListDisposalsResponse disposals;
    ASSERT_TRUE(records_stub_->ListDisposals(&list, rpb::ListDisposalsRequest(), &disposals).ok());
    ASSERT_EQ(disposals.disposals_size(), 1);
    EXPECT_EQ(disposals.disposals(0).name(), disposal.name());
  }
  EXPECT_TRUE(Due().empty());
  // Each act is in the audit log under the household.
  long long audited = 0;
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) -> absl::Status {
                    sql << "SELECT COUNT(*) FROM audit_log WHERE resource_type = 'household' AND resource_id = :id "
                           "AND action LIKE '%DisposeOfRecord' AND outcome = 'OK'",
                        soci::use(early_id), soci::into(audited);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(audited, 2);
}

TEST_P(RecordsApiTest, OnlyAManagerActsAndBadInputNamesItsFieldAndChangesNothing) {
  const pb::Household early = Household("early", platform::Date(2025, 5, 2));
  clock_.Set(platform::Date(2030, 1, 1));
  rpb::Disposal disposal;
  EXPECT_EQ(Dispose("household", IdOf(early), "reviewed", &disposal, {Role::kRecruitmentWorker}).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kRecruitmentWorker});
  rpb::ListDueRecordsResponse due;
  EXPECT_EQ(records_stub_->ListDueRecords(&ctx, rpb::ListDueRecordsRequest(), &due).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  grpc::Status s = Dispose("child", IdOf(early), "", &disposal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), (std::vector<std::string>{"disposal.record_type", "disposal.decision"}));
  EXPECT_NE(s.error_message().find("one of household"), std::string::npos) << s.error_message();
  s = Dispose("household", "", "reviewed", &disposal);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"disposal.record_id"});
  s = Dispose("household", "0000000000000000000000nope", "reviewed", &disposal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
  rpb::LegalHold hold;
  s = Hold(IdOf(early), std::string(4001, 'x'), &hold);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"legal_hold.reason"});
  EXPECT_EQ(Rows("record_disposals"), 0);
  EXPECT_EQ(Rows("legal_holds"), 0);
  EXPECT_EQ(Rows("households"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordsApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace recruitment::testing
