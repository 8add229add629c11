// Shared by the backend tests: the real PostgreSQL of tools/dbenv.sh (PG* variables, else its
// defaults), this helper's own schema, and running one coroutine to completion.
#pragma once
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>

#include "backend/pg_connection.hpp"
#include "common/str_cat.hpp"

namespace switchyard::backend::test {

inline constexpr const char* test_schema = "pgbackend_test";

inline std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

// Connection string to the test server with search_path set to the test schema.
inline std::string test_conninfo() {
  return str_cat("host=", env_or("PGHOST", "127.0.0.1"), " port=", env_or("PGPORT", "15432"),
                 " user=", env_or("PGUSER", "app"), " password=", env_or("PGPASSWORD", "app"),
                 " dbname=", env_or("PGDATABASE", "app"), " options='-c search_path=", test_schema, "'");
}

// Parameter lists built outside co_await expressions: GCC 12 rejects braced lists of string
// literals there ("array used as initializer").
template <class... Args>
std::vector<pg_value> params(Args&&... args) {
  return {pg_value(std::forward<Args>(args))...};
}

inline clock::time_point in_ms(long ms) { return clock::now() + std::chrono::milliseconds(ms); }

inline long ms_since(clock::time_point start) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start).count());
}

// Runs a coroutine on `io` until it and everything it spawned finish (or, with
// stop_with_body, until the coroutine itself finishes: for tests whose io_context keeps a
// listener running); rethrows its exception.
inline void run(boost::asio::io_context& io, boost::asio::awaitable<void> body, bool stop_with_body = false) {
  std::exception_ptr failure;
  boost::asio::co_spawn(io, std::move(body), [&](std::exception_ptr e) {
    failure = e;
    if (stop_with_body) io.stop();
  });
  io.restart();
  io.run();
  if (failure) std::rethrow_exception(failure);
}

// One io_context, one metrics block and one connected pg_connection per test; the test's
// tables live in the test schema (created here; CREATE SCHEMA IF NOT EXISTS can race between
// test processes, hence the retry).
class pg_test : public ::testing::Test {
 protected:
  void SetUp() override {
    run(io_, [this]() -> boost::asio::awaitable<void> {
      const pg_error e = co_await conn_.connect(test_conninfo(), in_ms(5000));
      connected_ = e.ok();
      connect_error_ = e.describe();
      if (!connected_) co_return;
      for (int attempt = 0; attempt < 3; ++attempt) {
        const pg_result r = co_await conn_.execute(str_cat("CREATE SCHEMA IF NOT EXISTS ", test_schema), in_ms(5000));
        if (r.ok()) break;
      }
    }());
    ASSERT_TRUE(connected_) << "PostgreSQL from tools/dbenv.sh must be running: " << connect_error_;
    baseline_queries_ = metrics::get(metrics_.pg_queries);
  }

  // Runs SQL on the fixture's connection outside any coroutine (setup and checks).
  pg_result sql(std::string text) {
    pg_result out;
    run(io_, [&]() -> boost::asio::awaitable<void> { out = co_await conn_.execute(std::move(text), in_ms(10000)); }(), true);
    return out;
  }

  // A fresh table name for this test, dropped first in case an earlier run left it.
  std::string fresh_table(std::string_view columns) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = str_cat("t_", info->name());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(sql(str_cat("DROP TABLE IF EXISTS ", name)).ok());
    const pg_result created = sql(str_cat("CREATE TABLE ", name, " (", columns, ")"));
    EXPECT_TRUE(created.ok()) << created.error.describe();
    return name;
  }

  std::int64_t count_rows(const std::string& table) {
    const pg_result r = sql(str_cat("SELECT count(*) FROM ", table));
    if (!r.ok() || r.rows.size() != 1 || !r.rows[0][0]) return -1;
    return std::stoll(*r.rows[0][0]);
  }

  boost::asio::io_context io_;
  metrics metrics_;
  pg_connection conn_{io_.get_executor(), metrics_};
  bool connected_ = false;
  std::string connect_error_;
  std::int64_t baseline_queries_ = 0;
};

}  // namespace switchyard::backend::test
