#include "platform/rpc/clock.h"

#include "absl/time/time.h"
#include "platform/db/db.h"

namespace platform {

Date SystemClock::Today() const { return platform::Today(); }
long long SystemClock::NowMicros() const { return platform::NowMicros(); }

void FixedClock::Set(Date today) {
  std::lock_guard<std::mutex> lock(mu_);
  today_ = today;
  now_ = absl::ToUnixMicros(absl::FromCivil(today, absl::UTCTimeZone()));
}

Date FixedClock::Today() const {
  std::lock_guard<std::mutex> lock(mu_);
  return today_;
}

Revision RevisionBy(const std::string& actor, const Clock& clock) {
  return {.actor = actor, .at = clock.NowMicros(), .today = clock.Today()};
}

}  // namespace platform
