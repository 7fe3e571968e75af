// The API in-process over a real gRPC port, on SQLite (unit) and MariaDB (integration).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "letterbox-svc/tests/letterbox_api_fixture.h"

namespace letterbox {
namespace {

using namespace letterbox::testing;  // NOLINT: the fixture's requests
using platform::testing::ViolatedFields;

TEST_P(LetterboxApiTest, ACreatedArrangementCanBeReadBack) {
  pb::ContactArrangement created;
  ASSERT_TRUE(Create(ValidCreate("r-1"), &created).ok());
  EXPECT_EQ(created.status(), pb::ARRANGEMENT_STATUS_ACTIVE);
  EXPECT_EQ(created.etag(), "1");
  EXPECT_EQ(created.record_info().created_by(), "worker-1");
  ASSERT_EQ(created.parties_size(), 2);
  EXPECT_FALSE(created.parties(0).party_id().empty());
  EXPECT_NE(created.parties(0).party_id(), created.parties(1).party_id());
  // The child's 18th birthday (29 February 2020 -> 1 March 2038) and a review a year on.
  EXPECT_EQ(created.end_date().year(), 2038);
  EXPECT_EQ(created.end_date().month(), 3);
  EXPECT_EQ(created.end_date().day(), 1);
  EXPECT_EQ(created.next_review_date().year(), 2026);
  EXPECT_EQ(created.next_review_date().month(), 4);
  EXPECT_EQ(created.next_review_date().day(), 1);
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  pb::GetContactArrangementRequest get;
  get.set_name(created.name());
  pb::ContactArrangement got;
  ASSERT_TRUE(stub_->GetContactArrangement(&ctx, get, &got).ok());
  EXPECT_EQ(got.parties(1).display_name(), "Kelly");
  EXPECT_EQ(got.parties(1).party_id(), created.parties(1).party_id());
  EXPECT_EQ(got.exchange_months_size(), 1);
  EXPECT_EQ(got.frequency(), pb::CONTACT_FREQUENCY_YEARLY);
  EXPECT_TRUE(got.two_way());
  // Create and read are both audited; the create wrote one event, without parties.
  EXPECT_EQ(Rows("audit_log"), 2);
  EXPECT_EQ(Rows("outbox"), 1);
  std::string type, payload;
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) {
                    sql << "SELECT type, payload FROM outbox", soci::into(type), soci::into(payload);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(type, "adoption.events.v1.ContactArrangementCreated");
  EXPECT_NE(payload.find("INDIRECT"), std::string::npos) << payload;
  EXPECT_EQ(payload.find("Kelly"), std::string::npos) << payload;
}

TEST_P(LetterboxApiTest, AStoredFrequencyNotInTheTableIsDataLossNotADefault) {
  pb::ContactArrangement created;
  ASSERT_TRUE(Create(ValidCreate("r-corrupt"), &created).ok());
  ASSERT_TRUE(host_->db()
                  .Transaction([](soci::session& tx) {
                    tx << "UPDATE contact_arrangements SET frequency = 'WHENEVER'";
                    return absl::OkStatus();
                  })
                  .ok());
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  pb::GetContactArrangementRequest get;
  get.set_name(created.name());
  pb::ContactArrangement got;
  grpc::Status status = stub_->GetContactArrangement(&ctx, get, &got);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DATA_LOSS) << status.error_message();
  EXPECT_EQ(status.error_message().find("WHENEVER"), std::string::npos);
}

TEST_P(LetterboxApiTest, ARetriedCreateReturnsTheFirstResult) {
  pb::ContactArrangement first, second;
  ASSERT_TRUE(Create(ValidCreate("same"), &first).ok());
  ASSERT_TRUE(Create(ValidCreate("same"), &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(first.parties(0).party_id(), second.parties(0).party_id());
  EXPECT_EQ(Rows("contact_arrangements"), 1);
  EXPECT_EQ(Rows("contact_arrangement_parties"), 2);
  EXPECT_EQ(Rows("outbox"), 1);
}

TEST_P(LetterboxApiTest, BadInputNamesEveryFieldAndWritesNothing) {
  auto r = ValidCreate("");
  auto* a = r.mutable_contact_arrangement();
  a->set_child("");
  a->clear_child_date_of_birth();
  a->set_local_authority("nowhere");
  a->set_kind(pb::CONTACT_KIND_UNSPECIFIED);
  a->mutable_parties(1)->set_role(pb::PARTY_ROLE_UNSPECIFIED);
  a->add_exchange_months(13);
  a->clear_start_date();
  SetDate(a->mutable_end_date(), 2030, 2, 30);
  pb::ContactArrangement out;
  grpc::Status s = Create(r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s),
            (std::vector<std::string>{"request_id", "contact_arrangement.start_date", "contact_arrangement.end_date",
                                      "contact_arrangement.child", "contact_arrangement.local_authority",
                                      "contact_arrangement.kind", "contact_arrangement.parties[1].role",
                                      "contact_arrangement.parties", "contact_arrangement.exchange_months[1]"}));
  EXPECT_EQ(Rows("contact_arrangements"), 0);
  EXPECT_EQ(Rows("contact_arrangement_parties"), 0);
  EXPECT_EQ(Rows("contact_arrangement_months"), 0);
  EXPECT_EQ(Rows("outbox"), 0);
  EXPECT_EQ(Rows("create_requests"), 0);
  // Months that do not match the frequency, and an end before the start.
  r = ValidCreate("months");
  r.mutable_contact_arrangement()->set_frequency(pb::CONTACT_FREQUENCY_TWICE_YEARLY);
  SetDate(r.mutable_contact_arrangement()->mutable_end_date(), 2025, 3, 1);
  EXPECT_EQ(ViolatedFields(Create(r, &out)),
            (std::vector<std::string>{"contact_arrangement.exchange_months", "contact_arrangement.end_date"}));
  EXPECT_EQ(Rows("contact_arrangements"), 0);
}

TEST_P(LetterboxApiTest, NoTokenIsUnauthenticatedAndAWrongRoleIsDenied) {
  pb::ContactArrangement out;
  EXPECT_EQ(Create(ValidCreate("a"), &out, {}).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Create(ValidCreate("b"), &out, {Role::kBirthRelative}).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Create(ValidCreate("c"), &out, {Role::kAdopter}).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Create(ValidCreate("d"), &out, {Role::kSupportWorker}).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer not-a-jwt");
  EXPECT_EQ(stub_->CreateContactArrangement(&ctx, ValidCreate("e"), &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Rows("contact_arrangements"), 0);
  EXPECT_EQ(Rows("audit_log"), 5);  // refusals are audited
}

TEST_P(LetterboxApiTest, AMissingOrMalformedNameIsReported) {
  pb::GetContactArrangementRequest get;
  get.set_name("contactArrangements/" + std::string(26, '0'));
  pb::ContactArrangement out;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kLetterboxCoordinator});
    EXPECT_EQ(stub_->GetContactArrangement(&ctx, get, &out).error_code(), grpc::StatusCode::NOT_FOUND);
  }
  get.set_name("contactArrangements/../x");
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kLetterboxCoordinator});
  grpc::Status s = stub_->GetContactArrangement(&ctx, get, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"name"});
}

