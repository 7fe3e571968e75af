// ImportDecision, GetDecision and ListDecisions over a real port, with a real
// recruitment-svc answering for the households (panel_api_fixture.h).
#include <soci/soci.h>

#include <algorithm>

#include "adoption/events/v1/events.pb.h"
#include "google/protobuf/util/json_util.h"
#include "panel-svc/tests/panel_api_fixture.h"
#include "platform/core/ids.h"

namespace panel {
namespace {

namespace pb = adoption::panel::v1;
namespace rpb = adoption::recruitment::v1;
namespace ev = adoption::events::v1;
using platform::Date;
using platform::Role;
using platform::testing::Authorize;
using platform::testing::PreconditionViolations;
using platform::testing::SetDate;
using platform::testing::ViolatedFields;

class DecisionApiTest : public testing::PanelApiTest {
 protected:
  grpc::Status Import(const pb::ImportDecisionRequest& r, pb::ImportDecisionResponse* out,
                      std::vector<Role> roles = {Role::kManager}) {
    grpc::ClientContext ctx;
    Authorize(ctx, roles);
    return stub_->ImportDecision(&ctx, r, out);
  }

  // The outbox's events, oldest first, as (short type, JSON payload).
  std::vector<std::pair<std::string, std::string>> Outbox() {
    std::vector<std::pair<std::string, std::string>> out;
    EXPECT_TRUE(host_->db()
                    .Read([&](soci::session& sql) {
                      soci::rowset<soci::row> rows = sql.prepare << "SELECT type, payload FROM outbox ORDER BY outbox_pk";
                      for (const auto& row : rows) {
                        const std::string type = row.get<std::string>(0);
                        out.emplace_back(type.substr(type.rfind('.') + 1), row.get<std::string>(1));
                      }
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }
};

TEST_P(DecisionApiTest, AnImportedApprovalIsRecordedOncePublishedWithItsTermsAndReadBack) {
  const std::string household = Household("H1");
  pb::ImportDecisionResponse first;
  grpc::Status s = Import(ApprovalOf(household, "H1/ADM_APPROVAL/2024-09-12"), &first);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(first.result(), adoption::type::v1::IMPORT_RESULT_CREATED);
  const pb::Decision& d = first.decision();
  EXPECT_TRUE(d.imported());
  EXPECT_EQ(d.household(), household);
  EXPECT_EQ(d.panel_date().day(), 5);
  EXPECT_FALSE(d.qualifying_determination());
  EXPECT_EQ(d.determination_state(), pb::DETERMINATION_STATE_UNSPECIFIED);
  EXPECT_EQ(d.approval_terms().max_children(), 2);
  EXPECT_EQ(d.record_info().created_by(), "worker-1");

  auto events = Outbox();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].first, "AdopterApproved");
  ev::AdopterApproved approved;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(events[0].second, &approved).ok()) << events[0].second;
  EXPECT_EQ(approved.household(), household);
  EXPECT_EQ(approved.decision(), d.name());
  EXPECT_EQ(approved.decision_date().month(), 9);
  EXPECT_EQ(approved.min_children(), 1);
  EXPECT_EQ(approved.max_children(), 2);
  EXPECT_EQ(approved.max_age_years(), 6);
  EXPECT_TRUE(approved.sibling_groups());
  EXPECT_TRUE(approved.dual_approval());
  EXPECT_EQ(std::vector<std::string>(approved.ethnicities().begin(), approved.ethnicities().end()),
            std::vector<std::string>{"WBRI"});

  // The same decision again: nothing written, nothing published.
  pb::ImportDecisionResponse again;
  ASSERT_TRUE(Import(ApprovalOf(household, "H1/ADM_APPROVAL/2024-09-12"), &again).ok());
  EXPECT_EQ(again.result(), adoption::type::v1::IMPORT_RESULT_UNCHANGED);
  EXPECT_EQ(again.decision().name(), d.name());
  // Another decision under that id is refused, naming it.
  pb::ImportDecisionResponse other;
  s = Import(ApprovalOf(household, "H1/ADM_APPROVAL/2024-09-12", Date(2024, 9, 13)), &other);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"IMPORT source_id H1/ADM_APPROVAL/2024-09-12"});
  EXPECT_EQ(Rows("decisions"), 1);
  EXPECT_EQ(Outbox().size(), 1u);

