#include "sql/set_expression.hpp"

#include "sql/ascii.hpp"
#include "sql/comma_list.hpp"
#include "sql/literals.hpp"

namespace switchyard::sql {
namespace {

// MySQL's combination modes: @@sql_mode reports them expanded (differently in MySQL and MariaDB),
// so text replaced inside a list holding one cannot be predicted.
bool holds_combination_mode(std::string_view list) {
  static constexpr std::string_view combinations[] = {"ANSI", "ORACLE", "MSSQL", "DB2", "POSTGRESQL", "MAXDB",
                                                      "TRADITIONAL", "MYSQL323", "MYSQL40"};
  bool found = false;
  for_each_comma_item(list, [&](std::string_view item) {
    for (const auto c : combinations) found = found || ascii_iequals(item, c);
  });
  return found;
}

// Every occurrence of `from` replaced by `to`, case-sensitive, as MySQL's REPLACE().
std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  if (from.empty()) return text;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// A quoted identifier's name: backticks (or double quotes) removed, doubled ones made single.
std::string unquote_identifier(std::string_view body, char quote) {
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    out.push_back(body[i]);
    if (body[i] == quote && i + 1 < body.size() && body[i + 1] == quote) ++i;
  }
  return out;
}

std::optional<std::string> session_variable(const variable_name& v, const session_settings& current) {
  if (!v.scope.empty() && v.scope != "session" && v.scope != "local") return std::nullopt;  // @@global.x
  if (v.name == "sql_mode") return current.sql_mode;
  if (v.name == "time_zone") return current.time_zone;
  if (v.name == "character_set_client") return current.character_set;
  return std::nullopt;
}

std::optional<std::string> evaluate_expression(set_cursor& c, const session_settings& current, int depth);

// `(` a, b, ... `)` after a function name, each argument evaluated; nullopt on anything else.
bool read_arguments(set_cursor& c, const session_settings& current, int depth, std::string (&args)[8],
                    std::size_t& count) {
  if (!c.at_op("(")) return false;
  ++c.i;
  count = 0;
  for (;;) {
    if (count == 8) return false;
    auto arg = evaluate_expression(c, current, depth + 1);
    if (!arg) return false;
    args[count++] = std::move(*arg);
    if (c.at_op(")")) {
      ++c.i;
      return true;
    }
    if (!c.at_op(",")) return false;
    ++c.i;
  }
}

std::optional<std::string> evaluate_primary(set_cursor& c, const session_settings& current, int depth) {
  const token t = c.peek();
  switch (t.kind) {
    case token_kind::string: {
      // Adjacent strings are one literal in MySQL: 'a' 'b' is 'ab'.
      std::string out, part;
      while (c.peek().kind == token_kind::string) {
        decode_string(c.peek(), c.source, c.mode, part);
        out += part;
        ++c.i;
      }
      return out;
    }
    case token_kind::quoted_identifier:
      ++c.i;
      return unquote_identifier(token_body(t, c.source), t.quote);
    case token_kind::system_variable:
      ++c.i;
      return session_variable(system_variable_name(t, c.source), current);
    case token_kind::user_variable: {
      ++c.i;
      const std::string name = user_variable_name(t, c.source);
      for (const auto& [known, value] : current.user_variables)
        if (known == name) return value;
      return std::nullopt;  // never set here, or to a value not computed here
    }
    case token_kind::word: {
      ++c.i;
      if (!c.at_op("(")) return std::string(token_text(t, c.source));  // SYSTEM, ANSI, utf8mb4
      std::string args[8];
      std::size_t count = 0;
      if (word_is(t, c.source, "CONCAT")) {
        if (!read_arguments(c, current, depth, args, count)) return std::nullopt;
        std::string out;
        for (std::size_t k = 0; k < count; ++k) out += args[k];
        return out;
      }
      if (word_is(t, c.source, "REPLACE")) {
        if (!read_arguments(c, current, depth, args, count) || count != 3 || holds_combination_mode(args[0]))
          return std::nullopt;
        return replace_all(std::move(args[0]), args[1], args[2]);
      }
      return std::nullopt;  // any other function
    }
    case token_kind::op:
      if (c.at_op("(")) {
        ++c.i;
        auto inner = evaluate_expression(c, current, depth + 1);
        if (!inner || !c.at_op(")")) return std::nullopt;
        ++c.i;
        return inner;
      }
      return std::nullopt;
    default:
      return std::nullopt;  // numbers, user variables, placeholders, errors
  }
}

std::optional<std::string> evaluate_expression(set_cursor& c, const session_settings& current, int depth) {
  if (depth > 32) return std::nullopt;  // bounded recursion on hostile nesting
  auto value = evaluate_primary(c, current, depth);
  while (value && c.peek().kind == token_kind::op && c.peek().has(token_flag::concat)) {
    ++c.i;
    auto rest = evaluate_primary(c, current, depth);
    if (!rest) return std::nullopt;
    *value += *rest;
  }
  return value;
}

}  // namespace

bool set_cursor::at_value_end() const noexcept {
  const token t = peek();
  return t.kind == token_kind::end || t.kind == token_kind::semicolon || op_is(t, source, ",");
}

variable_name system_variable_name(const token& t, std::string_view source) {
  std::string_view text = token_text(t, source);
  if (text.size() >= 2 && text.substr(0, 2) == "@@") text.remove_prefix(2);
  // Split at the dot outside backticks: @@`a.b` is one name.
  std::size_t dot = std::string_view::npos;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '`') quoted = !quoted;
    else if (text[i] == '.' && !quoted) {
      dot = i;
      break;
    }
  }
  const auto part = [](std::string_view p) {
    if (p.size() >= 2 && p.front() == '`' && p.back() == '`') return ascii_lowered(unquote_identifier(p.substr(1, p.size() - 2), '`'));
    return ascii_lowered(p);
  };
  if (dot == std::string_view::npos) return {"", part(text)};
  return {part(text.substr(0, dot)), part(text.substr(dot + 1))};
}

std::string user_variable_name(const token& t, std::string_view source) {
  if (t.quote != 0) return ascii_lowered(unquote_identifier(token_body(t, source), t.quote));
  std::string_view text = token_text(t, source);
  if (!text.empty()) text.remove_prefix(1);  // the @
  return ascii_lowered(text);
}

std::optional<std::string> evaluate_set_value(set_cursor& c, const session_settings& current) {
  const std::size_t start = c.i;
  auto value = evaluate_expression(c, current, 0);
  if (!value) c.i = start;  // so that skip_set_value sees the parentheses from the first
  return value;
}

void skip_set_value(set_cursor& c) noexcept {
  int depth = 0;
  for (;;) {
    const token t = c.peek();
    if (t.kind == token_kind::end || t.kind == token_kind::semicolon || t.kind == token_kind::error) return;
    if (op_is(t, c.source, "(")) ++depth;
    else if (op_is(t, c.source, ")")) --depth;
    else if (depth <= 0 && op_is(t, c.source, ",")) return;
    ++c.i;
  }
}

}  // namespace switchyard::sql
