// A household's disclosure (docs/records.md): RecordsService.ExportDisclosure over the
// real recruitment API — the household as staff see it, the notes that carry a referee's,
// an employer's or an ex-partner's account flagged, nothing of another household, and
// the export a manager's alone and audited under the household.
#include <google/protobuf/struct.pb.h>
#include <soci/soci.h>

#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "platform/rpc/disclosure.h"
#include "platform/testing/records_client.h"
#include "recruitment-svc/tests/records_api_fixture.h"

namespace recruitment::testing {
namespace {

using platform::testing::ViolatedFields;

using platform::testing::TextsOf;

using platform::testing::Flag;
using platform::testing::FlagsOf;

// One Stage 1 check as recorded, satisfactory.
struct Check {
  pb::StageOneCheckKind kind;
  int ordinal;
  std::string notes;
};

class HouseholdDisclosureTest : public RecordsApiTest {
 protected:
  // A household (RecordsApiTest::Household) in Stage 1 — its ROI received on 1 May 2025,
  // accepted and Stage 1 started the next day — with `checks` recorded for it.
  pb::Household InStageOne(const std::string& request_id, const std::vector<Check>& checks) {
    pb::Household h = Household(request_id, std::nullopt);
    pb::ReceiveRegistrationOfInterestRequest roi;
    platform::testing::SetDate(roi.mutable_effective_date(), 2025, 5, 1);
    Act(&Stub::ReceiveRegistrationOfInterest, roi, h);
    pb::DecideRegistrationOfInterestRequest accept;
    platform::testing::SetDate(accept.mutable_effective_date(), 2025, 5, 2);
    accept.set_accepted(true);
    Act(&Stub::DecideRegistrationOfInterest, accept, h);
    pb::StartStageOneRequest start;
    platform::testing::SetDate(start.mutable_effective_date(), 2025, 5, 2);
    Act(&Stub::StartStageOne, start, h);
    for (const Check& c : checks) {
      pb::RecordStageOneCheckRequest r;
      r.mutable_check()->set_kind(c.kind);
      r.mutable_check()->set_ordinal(c.ordinal);
      platform::testing::SetDate(r.mutable_check()->mutable_received_date(), 2025, 6, 1);
      r.mutable_check()->set_outcome(pb::STAGE_ONE_CHECK_OUTCOME_SATISFACTORY);
      r.mutable_check()->set_notes(c.notes);
      Act(&Stub::RecordStageOneCheck, r, h);
    }
    return h;
  }

  grpc::Status Export(const std::string& subject, rpb::Disclosure* out) {
    return platform::testing::RecordsClient(*host_).Export(subject, out);
  }

