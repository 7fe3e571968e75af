#pragma once
// AgendaItem and Recommendation <-> adoption.panel.v1.
#include <array>

#include "adoption/panel/v1/agenda_item.pb.h"
#include "adoption/panel/v1/recommendation.pb.h"
#include "panel-svc/domain/agenda.h"
#include "platform/core/errors.h"

namespace panel {

std::string AgendaItemName(const AgendaItem& item);
std::string RecommendationName(const AgendaItem& item);
// "panels/{p}/meetings/{m}/agendaItems/{a}/recommendation" -> {p, m, a}, adding a
// violation on `field` when malformed.
std::array<std::string, 3> RecommendationIds(absl::string_view name, const std::string& field,
                                             platform::Validation& v);

// Papers are flagged late as of `today`.
adoption::panel::v1::AgendaItem ToProto(const AgendaItem& item, platform::Date today);
// The client-settable fields (kind, subject, dual approval, papers, conflicts);
// shape problems become violations under `prefix`.
AgendaItem AgendaItemFromProto(const adoption::panel::v1::AgendaItem& in, const std::string& prefix,
                               platform::Validation& v);

adoption::panel::v1::Recommendation ToProto(const AgendaItem& item, const Recommendation& r);
Recommendation RecommendationFromProto(const adoption::panel::v1::Recommendation& in, const std::string& prefix,
                                       platform::Validation& v);

}  // namespace panel
