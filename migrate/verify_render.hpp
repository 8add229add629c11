// The normalized rendering `switchyard verify` checksums inside each database (pure: SQL text only).
// Every column becomes a text expression that yields the same bytes on MySQL (MariaDB) and on
// PostgreSQL for the same value, so a row's md5 is the same on both engines:
//   NULL          -> N (every non-NULL rendering differs from it: text and JSON carry a length)
//   integer, bit  -> decimal digits (YEAR as its number, BIT as its unsigned number)
//   boolean       -> 1 / 0 (tinyint(1) or BIT(1): any non-zero value is true)
//   decimal       -> digits with the column's scale (both engines print numeric(p,s) that way)
//   floating      -> <mantissa of D significant digits>e<exponent>, 0 for zero; D = float digits,
//                    at most 6 for FLOAT/real (MySQL prints FLOAT with 6 digits, so the copied
//                    value is only that exact). Both engines compute it in IEEE doubles.
//   text, enum, set -> <characters>:<UTF-8 text>
//   binary        -> lower-case hex of the bytes
//   date          -> YYYY-MM-DD; datetime/timestamp -> YYYY-MM-DD HH:MM:SS.ffffff (sessions in UTC);
//                    zero dates (month or day 0) -> NULL, the schema's zero-date policy
//   time          -> signed microseconds (TIME beyond 24 h and PostgreSQL intervals alike)
//   json          -> <characters>:MariaDB's JSON_NORMALIZE() text; on PostgreSQL the function
//                    switchyard.verify_json(jsonb) renders jsonb the same way (json_function_sql());
//                    in checksums the MD5 of that text, an object's members canonicalised inline
// A row is the renderings joined by ',' and hashed to the first 15 hex digits of its md5 as an
// integer; a chunk's checksum is the count and the sum of those (order-independent).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/key_range.hpp"
#include "sql/catalog.hpp"

namespace switchyard::migrate {

// A column as the renderer needs it, derived once per table from the catalog.
struct render_column {
  std::string name;  // MySQL name
  sql::type_category category = sql::type_category::other;
  bool mysql_bit = false;  // MySQL BIT(n)
  bool year = false;       // MySQL YEAR
  bool single = false;     // MySQL FLOAT (PostgreSQL real): 6 significant digits at most
};
[[nodiscard]] render_column make_render_column(const sql::column_info& column);
[[nodiscard]] std::vector<render_column> make_render_columns(const sql::table_info& table);

struct render_options {
  unsigned float_digits = 15;  // significant digits of DOUBLE values (1..17)
};

// The column's rendering as a text expression of the dialect; NULL stays NULL. `prefix` qualifies
// the column ("t." or empty).
[[nodiscard]] std::string render_value(const render_column& column, sql_dialect dialect, const render_options& options,
                                       std::string_view prefix = {});
// The same, never NULL (NULL -> 'N'); on MySQL characters as a binary string, so collations never mix.
[[nodiscard]] std::string render_field(const render_column& column, sql_dialect dialect, const render_options& options,
                                       std::string_view prefix = {});
// The row's rendering: every field joined by ','.
[[nodiscard]] std::string render_row(const std::vector<render_column>& columns, sql_dialect dialect,
                                     const render_options& options);
// The row's hash: the first 15 hex digits of md5(render_row) as a non-negative integer.
[[nodiscard]] std::string row_hash(const std::vector<render_column>& columns, sql_dialect dialect,
                                   const render_options& options);

// A table's name for the dialect: `db`.`table`, or "db"."table" in lower case.
[[nodiscard]] std::string qualified_table(std::string_view database, std::string_view table, sql_dialect dialect);

// SELECT count, sum of row hashes (0 when empty) FROM the table WHERE `predicate`.
[[nodiscard]] std::string checksum_query(std::string_view database, std::string_view table,
                                         const std::vector<render_column>& columns, std::string_view predicate,
                                         sql_dialect dialect, const render_options& options);

// A key column's value as text both dialects accept as a literal of it (key_range's key_value):
// MySQL's own printing; on PostgreSQL binary as hex (decode with unhex), timestamps without a zone.
[[nodiscard]] std::string key_text(const key_column& key, sql_dialect dialect);

// SELECT the key columns (key_text), then every column's render_value, WHERE `predicate` ORDER BY
// the key (rows of a small range, or sampled keys).
[[nodiscard]] std::string rows_query(std::string_view database, std::string_view table,
                                     const std::vector<render_column>& columns, const std::vector<key_column>& key,
                                     std::string_view predicate, sql_dialect dialect, const render_options& options);

// The keys equal to any of `keys` (k1 = v1 AND k2 = v2) OR ...; "FALSE" when empty.
[[nodiscard]] std::string key_in_predicate(const std::vector<key_column>& key, const std::vector<key_value>& keys,
                                           sql_dialect dialect);

// PostgreSQL DDL (CREATE SCHEMA IF NOT EXISTS switchyard; CREATE OR REPLACE FUNCTION ...) for
// switchyard.verify_json(jsonb) and its number helper: MariaDB's JSON_NORMALIZE() output (keys
// sorted by bytes, no spaces, numbers as <d>.<digits>E<exponent>).
[[nodiscard]] std::string json_function_sql();

// Hex text (as key_text renders PostgreSQL binary keys) back to bytes; nullopt when malformed.
[[nodiscard]] std::optional<std::string> unhex(std::string_view hex);

}  // namespace switchyard::migrate
