#pragma once
// Panel and Meeting <-> adoption.panel.v1.
#include "adoption/panel/v1/meeting.pb.h"
#include "adoption/panel/v1/panel.pb.h"
#include "panel-svc/domain/meeting.h"
#include "panel-svc/domain/panel.h"
#include "platform/core/errors.h"

namespace panel {

// With `rules` (today's), each member's training and appraisal due dates.
adoption::panel::v1::Panel ToProto(const Panel& p, const std::optional<PanelRules>& rules);
// Reads the client-settable fields; shape problems become violations under `prefix`.
PanelDetails DetailsFromProto(const adoption::panel::v1::Panel& p, const std::string& prefix, platform::Validation& v);
std::string PanelName(const std::string& id);
std::string Etag(long long version);

adoption::panel::v1::Meeting ToProto(const Meeting& m);
// A meeting's client-settable fields (date, capacity, status, attendance); shape
// problems become violations under `prefix`.
Meeting MeetingFromProto(const adoption::panel::v1::Meeting& m, const std::string& prefix, platform::Validation& v);
std::string MeetingName(const std::string& panel_id, const std::string& meeting_id);
// A meeting's mode; unset is in person.
MeetingMode ModeFromProto(adoption::panel::v1::MeetingMode mode, const std::string& field, platform::Validation& v);

}  // namespace panel
