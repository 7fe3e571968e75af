#pragma once
// The panel's work in a period (docs/domain.md §3, "Figures"): cases heard by kind and
// recommendation, decisions in timescale and contrary, paper quality and lateness, and
// days from referral to panel. Pure: the store reads, this counts.
#include <map>
#include <optional>
#include <vector>

#include "panel-svc/domain/agenda.h"
#include "panel-svc/domain/decision.h"
#include "platform/core/figures.h"

namespace panel {

// One case as heard: its item, the meeting's day, the recommendation, and the day
// recruitment-svc referred its household (approval cases only).
struct HeardCase {
  AgendaItem item;
  platform::Date meeting_date;
  Recommendation recommendation;
  std::optional<platform::Date> referral_date;
};

struct CasesOfKind {
  int cases = 0, recommended = 0, not_recommended = 0, deferred = 0;
};

struct PanelWorkFigures {
  int meetings_held = 0, meetings_cancelled = 0;
  int cases_heard = 0;
  std::map<AgendaItemKind, CasesOfKind> by_kind;  // every kind, zero or not
  int decisions = 0;
  platform::Share decided_in_timescale;
  int contrary = 0;
  std::map<QualityRating, int> papers_by_rating;  // every rating, zero or not
  platform::Share papers_late;
  int approvals_referred = 0;
  std::optional<double> mean_days_referral_to_panel;
};

// `meetings` are the statuses of the meetings dated in the period; `cases` the cases
// heard at the held ones; `decisions` those taken in the period (a decision without a
// recommendation, or imported from the old system, is not counted). A paper outstanding on the meeting day is late.
PanelWorkFigures CountPanelWork(const std::vector<MeetingStatus>& meetings, const std::vector<HeardCase>& cases,
                                const std::vector<Decision>& decisions, platform::Precision precision);

}  // namespace panel
