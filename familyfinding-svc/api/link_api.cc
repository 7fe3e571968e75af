// FamilyFindingService's links (docs/domain.md §2 "Links"): a household explored as a
// family for a child, within the household's cap of live links and the approval's
// terms unless the family finder sets a filter aside with a reason.
#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "familyfinding-svc/api/familyfinding_api.h"
#include "familyfinding-svc/api/panel_events.h"
#include "familyfinding-svc/domain/link.h"
#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "platform/rpc/change.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"

namespace familyfinding {

namespace pb = adoption::familyfinding::v1;
using platform::Call;

namespace {
std::string LinkName(const Link& l) { return absl::StrCat("children/", l.child_id, "/links/", l.id); }
}  // namespace

pb::Link ToProto(const Link& l) {
  pb::Link out;
  out.set_name(LinkName(l));
  out.set_household(absl::StrCat("households/", l.household_id));
  out.set_provider(platform::EnumToProto<pb::PlacementProvider>(l.provider));
  out.set_reason(l.reason);
  for (const auto& o : l.overrides) {
    pb::FilterOverride* f = out.add_filter_overrides();
    f->set_filter(MatchingFilterName(o.filter));
    f->set_reason(o.reason);
  }
  *out.mutable_link_date() = platform::DateToProto(l.link_date);
  out.set_status(platform::EnumToProto<pb::LinkStatus>(l.status));
  out.set_status_reason(l.status_reason);
  out.set_etag(absl::StrCat(l.version));
  *out.mutable_record_info() = platform::RecordInfoOf(l);
  return out;
}

namespace {

// A new link's client-settable fields; shape problems become violations under `prefix`.
Link FromProto(const pb::Link& in, const std::string& prefix, platform::Validation& v) {
  Link l;
  l.household_id = platform::IdFromName(in.household(), "households", prefix + "household", v);
  if (auto provider = platform::EnumFromProto<PlacementProvider>(in.provider(), pb::PlacementProvider_IsValid);
      provider && in.provider() != pb::PLACEMENT_PROVIDER_UNSPECIFIED) {
    l.provider = *provider;
  } else {
    v.Add(prefix + "provider", "is required: a PlacementProvider such as PLACEMENT_PROVIDER_IN_HOUSE");
  }
  l.reason = platform::CleanText(in.reason(), platform::TextKind::kMultiLine, prefix + "reason", v);
  l.link_date = platform::DateFromProto(in.link_date(), prefix + "link_date", v);
  for (int i = 0; i < in.filter_overrides_size(); ++i) {
    const auto& o = in.filter_overrides(i);
    const std::string field = absl::StrCat(prefix, "filter_overrides[", i, "].");
    FilterOverride out;
    if (auto f = ParseMatchingFilter(o.filter())) {
      out.filter = *f;
    } else {
      v.Add(field + "filter", "must be number_of_children, age_range, disability, early_permanence or sibling_group");
    }
    out.reason = platform::CleanText(o.reason(), platform::TextKind::kSingleLine, field + "reason", v);
    l.overrides.push_back(std::move(out));
  }
  return l;
}

// What a partner agency reads of a link of its household: that it exists and where it
// stands, never the family finder's words (they may name the child).
pb::Link ForPartner(pb::Link link) {
  link.clear_reason();
  link.clear_status_reason();
  for (auto& o : *link.mutable_filter_overrides()) o.clear_reason();
  return link;
}

// The caller reaches links only as a partner agency.
bool PartnerOnly(const platform::Coverage& c) {
  return !c.agency && c.local_authorities.empty() && !c.partner_agency.empty();
}

}  // namespace

platform::RecordScope FamilyFindingApi::ScopeOfLink(soci::session& sql, const Link& l) {
  // A link is its child's (the child's local authority reaches it) and, for a partner's
  // household, that partner's.
  auto child = children_->Get(sql, l.child_id);
  platform::RecordScope scope = child ? ScopeOf(child->details) : platform::RecordScope{};
  if (auto household = profiles_->Get(sql, l.household_id)) {
    if (const platform::PartnerAgency* partner = PartnerNamed(household->agency)) scope.partner_agency = partner->id;
  }
  return scope;
}

grpc::Status FamilyFindingApi::CreateLink(Ctx* ctx, const pb::CreateLinkRequest* request, pb::Link* response) {
  return rpc_->Run(ctx, "CreateLink", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    const std::string child_id = platform::IdFromName(request->parent(), "children", "parent", v);
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_link(), "link", "is required");
    const size_t before = v.violations().size();
    Link given = FromProto(request->link(), "link.", v);
    if (v.violations().size() == before) ValidateLink(given, today, "link.", v);
    RETURN_IF_ERROR(v.Status());
    auto rules = LinkRules::On(*statutory_, given.link_date);
    if (!rules.ok()) {
      return platform::InvalidArgument({{"link.link_date", "no cap on live links was in force on that day"}});
    }
    Link created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request,
                                                            [&]() -> absl::StatusOr<std::string> {
        auto child = children_->Get(tx, child_id);
        if (!child) return platform::NotFound(request->parent());
        RETURN_IF_ERROR(call.Reveal(ScopeOf(child->details), request->parent()));
        const std::string household = request->link().household();
        auto profile = profiles_->Get(tx, given.household_id);
        if (!profile) {
          return platform::FailedPrecondition(absl::StrCat("family finding holds no ", household),
                                              {{"EXISTS", household, "no such household is known to family finding"}});
        }
        const ChildrenToPlace place = ToPlace(*child, SiblingsOf(call.coverage(), tx, *child, today), today);
        bool pair_live = false;
        for (const Link& l : links_.LiveOf(tx, child_id, given.household_id)) {
          pair_live |= l.child_id == child_id && l.household_id == given.household_id;
        }
        const LinkContext context{.child = &*child,
                                  .household = &*profile,
                                  .children = &place,
                                  .household_live_links = links_.CountLive(tx, given.household_id),
                                  .pair_live = pair_live};
        RETURN_IF_ERROR(CheckNewLink(given, context, *rules, household));
        Link l = given;
        l.id = platform::NewId();
        l.child_id = child_id;
        l.created_by = l.updated_by = call.principal().subject;
        l.created_at = l.updated_at = clock_->NowMicros();
        links_.Insert(tx, l);
        if (LinkingChanged(context.household_live_links, context.household_live_links + 1)) {
          call.Emit(tx, kHouseholdProfile, l.household_id,
                    LinksChangedEvent(l.household_id, context.household_live_links + 1, l.link_date));
        }
        return l.id;
      }));
      auto l = links_.Get(tx, id);
      if (!l) return absl::InternalError("link recorded under this request_id is missing");
      RETURN_IF_ERROR(call.Reveal(ScopeOfLink(tx, *l), request->parent()));
      call.Audit(tx, kLink, id);
      created = *std::move(l);
      return absl::OkStatus();
    }));
    *response = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status FamilyFindingApi::GetLink(Ctx* ctx, const pb::GetLinkRequest* request, pb::Link* response) {
  return rpc_->Run(ctx, "GetLink", [&](Call& call) -> absl::Status {
    platform::Validation v;
    auto [child_id, link_id] = platform::IdsFromName(request->name(), {"children", "links"}, "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto l = links_.Get(sql, link_id);
      if (!l || l->child_id != child_id) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOfLink(sql, *l), request->name()));
      call.AuditRead(kLink, link_id);
      *response = PartnerOnly(call.coverage()) ? ForPartner(ToProto(*l)) : ToProto(*l);
      return absl::OkStatus();
    });
  });
}

