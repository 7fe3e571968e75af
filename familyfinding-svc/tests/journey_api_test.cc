// The journey over a real gRPC port, on SQLite (unit) and MariaDB (integration):
// RecordMilestone, panel-svc's decisions through PanelEventHandlers, the events the
// milestones publish, ImportChild, ImportPartnerHousehold and ReportScorecard.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <set>
#include <utility>
#include <string>
#include <vector>

#include "adoption/events/v1/events.pb.h"
#include "adoption/records/v1/records.grpc.pb.h"
#include "familyfinding-svc/api/child_disclosure.h"
#include "familyfinding-svc/api/child_mapping.h"
#include "familyfinding-svc/api/child_records.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/api/household_events.h"
#include "familyfinding-svc/api/panel_events.h"
#include "google/protobuf/util/json_util.h"
#include "platform/core/ids.h"
#include "platform/rpc/proto_convert.h"
#include "platform/testing/records_client.h"
#include "platform/testing/testing.h"

namespace familyfinding {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

namespace pb = adoption::familyfinding::v1;
namespace ev = adoption::events::v1;
using adoption::type::v1::IMPORT_RESULT_CREATED;
using adoption::type::v1::IMPORT_RESULT_EXTENDED;
using adoption::type::v1::IMPORT_RESULT_UNCHANGED;
using platform::Date;
using platform::Role;
using platform::testing::Authorize;
using platform::testing::PreconditionViolations;
using platform::testing::SetDate;
using platform::testing::ViolatedFields;

Date DayOf(const adoption::type::v1::Date& d) { return Date(d.year(), d.month(), d.day()); }
std::string Household(const std::string& id) { return "households/" + id; }
std::string IdOf(const std::string& child_name) { return child_name.substr(std::string("children/").size()); }

pb::Milestone MilestoneOf(pb::MilestoneKind kind, Date date, const std::string& household = "") {
  pb::Milestone m;
  m.set_kind(kind);
  *m.mutable_date() = platform::DateToProto(date);
  if (!household.empty()) m.set_household(household);
  return m;
}

// A child in care since `entered` (born `born`), in the care of Rotherham unless told.
pb::Child ChildDetailsOf(Date born, Date entered, const std::string& la = "E08000018",
                         pb::Sex sex = pb::SEX_FEMALE) {
  pb::Child c;
  c.set_given_name("Amy");
  c.set_family_name("Jones");
  c.set_local_authority(la);
  *c.mutable_date_of_birth() = platform::DateToProto(born);
  c.set_sex(sex);
  c.set_ethnicity("WHITE_BRITISH");
  c.set_legal_status(pb::LEGAL_STATUS_CARE_ORDER);
  *c.mutable_entered_care_date() = platform::DateToProto(entered);
  return c;
}

// A child adopted through imported history, the decision and the match arriving from
// panel-svc's log in between (ImportChild refuses them), as the old system's
// children come in.
struct Adopted {
  std::string source_id, la;
  pb::Sex sex;
  Date born, entered, referral, decision, placement_order, match, placed, applied, adopted;
};

class JourneyApiTest : public platform::testing::ApiTest<pb::FamilyFindingService> {
 protected:
  JourneyApiTest() : ApiTest("familyfinding", Migrations()) {}
  std::unique_ptr<grpc::Service> MakeService(platform::ServiceHost& host) override {
    records_ = std::make_unique<ChildRecords>(&children_, &platform::StatutoryTable::Defaults());
    host.KeepRecords({records_.get()}, &clock_);
    disclosure_ = std::make_unique<FamilyFindingDisclosure>(&children_, &profiles_,
                                                            &platform::StatutoryTable::Defaults(), &clock_);
    host.DiscloseFrom({disclosure_.get()});
    return std::make_unique<FamilyFindingApi>(host.Runner(&Policies()), &host.db(), &clock_,
                                              &platform::StatutoryTable::Defaults(), &children_, &profiles_);
  }

  Date Today() const { return clock_.Today(); }

