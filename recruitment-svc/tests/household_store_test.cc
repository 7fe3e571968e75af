// The store on both backends: SQLite here, MariaDB in the integration run.
#include "recruitment-svc/store/household_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "platform/core/ids.h"
#include "platform/db/record.h"
#include "platform/testing/testing.h"
#include "recruitment-svc/domain/history.h"
#include "recruitment-svc/domain/journey.h"
#include "recruitment-svc/domain/reports.h"
#include "recruitment-svc/domain/stage_one.h"

namespace recruitment {
const std::vector<platform::EmbeddedFile>& Migrations();
namespace {

using platform::Date;

class HouseholdStoreTest : public platform::testing::StoreTest {
 protected:
  HouseholdStoreTest() : StoreTest("recruitment", Migrations()) {}

  Household Make(const std::string& la = "E09000006") {
    HouseholdDetails d;
    d.applicants = {{"Jo", "Smith", Date(1980, 2, 29), "WHITE_BRITISH"}};
    d.family_structure = FamilyStructure::kSingle;
    d.home_local_authority = la;
    d.enquiry_date = Date(2025, 4, 1);
    return RegisterHousehold(platform::NewId(), d, "worker-1", platform::NowMicros());
  }

  void Insert(const Household& h) {
    Write([&](soci::session& tx) { store_.Insert(tx, h); });
  }
  std::optional<Household> Get(const std::string& id) {
    std::optional<Household> got;
    Read([&](soci::session& sql) { got = store_.Get(sql, id); });
    return got;
  }
  bool Update(Household& h, long long expected_version) {
    bool ok = false;
    Write([&](soci::session& tx) { ok = store_.Update(tx, h, expected_version); });
    return ok;
  }

  HouseholdStore store_;
};

TEST_P(HouseholdStoreTest, AnInsertedHouseholdReadsBackWhole) {
  Household h = Make();
  h.details.applicants.push_back({"Ann", "Smith-Ng", std::nullopt, ""});
  h.details.family_structure = FamilyStructure::kCoupleDifferentSex;
  h.details.early_permanence_interest = true;
  Insert(h);
  std::optional<Household> got = Get(h.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->details.applicants.size(), 2u);
  EXPECT_EQ(got->details.applicants[0].date_of_birth, Date(1980, 2, 29));
  EXPECT_EQ(got->details.applicants[1].date_of_birth, std::nullopt);
  EXPECT_EQ(got->details.family_structure, FamilyStructure::kCoupleDifferentSex);
  EXPECT_TRUE(got->details.early_permanence_interest);
  EXPECT_EQ(got->details.enquiry_date, Date(2025, 4, 1));
  EXPECT_EQ(got->created_at, h.created_at);
}

TEST_P(HouseholdStoreTest, ListPagesInIdOrderAndFilters) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    Household h = Make(i % 2 ? "E08000018" : "E09000006");
    Insert(h);
    ids.push_back(h.id);
  }
  std::sort(ids.begin(), ids.end());
  HouseholdQuery q;
  q.coverage = platform::Coverage::Everything();
  q.page.size = 2;
  EXPECT_EQ(ListAllIds(store_, q), ids);
  HouseholdQuery rotherham;
  rotherham.coverage = platform::Coverage::Everything();
  rotherham.home_local_authority = "E08000018";
  EXPECT_EQ(ListAllIds(store_, rotherham).size(), 2u);
}

TEST_P(HouseholdStoreTest, AnUpdateWithAStaleVersionChangesNothing) {
  Household h = Make();
  Insert(h);
  h.details.home_local_authority = "E08000018";
  EXPECT_FALSE(Update(h, 7));
  EXPECT_EQ(Rows("household_history"), 0);
}

TEST_P(HouseholdStoreTest, AnUpdateKeepsThePreviousVersionAndApplicants) {
  Household h = Make();
  Insert(h);
  h.details.applicants[0].family_name = "Smythe";
  ASSERT_TRUE(Update(h, 1));
  EXPECT_EQ(h.version, 2);
  EXPECT_EQ(Rows("household_history"), 1);
  EXPECT_EQ(Rows("household_applicants"), 2);  // nothing hard-deleted
  std::optional<Household> got = Get(h.id);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->details.applicants.size(), 1u);
  EXPECT_EQ(got->details.applicants[0].family_name, "Smythe");
  EXPECT_EQ(got->version, 2);
}

