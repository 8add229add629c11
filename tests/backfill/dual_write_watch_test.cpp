// The backfill and the dual write's published progress: re-checks only while a dual write is
// live, and a round that waits until the mirror applied what MySQL committed before the copy.
#include "migrate/backfill/dual_write_watch.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "backfill/backfill_fixture.hpp"
#include "migrate/backfill/pg_session.hpp"

namespace switchyard::backfill_test {
namespace {

using namespace std::chrono_literals;
using namespace integration;
using migrate::dual_write_progress;

TEST(dual_write_progress, with_no_live_instance_every_snapshot_is_past) {
  const dual_write_progress none;
  EXPECT_TRUE(none.past(1e12, 500ms));
}

TEST(dual_write_progress, a_snapshot_is_past_once_the_mirror_is_beyond_it_by_the_margin) {
  dual_write_progress live;
  live.live_instances = 2;
  live.caught_up_at = 1000.0;
  EXPECT_TRUE(live.past(999.0, 500ms));
  EXPECT_TRUE(live.past(999.5, 500ms));
  EXPECT_FALSE(live.past(999.6, 500ms));
  EXPECT_TRUE(live.past(1000.0, 0ms));
  EXPECT_FALSE(live.past(1000.1, 0ms));
}

class dual_write_watch_it : public backfill_case {
 protected:
  dual_write_progress read(const std::vector<std::string>& databases) {
    std::string error;
    const auto pg = migrate::pg_session::connect(dual_write_test::pg_conninfo(), error);
    dual_write_progress p;
    EXPECT_TRUE(pg && migrate::read_dual_write_progress(pg.get(), databases, 5s, p, error)) << error;
    return p;
  }
  // Waits (at most 5 s) until `databases` have `live` live instances.
  dual_write_progress wait_live(const std::vector<std::string>& databases, std::size_t live) {
    dual_write_progress p;
    for (int i = 0; i < 100; ++i) {
      p = read(databases);
      if (p.live_instances == live) break;
      std::this_thread::sleep_for(50ms);
    }
    return p;
  }
};

TEST_F(dual_write_watch_it, a_dual_writing_proxy_publishes_its_progress_and_removes_it_when_stopped) {
  start_with_tables({"CREATE TABLE t (id INT PRIMARY KEY, v INT)"});
  if (HasFatalFailure()) return;
  const dual_write_progress p = wait_live({db_}, 1);
  ASSERT_EQ(p.live_instances, 1u);
  const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_GT(p.caught_up_at, now - 5) << std::fixed << p.caught_up_at << " " << now
      << testing::PrintToString(pg_rows("SELECT *, now() FROM switchyard_mirror_progress"));  // an idle mirror is caught up to about now
  EXPECT_LT(p.caught_up_at, now + 1);
  // Only for the databases it mirrors.
  EXPECT_EQ(read({db_ + "_other"}).live_instances, 0u);
  proxy_.reset();
  EXPECT_EQ(read({db_}).live_instances, 0u) << "a stopped proxy's row is removed";
}

TEST_F(dual_write_watch_it, backfill_without_a_live_dual_write_copies_without_rechecks_unless_asked) {
  load_mysql("CREATE TABLE t (id INT PRIMARY KEY, v INT); INSERT INTO t SELECT seq, seq FROM seq_1_to_3000");
  create_pg_tables();
  if (HasFatalFailure()) return;
  const run_output plain = backfill({"--progress", "json", "--chunk-rows", "1000", "--recheck-delay-ms", "50"});
  ASSERT_EQ(plain.status, 0) << plain.err << plain.out;
  EXPECT_EQ(summary_field(plain.out, "chunks_copied_with_recheck"), "0") << plain.out;
  EXPECT_NE(plain.err.find("no dual write is live"), std::string::npos) << plain.err;
  EXPECT_EQ(pg_value("SELECT count(*) FROM " + db_ + ".t"), "3000");

  const run_output always = backfill({"--progress", "json", "--chunk-rows", "1000", "--recheck-delay-ms", "50", "--restart",
                                      "--recheck", "always"});
  ASSERT_EQ(always.status, 0) << always.err << always.out;
  EXPECT_EQ(summary_field(always.out, "chunks_copied_with_recheck"),
            pg_value("SELECT count(*) FROM switchyard.backfill_chunks WHERE mysql_schema = '" + db_ + "'"))
      << always.out;

  const run_output bad = backfill({"--recheck", "sometimes"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("--recheck: expected auto or always"), std::string::npos) << bad.err;
}

// The race the wait closes: a statement MySQL committed before the chunk's snapshot, still queued
// in a lagging mirror when the chunk is copied, lands on the copied row afterwards (UPDATE v = v + 1
// applied twice). The re-check rounds wait for the mirror, see the stale row and fix it.
TEST_F(dual_write_watch_it, a_recheck_waits_for_a_lagging_mirror_and_fixes_the_row_it_updated_twice) {
  start_with_tables({"CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)", "CREATE TABLE slow (id INT PRIMARY KEY)"});
  if (HasFatalFailure()) return;
  // The mirror takes 3 s over each statement on `slow`: everything queued behind it lags.
  pg_exec("CREATE FUNCTION " + db_ + ".slow_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3); "
          "RETURN NULL; END $$");
  pg_exec("CREATE TRIGGER slow_down BEFORE UPDATE ON " + db_ + ".slow FOR EACH STATEMENT EXECUTE FUNCTION " + db_ +
          ".slow_down()");
  load_mysql("INSERT INTO t VALUES (1, 10), (2, 20)");  // history: MySQL only, for the backfill to copy
  ASSERT_EQ(wait_live({db_}, 1).live_instances, 1u);

  exec(client_.get(), "UPDATE slow SET id = id WHERE id = 0");
  exec(client_.get(), "UPDATE t SET v = v + 1 WHERE id = 1");  // MySQL: 11; the mirror will apply it in ~3 s
  const run_output r =
      backfill({"--progress", "json", "--tables", "t", "--recheck-delay-ms", "100", "--recheck-rounds", "3"});
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(summary_field(r.out, "chunks_copied_with_recheck"), "1") << r.out;
  EXPECT_EQ(summary_field(r.out, "rows_fixed_by_recheck"), "1") << r.out;
  EXPECT_EQ(pg_value("SELECT v FROM " + db_ + ".t WHERE id = 1"), "11");
  EXPECT_EQ(pg_value("SELECT v FROM " + db_ + ".t WHERE id = 2"), "20");
}

}  // namespace
}  // namespace switchyard::backfill_test
