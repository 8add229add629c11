#include "support/mysql_literal.hpp"

#include <vector>

#include "sql/literals.hpp"

namespace switchyard::test {
namespace {

// Pieces a value is built from: each is a byte sequence that has tripped an escaper somewhere.
// Text pieces are valid UTF-8 without NUL; byte pieces make a value PostgreSQL text cannot hold.
const std::vector<std::string> text_pieces = {
    "'", "\"", "`", "\\", "\\'", "''", "\"\"", "\\\\", "\n", "\r", "\t", "\x1a", "\b", "--", "-- ", "#", "/*",
    "*/", "/*!", "/*!50000 ", "*/;", "$$", "$1$", "$tag$", ";", "?", "%", "_", "\\%", "\\_", "E'", "U&'", "\\x",
    "\\0", "x", "abc", " ", "DROP TABLE users", "' OR '1'='1",
    "\xc3\xa9", "\xe2\x98\x83", "\xf0\x9f\x98\x80",  // valid multibyte: é ☃ 😀
};
const std::vector<std::string> byte_pieces = {
    std::string(1, '\0'), "\xff", "\xc3", "\xed\xa0\x80", "\xc0\xaf", "\xe2\x98", "\xf8\x88\x80\x80\x80", "\x80",
};

}  // namespace

std::string random_value(std::mt19937& rng) {
  const bool bytes = rng() % 4 == 0;
  std::string v;
  const int n = static_cast<int>(rng() % 8);
  for (int i = 0; i < n; ++i) {
    if (bytes && rng() % 3 == 0) v += byte_pieces[rng() % byte_pieces.size()];
    else v += text_pieces[rng() % text_pieces.size()];
  }
  return v;
}

std::string mysql_literal(std::string_view value, sql::sql_mode mode, std::mt19937& rng) {
  const bool backslashes = !mode.no_backslash_escapes;
  const char quote = (!mode.ansi_quotes && rng() % 3 == 0) ? '"' : '\'';
  std::string out;
  if (quote == '\'' && sql::is_postgres_text(value)) {
    const unsigned pick = rng() % 6;
    if (pick == 0) out = "_utf8mb4";
    if (pick == 1) out = "N";
  }
  out += quote;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const char next = i + 1 < value.size() ? value[i + 1] : '\0';
    if (c == quote) {
      out += (backslashes && rng() % 2) ? std::string{'\\', c} : std::string{c, c};
    } else if (c == '\\') {
      // MySQL keeps the backslash of \% and \_ (for LIKE), so a lone one spells it there too.
      out += (backslashes && !((next == '%' || next == '_') && rng() % 2)) ? "\\\\" : "\\";
    } else if (backslashes && rng() % 2) {
      switch (c) {
        case '\0': out += "\\0"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\x1a': out += "\\Z"; break;
        case '"': out += "\\\""; break;
        case '\'': out += "\\'"; break;
        case 'x': out += "\\x"; break;  // an unknown escape is the character itself
        default: out += c;
      }
    } else {
      out += c;
    }
  }
  out += quote;
  return out;
}

}  // namespace switchyard::test