TEST_P(HouseholdStoreTest, TheJourneyIsAppendedInOrderAndReadBackWithTheRoute) {
  Household h = Make();
  h.details.route = Route::kFastTrack;
  h.details.second_time_adopters = true;
  Insert(h);
  const platform::Revision by{.actor = "worker-2", .at = 77, .today = Date(2025, 12, 1)};
  const JourneyRules kRules{.stage_one = {.personal_references_min = 3}};
  ASSERT_TRUE(
      TakeStep(h, {JourneyEvent::kStageTwoStarted, Date(2025, 5, 1), ""}, StepOrigin::kRecruitment, kRules, by).ok());
  ASSERT_TRUE(Update(h, 1));
  ASSERT_TRUE(TakeStep(h, {JourneyEvent::kWithdrawn, Date(2025, 6, 2), "work commitments"}, StepOrigin::kRecruitment,
                       kRules, by)
                  .ok());
  h.dual_approval_sought = true;
  ASSERT_TRUE(Update(h, 2));
  EXPECT_EQ(Rows("household_journey"), 2);  // the first step was not written twice

  std::optional<Household> got = Get(h.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->details.route, Route::kFastTrack);
  EXPECT_TRUE(got->dual_approval_sought);
  EXPECT_EQ(got->status, HouseholdStatus::kWithdrawn);
  ASSERT_EQ(got->journey.size(), 2u);
  EXPECT_EQ(got->journey[0].event, JourneyEvent::kStageTwoStarted);
  EXPECT_EQ(got->journey[0].from, HouseholdStatus::kEnquiry);
  EXPECT_EQ(got->journey[0].to, HouseholdStatus::kStageTwo);
  EXPECT_EQ(got->journey[1].date, Date(2025, 6, 2));
  EXPECT_EQ(got->journey[1].reason, "work commitments");
  EXPECT_EQ(got->journey[1].recorded_by, "worker-2");
  EXPECT_EQ(got->journey[1].recorded_at, 77);
}

TEST_P(HouseholdStoreTest, ACorruptStoredValueIsAnErrorNotADefault) {
  Household h = Make();
  Insert(h);
  // In the copy of its parts the household's row keeps, and in the parts' own table (read
  // when the row holds no copy: one written before the copy was kept).
  Write([&](soci::session& tx) {
    tx << "UPDATE households SET parts = REPLACE(parts, '1980-02-29', '1980-02-30') WHERE id = :id", soci::use(h.id);
  });
  Read([&](soci::session& sql) { EXPECT_THROW(store_.Get(sql, h.id), platform::CorruptRecord); });
  Write([&](soci::session& tx) {
    tx << "UPDATE households SET parts = NULL WHERE id = :id", soci::use(h.id);
    tx << "UPDATE household_applicants SET date_of_birth = '1980-02-30' WHERE household_id = :id", soci::use(h.id);
  });
  Read([&](soci::session& sql) { EXPECT_THROW(store_.Get(sql, h.id), platform::CorruptRecord); });
  Write([&](soci::session& tx) {
    tx << "UPDATE household_applicants SET date_of_birth = NULL WHERE household_id = :id", soci::use(h.id);
    tx << "UPDATE households SET status = 'ADOPTED_SOMEWHERE' WHERE id = :id", soci::use(h.id);
  });
  Read([&](soci::session& sql) {
    EXPECT_THROW(store_.Get(sql, h.id), platform::CorruptRecord);
    HouseholdQuery q;
    q.coverage = platform::Coverage::Everything();
    EXPECT_THROW(store_.List(sql, q), platform::CorruptRecord);
  });
}