TEST_P(LetterboxApiTest, UpdateChangesOnlyMaskedFieldsAndRejectsAStaleEtag) {
  pb::ContactArrangement a;
  ASSERT_TRUE(Create(ValidCreate("u"), &a).ok());
  pb::UpdateContactArrangementRequest up;
  *up.mutable_contact_arrangement() = a;
  up.mutable_contact_arrangement()->set_status(pb::ARRANGEMENT_STATUS_ON_HOLD);
  up.mutable_contact_arrangement()->set_two_way(false);  // not in the mask: ignored
  up.mutable_update_mask()->add_paths("status");
  pb::ContactArrangement updated;
  // On hold needs a reason; nothing is written without one.
  grpc::Status s = Update(up, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"contact_arrangement.status_reason"});
  EXPECT_EQ(Rows("contact_arrangement_history"), 0);
  up.mutable_contact_arrangement()->set_status_reason("Birth mother asked for a pause");
  up.mutable_update_mask()->add_paths("status_reason");
  ASSERT_TRUE(Update(up, &updated).ok());
  EXPECT_EQ(updated.status(), pb::ARRANGEMENT_STATUS_ON_HOLD);
  EXPECT_EQ(updated.status_reason(), "Birth mother asked for a pause");
  EXPECT_TRUE(updated.two_way());
  EXPECT_EQ(updated.etag(), "2");
  EXPECT_EQ(Rows("contact_arrangement_history"), 1);

  // etag 1 is stale now.
  EXPECT_EQ(Update(up, &updated).error_code(), grpc::StatusCode::ABORTED);

  // Vary the parties: existing ones keep their ids, a new one gets its own.
  *up.mutable_contact_arrangement() = updated;
  auto* nan = up.mutable_contact_arrangement()->add_parties();
  nan->set_role(pb::PARTY_ROLE_GRANDPARENT);
  nan->set_display_name("Nan");
  up.mutable_update_mask()->Clear();
  up.mutable_update_mask()->add_paths("parties");
  ASSERT_TRUE(Update(up, &updated).ok());
  ASSERT_EQ(updated.parties_size(), 3);
  EXPECT_EQ(updated.parties(0).party_id(), a.parties(0).party_id());
  EXPECT_EQ(updated.parties(1).party_id(), a.parties(1).party_id());
  EXPECT_FALSE(updated.parties(2).party_id().empty());
  EXPECT_EQ(Rows("contact_arrangement_parties"), 2 + 2 + 3);  // superseded, not deleted

  // A party id from elsewhere is refused.
  *up.mutable_contact_arrangement() = updated;
  up.mutable_contact_arrangement()->mutable_parties(2)->set_party_id("01jz0000000000000000000000");
  s = Update(up, &updated);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"contact_arrangement.parties[2].party_id"});

  // Ended is final.
  up.mutable_contact_arrangement()->set_status(pb::ARRANGEMENT_STATUS_ENDED);
  up.mutable_contact_arrangement()->set_status_reason("Varied on review");
  up.mutable_update_mask()->Clear();
  up.mutable_update_mask()->add_paths("status");
  up.mutable_update_mask()->add_paths("status_reason");
  ASSERT_TRUE(Update(up, &updated).ok());
  up.mutable_contact_arrangement()->set_etag(updated.etag());
  up.mutable_contact_arrangement()->set_status(pb::ARRANGEMENT_STATUS_ACTIVE);
  EXPECT_EQ(Update(up, &updated).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // Unknown paths in the mask are refused.
  up.mutable_update_mask()->set_paths(0, "start_date");
  s = Update(up, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"update_mask"});
}

