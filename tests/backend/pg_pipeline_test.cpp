// execute_pipeline against the real PostgreSQL.
#include <gtest/gtest.h>

#include <cstdio>

#include "backend/pg_connection.hpp"
#include "tests/backend/pg_test_support.hpp"

namespace switchyard::backend::test {
namespace {

namespace asio = boost::asio;

std::vector<pg_statement> inserts(const std::string& table, int first, int count) {
  std::vector<pg_statement> out;
  for (int i = first; i < first + count; ++i)
    out.push_back({str_cat("INSERT INTO ", table, " VALUES ($1, $2)"), {std::to_string(i), str_cat("row ", i)}});
  return out;
}

TEST_F(pg_test, pipeline_of_1000_inserts_and_1000_round_trips_insert_every_row) {
  const std::string t = fresh_table("id int PRIMARY KEY, v text");
  pg_batch_result piped;
  std::int64_t pipeline_waits = 0, single_waits = 0;
  long pipeline_ms = 0, single_ms = 0, transaction_ms = 0;
  std::int64_t queries_sent = 0;
  run(io_, [&]() -> asio::awaitable<void> {
    const auto q0 = metrics::get(metrics_.pg_queries);
    auto w0 = metrics::get(metrics_.pg_socket_waits);
    auto start = clock::now();
    piped = co_await conn_.execute_pipeline(inserts(t, 0, 1000), in_ms(30000));
    pipeline_ms = ms_since(start);
    pipeline_waits = metrics::get(metrics_.pg_socket_waits) - w0;

    w0 = metrics::get(metrics_.pg_socket_waits);
    start = clock::now();
    for (const pg_statement& s : inserts(t, 1000, 1000)) {
      const pg_result r = co_await conn_.execute_params(s.sql, s.params, in_ms(5000));
      EXPECT_TRUE(r.ok()) << r.error.describe();
    }
    single_ms = ms_since(start);
    single_waits = metrics::get(metrics_.pg_socket_waits) - w0;
    queries_sent = metrics::get(metrics_.pg_queries) - q0;

    // The same round trips inside one transaction: no commit per row, so only latency differs.
    start = clock::now();
    const pg_batch_result tx = co_await conn_.transaction(inserts(t, 2000, 1000), in_ms(30000));
    EXPECT_TRUE(tx.ok()) << tx.error.describe();
    transaction_ms = ms_since(start);
  }());
  ASSERT_TRUE(piped.ok()) << piped.error.describe();
  ASSERT_EQ(piped.results.size(), 1000u);
  for (const pg_result& r : piped.results) EXPECT_EQ(r.affected_rows, 1);
  EXPECT_EQ(count_rows(t), 3000);
  // Counts, not timing: every round trip waits on the socket at least once, and the batch went
  // as one pipeline. (The pipeline's own waits vary with how the server flushes: printed only.)
  EXPECT_GE(single_waits, 1000);
  EXPECT_EQ(metrics::get(metrics_.pg_pipelines), 1);
  EXPECT_EQ(queries_sent, 2000);
  std::printf("[ measured ] 1000 inserts: pipeline %ld ms (%lld socket waits); one by one, autocommit %ld ms (%lld "
              "waits); one by one in one transaction %ld ms\n",
              pipeline_ms, static_cast<long long>(pipeline_waits), single_ms, static_cast<long long>(single_waits),
              transaction_ms);
}

TEST_F(pg_test, pipeline_stops_at_the_first_error_and_is_one_implicit_transaction) {
  const std::string t = fresh_table("id int PRIMARY KEY, v text");
  std::vector<pg_statement> batch = inserts(t, 0, 10);
  batch[5].params[0] = "0";  // duplicate key
  pg_batch_result r;
  run(io_, [&]() -> asio::awaitable<void> { r = co_await conn_.execute_pipeline(batch, in_ms(5000)); }());
  EXPECT_EQ(r.error.code, pg_errc::server_error);
  EXPECT_EQ(r.error.sqlstate, "23505");
  ASSERT_EQ(r.failed_index, 5u);
  ASSERT_EQ(r.results.size(), 10u);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(r.results[i].ok()) << i;
  EXPECT_EQ(r.results[5].error.sqlstate, "23505");
  for (int i = 6; i < 10; ++i) EXPECT_EQ(r.results[i].error.code, pg_errc::skipped) << i;
  EXPECT_EQ(count_rows(t), 0) << "the statements before the failure share its implicit transaction";
  EXPECT_FALSE(conn_.in_transaction());
  EXPECT_TRUE(sql("SELECT 1").ok());
}

TEST_F(pg_test, pipeline_with_explicit_transaction_is_rolled_back_after_a_failure) {
  const std::string t = fresh_table("id int PRIMARY KEY, v text");
  std::vector<pg_statement> batch{{"BEGIN", {}}};
  for (pg_statement& s : inserts(t, 0, 3)) batch.push_back(std::move(s));
  batch.push_back({"SELEC 1", {}});
  batch.push_back({"COMMIT", {}});
  pg_batch_result r;
  run(io_, [&]() -> asio::awaitable<void> { r = co_await conn_.execute_pipeline(batch, in_ms(5000)); }());
  EXPECT_EQ(r.error.sqlstate, "42601");
  EXPECT_EQ(r.failed_index, 4u);
  EXPECT_EQ(r.results[5].error.code, pg_errc::skipped);
  EXPECT_FALSE(conn_.in_transaction()) << "the failed BEGIN block must have been rolled back";
  EXPECT_EQ(count_rows(t), 0);
}

TEST_F(pg_test, pipeline_with_explicit_transaction_commits) {
  const std::string t = fresh_table("id int PRIMARY KEY, v text");
  std::vector<pg_statement> batch{{"BEGIN", {}}};
  for (pg_statement& s : inserts(t, 0, 50)) batch.push_back(std::move(s));
  batch.push_back({str_cat("UPDATE ", t, " SET v = NULL WHERE id < $1"), {"10"}});
  batch.push_back({"COMMIT", {}});
  pg_batch_result r;
  run(io_, [&]() -> asio::awaitable<void> { r = co_await conn_.execute_pipeline(batch, in_ms(5000)); }());
  ASSERT_TRUE(r.ok()) << r.error.describe();
  EXPECT_EQ(r.results[51].affected_rows, 10);
  EXPECT_EQ(count_rows(t), 50);
}

TEST_F(pg_test, pipeline_refuses_bad_input_before_sending_anything) {
  const std::string t = fresh_table("id int PRIMARY KEY, v text");
  std::vector<pg_statement> batch = inserts(t, 0, 3);
  batch[2].params[1] = std::string("nul\0inside", 10);
  pg_batch_result r;
  run(io_, [&]() -> asio::awaitable<void> {
    r = co_await conn_.execute_pipeline(batch, in_ms(5000));
    std::vector<pg_statement> none;
    const pg_batch_result empty = co_await conn_.execute_pipeline(none, in_ms(5000));
    EXPECT_TRUE(empty.ok());
  }());
  EXPECT_EQ(r.error.code, pg_errc::invalid_argument);
  EXPECT_EQ(r.failed_index, 2u);
  EXPECT_EQ(count_rows(t), 0);
}

TEST_F(pg_test, pipeline_timeout_closes_the_connection_without_hanging) {
  std::vector<pg_statement> batch{{"SELECT 1", {}}, {"SELECT pg_sleep(5)", {}}, {"SELECT 3", {}}};
  pg_batch_result r;
  const auto start = clock::now();
  run(io_, [&]() -> asio::awaitable<void> { r = co_await conn_.execute_pipeline(batch, in_ms(200)); }());
  EXPECT_LT(ms_since(start), 1000);
  EXPECT_EQ(r.error.code, pg_errc::timeout);
  // The server holds its output until it flushes, so even SELECT 1's result may not have come.
  EXPECT_TRUE(r.results[0].ok() || r.results[0].error.code == pg_errc::skipped);
  EXPECT_EQ(r.results[2].error.code, pg_errc::skipped);
  EXPECT_FALSE(conn_.connected());
  EXPECT_EQ(metrics::get(metrics_.pg_connections_dropped), 1);
}

}  // namespace
}  // namespace switchyard::backend::test

