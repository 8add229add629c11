// Phase 1's runtime controls against real servers: synchronous mode (a COMMIT is answered once
// PostgreSQL applied it, or after synchronous_timeout when PostgreSQL hangs, never with an
// error) and the queue bound (a hung PostgreSQL never blocks or fails clients: what overflows is
// recorded as divergent). PostgreSQL is reached through a TCP forwarder the tests pause.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include <functional>
#include <future>

#include "integration/dual_write_support.hpp"
#include "tests/backend/tcp_forwarder.hpp"

namespace switchyard::integration {
namespace {

std::uint16_t postgres_port() {
  const char* port = std::getenv("SWITCHYARD_TEST_PG_PORT");
  return static_cast<std::uint16_t>(std::atoi(port && *port ? port : "15432"));
}

// A forwarder to PostgreSQL on its own thread.
class postgres_forwarder {
 public:
  postgres_forwarder() : forwarder_(io_, postgres_port()), thread_([this] { io_.run(); }) {}
  ~postgres_forwarder() {
    boost::asio::post(io_, [this] { forwarder_.stop(); });
    guard_.reset();
    io_.stop();
    thread_.join();
  }
  postgres_forwarder(const postgres_forwarder&) = delete;
  postgres_forwarder& operator=(const postgres_forwarder&) = delete;
  [[nodiscard]] std::string conninfo() const {
    return "host=127.0.0.1 dbname=app user=app password=app port=" + std::to_string(forwarder_.port());
  }
  void pause() { forwarder_.pause(); }
  void resume() { forwarder_.resume(); }
  // PostgreSQL unreachable: the listener closed, every connection cut (on the forwarder's thread).
  void cut() { on_thread([this] { forwarder_.stop(); }); }
  void restore() { on_thread([this] { forwarder_.start(); }); }

 private:
  void on_thread(std::function<void()> f) {
    std::promise<void> done;
    boost::asio::post(io_, [&] {
      f();
      done.set_value();
    });
    done.get_future().wait();
  }
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_ = boost::asio::make_work_guard(io_);
  backend::test::tcp_forwarder forwarder_;
  std::thread thread_;
};

std::int64_t elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - since).count();
}

class dual_write_sync : public ::testing::Test {
 protected:
  void create_table(proxy_instance& p) {
    connection c = connect_to(p.port(), db.options());
    ASSERT_TRUE(c.connected) << last_error(c.get());
    exec(c.get(), "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40) NOT NULL, d DECIMAL(10,2) NOT NULL)");
    ASSERT_TRUE(wait_mirror_drained(p));
  }
  // Phase 1 reaching PostgreSQL through `forwarder`.
  [[nodiscard]] config::settings through(const postgres_forwarder& forwarder) const {
    config::settings s = db.dual_write_settings(dir);
    s.postgresql.conninfo = forwarder.conninfo();
    return s;
  }
  [[nodiscard]] std::string on_postgres(const std::string& where) {
    postgres_client pg;
    const auto rows = pg.rows("SELECT id, v, d FROM " + db.name() + ".t WHERE " + where);
    return rows.empty() ? "<none>" : rows.front();
  }

  mirrored_database db{test_database_name("conc_")};
  temp_dir dir;
};