// Everything a read gives of a household's parts, to compare two reads.
std::string Parts(const Household& h) {
  std::string out = absl::StrCat("version ", h.version, "\n");
  auto date = [](const std::optional<Date>& d) { return d ? platform::FormatDate(*d) : std::string("-"); };
  for (const Applicant& a : h.details.applicants) {
    absl::StrAppend(&out, "applicant ", a.given_name, "|", a.family_name, "|", date(a.date_of_birth), "|", a.ethnicity,
                    "\n");
  }
  for (const JourneyStep& s : h.journey) {
    absl::StrAppend(&out, "step ", EventName(s.event), "|", platform::FormatDate(s.date), "|", StatusName(s.from), "|",
                    StatusName(s.to), "|", s.reason, "|", s.recorded_at, "|", s.recorded_by, "\n");
  }
  for (const StageOneCheck& c : h.stage_one_checks) {
    absl::StrAppend(&out, "check ", CheckKindName(c.kind), "|", c.applicant, "|", c.ordinal, "|", date(c.requested),
                    "|", date(c.received), "|", CheckOutcomeName(c.outcome), "|", c.notes, "|", c.recorded_at, "|",
                    c.recorded_by, "\n");
  }
  if (h.approval) {
    const ApprovalTerms& t = *h.approval;
    absl::StrAppend(&out, "approval ", t.max_children, "|", t.min_age_years, "|", t.max_age_years, "|",
                    t.dual_approval, "|", t.min_children, "|", t.sibling_groups, "|", t.disability_acceptable, "|",
                    t.health_needs_acceptable, "|", absl::StrJoin(t.ethnicities, ","), "\n");
  }
  return out;
}

// A household's row keeps a copy of its parts, written with them: a Get and a List read
// it, and it gives what the parts' tables give, however the household came to be
// (created, changed, imported with its checks and approval).
TEST_P(HouseholdStoreTest, AHouseholdsRowKeepsACopyOfItsPartsThatIsWhatTheirTablesHold) {
  using E = JourneyEvent;
  const platform::Revision by{.actor = "worker-2", .at = 77, .today = Date(2025, 12, 1)};
  const JourneyRules rules{.stage_one = {.personal_references_min = 3}};
  // Values that a delimiter or an escape would trip on.
  const std::string awkward = "Zo\u00eb \"o'k\" \\ \t;5:~,\n12:";

  Household created = Make();
  created.details.applicants.push_back({awkward, "", std::nullopt, ""});
  Insert(created);

  Household changed = Make("E08000018");
  Insert(changed);
  ASSERT_TRUE(ApplyHistory(changed, {{E::kRoiReceived, Date(2025, 5, 1)}, {E::kRoiAccepted, Date(2025, 5, 1)},
                                     {E::kStageOneStarted, Date(2025, 5, 2)}}, rules, by).ok());
  ASSERT_TRUE(RecordCheck(changed, {.kind = CheckKind::kEnhancedDbs, .requested = Date(2025, 5, 3), .notes = awkward},
                          by, "check.").ok());
  ASSERT_TRUE(RecordCheck(changed, {.kind = CheckKind::kPersonalReference, .ordinal = 2}, by, "check.").ok());
  ASSERT_TRUE(Update(changed, 1));
  changed.details.applicants[0].family_name = "Smythe";
  ASSERT_TRUE(RecordCheck(changed, {.kind = CheckKind::kEnhancedDbs, .requested = Date(2025, 5, 3),
                                    .received = Date(2025, 6, 1), .outcome = CheckOutcome::kSatisfactory},
                          by, "check.").ok());
  ASSERT_TRUE(Update(changed, 2));

  Household imported = Make();
  imported.details.enquiry_date = Date(2024, 1, 10);
  ASSERT_TRUE(ApplyHistory(imported, {{E::kRoiReceived, Date(2024, 2, 1)}, {E::kRoiAccepted, Date(2024, 2, 1)},
                                      {E::kStageOneStarted, Date(2024, 2, 5)}, {E::kStageOneCompleted, Date(2024, 4, 1)},
                                      {E::kStageTwoStarted, Date(2024, 4, 10)}}, rules, by).ok());
  ASSERT_TRUE(RecordUpstreamStep(imported, E::kApproved, Date(2024, 9, 12), StepOrigin::kPanel,
                                 ApprovalTerms{.max_children = 2, .max_age_years = 5, .ethnicities = {"WBRI", "WIRI"}},
                                 rules, by).ok());
  // As the old system's extract gives them (adoptctl import).
  imported.stage_one_checks.push_back({.kind = CheckKind::kMedical, .received = Date(2024, 3, 1),
                                       .outcome = CheckOutcome::kSatisfactory, .notes = "GP letter"});
  Insert(imported);

  const std::vector<std::string> ids = {created.id, changed.id, imported.id};
  auto read_all = [&] {
    std::map<std::string, std::string> got;
    for (const std::string& id : ids) {
      std::optional<Household> h = Get(id);
      EXPECT_TRUE(h) << id;
      if (h) got[id] = Parts(*h);
    }
    HouseholdQuery q;
    q.coverage = platform::Coverage::Everything();
    Read([&](soci::session& sql) {
      for (const Household& h : store_.List(sql, q)) EXPECT_EQ(Parts(h), got[h.id]) << "List of " << h.id;
    });
    return got;
  };
  Read([&](soci::session& sql) { EXPECT_EQ(platform::CountRowsWhere(sql, "households", "parts IS NOT NULL", {}), 3); });
  const std::map<std::string, std::string> from_copies = read_all();
  EXPECT_NE(from_copies.at(created.id).find(awkward), std::string::npos);
  EXPECT_NE(from_copies.at(changed.id).find("Smythe"), std::string::npos);
  EXPECT_NE(from_copies.at(imported.id).find("GP letter"), std::string::npos);
  EXPECT_NE(from_copies.at(imported.id).find("WBRI,WIRI"), std::string::npos);

  // The copy is what is read: a part changed behind the store's back is not seen until
  // the version moves on, and a copy of another version is never read.
  // (Each household's, so a write that left its copy at an earlier version would show.)
  auto set_first_ethnicity = [&](const std::string& id, const std::string& ethnicity) {
    Write([&](soci::session& tx) {
      tx << "UPDATE household_applicants SET ethnicity = :e WHERE household_id = :id AND position = 0 AND "
            "superseded_at IS NULL",
          soci::use(ethnicity), soci::use(id);
    });
  };
  auto set_version = [&](int version) {
    Write([&](soci::session& tx) {
      tx << "UPDATE households SET version = :v WHERE id = :id", soci::use(version), soci::use(created.id);
    });
  };
  for (const std::string& id : ids) set_first_ethnicity(id, "OTHER");
  for (const std::string& id : ids) EXPECT_EQ(Parts(*Get(id)), from_copies.at(id)) << id;
  set_version(2);
  EXPECT_NE(Parts(*Get(created.id)).find("|1980-02-29|OTHER\n"), std::string::npos);
  set_version(1);
  for (const std::string& id : ids) set_first_ethnicity(id, "WHITE_BRITISH");

  // Without the copies (rows written before they were kept), the parts' tables give the same.
  Write([&](soci::session& tx) { tx << "UPDATE households SET parts = NULL"; });
  EXPECT_EQ(read_all(), from_copies);
}