  // A child created live: born two and a half years ago, in care from six months old
  // (relative to today, so the dates never go stale).
  pb::Child CreateLive(const std::string& request_id, bool early_permanence = false,
                       const std::string& sibling_group = "") {
    pb::CreateChildRequest r;
    r.set_request_id(request_id);
    *r.mutable_child() = ChildDetailsOf(Today() - 913, Today() - 913 + 182);
    r.mutable_child()->set_early_permanence(early_permanence);
    if (!sibling_group.empty()) {
      r.mutable_child()->set_sibling_group(sibling_group);
      r.mutable_child()->set_sibling_placement(pb::SIBLING_PLACEMENT_TOGETHER);
    }
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kChildsSocialWorker});
    pb::Child out;
    grpc::Status s = stub_->CreateChild(&ctx, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  pb::Child Get(const std::string& name) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    pb::GetChildRequest r;
    r.set_name(name);
    pb::Child out;
    grpc::Status s = stub_->GetChild(&ctx, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Record(const std::string& child, const pb::Milestone& m, const std::string& request_id,
                      pb::Child* out) {
    pb::RecordMilestoneRequest r;
    r.set_child(child);
    *r.mutable_milestone() = m;
    r.set_request_id(request_id);
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    return stub_->RecordMilestone(&ctx, r, out);
  }
  // Records a milestone that must be accepted; returns the child after it.
  pb::Child RecordOk(const std::string& child, const pb::Milestone& m) {
    pb::Child out;
    grpc::Status s = Record(child, m, "r-" + platform::NewId(), &out);
    EXPECT_TRUE(s.ok()) << pb::MilestoneKind_Name(m.kind()) << ": " << s.error_message();
    return out;
  }

  grpc::Status Import(const pb::ImportChildRequest& r, pb::ImportChildResponse* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    return stub_->ImportChild(&ctx, r, out);
  }
  grpc::Status ImportPartner(const pb::ImportPartnerHouseholdRequest& r, pb::ImportPartnerHouseholdResponse* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    return stub_->ImportPartnerHousehold(&ctx, r, out);
  }
  grpc::Status Scorecard(const pb::ReportScorecardRequest& r, pb::Scorecard* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    return stub_->ReportScorecard(&ctx, r, out);
  }

  // One event of panel-svc's log applied as its consumer would: the handler inside a
  // transaction of this service's database.
  absl::Status Apply(long long sequence, const google::protobuf::Message& event) {
    ev::EventRecord record;
    record.set_sequence(sequence);
    record.set_event_id(platform::NewId());
    record.set_event_type(event.GetDescriptor()->full_name());
    record.set_request_id("panel-" + std::to_string(sequence));
    record.mutable_payload()->PackFrom(event);
    auto handlers = PanelEventHandlers(&children_, &profiles_, &platform::StatutoryTable::Defaults(), &clock_);
    return host_->db().Transaction(
        [&](soci::session& tx) { return handlers.at(record.event_type())(tx, record); });
  }
  // recruitment-svc's log, applied as family finding's consumer would: a household
  // registered in `la`, and its move to APPROVED carrying its terms (one child aged
  // `min_age` to `max_age`, White British).
  std::string Registered(long long sequence, const std::string& la) {
    const std::string id = platform::NewId();
    ev::HouseholdRegistered e;
    e.set_household("households/" + id);
    e.set_home_local_authority(la);
    e.set_family_structure("FAMILY_STRUCTURE_SINGLE");
    *e.mutable_enquiry_date() = platform::DateToProto(Today() - 800);
    EXPECT_TRUE(ApplyHouseholdEvent(sequence, e).ok());
    return "households/" + id;
  }
  absl::Status Moved(long long sequence, const std::string& household, const std::string& to,
                     const ev::AdopterApproved* approval, Date on) {
    ev::HouseholdStatusChanged e;
    e.set_household(household);
    e.set_from_status("HOUSEHOLD_STATUS_AWAITING_PANEL");
    e.set_to_status(to);
    *e.mutable_effective_date() = platform::DateToProto(on);
    if (approval) *e.mutable_approval() = *approval;
    return ApplyHouseholdEvent(sequence, e);
  }
  absl::Status Approve(long long sequence, const std::string& household, int min_age, int max_age, Date on) {
    ev::AdopterApproved e;
    e.set_household(household);
    *e.mutable_decision_date() = platform::DateToProto(on);
    e.set_min_children(1);
    e.set_max_children(1);
    e.set_min_age_years(min_age);
    e.set_max_age_years(max_age);
    e.add_ethnicities("WHITE_BRITISH");
    return Moved(sequence, household, "HOUSEHOLD_STATUS_APPROVED", &e, on);
  }
  absl::Status ApplyHouseholdEvent(long long sequence, const google::protobuf::Message& event) {
    ev::EventRecord record;
    record.set_sequence(sequence);
    record.set_event_type(event.GetDescriptor()->full_name());
    record.mutable_payload()->PackFrom(event);
    auto handlers = HouseholdEventHandlers(&profiles_, &clock_);
    return host_->db().Transaction([&](soci::session& tx) { return handlers.at(record.event_type())(tx, record); });
  }

  absl::Status Decide(long long sequence, const std::string& child, Date day) {
    ev::ShouldBePlacedDecided e;
    e.set_child(child);
    *e.mutable_decision_date() = platform::DateToProto(day);
    return Apply(sequence, e);
  }
  absl::Status Match(long long sequence, const std::vector<std::string>& children, const std::string& household,
                     Date day) {
    ev::MatchAgreed e;
    for (const auto& c : children) e.add_children(c);
    e.set_household(household);
    *e.mutable_decision_date() = platform::DateToProto(day);
    return Apply(sequence, e);
  }

  // The payloads of the outbox rows of `type` about the child, oldest first.
  std::vector<std::string> Payloads(const std::string& type, const std::string& child_name) {
    std::vector<std::string> out;
    const std::string id = IdOf(child_name);
    EXPECT_TRUE(host_->db()
                    .Read([&](soci::session& sql) {
                      soci::rowset<soci::row> rows =
                          (sql.prepare << "SELECT payload FROM outbox WHERE type = :t AND aggregateid = :a "
                                          "ORDER BY outbox_pk",
                           soci::use(type), soci::use(id));
                      for (const auto& row : rows) out.push_back(row.get<std::string>(0));
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }
  // The events of type Event the outbox holds about the child, read back from the
  // rows' JSON payloads.
  template <typename Event>
  std::vector<Event> Published(const std::string& child_name) {
    std::vector<Event> out;
    for (const std::string& payload : Payloads(Event::descriptor()->full_name(), child_name)) {
      Event e;
      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(payload, &e).ok()) << payload;
      out.push_back(e);
    }
    return out;
  }

  // Imports `a`'s journey; returns the child's name.
  std::string ImportAdopted(const Adopted& a, long long& sequence) {
    const std::string household = Household(platform::NewId());
    pb::ImportChildRequest r;
    r.set_source_id(a.source_id);
    *r.mutable_child() = ChildDetailsOf(a.born, a.entered, a.la, a.sex);
    *r.add_milestones() = MilestoneOf(pb::MILESTONE_KIND_FAMILY_FINDING_REFERRAL, a.referral);
    pb::ImportChildResponse out;
    grpc::Status s = Import(r, &out);
    EXPECT_EQ(out.result(), IMPORT_RESULT_CREATED) << s.error_message();
    const std::string name = out.child().name();
    EXPECT_TRUE(Decide(++sequence, name, a.decision).ok());
    auto order = MilestoneOf(pb::MILESTONE_KIND_PLACEMENT_ORDER, a.placement_order);
    const bool matched_first = a.match < a.placement_order;
    if (matched_first) {
      EXPECT_TRUE(Match(++sequence, {name}, household, a.match).ok());
    }
    *r.add_milestones() = order;
    s = Import(r, &out);
    EXPECT_EQ(out.result(), IMPORT_RESULT_EXTENDED) << s.error_message();
    if (!matched_first) {
      EXPECT_TRUE(Match(++sequence, {name}, household, a.match).ok());
    }
    *r.add_milestones() = MilestoneOf(pb::MILESTONE_KIND_PLACED, a.placed, household);
    *r.add_milestones() = MilestoneOf(pb::MILESTONE_KIND_ADOPTION_APPLICATION, a.applied);
    *r.add_milestones() = MilestoneOf(pb::MILESTONE_KIND_ADOPTION_ORDER, a.adopted);
    s = Import(r, &out);
    EXPECT_EQ(out.result(), IMPORT_RESULT_EXTENDED) << s.error_message();
    EXPECT_EQ(out.child().status(), pb::FAMILY_FINDING_STATUS_ADOPTED) << a.source_id;
    EXPECT_EQ(out.child().milestones_size(), 7) << a.source_id;
    return name;
  }

  platform::FixedClock clock_{platform::Today()};
  ChildStore children_;
  HouseholdProfileStore profiles_;
  std::unique_ptr<FamilyFindingDisclosure> disclosure_;
  std::unique_ptr<ChildRecords> records_;
};

// --- RecordMilestone ----------------------------------------------------------

TEST_P(JourneyApiTest, RecordMilestoneFollowsTheDecisionFromPanelAndPublishesThePlacementOrder) {
  const Date today = Today();
  pb::Child child = CreateLive("live");
  ASSERT_FALSE(child.name().empty());
  ASSERT_EQ(child.legal_status(), pb::LEGAL_STATUS_CARE_ORDER);

  // The decision maker's decision arrives from panel-svc's log.
  ASSERT_TRUE(Decide(1, child.name(), today - 60).ok());
  pb::Child decided = Get(child.name());
  ASSERT_EQ(decided.milestones_size(), 1);
  EXPECT_EQ(decided.milestones(0).kind(), pb::MILESTONE_KIND_SHOULD_BE_PLACED_DECISION);
  EXPECT_EQ(decided.milestones(0).origin(), pb::MILESTONE_ORIGIN_PANEL);
  EXPECT_EQ(decided.milestones(0).record_info().created_by(), "panel-svc");
  ASSERT_TRUE(decided.has_should_be_placed_decision_date());
  EXPECT_EQ(DayOf(decided.should_be_placed_decision_date()), today - 60);
  EXPECT_EQ(decided.status(), pb::FAMILY_FINDING_STATUS_ACTIVELY_FAMILY_FINDING);
  EXPECT_FALSE(decided.has_placement_order_date());
  EXPECT_EQ(decided.etag(), "2");

  const long long outbox = Rows("outbox");
  pb::Child recorded;
  const pb::Milestone order = MilestoneOf(pb::MILESTONE_KIND_PLACEMENT_ORDER, today - 30);
  grpc::Status s = Record(child.name(), order, "po-1", &recorded);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(recorded.name(), child.name());
  EXPECT_EQ(recorded.legal_status(), pb::LEGAL_STATUS_PLACEMENT_ORDER);
  ASSERT_TRUE(recorded.has_placement_order_date());
  EXPECT_EQ(DayOf(recorded.placement_order_date()), today - 30);
  ASSERT_EQ(recorded.milestones_size(), 2);
  EXPECT_EQ(recorded.milestones(1).kind(), pb::MILESTONE_KIND_PLACEMENT_ORDER);
  EXPECT_EQ(recorded.milestones(1).origin(), pb::MILESTONE_ORIGIN_FAMILY_FINDING);
  EXPECT_EQ(recorded.milestones(1).record_info().created_by(), "worker-1");
  EXPECT_EQ(recorded.etag(), "3");
  // The order's appeal period: 28 days, run out two days ago, unchallenged.
  ASSERT_EQ(recorded.clocks_size(), 1);
  EXPECT_EQ(recorded.clocks(0).kind(), pb::CHILD_CLOCK_KIND_APPEAL_PERIOD);
  EXPECT_EQ(DayOf(recorded.clocks(0).due_date()), today - 2);
  EXPECT_EQ(recorded.clocks(0).state(), pb::CHILD_CLOCK_STATE_EXPIRED);
  EXPECT_EQ(Rows("child_milestones"), 2);
  EXPECT_EQ(Rows("outbox"), outbox + 1);
  auto granted = Published<ev::PlacementOrderGranted>(child.name());
  ASSERT_EQ(granted.size(), 1u);
  EXPECT_EQ(granted[0].child(), child.name());
  EXPECT_EQ(DayOf(granted[0].order_date()), today - 30);
  // The read back agrees with the answer.
  EXPECT_EQ(Get(child.name()).legal_status(), pb::LEGAL_STATUS_PLACEMENT_ORDER);

  // A retry with the same request_id answers the same child and records nothing more.
  pb::Child again;
  s = Record(child.name(), order, "po-1", &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.name(), child.name());
  EXPECT_EQ(again.milestones_size(), 2);
  EXPECT_EQ(again.etag(), "3");
  EXPECT_EQ(Rows("child_milestones"), 2);
  EXPECT_EQ(Rows("outbox"), outbox + 1);

  const long long milestones = Rows("child_milestones"), outbox_now = Rows("outbox"),
                  keys = Rows("create_requests");
  pb::Child out;
  // The request_id names the first request: another under it is refused, not answered
  // with the first's result.
  s = Record(child.name(), MilestoneOf(pb::MILESTONE_KIND_PLACEMENT_ORDER, today - 29), "po-1", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"request_id"});

  // The match is the decision maker's: recorded in panel-svc, never here.
  s = Record(child.name(), MilestoneOf(pb::MILESTONE_KIND_MATCHED, today - 10, Household(platform::NewId())), "m-1",
             &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"milestone.kind"});

  // A placement order before any decision is out of order.
  pb::Child undecided = CreateLive("undecided");
  s = Record(undecided.name(), MilestoneOf(pb::MILESTONE_KIND_PLACEMENT_ORDER, today - 30), "po-2", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(PreconditionViolations(s),
            std::vector<std::string>{"ORDER milestone PLACEMENT_ORDER on " + platform::FormatDate(today - 30)});
  EXPECT_EQ(Get(undecided.name()).legal_status(), pb::LEGAL_STATUS_CARE_ORDER);

  // A child never recorded.
  s = Record("children/" + platform::NewId(), MilestoneOf(pb::MILESTONE_KIND_FAMILY_FINDING_REFERRAL, today),
             "missing", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);

  // Tomorrow has not happened.
  s = Record(child.name(), MilestoneOf(pb::MILESTONE_KIND_FAMILY_FINDING_REFERRAL, today + 1), "future", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"milestone.date"});

  // No refusal wrote a milestone, an event or a request key (the second child's
  // ChildRegistered aside).
  EXPECT_EQ(Rows("child_milestones"), milestones);
  EXPECT_EQ(Rows("outbox"), outbox_now + 1);
  EXPECT_EQ(Rows("create_requests"), keys + 1);
  EXPECT_EQ(Get(child.name()).milestones_size(), 2);
}

// --- panel-svc's decisions -----------------------------------------------------

TEST_P(JourneyApiTest, AMatchOfSiblingsMatchesEachOnceAndAPlanChangeEndsTheJourney) {
  const Date today = Today();
  pb::Child first = CreateLive("sib-1", false, "SG-JONES");
  pb::Child second = CreateLive("sib-2", false, "SG-JONES");
  ASSERT_TRUE(Decide(1, first.name(), today - 90).ok());
  ASSERT_TRUE(Decide(2, second.name(), today - 90).ok());

  const std::string household = Household(platform::NewId());
  ASSERT_TRUE(Match(3, {first.name(), second.name()}, household, today - 20).ok());
  for (const pb::Child& sibling : {first, second}) {
    pb::Child got = Get(sibling.name());
    EXPECT_EQ(got.status(), pb::FAMILY_FINDING_STATUS_MATCHED_AWAITING_PLACEMENT) << sibling.name();
    EXPECT_EQ(got.household(), household) << sibling.name();
    ASSERT_TRUE(got.has_match_date()) << sibling.name();
    EXPECT_EQ(DayOf(got.match_date()), today - 20);
    ASSERT_EQ(got.milestones_size(), 2) << sibling.name();
    EXPECT_EQ(got.milestones(1).kind(), pb::MILESTONE_KIND_MATCHED);
    EXPECT_EQ(got.milestones(1).origin(), pb::MILESTONE_ORIGIN_PANEL);
    EXPECT_EQ(got.milestones(1).household(), household);
  }
  EXPECT_EQ(Rows("child_milestones"), 4);

  // The same event read again (the consumer replays after a crash) adds nothing.
  const long long milestones = Rows("child_milestones"), outbox = Rows("outbox"),
                  history = Rows("child_history");
  const std::string etag = Get(first.name()).etag();
  ASSERT_TRUE(Match(3, {first.name(), second.name()}, household, today - 20).ok());
  EXPECT_EQ(Rows("child_milestones"), milestones);
  EXPECT_EQ(Rows("outbox"), outbox);
  EXPECT_EQ(Rows("child_history"), history);
  EXPECT_EQ(Get(first.name()).milestones_size(), 2);
  EXPECT_EQ(Get(first.name()).etag(), etag);
  EXPECT_EQ(Get(second.name()).milestones_size(), 2);

  // The decision maker changes the first child's plan away from adoption.
  ev::ChildPlanChanged changed;
  changed.set_child(first.name());
  *changed.mutable_decision_date() = platform::DateToProto(today - 5);
  changed.set_new_plan("SPECIAL_GUARDIANSHIP");
  ASSERT_TRUE(Apply(4, changed).ok());
  pb::Child ended = Get(first.name());
  EXPECT_EQ(ended.status(), pb::FAMILY_FINDING_STATUS_PLAN_CHANGED);
  EXPECT_EQ(ended.status_reason(), "SPECIAL_GUARDIANSHIP");
  ASSERT_EQ(ended.milestones_size(), 3);
  EXPECT_EQ(ended.milestones(2).kind(), pb::MILESTONE_KIND_PLAN_CHANGED);
  EXPECT_EQ(ended.milestones(2).origin(), pb::MILESTONE_ORIGIN_PANEL);
  EXPECT_EQ(ended.milestones(2).reason(), "SPECIAL_GUARDIANSHIP");
  // Only that child's plan changed.
  EXPECT_EQ(Get(second.name()).status(), pb::FAMILY_FINDING_STATUS_MATCHED_AWAITING_PLACEMENT);
  // Nothing follows a change of plan.
  pb::Child out;
  grpc::Status s = Record(first.name(), MilestoneOf(pb::MILESTONE_KIND_INTRODUCTIONS_STARTED, today, household),
                          "intro", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(PreconditionViolations(s),
            std::vector<std::string>{"STATE milestone INTRODUCTIONS_STARTED on " + platform::FormatDate(today)});
}

// --- The events placements and orders publish -------------------------------------

TEST_P(JourneyApiTest, APlacementPublishesChildPlacedAndTheOrderAdoptionOrderGranted) {
  const Date today = Today();
  pb::Child child = CreateLive("placed");
  const std::string household = Household(platform::NewId());
  ASSERT_TRUE(Decide(1, child.name(), today - 280).ok());
  RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_PLACEMENT_ORDER, today - 250));
  ASSERT_TRUE(Match(2, {child.name()}, household, today - 200).ok());
  RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_INTRODUCTIONS_STARTED, today - 190, household));
  EXPECT_TRUE(Published<ev::ChildPlaced>(child.name()).empty());

  pb::Child placed = RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_PLACED, today - 180, household));
  EXPECT_EQ(placed.status(), pb::FAMILY_FINDING_STATUS_PLACED);
  EXPECT_FALSE(placed.has_retain_until());  // no adoption order yet: kept, no date
  EXPECT_EQ(DayOf(placed.placed_date()), today - 180);
  auto moves = Published<ev::ChildPlaced>(child.name());
  ASSERT_EQ(moves.size(), 1u);
  EXPECT_EQ(moves[0].child(), child.name());
  EXPECT_EQ(moves[0].household(), household);
  EXPECT_EQ(DayOf(moves[0].placed_date()), today - 180);
  EXPECT_FALSE(moves[0].early_permanence());
  ASSERT_TRUE(moves[0].has_moved_in_date());
  EXPECT_EQ(DayOf(moves[0].moved_in_date()), today - 180);
  // The placing authority, for adoption support.
  EXPECT_EQ(moves[0].local_authority(), child.local_authority());

  RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_ADOPTION_APPLICATION, today - 100));
  EXPECT_TRUE(Published<ev::AdoptionOrderGranted>(child.name()).empty());
  pb::Child adopted = RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_ADOPTION_ORDER, today - 10));
  EXPECT_EQ(adopted.status(), pb::FAMILY_FINDING_STATUS_ADOPTED);
  EXPECT_EQ(adopted.legal_status(), pb::LEGAL_STATUS_ADOPTION_ORDER);
  // Section 56 information: kept 100 years from the order.
  const Date ordered = today - 10;
  EXPECT_EQ(DayOf(adopted.retain_until()), Date(ordered.year() + 100, ordered.month(), ordered.day()));
  auto orders = Published<ev::AdoptionOrderGranted>(child.name());
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].child(), child.name());
  EXPECT_EQ(orders[0].household(), household);
  EXPECT_EQ(DayOf(orders[0].order_date()), today - 10);
  EXPECT_EQ(orders[0].local_authority(), child.local_authority());
  // Each event once: the order published no second ChildPlaced.
  EXPECT_EQ(Published<ev::ChildPlaced>(child.name()).size(), 1u);
  EXPECT_EQ(Published<ev::PlacementOrderGranted>(child.name()).size(), 1u);
}

