#include "letterbox-svc/api/letterbox_api.h"

#include <soci/soci.h>

#include "letterbox-svc/api/contact_arrangement_mapping.h"
#include "platform/db/db.h"
#include "platform/core/ids.h"
#include "platform/rpc/change.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/update_mask.h"

namespace letterbox {

namespace pb = adoption::letterbox::v1;
using platform::Call;
using platform::Reach;
using platform::Role;

// Letterbox coordinators reach the arrangements of their children's local
// authorities (and those whose authority is not recorded yet). An arrangement is
// also scoped by its parties (their accounts), but it shows every party and the
// agency's knowledge of each to whoever reads it, so the families reach only their
// exchanges, never the arrangement.
const platform::PolicyTable& Policies() {
  constexpr platform::Grant kCoordinator{Role::kLetterboxCoordinator, Reach::kLocalAuthorities};
  constexpr platform::Grant kManager{Role::kManager, Reach::kAgency};
  constexpr platform::Grant kAdopter{Role::kAdopter, Reach::kParty};
  constexpr platform::Grant kBirthRelative{Role::kBirthRelative, Reach::kParty};
  static const platform::PolicyTable table({
      {"CreateContactArrangement", {{Role::kLetterboxCoordinator, Reach::kLocalAuthorities}}},
      {"GetContactArrangement",
       {{Role::kLetterboxCoordinator, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"ListContactArrangements",
       {{Role::kLetterboxCoordinator, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"UpdateContactArrangement", {{Role::kLetterboxCoordinator, Reach::kLocalAuthorities}}},
      // Exchanges: the coordinator's work, and the families' own digital exchange.
      {"CreateExchange", {kCoordinator, kAdopter, kBirthRelative}},
      {"GetExchange", {kCoordinator, kManager, kAdopter, kBirthRelative}},
      {"ListExchanges", {kCoordinator, kManager, kAdopter, kBirthRelative}},
      {"StartExchangeReview", {kCoordinator}},
      {"ApproveExchange", {kCoordinator}},
      {"ReturnExchange", {kCoordinator}},
      {"WithholdExchange", {kCoordinator}},
      {"ForwardExchange", {kCoordinator}},
      {"ResubmitExchange", {kCoordinator, kAdopter, kBirthRelative}},
      {"MarkExchangeRead", {kAdopter, kBirthRelative}},
      {"GetExchangeAttachment", {kCoordinator, kManager, kAdopter, kBirthRelative}},
      {"ListDueExchanges", {kCoordinator, kManager}},
      {"ReportLetterbox", {kCoordinator, kManager}},
  });
  return table;
}

namespace {
constexpr char kPrefix[] = "contact_arrangement.";

// The fields UpdateContactArrangement may change; ReviseArrangement judges the status
// change against the arrangement's table of allowed changes.
const platform::UpdatableFields<ArrangementDetails>& Updatable() {
  using D = ArrangementDetails;
  static const platform::UpdatableFields<D> fields({
      {"child_date_of_birth", &D::child_date_of_birth},
      {"local_authority", &D::local_authority},
      {"parties", &D::parties},
      {"frequency", &D::frequency},
      {"exchange_months", &D::exchange_months},
      {"two_way", &D::two_way},
      {"end_date", &D::end_date},
      {"status", &D::status},
      {"status_reason", &D::status_reason},
      {"next_review_date", &D::next_review_date},
  });
  return fields;
}

}  // namespace

platform::RecordScope ArrangementScope(const ArrangementDetails& d) {
  platform::RecordScope scope{.local_authorities = {d.local_authority}, .unallocated = d.local_authority.empty()};
  for (const Party& p : d.parties) {
    if (!p.account.empty()) scope.parties.push_back(p.account);
  }
  return scope;
}

grpc::Status LetterboxApi::CreateContactArrangement(Ctx* ctx, const pb::CreateContactArrangementRequest* request,
                                                    pb::ContactArrangement* response) {
  return rpc_->Run(ctx, "CreateContactArrangement", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_contact_arrangement(), "contact_arrangement", "is required");
    ArrangementDetails details = DetailsFromProto(request->contact_arrangement(), kPrefix, v);
    const platform::Date today = clock_->Today();
    ASSIGN_OR_RETURN(ContactArrangement arrangement,
                     SetUpArrangement(platform::NewId(), std::move(details), platform::NewId,
                                      call.principal().subject, clock_->NowMicros(), today,
                                      LetterboxRules::On(*statutory_, today), kPrefix, std::move(v)));
    RETURN_IF_ERROR(call.MayHold(ArrangementScope(arrangement.details)));

    ContactArrangement created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request, [&] {
        arrangements_->Insert(tx, arrangement);
        Reschedule(tx, arrangement);
        call.Emit(tx, kArrangementResource, arrangement.id, CreatedEvent(arrangement));
        return absl::StatusOr<std::string>(arrangement.id);
      }));
      auto a = arrangements_->Get(tx, id);
      if (!a) return absl::InternalError("contact arrangement recorded under this request_id is missing");
      RETURN_IF_ERROR(call.MayHold(ArrangementScope(a->details)));
      call.Audit(tx, kArrangementResource, id);
      created = *std::move(a);
      return absl::OkStatus();
    }));
    *response = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status LetterboxApi::GetContactArrangement(Ctx* ctx, const pb::GetContactArrangementRequest* request,
                                                 pb::ContactArrangement* response) {
  return rpc_->Run(ctx, "GetContactArrangement", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::string id = platform::IdFromName(request->name(), "contactArrangements", "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto a = arrangements_->Get(sql, id);
      if (!a) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ArrangementScope(a->details), request->name()));
      call.AuditRead(kArrangementResource, id);
      *response = ToProto(*a);
      return absl::OkStatus();
    });
  });
}

