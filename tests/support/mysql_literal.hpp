// Random string values built from the bytes that break escapers, and their MySQL string literal
// spelled by MySQL's rules under a sql_mode (for the safety test and the MariaDB cross-check).
#pragma once
#include <random>
#include <string>
#include <string_view>

#include "sql/lexer.hpp"

namespace switchyard::test {

// A value of up to 7 pieces (quotes, backslashes, comment markers, $$, ;, multibyte UTF-8, ...);
// one in four may hold NUL or invalid UTF-8 (PostgreSQL text cannot hold those).
[[nodiscard]] std::string random_value(std::mt19937& rng);

// The MySQL string literal whose value is `value` under `mode`, choosing among equivalent
// spellings at random: '' or \' for a quote, raw or escaped control bytes, "..." when double
// quotes are strings, a _utf8mb4 or N introducer on text.
[[nodiscard]] std::string mysql_literal(std::string_view value, sql::sql_mode mode, std::mt19937& rng);

}  // namespace switchyard::test
