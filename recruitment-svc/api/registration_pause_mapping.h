#pragma once
// RegistrationPause <-> adoption.recruitment.v1.RegistrationPause.
#include "adoption/recruitment/v1/registration_pause.pb.h"
#include "platform/core/errors.h"
#include "recruitment-svc/domain/registration_pause.h"

namespace recruitment {

adoption::recruitment::v1::RegistrationPause ToProto(const RegistrationPause& p);
// Reads the client-settable fields; shape problems become violations under `prefix`.
RegistrationPauseDetails PauseDetailsFromProto(const adoption::recruitment::v1::RegistrationPause& p,
                                               const std::string& prefix, platform::Validation& v);

}  // namespace recruitment
