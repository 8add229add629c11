// Shared by `switchyard verify`'s integration tests (running MariaDB and PostgreSQL, tools/dbenv.sh):
// a database per test loaded from SQL, its schema applied with `switchyard schema`, its rows copied
// by COPY through copy_value, the CLI run with a configuration naming that database.
#pragma once
#include <mysql.h>
#include <libpq-fe.h>

#include <string>
#include <vector>

#include "migrate/mysql_catalog.hpp"
#include "migrate/verify_engine.hpp"

namespace switchyard::verify_test {

[[nodiscard]] migrate::mysql_endpoint endpoint();
[[nodiscard]] std::string pg_conninfo();

// Runs `sql` (several statements) on MySQL in `database` (empty: none); fails the test on error.
void mysql_run(const std::string& database, const std::string& sql);
// Runs `sql` on PostgreSQL; fails the test on error.
void pg_run(const std::string& sql);
// One value of a PostgreSQL query (first row, first column; "" when none).
[[nodiscard]] std::string pg_value(const std::string& sql);

// Creates `database` on MySQL from `sql` (sql_mode '', UTC), drops and re-creates it on PostgreSQL with
// `switchyard schema` (time as interval) and, when `copy`, copies every table; returns the catalog.
void prepare(const std::string& database, const std::string& sql, sql::memory_catalog& catalog, bool copy = true);
// Drops the database on both sides.
void drop(const std::string& database);

// The settings the tests compare with (no re-check delay, a fixed sample seed).
[[nodiscard]] migrate::verify_settings settings();
// A verifier connected with `s`; null (and the test failed) when a server refuses.
[[nodiscard]] std::unique_ptr<migrate::verifier> connect_verifier(const migrate::verify_settings& s = settings());

struct cli_run {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// The start of a run's output, for failure messages (a difference report can be megabytes).
[[nodiscard]] std::string brief(const cli_run& run);

// `switchyard verify --config <database's config> ARGS`.
[[nodiscard]] cli_run verify_cli(const std::string& database, const std::string& args);
// `switchyard COMMAND --config <database's config> ARGS`.
[[nodiscard]] cli_run switchyard_cli(const std::string& command, const std::string& database, const std::string& args);

// The types dataset (tests/verify/types_dataset.sql), and the backfill's (tests/corpus/types_dataset.sql).
[[nodiscard]] std::string types_dataset();
[[nodiscard]] std::string corpus_types_dataset();

}  // namespace switchyard::verify_test
