#pragma once
// A child as partner agencies see it (docs/domain.md §2 "Partner agencies"): enough to
// offer an approved household, nothing that identifies the child — an age band, not a
// date of birth; a region, not an authority or address; no names, no free text.
#include <optional>
#include <string>

#include "familyfinding-svc/domain/child.h"
#include "familyfinding-svc/domain/matching.h"
#include "platform/core/calendar.h"

namespace familyfinding {

struct AnonymisedChild {
  std::string child_id;   // opaque
  std::string age_band;   // AgeBand
  Sex sex = Sex::kNotKnown;
  std::string ethnicity;  // census code
  bool disability = false;
  int children_to_place = 1;
  bool early_permanence = false;
  std::string region;
  bool placement_authorised = false;  // placement order or consent
  int months_waiting = 0;             // since the should-be-placed decision
};

// "UNDER_1", "1_TO_4", "5_TO_9", "10_TO_15", "16_AND_OVER" (the DfE's bands).
std::string AgeBand(int age_years);

// Offered to partners: a should-be-placed decision and still looking for a family
// (actively family finding or linked).
bool OfferedToPartners(const Child& child);

// The child's anonymised profile on `today`, with those placed with it (`place`) and
// `region` (the agency's name for the child's authority's region; empty: England or
// Wales, by the authority's code). nullopt when the child is not offered.
std::optional<AnonymisedChild> AnonymisedProfile(const Child& child, const ChildrenToPlace& place,
                                                 const std::string& region, platform::Date today);

}  // namespace familyfinding
