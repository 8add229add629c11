// A token bucket for the backfill's rate limit (rows/s or bytes/s across all workers of a process).
// Pure arithmetic: the caller passes the time, so tests drive it without sleeping. Not thread-safe
// (the backfill guards it with a mutex). Tokens may go negative: a take larger than what is there
// is granted at once and the caller waits out the debt, so big batches never starve.
#pragma once
#include <chrono>

namespace switchyard::migrate {

class token_bucket {
 public:
  using clock = std::chrono::steady_clock;
  // `rate` tokens per second, at most `burst` saved up; starts full at `now`.
  token_bucket(double rate, double burst, clock::time_point now) noexcept;
  // Takes `tokens`; returns how long the caller must wait before going on (zero when covered).
  [[nodiscard]] clock::duration take(double tokens, clock::time_point now) noexcept;
  [[nodiscard]] double available(clock::time_point now) noexcept;

 private:
  void refill(clock::time_point now) noexcept;

  double rate_;
  double burst_;
  double tokens_;
  clock::time_point last_;
};

}  // namespace switchyard::migrate
