#pragma once
// Decision <-> adoption.panel.v1, and the events a decision publishes.
#include <memory>
#include <vector>

#include "adoption/panel/v1/decision.pb.h"
#include "google/protobuf/message.h"
#include "panel-svc/domain/decision.h"
#include "platform/core/errors.h"

namespace panel {

std::string DecisionName(const std::string& id);

adoption::panel::v1::Decision ToProto(const Decision& d);
// Reads the client-settable fields (kind, outcome, dates, subject, terms, plan,
// reasons, decision maker); shape problems become violations under `prefix`.
Decision DecisionFromProto(const adoption::panel::v1::Decision& d, const std::string& prefix, platform::Validation& v);

// The events `d` publishes (PublicationOf): none, one, or one per child for the
// events that name a single child.
std::vector<std::unique_ptr<google::protobuf::Message>> PublishedEvents(const Decision& d);

}  // namespace panel
