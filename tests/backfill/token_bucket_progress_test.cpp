// The rate limiter's arithmetic (time given) and the progress lines.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "migrate/backfill_progress.hpp"
#include "migrate/token_bucket.hpp"

namespace switchyard::migrate {
namespace {

using namespace std::chrono_literals;

TEST(token_bucket, starts_full_then_makes_callers_wait_out_the_debt) {
  const token_bucket::clock::time_point t0{};
  token_bucket b(1000, 100, t0);  // 1000/s, burst 100
  EXPECT_EQ(b.take(100, t0), token_bucket::clock::duration::zero());
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(b.take(500, t0)), 500ms);
  // 500 ms later the debt is paid; 100 ms more gives 100 tokens, capped at the burst after that.
  EXPECT_NEAR(b.available(t0 + 600ms), 100.0, 1e-6);
  EXPECT_NEAR(b.available(t0 + 10s), 100.0, 1e-6);
  EXPECT_EQ(b.take(50, t0 + 10s), token_bucket::clock::duration::zero());
}

TEST(token_bucket, time_going_backwards_refills_nothing) {
  const token_bucket::clock::time_point t0{};
  token_bucket b(10, 10, t0 + 1s);
  EXPECT_EQ(b.take(10, t0 + 1s), token_bucket::clock::duration::zero());
  EXPECT_NEAR(b.available(t0), 0.0, 1e-9);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(b.take(1, t0)), 100ms);
}

TEST(token_bucket, long_run_rate_is_the_configured_rate) {
  token_bucket::clock::time_point now{};
  token_bucket b(2000, 100, now);
  double taken = 0;
  while (now < token_bucket::clock::time_point{} + 10s) {
    now += b.take(100, now);
    taken += 100;
  }
  EXPECT_NEAR(taken / 10.0, 2000.0, 30.0);
}

TEST(progress, bar_line_shows_percent_rate_and_eta) {
  table_progress p{"db.t", 4, 10, 40000, 100000, 20000, "copying"};
  EXPECT_EQ(eta_seconds(p), 3);
  EXPECT_EQ(progress_bar_line(p, 10), "db.t  [####------]  40.0%  40000 rows  20000 rows/s  ETA 0:03  copying");
  p.state = "done";
  p.rows = 100000;
  EXPECT_EQ(eta_seconds(p), 0);
  EXPECT_NE(progress_bar_line(p, 10).find("[##########] 100.0%"), std::string::npos);
}

TEST(progress, json_line_has_every_field) {
  const table_progress p{"db.t", 1, 3, 500, 0, 0, "planned"};
  const auto v = boost::json::parse(progress_json_line(p)).as_object();
  EXPECT_EQ(v.at("table").as_string(), "db.t");
  EXPECT_EQ(v.at("chunks_done").to_number<int>(), 1);
  EXPECT_EQ(v.at("chunks_total").to_number<int>(), 3);
  EXPECT_EQ(v.at("rows").to_number<int>(), 500);
  EXPECT_EQ(v.at("rows_per_s").to_number<int>(), 0);
  EXPECT_EQ(v.at("eta_s").to_number<int>(), -1);
  EXPECT_EQ(v.at("state").as_string(), "planned");
}

TEST(progress, durations) {
  EXPECT_EQ(format_duration(0), "0:00");
  EXPECT_EQ(format_duration(125), "2:05");
  EXPECT_EQ(format_duration(3 * 3600 + 61), "3:01:01");
  EXPECT_EQ(format_duration(-1), "?");
}

}  // namespace
}  // namespace switchyard::migrate