// Reviewed on the clock's day (pinned to 20 June 2025): the next review is due
// within the interval (12 months, config/statutory.tsv) from then, not from the
// machine's day.
TEST_P(LetterboxApiTest, SettingTheNextReviewSchedulesItWithinTheInterval) {
  clock_.Set(platform::Date(2025, 6, 20));
  pb::ContactArrangement a;
  ASSERT_TRUE(Create(ValidCreate("review"), &a).ok());
  pb::UpdateContactArrangementRequest up;
  *up.mutable_contact_arrangement() = a;
  up.mutable_contact_arrangement()->clear_next_review_date();  // reviewed today: the latest next review
  up.mutable_update_mask()->add_paths("next_review_date");
  pb::ContactArrangement updated;
  ASSERT_TRUE(Update(up, &updated).ok());
  EXPECT_EQ(updated.next_review_date().year(), 2026);
  EXPECT_EQ(updated.next_review_date().month(), 6);
  EXPECT_EQ(updated.next_review_date().day(), 20);
  *up.mutable_contact_arrangement() = updated;
  SetDate(up.mutable_contact_arrangement()->mutable_next_review_date(), 2026, 6, 21);
  EXPECT_EQ(ViolatedFields(Update(up, &updated)), std::vector<std::string>{"contact_arrangement.next_review_date"});
  // A day later, that day is within the interval.
  clock_.Set(platform::Date(2025, 6, 21));
  ASSERT_TRUE(Update(up, &updated).ok());
  EXPECT_EQ(updated.next_review_date().day(), 21);
}