TEST_P(JourneyApiTest, AnEarlyPermanencePlacementIsPublishedWhenItBecomesAnAdoptionPlacement) {
  const Date today = Today();
  pb::Child child = CreateLive("ep", /*early_permanence=*/true);
  const std::string carers = Household(platform::NewId());
  ASSERT_TRUE(Decide(1, child.name(), today - 300).ok());
  pb::Milestone fostered = MilestoneOf(pb::MILESTONE_KIND_PLACED, today - 280, carers);
  fostered.set_early_permanence(true);
  pb::Child placed = RecordOk(child.name(), fostered);
  EXPECT_EQ(placed.status(), pb::FAMILY_FINDING_STATUS_PLACED);
  ASSERT_TRUE(placed.has_early_permanence_placed_date());
  EXPECT_EQ(DayOf(placed.early_permanence_placed_date()), today - 280);
  EXPECT_FALSE(placed.has_placed_date());
  // A foster placement with the carers is not yet a placement for adoption.
  EXPECT_TRUE(Published<ev::ChildPlaced>(child.name()).empty());

  RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_PLACEMENT_ORDER, today - 250));
  ASSERT_TRUE(Match(2, {child.name()}, carers, today - 220).ok());
  EXPECT_EQ(Get(child.name()).status(), pb::FAMILY_FINDING_STATUS_PLACED);  // living there already
  EXPECT_TRUE(Published<ev::ChildPlaced>(child.name()).empty());

  pb::Child converted = RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_ADOPTION_PLACEMENT, today - 200));
  ASSERT_TRUE(converted.has_placed_date());
  EXPECT_EQ(DayOf(converted.placed_date()), today - 200);
  auto moves = Published<ev::ChildPlaced>(child.name());
  ASSERT_EQ(moves.size(), 1u);
  EXPECT_EQ(moves[0].child(), child.name());
  EXPECT_EQ(moves[0].household(), carers);
  EXPECT_EQ(DayOf(moves[0].placed_date()), today - 200);
  EXPECT_TRUE(moves[0].early_permanence());
  ASSERT_TRUE(moves[0].has_moved_in_date());
  EXPECT_EQ(DayOf(moves[0].moved_in_date()), today - 280);  // the earlier day, with the carers

  // Ten weeks from moving in (the foster placement) have long passed.
  RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_ADOPTION_APPLICATION, today - 150));
  RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_ADOPTION_ORDER, today - 20));
  auto orders = Published<ev::AdoptionOrderGranted>(child.name());
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].household(), carers);
  EXPECT_EQ(DayOf(orders[0].order_date()), today - 20);
  EXPECT_EQ(Published<ev::ChildPlaced>(child.name()).size(), 1u);
}

// --- ImportChild -----------------------------------------------------------------

pb::ImportChildRequest ImportOf(const std::string& source_id, const std::vector<pb::Milestone>& milestones) {
  pb::ImportChildRequest r;
  r.set_source_id(source_id);
  *r.mutable_child() = ChildDetailsOf(Date(2020, 6, 1), Date(2021, 11, 1));
  for (const auto& m : milestones) *r.add_milestones() = m;
  return r;
}

TEST_P(JourneyApiTest, ImportChildCreatesExtendsAndLeavesAHistoryAsItIs) {
  const std::string linked_with = Household(platform::NewId());
  const pb::Milestone referral = MilestoneOf(pb::MILESTONE_KIND_FAMILY_FINDING_REFERRAL, Date(2022, 1, 10));
  const pb::Milestone linked = MilestoneOf(pb::MILESTONE_KIND_LINKED, Date(2022, 2, 15), linked_with);
  const pb::Milestone order = MilestoneOf(pb::MILESTONE_KIND_PLACEMENT_ORDER, Date(2022, 5, 3));
  const pb::ImportChildRequest shorter = ImportOf("OLD-17", {referral, linked});

  pb::ImportChildResponse created;
  grpc::Status s = Import(shorter, &created);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(created.result(), IMPORT_RESULT_CREATED);
  const std::string name = created.child().name();
  EXPECT_TRUE(created.child().imported());
  EXPECT_EQ(created.child().status(), pb::FAMILY_FINDING_STATUS_LINKED);
  ASSERT_EQ(created.child().milestones_size(), 2);
  for (const auto& m : created.child().milestones()) EXPECT_EQ(m.origin(), pb::MILESTONE_ORIGIN_HISTORY);
  EXPECT_EQ(created.child().milestones(0).kind(), pb::MILESTONE_KIND_FAMILY_FINDING_REFERRAL);
  EXPECT_EQ(created.child().milestones(1).household(), linked_with);
  EXPECT_EQ(Rows("children"), 1);
  EXPECT_EQ(Rows("child_milestones"), 2);
  EXPECT_EQ(Payloads("adoption.events.v1.ChildRegistered", name).size(), 1u);
  EXPECT_TRUE(Get(name).imported());

  // The same extract again.
  long long children = Rows("children"), milestones = Rows("child_milestones"), outbox = Rows("outbox"),
            history = Rows("child_history");
  pb::ImportChildResponse unchanged;
  s = Import(shorter, &unchanged);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(unchanged.result(), IMPORT_RESULT_UNCHANGED);
  EXPECT_EQ(unchanged.child().name(), name);
  EXPECT_EQ(unchanged.child().milestones_size(), 2);
  EXPECT_EQ(Rows("children"), children);
  EXPECT_EQ(Rows("child_milestones"), milestones);
  EXPECT_EQ(Rows("outbox"), outbox);
  EXPECT_EQ(Rows("child_history"), history);

  // panel-svc's import brings the decision through its log, then a longer extract.
  ASSERT_TRUE(Decide(1, name, Date(2022, 3, 1)).ok());
  pb::ImportChildResponse extended;
  s = Import(ImportOf("OLD-17", {referral, linked, order}), &extended);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(extended.result(), IMPORT_RESULT_EXTENDED);
  EXPECT_EQ(extended.child().name(), name);
  ASSERT_EQ(extended.child().milestones_size(), 4);
  EXPECT_EQ(extended.child().milestones(2).kind(), pb::MILESTONE_KIND_SHOULD_BE_PLACED_DECISION);
  EXPECT_EQ(extended.child().milestones(2).origin(), pb::MILESTONE_ORIGIN_PANEL);
  EXPECT_EQ(extended.child().milestones(3).kind(), pb::MILESTONE_KIND_PLACEMENT_ORDER);
  EXPECT_EQ(extended.child().milestones(3).origin(), pb::MILESTONE_ORIGIN_HISTORY);
  EXPECT_EQ(extended.child().legal_status(), pb::LEGAL_STATUS_PLACEMENT_ORDER);
  EXPECT_EQ(DayOf(extended.child().placement_order_date()), Date(2022, 5, 3));
  EXPECT_EQ(Rows("children"), 1);
  EXPECT_EQ(Rows("child_milestones"), 4);
  auto granted = Published<ev::PlacementOrderGranted>(name);
  ASSERT_EQ(granted.size(), 1u);
  EXPECT_EQ(DayOf(granted[0].order_date()), Date(2022, 5, 3));

  // The first, shorter extract again: its milestones are the record's first.
  children = Rows("children");
  milestones = Rows("child_milestones");
  outbox = Rows("outbox");
  history = Rows("child_history");
  s = Import(shorter, &unchanged);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(unchanged.result(), IMPORT_RESULT_UNCHANGED);
  EXPECT_EQ(unchanged.child().milestones_size(), 4);

  // Refusals, each writing nothing.
  pb::ImportChildResponse out;
  // A history that differs from the record: linked with another household.
  s = Import(ImportOf("OLD-17", {referral, MilestoneOf(pb::MILESTONE_KIND_LINKED, Date(2022, 2, 15),
                                                         Household(platform::NewId()))}),
             &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"IMPORT milestones[1]"});
  // The decision maker's match is panel-svc's to import, on a new child or an old one.
  const pb::Milestone matched = MilestoneOf(pb::MILESTONE_KIND_MATCHED, Date(2022, 6, 1), linked_with);
  s = Import(ImportOf("OLD-18", {referral, matched}), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"milestones[1].kind"});
  s = Import(ImportOf("OLD-17", {referral, linked, order, matched}), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"milestones[3].kind"});
  // A history the journey refuses (a placement order before any decision) creates nothing.
  s = Import(ImportOf("OLD-19", {referral, order}), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"ORDER milestones[1] PLACEMENT_ORDER on 2022-05-03"});
  // An old system's id is one line of at most 64 characters.
  s = Import(ImportOf(std::string(65, 'X'), {referral}), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"source_id"});
  s = Import(ImportOf("", {referral}), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"source_id"});

  EXPECT_EQ(Rows("children"), children);
  EXPECT_EQ(Rows("child_milestones"), milestones);
  EXPECT_EQ(Rows("outbox"), outbox);
  EXPECT_EQ(Rows("child_history"), history);
  EXPECT_EQ(Get(name).milestones_size(), 4);
}

// --- ImportPartnerHousehold ----------------------------------------------------------

pb::ImportPartnerHouseholdRequest PartnerOf(const std::string& source_id, const std::string& agency) {
  pb::ImportPartnerHouseholdRequest r;
  r.set_source_id(source_id);
  pb::HouseholdProfile* p = r.mutable_household_profile();
  p->set_home_local_authority("E09000006");
  p->set_family_structure("FAMILY_STRUCTURE_COUPLE_DIFFERENT_SEX");
  SetDate(p->mutable_enquiry_date(), 2024, 9, 12);
  p->set_early_permanence_interest(true);
  p->set_provider(pb::PLACEMENT_PROVIDER_VOLUNTARY_ADOPTION_AGENCY);
  p->set_agency(agency);
  return r;
}

// A partner's approved household as it offers it through the API.
pb::OfferHouseholdRequest OfferOf(const std::string& reference) {
  pb::OfferHouseholdRequest r;
  r.set_reference(reference);
  pb::HouseholdProfile* p = r.mutable_household_profile();
  p->set_home_local_authority("E09000006");
  p->set_family_structure("FAMILY_STRUCTURE_SINGLE");
  SetDate(p->mutable_enquiry_date(), 2024, 3, 4);
  SetDate(p->mutable_approval_date(), 2024, 11, 20);
  pb::MatchingTerms* t = p->mutable_terms();
  t->set_min_children(1);
  t->set_max_children(2);
  t->set_sibling_groups(true);
  t->set_min_age_years(0);
  t->set_max_age_years(6);
  t->add_ethnicities("WHITE_BRITISH");
  return r;
}