  // The decision maker reads it; lists filter by household and kind.
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kDecisionMaker});
    pb::GetDecisionRequest get;
    get.set_name(d.name());
    pb::Decision got;
    ASSERT_TRUE(stub_->GetDecision(&ctx, get, &got).ok());
    EXPECT_EQ(got.approval_terms().ethnicities(0), "WBRI");
    EXPECT_EQ(got.etag(), "1");
  }
  auto list = [&](const std::string& filter) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kPanelAdviser});
    pb::ListDecisionsRequest r;
    r.set_filter(filter);
    pb::ListDecisionsResponse out;
    EXPECT_TRUE(stub_->ListDecisions(&ctx, r, &out).ok()) << filter;
    return out.decisions_size();
  };
  EXPECT_EQ(list(""), 1);
  EXPECT_EQ(list("household = \"" + household + "\""), 1);
  EXPECT_EQ(list("household = \"households/01j00000000000000000000000\""), 0);
  EXPECT_EQ(list("kind = \"DECISION_KIND_ADOPTER_APPROVAL\" AND outcome = \"DECISION_OUTCOME_AGREED\""), 1);
  EXPECT_EQ(list("kind = \"DECISION_KIND_MATCH\""), 0);
  EXPECT_EQ(list("qualifying_determination = true"), 0);
}

TEST_P(DecisionApiTest, AnApprovalOfAHouseholdNotInStageTwoOrUnknownIsRefusedAndWritesNothing) {
  const std::string between_stages = Household("H2", /*stage_two=*/false);
  pb::ImportDecisionResponse out;
  grpc::Status s = Import(ApprovalOf(between_stages, "H2/approval"), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"STATE " + between_stages});
  EXPECT_NE(s.error_message().find("HOUSEHOLD_STATUS_STAGE_ONE_COMPLETED"), std::string::npos) << s.error_message();
  s = Import(ApprovalOf("households/01j00000000000000000000000", "H9/approval"), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"EXISTS households/01j00000000000000000000000"});
  EXPECT_EQ(Rows("decisions"), 0);
  EXPECT_EQ(Rows("outbox"), 0);
}

// The old system often recorded no referral: an imported approval of a household in
// Stage 2 stands (a live one needs recruitment-svc's referral: the agenda tests).
TEST_P(DecisionApiTest, AnImportedApprovalOfAnUnreferredHouseholdInStageTwoStands) {
  const std::string household = Household("H6", /*stage_two=*/true, /*referred=*/false);
  pb::ImportDecisionResponse out;
  grpc::Status s = Import(ApprovalOf(household, "H6/approval"), &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.result(), adoption::type::v1::IMPORT_RESULT_CREATED);
  EXPECT_EQ(Rows("decisions"), 1);
}

TEST_P(DecisionApiTest, BadImportInputNamesEveryFieldAndWritesNothing) {
  const std::string household = Household("H3");
  pb::ImportDecisionRequest r = ApprovalOf(household, "");
  r.mutable_decision()->set_kind(pb::DECISION_KIND_MATCH);
  *r.mutable_decision()->mutable_panel_date() = platform::DateToProto(Date(2024, 9, 20));
  pb::ImportDecisionResponse out;
  grpc::Status s = Import(r, &out);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields = ViolatedFields(s);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"decision.approval_terms", "decision.children", "decision.panel_date",
                                              "source_id"}));
  pb::ImportDecisionRequest review = ApprovalOf(household, "H3/review");
  review.mutable_decision()->set_kind(pb::DECISION_KIND_APPROVAL_REVIEW);
  s = Import(review, &out);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"decision.kind"});

  pb::ImportDecisionRequest no_terms = ApprovalOf(household, "H3/approval");
  no_terms.mutable_decision()->clear_approval_terms();
  *no_terms.mutable_decision()->mutable_decision_date() = platform::DateToProto(clock_.Today() + 1);
  s = Import(no_terms, &out);
  fields = ViolatedFields(s);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"decision.approval_terms", "decision.decision_date"}));
  pb::ImportDecisionRequest odd_date = ApprovalOf(household, "H3/approval");
  SetDate(odd_date.mutable_decision()->mutable_decision_date(), 2024, 2, 30);
  s = Import(odd_date, &out);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"decision.decision_date"});
  EXPECT_EQ(Rows("decisions"), 0);
  EXPECT_EQ(Rows("outbox"), 0);
}

