// pg_pool against the real PostgreSQL: exhaustion, reconnects, backoff, health, concurrency.
#include "backend/pg_pool.hpp"

#include <gtest/gtest.h>

#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <thread>

#include "tests/backend/pg_test_support.hpp"
#include "tests/backend/tcp_forwarder.hpp"

namespace switchyard::backend::test {
namespace {

namespace asio = boost::asio;

asio::awaitable<void> sleep_ms(long ms) {
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await t.async_wait(asio::use_awaitable);
}

asio::awaitable<void> release_later(pooled_connection c, long ms) {
  co_await sleep_ms(ms);
  c.release();
}

pool_options options(std::size_t size) {
  pool_options o;
  o.conninfo = test_conninfo();
  o.size = size;
  o.connect_timeout = std::chrono::seconds(5);
  return o;
}

// The pg_test fixture's connection plays the administrator (pg_terminate_backend, counts).
class pg_pool_test : public pg_test {
 protected:
  // Terminates `pid` and waits until the server has really ended it.
  void terminate(int pid) {
    const pg_result k = sql(str_cat("SELECT pg_terminate_backend(", pid, ")"));
    ASSERT_TRUE(k.ok()) << k.error.describe();
    for (int i = 0; i < 100; ++i) {
      const pg_result r = sql(str_cat("SELECT count(*) FROM pg_stat_activity WHERE pid = ", pid));
      if (r.ok() && r.rows.at(0).at(0) == "0") return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL() << "backend " << pid << " did not exit";
  }
  // Acquires a connection from `pool` and runs `text` on it: the first error, else the result.
  pg_result through(pg_pool& pool, std::string text, int* pid = nullptr) {
    pg_result out;
    run(io_, [&]() -> asio::awaitable<void> {
      acquired a = co_await pool.acquire(in_ms(5000));
      if (!a.connection) {
        out.error = a.error;
        co_return;
      }
      if (pid != nullptr) *pid = a.connection->backend_pid();
      out = co_await a.connection->execute(std::move(text), in_ms(5000));
    }(), true);
    return out;
  }
  metrics pool_metrics_;
};

TEST_F(pg_pool_test, starts_unknown_opens_lazily_and_reports_up) {
  pg_pool pool(io_.get_executor(), options(3), pool_metrics_);
  EXPECT_EQ(pool.health().state, health_state::unknown);
  EXPECT_EQ(pool.open_count(), 0u);
  run(io_, [&]() -> asio::awaitable<void> {
    acquired a = co_await pool.acquire(in_ms(5000));
    EXPECT_TRUE(a.error.ok()) << a.error.describe();
    if (!a.connection) co_return;
    const pg_result r = co_await a.connection->execute("SELECT 1", in_ms(5000));
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(pool.in_use_count(), 1u);
    EXPECT_EQ(metrics::get(pool_metrics_.pg_pool_in_use), 1);
  }());
  EXPECT_EQ(pool.health().state, health_state::up);
  EXPECT_EQ(pool.open_count(), 1u);
  EXPECT_EQ(pool.in_use_count(), 0u);
  EXPECT_EQ(metrics::get(pool_metrics_.pg_pool_open), 1);
  EXPECT_EQ(metrics::get(pool_metrics_.pg_pool_in_use), 0);
}

TEST_F(pg_pool_test, exhausted_pool_waits_then_times_out) {
  pg_pool pool(io_.get_executor(), options(1), pool_metrics_);
  long waited = 0;
  pg_errc second = pg_errc::ok;
  run(io_, [&]() -> asio::awaitable<void> {
    acquired held = co_await pool.acquire(in_ms(5000));
    EXPECT_TRUE(held.error.ok()) << held.error.describe();
    const auto start = clock::now();
    acquired other = co_await pool.acquire(in_ms(200));
    waited = ms_since(start);
    second = other.error.code;
  }());
  EXPECT_EQ(second, pg_errc::pool_timeout);
  EXPECT_GE(waited, 190);
  EXPECT_LT(waited, 1000);
  EXPECT_EQ(metrics::get(pool_metrics_.pg_pool_acquire_timeouts), 1);
}

TEST_F(pg_pool_test, waiter_gets_the_connection_when_it_is_released) {
  pg_pool pool(io_.get_executor(), options(1), pool_metrics_);
  long waited = 0;
  int first_pid = 0, second_pid = 0;
  run(io_, [&]() -> asio::awaitable<void> {
    acquired held = co_await pool.acquire(in_ms(5000));
    if (!held.connection) co_return;
    first_pid = held.connection->backend_pid();
    asio::co_spawn(co_await asio::this_coro::executor, release_later(std::move(held.connection), 100), asio::detached);
    const auto start = clock::now();
    acquired next = co_await pool.acquire(in_ms(3000));
    waited = ms_since(start);
    EXPECT_TRUE(next.error.ok()) << next.error.describe();
    if (next.connection) second_pid = next.connection->backend_pid();
  }());
  EXPECT_GE(waited, 90);
  EXPECT_LT(waited, 1000);
  EXPECT_EQ(first_pid, second_pid) << "the same connection, reused";
}

TEST_F(pg_pool_test, reconnects_after_the_server_kills_an_idle_connection) {
  pg_pool pool(io_.get_executor(), options(1), pool_metrics_);
  int first_pid = 0, second_pid = 0;
  ASSERT_TRUE(through(pool, "SELECT 1", &first_pid).ok());
  terminate(first_pid);
  const pg_result r = through(pool, "SELECT 1", &second_pid);
  EXPECT_TRUE(r.ok()) << r.error.describe();
  EXPECT_NE(second_pid, first_pid);
  EXPECT_EQ(metrics::get(pool_metrics_.pg_reconnects), 1);
  EXPECT_EQ(pool.health().state, health_state::up);
}

TEST_F(pg_pool_test, connection_killed_while_lent_is_replaced_after_release) {
  pg_pool pool(io_.get_executor(), options(1), pool_metrics_);
  int pid = 0;
  ASSERT_TRUE(through(pool, "SELECT 1", &pid).ok());
  run(io_, [&]() -> asio::awaitable<void> {
    acquired a = co_await pool.acquire(in_ms(5000));
    if (!a.connection) co_return;
    // Killed from a separate connection while this coroutine holds it.
    const pg_result k = co_await conn_.execute(str_cat("SELECT pg_terminate_backend(", pid, ")"), in_ms(5000));
    EXPECT_TRUE(k.ok());
    co_await sleep_ms(200);
    const pg_result r = co_await a.connection->execute("SELECT 1", in_ms(5000));
    EXPECT_EQ(r.error.code, pg_errc::connection_lost) << r.error.describe();
  }());
  EXPECT_EQ(pool.open_count(), 0u);
  const pg_result r = through(pool, "SELECT 1");
  EXPECT_TRUE(r.ok()) << r.error.describe();
  EXPECT_EQ(metrics::get(pool_metrics_.pg_reconnects), 1);
}

TEST_F(pg_pool_test, timeout_then_the_pool_recovers) {
  pg_pool pool(io_.get_executor(), options(1), pool_metrics_);
  pg_result slow, after;
  long elapsed = 0;
  run(io_, [&]() -> asio::awaitable<void> {
    {
      acquired a = co_await pool.acquire(in_ms(5000));
      if (!a.connection) co_return;
      const auto start = clock::now();
      slow = co_await a.connection->execute("SELECT pg_sleep(5)", in_ms(200));
      elapsed = ms_since(start);
    }
    acquired b = co_await pool.acquire(in_ms(1000));
    EXPECT_TRUE(b.error.ok()) << b.error.describe();
    if (b.connection) after = co_await b.connection->execute("SELECT 'back'", in_ms(5000));
  }());
  EXPECT_EQ(slow.error.code, pg_errc::timeout);
  EXPECT_LT(elapsed, 1500);
  ASSERT_TRUE(after.ok()) << after.error.describe();
  EXPECT_EQ(after.rows.at(0).at(0), "back");
}

TEST_F(pg_pool_test, connection_returned_inside_a_transaction_is_closed) {
  pg_pool pool(io_.get_executor(), options(1), pool_metrics_);
  run(io_, [&]() -> asio::awaitable<void> {
    acquired a = co_await pool.acquire(in_ms(5000));
    if (!a.connection) co_return;
    const pg_result r = co_await a.connection->execute("BEGIN", in_ms(5000));
    EXPECT_TRUE(r.ok());
  }());
  EXPECT_EQ(pool.open_count(), 0u);
}

TEST_F(pg_pool_test, unreachable_server_marks_down_and_backs_off) {
  pool_options o;
  o.conninfo = "host=127.0.0.1 port=1 user=app dbname=app";
  o.size = 2;
  o.backoff.initial = std::chrono::milliseconds(100);
  o.backoff.max = std::chrono::milliseconds(1000);
  o.backoff.jitter = 0.0;
  pg_pool pool(io_.get_executor(), o, pool_metrics_);
  std::vector<pg_errc> codes;
  std::string unavailable_message;
  const auto start = clock::now();
  run(io_, [&]() -> asio::awaitable<void> {
    acquired a = co_await pool.acquire(in_ms(2000));
    codes.push_back(a.error.code);
    acquired b = co_await pool.acquire(in_ms(2000));  // inside the 100 ms backoff: refused at once
    codes.push_back(b.error.code);
    unavailable_message = b.error.message;
    co_await sleep_ms(120);
    acquired c = co_await pool.acquire(in_ms(2000));  // a new attempt, which fails again
    codes.push_back(c.error.code);
  }());
  EXPECT_LT(ms_since(start), 1000);
  EXPECT_EQ(codes, (std::vector<pg_errc>{pg_errc::connect_failed, pg_errc::pool_unavailable, pg_errc::connect_failed}));
  EXPECT_NE(unavailable_message.find("refused"), std::string::npos) << unavailable_message;
  const pool_health& h = pool.health();
  EXPECT_EQ(h.state, health_state::down);
  EXPECT_EQ(h.consecutive_failures, 2u);
  // Second failure: 200 ms (no jitter) after the attempt.
  const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(h.next_attempt - clock::now()).count();
  EXPECT_GT(wait, 100);
  EXPECT_LE(wait, 200);
  EXPECT_EQ(metrics::get(pool_metrics_.pg_pool_unavailable), 1);
  EXPECT_EQ(metrics::get(pool_metrics_.pg_connect_failures), 2);
}

TEST_F(pg_pool_test, goes_down_when_postgres_goes_away_and_up_when_it_returns) {
  tcp_forwarder forwarder(io_, static_cast<std::uint16_t>(std::stoi(env_or("PGPORT", "15432"))));
  pool_options o = options(2);
  o.conninfo = str_cat(test_conninfo(), " port=", forwarder.port());  // the last value of a keyword wins
  o.backoff.initial = std::chrono::milliseconds(50);
  o.backoff.max = std::chrono::milliseconds(200);
  o.backoff.jitter = 0.0;
  pg_pool pool(io_.get_executor(), o, pool_metrics_);
  ASSERT_TRUE(through(pool, "SELECT 1").ok());
  EXPECT_EQ(pool.health().state, health_state::up);
  const auto up_since = pool.health().since;

  forwarder.stop();  // PostgreSQL "goes away": the idle connection is cut, new ones are refused
  const pg_result refused = through(pool, "SELECT 1");
  EXPECT_EQ(refused.error.code, pg_errc::connect_failed) << refused.error.describe();
  EXPECT_EQ(pool.health().state, health_state::down);
  EXPECT_GT(pool.health().since, up_since);
  EXPECT_EQ(through(pool, "SELECT 1").error.code, pg_errc::pool_unavailable);

  forwarder.start();  // back, on the same port
  std::this_thread::sleep_for(std::chrono::milliseconds(60));  // past the 50 ms backoff
  const pg_result back = through(pool, "SELECT 'back'");
  ASSERT_TRUE(back.ok()) << back.error.describe();
  EXPECT_EQ(back.rows.at(0).at(0), "back");
  EXPECT_EQ(pool.health().state, health_state::up);
  EXPECT_EQ(pool.health().consecutive_failures, 0u);
  EXPECT_EQ(metrics::get(pool_metrics_.pg_reconnects), 1);
  EXPECT_EQ(metrics::get(pool_metrics_.pg_pool_unavailable), 1);
}

TEST_F(pg_pool_test, many_coroutines_share_a_small_pool) {
  const std::string t = fresh_table("worker int, n int, PRIMARY KEY (worker, n)");
  pg_pool pool(io_.get_executor(), options(4), pool_metrics_);
  constexpr int workers = 64, per_worker = 20;
  int failures = 0;
  std::size_t most_in_use = 0;
  run(io_, [&]() -> asio::awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    for (int w = 0; w < workers; ++w) {
      asio::co_spawn(ex, [&, w]() -> asio::awaitable<void> {
        for (int n = 0; n < per_worker; ++n) {
          acquired a = co_await pool.acquire(in_ms(20000));
          if (!a.connection) {
            ++failures;
            continue;
          }
          most_in_use = std::max(most_in_use, pool.in_use_count());
          const pg_result r = co_await a.connection->execute_params(str_cat("INSERT INTO ", t, " VALUES ($1, $2)"),
                                                                   params(std::to_string(w), std::to_string(n)), in_ms(20000));
          if (!r.ok()) ++failures;
        }
      }, asio::detached);
    }
    co_return;
  }());
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(count_rows(t), workers * per_worker);
  EXPECT_LE(most_in_use, 4u);
  EXPECT_GE(most_in_use, 2u) << "the coroutines should have overlapped";
  EXPECT_LE(pool.open_count(), 4u);
  EXPECT_EQ(pool.in_use_count(), 0u);
  EXPECT_EQ(metrics::get(pool_metrics_.pg_pool_in_use), 0);
  EXPECT_EQ(metrics::get(pool_metrics_.pg_queries), workers * per_worker);
}

TEST_F(pg_pool_test, close_fails_waiters_and_later_acquires) {
  auto pool = std::make_unique<pg_pool>(io_.get_executor(), options(1), pool_metrics_);
  pg_errc waiter = pg_errc::ok, later = pg_errc::ok;
  run(io_, [&]() -> asio::awaitable<void> {
    acquired held = co_await pool->acquire(in_ms(5000));
    auto ex = co_await asio::this_coro::executor;
    asio::co_spawn(ex, [&]() -> asio::awaitable<void> {
      acquired w = co_await pool->acquire(in_ms(5000));
      waiter = w.error.code;
    }, asio::detached);
    co_await sleep_ms(50);
    pool->close();
    co_await sleep_ms(10);
    held.connection.release();
    acquired l = co_await pool->acquire(in_ms(5000));
    later = l.error.code;
  }());
  EXPECT_EQ(waiter, pg_errc::pool_closed);
  EXPECT_EQ(later, pg_errc::pool_closed);
  EXPECT_EQ(pool->open_count(), 0u);
  EXPECT_EQ(metrics::get(pool_metrics_.pg_pool_open), 0);
}

}  // namespace
}  // namespace switchyard::backend::test
