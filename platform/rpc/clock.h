#pragma once
// The api layer's clock: today's date in the UK and the current instant. Handlers
// take it injected, so a test pins the day a date rule is judged on.
#include <atomic>
#include <mutex>
#include <string>

#include "platform/core/calendar.h"
#include "platform/core/revision.h"

namespace platform {

class Clock {
 public:
  virtual ~Clock() = default;
  // Today in the UK (Europe/London): the day "not in the future" is judged against.
  virtual Date Today() const = 0;
  // Microseconds since the Unix epoch: how instants are stored.
  virtual long long NowMicros() const = 0;
};

// The real clock (platform::Today, platform::NowMicros).
class SystemClock final : public Clock {
 public:
  Date Today() const override;
  long long NowMicros() const override;
};

// A clock that says what it is told (tests): a pinned day, and an instant that
// starts at that day's midnight UTC and advances one microsecond per reading, so
// stamps still order. Safe to read from the server's threads while a test moves it.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Date today) { Set(today); }
  // Pins the day (and the instant to its midnight).
  void Set(Date today);
  Date Today() const override;
  long long NowMicros() const override { return now_.fetch_add(1); }

 private:
  mutable std::mutex mu_;
  Date today_;  // guarded by mu_
  mutable std::atomic<long long> now_{0};
};

// A change by `actor` now, judged on today, both as `clock` says.
Revision RevisionBy(const std::string& actor, const Clock& clock);

}  // namespace platform
