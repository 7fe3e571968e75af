// A person's disclosure from the panel (docs/records.md, "Disclosure"):
// RecordsService.ExportDisclosure over cases and decisions made through the panel's own
// API — a child's should-be-placed decision with a sibling, the child's match with
// adopters and a case with another family, the adopters' approval — each person's
// cases and decisions with the recommendations on them, the other people they name
// flagged, nothing of another person's, and the export a manager's alone and audited.
#include <google/protobuf/struct.pb.h>
#include <soci/soci.h>

#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "adoption/records/v1/records.grpc.pb.h"
#include "panel-svc/tests/panel_api_fixture.h"
#include "platform/rpc/disclosure.h"
#include "platform/testing/records_client.h"

namespace panel {
namespace {

namespace pb = adoption::panel::v1;
namespace fpb = adoption::familyfinding::v1;
namespace rpb = adoption::records::v1;
using platform::Date;
using platform::Role;
using platform::testing::Authorize;


using platform::testing::Flag;
using platform::testing::FlagsOf;

std::string IdOf(const std::string& name) { return name.substr(name.rfind('/') + 1); }

constexpr char kConflict[] = "Knows the birth grandmother, Mrs Doris Pike, through church";

class CaseDisclosureTest : public testing::PanelCaseTest {
 protected:
  // Siblings placed together by one should-be-placed decision, the first matched with
  // `adopters_` at the meeting of 10 June (recommended, minuted, agreed on 19 June) and
  // also booked there with `others_`, where a member declared a conflict and the case
  // was not heard; each family approved first (imported).
  void SetUp() override {
    testing::PanelCaseTest::SetUp();
    if (IsSkipped()) return;
    adopters_ = Approved("D1");
    others_ = Approved("D2");
    child_ = Child("d-child", fpb::LEGAL_STATUS_PLACEMENT_ORDER);
    sibling_ = Child("d-sibling", fpb::LEGAL_STATUS_PLACEMENT_ORDER);
    ASSERT_TRUE(Decide(OnChildren(pb::DECISION_KIND_SHOULD_BE_PLACED, {child_, sibling_}, "E09000006", "d-sbp"),
                       &placed_)
                    .ok());
    FollowPanel();

    grpc::Status s = Book(Match(adopters_, "d-match"), &match_);
    ASSERT_TRUE(s.ok()) << s.error_message();
    pb::CreateAgendaItemRequest other = Match(others_, "d-other");
    pb::ConflictDeclaration* conflict = other.mutable_agenda_item()->add_conflicts();
    conflict->set_member_id(panel_.members(3).member_id());
    conflict->set_description(kConflict);
    s = Book(other, &other_case_);
    ASSERT_TRUE(s.ok()) << s.error_message();
    Hold(meeting_);
    ASSERT_TRUE(Minute(Recommend(match_, "d-match-rec"), &recommendation_).ok());

    pb::RecordDecisionRequest agree;
    agree.set_request_id("d-match-adm");
    pb::Decision* d = agree.mutable_decision();
    d->set_kind(pb::DECISION_KIND_MATCH);
    d->set_outcome(pb::DECISION_OUTCOME_AGREED);
    *d->mutable_decision_date() = platform::DateToProto(Date(2025, 6, 19));
    d->set_recommendation(recommendation_.name());
    *d->mutable_recommendation_received_date() = platform::DateToProto(Date(2025, 6, 16));
    d->set_household(adopters_);
    d->add_children(child_);
    d->set_reasons("A good match.");
    d->set_decision_maker("Director of Children's Services");
    d->set_decision_maker_local_authority("E09000006");
    s = Decide(agree, &matched_);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // A household referred to panel and approved in the old system (imported here).
  std::string Approved(const std::string& source) {
    const std::string household = Household(source);
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    pb::ImportDecisionResponse out;
    EXPECT_TRUE(stub_->ImportDecision(&ctx, ApprovalOf(household, source + "/ADM"), &out).ok());
    approvals_[household] = out.decision().name();
    FollowPanel();
    return household;
  }

  // A match of `household` with the child, on the meeting of 10 June.
  pb::CreateAgendaItemRequest Match(const std::string& household, const std::string& request_id) {
    pb::CreateAgendaItemRequest r;
    r.set_parent(meeting_.name());
    r.set_request_id(request_id);
    pb::AgendaItem* item = r.mutable_agenda_item();
    item->set_kind(pb::AGENDA_ITEM_KIND_MATCH);
    item->set_household(household);
    item->add_children(child_);
    item->add_papers()->set_kind(pb::PAPER_KIND_CHILD_PERMANENCE_REPORT);
    return r;
  }

  // The export of `subject`, its items by record name; every item a record with its
  // kind, author and time.
  std::map<std::string, rpb::DisclosureItem> Exported(const std::string& subject) {
    rpb::Disclosure out;
    grpc::Status s = platform::testing::RecordsClient(*host_).Export(subject, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(out.subject(), subject);
    EXPECT_EQ(out.source(), "panel");
    std::map<std::string, rpb::DisclosureItem> items;
    for (const rpb::DisclosureItem& item : out.items()) {
      EXPECT_FALSE(item.created_by().empty()) << item.record();
      EXPECT_TRUE(item.has_create_time()) << item.record();
      EXPECT_TRUE(items.emplace(item.record(), item).second) << item.record() << " twice";
    }
    return items;
  }

  // Each of `people`'s text appears in the export only where it is flagged.
  static void OnlyFlagged(const std::map<std::string, rpb::DisclosureItem>& items,
                          const std::vector<std::string>& people) {
    for (const auto& [record, item] : items) {
      std::set<std::string> flagged;
      for (const auto& [field, text, whose] : FlagsOf(item)) flagged.insert(field);
      const std::map<std::string, std::string> texts = platform::testing::TextsOf(item);
      for (const auto& [path, text] : texts) {
        for (const std::string& person : people) {
          if (text.find(person) != std::string::npos) {
            EXPECT_TRUE(flagged.count(path)) << record << " " << path;
          }
        }
      }
    }
  }

  long long Audited(const std::string& type, const std::string& id) {
    return platform::testing::ExportsAudited(host_->db(), type, id);
  }
  std::string adopters_, others_, child_, sibling_;
  std::map<std::string, std::string> approvals_;  // household -> its approval decision
  pb::Decision placed_, matched_;
  pb::AgendaItem match_, other_case_;
  pb::Recommendation recommendation_;
};

TEST_P(CaseDisclosureTest, AChildsCasesAndDecisionsAreDisclosedWithTheOtherPeopleTheyNameFlagged) {
  const std::map<std::string, rpb::DisclosureItem> items = Exported(child_);
  std::map<std::string, std::string> kinds;
  for (const auto& [record, item] : items) kinds[record] = item.record_type();
  // The should-be-placed decision, both cases, the recommendation on the one heard, and
  // the match decision; neither family's approval.
  EXPECT_EQ(kinds, (std::map<std::string, std::string>{{placed_.name(), "decision"},
                                                       {match_.name(), "agenda_item"},
                                                       {recommendation_.name(), "recommendation"},
                                                       {matched_.name(), "decision"},
                                                       {other_case_.name(), "agenda_item"}}));
  ASSERT_EQ(items.size(), 5u);
  // As GetDecision and GetAgendaItem answer them.
  EXPECT_EQ(platform::TextAt(items.at(matched_.name()).content(), "household"), adopters_);
  EXPECT_EQ(platform::TextAt(items.at(matched_.name()).content(), "reasons"), "A good match.");
  EXPECT_EQ(platform::TextAt(items.at(recommendation_.name()).content(), "reasons"),
            "Warm, reflective applicants; a strong support network.");
  EXPECT_EQ(items.at(matched_.name()).created_by(), "worker-1");

  // The sibling is another child; the family not matched with the child other people,
  // and so is what a member declared about their own connections. The child and the
  // adopters they were matched with are the child's own.
  EXPECT_EQ(FlagsOf(items.at(placed_.name())), (std::vector<Flag>{{"children[1]", sibling_, "another child"}}));
  EXPECT_TRUE(FlagsOf(items.at(match_.name())).empty());
  EXPECT_TRUE(FlagsOf(items.at(matched_.name())).empty());
  EXPECT_TRUE(FlagsOf(items.at(recommendation_.name())).empty());
  EXPECT_EQ(FlagsOf(items.at(other_case_.name())),
            (std::vector<Flag>{{"household", others_, "prospective adopters"},
                               {"conflicts[0].description", kConflict, "panel member's conflict"}}));
  OnlyFlagged(items, {sibling_, others_, "Doris Pike"});
  EXPECT_EQ(Audited("child", IdOf(child_)), 1);
  EXPECT_EQ(Audited("child", IdOf(sibling_)), 0);
}

TEST_P(CaseDisclosureTest, AdoptersCasesAndDecisionsAreDisclosedWithTheChildrenTheyNameFlagged) {
  const std::map<std::string, rpb::DisclosureItem> items = Exported(adopters_);
  std::map<std::string, std::string> kinds;
  for (const auto& [record, item] : items) kinds[record] = item.record_type();
  // Their approval, the match with its recommendation and decision; not the children's
  // should-be-placed decision, nor the other family's case or approval.
  EXPECT_EQ(kinds, (std::map<std::string, std::string>{{approvals_.at(adopters_), "decision"},
                                                       {match_.name(), "agenda_item"},
                                                       {recommendation_.name(), "recommendation"},
                                                       {matched_.name(), "decision"}}));
  EXPECT_TRUE(FlagsOf(items.at(approvals_.at(adopters_))).empty());
  EXPECT_EQ(FlagsOf(items.at(match_.name())), (std::vector<Flag>{{"children[0]", child_, "another child"}}));
  EXPECT_EQ(FlagsOf(items.at(matched_.name())), (std::vector<Flag>{{"children[0]", child_, "another child"}}));
  OnlyFlagged(items, {child_, sibling_, others_, "Doris Pike"});
  EXPECT_EQ(Audited("household", IdOf(adopters_)), 1);
}

TEST_P(CaseDisclosureTest, OnlyAManagerExportsAPersonNamedAsOne) {
  rpb::Disclosure out;
  grpc::Status s = platform::testing::RecordsClient(*host_).Export("people/1", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(platform::testing::ViolatedFields(s), std::vector<std::string>{"subject"});

  auto records = rpb::RecordsService::NewStub(platform::testing::ChannelTo(*host_));
  rpb::ExportDisclosureRequest r;
  r.set_subject(child_);
  for (Role role : {Role::kPanelAdviser, Role::kDecisionMaker}) {
    grpc::ClientContext ctx;
    Authorize(ctx, {role});
    EXPECT_EQ(records->ExportDisclosure(&ctx, r, &out).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  }
  EXPECT_EQ(Audited("child", IdOf(child_)), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseDisclosureTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace panel
