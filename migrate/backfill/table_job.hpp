// One table to copy, as the copier needs it: the key it chunks by (the primary key, else a unique
// key on NOT NULL columns), the per-column converters, and the column lists on each side.
#pragma once
#include <string>
#include <vector>

#include "migrate/copy_value.hpp"
#include "migrate/key_range.hpp"
#include "sql/catalog.hpp"

namespace switchyard::migrate {

struct table_job {
  std::string schema;  // MySQL database (= PostgreSQL schema, lower case)
  std::string table;   // MySQL table
  std::vector<sql::column_info> columns;
  std::vector<copy_column> copy;
  std::vector<key_column> key;
  std::vector<std::size_t> key_index;  // positions of the key columns in `columns`
  std::string key_name;                // "PRIMARY" or the unique key's name
  std::string mysql_name;              // `db`.`t`
  std::string pg_name;                 // db.t quoted for PostgreSQL
  std::string mysql_columns;           // `a`, `b`, ...
  std::string pg_columns;              // a, b, ...
  std::string identity_column;         // the AUTO_INCREMENT column, empty when none

  [[nodiscard]] std::string label() const { return schema + "." + table; }
};

// Builds the job; false with the reason (no usable key, a column without a PostgreSQL type) in `error`.
[[nodiscard]] bool make_table_job(const sql::table_info& t, table_job& out, std::string& error);

}  // namespace switchyard::migrate
