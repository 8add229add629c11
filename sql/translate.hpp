// MySQL -> PostgreSQL translation of one statement (pure tier: no I/O, no clock, no logging).
//
// The statement is parsed (never pattern-replaced) and written back in PostgreSQL's dialect with
// MySQL's meaning, using the catalog for column types, collations and unique keys. What cannot be
// translated faithfully comes back as `unsupported`, naming the construct and its byte offset in
// the MySQL text; never a guessed string.
//
// Literals and the translation cache: every literal token of the MySQL text (string, number,
// X'..'/0x.., b'..'/0b.. in lexer order, counted from 0: adjacent strings and signs are separate
// tokens) is either
//   - placed: its value is written into the output at a `literal_slot`, encoded by its
//     literal_class (see literals.hpp); a statement with the same shape and other literals of the
//     same classes translates to the same text with those slots re-encoded; or
//   - baked: its value shaped the output (a DATE_FORMAT pattern, a 1 compared with a boolean
//     column, an INTERVAL unit count folded into text); a cached translation is reused only when
//     baked literals are byte-equal.
// `?` placeholders become $1, $2, ... in order.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql/catalog.hpp"
#include "sql/lexer.hpp"
#include "sql/literals.hpp"
#include "sql/type_mapping.hpp"

namespace switchyard::sql {

struct translate_options {
  sql_mode mode;
  // The session's current database: unqualified table names are looked up in it. May be empty
  // (then only qualified names are found in the catalog).
  std::string_view current_database;
  const catalog* tables = nullptr;  // may be null: translation then knows no column types
  // Column type casts for DDL (the same the schema tool and the catalog use); null: the defaults.
  const type_mapping_options* types = nullptr;

  // Values MySQL generated when it ran the statement, so that PostgreSQL stores the same ones
  // (the dual write pins them; unset fields are not pinned):
  //   pinned_now: the statement's NOW() in the session's time zone, 'YYYY-MM-DD HH:MM:SS.ffffff'
  //     (MySQL's session timestamp). NOW() and friends, CURDATE(), CURTIME(), and DEFAULT
  //     CURRENT_TIMESTAMP columns an INSERT leaves out get it (truncated to their fraction digits);
  //   pinned_unix_micros: the same instant as microseconds since 1970 (UNIX_TIMESTAMP(), UTC_*());
  //   first_insert_id: the OK packet's last insert id, the first id MySQL generated; rows that
  //     got a generated id take first_insert_id + k * insert_id_increment, in order.
  // A pinned translation depends on these values: translate_cached() does not cache it.
  std::string_view pinned_now;
  std::int64_t pinned_unix_micros = 0;
  std::uint64_t first_insert_id = 0;
  std::uint64_t insert_id_increment = 1;

  [[nodiscard]] bool pins_values() const noexcept { return !pinned_now.empty() || first_insert_id != 0; }
};

struct literal_slot {
  std::uint32_t output_offset = 0;  // where the encoded literal starts in translation::text
  std::uint32_t output_length = 0;
  std::uint32_t literal_index = 0;  // ordinal of the literal token in the MySQL text
  literal_class cls = literal_class::integer;
};

struct translation {
  // PostgreSQL text: one statement, or several separated by "; " (DDL that needs more than one,
  // e.g. CREATE TABLE with its indexes, RENAME TABLE of several tables).
  std::string text;
  std::vector<literal_slot> slots;     // in output order
  std::vector<std::uint32_t> baked;    // literal indexes whose values shaped the text, ascending
  std::uint32_t literal_count = 0;     // literal tokens in the MySQL text
  std::uint32_t parameter_count = 0;   // `?` placeholders, written as $1..$n
  // Semantic notes the caller must honour, e.g. "INSERT IGNORE: only unique-key conflicts are
  // ignored" (see the README's list of documented differences). Static strings.
  std::vector<std::string_view> notes;
};

struct unsupported {
  std::string construct;       // what could not be translated: "MATCH ... AGAINST", "FULLTEXT index"
  std::uint32_t position = 0;  // byte offset in the MySQL text
};

struct translate_result {
  bool ok = false;
  translation output;  // when ok
  unsupported reason;  // when !ok

  [[nodiscard]] static translate_result success(translation t) {
    translate_result r;
    r.ok = true;
    r.output = std::move(t);
    return r;
  }
  [[nodiscard]] static translate_result failure(std::string construct, std::uint32_t position) {
    translate_result r;
    r.reason = {std::move(construct), position};
    return r;
  }
};

// Translates one statement (a trailing `;` is allowed; more statements after it are unsupported).
[[nodiscard]] translate_result translate(std::string_view mysql_sql, const translate_options& options);

// Microseconds since 1970 as the UTC 'YYYY-MM-DD HH:MM:SS.ffffff' (pinned UTC_* values; the
// mirror's switchyard.now).
[[nodiscard]] std::string utc_datetime_text(std::int64_t unix_micros);

// The PostgreSQL spelling of a MySQL identifier (table, column, schema, alias): ASCII lower case,
// double-quoted when it is not a plain lower-case identifier or is a PostgreSQL keyword.
// Appends to `out`.
void append_pg_identifier(std::string_view mysql_name, std::string& out);

}  // namespace switchyard::sql
