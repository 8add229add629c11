// pg_connection against the real PostgreSQL: connect, queries, parameters, errors, timeouts.
#include "backend/pg_connection.hpp"

#include <gtest/gtest.h>

#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "tests/backend/pg_test_support.hpp"

namespace switchyard::backend::test {
namespace {

namespace asio = boost::asio;

TEST_F(pg_test, simple_select_returns_rows_as_text) {
  const pg_result r = sql("SELECT 1 AS one, 'two' AS two, NULL::int AS three");
  ASSERT_TRUE(r.ok()) << r.error.describe();
  EXPECT_EQ(r.columns, (std::vector<std::string>{"one", "two", "three"}));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0], "1");
  EXPECT_EQ(r.rows[0][1], "two");
  EXPECT_EQ(r.rows[0][2], std::nullopt);
  EXPECT_EQ(r.command_tag, "SELECT 1");
  EXPECT_EQ(r.affected_rows, 1);
  EXPECT_GT(conn_.backend_pid(), 0);
  EXPECT_EQ(metrics::get(metrics_.pg_queries), baseline_queries_ + 1);
  EXPECT_EQ(metrics::get(metrics_.pg_connects), 1);
}

TEST_F(pg_test, dml_reports_affected_rows_and_tag) {
  const std::string t = fresh_table("id int PRIMARY KEY, v text");
  const pg_result ins = sql(str_cat("INSERT INTO ", t, " VALUES (1, 'a'), (2, 'b'), (3, 'c')"));
  ASSERT_TRUE(ins.ok()) << ins.error.describe();
  EXPECT_EQ(ins.command_tag, "INSERT 0 3");
  EXPECT_EQ(ins.affected_rows, 3);
  const pg_result upd = sql(str_cat("UPDATE ", t, " SET v = 'z' WHERE id >= 2"));
  EXPECT_EQ(upd.affected_rows, 2);
  const pg_result ddl = sql(str_cat("CREATE INDEX ON ", t, " (v)"));
  EXPECT_TRUE(ddl.ok());
  EXPECT_EQ(ddl.affected_rows, -1);  // no count in "CREATE INDEX"
}

TEST_F(pg_test, several_statements_give_the_last_result_or_the_first_error) {
  const pg_result both = sql("SELECT 1; SELECT 2");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both.rows.at(0).at(0), "2");
  const pg_result bad = sql("SELECT 1; SELEC 2; SELECT 3");
  EXPECT_EQ(bad.error.code, pg_errc::server_error);
  EXPECT_EQ(bad.error.sqlstate, "42601");
  EXPECT_TRUE(sql("SELECT 1").ok());
}

TEST_F(pg_test, parameters_round_trip_null_quotes_backslashes_unicode) {
  const std::string t = fresh_table("id int PRIMARY KEY, v text");
  const std::vector<pg_value> values = {
      std::nullopt,
      std::string(""),
      std::string("O'Reilly; DROP TABLE x; --"),
      std::string(R"(back\slash \\ "double" \n not a newline)"),
      std::string("żółć ÄÖÜ 日本語 😀 \x01 tab\there"),
      std::string(10000, 'x'),
  };
  run(io_, [&]() -> asio::awaitable<void> {
    for (std::size_t i = 0; i < values.size(); ++i) {
      const pg_result r = co_await conn_.execute_params(str_cat("INSERT INTO ", t, " VALUES ($1, $2)"),
                                                        params(std::to_string(i), values[i]), in_ms(5000));
      EXPECT_TRUE(r.ok()) << i << ": " << r.error.describe();
      EXPECT_EQ(r.affected_rows, 1);
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      const pg_result r = co_await conn_.execute_params(str_cat("SELECT v, v IS NULL FROM ", t, " WHERE id = $1"),
                                                        params(std::to_string(i)), in_ms(5000));
      EXPECT_TRUE(r.ok()) << r.error.describe();
      if (r.rows.size() != 1) {
        ADD_FAILURE() << "row " << i << " missing";
        continue;
      }
      EXPECT_EQ(r.rows[0][0], values[i]) << i;
      EXPECT_EQ(r.rows[0][1], values[i] ? "f" : "t") << i;
    }
    // Typed parameters: the server infers them from the casts.
    const pg_result sum = co_await conn_.execute_params("SELECT $1::int + $2::int", params("2", "3"), in_ms(5000));
    EXPECT_EQ(sum.rows.at(0).at(0), "5");
    // A bad value for the inferred type is the server's error, and the connection goes on.
    const pg_result bad = co_await conn_.execute_params("SELECT $1::int", params("not a number"), in_ms(5000));
    EXPECT_EQ(bad.error.code, pg_errc::server_error);
    EXPECT_EQ(bad.error.sqlstate, "22P02");
  }());
  EXPECT_EQ(count_rows(t), static_cast<std::int64_t>(values.size()));
}

