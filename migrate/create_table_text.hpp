// MySQL DDL text from an information_schema table definition (pure: no I/O). What PostgreSQL
// cannot have is left out and said in `notes` (FULLTEXT and SPATIAL indexes, CHECK constraints);
// what would change the data's meaning is kept, so the translator refuses it with its reason
// (generated columns, expression defaults).
#pragma once
#include <string>
#include <vector>

#include "migrate/table_definition.hpp"

namespace switchyard::migrate {

struct table_text {
  std::string create_table;               // CREATE TABLE `schema`.`name` (...) without foreign keys
  std::vector<std::string> foreign_keys;  // ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY, one each
  std::vector<std::string> notes;         // what was left out, for the operator
};

[[nodiscard]] table_text create_table_text(const table_definition& table);

// `name` as a MySQL quoted identifier.
[[nodiscard]] std::string mysql_identifier(std::string_view name);

}  // namespace switchyard::migrate