// The decisions on children come with family finding's part of the import: a
// should-be-placed decision, and a match whose household may be a partner agency's
// (recruitment-svc is not asked), each published for family finding to follow.
TEST_P(DecisionApiTest, ImportedDecisionsOnChildrenArePublishedWithoutAskingRecruitment) {
  const std::string child = "children/01j00000000000000000000001";
  pb::ImportDecisionRequest decided;
  decided.set_source_id("C1/SHOBPA_DECISION/2024-05-01");
  pb::Decision* d = decided.mutable_decision();
  d->set_kind(pb::DECISION_KIND_SHOULD_BE_PLACED);
  d->set_outcome(pb::DECISION_OUTCOME_AGREED);
  d->add_children(child);
  *d->mutable_decision_date() = platform::DateToProto(Date(2024, 5, 1));
  StopRecruitment();
  pb::ImportDecisionResponse out;
  ASSERT_TRUE(Import(decided, &out).ok());
  EXPECT_EQ(out.result(), adoption::type::v1::IMPORT_RESULT_CREATED);

  pb::ImportDecisionRequest matched = decided;
  matched.set_source_id("C1/MATCH_DECISION/2024-09-02");
  d = matched.mutable_decision();
  d->set_kind(pb::DECISION_KIND_MATCH);
  d->set_household("households/01j00000000000000000000002");  // recruitment-svc holds no such household
  *d->mutable_decision_date() = platform::DateToProto(Date(2024, 9, 2));
  ASSERT_TRUE(Import(matched, &out).ok());
  EXPECT_EQ(out.decision().children(0), child);
  EXPECT_EQ(Rows("decisions"), 2);
  EXPECT_EQ(Rows("outbox"), 2);  // ShouldBePlacedDecided, MatchAgreed
  ASSERT_TRUE(Import(matched, &out).ok());
  EXPECT_EQ(out.result(), adoption::type::v1::IMPORT_RESULT_UNCHANGED);
  EXPECT_EQ(Rows("outbox"), 2);
}

TEST_P(DecisionApiTest, WhenRecruitmentCannotBeAskedTheImportIsUnavailableAndWritesNothing) {
  const std::string household = Household("H4");
  StopRecruitment();
  pb::ImportDecisionResponse out;
  grpc::Status s = Import(ApprovalOf(household, "H4/approval"), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_NE(s.error_message().find("recruitment-svc"), std::string::npos) << s.error_message();
  EXPECT_EQ(Rows("decisions"), 0);
}

// Not approved on Monday 3 June 2024: the 40 working days for representations ended
// on Monday 29 July, long before today, so the old system's determination was final.
TEST_P(DecisionApiTest, AnOldNonApprovalPastItsWindowIsImportedFinalAndPublishedSo) {
  const std::string household = Household("H5");
  pb::ImportDecisionRequest r = ApprovalOf(household, "H5/not-approved", Date(2024, 6, 3));
  r.mutable_decision()->set_outcome(pb::DECISION_OUTCOME_NOT_AGREED);
  r.mutable_decision()->clear_approval_terms();
  pb::ImportDecisionResponse out;
  ASSERT_TRUE(Import(r, &out).ok());
  EXPECT_TRUE(out.decision().qualifying_determination());
  EXPECT_EQ(out.decision().representations_deadline().month(), 7);
  EXPECT_EQ(out.decision().representations_deadline().day(), 29);
  EXPECT_EQ(out.decision().determination_state(), pb::DETERMINATION_STATE_FINAL);
  auto events = Outbox();
  ASSERT_EQ(events.size(), 1u);
  ev::AdopterNotApproved e;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(events[0].second, &e).ok());
  EXPECT_EQ(events[0].first, "AdopterNotApproved");
  EXPECT_TRUE(e.final());
  EXPECT_EQ(e.household(), household);
}

