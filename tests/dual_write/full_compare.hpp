// A full compare of a MySQL database with the PostgreSQL schema of the same (lower-cased) name:
// every table, every row, matched by primary key (the whole row for tables without one), with
// values normalised on each side so that equal data compares equal (issue 4 item 9: "zero
// differing rows after every test run"). The tables and their column types come from MySQL's
// catalog (migrate::load_mysql_catalog); each column is read through a normalising expression:
//   boolean (tinyint(1))  MySQL c <> 0, PostgreSQL c::int            -> 0 / 1
//   datetime, timestamp   both as 'YYYY-MM-DD HH:MM:SS.ffffff' (timestamps in UTC)
//   time                  both as 'HH:MM:SS.ffffff'
//   binary                both as upper-case hex
//   bit                   both as the unsigned integer
//   float, double         parsed, equal within the type's precision
//   json                  parsed with Boost.JSON, compared as values (key order, spacing ignored)
//   everything else       the text each server prints (integers, decimals, text, enum, set, date)
#pragma once
#include <mysql.h>
#include <libpq-fe.h>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::dual_write_test {

struct row_difference {
  std::string key;         // the primary-key values, e.g. "(1, 'a')"
  std::string what;        // "missing on PostgreSQL", "missing on MySQL", "column <name> differs"
  std::string mysql_row;   // as read on each side (normalised), empty when the row is absent
  std::string pg_row;
};

struct table_difference {
  std::string table;
  std::string problem;     // the table itself: missing on one side, a query that failed
  std::vector<row_difference> rows;
};

struct compare_result {
  std::string error;       // the compare could not run (catalog not loadable, ...)
  std::size_t tables = 0;  // tables compared
  std::size_t rows = 0;    // rows read on MySQL
  std::vector<table_difference> differences;  // only tables that differ

  [[nodiscard]] bool equal() const { return error.empty() && differences.empty(); }
  [[nodiscard]] std::size_t differing_rows() const;
  [[nodiscard]] std::set<std::string> differing_tables() const;
  // For failure messages: every table's problem and its first `per_table` rows.
  [[nodiscard]] std::string describe(std::size_t per_table = 5) const;
};

// `mysql`: a direct connection (its session time zone is set to UTC); `pg`: a connection to the
// PostgreSQL database holding the schema. The catalog is read with a connection of its own to
// MySQL at 127.0.0.1:`mysql_port` as app/app.
[[nodiscard]] compare_result full_compare(MYSQL* mysql, PGconn* pg, std::string_view database,
                                          unsigned mysql_port);

}  // namespace switchyard::dual_write_test
