#include "migrate/token_bucket.hpp"

#include <algorithm>

namespace switchyard::migrate {

token_bucket::token_bucket(double rate, double burst, clock::time_point now) noexcept
    : rate_(rate > 0 ? rate : 1), burst_(std::max(burst, 1.0)), tokens_(burst_), last_(now) {}

void token_bucket::refill(clock::time_point now) noexcept {
  if (now <= last_) return;  // time given out of order by racing workers: no refill, no loss
  const double seconds = std::chrono::duration<double>(now - last_).count();
  tokens_ = std::min(burst_, tokens_ + seconds * rate_);
  last_ = now;
}

double token_bucket::available(clock::time_point now) noexcept {
  refill(now);
  return tokens_;
}

token_bucket::clock::duration token_bucket::take(double tokens, clock::time_point now) noexcept {
  refill(now);
  tokens_ -= tokens;
  if (tokens_ >= 0) return clock::duration::zero();
  return std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(-tokens_ / rate_));
}

}  // namespace switchyard::migrate