// The decision maker's terms are kept whole (panel-svc's AdopterApproved).
TEST_P(HouseholdStoreTest, AnApprovalKeepsItsWholeTerms) {
  using E = JourneyEvent;
  const platform::Revision by{.actor = "importer", .at = 1, .today = Date(2025, 12, 1)};
  const JourneyRules rules{.stage_one = {.personal_references_min = 3}};
  Household h = Make();
  h.details.enquiry_date = Date(2024, 1, 10);
  ASSERT_TRUE(ApplyHistory(h,
                           {{E::kRoiReceived, Date(2024, 2, 1)},
                            {E::kRoiAccepted, Date(2024, 2, 1)},
                            {E::kStageOneStarted, Date(2024, 2, 5)},
                            {E::kStageOneCompleted, Date(2024, 4, 1)},
                            {E::kStageTwoStarted, Date(2024, 4, 10)}},
                           rules, by)
                  .ok());
  const ApprovalTerms terms{.max_children = 3,
                            .min_age_years = 1,
                            .max_age_years = 9,
                            .dual_approval = false,
                            .min_children = 2,
                            .sibling_groups = true,
                            .disability_acceptable = true,
                            .health_needs_acceptable = "Global developmental delay"};
  ASSERT_TRUE(RecordUpstreamStep(h, E::kApproved, Date(2024, 9, 12), StepOrigin::kPanel, terms, rules, by).ok());
  Insert(h);
  auto got = Get(h.id);
  ASSERT_TRUE(got.has_value());
  ASSERT_TRUE(got->approval.has_value());
  EXPECT_EQ(*got->approval, terms);
}

