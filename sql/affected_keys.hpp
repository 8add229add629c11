// Which rows a write touched, by primary key, when the statement says so literally (pure tier).
// Divergence records name these rows, so that repair re-copies exactly them rather than the whole
// table.
//
// Known for a single-table write on a table with a one-column primary key:
//   - INSERT / REPLACE ... VALUES (or SET) listing the key column with literal values, and rows
//     whose key MySQL generated when translate_options::first_insert_id pins it;
//   - UPDATE / DELETE whose WHERE is `pk = literal`, `pk IN (literals)`, or an AND with one of those
//     among its terms (the other terms only narrow the rows).
// Anything else (composite keys, INSERT ... SELECT, multi-table writes, ranges, expressions) is
// unknown: the caller records the whole table.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "sql/translate.hpp"

namespace switchyard::sql {

struct affected_rows {
  bool known = false;
  std::string schema;              // MySQL database of the table (the current one when unqualified)
  std::string table;
  std::vector<std::string> keys;   // primary-key values as MySQL's text (a string literal's bytes)
};

[[nodiscard]] affected_rows affected_keys(std::string_view mysql_sql, const translate_options& options);

}  // namespace switchyard::sql
