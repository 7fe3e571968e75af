#pragma once
// A household's history brought in from the agency's old system (docs/domain.md §1,
// `adoptctl import`): recruitment's own steps, dated as they happened and checked for
// order as live steps are, idempotent on the extract's ids.
#include <vector>

#include "absl/status/statusor.h"
#include "platform/core/revision.h"
#include "recruitment-svc/domain/journey.h"

namespace recruitment {

struct Household;

// The steps an import carries: those recruitment records itself. Approvals come from
// panel-svc's log and matches, placements and orders from family finding's, as in live work.
bool IsImportedEvent(JourneyEvent e);

// Takes `history` on `household` as the old system's steps (StepOrigin::kHistory),
// recorded by `revision`. The household's stored recruitment steps must be the
// history's first ones (same event, day and reason): those are skipped and the rest
// taken in order; a history the stored steps already begin with changes nothing.
// Returns the number of steps added (0: unchanged). Refusals name the
// step as steps[i]: INVALID_ARGUMENT for an event an import does not carry or a bad
// date or reason, FAILED_PRECONDITION IMPORT steps[i] when the stored steps differ
// from the history's, and the journey's own refusals (ORDER, STATE, ROUTE) otherwise.
absl::StatusOr<int> ApplyHistory(Household& household, const std::vector<Move>& history, const JourneyRules& rules,
                                 const platform::Revision& revision);

}  // namespace recruitment
