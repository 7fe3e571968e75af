#pragma once
// InformationSession <-> adoption.recruitment.v1.InformationSession.
#include "adoption/recruitment/v1/information_session.pb.h"
#include "platform/core/errors.h"
#include "recruitment-svc/domain/information_session.h"

namespace recruitment {

adoption::recruitment::v1::InformationSession ToProto(const InformationSession& s);
// Reads the client-settable fields; shape problems become violations under `prefix`.
InformationSessionDetails SessionDetailsFromProto(const adoption::recruitment::v1::InformationSession& p,
                                                  const std::string& prefix, platform::Validation& v);
std::string SessionName(const std::string& id);

}  // namespace recruitment
