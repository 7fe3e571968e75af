// RecruitmentService.ImportHousehold: a household's history from the agency's old
// system (`adoptctl import`, docs/domain.md §1 "History").
#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "platform/rpc/import.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"
#include "recruitment-svc/api/household_mapping.h"
#include "recruitment-svc/api/recruitment_api.h"
#include "recruitment-svc/domain/history.h"

namespace recruitment {

namespace pb = adoption::recruitment::v1;
using platform::Call;

grpc::Status RecruitmentApi::ImportHousehold(Ctx* ctx, const pb::ImportHouseholdRequest* request,
                                             pb::ImportHouseholdResponse* response) {
  return rpc_->Run(ctx, "ImportHousehold", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string source_id = platform::SourceIdFromRequest(request->source_id(), "household", v);
    v.Check(request->has_household(), "household", "is required");
    HouseholdDetails details = DetailsFromProto(request->household(), "household.", v);
    ValidateDetails(details, clock_->Today(), "household.", v, Names::kMayBeMissing);
    std::vector<Move> history;
    for (int i = 0; i < request->steps_size(); ++i) {
      const pb::JourneyStep& in = request->steps(i);
      const std::string field = absl::StrCat("steps[", i, "].");
      Move move;
      if (auto event = platform::EnumFromProto<JourneyEvent>(in.event(), pb::JourneyEvent_IsValid)) {
        move.event = *event;
      } else {
        v.Add(field + "event", "is required: a JourneyEvent");
      }
      move.date = platform::DateFromProto(in.effective_date(), field + "effective_date", v);
      move.reason = platform::CleanText(in.reason(), platform::TextKind::kSingleLine, field + "reason", v);
      history.push_back(std::move(move));
    }
    RETURN_IF_ERROR(v.Status());
    RETURN_IF_ERROR(call.MayHold(HouseholdScope("", details)));
    // Historic steps are not judged by Stage 1's checks (the old system held them), so
    // today's rules serve every step.
    ASSIGN_OR_RETURN(JourneyRules rules, RulesOn(clock_->Today()));
    const platform::Revision revision = platform::RevisionBy(call.principal().subject, *clock_);

    Household recorded;
    pb::ImportOutcome outcome = pb::IMPORT_OUTCOME_UNSPECIFIED;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      std::optional<Household> h = households_->FindBySource(tx, source_id);
      size_t before = 0;
      const bool fresh = !h.has_value();
      if (fresh) {
        h = RegisterHousehold(platform::NewId(), details, revision.actor, revision.at);
        h->source_id = source_id;
      } else {
        RETURN_IF_ERROR(call.Reveal(HouseholdScope(h->id, h->details), HouseholdName(h->id)));
        before = h->journey.size();
      }
      ASSIGN_OR_RETURN(int added, ApplyHistory(*h, history, rules, revision));
      if (fresh || added > 0) {
        ASSIGN_OR_RETURN(std::vector<JourneyClock> clocks,
                         Clocks(*h, *statutory_, platform::WorkingDayCalendar::EnglandAndWales(), clock_->Today()));
        h->next_due = NextDue(clocks);
      }
      if (fresh) {
        households_->Insert(tx, *h);
        call.Emit(tx, kHouseholdResource, h->id, RegisteredEvent(*h));
        outcome = pb::IMPORT_OUTCOME_CREATED;
      } else if (added > 0) {
        if (!households_->Update(tx, *h, h->version)) return platform::ChangedDuringUpdate(HouseholdName(h->id));
        outcome = pb::IMPORT_OUTCOME_EXTENDED;
      } else {
        outcome = pb::IMPORT_OUTCOME_UNCHANGED;
      }
      // Family finding and the panel follow the status, step by step, as in live work.
      for (size_t i = before; i < h->journey.size(); ++i) {
        if (h->journey[i].from == h->journey[i].to) continue;
        call.Emit(tx, kHouseholdResource, h->id, StatusChangedEvent(*h, h->journey[i]));
      }
      call.Audit(tx, kHouseholdResource, h->id);
      recorded = *std::move(h);
      return absl::OkStatus();
    }));
    *response->mutable_household() = Shown(recorded, call);
    response->set_outcome(outcome);
    return absl::OkStatus();
  });
}

}  // namespace recruitment
