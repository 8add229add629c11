// The catalog the translator consults: tables, their columns with MySQL and PostgreSQL types,
// collations, and keys (pure tier: an interface plus an in-memory implementation; loaders that
// read a JSON fixture or MySQL's information_schema live elsewhere and fill a memory_catalog).
//
// Names: MySQL table names are compared exactly (lower_case_table_names=0, as on Linux), column
// names case-insensitively (as MySQL does). The PostgreSQL name of every table, column and schema
// is the MySQL name in ASCII lower case (see pg_name in translate.hpp); the schema tool creates
// them that way, so both agree.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::sql {

// How a column's values behave, whatever its exact declared type: what the translator needs to
// know to keep MySQL's meaning (booleans, byte strings, case-insensitive text, ...).
enum class type_category : std::uint8_t {
  integer,    // tinyint..bigint (not tinyint(1) mapped to boolean), year
  boolean,    // tinyint(1) / bool mapped to PostgreSQL boolean
  decimal,    // decimal / numeric, bigint unsigned widened to numeric(20)
  floating,   // float, double
  text,       // char, varchar, text types
  binary,     // binary, varbinary, blob types -> bytea
  date,
  datetime,   // datetime -> timestamp (without time zone)
  timestamp,  // timestamp -> timestamptz or timestamp, by the schema's time-zone policy
  time,
  json,       // json -> jsonb
  enumeration,
  set,
  bit,
  other,
};

[[nodiscard]] std::string_view to_string(type_category c);

struct column_info {
  std::string name;        // as declared in MySQL
  std::string mysql_type;  // information_schema COLUMN_TYPE: "tinyint(1)", "int(10) unsigned", "enum('a','b')"
  std::string pg_type;     // the PostgreSQL type it maps to: "boolean", "bigint", "numeric(20)", "text", ...
  type_category category = type_category::other;
  bool nullable = true;
  bool auto_increment = false;
  std::string collation;          // MySQL collation name, empty for non-text columns
  bool case_insensitive = false;  // the collation compares without case (…_ci)
  bool has_default = false;
  std::string default_value;      // information_schema COLUMN_DEFAULT as text, when has_default
};

struct unique_key {
  std::string name;  // "PRIMARY" for the primary key
  std::vector<std::string> columns;
};

struct table_info {
  std::string schema;  // MySQL database
  std::string name;
  std::vector<column_info> columns;  // in ordinal order
  // The primary key first (when there is one, named "PRIMARY"), then the other unique keys in
  // name order. ON DUPLICATE KEY UPDATE and REPLACE look at every one of them.
  std::vector<unique_key> unique_keys;

  // Column by name, compared without ASCII case; nullptr when absent.
  [[nodiscard]] const column_info* find_column(std::string_view column) const noexcept;
  [[nodiscard]] const unique_key* primary_key() const noexcept;
};

class catalog {
 public:
  virtual ~catalog() = default;
  // The table `schema`.`table`; nullptr when unknown. `schema` is never empty: callers resolve
  // unqualified names against the session's current database first.
  [[nodiscard]] virtual const table_info* find_table(std::string_view schema, std::string_view table) const = 0;
  // Changes whenever the catalog's content does; part of the translation cache key.
  [[nodiscard]] virtual std::uint64_t version() const = 0;
};

// A catalog held in memory, filled by loaders and tests.
class memory_catalog final : public catalog {
 public:
  // Adds or replaces a table; bumps the version.
  void add_table(table_info table);
  // Removes a table; bumps the version. False when it was not there.
  bool remove_table(std::string_view schema, std::string_view table);
  [[nodiscard]] const table_info* find_table(std::string_view schema, std::string_view table) const override;
  [[nodiscard]] std::uint64_t version() const override { return version_; }
  [[nodiscard]] std::size_t table_count() const noexcept { return tables_.size(); }
  // Every table, ordered by (schema, name).
  [[nodiscard]] std::vector<const table_info*> tables() const;

 private:
  // Keyed by schema + '\0' + name.
  std::map<std::string, table_info, std::less<>> tables_;
  std::uint64_t version_ = 1;
};

}  // namespace switchyard::sql
