// The PostgreSQL DDL for a MySQL database's tables (pure: no I/O): each table's information_schema
// definition written as MySQL DDL (create_table_text.hpp) and translated by the same translator
// the dual write uses for mirrored DDL, with the configured type mapping.
//
// Two sections, like pg_dump's:
//   pre-data:  CREATE SCHEMA, then per table CREATE TABLE with its primary and unique keys,
//              secondary indexes (the dual write's UPDATE/DELETE need them from phase 1 on),
//              identity columns, defaults, enum CHECKs and ON UPDATE CURRENT_TIMESTAMP triggers;
//   post-data: after the backfill: foreign keys (tables are copied in any order and in parallel),
//              and each identity sequence moved past the highest id (PostgreSQL generates ids
//              itself once it is the primary).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/table_definition.hpp"
#include "sql/type_mapping.hpp"

namespace switchyard::migrate {

struct planned_foreign_key {
  std::string name;  // as PostgreSQL spells the constraint (MySQL's, lower case)
  std::string sql;   // ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY
};

struct planned_table {
  std::string name;
  std::string mysql_ddl;                  // the MySQL DDL that was translated
  std::string create;                     // PostgreSQL statements separated by "; " (empty on error)
  std::vector<planned_foreign_key> foreign_keys;  // PostgreSQL, post-data
  std::vector<std::string> sequences;     // PostgreSQL setval queries, post-data
  std::vector<std::string> notes;         // left out or changed, for the operator
  std::string error;                      // the translator refused the table: what and why
};

struct schema_plan {
  std::string database;
  // Pre-data statements before the tables: CREATE SCHEMA, and CREATE EXTENSION citext when the
  // mapping makes case-insensitive columns citext (a trusted extension: the database owner may).
  std::vector<std::string> preamble;
  std::vector<planned_table> tables;
  [[nodiscard]] std::size_t failed() const;
};

[[nodiscard]] schema_plan plan_schema(std::string database, const std::vector<table_definition>& tables,
                                      const sql::type_mapping_options& types);

// A query moving the identity sequence of `schema`.`table`.`column` (MySQL names) past both the
// highest id on PostgreSQL and MySQL's next AUTO_INCREMENT (`mysql_next_id`; ids MySQL handed
// out whose rows were deleted stay unused). Nothing happens when the column has no sequence.
[[nodiscard]] std::string identity_sequence_move(std::string_view schema, std::string_view table,
                                                 std::string_view column, std::uint64_t mysql_next_id);

// The PostgreSQL schema of a MySQL database: CREATE SCHEMA IF NOT EXISTS "db".
[[nodiscard]] std::string create_schema_statement(std::string_view database);

}  // namespace switchyard::migrate
