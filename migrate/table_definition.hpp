// A MySQL table as information_schema describes it (COLUMNS, STATISTICS, REFERENTIAL_CONSTRAINTS,
// KEY_COLUMN_USAGE, TABLES), kept in the server's own spellings: `switchyard schema` reads these
// (schema_reader.hpp) and writes them back as MySQL DDL (create_table_text.hpp) for the one DDL
// translator the dual write also uses, so a table created by the schema tool and one created by
// mirrored DDL get the same PostgreSQL definition.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace switchyard::migrate {

struct column_definition {
  std::string name;
  std::string column_type;    // COLUMN_TYPE: "int(10) unsigned", "enum('a','b')", "json"
  bool nullable = true;
  bool has_default = false;   // COLUMN_DEFAULT is not SQL NULL (MariaDB spells DEFAULT NULL "NULL")
  std::string default_value;  // as MariaDB spells it: 'text' quoted, 12, b'101', current_timestamp()
  // MySQL 8 spells a literal default unquoted ('abc' is abc) and flags expressions (EXTRA
  // DEFAULT_GENERATED); MariaDB quotes strings and writes expressions as they are.
  bool default_unquoted = false;
  bool default_is_expression = false;
  std::string extra;          // EXTRA: auto_increment, on update current_timestamp(), ... GENERATED
  std::string generation;     // GENERATION_EXPRESSION of a generated column
  std::string collation;      // COLLATION_NAME (text columns)
};

struct index_part {
  std::string column;
  std::optional<std::uint32_t> prefix;  // SUB_PART
  bool descending = false;              // COLLATION 'D'
};

struct index_definition {
  std::string name;  // "PRIMARY" for the primary key
  bool unique = false;
  std::string type;  // INDEX_TYPE: BTREE, HASH, FULLTEXT, SPATIAL
  std::vector<index_part> parts;
};

struct foreign_key_definition {
  std::string name;
  std::vector<std::string> columns;
  std::string referenced_schema;
  std::string referenced_table;
  std::vector<std::string> referenced_columns;
  std::string on_delete;  // DELETE_RULE: CASCADE, SET NULL, RESTRICT, NO ACTION, SET DEFAULT
  std::string on_update;
};

struct table_definition {
  std::string schema;  // MySQL database
  std::string name;
  std::vector<column_definition> columns;  // ordinal order
  std::vector<index_definition> indexes;   // PRIMARY first, then by name
  std::vector<foreign_key_definition> foreign_keys;
  std::optional<std::uint64_t> auto_increment;  // TABLES.AUTO_INCREMENT: the next id
  std::vector<std::string> checks;  // CHECK clauses other than MariaDB's json_valid ones
};

}  // namespace switchyard::migrate
