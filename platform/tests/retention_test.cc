// Retention dates across their anchor dates and the dated rule in force on them, and
// disposal refused before the date, without a date and under a legal hold.
#include <gtest/gtest.h>

#include "platform/core/errors.h"
#include "platform/core/retention.h"

namespace platform {
namespace {

const RetentionRule kCaseRecord{kAdoptionCaseRecordYears, "the adoption order"};
const RetentionRule kSupportRecord{kAdoptionSupportRecordYears, "the last entry"};

TEST(Retention, TheDefaultsAreTheRegulationsYearsFromTheAnchor) {
  const StatutoryTable& table = StatutoryTable::Defaults();
  // Section 56 information: 100 years from the adoption order.
  EXPECT_EQ(RetainUntil(table, kCaseRecord, Date(2025, 6, 20)).value(), Date(2125, 6, 20));
  // Adoption support: 75 years from the last entry.
  EXPECT_EQ(RetainUntil(table, kSupportRecord, Date(2026, 1, 31)).value(), Date(2101, 1, 31));
  // The agency's own rules are configured too.
  for (const char* key : {kEnquiryRecordYears, kNotApprovedRecordYears}) {
    EXPECT_TRUE(RetainUntil(table, {key, "closed"}, Date(2026, 1, 1)).ok()) << key;
  }
}

TEST(Retention, ItsBasisSaysTheYearsTheAnchorAndTheRule) {
  const Retention r = RetentionOf(StatutoryTable::Defaults(), kCaseRecord, Date(2019, 3, 4)).value();
  EXPECT_EQ(r.retain_until, Date(2119, 3, 4));
  EXPECT_EQ(r.basis, "100 years from the adoption order of 2019-03-04 (retention_adoption_case_record_years)");
  EXPECT_EQ(RetentionOf(StatutoryTable::Defaults(), kCaseRecord, Date(2005, 1, 1)).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(Retention, TheRuleInForceOnTheAnchorDayAppliesAndLeapDaysNeverShortenIt) {
  auto table = StatutoryTable::Parse(
                   "key\teffective_from\tvalue\tsource\n"
                   "retention_adoption_case_record_years\t2005-12-30\t100\tDAIR 2005 reg 6\n"
                   "retention_adoption_case_record_years\t2030-01-01\t110\ta later, longer rule\n")
                   .value();
  EXPECT_EQ(RetainUntil(table, kCaseRecord, Date(2029, 12, 31)).value(), Date(2129, 12, 31));
  EXPECT_EQ(RetainUntil(table, kCaseRecord, Date(2030, 1, 1)).value(), Date(2140, 1, 1));
  // 29 February 2028 + 100 years: 2128 is a leap year, so the same day ...
  EXPECT_EQ(RetainUntil(table, kCaseRecord, Date(2028, 2, 29)).value(), Date(2128, 2, 29));
  // ... but + 110 from 2032: 2142 is not, so 1 March, never 28 February.
  EXPECT_EQ(RetainUntil(table, kCaseRecord, Date(2032, 2, 29)).value(), Date(2142, 3, 1));
  // Before any rule was in force: no date can be given.
  EXPECT_EQ(RetainUntil(table, kCaseRecord, Date(2005, 12, 29)).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(RetainUntil(table, kSupportRecord, Date(2026, 1, 1)).status().code(), absl::StatusCode::kNotFound);
}

TEST(Retention, DisposalIsRefusedBeforeTheDateWithoutADateAndUnderALegalHold) {
  const Date until(2125, 6, 20);
  EXPECT_TRUE(MayDispose(until, /*legal_hold=*/false, Date(2125, 6, 20)).ok());
  EXPECT_TRUE(MayDispose(until, false, Date(2130, 1, 1)).ok());

  absl::Status early = MayDispose(until, false, Date(2125, 6, 19));
  EXPECT_EQ(early.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(early.message().find("kept until 2125-06-20"), absl::string_view::npos) << early;
  ASSERT_EQ(PreconditionViolationsOf(early).size(), 1u);
  EXPECT_EQ(PreconditionViolationsOf(early)[0].type, "RETENTION");

  absl::Status undated = MayDispose(std::nullopt, false, Date(2200, 1, 1));
  EXPECT_EQ(undated.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(undated.message().find("no retention date yet"), absl::string_view::npos) << undated;

  absl::Status held = MayDispose(until, /*legal_hold=*/true, Date(2200, 1, 1));
  EXPECT_EQ(held.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(held.message().find("legal hold"), absl::string_view::npos) << held;
}

}  // namespace
}  // namespace platform
