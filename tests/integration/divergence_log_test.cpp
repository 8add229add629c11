// The divergence log against the real PostgreSQL: records are durable in the local file first,
// shipped to the table when PostgreSQL is there, kept (and shipped later) when it is not, and a
// replay after a crash inserts nothing twice.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <filesystem>

#include "integration/postgres_client.hpp"
#include "proxy/divergence_log.hpp"

namespace switchyard::integration {
namespace {

namespace asio = boost::asio;

proxy::divergence record(std::string table, std::int64_t micros) {
  proxy::divergence d;
  d.schema = "app";
  d.table = std::move(table);
  d.keys = {"7"};
  d.digest = "UPDATE t SET a = ? WHERE id = ?";
  d.fingerprint = 42;
  d.reason = "PostgreSQL: 23505 duplicate key";
  d.unix_micros = micros;
  return d;
}

backend::pool_options pool_to(const std::string& port) {
  backend::pool_options o;
  o.conninfo = "host=127.0.0.1 user=app password=app dbname=app connect_timeout=2 port=" + port;
  o.size = 1;
  return o;
}

class divergence_log_it : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg.ok());
    ASSERT_EQ(pg.exec("DROP TABLE IF EXISTS " + table), "");
    std::filesystem::remove(path);
    std::filesystem::remove(path + ".shipping");
  }
  void TearDown() override {
    (void)pg.exec("DROP TABLE IF EXISTS " + table);
    std::filesystem::remove(path);
    std::filesystem::remove(path + ".shipping");
  }
  bool ship(proxy::divergence_log& log) {
    auto f = asio::co_spawn(io, log.ship_once(), asio::use_future);
    io.restart();
    io.run();
    return f.get();
  }
  std::string count() { return pg.rows("SELECT count(*) FROM " + table).at(0); }

  const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  const std::string table = ("divlog_it_" + name).substr(0, 60);
  const std::string path =
      (std::filesystem::temp_directory_path() / ("switchyard-" + name + "-" + std::to_string(::getpid()))).string();
  postgres_client pg;
  asio::io_context io;
  backend::metrics metrics;
  std::string pg_port = [] {
    const char* p = std::getenv("SWITCHYARD_TEST_PG_PORT");
    return std::string(p && *p ? p : "15432");
  }();
};

TEST_F(divergence_log_it, records_reach_the_table_after_being_durable_in_the_file) {
  backend::pg_pool pool(io.get_executor(), pool_to(pg_port), metrics);
  proxy::divergence_log log(io.get_executor(), pool, path, table);
  log.record({record("a", 1), record("b", 2)});
  log.record({record("c", 3)});
  EXPECT_EQ(log.counters().recorded, 3u);
  EXPECT_EQ(proxy::divergence_file::read_all(path).records.size(), 3u) << "durable before any shipping";
  ASSERT_TRUE(ship(log)) << log.last_error();
  EXPECT_EQ(count(), "3");
  EXPECT_EQ(pg.rows("SELECT mysql_table, keys, digest, fingerprint, reason FROM " + table + " ORDER BY recorded_at")
                .at(0),
            "a\t[\"7\"]\tUPDATE t SET a = ? WHERE id = ?\t42\tPostgreSQL: 23505 duplicate key");
  EXPECT_FALSE(std::filesystem::exists(path + ".shipping"));
  EXPECT_TRUE(ship(log)) << "nothing left";
  EXPECT_EQ(log.counters().shipped, 3u);
}

TEST_F(divergence_log_it, postgresql_away_keeps_the_records_and_a_later_round_ships_them) {
  {
    backend::pg_pool away(io.get_executor(), pool_to("1"), metrics);
    proxy::divergence_log log(io.get_executor(), away, path, table);
    log.record({record("a", 1)});
    EXPECT_FALSE(ship(log));
    EXPECT_EQ(log.counters().ship_failures, 1u);
    log.record({record("b", 2)});  // recorded after the rotation: in the fresh file
  }
  EXPECT_TRUE(std::filesystem::exists(path + ".shipping"));
  backend::pg_pool pool(io.get_executor(), pool_to(pg_port), metrics);
  proxy::divergence_log log(io.get_executor(), pool, path, table);
  ASSERT_TRUE(ship(log)) << log.last_error();  // the old .shipping first
  EXPECT_EQ(count(), "1");
  ASSERT_TRUE(ship(log)) << log.last_error();  // then what came after
  EXPECT_EQ(count(), "2");
}

TEST_F(divergence_log_it, a_replay_after_a_crash_inserts_nothing_twice) {
  backend::pg_pool pool(io.get_executor(), pool_to(pg_port), metrics);
  proxy::divergence_log log(io.get_executor(), pool, path, table);
  log.record({record("a", 1), record("b", 2)});
  ASSERT_TRUE(ship(log)) << log.last_error();
  // A crash between the commit and deleting the rotated file: the same records come again.
  {
    std::string error;
    proxy::divergence_file again(path + ".shipping", error);
    const proxy::divergence batch[] = {record("a", 1), record("b", 2)};
    ASSERT_TRUE(again.append(batch, error)) << error;
  }
  ASSERT_TRUE(ship(log)) << log.last_error();
  EXPECT_EQ(count(), "2");
}

}  // namespace
}  // namespace switchyard::integration