TEST_P(LetterboxApiTest, ListPagesAndFilters) {
  std::vector<std::string> names;
  for (int i = 0; i < 3; ++i) {
    pb::ContactArrangement out;
    auto r = ValidCreate("l" + std::to_string(i));
    if (i == 2) {
      r.mutable_contact_arrangement()->set_local_authority("E08000018");
      r.mutable_contact_arrangement()->set_kind(pb::CONTACT_KIND_DIRECT);
      r.mutable_contact_arrangement()->set_child("LA-REF-2291");
    }
    ASSERT_TRUE(Create(r, &out).ok());
    names.push_back(out.name());
  }
  pb::ListContactArrangementsRequest list;
  list.set_page_size(2);
  pb::ListContactArrangementsResponse page;
  ASSERT_TRUE(List(list, &page).ok());
  ASSERT_EQ(page.contact_arrangements_size(), 2);
  EXPECT_EQ(page.contact_arrangements(0).name(), names[0]);  // oldest first
  ASSERT_FALSE(page.next_page_token().empty());
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(List(list, &page).ok());
  ASSERT_EQ(page.contact_arrangements_size(), 1);
  EXPECT_EQ(page.contact_arrangements(0).name(), names[2]);
  EXPECT_TRUE(page.next_page_token().empty());

  pb::ListContactArrangementsRequest filtered;
  filtered.set_filter(
      "local_authority = \"E08000018\" AND kind = CONTACT_KIND_DIRECT AND status = \"ARRANGEMENT_STATUS_ACTIVE\" "
      "AND frequency = CONTACT_FREQUENCY_YEARLY AND child = \"LA-REF-2291\"");
  ASSERT_TRUE(List(filtered, &page).ok());
  ASSERT_EQ(page.contact_arrangements_size(), 1);
  EXPECT_EQ(page.contact_arrangements(0).name(), names[2]);
  filtered.set_filter("kind = CONTACT_KIND_INDIRECT");
  ASSERT_TRUE(List(filtered, &page).ok());
  EXPECT_EQ(page.contact_arrangements_size(), 2);

  filtered.set_filter("parties = \"x\"");
  grpc::Status s = List(filtered, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"filter"});
  filtered.set_filter("status = ENDED");
  EXPECT_EQ(List(filtered, &page).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// Every RPC of the service x every role: allowed exactly when the policy says so;
// the exchange RPCs declared for later issues answer UNIMPLEMENTED.
TEST_P(LetterboxApiTest, EveryRpcAndRoleFollowsThePolicyTable) {
  EXPECT_EQ(platform::testing::PolicyMismatches(host_->port(), "adoption.letterbox.v1.LetterboxService", Policies()),
            std::vector<std::string>{});
  EXPECT_EQ(Rows("contact_arrangements"), 0);
}

// An arrangement's parties are among its scope keys: a List by party finds only the
// arrangements that party is on (the families' own reads come with issue 16).
TEST_P(LetterboxApiTest, AListByPartyHoldsOnlyThatPartysArrangements) {
  auto mine = ValidCreate("with-account");
  mine.mutable_contact_arrangement()->mutable_parties(1)->set_account("birth-mother-7");
  pb::ContactArrangement a, b;
  ASSERT_TRUE(Create(mine, &a).ok());
  ASSERT_TRUE(Create(ValidCreate("without"), &b).ok());
  ArrangementQuery query;
  query.coverage.party = "birth-mother-7";
  std::vector<ContactArrangement> found;
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) {
                    found = store_.List(sql, query);
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ("contactArrangements/" + found[0].id, a.name());
  query.coverage.party = "someone-else";
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) {
                    found = store_.List(sql, query);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_TRUE(found.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, LetterboxApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

// Each domain value is the contract value of its name: the number mapping
// (domain = contract - 1) is proved, not assumed.
TEST(ContactArrangementMapping, EachDomainValueIsTheContractValueOfItsName) {
  using platform::testing::EnumMismatches;
  const std::vector<std::string> none;
  EXPECT_EQ(EnumMismatches(pb::ContactKind_descriptor(), {ContactKind::kIndirect, ContactKind::kDirect}, KindName),
            none);
  using R = PartyRole;
  EXPECT_EQ(EnumMismatches(pb::PartyRole_descriptor(),
                           {R::kAdoptiveFamily, R::kBirthMother, R::kBirthFather, R::kGrandparent, R::kSibling,
                            R::kOtherRelative},
                           RoleName),
            none);
  using F = ContactFrequency;
  EXPECT_EQ(EnumMismatches(pb::ContactFrequency_descriptor(),
                           {F::kYearly, F::kTwiceYearly, F::kThreeTimesYearly, F::kQuarterly, F::kMonthly, F::kOther},
                           FrequencyName),
            none);
  using S = ArrangementStatus;
  EXPECT_EQ(EnumMismatches(pb::ArrangementStatus_descriptor(), {S::kActive, S::kOnHold, S::kEnded, S::kPlanned},
                           StatusName),
            none);
}

}  // namespace
}  // namespace letterbox