grpc::Status LetterboxApi::ListContactArrangements(Ctx* ctx, const pb::ListContactArrangementsRequest* request,
                                                   pb::ListContactArrangementsResponse* response) {
  return rpc_->Run(ctx, "ListContactArrangements", [&](Call& call) -> absl::Status {
    platform::Validation v;
    ArrangementQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter = platform::ParseFilter(
        request->filter(),
        {"child", "kind", "status", "frequency", "local_authority", "review_overdue", "never_reviewed"}, v);
    if (const std::string* child = filter.Find("child")) query.child = *child;
    query.kind = platform::EnumFilter<ContactKind>(filter, "kind", pb::ContactKind_descriptor(), v);
    query.status = platform::EnumFilter<ArrangementStatus>(filter, "status", pb::ArrangementStatus_descriptor(), v);
    query.frequency = platform::EnumFilter<ContactFrequency>(filter, "frequency", pb::ContactFrequency_descriptor(), v);
    if (const std::string* la = filter.Find("local_authority")) query.local_authority = *la;
    // The reviews most paper letterboxes never hold: due and not held, or never held.
    if (platform::BoolFilter(filter, "review_overdue", v).value_or(false)) query.review_before = clock_->Today();
    query.never_reviewed = platform::BoolFilter(filter, "never_reviewed", v).value_or(false);
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<ContactArrangement> page = arrangements_->List(sql, query);
      for (const auto& a : page) {
        call.AuditRead(kArrangementResource, a.id);
        *response->add_contact_arrangements() = ToProto(a);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status LetterboxApi::UpdateContactArrangement(Ctx* ctx, const pb::UpdateContactArrangementRequest* request,
                                                    pb::ContactArrangement* response) {
  return rpc_->Run(ctx, "UpdateContactArrangement", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const pb::ContactArrangement& in = request->contact_arrangement();
    std::string id = platform::IdFromName(in.name(), "contactArrangements", "contact_arrangement.name", v);
    long long version = platform::ParseEtag(in.etag(), "contact_arrangement.etag", v);
    std::set<std::string> paths = platform::MaskPaths(request->update_mask(), Updatable().paths(), v);
    RETURN_IF_ERROR(v.Status());

    ASSIGN_OR_RETURN(
        ContactArrangement updated,
        platform::ChangeRecord(
            call, *db_, *arrangements_, in.name(), id, version,
            [](const ContactArrangement& a) { return ArrangementScope(a.details); },
            [&](ContactArrangement& a, soci::session&) {
              // Read every field so shape errors are reported, then take the masked ones;
              // only violations in masked fields count, and the result is judged whole.
              platform::Validation fields;
              ArrangementDetails given = DetailsFromProto(in, kPrefix, fields);
              const ArrangementChange change{.reviewed = paths.count("next_review_date") > 0,
                                             .status_reason_given = paths.count("status_reason") > 0};
              const platform::Revision revision = platform::RevisionBy(call.principal().subject, *clock_);
              return ReviseArrangement(a, Updatable().Apply(paths, given, a.details), change, platform::NewId,
                                       LetterboxRules::On(*statutory_, revision.today), revision, kPrefix,
                                       platform::MaskedViolations(fields, kPrefix, paths));
            },
            [&](const ContactArrangement& a, soci::session& tx) {
              Reschedule(tx, a);
              call.Audit(tx, kArrangementResource, a.id);
            }));
    *response = ToProto(updated);
    return absl::OkStatus();
  });
}

}  // namespace letterbox