  long long Audited(const std::string& type, const std::string& id) {
    return platform::testing::ExportsAudited(host_->db(), type, id);
  }
 private:
  using Stub = pb::RecruitmentService::Stub;
  // Takes a step on `h` as its worker, at its etag.
  template <typename Request>
  void Act(grpc::Status (Stub::*verb)(grpc::ClientContext*, const Request&, pb::Household*), Request r,
           pb::Household& h) {
    r.set_name(h.name());
    r.set_etag(h.etag());
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kRecruitmentWorker});
    grpc::Status s = (stub_.get()->*verb)(&ctx, r, &h);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
};

TEST_P(HouseholdDisclosureTest, AHouseholdIsDisclosedWithItsInformantsNotesFlaggedAndNothingOfAnother) {
  const pb::Household ours =
      InStageOne("ours", {{pb::STAGE_ONE_CHECK_KIND_ENHANCED_DBS, 1, "Certificate clear"},
                          {pb::STAGE_ONE_CHECK_KIND_EMPLOYER_REFERENCE, 1, "Line manager Tom Okoro: reliable"},
                          {pb::STAGE_ONE_CHECK_KIND_EX_PARTNER, 1, "Ex-husband Mark Bell: amicable, no concerns"},
                          {pb::STAGE_ONE_CHECK_KIND_PERSONAL_REFERENCE, 1, "Joan Whitfield, neighbour: warm"},
                          {pb::STAGE_ONE_CHECK_KIND_PERSONAL_REFERENCE, 2, "Revd Sam Adeyemi: steady"}});
  const pb::Household theirs =
      InStageOne("theirs", {{pb::STAGE_ONE_CHECK_KIND_PERSONAL_REFERENCE, 1, "Sunita Rao, a friend: kind"}});

  rpb::Disclosure out;
  grpc::Status s = Export(ours.name(), &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.subject(), ours.name());
  ASSERT_EQ(out.items_size(), 1);
  const rpb::DisclosureItem& item = out.items(0);
  EXPECT_EQ(item.record(), ours.name());
  EXPECT_EQ(item.record_type(), "household");
  EXPECT_EQ(item.created_by(), "worker-1");
  EXPECT_TRUE(item.has_create_time());
  EXPECT_TRUE(item.has_update_time());
  // As staff see it: the applicant, the journey, the checks with their notes.
  EXPECT_EQ(platform::TextAt(item.content(), "applicants[0].person.familyName"), "Shah-ours");
  EXPECT_EQ(platform::TextAt(item.content(), "status"), "HOUSEHOLD_STATUS_STAGE_ONE");
  EXPECT_EQ(platform::TextAt(item.content(), "journey[2].event"), "JOURNEY_EVENT_STAGE_ONE_STARTED");
  EXPECT_EQ(platform::TextAt(item.content(), "stageOneChecks[0].notes"), "Certificate clear");

  // The checks in kind order: DBS, employer, ex-partner, the two referees. The notes of
  // the last four carry another person's account; the applicant's own DBS does not.
  const std::vector<Flag> expected = {
      {"stageOneChecks[1].notes", "Line manager Tom Okoro: reliable", "employer's referee"},
      {"stageOneChecks[2].notes", "Ex-husband Mark Bell: amicable, no concerns", "ex-partner"},
      {"stageOneChecks[3].notes", "Joan Whitfield, neighbour: warm", "referee"},
      {"stageOneChecks[4].notes", "Revd Sam Adeyemi: steady", "referee"}};
  EXPECT_EQ(FlagsOf(item), expected);
  // The informants appear only where flagged; the other household nowhere.
  std::set<std::string> flagged;
  for (const auto& [field, text, whose] : expected) flagged.insert(field);
  for (const auto& [path, text] : TextsOf(item)) {
    for (const char* informant : {"Okoro", "Bell", "Whitfield", "Adeyemi"}) {
      if (text.find(informant) != std::string::npos) {
        EXPECT_TRUE(flagged.count(path)) << path << ": " << text;
      }
    }
    for (const std::string& other : {std::string("Shah-theirs"), std::string("Sunita Rao"), IdOf(theirs)}) {
      EXPECT_EQ(text.find(other), std::string::npos) << path << ": " << text;
    }
  }
  EXPECT_EQ(Audited("household", IdOf(ours)), 1);
  EXPECT_EQ(Audited("household", IdOf(theirs)), 0);
}

TEST_P(HouseholdDisclosureTest, OnlyAManagerExportsAPersonNamedAsOneAndAChildHasNothingHere) {
  const pb::Household ours = Household("ours", std::nullopt);
  // Recruitment keeps no child's id: a child's export is empty, and audited all the same.
  const std::string child = "01j00000000000000000000c01";
  rpb::Disclosure out;
  ASSERT_TRUE(Export("children/" + child, &out).ok());
  EXPECT_EQ(out.items_size(), 0);
  EXPECT_EQ(Audited("child", child), 1);

  for (const char* bad : {"people/1", "households/"}) {
    grpc::Status s = Export(bad, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"subject"}) << bad;
  }
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kRecruitmentWorker});
  rpb::ExportDisclosureRequest r;
  r.set_subject(ours.name());
  EXPECT_EQ(records_stub_->ExportDisclosure(&ctx, r, &out).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Audited("household", IdOf(ours)), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, HouseholdDisclosureTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace recruitment::testing