TEST_F(dual_write_sync, commit_returns_after_postgresql_applied) {
  config::settings s = db.dual_write_settings(dir);
  s.mirror.synchronous = true;
  s.mirror.synchronous_timeout = 10s;  // never reached: PostgreSQL is up
  proxy_instance p(s);
  create_table(p);
  connection c = connect_to(p.port(), db.options());
  ASSERT_TRUE(c.connected);
  for (int i = 1; i <= 20; ++i) {
    const std::string id = std::to_string(i);
    if (i % 2 == 0) {
      exec(c.get(), "INSERT INTO t VALUES (" + id + ", 'auto', 1.25)");
    } else {
      exec(c.get(), "BEGIN");
      exec(c.get(), "INSERT INTO t VALUES (" + id + ", 'txn', 0.50)");
      exec(c.get(), "UPDATE t SET d = d + 1 WHERE id = " + id);
      exec(c.get(), "COMMIT");
    }
    // No waiting: the answer to the write or the COMMIT came after PostgreSQL's.
    EXPECT_EQ(on_postgres("id = " + id), id + (i % 2 == 0 ? "\tauto\t1.25" : "\ttxn\t1.50")) << "after commit " << i;
  }
  EXPECT_EQ(snapshot(p.stats()).mirror_sync_timeouts, 0);
  EXPECT_EQ(snapshot(p.stats()).mirror_transactions_diverged, 0);
}

// DDL on a table that is not mirrored commits the open transaction implicitly: the answer waits
// for that transaction only (the DDL itself is not mirrored), not for the synchronous timeout.
TEST_F(dual_write_sync, an_implicit_commit_by_unmirrored_ddl_is_waited_for_not_timed_out) {
  config::settings s = db.dual_write_settings(dir);
  s.mirror.synchronous = true;
  s.mirror.synchronous_timeout = 5s;
  proxy_instance p(s);
  create_table(p);
  connection c = connect_to(p.port(), db.options());
  ASSERT_TRUE(c.connected);
  const std::string other = std::string(test_database) + "." + db.name().substr(0, 40) + "_ddl";
  exec(c.get(), "DROP TABLE IF EXISTS " + other);
  exec(c.get(), "BEGIN");
  exec(c.get(), "INSERT INTO t VALUES (1, 'before ddl', 2.00)");
  const auto start = std::chrono::steady_clock::now();
  exec(c.get(), "CREATE TABLE " + other + " (id INT)");  // not mirrored; commits the INSERT
  const std::int64_t took = elapsed_ms(start);
  EXPECT_LT(took, 2500) << "the answer waited for the synchronous timeout";
  EXPECT_EQ(on_postgres("id = 1"), "1\tbefore ddl\t2.00");
  EXPECT_EQ(snapshot(p.stats()).mirror_sync_timeouts, 0);
  exec(c.get(), "DROP TABLE " + other);
}

TEST_F(dual_write_sync, hung_postgresql_delays_commit_by_the_timeout_only) {
  postgres_forwarder forwarder;
  config::settings s = through(forwarder);
  s.mirror.synchronous = true;
  s.mirror.synchronous_timeout = 300ms;
  s.mirror.apply_timeout = 20s;  // the held transaction is applied once PostgreSQL answers again
  stderr_capture log(dir.file("proxy.log"));
  proxy_instance p(s);
  create_table(p);
  connection c = connect_to(p.port(), db.options());
  ASSERT_TRUE(c.connected);
  forwarder.pause();
  const auto start = std::chrono::steady_clock::now();
  exec(c.get(), "INSERT INTO t VALUES (1, 'held', 2.00)");  // no error for the client
  const std::int64_t took = elapsed_ms(start);
  EXPECT_GE(took, 280);
  EXPECT_LT(took, 2000);
  EXPECT_EQ(wait_counter(p.stats().mirror_sync_timeouts, 1), 1);
  EXPECT_EQ(on_postgres("id = 1"), "<none>");
  forwarder.resume();
  ASSERT_TRUE(wait_mirror_drained(p));
  EXPECT_EQ(on_postgres("id = 1"), "1\theld\t2.00");  // late, but applied
  EXPECT_EQ(snapshot(p.stats()).mirror_transactions_diverged, 0);
  EXPECT_NE(log.text().find("synchronous mirror: PostgreSQL did not apply the commit within 300 ms"), std::string::npos)
      << log.text();
}

