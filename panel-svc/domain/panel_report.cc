#include "panel-svc/domain/panel_report.h"

namespace panel {

PanelWorkFigures CountPanelWork(const std::vector<MeetingStatus>& meetings, const std::vector<HeardCase>& cases,
                                const std::vector<Decision>& decisions, platform::Precision precision) {
  PanelWorkFigures f;
  for (MeetingStatus s : meetings) {
    f.meetings_held += s == MeetingStatus::kHeld;
    f.meetings_cancelled += s == MeetingStatus::kCancelled;
  }
  for (AgendaItemKind k : {AgendaItemKind::kAdopterApproval, AgendaItemKind::kMatch, AgendaItemKind::kShouldBePlaced,
                           AgendaItemKind::kApprovalReview, AgendaItemKind::kApprovalTermination}) {
    f.by_kind[k] = {};
  }
  for (QualityRating r : {QualityRating::kGood, QualityRating::kAdequate, QualityRating::kRequiresImprovement,
                          QualityRating::kInadequate}) {
    f.papers_by_rating[r] = 0;
  }
  int papers = 0, late = 0;
  long long referral_days = 0;
  for (const HeardCase& c : cases) {
    ++f.cases_heard;
    CasesOfKind& k = f.by_kind[c.item.kind];
    ++k.cases;
    switch (c.recommendation.outcome) {
      case RecommendationOutcome::kRecommended:
        ++k.recommended;
        break;
      case RecommendationOutcome::kNotRecommended:
        ++k.not_recommended;
        break;
      case RecommendationOutcome::kDeferred:
        ++k.deferred;
        break;
    }
    for (const Paper& p : c.item.papers) {
      ++papers;
      late += p.LateOn(c.meeting_date);
      if (p.quality_rating) ++f.papers_by_rating[*p.quality_rating];
    }
    if (c.item.kind == AgendaItemKind::kAdopterApproval && c.referral_date && *c.referral_date <= c.meeting_date) {
      ++f.approvals_referred;
      referral_days += c.meeting_date - *c.referral_date;
    }
  }
  int in_time = 0;
  for (const Decision& d : decisions) {
    // The old system's decisions were not taken on this panel's work.
    if (d.agenda_item_id.empty() || d.imported()) continue;
    ++f.decisions;
    in_time += d.decision_due_date && d.decision_date <= *d.decision_due_date;
    f.contrary += d.contrary_to_recommendation;
  }
  f.decided_in_timescale = platform::ShareOf(in_time, f.decisions, precision);
  f.papers_late = platform::ShareOf(late, papers, precision);
  f.mean_days_referral_to_panel =
      platform::Mean(referral_days, f.approvals_referred, precision.decimals, precision.rounding);
  return f;
}

}  // namespace panel
