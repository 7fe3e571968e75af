#include "support-svc/api/family_events.h"

#include "absl/strings/str_cat.h"
#include "adoption/events/v1/events.pb.h"
#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/proto_convert.h"

namespace support {
namespace {

namespace ev = adoption::events::v1;

constexpr char kActor[] = "familyfinding-svc";

struct Named {
  std::string child, household;
  platform::Date date;
};
absl::StatusOr<Named> Read(const std::string& child, const std::string& household,
                           const adoption::type::v1::Date& date) {
  platform::Validation v;
  Named out;
  out.child = platform::IdFromName(child, "children", "child", v);
  out.household = platform::IdFromName(household, "households", "household", v);
  out.date = platform::DateFromProto(date, "date", v);
  RETURN_IF_ERROR(v.Status());
  return out;
}

// Moves the family of the latest placement of the event's child with its household.
absl::Status Change(AdoptiveFamilyStore* families, soci::session& tx, const ev::EventRecord& record,
                    const Named& n, const std::function<absl::Status(AdoptiveFamily&)>& change,
                    const std::function<bool(const AdoptiveFamily&)>& done) {
  std::optional<AdoptiveFamily> f = families->Latest(tx, n.child, n.household);
  if (!f || done(*f)) return absl::OkStatus();  // never heard of, or a replay
  const long long version = f->version;
  RETURN_IF_ERROR(change(*f));
  if (!families->Update(tx, *f, version)) {
    return absl::AbortedError(absl::StrCat("family ", f->id, " changed while event ", record.sequence(),
                                           " was applied"));
  }
  return absl::OkStatus();
}

}  // namespace

std::map<std::string, platform::Consumer::Handler> FamilyFindingEventHandlers(
    AdoptiveFamilyStore* families, DisruptionReviewStore* reviews, const platform::StatutoryTable* statutory,
    const platform::Clock* clock) {
  auto revision = [clock] {
    return platform::Revision{.actor = kActor, .at = clock->NowMicros(), .today = clock->Today()};
  };
  return {
      {ev::ChildPlaced::descriptor()->full_name(),
       [=](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(ev::ChildPlaced e, platform::UnpackEvent<ev::ChildPlaced>(record));
         if (families->HasSource(tx, record.event_id())) return absl::OkStatus();
         ASSIGN_OR_RETURN(Named n, Read(e.child(), e.household(), e.placed_date()));
         platform::Validation v;
         const platform::Date moved_in =
             e.has_moved_in_date() ? platform::DateFromProto(e.moved_in_date(), "moved_in_date", v) : n.date;
         RETURN_IF_ERROR(v.Status());
         families->Insert(tx,
                          FamilyPlaced(platform::NewId(), n.child, n.household, e.local_authority(), n.date, moved_in,
                                       e.early_permanence(), kActor, clock->NowMicros()),
                          record.event_id());
         return absl::OkStatus();
       }},
      {ev::AdoptionOrderGranted::descriptor()->full_name(),
       [=](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(ev::AdoptionOrderGranted e, platform::UnpackEvent<ev::AdoptionOrderGranted>(record));
         ASSIGN_OR_RETURN(Named n, Read(e.child(), e.household(), e.order_date()));
         ASSIGN_OR_RETURN(int years, PlacingAuthorityYearsOn(*statutory, n.date));
         return Change(
             families, tx, record, n,
             [&](AdoptiveFamily& f) { return AdoptionOrderMade(f, n.date, years, revision()); },
             [&](const AdoptiveFamily& f) { return f.adoption_order_date == n.date; });
       }},
      {ev::PlacementDisrupted::descriptor()->full_name(),
       [=](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(ev::PlacementDisrupted e, platform::UnpackEvent<ev::PlacementDisrupted>(record));
         ASSIGN_OR_RETURN(Named n, Read(e.child(), e.household(), e.disruption_date()));
         // The placement ends, and its review falls due, once.
         return Change(
             families, tx, record, n,
             [&](AdoptiveFamily& f) {
               RETURN_IF_ERROR(PlacementDisruptedOn(f, n.date, revision()));
               reviews->Insert(tx, DisruptionReviewDue(platform::NewId(), f, kActor, clock->NowMicros()));
               return absl::OkStatus();
             },
             [&](const AdoptiveFamily& f) { return f.status == FamilyStatus::kDisrupted; });
       }},
  };
}

}  // namespace support
