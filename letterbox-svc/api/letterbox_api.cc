#include "letterbox-svc/api/letterbox_api.h"

#include <soci/soci.h>

#include "letterbox-svc/api/contact_arrangement_mapping.h"
#include "platform/db.h"
#include "platform/ids.h"
#include "platform/paging.h"
#include "platform/proto_convert.h"
#include "platform/resource.h"
#include "platform/status_macros.h"

namespace letterbox {

namespace pb = adoption::letterbox::v1;
using platform::Call;
using platform::Reach;
using platform::Role;

// Letterbox coordinators reach the arrangements of their children's local
// authorities (and those whose authority is not recorded yet). An arrangement is also scoped by its parties (their accounts), but the
// v1 arrangement shows every party to whoever reads it, so the families themselves
// reach only their exchanges (issue 16), never the arrangement.
const platform::PolicyTable& Policies() {
  static const platform::PolicyTable table({
      {"CreateContactArrangement", {{Role::kLetterboxCoordinator, Reach::kLocalAuthorities}}},
      {"GetContactArrangement",
       {{Role::kLetterboxCoordinator, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"ListContactArrangements",
       {{Role::kLetterboxCoordinator, Reach::kLocalAuthorities}, {Role::kManager, Reach::kAgency}}},
      {"UpdateContactArrangement", {{Role::kLetterboxCoordinator, Reach::kLocalAuthorities}}},
  });
  return table;
}

namespace {
constexpr char kResource[] = "contact_arrangement";
constexpr char kPrefix[] = "contact_arrangement.";
const std::set<std::string> kUpdatable = {"child_date_of_birth", "local_authority", "parties", "frequency",
                                          "exchange_months", "two_way", "end_date", "status", "status_reason",
                                          "next_review_date"};

// An arrangement is scoped by its child's local authority and its parties (the
// accounts acting for them online).
platform::RecordScope ScopeOf(const ArrangementDetails& d) {
  platform::RecordScope scope{.local_authorities = {d.local_authority}, .unallocated = d.local_authority.empty()};
  for (const Party& p : d.parties) {
    if (!p.account.empty()) scope.parties.push_back(p.account);
  }
  return scope;
}
}  // namespace

grpc::Status LetterboxApi::CreateContactArrangement(Ctx* ctx, const pb::CreateContactArrangementRequest* request,
                                                    pb::ContactArrangement* response) {
  return rpc_->Run(ctx, "CreateContactArrangement", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_contact_arrangement(), "contact_arrangement", "is required");
    ArrangementDetails details = DetailsFromProto(request->contact_arrangement(), kPrefix, v);
    ASSIGN_OR_RETURN(ContactArrangement arrangement,
                     SetUpArrangement(platform::NewId(), std::move(details), platform::NewId,
                                      call.principal().subject, platform::NowMicros(), platform::Today(), *table_,
                                      kPrefix, std::move(v)));
    RETURN_IF_ERROR(call.MayHold(ScopeOf(arrangement.details)));

    ContactArrangement created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request, [&] {
        arrangements_->Insert(tx, arrangement);
        call.Emit(tx, kResource, arrangement.id, CreatedEvent(arrangement));
        return absl::StatusOr<std::string>(arrangement.id);
      }));
      auto a = arrangements_->Get(tx, id);
      if (!a) return absl::InternalError("contact arrangement recorded under this request_id is missing");
      RETURN_IF_ERROR(call.MayHold(ScopeOf(a->details)));
      call.Audit(tx, kResource, id);
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
    // A transaction, because the read of personal data is audited.
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      auto a = arrangements_->Get(tx, id);
      if (!a) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(a->details), request->name()));
      call.Audit(tx, kResource, id);
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
    platform::Filter filter =
        platform::ParseFilter(request->filter(), {"child", "kind", "status", "frequency", "local_authority"}, v);
    if (const std::string* child = filter.Find("child")) query.child = *child;
    query.kind = platform::EnumFilter<ContactKind>(filter, "kind", pb::ContactKind_descriptor(), v);
    query.status = platform::EnumFilter<ArrangementStatus>(filter, "status", pb::ArrangementStatus_descriptor(), v);
    query.frequency = platform::EnumFilter<ContactFrequency>(filter, "frequency", pb::ContactFrequency_descriptor(), v);
    if (const std::string* la = filter.Find("local_authority")) query.local_authority = *la;
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      std::vector<ContactArrangement> page = arrangements_->List(tx, query);
      for (const auto& a : page) {
        call.Audit(tx, kResource, a.id);
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
    std::set<std::string> paths = platform::MaskPaths(request->update_mask(), kUpdatable, v);
    RETURN_IF_ERROR(v.Status());

    ContactArrangement updated;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      auto a = arrangements_->Get(tx, id);
      if (!a) return platform::NotFound(in.name());
      RETURN_IF_ERROR(call.Reveal(ScopeOf(a->details), in.name()));
      RETURN_IF_ERROR(platform::CheckEtag(version, a->version, in.name()));
      // Read every field so shape errors are reported, then take the masked ones.
      platform::Validation fields;
      ArrangementDetails given = DetailsFromProto(in, kPrefix, fields);
      ArrangementDetails d = a->details;
      if (paths.count("child_date_of_birth")) d.child_date_of_birth = given.child_date_of_birth;
      if (paths.count("local_authority")) d.local_authority = given.local_authority;
      if (paths.count("parties")) d.parties = given.parties;
      if (paths.count("frequency")) d.frequency = given.frequency;
      if (paths.count("exchange_months")) d.exchange_months = given.exchange_months;
      if (paths.count("two_way")) d.two_way = given.two_way;
      if (paths.count("end_date")) d.end_date = given.end_date;
      if (paths.count("status")) d.status = given.status;
      if (paths.count("status_reason")) d.status_reason = given.status_reason;
      if (paths.count("next_review_date")) d.next_review_date = given.next_review_date;
      // Only violations in masked fields count; the result must be valid as a whole.
      platform::Validation masked = platform::MaskedViolations(fields, kPrefix, paths);
      RETURN_IF_ERROR(call.MayHold(ScopeOf(d)));
      Revision revision;
      revision.reviewed = paths.count("next_review_date") > 0;
      revision.status_reason_given = paths.count("status_reason") > 0;
      RETURN_IF_ERROR(ReviseArrangement(*a, std::move(d), revision, platform::NewId, call.principal().subject,
                                        platform::NowMicros(), platform::Today(), *table_, kPrefix,
                                        std::move(masked)));
      if (!arrangements_->Update(tx, *a, version)) {
        return platform::ChangedDuringUpdate(in.name());
      }
      call.Audit(tx, kResource, a->id);
      updated = *std::move(a);
      return absl::OkStatus();
    }));
    *response = ToProto(updated);
    return absl::OkStatus();
  });
}

}  // namespace letterbox
