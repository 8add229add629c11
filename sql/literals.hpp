// MySQL literal tokens: their values, and their PostgreSQL spelling (pure tier).
//
// Safety rule: a literal's content can never leave its literal in the output. Strings are decoded
// by MySQL's rules (backslash escapes unless NO_BACKSLASH_ESCAPES, doubled quotes, adjacent
// strings are separate tokens here) into bytes, then written as a PostgreSQL standard-conforming
// string ('...' with ' doubled, no backslash processing), or as bytea hex ('\x..'::bytea) when the
// bytes are not text PostgreSQL can hold (a NUL byte, invalid UTF-8, or a _binary introducer).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "sql/lexer.hpp"

namespace switchyard::sql {

// The classes a translated literal can have; a cached translation is reused only for literals of
// the same classes, because the class decides how a value is written.
enum class literal_class : std::uint8_t {
  integer,   // 42 (no sign: a sign is an operator token)
  decimal,   // 1.5, .5, 1.
  floating,  // 1e3, 1.5E-3
  text,      // a string whose bytes are valid UTF-8 without NUL
  binary,    // a string with a NUL or invalid UTF-8, or introduced by _binary
  hex,       // X'4142', 0x4142
  bit,       // b'0101', 0b0101
};

[[nodiscard]] std::string_view to_string(literal_class c);

// Whether the token is a literal the translator places or bakes (string, number, hex, bit).
[[nodiscard]] bool is_literal_token(const token& t) noexcept;

// Decodes a string token's value into `out` (cleared first) by MySQL's rules under `mode`:
// \0 \' \" \b \n \r \t \Z \\ become their bytes, \% and \_ keep their backslash (MySQL keeps it so
// that LIKE sees an escaped wildcard), any other \x is x; '' (or "" in a "..." string) is one quote.
void decode_string(const token& t, std::string_view source, sql_mode mode, std::string& out);

// Decodes X'..' / 0x.. into bytes, b'..' / 0b.. into bytes (left-padded to whole bytes, as MySQL
// does). False when the token is malformed (odd number of hex digits in X'..').
[[nodiscard]] bool decode_hex(const token& t, std::string_view source, std::string& out);
[[nodiscard]] bool decode_bits(const token& t, std::string_view source, std::string& out);

// True when `bytes` is valid UTF-8 (no overlongs, no surrogates, at most U+10FFFF) without NUL.
[[nodiscard]] bool is_postgres_text(std::string_view bytes) noexcept;

// The class of a literal token (requires is_literal_token). `scratch` is used for decoding.
[[nodiscard]] literal_class classify_literal(const token& t, std::string_view source, sql_mode mode,
                                             std::string& scratch);

// Appends a PostgreSQL string constant holding exactly `bytes` (which must satisfy
// is_postgres_text): '...' with every ' doubled.
void append_pg_string(std::string_view bytes, std::string& out);
// Appends the bytes as lower-case hex digits, two per byte.
void append_hex(std::string_view bytes, std::string& out);
// Appends '\x<hex>'::bytea holding exactly `bytes`.
void append_pg_bytea(std::string_view bytes, std::string& out);

// Appends the PostgreSQL form of a literal token of class `cls` (as classify_literal returned it):
//   integer, decimal: the digits as written (a leading `.` or trailing `.` gets a 0: .5 -> 0.5);
//   floating: the number cast to double precision ('1e3'::float8), as MySQL's are doubles;
//   text: a string constant; binary: bytea;
//   hex, bit: bytea of the decoded bytes (MySQL's hex and bit literals are binary strings; in a
//   numeric context the translator bakes them instead).
// False when the token cannot be written in that class (the caller reports it unsupported).
[[nodiscard]] bool append_pg_literal(const token& t, std::string_view source, sql_mode mode, literal_class cls,
                                     std::string& scratch, std::string& out);

}  // namespace switchyard::sql
