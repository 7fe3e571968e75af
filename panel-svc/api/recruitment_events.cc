#include "panel-svc/api/recruitment_events.h"

#include "absl/strings/str_cat.h"
#include "adoption/events/v1/events.pb.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/proto_convert.h"

namespace panel {

namespace ev = adoption::events::v1;

std::map<std::string, platform::Consumer::Handler> RecruitmentEventHandlers(ReferralStore* referrals) {
  return {
      {ev::HouseholdReferredToPanel::descriptor()->full_name(),
       [=](soci::session& tx, const ev::EventRecord& record) -> absl::Status {
         ASSIGN_OR_RETURN(auto e, platform::UnpackEvent<ev::HouseholdReferredToPanel>(record));
         platform::Validation v;
         PanelReferral r;
         r.household_id = platform::IdFromName(e.household(), "households", "household", v);
         r.referral_date = platform::DateFromProto(e.referral_date(), "referral_date", v);
         r.dual_approval_sought = e.dual_approval_sought();
         r.source_sequence = record.sequence();
         RETURN_IF_ERROR(v.Status());
         referrals->Record(tx, r);
         return absl::OkStatus();
       }},
  };
}

}  // namespace panel
