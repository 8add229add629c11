// MySQL column types -> PostgreSQL types (pure tier), pgloader-like by default, every choice an
// option. Used by the DDL translator (CREATE TABLE on PostgreSQL) and by the catalog loaders, so the
// catalog's pg_type is the type the schema really has.
//
// Documented choices (defaults):
//   tinyint(1) / bool   -> boolean (option: smallint)
//   unsigned integers   -> widened to hold every value: tinyint unsigned -> smallint, smallint
//                          unsigned -> integer, mediumint [unsigned] -> integer, int unsigned ->
//                          bigint, bigint unsigned -> numeric(20). No CHECK (>= 0) is added.
//   tinyint -> smallint (PostgreSQL has no 1-byte integer), year -> smallint
//   float -> real, double -> double precision, decimal(p,s) -> numeric(p,s)
//   char(n) -> varchar(n) (char(n) would come back blank-padded where MySQL strips trailing
//                      blanks; option char_as_varchar = false keeps char(n)), varchar(n) ->
//                      varchar(n), text types -> text
//   binary/varbinary/blob types -> bytea
//   date -> date, datetime(n) -> timestamp(n), time(n) -> time(n), n written even when 0
//                      (PostgreSQL's default is 6 digits; MySQL's 0): MySQL's TIME holds
//                      -838:59:59..838:59:59, PostgreSQL's one day; option time_as_interval
//   timestamp(n) -> timestamptz(n) (option: timestamp(n), by the schema's time-zone policy)
//   json -> jsonb (MariaDB reports JSON columns as longtext with a json_valid CHECK; the catalog
//                  records them as "json" either way)
//   enum(...) -> text with a CHECK (col IN (...)) (option: a PostgreSQL enum type named
//                <table>_<column>); ORDER BY on it sorts by text, not by member index
//   set(...) -> text holding MySQL's comma-separated members (no CHECK; FIND_IN_SET semantics
//               are the translator's job)
//   bit(n) -> bigint (numeric(20) for bit(64)): MySQL computes with BIT values as numbers
//             (b'101' + 0, flags & 4); option: bit(1) -> boolean
//   zero dates ('0000-00-00') -> NULL: a zero-date DEFAULT is dropped with the column's NOT NULL
//             (option: refuse such tables)
//   case-insensitive collations (..._ci) -> plain PostgreSQL text (comparisons become case
//             sensitive unless the translator folds case); option citext (the column type becomes
//             citext, length limits dropped) or a nondeterministic ICU collation given by name.
// Overrides: per MySQL type (full spelling "tinyint(1)" first, then base "tinyint") and per column
// ("table.column", lower case) map straight to a PostgreSQL type.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/catalog.hpp"

namespace switchyard::sql {

enum class timestamp_policy : std::uint8_t { with_time_zone, without_time_zone };
enum class case_insensitive_policy : std::uint8_t { plain, citext, collation };

struct type_mapping_options {
  bool tinyint1_as_boolean = true;
  bool bit1_as_boolean = false;
  bool char_as_varchar = true;  // char(n) would come back blank-padded; MySQL strips trailing spaces
  bool time_as_interval = false;
  bool enum_as_type = false;
  // MySQL's zero dates ('0000-00-00 ...') become NULL, as pgloader makes them: a date or time
  // column whose DEFAULT is a zero date gets no default and allows NULL. false: refused.
  bool zero_dates_to_null = true;
  timestamp_policy timestamps = timestamp_policy::with_time_zone;
  case_insensitive_policy case_insensitive = case_insensitive_policy::plain;
  std::string ci_collation;  // for case_insensitive_policy::collation, e.g. "ci" (created by the operator)
  std::map<std::string, std::string, std::less<>> type_overrides;    // MySQL type -> PostgreSQL type
  std::map<std::string, std::string, std::less<>> column_overrides;  // "table.column" -> PostgreSQL type
};

// A MySQL column type in canonical form: synonyms resolved (integer -> int, bool -> tinyint(1),
// numeric -> decimal, real -> double, ...), MariaDB's default display widths and lengths filled in.
struct mysql_column_type {
  std::string base;                     // lower case: "int", "varchar", "enum", "json", ...
  std::optional<std::uint32_t> length;  // display width, length, precision or fsp
  std::optional<std::uint32_t> scale;   // decimal / float(p,s) / double(p,s)
  std::vector<std::string> values;      // enum / set members, decoded
  bool is_unsigned = false;
  bool zerofill = false;
};

// Resolves synonyms and fills defaults in place (base must be lower case). False for a type
// switchyard does not know (geometry, ...).
[[nodiscard]] bool canonicalize(mysql_column_type& type);

// information_schema.COLUMNS.COLUMN_TYPE as MariaDB 10.11 spells it: "int(10) unsigned",
// "decimal(12,2)", "enum('a','b')", "datetime(6)" (JSON is "json", see above).
[[nodiscard]] std::string column_type_text(const mysql_column_type& type);

// Parses a COLUMN_TYPE text back (for the information_schema loader). False when malformed.
[[nodiscard]] bool parse_column_type(std::string_view text, mysql_column_type& out);

// Whether the type holds characters (and so has a collation).
[[nodiscard]] bool is_character_type(const mysql_column_type& type) noexcept;

// Whether a MySQL collation name compares without case ("utf8mb4_general_ci", "..._ai_ci").
[[nodiscard]] bool collation_is_case_insensitive(std::string_view collation) noexcept;

struct mapped_type {
  std::string pg_type;       // "bigint", "numeric(20)", "varchar(255)", "timestamptz(3)", ...
  type_category category = type_category::other;
  std::string pg_collation;  // a COLLATE to add (case_insensitive_policy::collation), else empty
};

// The PostgreSQL type of a column; nullopt for a type with no mapping. `table` and `column` are the
// MySQL names (for per-column overrides and enum type names).
[[nodiscard]] std::optional<mapped_type> map_type(const mysql_column_type& type, bool case_insensitive,
                                                  std::string_view table, std::string_view column,
                                                  const type_mapping_options& options);

// AUTO_INCREMENT columns become identity columns, which PostgreSQL allows only on smallint, integer
// and bigint: bigint unsigned AUTO_INCREMENT is bigint (values above 2^63-1 do not fit).
void adjust_for_identity(mapped_type& mapped);

}  // namespace switchyard::sql