TEST_P(JourneyApiTest, APartnersHouseholdIsImportedOnceAsApproved) {
  pb::ImportPartnerHouseholdResponse created;
  grpc::Status s = ImportPartner(PartnerOf("VAA-9", "Caritas Care"), &created);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(created.result(), IMPORT_RESULT_CREATED);
  const pb::HouseholdProfile& p = created.household_profile();
  EXPECT_TRUE(p.approved());
  EXPECT_EQ(p.provider(), pb::PLACEMENT_PROVIDER_VOLUNTARY_ADOPTION_AGENCY);
  EXPECT_EQ(p.agency(), "Caritas Care");
  EXPECT_EQ(p.home_local_authority(), "E09000006");
  EXPECT_TRUE(p.early_permanence_interest());
  ASSERT_TRUE(p.name().rfind("householdProfiles/", 0) == 0) << p.name();
  EXPECT_EQ(p.household(), "households/" + p.name().substr(std::string("householdProfiles/").size()));
  EXPECT_EQ(Rows("household_profiles"), 1);

  pb::ImportPartnerHouseholdResponse again;
  s = ImportPartner(PartnerOf("VAA-9", "Caritas Care"), &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.result(), IMPORT_RESULT_UNCHANGED);
  EXPECT_EQ(again.household_profile().name(), p.name());
  EXPECT_EQ(Rows("household_profiles"), 1);

  // Another household under the same source_id.
  pb::ImportPartnerHouseholdResponse out;
  s = ImportPartner(PartnerOf("VAA-9", "Adoption Matters"), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"IMPORT source_id VAA-9"});
  auto in_house = PartnerOf("VAA-10", "Caritas Care");
  in_house.mutable_household_profile()->set_provider(pb::PLACEMENT_PROVIDER_IN_HOUSE);
  s = ImportPartner(in_house, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"household_profile.provider"});
  auto unset = PartnerOf("VAA-11", "Caritas Care");
  unset.mutable_household_profile()->clear_provider();
  s = ImportPartner(unset, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"household_profile.provider"});
  auto odd = PartnerOf("VAA-12", "Caritas Care");
  odd.mutable_household_profile()->set_family_structure("FAMILY_STRUCTURE_COUPLE");
  s = ImportPartner(odd, &out);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"household_profile.family_structure"});
  EXPECT_EQ(Rows("household_profiles"), 1);

  // A family finder finds it among the agency's households.
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kFamilyFinder});
  pb::GetHouseholdProfileRequest get;
  get.set_name(p.name());
  pb::HouseholdProfile got;
  s = stub_->GetHouseholdProfile(&ctx, get, &got);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(got.agency(), "Caritas Care");
  EXPECT_EQ(got.provider(), pb::PLACEMENT_PROVIDER_VOLUNTARY_ADOPTION_AGENCY);
  EXPECT_TRUE(got.approved());
  EXPECT_EQ(got.home_local_authority(), "E09000006");
  EXPECT_EQ(got.family_structure(), "FAMILY_STRUCTURE_COUPLE_DIFFERENT_SEX");
  EXPECT_EQ(DayOf(got.enquiry_date()), Date(2024, 9, 12));
  EXPECT_TRUE(got.early_permanence_interest());
}

// The same source_id with the household recorded differently in any fact is not
// UNCHANGED ("already recorded as given: nothing written"): the import would drop the
// extract's fact and say it had kept it. early_permanence_interest is a fact the
// import records and returns like the others.
TEST_P(JourneyApiTest, APartnersHouseholdDifferingInEarlyPermanenceInterestIsRefused) {
  pb::ImportPartnerHouseholdResponse created;
  grpc::Status s = ImportPartner(PartnerOf("VAA-9", "Caritas Care"), &created);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_TRUE(created.household_profile().early_permanence_interest());
  auto without = PartnerOf("VAA-9", "Caritas Care");
  without.mutable_household_profile()->set_early_permanence_interest(false);
  pb::ImportPartnerHouseholdResponse out;
  s = ImportPartner(without, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
      << "answered " << adoption::type::v1::ImportResult_Name(out.result()) << " with early_permanence_interest "
      << out.household_profile().early_permanence_interest() << " for a household sent without it";
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"IMPORT source_id VAA-9"});
  EXPECT_EQ(Rows("household_profiles"), 1);
}

// --- ReportScorecard -------------------------------------------------------------

pb::ReportScorecardRequest ScorecardOf(int first_year, const std::string& la, int care_leavers) {
  pb::ReportScorecardRequest r;
  SetDate(r.mutable_period()->mutable_first_day(), first_year, 4, 1);
  SetDate(r.mutable_period()->mutable_last_day(), first_year + 1, 3, 31);
  r.set_local_authority(la);
  r.set_care_leavers(care_leavers);
  return r;
}

TEST_P(JourneyApiTest, TheScorecardMeasuresTheImportedJourneys) {
  long long sequence = 0;
  // Rotherham's two, adopted in 2023-24:
  //  A: in care 2022-01-10, placed 2022-09-01: A1 234 days (met); order 2022-06-01,
  //     match 2022-08-01: A2 61 days (met).
  //  B: in care 2021-03-01, placed 2022-06-01: A1 457 days (over 426); order
  //     2021-09-01, match 2022-03-01: A2 181 days (over 121).
  // Hartlepool's one, adopted on the year's last day:
  //  C: in care 2021-07-01, placed 2022-01-10: A1 193 days (met); matched
  //     2021-10-15 before the order of 2021-11-01: A2 0 (met).
  const Adopted a{"SC-A", "E08000018", pb::SEX_FEMALE, Date(2020, 6, 1), Date(2022, 1, 10), Date(2022, 2, 1),
                  Date(2022, 3, 1), Date(2022, 6, 1), Date(2022, 8, 1), Date(2022, 9, 1), Date(2022, 12, 1),
                  Date(2023, 5, 15)};
  const Adopted b{"SC-B", "E08000018", pb::SEX_MALE, Date(2019, 1, 15), Date(2021, 3, 1), Date(2021, 5, 1),
                  Date(2021, 6, 1), Date(2021, 9, 1), Date(2022, 3, 1), Date(2022, 6, 1), Date(2022, 9, 1),
                  Date(2023, 10, 2)};
  const Adopted c{"SC-C", "E06000001", pb::SEX_FEMALE, Date(2020, 2, 1), Date(2021, 7, 1), Date(2021, 8, 1),
                  Date(2021, 9, 1), Date(2021, 11, 1), Date(2021, 10, 15), Date(2022, 1, 10), Date(2022, 4, 1),
                  Date(2024, 3, 31)};
  for (const Adopted* x : {&a, &b, &c}) {
    ASSERT_FALSE(ImportAdopted(*x, sequence).empty()) << x->source_id;
    ASSERT_FALSE(HasFailure()) << x->source_id;
  }

  // Rotherham alone, with its 30 care leavers.
  pb::Scorecard rotherham;
  grpc::Status s = Scorecard(ScorecardOf(2023, "E08000018", 30), &rotherham);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(rotherham.local_authority(), "E08000018");
  EXPECT_EQ(rotherham.adopted(), 2);
  EXPECT_EQ(rotherham.female(), 1);
  EXPECT_EQ(rotherham.male(), 1);
  EXPECT_EQ(rotherham.a1().children(), 2);
  EXPECT_EQ(rotherham.a1().total_days(), 234 + 457);
  ASSERT_TRUE(rotherham.a1().has_mean());
  EXPECT_DOUBLE_EQ(rotherham.a1().mean().value(), 345.5);
  EXPECT_EQ(rotherham.a2().children(), 2);
  EXPECT_EQ(rotherham.a2().total_days(), 61 + 181);
  ASSERT_TRUE(rotherham.a2().has_mean());
  EXPECT_DOUBLE_EQ(rotherham.a2().mean().value(), 121.0);
  EXPECT_EQ(rotherham.met_a1().count(), 1);
  EXPECT_EQ(rotherham.met_a1().of(), 2);
  EXPECT_DOUBLE_EQ(rotherham.met_a1().percent().value(), 50.0);
  EXPECT_EQ(rotherham.met_a2().count(), 1);
  EXPECT_EQ(rotherham.met_a2().of(), 2);
  EXPECT_DOUBLE_EQ(rotherham.met_a2().percent().value(), 50.0);
  ASSERT_TRUE(rotherham.has_care_leavers_adopted_percent());
  EXPECT_DOUBLE_EQ(rotherham.care_leavers_adopted_percent().value(), 6.7);  // 2 of 30
  EXPECT_TRUE(rotherham.incomplete().empty());

  // Every child the manager reaches, with 40 care leavers.
  pb::Scorecard all;
  s = Scorecard(ScorecardOf(2023, "", 40), &all);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(all.local_authority(), "");
  EXPECT_EQ(all.adopted(), 3);
  EXPECT_EQ(all.female(), 2);
  EXPECT_EQ(all.male(), 1);
  EXPECT_EQ(all.a1().total_days(), 234 + 457 + 193);
  EXPECT_DOUBLE_EQ(all.a1().mean().value(), 294.7);  // 884 / 3
  EXPECT_EQ(all.a2().children(), 3);
  EXPECT_EQ(all.a2().total_days(), 61 + 181 + 0);
  EXPECT_DOUBLE_EQ(all.a2().mean().value(), 80.7);  // 242 / 3
  EXPECT_EQ(all.met_a1().count(), 2);
  EXPECT_EQ(all.met_a1().of(), 3);
  EXPECT_DOUBLE_EQ(all.met_a1().percent().value(), 66.7);
  EXPECT_EQ(all.met_a2().count(), 2);
  EXPECT_DOUBLE_EQ(all.met_a2().percent().value(), 66.7);
  EXPECT_DOUBLE_EQ(all.care_leavers_adopted_percent().value(), 7.5);  // 3 of 40

  // Without care leavers there is no percentage; another year has no one.
  pb::Scorecard next;
  s = Scorecard(ScorecardOf(2024, "", 0), &next);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(next.adopted(), 0);
  EXPECT_FALSE(next.a1().has_mean());
  EXPECT_FALSE(next.has_care_leavers_adopted_percent());

  // Bad requests.
  pb::ReportScorecardRequest no_period = ScorecardOf(2023, "", 0);
  no_period.clear_period();
  pb::Scorecard out;
  s = Scorecard(no_period, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"period"});
  s = Scorecard(ScorecardOf(2023, "Rotherham", 0), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"local_authority"});
}

