#include "backend/backoff.hpp"

#include <gtest/gtest.h>

#include <set>

namespace switchyard::backend {
namespace {

using std::chrono::milliseconds;

TEST(backoff, doubles_from_initial_and_stops_at_max) {
  backoff_policy p;
  p.initial = milliseconds(100);
  p.max = milliseconds(1000);
  p.jitter = 0.0;
  EXPECT_EQ(backoff_delay(p, 1, 0.5), milliseconds(100));
  EXPECT_EQ(backoff_delay(p, 2, 0.5), milliseconds(200));
  EXPECT_EQ(backoff_delay(p, 4, 0.5), milliseconds(800));
  EXPECT_EQ(backoff_delay(p, 5, 0.5), milliseconds(1000));
  EXPECT_EQ(backoff_delay(p, 4000000000u, 0.5), milliseconds(1000));  // no overflow
}

TEST(backoff, jitter_only_shortens_within_its_fraction) {
  backoff_policy p;
  p.initial = milliseconds(1000);
  p.max = milliseconds(1000);
  p.jitter = 0.2;
  EXPECT_EQ(backoff_delay(p, 1, 0.0), milliseconds(1000));
  EXPECT_EQ(backoff_delay(p, 1, 0.5), milliseconds(900));
  EXPECT_GE(backoff_delay(p, 1, 0.999999), milliseconds(800));
  EXPECT_EQ(backoff_delay(p, 1, 7.0), milliseconds(800));  // out-of-range units are clamped
}

TEST(jitter_source, is_reproducible_from_its_seed_and_in_range) {
  jitter_source a(42), b(42), c(43);
  std::set<double> seen;
  bool differs = false;
  for (int i = 0; i < 1000; ++i) {
    const double x = a.next();
    EXPECT_EQ(x, b.next());
    differs = differs || x != c.next();
    EXPECT_GE(x, 0.0);
    EXPECT_LT(x, 1.0);
    seen.insert(x);
  }
  EXPECT_TRUE(differs);
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(pg_errc, every_code_has_a_name) {
  for (int c = 0; c <= static_cast<int>(pg_errc::internal); ++c)
    EXPECT_NE(to_string(static_cast<pg_errc>(c)), "unknown") << c;
  const pg_error e{pg_errc::server_error, "42601", "syntax error"};
  EXPECT_EQ(e.describe(), "server_error 42601: syntax error");
}

}  // namespace
}  // namespace switchyard::backend
