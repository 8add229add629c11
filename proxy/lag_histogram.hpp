// Replication lag (MySQL commit seen -> PostgreSQL commit) as a histogram with log-spaced
// buckets: 8 per doubling from 16 microseconds to about 70 seconds, so a percentile read from it
// is within 9% of the true value. Pure and single-threaded: the mirror records, and publishes
// percentiles to the metrics.
#pragma once
#include <array>
#include <cmath>
#include <cstdint>

namespace switchyard::proxy {

class lag_histogram {
 public:
  static constexpr int per_doubling = 8;
  static constexpr int buckets = 22 * per_doubling;  // 16 us * 2^22 ~ 67 s; above: the last bucket
  static constexpr double first_upper_us = 16.0;

  void record(std::int64_t micros) {
    ++counts_[static_cast<std::size_t>(bucket_of(micros))];
    ++total_;
    if (micros > max_) max_ = micros;
  }
  [[nodiscard]] std::uint64_t count() const noexcept { return total_; }
  [[nodiscard]] std::int64_t max() const noexcept { return max_; }
  // The upper bound of the bucket holding the q-quantile (0 < q <= 1); 0 when empty.
  [[nodiscard]] std::int64_t quantile_us(double q) const {
    if (total_ == 0) return 0;
    const auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total_)));
    std::uint64_t seen = 0;
    for (int i = 0; i < buckets; ++i) {
      seen += counts_[static_cast<std::size_t>(i)];
      if (seen >= rank) {
        if (i == buckets - 1) return max_;  // the overflow bucket has no upper bound of its own
        const auto upper = static_cast<std::int64_t>(upper_us(i));
        return upper < max_ ? upper : max_;
      }
    }
    return max_;
  }
  [[nodiscard]] static double upper_us(int bucket) {
    return first_upper_us * std::exp2(static_cast<double>(bucket) / per_doubling);
  }

 private:
  [[nodiscard]] static int bucket_of(std::int64_t micros) {
    if (micros <= first_upper_us) return 0;
    const int b = static_cast<int>(std::ceil(std::log2(static_cast<double>(micros) / first_upper_us) * per_doubling));
    return b >= buckets ? buckets - 1 : b;
  }

  std::array<std::uint64_t, buckets> counts_{};
  std::uint64_t total_ = 0;
  std::int64_t max_ = 0;
};

}  // namespace switchyard::proxy
