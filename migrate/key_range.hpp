// Keyset chunk predicates (pure): a chunk is the keys in (lower, upper], either bound open. Key
// values are carried as text (as MySQL prints them) with each column's category from the catalog,
// which decides the literal: numbers bare, binary as hex, the rest quoted. The row comparison is
// expanded (a > 1 OR (a = 1 AND b > 2)) so MariaDB's range optimizer uses the key's index.
// MySQL literals assume the reading session runs with sql_mode NO_BACKSLASH_ESCAPES (quotes are
// only doubled); PostgreSQL literals assume standard_conforming_strings (its default).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/catalog.hpp"

namespace switchyard::migrate {

enum class sql_dialect : std::uint8_t { mysql, postgresql };

struct key_column {
  std::string name;  // MySQL name
  sql::type_category category = sql::type_category::other;
};
using key_value = std::vector<std::string>;  // one text per key column

// A column name quoted for the dialect (MySQL `name`, PostgreSQL lower case via append_pg_identifier).
[[nodiscard]] std::string quote_identifier(std::string_view name, sql_dialect dialect);
// One key value as a literal of the dialect.
[[nodiscard]] std::string key_literal(std::string_view value, sql::type_category category, sql_dialect dialect);
// The WHERE condition for keys in (lower, upper]; "TRUE" when both are open. `prefix` qualifies the
// columns ("t." or empty).
[[nodiscard]] std::string key_range_predicate(const std::vector<key_column>& key, const std::optional<key_value>& lower,
                                              const std::optional<key_value>& upper, sql_dialect dialect,
                                              std::string_view prefix = {});
// "k1, k2" quoted for the dialect, each with `prefix`.
[[nodiscard]] std::string key_column_list(const std::vector<key_column>& key, sql_dialect dialect,
                                          std::string_view prefix = {});
// Whether PostgreSQL orders these key columns as MySQL does (numbers, dates and times), so a range
// can be evaluated on PostgreSQL too. Text orders by collation and binary may differ: not.
[[nodiscard]] bool orders_alike(const std::vector<key_column>& key) noexcept;

}  // namespace switchyard::migrate
