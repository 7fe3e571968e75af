// FamilyFindingService.SearchHouseholds: the matching search over the household
// profiles read model (docs/domain.md §2 "Matching").
#include <soci/soci.h>

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "familyfinding-svc/api/child_mapping.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/domain/matching.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "platform/rpc/proto_convert.h"

namespace familyfinding {

namespace pb = adoption::familyfinding::v1;
using platform::Call;

namespace {
constexpr int kDefaultCandidates = 20;
constexpr int kMostCandidates = 100;
constexpr int kMostSiblings = 20;

}  // namespace

std::vector<Child> FamilyFindingApi::SiblingsOf(const platform::Coverage& coverage, soci::session& tx,
                                                const Child& child, platform::Date today) {
  if (child.details.sibling_group.empty()) return {};
  ChildQuery q{.sibling_group = child.details.sibling_group,
               .on = today,
               .page = platform::Page{kMostSiblings, ""},
               .coverage = coverage};
  return children_->List(tx, q);
}

grpc::Status FamilyFindingApi::SearchHouseholds(Ctx* ctx, const pb::SearchHouseholdsRequest* request,
                                                pb::SearchHouseholdsResponse* response) {
  return rpc_->Run(ctx, "SearchHouseholds", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    const std::string id = platform::IdFromName(request->child(), "children", "child", v);
    std::vector<MatchingFilter> set_aside;
    for (int i = 0; i < request->filter_overrides_size(); ++i) {
      const auto& o = request->filter_overrides(i);
      const std::string field = absl::StrCat("filter_overrides[", i, "].");
      if (auto f = ParseMatchingFilter(o.filter())) {
        set_aside.push_back(*f);
      } else {
        v.Add(field + "filter",
              "must be number_of_children, age_range, disability, early_permanence or sibling_group");
      }
      const std::string reason = platform::CleanText(o.reason(), platform::TextKind::kSingleLine, field + "reason", v);
      v.Check(!reason.empty(), field + "reason", "is required: why the filter is set aside for this child");
    }
    v.Check(request->page_size() >= 0 && request->page_size() <= kMostCandidates, "page_size",
            absl::StrCat("must be 0 to ", kMostCandidates, " (0 for ", kDefaultCandidates, ")"));
    RETURN_IF_ERROR(v.Status());
    const int limit = request->page_size() == 0 ? kDefaultCandidates : request->page_size();
    auto weights = MatchingWeights::On(*statutory_, today);
    if (!weights.ok()) {
      return absl::FailedPreconditionError(absl::StrCat("the matching weights are not configured: ",
                                                        weights.status().message()));
    }

    std::optional<Child> child;
    std::vector<Child> siblings;
    std::shared_ptr<const PoolSnapshot> pool;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) -> absl::Status {
      child = children_->Get(sql, id);
      if (!child) return platform::NotFound(request->child());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(child->details), request->child()));
      siblings = SiblingsOf(call.coverage(), sql, *child, today);
      pool = pool_->Current(sql);
      call.AuditRead(kChild, child->id);
      for (const Child& s : siblings) call.AuditRead(kChild, s.id);
      return absl::OkStatus();
    }));
    const SearchResult found =
        familyfinding::SearchHouseholds(ToPlace(*child, siblings, today), pool->packed, *weights, set_aside, today, limit);
    for (const Candidate& c : found.candidates) {
      pb::HouseholdCandidate* out = response->add_candidates();
      *out->mutable_household_profile() = ToProto(*c.household);
      out->set_tier(c.tier);
      out->set_score(c.score);
      for (const ScorePart& part : c.parts) {
        pb::ScorePart* p = out->add_parts();
        p->set_factor(part.factor);
        p->set_points(part.points);
        p->set_reason(part.reason);
      }
      for (const auto& f : c.filters_set_aside) out->add_filters_set_aside(f);
    }
    response->set_considered(found.considered);
    for (const auto& [filter, households] : found.filtered_out) {
      pb::FilteredOut* f = response->add_filtered_out();
      f->set_filter(filter);
      f->set_households(households);
    }
    return absl::OkStatus();
  });
}

}  // namespace familyfinding
