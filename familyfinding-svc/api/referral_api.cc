// FamilyFindingService's referrals (docs/domain.md §2 "Referrals"): the child's local
// authority asks for a family; the family-finding team keeps the plan; the child's
// journey or the authority closes it.
#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/domain/referral.h"
#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "platform/rpc/change.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"
#include "platform/rpc/update_mask.h"

namespace familyfinding {

namespace pb = adoption::familyfinding::v1;
using platform::Call;

namespace {
std::string ReferralName(const std::string& id) { return absl::StrCat("familyFindingReferrals/", id); }
}  // namespace

pb::FamilyFindingReferral ToProto(const Referral& r) {
  pb::FamilyFindingReferral out;
  out.set_name(ReferralName(r.id));
  out.set_child(absl::StrCat("children/", r.child_id));
  *out.mutable_referral_date() = platform::DateToProto(r.referral_date);
  out.set_referring_social_worker(r.plan.referring_social_worker);
  out.set_family_finder(r.plan.family_finder);
  for (auto a : r.plan.activities) out.add_activities(platform::EnumToProto<pb::FamilyFindingActivity>(a));
  if (r.plan.next_plan_review_date) {
    *out.mutable_next_plan_review_date() = platform::DateToProto(*r.plan.next_plan_review_date);
  }
  out.set_outcome(platform::EnumToProto<pb::ReferralOutcome>(r.outcome));
  if (r.closed_date) *out.mutable_closed_date() = platform::DateToProto(*r.closed_date);
  out.set_closed_reason(r.closed_reason);
  out.set_etag(absl::StrCat(r.version));
  *out.mutable_record_info() = platform::RecordInfoOf(r);
  return out;
}

namespace {

// The plan's client-settable fields; shape problems become violations under `prefix`.
ReferralPlan PlanFromProto(const pb::FamilyFindingReferral& in, const std::string& prefix, platform::Validation& v) {
  ReferralPlan plan;
  plan.referring_social_worker = platform::CleanText(in.referring_social_worker(), platform::TextKind::kSingleLine,
                                                     prefix + "referring_social_worker", v);
  plan.family_finder = platform::CleanText(in.family_finder(), platform::TextKind::kSingleLine, prefix + "family_finder", v);
  for (int i = 0; i < in.activities_size(); ++i) {
    auto a = platform::EnumFromProto<FamilyFindingActivity>(in.activities(i), pb::FamilyFindingActivity_IsValid);
    if (a && in.activities(i) != pb::FAMILY_FINDING_ACTIVITY_UNSPECIFIED) {
      plan.activities.push_back(*a);
    } else {
      v.Add(absl::StrCat(prefix, "activities[", i, "]"), "must be a FamilyFindingActivity");
    }
  }
  plan.next_plan_review_date =
      platform::OptionalDateFromProto(in.next_plan_review_date(), prefix + "next_plan_review_date", v);
  return plan;
}

// The fields UpdateFamilyFindingReferral may change.
const platform::UpdatableFields<ReferralPlan>& PlanUpdatable() {
  static const platform::UpdatableFields<ReferralPlan> fields({
      {"referring_social_worker", &ReferralPlan::referring_social_worker},
      {"family_finder", &ReferralPlan::family_finder},
      {"activities", &ReferralPlan::activities},
      {"next_plan_review_date", &ReferralPlan::next_plan_review_date},
  });
  return fields;
}

}  // namespace

grpc::Status FamilyFindingApi::CreateFamilyFindingReferral(Ctx* ctx, const pb::CreateFamilyFindingReferralRequest* request,
                                                           pb::FamilyFindingReferral* response) {
  return rpc_->Run(ctx, "CreateFamilyFindingReferral", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_family_finding_referral(), "family_finding_referral", "is required");
    const pb::FamilyFindingReferral& in = request->family_finding_referral();
    const std::string prefix = "family_finding_referral.";
    Referral given;
    given.child_id = platform::IdFromName(in.child(), "children", prefix + "child", v);
    given.referral_date = platform::DateFromProto(in.referral_date(), prefix + "referral_date", v);
    given.plan = PlanFromProto(in, prefix, v);
    if (v.ok()) ValidateReferral(given, today, prefix, v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(MilestoneRules rules, MilestoneRulesOn(given.referral_date));
    Referral created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request,
                                                            [&]() -> absl::StatusOr<std::string> {
        std::optional<Child> c = children_->Get(tx, given.child_id);
        if (!c) return platform::NotFound(in.child());
        RETURN_IF_ERROR(call.Reveal(ScopeOf(c->details), in.child()));
        if (auto open = referrals_.OpenFor(tx, c->id)) {
          return platform::FailedPrecondition(
              "the child already has an open referral",
              {{"STATE", in.child(), absl::StrCat("referred in ", ReferralName(open->id))}});
        }
        if (c->status == FamilyFindingStatus::kAdopted || c->status == FamilyFindingStatus::kPlanChanged) {
          return platform::FailedPrecondition(
              "the child is no longer waiting for a family",
              {{"STATE", in.child(), absl::StrCat("status is ", StatusName(c->status))}});
        }
        // The referral is the journey's milestone too, once.
        if (!FirstOf(*c, MilestoneKind::kFamilyFindingReferral)) {
          const long long version = c->version;
          const size_t before = c->journey.size();
          Milestone m;
          m.kind = MilestoneKind::kFamilyFindingReferral;
          m.date = given.referral_date;
          ASSIGN_OR_RETURN(bool added, familyfinding::RecordMilestone(
                                           *c, m, rules, platform::RevisionBy(call.principal().subject, *clock_)));
          if (added) {
            if (!children_->Update(tx, *c, version)) return platform::ChangedDuringUpdate(in.child());
            SaveMilestones(call, tx, *c, before);
          }
        }
        Referral r = given;
        r.id = platform::NewId();
        r.created_by = r.updated_by = call.principal().subject;
        r.created_at = r.updated_at = clock_->NowMicros();
        referrals_.Insert(tx, r);
        return r.id;
      }));
      auto r = referrals_.Get(tx, id);
      if (!r) return absl::InternalError("referral recorded under this request_id is missing");
      call.Audit(tx, kReferral, id);
      created = *std::move(r);
      return absl::OkStatus();
    }));
    *response = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status FamilyFindingApi::GetFamilyFindingReferral(Ctx* ctx, const pb::GetFamilyFindingReferralRequest* request,
                                                        pb::FamilyFindingReferral* response) {
  return rpc_->Run(ctx, "GetFamilyFindingReferral", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string id = platform::IdFromName(request->name(), "familyFindingReferrals", "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto r = referrals_.Get(sql, id);
      if (!r) return platform::NotFound(request->name());
      auto c = children_->Get(sql, r->child_id);
      RETURN_IF_ERROR(call.Reveal(c ? ScopeOf(c->details) : platform::RecordScope{}, request->name()));
      call.AuditRead(kReferral, id);
      *response = ToProto(*r);
      return absl::OkStatus();
    });
  });
}