TEST_F(pg_test, nul_bytes_are_refused_before_sending) {
  run(io_, [&]() -> asio::awaitable<void> {
    const pg_result r = co_await conn_.execute_params("SELECT $1", params(std::string("a\0b", 3)), in_ms(5000));
    EXPECT_EQ(r.error.code, pg_errc::invalid_argument);
    EXPECT_NE(r.error.message.find("$1"), std::string::npos) << r.error.message;
    const pg_result q = co_await conn_.execute(std::string("SELECT 1\0; DROP", 15), in_ms(5000));
    EXPECT_EQ(q.error.code, pg_errc::invalid_argument);
  }());
  EXPECT_TRUE(sql("SELECT 1").ok());
  EXPECT_EQ(metrics::get(metrics_.pg_errors_other), 2);
}

TEST_F(pg_test, syntax_error_gives_42601_and_the_connection_stays_usable) {
  const pg_result r = sql("SELEC 1");
  EXPECT_EQ(r.error.code, pg_errc::server_error);
  EXPECT_EQ(r.error.sqlstate, "42601");
  EXPECT_NE(r.error.message.find("syntax error"), std::string::npos) << r.error.message;
  EXPECT_TRUE(conn_.connected());
  const pg_result after = sql("SELECT 42");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after.rows.at(0).at(0), "42");
  EXPECT_EQ(metrics::get(metrics_.pg_errors_server), 1);
}

TEST_F(pg_test, constraint_violation_carries_sqlstate_and_detail) {
  const std::string t = fresh_table("id int PRIMARY KEY");
  ASSERT_TRUE(sql(str_cat("INSERT INTO ", t, " VALUES (1)")).ok());
  const pg_result dup = sql(str_cat("INSERT INTO ", t, " VALUES (1)"));
  EXPECT_EQ(dup.error.sqlstate, "23505");
  EXPECT_NE(dup.error.message.find("Key (id)=(1) already exists"), std::string::npos) << dup.error.message;
}

TEST_F(pg_test, transaction_commits_all_statements) {
  const std::string t = fresh_table("id int PRIMARY KEY, v text");
  std::vector<pg_statement> statements{{str_cat("INSERT INTO ", t, " VALUES (1, 'a')"), {}},
                                       {str_cat("INSERT INTO ", t, " VALUES ($1, $2)"), params("2", std::nullopt)},
                                       {str_cat("UPDATE ", t, " SET v = 'b' WHERE id = 1"), {}}};
  pg_batch_result r;
  run(io_, [&]() -> asio::awaitable<void> { r = co_await conn_.transaction(statements, in_ms(5000)); }());
  ASSERT_TRUE(r.ok()) << r.error.describe();
  ASSERT_EQ(r.results.size(), 3u);
  EXPECT_EQ(r.results[2].affected_rows, 1);
  EXPECT_FALSE(conn_.in_transaction());
  EXPECT_EQ(count_rows(t), 2);
}

TEST_F(pg_test, transaction_is_rolled_back_on_error) {
  const std::string t = fresh_table("id int PRIMARY KEY");
  std::vector<pg_statement> statements{{str_cat("INSERT INTO ", t, " VALUES (1)"), {}},
                                       {str_cat("INSERT INTO ", t, " VALUES (1)"), {}},
                                       {str_cat("INSERT INTO ", t, " VALUES (2)"), {}}};
  pg_batch_result r;
  run(io_, [&]() -> asio::awaitable<void> { r = co_await conn_.transaction(statements, in_ms(5000)); }());
  EXPECT_EQ(r.error.code, pg_errc::server_error);
  EXPECT_EQ(r.error.sqlstate, "23505");
  EXPECT_EQ(r.failed_index, 1u);
  ASSERT_EQ(r.results.size(), 3u);
  EXPECT_TRUE(r.results[0].ok());
  EXPECT_EQ(r.results[2].error.code, pg_errc::skipped);
  EXPECT_FALSE(conn_.in_transaction());
  EXPECT_TRUE(conn_.connected());
  EXPECT_EQ(count_rows(t), 0);
}