INSTANTIATE_TEST_SUITE_P(Backends, DecisionApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

// Each reading RPC and each verb on a determination, given what it cannot take, names
// the field (or, for a record not there, NOT_FOUND) and changes nothing.
TEST_P(DecisionApiTest, BadInputToReadsAndDeterminationsNamesTheFieldAndChangesNothing) {
  pb::ImportDecisionResponse imported;
  ASSERT_TRUE(Import(ApprovalOf(Household("BI1"), "BI1/approval"), &imported).ok());
  const pb::Decision& agreed = imported.decision();
  const long long audited = Rows("audit_log");
  auto as = [](Role role) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    Authorize(*ctx, {role});
    return ctx;
  };
  const std::string unknown = "decisions/" + platform::NewId();

  pb::Decision d;
  for (const std::string& name : {std::string(""), std::string("households/x"), std::string("decisions/")}) {
    pb::GetDecisionRequest get;
    get.set_name(name);
    EXPECT_EQ(ViolatedFields(stub_->GetDecision(as(Role::kManager).get(), get, &d)), std::vector<std::string>{"name"})
        << name;
  }
  {
    pb::GetDecisionRequest get;
    get.set_name(unknown);
    EXPECT_EQ(stub_->GetDecision(as(Role::kManager).get(), get, &d).error_code(), grpc::StatusCode::NOT_FOUND);
  }

  pb::ListDecisionsResponse listed;
  for (const std::string& filter : {std::string(R"(colour = "red")"), std::string(R"(kind = "DECISION_KIND_NOPE")"),
                                    std::string(R"(household = "children/c1")"), std::string("kind =")}) {
    pb::ListDecisionsRequest list;
    list.set_filter(filter);
    EXPECT_EQ(ViolatedFields(stub_->ListDecisions(as(Role::kManager).get(), list, &listed)),
              std::vector<std::string>{"filter"})
        << filter;
  }
  {
    pb::ListDecisionsRequest list;
    list.set_page_size(-1);
    EXPECT_EQ(ViolatedFields(stub_->ListDecisions(as(Role::kManager).get(), list, &listed)),
              std::vector<std::string>{"page_size"});
    list.set_page_size(10);
    list.set_page_token("not-a-token");
    EXPECT_EQ(ViolatedFields(stub_->ListDecisions(as(Role::kManager).get(), list, &listed)),
              std::vector<std::string>{"page_token"});
  }

  // Only a proposed non-approval is a qualifying determination.
  {
    pb::FinaliseDeterminationRequest finalise;
    std::vector<std::string> fields =
        ViolatedFields(stub_->FinaliseDetermination(as(Role::kDecisionMaker).get(), finalise, &d));
    std::sort(fields.begin(), fields.end());
    EXPECT_EQ(fields, (std::vector<std::string>{"etag", "name"}));
    finalise.set_name(unknown);
    finalise.set_etag("1");
    EXPECT_EQ(stub_->FinaliseDetermination(as(Role::kDecisionMaker).get(), finalise, &d).error_code(),
              grpc::StatusCode::NOT_FOUND);
    finalise.set_name(agreed.name());
    finalise.set_etag(agreed.etag());
    EXPECT_EQ(stub_->FinaliseDetermination(as(Role::kDecisionMaker).get(), finalise, &d).error_code(),
              grpc::StatusCode::FAILED_PRECONDITION);
  }
  {
    pb::ReconsiderDeterminationRequest reconsider;
    reconsider.set_name(agreed.name());
    reconsider.set_etag(agreed.etag());
    EXPECT_EQ(ViolatedFields(stub_->ReconsiderDetermination(as(Role::kDecisionMaker).get(), reconsider, &d)),
              std::vector<std::string>{"representations_date"});
    SetDate(reconsider.mutable_representations_date(), 2024, 9, 20);
    EXPECT_EQ(stub_->ReconsiderDetermination(as(Role::kDecisionMaker).get(), reconsider, &d).error_code(),
              grpc::StatusCode::FAILED_PRECONDITION);
  }

  // The chair's report needs its period, whole and in order.
  pb::PanelWork work;
  {
    pb::ReportPanelWorkRequest report;
    EXPECT_EQ(stub_->ReportPanelWork(as(Role::kManager).get(), report, &work).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
    SetDate(report.mutable_period()->mutable_first_day(), 2025, 4, 1);
    SetDate(report.mutable_period()->mutable_last_day(), 2025, 3, 31);
    grpc::Status s = stub_->ReportPanelWork(as(Role::kManager).get(), report, &work);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    for (const std::string& field : ViolatedFields(s)) EXPECT_EQ(field.rfind("period", 0), 0u) << field;
  }

  // A recommendation and a case are named under their panel and meeting.
  for (const std::string& name : {std::string("recommendation"), std::string("panels/p/meetings/m/recommendation"),
                                  std::string("panels/p/meetings/m/agendaItems/a")}) {
    pb::GetRecommendationRequest get;
    get.set_name(name);
    pb::Recommendation r;
    EXPECT_EQ(ViolatedFields(stub_->GetRecommendation(as(Role::kManager).get(), get, &r)),
              std::vector<std::string>{"name"})
        << name;
  }
  {
    pb::GetAgendaItemRequest get;
    get.set_name("panels/p/meetings/m");
    pb::AgendaItem item;
    EXPECT_EQ(ViolatedFields(stub_->GetAgendaItem(as(Role::kManager).get(), get, &item)),
              std::vector<std::string>{"name"});
  }

  // Nothing changed: the one decision as it was, its one event, and no read audited.
  pb::GetDecisionRequest get;
  get.set_name(agreed.name());
  ASSERT_TRUE(stub_->GetDecision(as(Role::kManager).get(), get, &d).ok());
  EXPECT_EQ(d.etag(), agreed.etag());
  EXPECT_EQ(d.determination_state(), agreed.determination_state());
  EXPECT_EQ(Rows("decisions"), 1);
  EXPECT_EQ(Rows("outbox"), 1);
  EXPECT_EQ(Rows("audit_log"), audited + 1);  // the read just now
}

}  // namespace
}  // namespace panel
