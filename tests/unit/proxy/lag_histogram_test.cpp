#include "proxy/lag_histogram.hpp"

#include <gtest/gtest.h>

namespace switchyard::proxy {
namespace {

TEST(LagHistogram, EmptyReportsZero) {
  lag_histogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.quantile_us(0.5), 0);
  EXPECT_EQ(h.quantile_us(0.99), 0);
}

TEST(LagHistogram, QuantilesAreWithinABucketOfTheTruth) {
  lag_histogram h;
  for (int i = 1; i <= 1000; ++i) h.record(i * 100);  // 100 us .. 100 ms, uniform
  EXPECT_EQ(h.count(), 1000u);
  EXPECT_EQ(h.max(), 100'000);
  const double p50 = static_cast<double>(h.quantile_us(0.5));
  const double p99 = static_cast<double>(h.quantile_us(0.99));
  EXPECT_GE(p50, 50'000.0);
  EXPECT_LE(p50, 50'000.0 * 1.1);
  EXPECT_GE(p99, 99'000.0);
  EXPECT_LE(p99, 100'000.0);  // never above the largest value seen
}

TEST(LagHistogram, ExtremesLandInTheEndBuckets) {
  lag_histogram h;
  h.record(0);
  h.record(-5);  // a clock step backwards must not index out of range
  h.record(std::int64_t{1} << 40);
  EXPECT_EQ(h.count(), 3u);
  EXPECT_EQ(h.quantile_us(0.5), static_cast<std::int64_t>(lag_histogram::first_upper_us));
  EXPECT_EQ(h.quantile_us(1.0), std::int64_t{1} << 40);
}

}  // namespace
}  // namespace switchyard::proxy
