#include "sql/literal_params.hpp"

namespace switchyard::sql {

const std::string& with_literal_params(std::string_view text, sql_mode mode,
                                       const std::vector<std::optional<std::string>>& params, std::string& out) {
  out.clear();
  lexer lex(text, mode);
  std::size_t copied = 0;  // text before this offset is in `out`
  std::size_t next = 0;    // the next parameter
  for (token t = lex.next(); t.kind != token_kind::end && t.kind != token_kind::error; t = lex.next()) {
    if (t.kind != token_kind::placeholder || next >= params.size()) continue;
    out.append(text.substr(copied, t.offset - copied));
    copied = t.offset + t.length;
    const std::optional<std::string>& value = params[next++];
    if (!value) {
      out += "NULL";
      continue;
    }
    out += '\'';
    for (const char c : *value) {
      if (c == '\'') out += '\'';
      else if (c == '\\' && !mode.no_backslash_escapes) out += '\\';
      out += c;
    }
    out += '\'';
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace switchyard::sql
