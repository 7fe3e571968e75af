#include "recruitment-svc/domain/history.h"

#include "absl/strings/str_cat.h"
#include "platform/core/errors.h"
#include "platform/core/status_macros.h"
#include "recruitment-svc/domain/household.h"

namespace recruitment {

using E = JourneyEvent;

namespace {
// `status` with `prefix` on its message, its details kept.
absl::Status Prefixed(const absl::Status& status, const std::string& prefix) {
  absl::Status out(status.code(), absl::StrCat(prefix, status.message()));
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
  return out;
}
}  // namespace

bool IsImportedEvent(JourneyEvent e) {
  switch (e) {
    case E::kApproved:
    case E::kNotApproved:
    case E::kLinked:
    case E::kUnlinked:
    case E::kMatched:
    case E::kChildPlaced:
    case E::kAdoptionOrder:
    case E::kApprovalTerminated:
    case E::kApprovalReviewed:
      return false;
    default:
      return true;
  }
}

absl::StatusOr<int> ApplyHistory(Household& household, const std::vector<Move>& history, const JourneyRules& rules,
                                 const platform::Revision& revision) {
  platform::Validation v;
  for (size_t i = 0; i < history.size(); ++i) {
    v.Check(IsImportedEvent(history[i].event), absl::StrCat("steps[", i, "].event"),
            absl::StrCat(EventName(history[i].event),
                         " is not imported here: approvals come from panel-svc, matches, placements and orders "
                         "from familyfinding-svc"));
  }
  RETURN_IF_ERROR(v.Status());

  std::vector<const JourneyStep*> stored;
  for (const JourneyStep& step : household.journey) {
    if (IsImportedEvent(step.event)) stored.push_back(&step);
  }
  for (size_t i = 0; i < stored.size(); ++i) {
    // The stored journey already holds the whole history, and more: an import in
    // parts sends a household's steps up to its approval before those after.
    if (i == history.size()) return 0;
    const bool same = stored[i]->event == history[i].event &&
                      stored[i]->date == history[i].date && stored[i]->reason == history[i].reason;
    if (same) continue;
    const std::string subject = absl::StrCat("steps[", i, "]");
    const std::string was = absl::StrCat(EventName(stored[i]->event), " on ", platform::FormatDate(stored[i]->date));
    return platform::FailedPrecondition(
        "the household's stored history differs from this one",
        {{"IMPORT", subject,
          absl::StrCat("the stored step is ", was, "; an import only adds steps after those stored")}});
  }
  int added = 0;
  for (size_t i = stored.size(); i < history.size(); ++i) {
    Move move = history[i];
    move.date_field = absl::StrCat("steps[", i, "].effective_date");
    move.reason_field = absl::StrCat("steps[", i, "].reason");
    if (absl::Status taken = TakeStep(household, move, StepOrigin::kHistory, rules, revision); !taken.ok()) {
      return Prefixed(taken, absl::StrCat("steps[", i, "] (", EventName(move.event), " on ",
                                          platform::FormatDate(move.date), "): "));
    }
    ++added;
  }
  return added;
}

}  // namespace recruitment