namespace switchyard::backend::test {
namespace {

std::vector<pg_statement> planned(std::vector<pg_statement> statements) {
  for (auto& s : statements) s.reuse_plan = true;
  return statements;
}

TEST_F(pg_test, reused_plans_are_prepared_once_per_connection_and_run_by_name) {
  const std::string t = fresh_table("id int PRIMARY KEY, v text");
  pg_batch_result first, second, broken, after;
  pg_result plans;
  run(io_, [&]() -> asio::awaitable<void> {
    // Ten executions of one text in one pipeline: one Parse, ten runs.
    first = co_await conn_.execute_pipeline(planned(inserts(t, 0, 10)), in_ms(10000));
    second = co_await conn_.execute_pipeline(planned(inserts(t, 10, 10)), in_ms(10000));
    plans = co_await conn_.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'switchyard_%'",
                                   in_ms(5000));
    // A text PostgreSQL cannot parse: the failure is the statement's, at its index.
    std::vector<pg_statement> bad = planned(inserts(t, 20, 1));
    bad.push_back({"INSERT INTO no_such_table VALUES ($1)", {std::string("1")}, true});
    broken = co_await conn_.execute_pipeline(std::move(bad), in_ms(10000));
    after = co_await conn_.execute_pipeline(planned(inserts(t, 30, 2)), in_ms(10000));
  }());
  ASSERT_TRUE(first.ok()) << first.error.describe();
  ASSERT_TRUE(second.ok()) << second.error.describe();
  ASSERT_EQ(first.results.size(), 10u);
  for (const pg_result& r : second.results) EXPECT_EQ(r.affected_rows, 1);
  ASSERT_TRUE(plans.ok()) << plans.error.describe();
  EXPECT_EQ(plans.rows.at(0).at(0), "1") << "one plan for one text";
  EXPECT_FALSE(broken.ok());
  EXPECT_EQ(broken.failed_index, 1u);
  EXPECT_EQ(broken.error.sqlstate, "42P01");
  ASSERT_TRUE(after.ok()) << after.error.describe() << ": the connection and its plans survive a failed Parse";
  EXPECT_EQ(count_rows(t), 22) << "the failed pipeline was one implicit transaction";
}

}  // namespace
}  // namespace switchyard::backend::test
