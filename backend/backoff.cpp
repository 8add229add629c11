#include "backend/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace switchyard::backend {

clock::duration backoff_delay(const backoff_policy& policy, std::uint32_t failures, double jitter_unit) {
  using fsec = std::chrono::duration<double>;
  const double initial = std::max(0.0, fsec(policy.initial).count());
  const double cap = std::max(initial, fsec(policy.max).count());
  const double exponent = failures == 0 ? 0.0 : static_cast<double>(failures - 1);
  // pow overflows to inf for huge exponents; min() with the cap keeps the result finite.
  const double base = std::min(cap, initial * std::pow(std::max(1.0, policy.multiplier), exponent));
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0) * std::clamp(jitter_unit, 0.0, 1.0);
  return std::chrono::duration_cast<clock::duration>(fsec(base * (1.0 - jitter)));
}

double jitter_source::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;  // 53 random bits -> [0, 1)
}

}  // namespace switchyard::backend
