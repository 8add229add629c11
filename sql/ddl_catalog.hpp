// Builds a memory_catalog from MySQL DDL (pure tier): CREATE TABLE records a table as MariaDB
// 10.11's information_schema would describe it (COLUMN_TYPE spelling with display widths, the
// collation each text column gets, nullability, AUTO_INCREMENT, defaults, unique keys with PRIMARY
// first), and ALTER TABLE / CREATE INDEX / DROP INDEX / DROP TABLE / RENAME TABLE keep it current.
//
// Conventions (so the information_schema loader produces the same catalog):
//   - a table without a charset or collation gets utf8mb4_general_ci (MariaDB 10.11's default for
//     utf8mb4); CHARACTER SET x alone gets x's default collation; ALTER TABLE ADD COLUMN uses
//     utf8mb4_general_ci too (the catalog does not keep a table's default collation);
//   - JSON columns are mysql_type "json" with no collation (MariaDB stores them as longtext, and
//     SHOW CREATE TABLE prints them as longtext ... CHECK (json_valid(`col`)), read as JSON too);
//   - default_value is spelled as MariaDB's COLUMN_DEFAULT: 'text' quoted, numbers bare,
//     current_timestamp() / current_timestamp(3); a NULL default is has_default = false;
//   - unnamed keys are named after their first column (name_2, name_3 when taken), as MySQL does.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql/catalog.hpp"
#include "sql/ddl_parser.hpp"
#include "sql/lexer.hpp"
#include "sql/type_mapping.hpp"

namespace switchyard::sql {

struct ddl_apply_result {
  bool ok = true;
  std::string error;  // what went wrong, when !ok: "unknown table app.t", "CHECK constraint"
  std::uint32_t position = 0;  // byte offset in the statement

  [[nodiscard]] static ddl_apply_result failure(std::string error, std::uint32_t position) {
    return {false, std::move(error), position};
  }
};

// Applies one DDL statement to the catalog. Unqualified table names are in `current_database`
// (must not be empty then). Statements other than table DDL are an error; on error the catalog is
// unchanged.
[[nodiscard]] ddl_apply_result apply_ddl(std::string_view mysql_sql, std::string_view current_database,
                                         memory_catalog& catalog, const type_mapping_options& types = {},
                                         sql_mode mode = {});

// The tables a DDL statement renames (RENAME TABLE a TO b, ...; ALTER TABLE a RENAME TO b), as
// (database, table) pairs from -> to; unqualified names are in `current_database`. Empty for any
// other statement or one that does not parse.
struct table_rename {
  std::string from_schema, from_table, to_schema, to_table;
};
[[nodiscard]] std::vector<table_rename> renamed_tables(std::string_view mysql_sql, std::string_view current_database,
                                                       sql_mode mode = {});

// Splits a file of statements and applies each in order; stops at the first error (the position
// is then an offset in `text`).
[[nodiscard]] ddl_apply_result load_catalog_from_schema_sql(std::string_view text, std::string_view database,
                                                            memory_catalog& catalog,
                                                            const type_mapping_options& types = {},
                                                            sql_mode mode = {});

// One parsed column as the catalog records it, plus what the PostgreSQL DDL needs besides.
struct described_column {
  column_info info;
  mysql_column_type type;    // canonical, after CHARACTER SET binary turned text into bytes
  std::string pg_collation;  // COLLATE for PostgreSQL (case_insensitive_policy::collation)
};
// `sql` and `mode` are the statement the column was parsed from (for its DEFAULT literal);
// `table_collation` is the table's default collation.
[[nodiscard]] ddl_apply_result describe_column(const ddl_column& column, std::string_view table,
                                               std::string_view table_collation, const type_mapping_options& types,
                                               std::string_view sql, sql_mode mode, described_column& out);

// A table's default collation from its CHARSET / COLLATE options (utf8mb4_general_ci when neither
// is given); empty for an unknown character set.
[[nodiscard]] std::string table_collation(std::string_view charset, std::string_view collation);

// Orders a table's unique keys as the catalog keeps them: PRIMARY first, then by name.
void order_unique_keys(table_info& table);

// The default collation of a character set ("utf8mb4" -> "utf8mb4_general_ci"); empty when unknown.
[[nodiscard]] std::string default_collation(std::string_view charset);

}  // namespace switchyard::sql