// The matching search over the read model: the agency's households approved as
// recruitment-svc's log says (one later matched through panel-svc's, leaving the
// pool), a partner's imported,
// one approved for older children only. The search for a two-year-old ranks the
// agency's own first, explains every point, keeps out the one whose age range does not
// fit unless the family finder sets that filter aside with a reason, and never sees
// the matched household.
TEST_P(JourneyApiTest, TheSearchRanksApprovedHouseholdsWithReasonsAndFollowsTheDecisions) {
  const pb::Child child = CreateLive("search-child");  // two and a half, White British, Rotherham
  // Approved before any profile exists: retried by the consumer, not lost.
  EXPECT_EQ(Approve(1, "households/01j00000000000000000000009", 0, 4, Today() - 10).code(),
            absl::StatusCode::kNotFound);
  const std::string local = Registered(1, "E08000018");
  const std::string away = Registered(2, "E08000019");
  const std::string older = Registered(3, "E08000018");
  const std::string matched = Registered(4, "E08000018");
  ASSERT_TRUE(Approve(11, local, 0, 4, Today() - 100).ok());
  ASSERT_TRUE(Approve(12, away, 0, 4, Today() - 400).ok());
  ASSERT_TRUE(Approve(13, older, 5, 10, Today() - 50).ok());
  ASSERT_TRUE(Approve(14, matched, 0, 4, Today() - 500).ok());
  // A replayed move changes nothing.
  ASSERT_TRUE(Approve(12, away, 5, 10, Today()).ok());
  const pb::Child other = CreateLive("search-other");
  ASSERT_TRUE(Decide(5, other.name(), Today() - 30).ok());
  ASSERT_TRUE(Match(6, {other.name()}, matched, Today() - 5).ok());
  pb::ImportPartnerHouseholdRequest partner;
  partner.set_source_id("VAA-1");
  pb::HouseholdProfile* p = partner.mutable_household_profile();
  p->set_home_local_authority("E08000018");
  p->set_family_structure("FAMILY_STRUCTURE_COUPLE_SAME_SEX");
  *p->mutable_enquiry_date() = platform::DateToProto(Today() - 900);
  p->set_provider(pb::PLACEMENT_PROVIDER_VOLUNTARY_ADOPTION_AGENCY);
  p->set_agency("Caritas Care");
  pb::ImportPartnerHouseholdResponse imported;
  ASSERT_TRUE(ImportPartner(partner, &imported).ok());

  auto search = [&](const std::vector<std::string>& set_aside, pb::SearchHouseholdsResponse* out) {
    pb::SearchHouseholdsRequest r;
    r.set_child(child.name());
    for (const auto& f : set_aside) {
      auto* o = r.add_filter_overrides();
      o->set_filter(f);
      o->set_reason("the family finder's reason");
    }
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    return stub_->SearchHouseholds(&ctx, r, out);
  };
  pb::SearchHouseholdsResponse found;
  ASSERT_TRUE(search({}, &found).ok());
  EXPECT_EQ(found.considered(), 4);  // the matched household is out of the pool
  ASSERT_EQ(found.filtered_out_size(), 1);
  EXPECT_EQ(found.filtered_out(0).filter(), "age_range");
  EXPECT_EQ(found.filtered_out(0).households(), 1);
  ASSERT_EQ(found.candidates_size(), 3);
  // The agency's own first: the local one (heritage 30, waiting 25*100/365 = 6, needs
  // 20, location 10, cost 15 = 81) above the one away (30 + 25 + 20 + 0 + 15 = 90)?
  // No: the longer wait outweighs the distance, so the one away leads.
  EXPECT_EQ(found.candidates(0).household_profile().household(), away);
  EXPECT_EQ(found.candidates(0).score(), 90);
  EXPECT_EQ(found.candidates(1).household_profile().household(), local);
  EXPECT_EQ(found.candidates(1).score(), 81);
  // Another agency's, after every one of ours: Caritas Care is not one of the agency's
  // partners (config/agency.tsv), so its household was found nationally.
  EXPECT_EQ(found.candidates(2).tier(), 2);
  EXPECT_EQ(found.candidates(2).household_profile().agency(), "Caritas Care");
  for (const auto& c : found.candidates()) {
    int sum = 0;
    for (const auto& part : c.parts()) {
      sum += part.points();
      EXPECT_FALSE(part.reason().empty()) << part.factor();
    }
    EXPECT_EQ(sum, c.score());
  }
  // Set aside, the age range lets the older-children household in, saying so.
  ASSERT_TRUE(search({"age_range"}, &found).ok());
  EXPECT_EQ(found.candidates_size(), 4);
  EXPECT_EQ(found.filtered_out_size(), 0);
  bool listed = false;
  for (const auto& c : found.candidates()) {
    if (c.household_profile().household() != older) continue;
    listed = true;
    ASSERT_EQ(c.filters_set_aside_size(), 1);
    EXPECT_EQ(c.filters_set_aside(0), "age_range");
  }
  EXPECT_TRUE(listed);
  // A filter set aside needs its reason; an unknown one is named.
  pb::SearchHouseholdsRequest bad;
  bad.set_child(child.name());
  bad.add_filter_overrides()->set_filter("ethnicity");
  bad.set_page_size(101);
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kFamilyFinder});
  grpc::Status s = stub_->SearchHouseholds(&ctx, bad, &found);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), (std::vector<std::string>{"filter_overrides[0].filter", "filter_overrides[0].reason",
                                                          "page_size"}));
  // A withdrawal after approval takes a household out; a new approval puts a matched
  // one back.
  ASSERT_TRUE(Moved(15, away, "HOUSEHOLD_STATUS_WITHDRAWN", nullptr, Today()).ok());
  ASSERT_TRUE(Approve(16, matched, 0, 4, Today()).ok());
  ASSERT_TRUE(search({}, &found).ok());
  EXPECT_EQ(found.considered(), 4);
  for (const auto& c : found.candidates()) EXPECT_NE(c.household_profile().household(), away);
}

// A partner agency offers its approved household through the API: it joins the search
// as the partner's, its terms and the needs it can meet as the partner gave them; the
// same reference brings the offer up to date; withdrawn, it leaves; matched, it stands.
TEST_P(JourneyApiTest, APartnerOffersItsHouseholdWhichJoinsTheSearchUntilWithdrawnOrMatched) {
  const pb::Child child = CreateLive("offer-child");  // two and a half, Rotherham
  platform::TokenRequest partner;
  partner.subject = "vaa-worker";
  partner.roles = {Role::kPartnerAgency};
  partner.agency = "example-vaa";
  auto offer = [&](const pb::OfferHouseholdRequest& r, pb::HouseholdProfile* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, partner);
    return stub_->OfferHousehold(&ctx, r, out);
  };
  auto search = [&](pb::SearchHouseholdsResponse* out) {
    pb::SearchHouseholdsRequest r;
    r.set_child(child.name());
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    return stub_->SearchHouseholds(&ctx, r, out);
  };

  pb::OfferHouseholdRequest request = OfferOf("VAA-REF-7");
  request.mutable_household_profile()->mutable_terms()->set_health_needs_acceptable("Global developmental delay");
  // What the partner sends of its provider and agency is not what it gets: its token
  // and the agency's configuration say whose the household is.
  request.mutable_household_profile()->set_agency("Somebody Else");
  request.mutable_household_profile()->set_provider(pb::PLACEMENT_PROVIDER_IN_HOUSE);
  pb::HouseholdProfile offered;
  grpc::Status s = offer(request, &offered);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(offered.approved());
  EXPECT_EQ(offered.agency(), "Example Voluntary Adoption Agency");
  EXPECT_EQ(offered.provider(), pb::PLACEMENT_PROVIDER_VOLUNTARY_ADOPTION_AGENCY);
  EXPECT_EQ(offered.reference(), "VAA-REF-7");
  EXPECT_EQ(offered.terms().health_needs_acceptable(), "Global developmental delay");
  EXPECT_EQ(offered.approval_date().year(), 2024);

  pb::SearchHouseholdsResponse found;
  ASSERT_TRUE(search(&found).ok());
  ASSERT_EQ(found.candidates_size(), 1);
  EXPECT_EQ(found.candidates(0).household_profile().name(), offered.name());
  EXPECT_EQ(found.candidates(0).tier(), 1);

  // The same reference again: the same household, its terms brought up to date (now
  // only babies: the toddler is filtered out).
  request.mutable_household_profile()->mutable_terms()->set_max_age_years(1);
  pb::HouseholdProfile again;
  ASSERT_TRUE(offer(request, &again).ok());
  EXPECT_EQ(again.name(), offered.name());
  EXPECT_EQ(again.terms().max_age_years(), 1);
  EXPECT_EQ(Rows("household_profiles"), 1);
  ASSERT_TRUE(search(&found).ok());
  EXPECT_EQ(found.candidates_size(), 0);
  ASSERT_EQ(found.filtered_out_size(), 1);
  EXPECT_EQ(found.filtered_out(0).filter(), "age_range");

  // Withdrawn, it leaves the pool; offered again, it is back.
  request.mutable_household_profile()->mutable_terms()->set_max_age_years(6);
  ASSERT_TRUE(offer(request, &again).ok());
  pb::WithdrawHouseholdOfferRequest withdraw;
  withdraw.set_name(offered.name());
  pb::HouseholdProfile withdrawn;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, partner);
    ASSERT_TRUE(stub_->WithdrawHouseholdOffer(&ctx, withdraw, &withdrawn).ok());
  }
  EXPECT_FALSE(withdrawn.approved());
  ASSERT_TRUE(search(&found).ok());
  EXPECT_EQ(found.considered(), 0);
  ASSERT_TRUE(offer(request, &again).ok());
  EXPECT_TRUE(again.approved());
  ASSERT_TRUE(search(&found).ok());
  EXPECT_EQ(found.candidates_size(), 1);

  // Another partner's token, or a token of an agency that is not a partner, cannot
  // touch the offer; staff do not offer.
  partner.agency = "example-north-raa";
  {
    grpc::ClientContext ctx;
    Authorize(ctx, partner);
    EXPECT_EQ(stub_->WithdrawHouseholdOffer(&ctx, withdraw, &withdrawn).error_code(), grpc::StatusCode::NOT_FOUND);
  }
  pb::HouseholdProfile raas;
  ASSERT_TRUE(offer(request, &raas).ok());  // the same reference is the other partner's own
  EXPECT_NE(raas.name(), offered.name());
  EXPECT_EQ(raas.provider(), pb::PLACEMENT_PROVIDER_OTHER_LA_OR_RAA);
  partner.agency = "stranger-vaa";
  EXPECT_EQ(offer(OfferOf("X-1"), &raas).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    EXPECT_EQ(stub_->OfferHousehold(&ctx, OfferOf("X-2"), &raas).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  }
  EXPECT_EQ(Rows("household_profiles"), 2);

  // Bad input names every field and writes nothing.
  partner.agency = "example-vaa";
  pb::OfferHouseholdRequest bad;
  bad.mutable_household_profile()->set_home_local_authority("Rotherham");
  SetDate(bad.mutable_household_profile()->mutable_enquiry_date(), 2024, 2, 30);
  s = offer(bad, &raas);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s),
            (std::vector<std::string>{"reference", "household_profile.home_local_authority",
                                      "household_profile.family_structure", "household_profile.enquiry_date",
                                      "household_profile.terms", "household_profile.approval_date"}));
  pb::OfferHouseholdRequest future = OfferOf("VAA-REF-8");
  *future.mutable_household_profile()->mutable_approval_date() = platform::DateToProto(Today() + 1);
  s = offer(future, &raas);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"household_profile.approval_date"});
  EXPECT_EQ(Rows("household_profiles"), 2);

  // Matched at panel, the offer stands.
  long long sequence = 90;
  ASSERT_TRUE(Decide(++sequence, child.name(), Today() - 30).ok());
  ASSERT_TRUE(Match(++sequence, {child.name()}, offered.household(), Today() - 1).ok());
  EXPECT_EQ(offer(request, &again).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  grpc::ClientContext ctx;
  Authorize(ctx, partner);
  s = stub_->WithdrawHouseholdOffer(&ctx, withdraw, &withdrawn);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(PreconditionViolations(s), std::vector<std::string>{"STATE " + offered.name()});
}

// Both sides of the counts in one period: a child adopted by the agency's own
// household counts on the adopters' side too; one placed with a partner's does not.
TEST_P(JourneyApiTest, TheMilestonesReportCountsFromTheChildsSideOrTheAdoptersAndPerAuthority) {
  const Date today = Today();
  const std::string ours = Registered(1, "E08000018");  // recruitment's: the agency's own
  pb::ImportPartnerHouseholdResponse partner;
  ASSERT_TRUE(ImportPartner(PartnerOf("VAA-SIDES", "Caritas Care"), &partner).ok());
  const std::string theirs = partner.household_profile().household();
  long long sequence = 10;
  auto adopt = [&](const std::string& request_id, const std::string& household, pb::PlacementProvider provider,
                   bool order) {
    const pb::Child c = CreateLive(request_id);
    ASSERT_TRUE(Decide(++sequence, c.name(), today - 280).ok());
    RecordOk(c.name(), MilestoneOf(pb::MILESTONE_KIND_PLACEMENT_ORDER, today - 250));
    ASSERT_TRUE(Match(++sequence, {c.name()}, household, today - 200).ok());
    pb::Milestone placed = MilestoneOf(pb::MILESTONE_KIND_PLACED, today - 180, household);
    placed.set_provider(provider);
    RecordOk(c.name(), placed);
    if (!order) return;
    RecordOk(c.name(), MilestoneOf(pb::MILESTONE_KIND_ADOPTION_APPLICATION, today - 100));
    RecordOk(c.name(), MilestoneOf(pb::MILESTONE_KIND_ADOPTION_ORDER, today - 10));
  };
  adopt("sides-ours", ours, pb::PLACEMENT_PROVIDER_IN_HOUSE, true);
  adopt("sides-theirs", theirs, pb::PLACEMENT_PROVIDER_VOLUNTARY_ADOPTION_AGENCY, false);

  auto report = [&](adoption::type::v1::ReportPerspective perspective, bool by_la, pb::ChildMilestones* out) {
    pb::ReportChildMilestonesRequest r;
    *r.mutable_period()->mutable_first_day() = platform::DateToProto(today - 365);
    *r.mutable_period()->mutable_last_day() = platform::DateToProto(today);
    r.set_perspective(perspective);
    r.set_by_local_authority(by_la);
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    return stub_->ReportChildMilestones(&ctx, r, out);
  };
  pb::ChildMilestones childs;
  ASSERT_TRUE(report(adoption::type::v1::REPORT_PERSPECTIVE_UNSPECIFIED, false, &childs).ok());
  EXPECT_EQ(childs.perspective(), adoption::type::v1::REPORT_PERSPECTIVE_CHILD);
  EXPECT_EQ(childs.total().decisions(), 2);
  EXPECT_EQ(childs.total().matches(), 2);
  EXPECT_EQ(childs.total().placements(), 2);
  EXPECT_EQ(childs.total().adoption_orders(), 1);
  EXPECT_EQ(childs.local_authorities_size(), 0);  // not asked for

  pb::ChildMilestones adopters;
  ASSERT_TRUE(report(adoption::type::v1::REPORT_PERSPECTIVE_ADOPTER, true, &adopters).ok());
  EXPECT_EQ(adopters.perspective(), adoption::type::v1::REPORT_PERSPECTIVE_ADOPTER);
  EXPECT_EQ(adopters.total().decisions(), 0);  // the child's authority's, not the adopters'
  EXPECT_EQ(adopters.total().matches(), 1);
  EXPECT_EQ(adopters.total().placements(), 1);
  EXPECT_EQ(adopters.total().adoption_orders(), 1);
  ASSERT_EQ(adopters.local_authorities_size(), 1);
  EXPECT_EQ(adopters.local_authorities(0).local_authority(), "E08000018");
  EXPECT_EQ(adopters.local_authorities(0).counts().placements(), 1);
  int monthly = 0;
  for (const auto& m : adopters.months()) monthly += m.counts().placements();
  EXPECT_EQ(monthly, 1);

  pb::ChildMilestones bad;
  grpc::Status s = report(static_cast<adoption::type::v1::ReportPerspective>(7), false, &bad);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"perspective"});
}