TEST_F(dual_write_sync, unreachable_postgresql_never_fails_the_commit) {
  postgres_forwarder forwarder;
  config::settings s = through(forwarder);
  s.mirror.synchronous = true;
  s.mirror.synchronous_timeout = 300ms;
  s.mirror.apply_timeout = 1s;  // the pool notices the cut connections long before
  proxy_instance p(s);
  create_table(p);
  connection c = connect_to(p.port(), db.options());
  ASSERT_TRUE(c.connected);
  const counters before = snapshot(p.stats());
  forwarder.cut();
  const auto start = std::chrono::steady_clock::now();
  exec(c.get(), "BEGIN");
  exec(c.get(), "INSERT INTO t VALUES (1, 'lost', 2.00)");
  exec(c.get(), "COMMIT");  // no error for the client
  const std::int64_t took = elapsed_ms(start);
  // Answered as soon as the mirror knew PostgreSQL unreachable (the pool saw its connections
  // cut; the transaction is recorded as divergent), at the latest after the timeout.
  EXPECT_LT(took, 2000);
  EXPECT_EQ(wait_counter(p.stats().mirror_transactions_diverged, before.mirror_transactions_diverged + 1),
            before.mirror_transactions_diverged + 1);
  EXPECT_GE(snapshot(p.stats()).mirror_failures_unavailable, 1);
  EXPECT_EQ(on_postgres("id = 1"), "<none>");
  EXPECT_EQ(mysql_table_text(db.name(), "t", "id"), std::vector<std::string>{"1\tlost\t2.00"});
  // PostgreSQL back: later commits are applied again, before the client gets its answer.
  forwarder.restore();
  ASSERT_TRUE(wait_until([&] { return snapshot(p.stats()).postgresql_up == 1; }));
  exec(c.get(), "INSERT INTO t VALUES (2, 'back', 3.00)");
  EXPECT_EQ(on_postgres("id = 2"), "2\tback\t3.00");
}

TEST_F(dual_write_sync, full_queue_never_blocks_clients_and_records_divergences) {
  postgres_forwarder forwarder;
  config::settings s = through(forwarder);
  s.mirror.queue_capacity = 2;
  s.mirror.apply_timeout = 20s;
  proxy_instance p(s);
  create_table(p);
  const counters before = snapshot(p.stats());
  connection c = connect_to(p.port(), db.options());
  ASSERT_TRUE(c.connected);
  forwarder.pause();
  constexpr int writes = 12;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 1; i <= writes; ++i) exec(c.get(), "INSERT INTO t VALUES (" + std::to_string(i) + ", 'q', 0)");
  const std::int64_t took = elapsed_ms(start);
  EXPECT_LT(took, 3000) << "clients waited for the mirror";
  // At most one transaction in flight and two waiting (queued, or held for the commit-order
  // window), the rest overflowed.
  const std::int64_t full = wait_counter(p.stats().mirror_queue_full, before.mirror_queue_full + writes - 3);
  EXPECT_GE(full - before.mirror_queue_full, writes - 3);
  forwarder.resume();
  ASSERT_TRUE(wait_mirror_drained(p));
  const counters after = snapshot(p.stats());
  const std::int64_t diverged = after.mirror_transactions_diverged - before.mirror_transactions_diverged;
  const std::int64_t applied = after.mirror_transactions_applied - before.mirror_transactions_applied;
  EXPECT_GE(diverged, writes - 3);
  EXPECT_EQ(applied + diverged, writes);
  // Overflowing transactions of one statement shape in one round share a record (coalesced).
  EXPECT_GE(wait_counter(p.stats().divergences_recorded, 1), 1);
  postgres_client pg;
  EXPECT_EQ(pg.rows("SELECT count(*) FROM " + db.name() + ".t"), std::vector<std::string>{std::to_string(applied)});
  // MySQL has every row: the client was never refused.
  EXPECT_EQ(mysql_table_text(db.name(), "t", "id").size(), static_cast<std::size_t>(writes));
}

}  // namespace
}  // namespace switchyard::integration