TEST_F(pg_test, timeout_cancels_the_statement_and_the_connection_recovers) {
  const auto start = clock::now();
  pg_result slow;
  run(io_, [&]() -> asio::awaitable<void> { slow = co_await conn_.execute("SELECT pg_sleep(5)", in_ms(200)); }());
  const long elapsed = ms_since(start);
  EXPECT_EQ(slow.error.code, pg_errc::timeout) << slow.error.describe();
  EXPECT_GE(elapsed, 190);
  EXPECT_LT(elapsed, 1500);
  EXPECT_TRUE(conn_.connected()) << "the cancel should have kept the connection";
  EXPECT_EQ(metrics::get(metrics_.pg_timeouts_query), 1);
  EXPECT_EQ(metrics::get(metrics_.pg_cancels_sent), 1);
  const pg_result after = sql("SELECT 7");
  ASSERT_TRUE(after.ok()) << after.error.describe();
  EXPECT_EQ(after.rows.at(0).at(0), "7");
}

// PostgreSQL delivers a cancel as two signals (to the backend and to its process group); one
// arriving late would cancel the statement after the timed-out one, unless the connection waits
// for the cancel request to complete. Repeated because the window is narrow: it was seen once in
// 320 test runs under ctest -j2 before the fix, so this guards more than it reproduces.
TEST_F(pg_test, the_statement_after_a_cancelled_one_is_not_cancelled_too) {
  int timeouts = 0, next_ok = 0;
  std::string last_error;
  run(io_, [&]() -> asio::awaitable<void> {
    for (int i = 0; i < 30; ++i) {
      const pg_result slow = co_await conn_.execute("SELECT pg_sleep(5)", in_ms(30));
      if (slow.error.code == pg_errc::timeout) ++timeouts;
      const pg_result next = co_await conn_.execute("SELECT 1", in_ms(5000));
      if (next.ok()) {
        ++next_ok;
      } else {
        last_error = next.error.describe();
      }
    }
  }());
  EXPECT_EQ(timeouts, 30);
  EXPECT_EQ(next_ok, 30) << last_error;
  EXPECT_EQ(metrics::get(metrics_.pg_connections_dropped), 0);
}

TEST_F(pg_test, timeout_inside_a_transaction_rolls_it_back) {
  const std::string t = fresh_table("id int PRIMARY KEY");
  std::vector<pg_statement> statements{{str_cat("INSERT INTO ", t, " VALUES (1)"), {}}, {"SELECT pg_sleep(5)", {}}};
  pg_batch_result r;
  const auto start = clock::now();
  run(io_, [&]() -> asio::awaitable<void> { r = co_await conn_.transaction(statements, in_ms(300)); }());
  EXPECT_LT(ms_since(start), 2000);
  EXPECT_EQ(r.error.code, pg_errc::timeout);
  EXPECT_EQ(r.failed_index, 1u);
  EXPECT_FALSE(conn_.in_transaction());
  EXPECT_EQ(count_rows(t), 0);
}

TEST_F(pg_test, the_event_loop_keeps_running_while_a_query_waits) {
  int ticks = 0;
  bool done = false;
  pg_result slow;
  run(io_, [&]() -> asio::awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    asio::co_spawn(ex, [&]() -> asio::awaitable<void> {
      asio::steady_timer t(co_await asio::this_coro::executor);
      while (!done) {
        t.expires_after(std::chrono::milliseconds(10));
        co_await t.async_wait(asio::use_awaitable);
        ++ticks;
      }
    }, asio::detached);
    slow = co_await conn_.execute("SELECT pg_sleep(0.5)", in_ms(5000));
    done = true;
  }());
  EXPECT_TRUE(slow.ok()) << slow.error.describe();
  EXPECT_GE(ticks, 25) << "a 10 ms timer on the same thread must keep firing during a 500 ms query";
}

