#include "support-svc/api/family_mapping.h"

#include "absl/strings/str_cat.h"
#include "platform/rpc/proto_convert.h"

namespace support {

namespace pb = adoption::support::v1;

namespace {
void SetDate(const std::optional<platform::Date>& d, adoption::type::v1::Date* out) {
  if (d) *out = platform::DateToProto(*d);
}
}  // namespace

pb::AdoptiveFamily ToProto(const AdoptiveFamily& f, platform::Date today) {
  pb::AdoptiveFamily p;
  p.set_name(absl::StrCat("adoptiveFamilies/", f.id));
  p.set_child(absl::StrCat("children/", f.child_id));
  p.set_household(absl::StrCat("households/", f.household_id));
  p.set_local_authority(f.local_authority);
  *p.mutable_placed_date() = platform::DateToProto(f.placed_date);
  *p.mutable_moved_in_date() = platform::DateToProto(f.moved_in_date);
  p.set_early_permanence(f.early_permanence);
  p.set_status(platform::EnumToProto<pb::FamilyStatus>(f.status));
  SetDate(f.adoption_order_date, p.mutable_adoption_order_date());
  SetDate(f.disruption_date, p.mutable_disruption_date());
  SetDate(f.placing_authority_responsible_until, p.mutable_placing_authority_responsible_until());
  p.set_placing_authority_responsible(PlacingAuthorityResponsible(f, today));
  *p.mutable_record_info() = platform::RecordInfoOf(f);
  return p;
}

pb::DisruptionReview ToProto(const DisruptionReview& r) {
  pb::DisruptionReview p;
  p.set_name(absl::StrCat("disruptionReviews/", r.id));
  p.set_adoptive_family(absl::StrCat("adoptiveFamilies/", r.family_id));
  p.set_child(absl::StrCat("children/", r.child_id));
  p.set_household(absl::StrCat("households/", r.household_id));
  p.set_local_authority(r.local_authority);
  *p.mutable_disruption_date() = platform::DateToProto(r.disruption_date);
  p.set_after_order(r.after_order);
  p.set_status(platform::EnumToProto<pb::DisruptionReviewStatus>(r.status));
  SetDate(r.scheduled_date, p.mutable_scheduled_date());
  SetDate(r.held_date, p.mutable_held_date());
  p.set_chair(r.chair);
  p.set_findings(r.findings);
  p.set_recommendations(r.recommendations);
  p.set_etag(absl::StrCat(r.version));
  *p.mutable_record_info() = platform::RecordInfoOf(r);
  return p;
}

}  // namespace support
