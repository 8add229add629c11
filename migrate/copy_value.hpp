// MySQL's text-protocol value of a column -> one field of PostgreSQL's COPY text format (pure: no
// I/O). The backfill reads rows with mysql_use_result (session time_zone '+00:00', utf8mb4) and
// writes each field through this function, so every per-type rule lives here:
//   NULL -> \N; text, json, enum, set -> escaped (\\ \t \n \r and the other control bytes);
//   binary/blob -> bytea hex (\\x..); tinyint(1) mapped to boolean -> t/f (any non-zero is true);
//   BIT(n) (big-endian bytes) -> unsigned integer, or t/f when mapped to boolean;
//   zero dates ('0000-00-00', month or day 0) by the zero-date policy;
//   timestamp columns on timestamptz get "+00" (the session reads them in UTC);
//   TIME beyond 00:00:00..23:59:59 (MySQL allows -838:59:59..838:59:59) only on interval columns.
// Integers, decimals (exact digits), floats, dates and YEAR pass through unchanged.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sql/catalog.hpp"

namespace switchyard::migrate {

// What to do with MySQL's zero dates, which PostgreSQL cannot hold.
enum class zero_date_policy : std::uint8_t {
  null_if_nullable,  // NULL in a nullable column, else the row is rejected (default)
  reject,            // always reject the row
  infinity,          // '-infinity' (date and timestamp types accept it)
};
// "null", "reject", "infinity"; false for anything else.
[[nodiscard]] bool parse_zero_date_policy(std::string_view text, zero_date_policy& out) noexcept;

// A column as the converter needs it, derived once per table from the catalog.
struct copy_column {
  sql::type_category category = sql::type_category::other;
  bool nullable = true;
  bool mysql_bit = false;       // MySQL BIT(n): the value arrives as big-endian bytes
  bool timestamptz = false;     // PostgreSQL type is timestamptz
  bool interval = false;        // PostgreSQL type is interval (TIME mapped with time_as_interval)
};
[[nodiscard]] copy_column make_copy_column(const sql::column_info& column);

// Appends the COPY field for `value` (nullptr: SQL NULL; `size` bytes otherwise) to `out`. False
// when the value cannot be written (the row must be rejected), with the reason in `error`;
// `out` is then unspecified.
[[nodiscard]] bool append_copy_value(const copy_column& column, const char* value, std::size_t size,
                                     zero_date_policy zero_dates, std::string& out, std::string& error);

// Escapes bytes for COPY text format (backslash, tab, newline, carriage return, other controls).
void append_copy_escaped(std::string_view text, std::string& out);

}  // namespace switchyard::migrate