TEST_P(HouseholdStoreTest, TheFunnelInSqlCountsWhatTheDomainsDefinitionCounts) {
  using E = JourneyEvent;
  const platform::Revision by{.actor = "importer", .at = 1, .today = Date(2025, 12, 1)};
  const JourneyRules rules{.stage_one = {.personal_references_min = 3}};
  const ApprovalTerms dual{.max_children = 2, .min_age_years = 0, .max_age_years = 4, .dual_approval = true};
  // Households across two boroughs and two years; one approved on dual terms, one
  // known-child assessment, one that booked twice (counted once).
  auto make = [&](const std::string& la, Date enquiry, std::vector<Move> steps, Route route = Route::kStandard) {
    Household h = Make(la);
    h.details.enquiry_date = enquiry;
    h.details.route = route;
    h.details.foster_carers = route == Route::kKnownChild;
    EXPECT_TRUE(ApplyHistory(h, steps, rules, by).ok());
    return h;
  };
  std::vector<Household> hs = {
      make("E09000006", Date(2024, 3, 30), {{E::kInfoSessionBooked, Date(2024, 4, 2)},
                                            {E::kInfoSessionAttended, Date(2024, 4, 20)},
                                            {E::kRoiReceived, Date(2024, 5, 1)},
                                            {E::kRoiAccepted, Date(2024, 5, 1)},
                                            {E::kStageOneStarted, Date(2024, 5, 1)},
                                            {E::kStageOneCompleted, Date(2024, 7, 1)},
                                            {E::kStageTwoStarted, Date(2024, 7, 1)}}),
      make("E09000006", Date(2024, 4, 1), {{E::kInfoSessionBooked, Date(2024, 4, 2)},
                                           {E::kInfoSessionBooked, Date(2024, 5, 2)}}),
      make("E08000018", Date(2025, 3, 31), {{E::kRoiReceived, Date(2025, 4, 1)}}),
      make("E08000018", Date(2024, 6, 1), {{E::kStageTwoStarted, Date(2024, 6, 10)}}, Route::kKnownChild),
  };
  Household approved = make("E08000018", Date(2023, 1, 5), {{E::kRoiReceived, Date(2023, 2, 1)},
                                                            {E::kRoiAccepted, Date(2023, 2, 1)},
                                                            {E::kStageOneStarted, Date(2023, 2, 2)},
                                                            {E::kStageOneCompleted, Date(2023, 4, 2)},
                                                            {E::kStageTwoStarted, Date(2023, 4, 3)}});
  ASSERT_TRUE(RecordUpstreamStep(approved, E::kApproved, Date(2024, 9, 1), StepOrigin::kPanel, dual, rules, by).ok());
  hs.push_back(approved);
  for (const Household& h : hs) Insert(h);

  for (auto [first, last] : {std::pair{Date(2024, 4, 1), Date(2025, 3, 31)},
                             std::pair{Date(2025, 4, 1), Date(2026, 3, 31)},
                             std::pair{Date(2024, 4, 2), Date(2024, 4, 2)}}) {
    const platform::Period period{first, last};
    for (const platform::Coverage& coverage :
         {platform::Coverage::Everything(), platform::Coverage{.local_authorities = {"E08000018"}},
          platform::Coverage{}}) {
      Funnel sql, domain;
      Read([&](soci::session& s) {
        sql = store_.CountFunnel(s, period, coverage);
        domain = CountFunnel(store_.Histories(s, {.touching = period, .coverage = coverage}), period);
      });
      const std::string at = absl::StrCat(platform::FormatDate(first), " ", coverage.local_authorities.size());
      EXPECT_EQ(sql.enquiries, domain.enquiries) << at;
      EXPECT_EQ(sql.info_sessions_booked, domain.info_sessions_booked) << at;
      EXPECT_EQ(sql.info_sessions_attended, domain.info_sessions_attended) << at;
      EXPECT_EQ(sql.registrations_of_interest, domain.registrations_of_interest) << at;
      EXPECT_EQ(sql.stage_one_started, domain.stage_one_started) << at;
      EXPECT_EQ(sql.stage_two_started, domain.stage_two_started) << at;
      EXPECT_EQ(sql.approvals, domain.approvals) << at;
      EXPECT_EQ(sql.dual_approvals, domain.dual_approvals) << at;
      EXPECT_EQ(sql.known_child_assessments, domain.known_child_assessments) << at;
    }
  }
  Funnel year;
  Read([&](soci::session& s) {
    year = store_.CountFunnel(s, {Date(2024, 4, 1), Date(2025, 3, 31)}, platform::Coverage::Everything());
  });
  EXPECT_EQ(year.enquiries, 2);  // the second and third; the known child is apart
  EXPECT_EQ(year.info_sessions_booked, 2);
  EXPECT_EQ(year.stage_two_started, 1);
  EXPECT_EQ(year.approvals, 1);
  EXPECT_EQ(year.dual_approvals, 1);
  EXPECT_EQ(year.known_child_assessments, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, HouseholdStoreTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace recruitment