TEST_F(pg_test, a_second_operation_on_a_busy_connection_is_refused) {
  pg_result first, second;
  run(io_, [&]() -> asio::awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    asio::co_spawn(ex, [&]() -> asio::awaitable<void> { first = co_await conn_.execute("SELECT pg_sleep(0.2)", in_ms(5000)); },
                   asio::detached);
    asio::steady_timer t(ex, std::chrono::milliseconds(20));
    co_await t.async_wait(asio::use_awaitable);
    second = co_await conn_.execute("SELECT 1", in_ms(5000));
  }());
  EXPECT_TRUE(first.ok()) << first.error.describe();
  EXPECT_EQ(second.error.code, pg_errc::busy);
}

TEST_F(pg_test, terminated_backend_reports_connection_lost) {
  pg_connection killer(io_.get_executor(), metrics_);
  pg_result killed, after;
  run(io_, [&]() -> asio::awaitable<void> {
    const pg_error e = co_await killer.connect(test_conninfo(), in_ms(5000));
    EXPECT_TRUE(e.ok()) << e.describe();
    const pg_result k = co_await killer.execute_params("SELECT pg_terminate_backend($1::int)",
                                                       params(std::to_string(conn_.backend_pid())), in_ms(5000));
    EXPECT_EQ(k.rows.at(0).at(0), "t");
    killed = co_await conn_.execute("SELECT 1", in_ms(5000));
    after = co_await conn_.execute("SELECT 1", in_ms(5000));
  }());
  EXPECT_EQ(killed.error.code, pg_errc::connection_lost) << killed.error.describe();
  EXPECT_FALSE(conn_.connected());
  EXPECT_EQ(after.error.code, pg_errc::not_connected);
  EXPECT_GE(metrics::get(metrics_.pg_errors_connection_lost), 1);
}

// Fresh io_context, no fixture connection: connect failures.
class pg_connect_test : public ::testing::Test {
 protected:
  pg_error connect(const std::string& conninfo, long deadline_ms, long* elapsed_ms) {
    pg_error out;
    const auto start = clock::now();
    run(io_, [&]() -> asio::awaitable<void> { out = co_await conn_.connect(conninfo, in_ms(deadline_ms)); }());
    *elapsed_ms = ms_since(start);
    return out;
  }
  asio::io_context io_;
  metrics metrics_;
  pg_connection conn_{io_.get_executor(), metrics_};
};

TEST_F(pg_connect_test, unreachable_port_fails_fast_with_a_clear_error) {
  long elapsed = 0;
  const pg_error e = connect("host=127.0.0.1 port=1 user=app dbname=app", 5000, &elapsed);
  EXPECT_EQ(e.code, pg_errc::connect_failed);
  EXPECT_NE(e.message.find("port 1"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("refused"), std::string::npos) << e.message;
  EXPECT_EQ(e.message.find('\n'), std::string::npos);
  EXPECT_LT(elapsed, 2000);
  EXPECT_FALSE(conn_.connected());
  EXPECT_EQ(metrics::get(metrics_.pg_connect_failures), 1);
}

TEST_F(pg_connect_test, wrong_password_is_reported) {
  long elapsed = 0;
  std::string info = test_conninfo();
  info += " password=wrong";  // the last value of a keyword wins
  const pg_error e = connect(info, 5000, &elapsed);
  EXPECT_EQ(e.code, pg_errc::connect_failed);
  EXPECT_NE(e.message.find("password authentication failed"), std::string::npos) << e.message;
}

TEST_F(pg_connect_test, malformed_conninfo_is_reported) {
  long elapsed = 0;
  const pg_error e = connect("host=127.0.0.1 port", 5000, &elapsed);
  EXPECT_EQ(e.code, pg_errc::connect_failed);
  EXPECT_FALSE(e.message.empty());
}

TEST_F(pg_connect_test, silent_address_times_out_at_the_deadline) {
  // A non-routable address: SYNs go nowhere (or the network says unreachable at once).
  long elapsed = 0;
  const pg_error e = connect("hostaddr=10.255.255.1 port=5432 user=app dbname=app", 300, &elapsed);
  EXPECT_TRUE(e.code == pg_errc::timeout || e.code == pg_errc::connect_failed) << e.describe();
  EXPECT_LT(elapsed, 1500);
  EXPECT_FALSE(conn_.connected());
}

TEST_F(pg_connect_test, using_an_unconnected_connection_is_an_error) {
  pg_result r;
  run(io_, [&]() -> asio::awaitable<void> { r = co_await conn_.execute("SELECT 1", in_ms(1000)); }());
  EXPECT_EQ(r.error.code, pg_errc::not_connected);
}

}  // namespace
}  // namespace switchyard::backend::test
