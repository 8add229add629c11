// Reads a MySQL database's tables from information_schema (TABLES, COLUMNS, STATISTICS,
// CHECK_CONSTRAINTS, KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS) into table_definitions, in the
// server's own spellings (MariaDB 10.11 and MySQL 8 differ in how they spell defaults; both are
// recorded as such). Base tables only, by name. MariaDB's JSON columns (LONGTEXT with a
// json_valid CHECK) are read as "json".
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "migrate/mysql_catalog.hpp"
#include "migrate/table_definition.hpp"

namespace switchyard::migrate {

struct schema_read_result {
  bool ok = false;
  std::string error;  // unreachable server, refused login, unknown database: said with the server's words
  std::vector<table_definition> tables;
};

[[nodiscard]] schema_read_result read_mysql_schema(const mysql_endpoint& endpoint, std::string_view database);

}  // namespace switchyard::migrate
