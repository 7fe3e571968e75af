#include "familyfinding-svc/api/panel_events.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "adoption/events/v1/events.pb.h"
#include "familyfinding-svc/api/child_mapping.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/domain/journey.h"
#include "familyfinding-svc/domain/link.h"
#include "familyfinding-svc/store/link_store.h"
#include "familyfinding-svc/store/referral_store.h"
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

// What the decision maker's decisions change is recorded as panel-svc's doing.
platform::Revision ByPanel(const Context& ctx) {
  return platform::Revision{.actor = "panel-svc", .at = ctx.clock->NowMicros(), .today = ctx.clock->Today()};
}

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
  ASSIGN_OR_RETURN(bool added, RecordMilestone(*c, m, rules, ByPanel(ctx)));
  if (!added) return absl::OkStatus();  // a replay
  if (!ctx.children->Update(tx, *c, version)) {
    return absl::AbortedError(absl::StrCat(child, " changed while event ", record.sequence(), " was applied"));
  }
  for (const auto& event : MilestoneEvents(*c, before)) {
    platform::AppendToOutbox(tx, kChild, c->id, *event, record.request_id());
  }
  return absl::OkStatus();
}

// The links a decision ends or carries to a match, changed in the event's transaction;
// a household left with no live link is told to recruitment-svc.
absl::Status SaveLinks(soci::session& tx, const std::vector<Link>& changed, const adoption::type::v1::Date& decided,
                       const ev::EventRecord& record) {
  LinkStore links;
  std::set<std::string> households;
  for (Link l : changed) {
    if (!links.Update(tx, l, l.version)) {
      return absl::AbortedError(absl::StrCat("link ", l.id, " changed while event ", record.sequence(), " was applied"));
    }
    households.insert(l.household_id);
  }
  platform::Validation v;
  const platform::Date day = platform::DateFromProto(decided, "decision_date", v);
  RETURN_IF_ERROR(v.Status());
  for (const std::string& household : households) {
    if (links.CountLive(tx, household) > 0) continue;
    platform::AppendToOutbox(tx, kHouseholdProfile, household, LinksChangedEvent(household, 0, day),
                             record.request_id());
  }
  return absl::OkStatus();
}

// The child's open referral closes with the decision's outcome, on its day (or the
// referral's, for a referral recorded after the decision it follows).
absl::Status CloseOpenReferral(const Context& ctx, soci::session& tx, const std::string& child_id,
                               ReferralOutcome outcome, const adoption::type::v1::Date& decided,
                               const std::string& reason, const ev::EventRecord& record) {
  ReferralStore referrals;
  std::optional<Referral> r = referrals.OpenFor(tx, child_id);
  if (!r) return absl::OkStatus();
  platform::Validation v;
  const platform::Date day = platform::DateFromProto(decided, "decision_date", v);
  RETURN_IF_ERROR(v.Status());
  const long long version = r->version;
  RETURN_IF_ERROR(CloseReferral(*r, outcome, std::max(day, r->referral_date), reason, ByPanel(ctx), "decision_date"));
  if (!referrals.Update(tx, *r, version)) {
    return absl::AbortedError(absl::StrCat("referral ", r->id, " changed while event ", record.sequence(), " was applied"));
  }
  return absl::OkStatus();
}

}  // namespace

ev::HouseholdLinksChanged LinksChangedEvent(const std::string& household_id, int live_links, platform::Date day) {
  ev::HouseholdLinksChanged e;
  e.set_household(absl::StrCat("households/", household_id));
  e.set_live_links(live_links);
  *e.mutable_effective_date() = platform::DateToProto(day);
  return e;
}

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
         platform::Validation v;
         const std::string id = platform::IdFromName(e.household(), "households", "household", v);
         RETURN_IF_ERROR(v.Status());
         for (const std::string& child : e.children()) {
           RETURN_IF_ERROR(Apply(ctx, tx, record, child, e.decision_date(), MilestoneKind::kMatched, e.household(), ""));
           // The match's link progresses; the child's and the household's other live links close.
           const std::string child_id = platform::IdFromName(child, "children", "child", v);
           RETURN_IF_ERROR(v.Status());
           RETURN_IF_ERROR(SaveLinks(tx, FollowMatch(LinkStore().LiveOf(tx, child_id, id), child_id, id, ByPanel(ctx)),
                                     e.decision_date(), record));
           RETURN_IF_ERROR(CloseOpenReferral(ctx, tx, child_id, ReferralOutcome::kMatched, e.decision_date(),
                                             "the decision maker agreed the match", record));
         }
         // The household leaves the matching pool (a household no profile mirrors —
         // not ours, not a partner's offered to us — has none to change).
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
         RETURN_IF_ERROR(Apply(ctx, tx, record, e.child(), e.decision_date(), MilestoneKind::kPlanChanged, "",
                               e.new_plan().empty() ? "the decision maker changed the plan" : e.new_plan()));
         platform::Validation v;
         const std::string child_id = platform::IdFromName(e.child(), "children", "child", v);
         RETURN_IF_ERROR(v.Status());
         RETURN_IF_ERROR(
             SaveLinks(tx, FollowPlanChange(LinkStore().LiveOf(tx, child_id, ""), ByPanel(ctx)), e.decision_date(), record));
         const bool order_ended = e.new_plan() == "PLACEMENT_ORDER_REFUSED" ||
                                  e.new_plan() == "PLACEMENT_ORDER_REVOKED";
         return CloseOpenReferral(ctx, tx, child_id,
                                  order_ended ? ReferralOutcome::kPlacementOrderRevoked : ReferralOutcome::kPlanChanged,
                                  e.decision_date(), "the decision maker changed the child's plan", record);
       }},
  };
}

}  // namespace familyfinding
