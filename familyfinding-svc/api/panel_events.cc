#include "familyfinding-svc/api/panel_events.h"

#include "absl/strings/str_cat.h"
#include "adoption/events/v1/events.pb.h"
#include "familyfinding-svc/api/child_mapping.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/domain/journey.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/proto_convert.h"

namespace familyfinding {
namespace {

namespace ev = adoption::events::v1;

struct Context {
  ChildStore* children;
  HouseholdProfileStore* profiles;
  const platform::StatutoryTable* statutory;
  const platform::Clock* clock;
};

// Records the decision maker's milestone on the child the event names.
absl::Status Apply(const Context& ctx, soci::session& tx, const ev::EventRecord& record, const std::string& child,
                   const adoption::type::v1::Date& decision_date, MilestoneKind kind, const std::string& household,
                   const std::string& reason) {
  platform::Validation v;
  const std::string id = platform::IdFromName(child, "children", "child", v);
  Milestone m;
  m.kind = kind;
  m.date = platform::DateFromProto(decision_date, "decision_date", v);
  if (!household.empty()) m.household_id = platform::IdFromName(household, "households", "household", v);
  m.reason = reason;
  m.origin = MilestoneOrigin::kPanel;
  // A malformed event stops the consumer (and shows as lag) rather than being skipped.
  RETURN_IF_ERROR(v.Status());
  std::optional<Child> c = ctx.children->Get(tx, id);
  if (!c) return absl::NotFoundError(absl::StrCat("event ", record.sequence(), ": no ", child));
  ASSIGN_OR_RETURN(MilestoneRules rules, MilestoneRules::On(*ctx.statutory, m.date));
  const long long version = c->version;
  const size_t before = c->journey.size();
  const platform::Revision revision{.actor = "panel-svc", .at = ctx.clock->NowMicros(), .today = ctx.clock->Today()};
  ASSIGN_OR_RETURN(bool added, RecordMilestone(*c, m, rules, revision));
  if (!added) return absl::OkStatus();  // a replay
  if (!ctx.children->Update(tx, *c, version)) {
    return absl::AbortedError(absl::StrCat(child, " changed while event ", record.sequence(), " was applied"));
  }
  for (const auto& event : MilestoneEvents(*c, before)) {
    platform::AppendToOutbox(tx, kChild, c->id, *event, record.request_id());
  }
  return absl::OkStatus();
}

}  // namespace

std::map<std::string, platform::Consumer::Handler> PanelEventHandlers(ChildStore* children,
                                                                      HouseholdProfileStore* profiles,
                                                                      const platform::StatutoryTable* statutory,
                                                                      const platform::Clock* clock) {
  const Context ctx{children, profiles, statutory, clock};
  return {
      {ev::ShouldBePlacedDecided::descriptor()->full_name(),
       [ctx](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(auto e, platform::UnpackEvent<ev::ShouldBePlacedDecided>(record));
         return Apply(ctx, tx, record, e.child(), e.decision_date(), MilestoneKind::kShouldBePlacedDecision, "", "");
       }},
      {ev::MatchAgreed::descriptor()->full_name(),
       [ctx](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(auto e, platform::UnpackEvent<ev::MatchAgreed>(record));
         for (const std::string& child : e.children()) {
           RETURN_IF_ERROR(Apply(ctx, tx, record, child, e.decision_date(), MilestoneKind::kMatched, e.household(), ""));
         }
         // The household leaves the matching pool (a household no profile mirrors —
         // not ours, not a partner's offered to us — has none to change).
         platform::Validation v;
         const std::string id = platform::IdFromName(e.household(), "households", "household", v);
         RETURN_IF_ERROR(v.Status());
         if (std::optional<HouseholdProfile> p = ctx.profiles->Get(tx, id); p && !p->matched) {
           p->matched = true;
           p->updated_at = ctx.clock->NowMicros();
           ctx.profiles->Save(tx, *p);
         }
         return absl::OkStatus();
       }},
      {ev::ChildPlanChanged::descriptor()->full_name(),
       [ctx](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(auto e, platform::UnpackEvent<ev::ChildPlanChanged>(record));
         return Apply(ctx, tx, record, e.child(), e.decision_date(), MilestoneKind::kPlanChanged, "",
                      e.new_plan().empty() ? "the decision maker changed the plan" : e.new_plan());
       }},
  };
}

}  // namespace familyfinding
