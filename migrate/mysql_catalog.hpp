// Loads a MySQL/MariaDB database's tables from information_schema into a memory_catalog, with the
// same canonical COLUMN_TYPE spelling and type mapping as apply_ddl (sql/ddl_catalog.hpp), so a
// catalog loaded from a live server equals the one built from the DDL that created it.
//
// Read: COLUMNS (COLUMN_TYPE, IS_NULLABLE, EXTRA auto_increment, COLLATION_NAME, COLUMN_DEFAULT)
// of base tables (views are skipped), STATISTICS (unique keys, PRIMARY first then by name) and,
// on MariaDB, CHECK_CONSTRAINTS: a longtext column with a json_valid(`col`) check is a JSON column
// (MariaDB's JSON is an alias of LONGTEXT), recorded as "json" with no collation.
// COLUMN_DEFAULT is kept as the server spells it (MariaDB quotes strings; a NULL default is
// has_default = false).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql/catalog.hpp"
#include "sql/type_mapping.hpp"

namespace switchyard::migrate {

struct mysql_endpoint {
  std::string host = "127.0.0.1";
  std::uint16_t port = 3306;
  std::string user;
  std::string password;
  unsigned connect_timeout_seconds = 10;
};

struct catalog_load_result {
  bool ok = false;
  std::string error;                  // when !ok: what failed, with the server's message
  std::vector<std::string> warnings;  // columns of types without a PostgreSQL mapping (pg_type left empty)
  std::size_t tables = 0;             // tables loaded
};

// Connects, reads `database`'s tables into `catalog` (added or replaced), disconnects. An
// unreachable server, a refused login or an unknown database is an error value, never an exception.
[[nodiscard]] catalog_load_result load_mysql_catalog(const mysql_endpoint& endpoint, std::string_view database,
                                                     sql::memory_catalog& catalog,
                                                     const sql::type_mapping_options& types = {});

}  // namespace switchyard::migrate
