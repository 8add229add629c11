#include "proxy/mirror_progress.hpp"

#include <gtest/gtest.h>

namespace switchyard::proxy {
namespace {

using namespace std::chrono_literals;

TEST(mirror_progress, an_empty_mirror_is_caught_up_to_now) {
  const auto now = std::chrono::steady_clock::now();
  EXPECT_EQ(caught_up_micros(1'700'000'000'000'000, now, std::nullopt), 1'700'000'000'000'000);
}

TEST(mirror_progress, a_pending_commit_holds_progress_at_when_it_was_seen) {
  const auto now = std::chrono::steady_clock::now();
  EXPECT_EQ(caught_up_micros(1'700'000'000'000'000, now, now - 250ms), 1'700'000'000'000'000 - 250'000);
  EXPECT_EQ(caught_up_micros(1'700'000'000'000'000, now, now - 3s), 1'700'000'000'000'000 - 3'000'000);
}

TEST(mirror_progress, a_commit_stamped_after_now_does_not_move_progress_ahead) {
  const auto now = std::chrono::steady_clock::now();
  EXPECT_EQ(caught_up_micros(1'700'000'000'000'000, now, now + 5ms), 1'700'000'000'000'000);
}

TEST(mirror_progress, the_table_is_created_under_the_tools_ddl_lock) {
  const std::string ddl = mirror_progress_ddl();
  EXPECT_NE(ddl.find("pg_advisory_xact_lock"), std::string::npos) << ddl;
  EXPECT_NE(ddl.find("CREATE TABLE IF NOT EXISTS switchyard_mirror_progress"), std::string::npos) << ddl;
  EXPECT_LT(ddl.find("pg_advisory_xact_lock"), ddl.find("CREATE TABLE")) << ddl;
}

}  // namespace
}  // namespace switchyard::proxy
