// End-to-end dual-write tests (issue 4 item 9): the proxy in-process in phase 1 against the real
// MariaDB and PostgreSQL of tools/dbenv.sh, clients through it, then a full compare of both sides
// and the divergence log read back. Each test owns a MySQL database and the PostgreSQL schema of
// the same name ("e2e_" + the test's name, lower case, at most 60 characters), so ctest -j2 can
// run them side by side.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "dual_write/full_compare.hpp"
#include "integration/postgres_client.hpp"
#include "integration/proxy_fixture.hpp"
#include "proxy/divergence.hpp"

namespace switchyard::dual_write_test {

using namespace integration;

// libpq conninfo of the test PostgreSQL at `port` (default: $SWITCHYARD_TEST_PG_PORT or 15432).
[[nodiscard]] std::uint16_t pg_port();
[[nodiscard]] std::string pg_conninfo(std::uint16_t port = pg_port());

class dual_write_case : public ::testing::Test {
 protected:
  // A fresh, empty MySQL database `db_`; no PostgreSQL schema of that name (DDL through the proxy
  // creates it).
  void SetUp() override;
  // Stops the proxy, drops the database and the schema.
  void TearDown() override;

  // Phase 1 settings mirroring `db_` into `divergence_file_`; shipping the divergence log is
  // left to the end of the run unless a test asks for it, so the local file holds every record.
  [[nodiscard]] config::settings settings() const;
  void start_proxy(const config::settings& s);
  void start_proxy() { start_proxy(settings()); }
  // A Connector/C client through the proxy, current database `db_`.
  [[nodiscard]] connection client(unsigned long flags = 0);

  // Through `c` (a client of the proxy): CREATE DATABASE IF NOT EXISTS (mirrored: creates the
  // PostgreSQL schema), then each statement; waits for the mirror and expects no divergence.
  void create_through_proxy(MYSQL* c, const std::vector<std::string>& ddl);
  // start_proxy(), then client_ through it, then create_through_proxy(client_, ddl).
  void start_with_tables(const std::vector<std::string>& ddl);

  // Waits until the mirror has dealt with (applied or recorded) everything committed before the
  // call: empty transactions go through the mirror's ordered queue behind them (two: divergence
  // records are written after the round that made them). Count as submitted and applied (or
  // diverged) transactions in the metrics.
  [[nodiscard]] bool mirror_caught_up();
  // Every divergence recorded for `db_`: the local file, a rotated file being shipped, and the
  // PostgreSQL divergence table (records shipped already), without duplicates.
  [[nodiscard]] std::vector<proxy::divergence> divergences();
  // Full compare of `db_` on both sides.
  [[nodiscard]] compare_result compare();

  // Runs on PostgreSQL (must succeed) / the rows as tab-joined text.
  void pg_exec(const std::string& sql);
  [[nodiscard]] std::vector<std::string> pg_rows(const std::string& sql) { return pg_.rows(sql); }

  std::string db_;
  temp_dir dir_;
  std::string divergence_file_;
  postgres_client pg_;
  connection direct_;
  std::unique_ptr<proxy_instance> proxy_;
  connection client_;
};

// The table named by each divergence (all are in the test's database).
[[nodiscard]] std::set<std::string> tables_of(const std::vector<proxy::divergence>& records);

}  // namespace switchyard::dual_write_test
