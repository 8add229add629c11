// Exponential backoff between reconnect attempts. Pure: the jitter comes in as an argument, and
// jitter_source is a seeded generator owned by its user (no global randomness, reproducible tests).
#pragma once
#include <chrono>
#include <cstdint>

#include "backend/pg_types.hpp"

namespace switchyard::backend {

struct backoff_policy {
  clock::duration initial = std::chrono::milliseconds(100);
  clock::duration max = std::chrono::seconds(10);
  double multiplier = 2.0;
  double jitter = 0.2;  // each delay is shortened by up to this fraction, so pools do not retry in step
};

// Delay before the next attempt after `failures` consecutive failures (>= 1):
// min(max, initial * multiplier^(failures-1)) * (1 - jitter * jitter_unit), jitter_unit in [0, 1).
[[nodiscard]] clock::duration backoff_delay(const backoff_policy& policy, std::uint32_t failures, double jitter_unit);

// splitmix64: small, fast, and the same sequence for the same seed.
class jitter_source {
 public:
  explicit jitter_source(std::uint64_t seed) : state_(seed) {}
  // Uniform in [0, 1).
  [[nodiscard]] double next();

 private:
  std::uint64_t state_;
};

}  // namespace switchyard::backend
