// The SQL lexer, statement splitter and digest on arbitrary text, under the sql_mode the first
// byte chooses. Invariants: tokens are in order, inside the text and end with at most one error;
// statements are in order and inside the text; the digest is complete exactly when the lexer saw
// no error, and a digest's text is its own digest (under the same sql_mode: quoted @variables keep their escapes).
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/targets.hpp"
#include "sql/digest.hpp"
#include "sql/lexer.hpp"

namespace switchyard::fuzz {

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

void sql_target(protocol::bytes_view data) {
  if (data.empty()) return;
  const sql::sql_mode mode{.ansi_quotes = (data[0] & 1) != 0,
                           .no_backslash_escapes = (data[0] & 2) != 0,
                           .pipes_as_concat = (data[0] & 4) != 0};
  const std::string_view text(reinterpret_cast<const char*>(data.data()) + 1, data.size() - 1);

  sql::lexer lex(text, mode);
  std::size_t end_of_last = 0;
  bool saw_error = false;
  for (std::size_t count = 0;; ++count) {
    check(count <= text.size() + 1);  // every token but `end` consumes a byte
    const sql::token t = lex.next();
    check(t.offset >= end_of_last && std::size_t{t.offset} + t.length <= text.size());
    if (t.kind == sql::token_kind::end) break;
    check(t.length > 0 || t.kind == sql::token_kind::error);
    end_of_last = t.offset + t.length;
    if (t.kind == sql::token_kind::error) {
      saw_error = true;
      check(end_of_last == text.size());
      check(lex.next().kind == sql::token_kind::end);
      break;
    }
  }

  sql::statement_splitter split(text, mode);
  std::string_view stmt;
  const char* previous_end = text.data();
  while (split.next(stmt)) {
    check(!stmt.empty() && stmt.data() >= previous_end && stmt.data() + stmt.size() <= text.data() + text.size());
    previous_end = stmt.data() + stmt.size();
  }

  const sql::digest d = sql::digest_of(text, mode);
  check(d.complete == !saw_error);
  check(d.fingerprint == sql::fnv1a_64(d.text));
  if (d.complete) {
    const sql::digest again = sql::digest_of(d.text, mode);
    check(again.text == d.text);
  }
}

}  // namespace switchyard::fuzz