// Every report refuses a request without its period or day, naming the field, and
// runs nothing (no audit row).
TEST_P(JourneyApiTest, EveryReportNamesTheMissingPeriodOrDayAndRunsNothing) {
  const long long audits = Rows("audit_log");
  auto refused = [&](auto call) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    return ViolatedFields(call(ctx));
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(refused([&](grpc::ClientContext& c) {
              pb::ChildMilestones out;
              return stub_->ReportChildMilestones(&c, pb::ReportChildMilestonesRequest(), &out);
            }),
            V{"period"});
  EXPECT_EQ(refused([&](grpc::ClientContext& c) {
              pb::ChildrenWaiting out;
              pb::ReportChildrenWaitingRequest r;
              r.set_local_authority("Rotherham");
              return stub_->ReportChildrenWaiting(&c, r, &out);
            }),
            (V{"at", "local_authority"}));
  EXPECT_EQ(refused([&](grpc::ClientContext& c) {
              pb::DecisionCohort out;
              return stub_->ReportDecisionCohort(&c, pb::ReportDecisionCohortRequest(), &out);
            }),
            (V{"period", "at"}));
  EXPECT_EQ(refused([&](grpc::ClientContext& c) {
              pb::ChildBreakdowns out;
              return stub_->ReportChildBreakdowns(&c, pb::ReportChildBreakdownsRequest(), &out);
            }),
            V{"period"});
  EXPECT_EQ(refused([&](grpc::ClientContext& c) {
              pb::InterAgencyFees out;
              return stub_->ReportInterAgencyFees(&c, pb::ReportInterAgencyFeesRequest(), &out);
            }),
            V{"period"});
  EXPECT_EQ(Rows("audit_log"), audits);
}

// --- Referrals -------------------------------------------------------------------------

// The child's authority refers; the referral is the journey's milestone too; the team
// keeps the plan; the authority may withdraw it; the decision maker's match or plan
// change closes it.
TEST_P(JourneyApiTest, AReferralIsKeptOpenOncePerChildUntilTheJourneyOrTheAuthorityClosesIt) {
  const pb::Child child = CreateLive("ref-child");
  auto refer = [&](const std::string& child_name, const std::string& request_id, Date day,
                   pb::FamilyFindingReferral* out) {
    pb::CreateFamilyFindingReferralRequest r;
    r.set_request_id(request_id);
    r.mutable_family_finding_referral()->set_child(child_name);
    *r.mutable_family_finding_referral()->mutable_referral_date() = platform::DateToProto(day);
    r.mutable_family_finding_referral()->set_referring_social_worker("Jo (child's social worker)");
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kChildsSocialWorker});
    return stub_->CreateFamilyFindingReferral(&ctx, r, out);
  };
  pb::FamilyFindingReferral referral, other;
  grpc::Status s = refer(child.name(), "ref-1", Today() - 60, &referral);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(referral.outcome(), pb::REFERRAL_OUTCOME_OPEN);
  ASSERT_EQ(Get(child.name()).milestones_size(), 1);
  EXPECT_EQ(Get(child.name()).milestones(0).kind(), pb::MILESTONE_KIND_FAMILY_FINDING_REFERRAL);
  EXPECT_EQ(PreconditionViolations(refer(child.name(), "ref-2", Today(), &other)),
            std::vector<std::string>{"STATE " + child.name()});
  // A retry of the first — which, as a new referral, would now be refused — answers as it did.
  pb::FamilyFindingReferral again;
  s = refer(child.name(), "ref-1", Today() - 60, &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.name(), referral.name());
  EXPECT_EQ(ViolatedFields(refer(child.name(), "ref-3", Today() + 1, &other)),
            std::vector<std::string>{"family_finding_referral.referral_date"});

  // The team allocates a family finder and plans a review that is now due.
  pb::UpdateFamilyFindingReferralRequest update;
  *update.mutable_family_finding_referral() = referral;
  update.mutable_family_finding_referral()->set_family_finder("finder-7");
  update.mutable_family_finding_referral()->add_activities(pb::FAMILY_FINDING_ACTIVITY_NATIONAL_PROFILE);
  *update.mutable_family_finding_referral()->mutable_next_plan_review_date() = platform::DateToProto(Today());
  for (const char* path : {"family_finder", "activities", "next_plan_review_date"}) {
    update.mutable_update_mask()->add_paths(path);
  }
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    s = stub_->UpdateFamilyFindingReferral(&ctx, update, &referral);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_EQ(referral.family_finder(), "finder-7");
  EXPECT_EQ(referral.etag(), "2");
  auto listed = [&](const std::string& filter) {
    pb::ListFamilyFindingReferralsRequest r;
    r.set_filter(filter);
    pb::ListFamilyFindingReferralsResponse out;
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    EXPECT_TRUE(stub_->ListFamilyFindingReferrals(&ctx, r, &out).ok());
    std::vector<std::string> names;
    for (const auto& x : out.family_finding_referrals()) names.push_back(x.name());
    return names;
  };
  EXPECT_EQ(listed("review_due = true"), std::vector<std::string>{referral.name()});
  EXPECT_EQ(listed("family_finder = \"finder-7\" AND outcome = \"REFERRAL_OUTCOME_OPEN\""),
            std::vector<std::string>{referral.name()});

  // The authority withdraws it; a new referral may follow.
  pb::WithdrawFamilyFindingReferralRequest withdraw;
  withdraw.set_name(referral.name());
  withdraw.set_etag(referral.etag());
  *withdraw.mutable_withdrawn_date() = platform::DateToProto(Today() - 1);
  withdraw.set_reason("Parallel plan: a connected person is being assessed");
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kChildsSocialWorker});
    s = stub_->WithdrawFamilyFindingReferral(&ctx, withdraw, &referral);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_EQ(referral.outcome(), pb::REFERRAL_OUTCOME_WITHDRAWN);
  EXPECT_EQ(referral.closed_reason(), "Parallel plan: a connected person is being assessed");
  EXPECT_TRUE(listed("review_due = true").empty());
  s = refer(child.name(), "ref-4", Today(), &other);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Get(child.name()).milestones_size(), 1);  // the journey's referral stays the first

  // The decision maker's match closes the open one.
  long long sequence = 40;
  ASSERT_TRUE(Decide(++sequence, child.name(), Today() - 10).ok());
  ASSERT_TRUE(Match(++sequence, {child.name()}, Household(platform::NewId()), Today()).ok());
  pb::GetFamilyFindingReferralRequest get;
  get.set_name(other.name());
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  ASSERT_TRUE(stub_->GetFamilyFindingReferral(&ctx, get, &other).ok());
  EXPECT_EQ(other.outcome(), pb::REFERRAL_OUTCOME_MATCHED);
  EXPECT_EQ(other.closed_date().day(), platform::DateToProto(Today()).day());
}

// Bad input to the referral and link verbs and the profiles names the field and the
// rule, and changes nothing.
TEST_P(JourneyApiTest, BadInputToReferralsLinksAndProfilesNamesTheFieldAndChangesNothing) {
  const pb::Child child = CreateLive("bad-child");
  pb::CreateFamilyFindingReferralRequest refer;
  refer.set_request_id("bad-ref");
  refer.mutable_family_finding_referral()->set_child(child.name());
  *refer.mutable_family_finding_referral()->mutable_referral_date() = platform::DateToProto(Today() - 5);
  pb::FamilyFindingReferral referral;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    ASSERT_TRUE(stub_->CreateFamilyFindingReferral(&ctx, refer, &referral).ok());
  }
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  using V = std::vector<std::string>;
  // UpdateFamilyFindingReferral: a path it cannot change; then a review before the referral.
  pb::UpdateFamilyFindingReferralRequest update;
  *update.mutable_family_finding_referral() = referral;
  update.mutable_update_mask()->add_paths("outcome");
  pb::FamilyFindingReferral out;
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    EXPECT_EQ(ViolatedFields(stub_->UpdateFamilyFindingReferral(&ctx, update, &out)), V{"update_mask"});
  }
  update.clear_update_mask();
  update.mutable_update_mask()->add_paths("next_plan_review_date");
  *update.mutable_family_finding_referral()->mutable_next_plan_review_date() = platform::DateToProto(Today() - 30);
  update.mutable_family_finding_referral()->clear_etag();
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    EXPECT_EQ(ViolatedFields(stub_->UpdateFamilyFindingReferral(&ctx, update, &out)),
              V{"family_finding_referral.etag"});
  }
  update.mutable_family_finding_referral()->set_etag(referral.etag());
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    EXPECT_EQ(ViolatedFields(stub_->UpdateFamilyFindingReferral(&ctx, update, &out)),
              V{"family_finding_referral.next_plan_review_date"});
  }
  // WithdrawFamilyFindingReferral: no etag, no day, no reason; then a day before the referral.
  pb::WithdrawFamilyFindingReferralRequest withdraw;
  withdraw.set_name(referral.name());
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kChildsSocialWorker});
    EXPECT_EQ(sorted(ViolatedFields(stub_->WithdrawFamilyFindingReferral(&ctx, withdraw, &out))),
              (V{"etag", "reason", "withdrawn_date"}));
  }
  withdraw.set_etag(referral.etag());
  withdraw.set_reason("The child returns home");
  *withdraw.mutable_withdrawn_date() = platform::DateToProto(Today() - 6);
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kChildsSocialWorker});
    EXPECT_EQ(ViolatedFields(stub_->WithdrawFamilyFindingReferral(&ctx, withdraw, &out)), V{"withdrawn_date"});
  }
  // ActivateLink / CloseLink: a name that is no link's, no etag; no reason.
  pb::ActivateLinkRequest activate;
  activate.set_name(child.name());
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    pb::Link link;
    EXPECT_EQ(sorted(ViolatedFields(stub_->ActivateLink(&ctx, activate, &link))), (V{"etag", "name"}));
  }
  pb::CloseLinkRequest close;
  close.set_name(child.name() + "/links/01j00000000000000000000001");
  close.set_etag("1");
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    pb::Link link;
    EXPECT_EQ(ViolatedFields(stub_->CloseLink(&ctx, close, &link)), V{"reason"});
  }
  // GetChildProfile: a child's record name is not a profile's.
  pb::GetChildProfileRequest profile;
  profile.set_name(child.name());
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    pb::ChildProfile p;
    EXPECT_EQ(ViolatedFields(stub_->GetChildProfile(&ctx, profile, &p)), V{"name"});
  }
  // Nothing changed: the referral is as it was made.
  pb::GetFamilyFindingReferralRequest get;
  get.set_name(referral.name());
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  ASSERT_TRUE(stub_->GetFamilyFindingReferral(&ctx, get, &out).ok());
  EXPECT_EQ(out.etag(), "1");
  EXPECT_EQ(out.outcome(), pb::REFERRAL_OUTCOME_OPEN);
  EXPECT_EQ(Rows("child_links"), 0);
}

