// The support part of an extract as support-svc's import requests: an old system's
// words, dates and authorities read without a server.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tools/adoptctl/import_support.h"

namespace adoptctl {
namespace {

namespace spb = adoption::support::v1;
using nlohmann::json;

TEST(ImportSupport, AnOldSystemsWordsAreReadGenerouslyAndAnUnknownWordIsOther) {
  EXPECT_EQ(ChannelOfWords("Telephone"), spb::CHANNEL_HELPLINE);
  EXPECT_EQ(ChannelOfWords(" E-mail "), spb::CHANNEL_EMAIL);
  EXPECT_EQ(ChannelOfWords("Duty desk"), spb::CHANNEL_DUTY);
  EXPECT_EQ(ChannelOfWords("Professional referral"), spb::CHANNEL_REFERRAL);
  EXPECT_EQ(ChannelOfWords("online form"), spb::CHANNEL_WEB);
  EXPECT_EQ(ChannelOfWords("letter"), spb::CHANNEL_OTHER);
  EXPECT_EQ(ChannelOfWords(""), spb::CHANNEL_OTHER);
  EXPECT_EQ(RequesterOfWords("Adoptive parent"), spb::REQUESTER_KIND_ADOPTIVE_FAMILY);
  EXPECT_EQ(RequesterOfWords("adopted_adult"), spb::REQUESTER_KIND_ADOPTED_ADULT);
  EXPECT_EQ(RequesterOfWords("Birth mother"), spb::REQUESTER_KIND_BIRTH_RELATIVE);
  EXPECT_EQ(RequesterOfWords("SGO carer"), spb::REQUESTER_KIND_SPECIAL_GUARDIAN);
  EXPECT_EQ(RequesterOfWords("Special guardian"), spb::REQUESTER_KIND_SPECIAL_GUARDIAN);
  EXPECT_EQ(RequesterOfWords("school"), spb::REQUESTER_KIND_OTHER);
  EXPECT_EQ(TriageOfWords("Assessment agreed"), spb::TRIAGE_ASSESSMENT_OF_NEED);
  EXPECT_EQ(TriageOfWords("Signposted to CAMHS"), spb::TRIAGE_SIGNPOSTING);
  EXPECT_EQ(TriageOfWords("Advice given"), spb::TRIAGE_INFORMATION_ADVICE);
  EXPECT_EQ(TriageOfWords("Closed"), std::nullopt);
  EXPECT_EQ(AssessmentOutcomeOfWords("NFA"), spb::ASSESSMENT_OUTCOME_NO_SUPPORT_NEEDED);
  EXPECT_EQ(AssessmentOutcomeOfWords("No further action"), spb::ASSESSMENT_OUTCOME_NO_SUPPORT_NEEDED);
  EXPECT_EQ(AssessmentOutcomeOfWords("Referred to CAMHS"), spb::ASSESSMENT_OUTCOME_REFERRED_ELSEWHERE);
  EXPECT_EQ(AssessmentOutcomeOfWords("Theraplay via the fund"), spb::ASSESSMENT_OUTCOME_SUPPORT_PLAN);
}

TEST(ImportSupport, ARequestWithACallIsASupportCallAndAnOutcomeClosesIt) {
  auto r = SupportRequestOf(json::parse(R"({"id": "R1", "la": "Kent", "date": "2020-11-02", "channel": "phone",
      "requester": "adoptive parent", "sa_call_date": "2020-11-05", "outcome": "Assessment agreed"})"),
                            "Test RAA");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->source_id(), "R1");
  EXPECT_EQ(r->support_request().local_authority(), "E10000016");
  EXPECT_EQ(r->support_request().triage(), spb::TRIAGE_SUPPORT_CALL);
  EXPECT_EQ(r->support_request().support_call_date().day(), 5);
  EXPECT_EQ(r->support_request().status(), spb::SUPPORT_REQUEST_STATUS_CLOSED);
  EXPECT_NE(r->support_request().summary().find("Test RAA"), std::string::npos);
  // No outcome, no call: open and untriaged; no authority is allowed.
  r = SupportRequestOf(json::parse(R"({"id": "R2", "date": "2021-01-04", "sa_call_date": null, "outcome": ""})"), "");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->support_request().status(), spb::SUPPORT_REQUEST_STATUS_UNSPECIFIED);
  EXPECT_EQ(r->support_request().triage(), spb::TRIAGE_UNSPECIFIED);
  EXPECT_EQ(r->support_request().local_authority(), "");
  // A date that is no date, an authority that is none: refused with the field.
  EXPECT_NE(SupportRequestOf(json::parse(R"({"id": "R3", "date": "2021-02-30"})"), "").status().message().find("date"),
            std::string::npos);
  EXPECT_NE(SupportRequestOf(json::parse(R"({"id": "R4", "la": "Atlantis", "date": "2021-02-01"})"), "")
                .status()
                .message()
                .find("la:"),
            std::string::npos);
}

TEST(ImportSupport, AnAssessmentIsRequestedOnTheDayItStartedUnlessTheExtractSaysAndItsWordsGiveTheOutcome) {
  auto a = AssessmentOf(json::parse(R"({"id": "A1", "la": "Medway", "request": "R7", "started": "2020-12-14",
      "completed": "2021-01-20", "outcome": ""})"));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->assessment_of_need().requested_date().day(), 14);
  EXPECT_EQ(a->support_request_source_id(), "R7");
  EXPECT_EQ(a->outcome(), spb::ASSESSMENT_OUTCOME_SUPPORT_PLAN);
  EXPECT_FALSE(a->assessment_of_need().support_plan().empty());
  a = AssessmentOf(json::parse(R"({"id": "A2", "la": "Medway", "requested": "2020-12-01", "started": "2020-12-14",
      "completed": null, "outcome": "NFA"})"));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->assessment_of_need().requested_date().day(), 1);
  EXPECT_FALSE(a->has_completed_date());
  EXPECT_EQ(a->outcome(), spb::ASSESSMENT_OUTCOME_UNSPECIFIED);
  EXPECT_FALSE(AssessmentOf(json::parse(R"({"id": "A3", "la": "Medway", "completed": "2021-01-20"})")).ok());
  EXPECT_FALSE(AssessmentOf(json::parse(R"({"id": "A4", "started": "2021-01-20"})")).ok());
}

}  // namespace
}  // namespace adoptctl
