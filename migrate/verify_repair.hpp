// `switchyard verify --repair`: re-copies rows from MySQL's current values (I/O). In one PostgreSQL
// transaction the rows are deleted, then what MySQL holds for them at that moment is written with
// COPY (each value converted by copy_value), so a key MySQL no longer has stays deleted. Reading
// MySQL at repair time keeps it safe beside the dual write: the row gets MySQL's newest value.
// The MySQL session must run with time_zone '+00:00' and NO_BACKSLASH_ESCAPES (verifier's does).
#pragma once
#include <mysql.h>
#include <libpq-fe.h>

#include <string>
#include <vector>

#include "migrate/copy_value.hpp"
#include "migrate/key_range.hpp"
#include "sql/catalog.hpp"

namespace switchyard::migrate {

struct repair_outcome {
  bool ok = false;
  std::string error;
  std::size_t deleted = 0;  // rows deleted on PostgreSQL
  std::size_t copied = 0;   // rows copied from MySQL
};

// The rows of `keys` (key values as key_range takes them).
[[nodiscard]] repair_outcome repair_rows(MYSQL* mysql, PGconn* pg, const sql::table_info& table,
                                         const std::vector<key_column>& key, const std::vector<key_value>& keys,
                                         zero_date_policy zero_dates);
// The whole table (a table without a key, or a whole-table divergence record).
[[nodiscard]] repair_outcome repair_table(MYSQL* mysql, PGconn* pg, const sql::table_info& table,
                                          zero_date_policy zero_dates);

}  // namespace switchyard::migrate
