// sql::apply_set_statement on arbitrary text, under the sql_mode the first byte chooses, from a
// session whose time zone is an offset and that knows one user variable. Invariants: text that
// is not a SET changes nothing; a setting changes only when its flag says it was assigned; an
// offset time zone is in MySQL's normal spelling; a sql_mode list has no empty or lower-case
// items; at most max_user_variables are kept; unknown_value comes with a note; the same text from
// the same start gives the same result.
#include <cstdlib>
#include <string_view>

#include "fuzz/targets.hpp"
#include "sql/session_settings.hpp"
#include "sql/utc_offset.hpp"

namespace switchyard::fuzz {

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

void session_settings_target(protocol::bytes_view data) {
  if (data.empty()) return;
  const sql::sql_mode mode{.ansi_quotes = (data[0] & 1) != 0,
                           .no_backslash_escapes = (data[0] & 2) != 0,
                           .pipes_as_concat = (data[0] & 4) != 0};
  const std::string_view text(reinterpret_cast<const char*>(data.data()) + 1, data.size() - 1);
  const sql::session_settings defaults{"SYSTEM", "STRICT_TRANS_TABLES", "utf8mb4", {}};
  const sql::session_settings start{"+01:00", "ANSI_QUOTES", "latin1", {{"saved", "+02:00"}}};

  sql::session_settings s = start;
  const sql::set_effects fx = sql::apply_set_statement(text, mode, defaults, s);
  check(!fx.unknown_value || !fx.note.empty());
  check(fx.time_zone || s.time_zone == start.time_zone);
  check(fx.sql_mode || s.sql_mode == start.sql_mode);
  check(fx.character_set || s.character_set == start.character_set);
  check(s.user_variables.size() <= sql::max_user_variables);
  if (const auto minutes = sql::utc_offset_minutes(s.time_zone)) check(sql::utc_offset_text(*minutes) == s.time_zone);
  check(s.sql_mode.find(",,") == std::string::npos && (s.sql_mode.empty() || (s.sql_mode.front() != ',' && s.sql_mode.back() != ',')));
  for (const char c : s.sql_mode) check(!(c >= 'a' && c <= 'z'));
  (void)sql::lexer_mode_of(s.sql_mode);
  (void)sql::pg_encoding_of(s.character_set);

  sql::session_settings again = start;
  const sql::set_effects fx2 = sql::apply_set_statement(text, mode, defaults, again);
  check(again == s && fx2.unknown_value == fx.unknown_value && fx2.note == fx.note);
}

}  // namespace switchyard::fuzz
