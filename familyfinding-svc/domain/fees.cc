#include "familyfinding-svc/domain/fees.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "familyfinding-svc/domain/journey.h"

namespace familyfinding {

namespace {
constexpr char kLondonWeighting[] = "inter_agency_fee_london_weighting_percent";
}  // namespace

bool InLondon(const std::string& local_authority) { return local_authority.rfind("E09", 0) == 0; }

const std::vector<std::string>& InterAgencyFeeKeys() {
  static const std::vector<std::string> keys = {
      "inter_agency_fee_la_1_child",  "inter_agency_fee_la_2_children",  "inter_agency_fee_la_3_children",
      "inter_agency_fee_vaa_1_child", "inter_agency_fee_vaa_2_children", "inter_agency_fee_vaa_3_children",
      kLondonWeighting};
  return keys;
}

absl::StatusOr<long long> InterAgencyFee(const platform::StatutoryTable& table, PlacementProvider provider,
                                         int children, platform::Date day, bool london) {
  if (provider == PlacementProvider::kInHouse) {
    return absl::InvalidArgumentError("no inter-agency fee for the agency's own household");
  }
  const int row = std::clamp(children, 1, 3) - 1;
  const bool voluntary = provider == PlacementProvider::kVoluntaryAdoptionAgency;
  absl::StatusOr<long long> fee = table.ValueOn(InterAgencyFeeKeys()[(voluntary ? 3 : 0) + row], day);
  if (!fee.ok() || voluntary || !london) return fee;
  // Voluntary agencies set one national rate; the LA and RAA rate is weighted in London.
  absl::StatusOr<long long> weighting = table.ValueOn(kLondonWeighting, day);
  if (!weighting.ok()) return fee;
  return *fee * (100 + *weighting) / 100;
}

std::vector<Placement> PlacementsIn(const std::vector<Child>& children, platform::Period period) {
  std::map<std::pair<std::string, platform::Date>, Placement> by_family;
  for (const Child& c : children) {
    const Milestone* placed = nullptr;
    for (const Milestone& m : c.journey) {
      if (m.kind == MilestoneKind::kPlaced) placed = &m;
      if (m.kind == MilestoneKind::kDisruption) placed = nullptr;
      // Placed for adoption: at PLACED, or an early-permanence or foster carers'
      // placement at ADOPTION_PLACEMENT.
      const bool now = placed && ((&m == placed && !m.early_permanence && !m.foster_carer_adoption) ||
                                  m.kind == MilestoneKind::kAdoptionPlacement);
      if (!now || !period.Contains(m.date)) continue;
      Placement& p = by_family[{placed->household_id, m.date}];
      p.household_id = placed->household_id;
      p.date = m.date;
      p.provider = placed->provider;
      p.local_authorities.push_back(c.details.local_authority);
    }
  }
  std::vector<Placement> out;
  for (auto& [key, p] : by_family) out.push_back(std::move(p));
  return out;
}

}  // namespace familyfinding
