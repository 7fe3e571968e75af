#pragma once
// Inter-agency fees (docs/domain.md §2 "Matching and fees"): when a child is placed for
// adoption with another agency's adopters, the child's agency pays theirs a fee by the
// provider's type and the number of children placed together, as the dated table in
// config/statutory.tsv says on the day of the placement; when another local authority's
// child is placed with this agency's adopters, the fee is this agency's to receive.
// Pure, over the children's milestones.
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "familyfinding-svc/domain/child.h"
#include "platform/core/figures.h"
#include "platform/core/statutory.h"

namespace familyfinding {

// The fee for `children` placed together with a household of `provider` on `day`
// (three or more children: the three-children row), in pence. An LA's or RAA's fee
// carries the London weighting in force that day (inter_agency_fee_london_weighting_percent,
// none when not configured) when `london`: the adopters' agency is a London one. NOT_FOUND
// when no fee was configured for that day; INVALID_ARGUMENT for the agency's own household.
absl::StatusOr<long long> InterAgencyFee(const platform::StatutoryTable& table, PlacementProvider provider,
                                         int children, platform::Date day, bool london = false);
// A London borough or the City of London: the ONS codes E09….
bool InLondon(const std::string& local_authority);
// Every key the fees read.
const std::vector<std::string>& InterAgencyFeeKeys();

struct FeeTotals {
  int families = 0;  // placements: the children placed together with one household on one day
  int children = 0;
  long long pence = 0;
};

struct InterAgencyFees {
  // Our children placed with another LA's or RAA's, or a voluntary agency's, adopters.
  FeeTotals payable_other_la, payable_voluntary;
  // Other local authorities' children (one the agency did not act for on the day)
  // placed with the agency's own adopters.
  FeeTotals receivable;
};

// The placements for adoption in `period` (the day each became an adoption placement)
// of `children`; `ours(la, day)` says whether the agency acted for that local authority
// on that day, `london(household_id)` whether the household's agency is a London one.
template <typename Ours, typename London>
absl::StatusOr<InterAgencyFees> MeasureFees(const std::vector<Child>& children, platform::Period period,
                                            const platform::StatutoryTable& table, Ours&& ours, London&& london);
// The same with no agency in London.
template <typename Ours>
absl::StatusOr<InterAgencyFees> MeasureFees(const std::vector<Child>& children, platform::Period period,
                                            const platform::StatutoryTable& table, Ours&& ours) {
  return MeasureFees(children, period, table, ours, [](const std::string&) { return false; });
}

// The placements for adoption in `period`: one per household and day, with its
// children's local authorities.
struct Placement {
  std::string household_id;
  platform::Date date;
  PlacementProvider provider = PlacementProvider::kInHouse;
  std::vector<std::string> local_authorities;  // one per child
};
std::vector<Placement> PlacementsIn(const std::vector<Child>& children, platform::Period period);

template <typename Ours, typename London>
absl::StatusOr<InterAgencyFees> MeasureFees(const std::vector<Child>& children, platform::Period period,
                                            const platform::StatutoryTable& table, Ours&& ours, London&& london) {
  InterAgencyFees fees;
  for (const Placement& p : PlacementsIn(children, period)) {
    int our_children = 0;
    for (const auto& la : p.local_authorities) our_children += ours(la, p.date);
    const int theirs = static_cast<int>(p.local_authorities.size()) - our_children;
    if (p.provider != PlacementProvider::kInHouse && our_children > 0) {
      absl::StatusOr<long long> fee = InterAgencyFee(table, p.provider, our_children, p.date, london(p.household_id));
      if (!fee.ok()) return fee.status();
      FeeTotals& t = p.provider == PlacementProvider::kVoluntaryAdoptionAgency ? fees.payable_voluntary
                                                                               : fees.payable_other_la;
      ++t.families;
      t.children += our_children;
      t.pence += *fee;
    }
    if (p.provider == PlacementProvider::kInHouse && theirs > 0) {
      absl::StatusOr<long long> fee =
          InterAgencyFee(table, PlacementProvider::kOtherLaOrRaa, theirs, p.date, london(p.household_id));
      if (!fee.ok()) return fee.status();
      ++fees.receivable.families;
      fees.receivable.children += theirs;
      fees.receivable.pence += *fee;
    }
  }
  return fees;
}

}  // namespace familyfinding
