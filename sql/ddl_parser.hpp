// MySQL DDL statements parsed into plain structs (pure tier), shared by the catalog builder
// (apply_ddl) and the PostgreSQL translator (translate_ddl) so both read a statement the same way.
//
// Covers CREATE TABLE [IF NOT EXISTS] (columns, keys, foreign keys, table options) and CREATE
// TABLE ... LIKE, ALTER TABLE, CREATE [UNIQUE] INDEX, DROP INDEX, DROP TABLE, TRUNCATE, RENAME
// TABLE, CREATE / DROP DATABASE (SCHEMA). Anything else is an error naming the construct and its byte offset.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sql/lexer.hpp"
#include "sql/type_mapping.hpp"

namespace switchyard::sql {

struct ddl_name {
  std::string schema;  // empty when unqualified
  std::string name;
  std::uint32_t position = 0;
};

struct ddl_default {
  enum class kind : std::uint8_t { none, null, literal, current_timestamp };
  kind what = kind::none;
  token literal;           // kind::literal: a string, number, hex or bit token
  bool negative = false;                // a `-` before a number
  std::optional<bool> keyword_boolean;  // DEFAULT TRUE / FALSE (kind::literal, no token)
  std::optional<std::uint32_t> fsp;  // CURRENT_TIMESTAMP(n)
  std::uint32_t position = 0;
};

struct ddl_column {
  std::string name;
  std::uint32_t position = 0;
  mysql_column_type type;
  std::uint32_t type_position = 0;
  std::string charset;    // CHARACTER SET, lower case, empty when not given
  std::string collation;  // COLLATE, lower case, empty when not given
  bool binary_collation = false;  // CHAR(n) BINARY: the charset's _bin collation
  std::optional<bool> nullable;   // explicit NULL / NOT NULL
  bool auto_increment = false;
  bool primary_key = false;  // column-level PRIMARY KEY
  bool unique = false;       // column-level UNIQUE [KEY]
  ddl_default default_value;
  bool on_update_current_timestamp = false;
  std::optional<std::uint32_t> on_update_fsp;
  // CHECK (json_valid(`column`)): how MariaDB's SHOW CREATE TABLE spells a JSON column (as
  // LONGTEXT with that check); the only column CHECK understood.
  bool json_valid_check = false;
};

struct ddl_key_part {
  std::string column;
  std::optional<std::uint32_t> prefix;  // name(10)
  bool descending = false;
  std::uint32_t position = 0;
};

struct ddl_key {
  enum class kind : std::uint8_t { primary, unique, index, foreign };
  kind what = kind::index;
  std::string name;  // empty when not given (MySQL then names it after its first column)
  std::vector<ddl_key_part> parts;
  std::uint32_t position = 0;
  // Foreign keys:
  ddl_name references;
  std::vector<std::string> referenced_columns;
  std::string on_delete;  // "CASCADE", "SET NULL", "RESTRICT", "NO ACTION", "SET DEFAULT" or empty
  std::string on_update;
};

struct ddl_create_table {
  ddl_name table;
  bool if_not_exists = false;
  bool temporary = false;
  std::optional<ddl_name> like;  // CREATE TABLE t LIKE other
  std::vector<ddl_column> columns;
  std::vector<ddl_key> keys;
  std::string charset;    // DEFAULT CHARSET, lower case
  std::string collation;  // DEFAULT COLLATE, lower case
  std::optional<std::uint64_t> auto_increment_start;  // AUTO_INCREMENT=n
};

struct ddl_alter_op {
  enum class kind : std::uint8_t {
    add_column,      // column
    drop_column,     // name
    modify_column,   // column (MODIFY, and CHANGE with the same name)
    change_column,   // name -> column (a new name)
    rename_column,   // name -> new_name
    rename_index,    // name -> new_name
    set_default,     // name, column.default_value
    drop_default,    // name
    add_key,         // key
    drop_index,      // name
    drop_primary_key,
    drop_foreign_key,  // name
    rename_table,      // new_table
    set_auto_increment,  // auto_increment: the next AUTO_INCREMENT value
    table_option,      // ENGINE=, COMMENT=, DEFAULT CHARSET=: nothing to do on PostgreSQL
  };
  kind what = kind::table_option;
  std::uint32_t position = 0;
  ddl_column column;
  std::string name;
  std::string new_name;
  ddl_key key;
  ddl_name new_table;
  bool if_exists = false;  // DROP COLUMN IF EXISTS, ADD COLUMN IF NOT EXISTS (MariaDB)
  std::uint64_t auto_increment = 0;
  std::string charset, collation;  // table_option DEFAULT CHARSET / COLLATE
};

struct ddl_alter_table {
  ddl_name table;
  std::vector<ddl_alter_op> ops;
};

struct ddl_create_index {
  bool unique = false;
  std::string name;
  ddl_name table;
  std::vector<ddl_key_part> parts;
};

struct ddl_drop_index {
  std::string name;
  ddl_name table;
  bool if_exists = false;  // MariaDB
};

struct ddl_drop_table {
  bool if_exists = false;
  bool temporary = false;
  std::vector<ddl_name> tables;
};

struct ddl_truncate {
  ddl_name table;
};

struct ddl_rename_table {
  std::vector<std::pair<ddl_name, ddl_name>> renames;
};

// CREATE DATABASE / SCHEMA (character set and collation options are accepted and ignored).
struct ddl_create_database {
  std::string name;
  bool if_not_exists = false;
  std::uint32_t position = 0;
};

// DROP DATABASE / SCHEMA: every table in it goes too.
struct ddl_drop_database {
  std::string name;
  bool if_exists = false;
  std::uint32_t position = 0;
};

using ddl_statement = std::variant<ddl_create_table, ddl_alter_table, ddl_create_index, ddl_drop_index,
                                   ddl_drop_table, ddl_truncate, ddl_rename_table, ddl_create_database,
                                   ddl_drop_database>;

struct ddl_error {
  std::string construct;
  std::uint32_t position = 0;
};

struct ddl_parse_result {
  bool ok = false;
  ddl_statement statement;
  ddl_error error;
};

// Whether the statement starts like DDL this parser handles (CREATE TABLE/INDEX/DATABASE/SCHEMA,
// ALTER TABLE, DROP TABLE/INDEX/DATABASE/SCHEMA, TRUNCATE, RENAME TABLE).
[[nodiscard]] bool looks_like_ddl(std::string_view sql, sql_mode mode = {}) noexcept;

// Parses one statement (a trailing `;` is allowed). Tokens in `sql` are referenced by the result
// (ddl_default::literal), so `sql` must outlive it.
[[nodiscard]] ddl_parse_result parse_ddl(std::string_view sql, sql_mode mode = {});

// An identifier token's name: a word as written, a quoted identifier with doubled quotes undone.
[[nodiscard]] std::string identifier_text(const token& t, std::string_view source);

}  // namespace switchyard::sql