grpc::Status FamilyFindingApi::ListFamilyFindingReferrals(Ctx* ctx,
                                                          const pb::ListFamilyFindingReferralsRequest* request,
                                                          pb::ListFamilyFindingReferralsResponse* response) {
  return rpc_->Run(ctx, "ListFamilyFindingReferrals", [&](Call& call) -> absl::Status {
    platform::Validation v;
    ReferralQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter =
        platform::ParseFilter(request->filter(), {"child", "family_finder", "outcome", "review_due"}, v);
    if (const std::string* c = filter.Find("child")) query.child_id = platform::IdFromName(*c, "children", "filter", v);
    if (const std::string* f = filter.Find("family_finder")) query.family_finder = *f;
    query.outcome = platform::EnumFilter<ReferralOutcome>(filter, "outcome", pb::ReferralOutcome_descriptor(), v);
    if (platform::BoolFilter(filter, "review_due", v).value_or(false)) query.review_due_on = clock_->Today();
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<Referral> page = referrals_.List(sql, query);
      for (const auto& r : page) {
        call.AuditRead(kReferral, r.id);
        *response->add_family_finding_referrals() = ToProto(r);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Referral> FamilyFindingApi::ChangeReferral(Call& call, const std::string& name,
                                                          const std::string& etag, const std::string& prefix,
                                                          const std::function<absl::Status(Referral&)>& change) {
  platform::Validation v;
  const std::string id = platform::IdFromName(name, "familyFindingReferrals", prefix + "name", v);
  const long long version = platform::ParseEtag(etag, prefix + "etag", v);
  RETURN_IF_ERROR(v.Status());
  // The referral's scope is its child's, read first (a child stays with its referral).
  platform::RecordScope scope;
  RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
    auto r = referrals_.Get(sql, id);
    auto c = r ? children_->Get(sql, r->child_id) : std::nullopt;
    if (c) scope = ScopeOf(c->details);
    return absl::OkStatus();
  }));
  return platform::ChangeRecord(
      call, *db_, referrals_, name, id, version, [&](const Referral&) { return scope; },
      [&](Referral& r, soci::session&) { return change(r); },
      [&](const Referral& r, soci::session& tx) { call.Audit(tx, kReferral, r.id); });
}

grpc::Status FamilyFindingApi::UpdateFamilyFindingReferral(Ctx* ctx,
                                                           const pb::UpdateFamilyFindingReferralRequest* request,
                                                           pb::FamilyFindingReferral* response) {
  return rpc_->Run(ctx, "UpdateFamilyFindingReferral", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::set<std::string> paths = platform::MaskPaths(request->update_mask(), PlanUpdatable().paths(), v);
    RETURN_IF_ERROR(v.Status());
    const pb::FamilyFindingReferral& in = request->family_finding_referral();
    const std::string prefix = "family_finding_referral.";
    ASSIGN_OR_RETURN(Referral changed,
                     ChangeReferral(call, in.name(), in.etag(), prefix, [&](Referral& r) {
                       platform::Validation fields;
                       ReferralPlan given = PlanFromProto(in, prefix, fields);
                       return RevisePlan(r, PlanUpdatable().Apply(paths, given, r.plan),
                                         platform::RevisionBy(call.principal().subject, *clock_), prefix,
                                         platform::MaskedViolations(fields, prefix, paths));
                     }));
    *response = ToProto(changed);
    return absl::OkStatus();
  });
}

grpc::Status FamilyFindingApi::WithdrawFamilyFindingReferral(Ctx* ctx,
                                                             const pb::WithdrawFamilyFindingReferralRequest* request,
                                                             pb::FamilyFindingReferral* response) {
  return rpc_->Run(ctx, "WithdrawFamilyFindingReferral", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const platform::Date day = platform::DateFromProto(request->withdrawn_date(), "withdrawn_date", v);
    const std::string reason = platform::CleanText(request->reason(), platform::TextKind::kMultiLine, "reason", v);
    v.Check(!reason.empty() && platform::CharacterCount(reason) <= 2000, "reason",
            "is required: why the local authority withdrew it (at most 2,000 characters)");
    platform::ParseEtag(request->etag(), "etag", v);  // reported with the rest (ChangeReferral reads it too)
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(Referral changed, ChangeReferral(call, request->name(), request->etag(), "", [&](Referral& r) {
                       return CloseReferral(r, ReferralOutcome::kWithdrawn, day, reason,
                                            platform::RevisionBy(call.principal().subject, *clock_), "withdrawn_date");
                     }));
    *response = ToProto(changed);
    return absl::OkStatus();
  });
}

}  // namespace familyfinding
