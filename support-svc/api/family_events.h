#pragma once
// Family finding's events that tell support of its families (docs/domain.md §4): the
// handlers a Consumer applies, each inside the transaction that advances its cursor.
#include <map>
#include <string>

#include "platform/core/statutory.h"
#include "platform/events/events.h"
#include "platform/rpc/clock.h"
#include "support-svc/store/adoptive_family_store.h"
#include "support-svc/store/disruption_review_store.h"

namespace support {

// ChildPlaced records the family (a child placed for adoption with a household, the
// support plan offered); AdoptionOrderGranted opens post-order support, the placing
// authority responsible for `post_order_support_placing_authority_years`;
// PlacementDisrupted ends the placement and makes its disruption review due. Recorded as
// "familyfinding-svc". An event read
// again changes nothing; an order or disruption for a placement support never heard of
// is skipped; one the family's rules refuse stops the consumer (its lag shows it).
std::map<std::string, platform::Consumer::Handler> FamilyFindingEventHandlers(
    AdoptiveFamilyStore* families, DisruptionReviewStore* reviews, const platform::StatutoryTable* statutory,
    const platform::Clock* clock);

}  // namespace support