grpc::Status FamilyFindingApi::ListLinks(Ctx* ctx, const pb::ListLinksRequest* request, pb::ListLinksResponse* response) {
  return rpc_->Run(ctx, "ListLinks", [&](Call& call) -> absl::Status {
    platform::Validation v;
    LinkQuery query;
    // "children/-" lists every child's links (AIP-159).
    if (request->parent() != "children/-") {
      query.child_id = platform::IdFromName(request->parent(), "children", "parent", v);
    }
    query.page = call.ParsePage(request->page_size(), request->page_token(),
                                absl::StrCat(request->parent(), "\n", request->filter()), v);
    platform::Filter filter = platform::ParseFilter(request->filter(), {"household", "status", "provider"}, v);
    if (const std::string* h = filter.Find("household")) {
      query.household_id = platform::IdFromName(*h, "households", "filter", v);
    }
    query.status = platform::EnumFilter<LinkStatus>(filter, "status", pb::LinkStatus_descriptor(), v);
    query.provider = platform::EnumFilter<PlacementProvider>(filter, "provider", pb::PlacementProvider_descriptor(), v);
    RETURN_IF_ERROR(v.Status());
    query.coverage = ByPartnerName(call.coverage());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      if (query.child_id && !PartnerOnly(call.coverage())) {
        auto child = children_->Get(sql, *query.child_id);
        if (!child) return platform::NotFound(request->parent());
        RETURN_IF_ERROR(call.Reveal(ScopeOf(child->details), request->parent()));
      }
      std::vector<Link> page = links_.List(sql, query);
      for (const auto& l : page) {
        call.AuditRead(kLink, l.id);
        *response->add_links() = PartnerOnly(call.coverage()) ? ForPartner(ToProto(l)) : ToProto(l);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Link> FamilyFindingApi::ChangeLink(Call& call, const std::string& name, const std::string& etag,
                                                  const std::function<absl::Status(Link&)>& change) {
  platform::Validation v;
  auto [child_id, link_id] = platform::IdsFromName(name, {"children", "links"}, "name", v);
  const long long version = platform::ParseEtag(etag, "etag", v);
  RETURN_IF_ERROR(v.Status());
  // The link's scope is its child's, read first (a child stays with its link).
  platform::RecordScope scope;
  RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
    if (auto child = children_->Get(sql, child_id)) scope = ScopeOf(child->details);
    return absl::OkStatus();
  }));
  return platform::ChangeRecord(
      call, *db_, links_, name, link_id, version,
      [&](const Link& l) { return l.child_id == child_id ? scope : platform::RecordScope{}; },
      [&](Link& l, soci::session&) -> absl::Status {
        if (l.child_id != child_id) return platform::NotFound(name);
        return change(l);
      },
      [&](const Link& l, soci::session& tx) {
        call.Audit(tx, kLink, l.id);
        if (!Live(l.status) && links_.CountLive(tx, l.household_id) == 0) {
          call.Emit(tx, kHouseholdProfile, l.household_id, LinksChangedEvent(l.household_id, 0, clock_->Today()));
        }
      });
}

grpc::Status FamilyFindingApi::ActivateLink(Ctx* ctx, const pb::ActivateLinkRequest* request, pb::Link* response) {
  return rpc_->Run(ctx, "ActivateLink", [&](Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(Link changed, ChangeLink(call, request->name(), request->etag(), [&](Link& l) {
                       return familyfinding::ActivateLink(l, platform::RevisionBy(call.principal().subject, *clock_));
                     }));
    *response = ToProto(changed);
    return absl::OkStatus();
  });
}

grpc::Status FamilyFindingApi::CloseLink(Ctx* ctx, const pb::CloseLinkRequest* request, pb::Link* response) {
  return rpc_->Run(ctx, "CloseLink", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string reason = platform::CleanText(request->reason(), platform::TextKind::kMultiLine, "reason", v);
    v.Check(!reason.empty() && platform::CharacterCount(reason) <= 2000, "reason",
            "is required: why the link ended (at most 2,000 characters)");
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(Link changed, ChangeLink(call, request->name(), request->etag(), [&](Link& l) {
                       return familyfinding::CloseLink(l, reason, platform::RevisionBy(call.principal().subject, *clock_),
                                                       "reason");
                     }));
    *response = ToProto(changed);
    return absl::OkStatus();
  });
}

}  // namespace familyfinding
