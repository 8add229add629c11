// Backfill end to end against the real servers: a test owns a MySQL database and the PostgreSQL
// schema of the same name (the dual-write fixture's, so a test can also start the proxy), creates
// the PostgreSQL tables from MySQL's SHOW CREATE TABLE through the DDL translator (until
// `switchyard schema` exists), and runs the switchyard binary as an operator would.
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

#include "dual_write/dual_write_fixture.hpp"
#include "sql/type_mapping.hpp"

namespace switchyard::backfill_test {

struct run_output {
  int status = -1;  // exit status, or 128 + signal
  std::string out;  // standard output (progress JSON lines, the summary)
  std::string err;  // standard error (errors)
};

class backfill_case : public dual_write_test::dual_write_case {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Runs `sql` (statements separated by ';') on MySQL in db_ with time_zone +00:00.
  void load_mysql(const std::string& sql);
  // CREATE SCHEMA db_ and every MySQL table of db_ translated with `types`.
  void create_pg_tables(const sql::type_mapping_options& types = {});
  // Server, account and database flags for the binary.
  [[nodiscard]] std::vector<std::string> connection_args() const;
  // Runs `switchyard backfill` with connection_args() + `args` and waits (at most 120 s).
  [[nodiscard]] run_output backfill(const std::vector<std::string>& args);
  // Starts it without waiting; output goes to files named after `tag` in the test's directory.
  [[nodiscard]] pid_t spawn_backfill(const std::vector<std::string>& args, const std::string& tag,
                                     const std::string& command = "backfill");
  // Runs `switchyard schema` with connection_args() + `args` and waits.
  [[nodiscard]] run_output schema(const std::vector<std::string>& args);
  // Waits for a spawned run.
  [[nodiscard]] run_output wait_backfill(pid_t pid, const std::string& tag);
  // One value from PostgreSQL (first column of the first row).
  [[nodiscard]] std::string pg_value(const std::string& sql);
  // A table of `rows` rows with mixed types, keys 1..rows, inserted straight into MySQL.
  void make_big_table(const std::string& table, unsigned rows);
};

// The JSON summary line of a run's output; empty object when absent.
[[nodiscard]] std::string summary_field(const std::string& out, const std::string& field);

}  // namespace switchyard::backfill_test
