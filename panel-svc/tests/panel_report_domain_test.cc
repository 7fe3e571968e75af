// The panel's work counted from what it heard and decided.
#include <gtest/gtest.h>

#include "panel-svc/domain/panel_report.h"

namespace panel {
namespace {

using platform::Date;

HeardCase Heard(AgendaItemKind kind, RecommendationOutcome outcome, Date meeting,
                std::optional<Date> referred = std::nullopt) {
  HeardCase c;
  c.item.kind = kind;
  c.meeting_date = meeting;
  c.recommendation.outcome = outcome;
  c.referral_date = referred;
  return c;
}

Decision Followed(Date decided, Date due, bool contrary) {
  Decision d;
  d.agenda_item_id = "a";
  d.decision_date = decided;
  d.decision_due_date = due;
  d.contrary_to_recommendation = contrary;
  return d;
}

TEST(PanelWork, CountsCasesByKindDecisionsInTimescalePapersAndReferralWaits) {
  const platform::Precision one{};
  HeardCase approval = Heard(AgendaItemKind::kAdopterApproval, RecommendationOutcome::kRecommended,
                             Date(2025, 6, 10), Date(2025, 5, 1));
  approval.item.papers = {
      Paper{.kind = PaperKind::kProspectiveAdopterReport, .due_date = Date(2025, 5, 27),
            .received_date = Date(2025, 5, 27), .quality_rating = QualityRating::kGood},
      Paper{.kind = PaperKind::kMedicalReport, .due_date = Date(2025, 5, 27), .received_date = Date(2025, 5, 29),
            .quality_rating = QualityRating::kRequiresImprovement},
      Paper{.kind = PaperKind::kOther, .due_date = Date(2025, 5, 27)},  // never came: late
  };
  const std::vector<HeardCase> cases = {
      approval,
      Heard(AgendaItemKind::kAdopterApproval, RecommendationOutcome::kDeferred, Date(2025, 6, 10), Date(2025, 5, 21)),
      Heard(AgendaItemKind::kAdopterApproval, RecommendationOutcome::kNotRecommended, Date(2025, 6, 24)),
      Heard(AgendaItemKind::kMatch, RecommendationOutcome::kRecommended, Date(2025, 6, 24)),
  };
  Decision imported;  // no recommendation followed: not counted
  imported.decision_date = Date(2025, 6, 2);
  // The old system's decision on a case it heard, imported with it: not this panel's work.
  Decision imported_on_case = Followed(Date(2025, 6, 3), Date(2025, 6, 12), false);
  imported_on_case.source_id = "H9/ADM_APPROVAL/2025-06-03";
  const std::vector<Decision> decisions = {Followed(Date(2025, 6, 18), Date(2025, 6, 19), false),
                                           Followed(Date(2025, 7, 4), Date(2025, 7, 3), true),
                                           Followed(Date(2025, 7, 3), Date(2025, 7, 3), false), imported,
                                           imported_on_case};
  PanelWorkFigures f = CountPanelWork({MeetingStatus::kHeld, MeetingStatus::kHeld, MeetingStatus::kCancelled,
                                       MeetingStatus::kScheduled},
                                      cases, decisions, one);
  EXPECT_EQ(f.meetings_held, 2);
  EXPECT_EQ(f.meetings_cancelled, 1);
  EXPECT_EQ(f.cases_heard, 4);
  const CasesOfKind& approvals = f.by_kind.at(AgendaItemKind::kAdopterApproval);
  EXPECT_EQ(approvals.cases, 3);
  EXPECT_EQ(approvals.recommended, 1);
  EXPECT_EQ(approvals.deferred, 1);
  EXPECT_EQ(approvals.not_recommended, 1);
  EXPECT_EQ(f.by_kind.at(AgendaItemKind::kMatch).cases, 1);
  EXPECT_EQ(f.by_kind.at(AgendaItemKind::kApprovalTermination).cases, 0);  // every kind is listed
  EXPECT_EQ(f.decisions, 3);
  EXPECT_EQ(f.decided_in_timescale.count, 2);
  EXPECT_DOUBLE_EQ(*f.decided_in_timescale.percent, 66.7);
  EXPECT_EQ(f.contrary, 1);
  EXPECT_EQ(f.papers_by_rating.at(QualityRating::kGood), 1);
  EXPECT_EQ(f.papers_by_rating.at(QualityRating::kRequiresImprovement), 1);
  EXPECT_EQ(f.papers_by_rating.at(QualityRating::kInadequate), 0);
  EXPECT_EQ(f.papers_late.count, 2);
  EXPECT_EQ(f.papers_late.of, 3);
  // Referred 1 May, heard 10 June: 40 days; referred 21 May, heard 10 June: 20.
  EXPECT_EQ(f.approvals_referred, 2);
  EXPECT_DOUBLE_EQ(*f.mean_days_referral_to_panel, 30.0);
}

TEST(PanelWork, AnEmptyPeriodHasNoPercentagesOrMeans) {
  PanelWorkFigures f = CountPanelWork({}, {}, {}, platform::Precision{});
  EXPECT_EQ(f.cases_heard, 0);
  EXPECT_FALSE(f.decided_in_timescale.percent.has_value());
  EXPECT_FALSE(f.mean_days_referral_to_panel.has_value());
  EXPECT_EQ(f.by_kind.size(), 5u);
}

}  // namespace
}  // namespace panel