// --- Links -----------------------------------------------------------------------------

// A household explored for a child: approved, within its cap of live links, on its
// approval's terms unless a filter is set aside with a reason; the match agreed at
// panel progresses the link and closes the other live links of the child and the household.
TEST_P(JourneyApiTest, ALinkIsMadeWithinTheCapAndTheTermsAndFollowsTheMatch) {
  const pb::Child child = CreateLive("link-child");  // two and a half, Rotherham
  const std::string approved = Registered(1, "E08000018");
  const std::string babies_only = Registered(2, "E08000018");
  const std::string waiting = Registered(3, "E08000018");  // not approved
  ASSERT_TRUE(Approve(11, approved, 0, 4, Today() - 100).ok());
  ASSERT_TRUE(Approve(12, babies_only, 0, 1, Today() - 100).ok());
  auto link = [&](const std::string& child_name, const std::string& household, const std::string& request_id,
                  pb::Link* out, const std::string& set_aside = "") {
    pb::CreateLinkRequest r;
    r.set_parent(child_name);
    r.set_request_id(request_id);
    r.mutable_link()->set_household(household);
    r.mutable_link()->set_provider(pb::PLACEMENT_PROVIDER_IN_HOUSE);
    r.mutable_link()->set_reason("Experienced with toddlers; lives near the birth grandparents' letterbox office.");
    *r.mutable_link()->mutable_link_date() = platform::DateToProto(Today());
    if (!set_aside.empty()) {
      pb::FilterOverride* o = r.mutable_link()->add_filter_overrides();
      o->set_filter(set_aside);
      o->set_reason("She is small for her age and her needs are those of a baby");
    }
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    return stub_->CreateLink(&ctx, r, out);
  };
  pb::Link made, other;
  EXPECT_EQ(PreconditionViolations(link(child.name(), waiting, "l-0", &made)),
            std::vector<std::string>{"STATE " + waiting});
  EXPECT_EQ(PreconditionViolations(link(child.name(), babies_only, "l-1", &made)),
            std::vector<std::string>{"FILTER " + babies_only});
  grpc::Status s = link(child.name(), babies_only, "l-2", &other, "age_range");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(other.filter_overrides(0).filter(), "age_range");
  s = link(child.name(), approved, "l-3", &made);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(made.status(), pb::LINK_STATUS_PROPOSED);
  EXPECT_EQ(made.name().rfind(child.name() + "/links/", 0), 0u);
  pb::Link again;
  ASSERT_TRUE(link(child.name(), approved, "l-3", &again).ok());  // a retry
  EXPECT_EQ(again.name(), made.name());
  EXPECT_EQ(PreconditionViolations(link(child.name(), approved, "l-4", &again)),
            std::vector<std::string>{"STATE " + approved});
  // The cap: three live links per household (family_finding_max_live_links).
  const pb::Child second = CreateLive("link-second"), third = CreateLive("link-third"), fourth = CreateLive("link-fourth");
  ASSERT_TRUE(link(second.name(), approved, "l-5", &again).ok());
  ASSERT_TRUE(link(third.name(), approved, "l-6", &again).ok());
  EXPECT_EQ(PreconditionViolations(link(fourth.name(), approved, "l-7", &again)),
            std::vector<std::string>{"CAP " + approved});
  // Bad input names each field and links nothing.
  pb::CreateLinkRequest bad;
  bad.set_parent(child.name());
  bad.set_request_id("l-bad");
  bad.mutable_link()->set_household("households");
  *bad.mutable_link()->mutable_link_date() = platform::DateToProto(Today() + 1);
  bad.mutable_link()->add_filter_overrides()->set_filter("postcode");
  {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    std::vector<std::string> fields = ViolatedFields(stub_->CreateLink(&ctx, bad, &again));
    std::sort(fields.begin(), fields.end());
    EXPECT_EQ(fields, (std::vector<std::string>{"link.filter_overrides[0].filter", "link.household", "link.provider"}));
  }
  EXPECT_EQ(Rows("child_links"), 4);

  // Explored, then the decision maker agrees the match at panel.
  auto verb = [&](const pb::Link& l, bool activate, pb::Link* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    if (activate) {
      pb::ActivateLinkRequest r;
      r.set_name(l.name());
      r.set_etag(l.etag());
      return stub_->ActivateLink(&ctx, r, out);
    }
    pb::CloseLinkRequest r;
    r.set_name(l.name());
    r.set_etag(l.etag());
    r.set_reason("Not right for her");
    return stub_->CloseLink(&ctx, r, out);
  };
  pb::Link active;
  ASSERT_TRUE(verb(made, true, &active).ok());
  EXPECT_EQ(active.status(), pb::LINK_STATUS_ACTIVE);
  EXPECT_EQ(verb(made, true, &again).error_code(), grpc::StatusCode::ABORTED);  // stale etag
  EXPECT_EQ(PreconditionViolations(verb(active, true, &again)).size(), 1u);  // already active
  long long sequence = 20;
  ASSERT_TRUE(Decide(++sequence, child.name(), Today() - 20).ok());
  ASSERT_TRUE(Match(++sequence, {child.name()}, approved, Today()).ok());
  auto get = [&](const std::string& name) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kChildsSocialWorker});
    pb::GetLinkRequest r;
    r.set_name(name);
    pb::Link out;
    EXPECT_TRUE(stub_->GetLink(&ctx, r, &out).ok());
    return out;
  };
  auto status_of = [&](const std::string& name) {
    const pb::Link l = get(name);
    return std::make_pair(l.status(), l.status_reason());
  };
  EXPECT_EQ(status_of(made.name()).first, pb::LINK_STATUS_PROGRESSED_TO_MATCH);
  EXPECT_EQ(status_of(other.name()), std::make_pair(pb::LINK_STATUS_CLOSED,
                                                    std::string("the child was matched with another household")));
  // The household's links with the other children closed too: the cap is free again.
  pb::ListLinksRequest list;
  list.set_parent("children/-");
  list.set_filter("household = \"" + approved + "\" AND status = \"LINK_STATUS_CLOSED\"");
  pb::ListLinksResponse closed;
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kManager});
  ASSERT_TRUE(stub_->ListLinks(&ctx, list, &closed).ok());
  EXPECT_EQ(closed.links_size(), 2);
  EXPECT_EQ(PreconditionViolations(verb(get(made.name()), false, &again)).size(), 1u);  // progressed: not live
  // recruitment-svc heard the household become linked (its first live link) and, when
  // the match closed the rest, have none: LinksChanged 1 then 0, nothing in between.
  std::vector<int> told;
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) {
                    const std::string id = approved.substr(std::string("households/").size());
                    const std::string type = ev::HouseholdLinksChanged::descriptor()->full_name();
                    soci::rowset<std::string> rows =
                        (sql.prepare << "SELECT payload FROM outbox WHERE type = :t AND aggregateid = :a ORDER BY "
                                        "outbox_pk",
                         soci::use(type), soci::use(id));
                    for (const std::string& payload : rows) {
                      ev::HouseholdLinksChanged e;
                      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(payload, &e).ok());
                      told.push_back(e.live_links());
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(told, (std::vector<int>{1, 0}));
}

// --- Partner agencies --------------------------------------------------------------------

