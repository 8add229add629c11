// The value side of a SET assignment, evaluated from its tokens where that is possible without a
// server: string literals, bare words, the session's own @@variables, CONCAT, REPLACE and `||`
// (pure tier; used by session_settings.cpp).
#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sql/lexer.hpp"
#include "sql/session_settings.hpp"

namespace switchyard::sql {

struct set_cursor {
  std::span<const token> tokens;  // without the final `end`
  std::string_view source;
  sql_mode mode;
  std::size_t i = 0;

  // The token `ahead` places after the cursor; an `end` token past the last one.
  [[nodiscard]] token peek(std::size_t ahead = 0) const noexcept {
    return i + ahead < tokens.size() ? tokens[i + ahead] : token{};
  }
  [[nodiscard]] bool at_word(std::string_view upper_keyword) const noexcept {
    return word_is(peek(), source, upper_keyword);
  }
  [[nodiscard]] bool at_op(std::string_view op) const noexcept { return op_is(peek(), source, op); }
  // At `,`, `;` or the end: where one assignment's value stops.
  [[nodiscard]] bool at_value_end() const noexcept;
};

// A system variable's scope and name, lower case, backticks removed: "@@SESSION.`time_zone`" ->
// {"session", "time_zone"}; "@@sql_mode" -> {"", "sql_mode"}.
struct variable_name {
  std::string scope;
  std::string name;
};
[[nodiscard]] variable_name system_variable_name(const token& t, std::string_view source);

// A user variable's name, lower case, quotes removed: "@`Saved`" -> "saved".
[[nodiscard]] std::string user_variable_name(const token& t, std::string_view source);

// The value of the expression at the cursor, with @@sql_mode, @@time_zone,
// @@character_set_client (session scope) and known user variables read from `current`; the cursor then stands after it.
// nullopt when it cannot be computed here (the cursor then stays where the value begins).
[[nodiscard]] std::optional<std::string> evaluate_set_value(set_cursor& c, const session_settings& current);

// Moves the cursor to the `,` that ends the current assignment (outside parentheses), or to `;` /
// the end.
void skip_set_value(set_cursor& c) noexcept;

}  // namespace switchyard::sql