// A partner agency's token reads the anonymised profiles of the children waiting and
// its own households' links — and, calling everything the policy lets it call, finds
// nothing that identifies a child: no name, date of birth, authority, or the family
// finder's words.
TEST_P(JourneyApiTest, APartnerAgencyReadsAnonymisedProfilesAndItsLinksAndNothingThatIdentifiesAChild) {
  // Amy Jones, Rotherham's (E08000018), born two and a half years ago; a sibling group of two.
  const pb::Child amy = CreateLive("partner-amy", /*early_permanence=*/false, "jones-siblings");
  const pb::Child brother = CreateLive("partner-brother", false, "jones-siblings");
  const pb::Child other = CreateLive("partner-other");  // no decision yet: not offered
  long long sequence = 60;
  ASSERT_TRUE(Decide(++sequence, amy.name(), Today() - 70).ok());
  ASSERT_TRUE(Decide(++sequence, brother.name(), Today() - 70).ok());
  pb::ImportPartnerHouseholdResponse imported;
  ASSERT_TRUE(ImportPartner(PartnerOf("VAA-P1", "Example Voluntary Adoption Agency"), &imported).ok());
  pb::ImportPartnerHouseholdResponse elsewhere;
  ASSERT_TRUE(ImportPartner(PartnerOf("VAA-P2", "Another Agency"), &elsewhere).ok());
  auto link = [&](const std::string& household, const std::string& request_id) {
    pb::CreateLinkRequest r;
    r.set_parent(amy.name());
    r.set_request_id(request_id);
    r.mutable_link()->set_household(household);
    r.mutable_link()->set_provider(pb::PLACEMENT_PROVIDER_VOLUNTARY_ADOPTION_AGENCY);
    r.mutable_link()->set_reason("Amy Jones loves horses, as this family does");
    *r.mutable_link()->mutable_link_date() = platform::DateToProto(Today());
    pb::FilterOverride* o = r.mutable_link()->add_filter_overrides();
    o->set_filter("sibling_group");
    o->set_reason("Amy's brother may be placed apart");
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    pb::Link out;
    grpc::Status s = stub_->CreateLink(&ctx, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  };
  const pb::Link ours = link(imported.household_profile().household(), "partner-link-1");
  const pb::Link theirs = link(elsewhere.household_profile().household(), "partner-link-2");

  // The partner's token, by the agency id config/agency.tsv lists.
  platform::TokenRequest partner;
  partner.subject = "vaa-worker";
  partner.roles = {Role::kPartnerAgency};
  partner.agency = "example-vaa";
  std::string seen;  // every response, as text
  // One call as the partner: its status, and its response added to what was seen.
  auto call = [&](auto method, const auto& request, auto* response) {
    grpc::ClientContext ctx;
    Authorize(ctx, partner);
    grpc::Status s = ((*stub_).*method)(&ctx, request, response);
    seen += response->DebugString();
    return s;
  };
  using Stub = pb::FamilyFindingService::Stub;
  pb::ListChildProfilesResponse profiles;
  ASSERT_TRUE(call(&Stub::ListChildProfiles, pb::ListChildProfilesRequest(), &profiles).ok());
  ASSERT_EQ(profiles.child_profiles_size(), 2);  // Amy and her brother; not the child without a decision
  const pb::ChildProfile& p = profiles.child_profiles(0);
  EXPECT_EQ(p.name(), "childProfiles/" + IdOf(amy.name()));
  EXPECT_EQ(p.age_band(), "1_TO_4");
  EXPECT_EQ(p.region(), "Yorkshire and The Humber");
  EXPECT_EQ(p.children_to_place(), 2);
  EXPECT_EQ(p.months_waiting(), 2);
  pb::GetChildProfileRequest get_profile;
  get_profile.set_name(p.name());
  pb::ChildProfile one;
  ASSERT_TRUE(call(&Stub::GetChildProfile, get_profile, &one).ok());
  pb::ListLinksRequest list_links;
  list_links.set_parent("children/-");
  pb::ListLinksResponse links;
  ASSERT_TRUE(call(&Stub::ListLinks, list_links, &links).ok());
  ASSERT_EQ(links.links_size(), 1);  // its own household's, not another agency's
  EXPECT_EQ(links.links(0).name(), ours.name());
  EXPECT_EQ(links.links(0).filter_overrides(0).filter(), "sibling_group");
  pb::GetLinkRequest get_link;
  get_link.set_name(ours.name());
  pb::Link one_link;
  ASSERT_TRUE(call(&Stub::GetLink, get_link, &one_link).ok());
  // Its own households: what it offered (and what was imported as its), nobody else's.
  // They are the partner's own records, so they are kept apart from `seen`, whose
  // check is for the child.
  std::string own;
  auto own_call = [&](auto method, const auto& request, auto* response) {
    grpc::ClientContext ctx;
    Authorize(ctx, partner);
    grpc::Status s = ((*stub_).*method)(&ctx, request, response);
    own += response->DebugString();
    return s;
  };
  pb::HouseholdProfile offered;
  ASSERT_TRUE(own_call(&Stub::OfferHousehold, OfferOf("VAA-OFFER-1"), &offered).ok());
  pb::ListHouseholdProfilesResponse households;
  ASSERT_TRUE(own_call(&Stub::ListHouseholdProfiles, pb::ListHouseholdProfilesRequest(), &households).ok());
  std::set<std::string> listed;
  for (const auto& h : households.household_profiles()) listed.insert(h.name());
  EXPECT_EQ(listed, (std::set<std::string>{offered.name(), imported.household_profile().name()}));
  pb::GetHouseholdProfileRequest get_household;
  get_household.set_name(offered.name());
  pb::HouseholdProfile household;
  ASSERT_TRUE(own_call(&Stub::GetHouseholdProfile, get_household, &household).ok());
  pb::WithdrawHouseholdOfferRequest withdraw;
  withdraw.set_name(offered.name());
  ASSERT_TRUE(own_call(&Stub::WithdrawHouseholdOffer, withdraw, &household).ok());
  get_household.set_name(elsewhere.household_profile().name());
  EXPECT_EQ(own_call(&Stub::GetHouseholdProfile, get_household, &household).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Every method the policy grants a partner is one of those called above.
  std::set<std::string> granted;
  for (const auto& policy : Policies().policies()) {
    for (const auto& grant : policy.grants) {
      if (grant.role == Role::kPartnerAgency) granted.insert(policy.method);
    }
  }
  EXPECT_EQ(granted, (std::set<std::string>{"ListChildProfiles", "GetChildProfile", "ListLinks", "GetLink",
                                            "OfferHousehold", "WithdrawHouseholdOffer", "GetHouseholdProfile",
                                            "ListHouseholdProfiles"}));
  // Nothing that identifies the child: neither its details nor the fields that hold them.
  for (const char* identifying : {"Amy", "Jones", "E08000018", "Rotherham", "horses", "given_name", "family_name",
                                  "date_of_birth", "local_authority", "health"}) {
    EXPECT_EQ(seen.find(identifying), std::string::npos) << identifying << " in:\n" << seen;
  }
  for (const char* identifying : {"Amy", "Jones", "E08000018", "horses", "given_name", "family_name", "date_of_birth",
                                  "children/", "childProfiles/"}) {
    EXPECT_EQ(own.find(identifying), std::string::npos) << identifying << " in:\n" << own;
  }
  // Another agency's link is not there, to the partner; nor is a child's record.
  pb::GetLinkRequest not_theirs;
  not_theirs.set_name(theirs.name());
  EXPECT_EQ(call(&Stub::GetLink, not_theirs, &one_link).error_code(), grpc::StatusCode::NOT_FOUND);
  pb::GetChildRequest record;
  record.set_name(amy.name());
  pb::Child child_record;
  EXPECT_EQ(call(&Stub::GetChild, record, &child_record).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // An agency that is not a partner sees no profile.
  partner.agency = "stranger-vaa";
  pb::ListChildProfilesResponse none;
  ASSERT_TRUE(call(&Stub::ListChildProfiles, pb::ListChildProfilesRequest(), &none).ok());
  EXPECT_EQ(none.child_profiles_size(), 0);
  (void)other;
}

// --- Retention and disposal (docs/records.md) ----------------------------------

// An adopted child's case record is kept 100 years from the adoption order; then a
// manager may dispose of it, which erases the child, its milestones, links and their
// filters, from every table but the logs, and leaves the tombstone.
TEST_P(JourneyApiTest, AnAdoptedChildsRecordIsDueAHundredYearsAfterTheOrderAndDisposalErasesIt) {
  namespace rpb = adoption::records::v1;
  const Date today = Today();
  pb::Child child = CreateLive("kept"), open = CreateLive("open");
  const std::string id = child.name().substr(child.name().find('/') + 1);
  const std::string household = Household(platform::NewId());
  // A link explored on the way, with a filter set aside: part of the child's record.
  const std::string babies_only = Registered(1, "E08000018");
  ASSERT_TRUE(Approve(11, babies_only, 0, 1, today - 300).ok());
  {
    pb::CreateLinkRequest r;
    r.set_parent(child.name());
    r.set_request_id("kept-link");
    r.mutable_link()->set_household(babies_only);
    r.mutable_link()->set_provider(pb::PLACEMENT_PROVIDER_IN_HOUSE);
    r.mutable_link()->set_reason("Lives near the birth grandparents");
    *r.mutable_link()->mutable_link_date() = platform::DateToProto(today - 290);
    pb::FilterOverride* o = r.mutable_link()->add_filter_overrides();
    o->set_filter("age_range");
    o->set_reason("Her needs are those of a baby");
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    pb::Link made;
    grpc::Status s = stub_->CreateLink(&ctx, r, &made);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  ASSERT_TRUE(Decide(1, child.name(), today - 280).ok());
  RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_PLACEMENT_ORDER, today - 250));
  ASSERT_TRUE(Match(2, {child.name()}, household, today - 200).ok());
  RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_INTRODUCTIONS_STARTED, today - 190, household));
  RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_PLACED, today - 180, household));
  RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_ADOPTION_ORDER, today - 10));
  const Date ordered = today - 10, until(ordered.year() + 100, ordered.month(), ordered.day());

  auto records = rpb::RecordsService::NewStub(platform::testing::ChannelTo(*host_));
  const auto due = [&](Date through) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    rpb::ListDueRecordsRequest r;
    SetDate(r.mutable_due_date(), through.year(), through.month(), through.day());
    rpb::ListDueRecordsResponse out;
    EXPECT_TRUE(records->ListDueRecords(&ctx, r, &out).ok());
    return out;
  };
  EXPECT_EQ(due(until - 1).due_records_size(), 0);
  rpb::ListDueRecordsResponse listed = due(until);
  ASSERT_EQ(listed.due_records_size(), 1);
  EXPECT_EQ(listed.due_records(0).record_type(), "child");
  EXPECT_EQ(listed.due_records(0).record_id(), id);
  EXPECT_EQ(listed.due_records(0).basis(), absl::StrCat("100 years from the adoption order of ",
                                                        platform::FormatDate(ordered),
                                                        " (retention_adoption_case_record_years)"));

  const auto dispose = [&](const std::string& which, rpb::Disposal* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    rpb::DisposeOfRecordRequest r;
    r.mutable_disposal()->set_record_type("child");
    r.mutable_disposal()->set_record_id(which);
    r.mutable_disposal()->set_decision("Reviewed after 100 years; the adopted person's wishes recorded");
    return records->DisposeOfRecord(&ctx, r, out);
  };
  rpb::Disposal disposal;
  EXPECT_EQ(dispose(id, &disposal).error_code(), grpc::StatusCode::FAILED_PRECONDITION);  // 99 years on
  clock_.Set(until);
  EXPECT_EQ(dispose(open.name().substr(open.name().find('/') + 1), &disposal).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // never adopted: kept
  const long long links = Rows("child_links"), milestones = Rows("child_milestones");
  ASSERT_EQ(links, 1);
  ASSERT_EQ(Rows("child_link_overrides"), 1);
  grpc::Status s = dispose(id, &disposal);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(DayOf(disposal.retain_until()), until);
  EXPECT_EQ(Rows("child_links"), 0);
  EXPECT_EQ(Rows("child_link_overrides"), 0);
  EXPECT_LT(Rows("child_milestones"), milestones);
  EXPECT_EQ(Rows("children"), 1);
  // Only the logs (which name no one) and the tombstone still name the child; the
  // household's profile keeps the match it took part in (the household's record).
  EXPECT_EQ(platform::testing::TablesHolding(host_->db(), id),
            (std::set<std::string>{"audit_log", "outbox", "create_requests", "record_disposals"}));
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kFamilyFinder});
  pb::GetChildRequest get;
  get.set_name(child.name());
  pb::Child gone;
  EXPECT_EQ(stub_->GetChild(&ctx, get, &gone).error_code(), grpc::StatusCode::NOT_FOUND);
}

// A child's disclosure (docs/records.md, "Disclosure"): the child's record, the links
// to households considered — what was written about the family not chosen marked for
// review, the adopters' own link not — and nothing of another child; the adopters'
// disclosure holds their profile and their link, the child it names marked.
TEST_P(JourneyApiTest, ADisclosureHoldsTheChildsRecordWithTheFamiliesNotChosenMarked) {
  namespace rpb = adoption::records::v1;
  const Date today = Today();
  pb::Child child = CreateLive("told"), other = CreateLive("other");
  const std::string id = child.name().substr(child.name().find('/') + 1);
  const std::string adopters = Registered(1, "E08000018"), considered = Registered(2, "E08000018");
  ASSERT_TRUE(Approve(11, adopters, 0, 4, today - 300).ok());
  ASSERT_TRUE(Approve(12, considered, 0, 4, today - 300).ok());
  auto link = [&](const pb::Child& c, const std::string& household, const std::string& reason) {
    pb::CreateLinkRequest r;
    r.set_parent(c.name());
    r.set_request_id("link-" + c.name() + household);
    r.mutable_link()->set_household(household);
    r.mutable_link()->set_provider(pb::PLACEMENT_PROVIDER_IN_HOUSE);
    r.mutable_link()->set_reason(reason);
    *r.mutable_link()->mutable_link_date() = platform::DateToProto(today - 290);
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kFamilyFinder});
    pb::Link made;
    grpc::Status s = stub_->CreateLink(&ctx, r, &made);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return made;
  };
  const pb::Link theirs = link(child, considered, "The Okafors keep bees near Whitby");
  link(other, considered, "A second child: Sam, who likes trains");
  ASSERT_TRUE(Decide(1, child.name(), today - 280).ok());
  RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_PLACEMENT_ORDER, today - 250));
  ASSERT_TRUE(Match(2, {child.name()}, adopters, today - 200).ok());
  RecordOk(child.name(), MilestoneOf(pb::MILESTONE_KIND_PLACED, today - 180, adopters));

  platform::testing::RecordsClient records(*host_);
  rpb::Disclosure told;
  grpc::Status s = records.Export(child.name(), &told);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(told.subject(), child.name());
  std::map<std::string, std::string> kinds;
  for (const auto& item : told.items()) kinds[item.record()] = item.record_type();
  EXPECT_EQ(kinds[child.name()], "child");
  EXPECT_EQ(kinds[theirs.name()], "link");
  // The family not chosen: what was written about them is marked, nothing else.
  std::vector<std::string> flagged;
  for (const auto& item : told.items()) {
    for (const auto& d : item.third_party_details()) flagged.push_back(item.record() + " " + d.field() + " " + d.third_party());
    EXPECT_FALSE(item.created_by().empty()) << item.record();
    EXPECT_TRUE(item.has_create_time()) << item.record();
  }
  EXPECT_EQ(flagged, std::vector<std::string>{theirs.name() + " reason prospective adopters"});
  std::string all;
  for (const auto& item : told.items()) all += item.content().DebugString();
  EXPECT_EQ(all.find("Sam"), std::string::npos);  // the other child's link is not the child's
  EXPECT_EQ(all.find(other.name()), std::string::npos);

  // The considered family's own disclosure: their link to each child, each child marked.
  rpb::Disclosure family;
  ASSERT_TRUE(records.Export(considered, &family).ok());
  int links = 0;
  for (const auto& item : family.items()) {
    if (item.record_type() != "link") continue;
    ++links;
    ASSERT_EQ(item.third_party_details_size(), 1) << item.record();
    EXPECT_EQ(item.third_party_details(0).field(), "name");
    EXPECT_EQ(item.third_party_details(0).third_party(), "another child");
  }
  EXPECT_EQ(links, 2);

  rpb::Disclosure refused;
  EXPECT_EQ(platform::testing::ViolatedFields(records.Export("people/1", &refused)),
            std::vector<std::string>{"subject"});
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kFamilyFinder});
  rpb::ExportDisclosureRequest r;
  r.set_subject(child.name());
  EXPECT_EQ(rpb::RecordsService::NewStub(platform::testing::ChannelTo(*host_))->ExportDisclosure(&ctx, r, &refused)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  long long audited = 0;
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) {
                    sql << "SELECT COUNT(*) FROM audit_log WHERE action = 'ExportDisclosure' AND resource_type = "
                           "'child' AND resource_id = :id AND outcome = 'OK'",
                        soci::use(id), soci::into(audited);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(audited, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, JourneyApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });
}  // namespace
}  // namespace familyfinding
