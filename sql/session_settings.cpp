#include "sql/session_settings.hpp"

#include "sql/ascii.hpp"
#include "sql/comma_list.hpp"
#include "sql/set_expression.hpp"
#include "sql/token_buffer.hpp"
#include "sql/utc_offset.hpp"

namespace switchyard::sql {
namespace {

enum class setting : std::uint8_t { untracked, time_zone, sql_mode, character_set };

setting setting_named(std::string_view lower_name) {
  if (lower_name == "time_zone") return setting::time_zone;
  if (lower_name == "sql_mode") return setting::sql_mode;
  if (lower_name == "character_set_client") return setting::character_set;
  return setting::untracked;
}

std::string_view setting_name(setting which) {
  switch (which) {
    case setting::time_zone: return "time_zone";
    case setting::sql_mode: return "sql_mode";
    case setting::character_set: return "character set";
    default: return "variable";
  }
}

// A sql_mode list as MySQL keeps it: upper case, empty items dropped ("ansi,," -> "ANSI").
// Spaces are kept: MySQL rejects " ANSI", so they never reach here after an OK.
std::string normalized_mode_list(std::string_view list) {
  std::string out;
  for_each_comma_item(list, [&](std::string_view item) {
    if (item.empty()) return;
    if (!out.empty()) out.push_back(',');
    out += ascii_uppered(item);
  });
  return out;
}

std::string normalized_time_zone(std::string_view zone) {
  if (ascii_iequals(zone, "SYSTEM")) return "SYSTEM";
  if (const auto minutes = utc_offset_minutes(zone)) return utc_offset_text(*minutes);  // "+5:30" -> "+05:30"
  return std::string(zone);
}

template <typename Settings>  // session_settings or const session_settings
auto& field_of(Settings& s, setting which) {
  return which == setting::time_zone ? s.time_zone : which == setting::sql_mode ? s.sql_mode : s.character_set;
}

void assign(session_settings& s, setting which, std::string_view value) {
  std::string& field = field_of(s, which);
  field = which == setting::time_zone ? normalized_time_zone(value)
          : which == setting::sql_mode ? normalized_mode_list(value)
                                       : ascii_lowered(value);
}

void mark(set_effects& fx, setting which) {
  if (which == setting::time_zone) fx.time_zone = true;
  if (which == setting::sql_mode) fx.sql_mode = true;
  if (which == setting::character_set) fx.character_set = true;
}

void unknown(set_effects& fx, std::string_view why) {
  fx.unknown_value = true;
  if (fx.note.empty()) fx.note = std::string(why);
}

// Reads one assignment's value at the cursor into `next` (or records that it cannot).
// Every value is computed from the settings as they were before the statement (`before`): MySQL
// evaluates all of a SET's right-hand sides first, so `SET @a = 'x', time_zone = @a` reads the old @a.
void read_value(set_cursor& c, setting which, const session_settings& defaults, const session_settings& before,
                session_settings& next, set_effects& fx) {
  mark(fx, which);
  if (c.at_word("DEFAULT")) {
    ++c.i;
    if (c.at_value_end() || (which == setting::character_set && c.at_word("COLLATE"))) {
      field_of(next, which) = field_of(defaults, which);
      return;
    }
    c.i--;
  }
  const auto value = evaluate_set_value(c, before);
  if (!value || !(c.at_value_end() || (which == setting::character_set && c.at_word("COLLATE")))) {
    unknown(fx, std::string("the ") + std::string(setting_name(which)) + " value is an expression not evaluated here");
    skip_set_value(c);
    return;
  }
  assign(next, which, *value);
}

// SET @x = value: the value when computed here (the latest max_user_variables kept), else forgotten.
void remember_user_variable(set_cursor& c, std::string name, const session_settings& before, session_settings& next) {
  auto value = evaluate_set_value(c, before);
  if (value && !c.at_value_end()) value.reset();
  if (!value) skip_set_value(c);
  auto& known = next.user_variables;
  std::erase_if(known, [&](const auto& entry) { return entry.first == name; });
  if (!value) return;
  if (known.size() == max_user_variables) known.erase(known.begin());
  known.emplace_back(std::move(name), std::move(*value));
}

// Text this code cannot follow: MySQL would not have accepted it either, so nothing is applied,
// but the settings can no longer be trusted.
set_effects& not_understood(set_effects& fx) {
  fx.unknown_value = true;
  fx.note = "SET statement not understood; nothing applied";
  return fx;
}

// Statements that begin like SET but assign no session variable.
bool assigns_nothing(const set_cursor& c) {
  return c.at_word("TRANSACTION") || c.at_word("STATEMENT") || c.at_word("PASSWORD") || c.at_word("ROLE") ||
         (c.at_word("DEFAULT") && word_is(c.peek(1), c.source, "ROLE"));
}

}  // namespace

set_effects apply_set_statement(std::string_view sql, sql_mode lexer_mode, const session_settings& defaults,
                                session_settings& s) {
  set_effects fx;
  token_buffer buffer;
  tokenize(sql, lexer_mode, buffer);
  set_cursor c{buffer.tokens, sql, lexer_mode};
  if (!c.at_word("SET")) {
    fx.note = "not a SET statement";
    return fx;
  }
  ++c.i;
  if (assigns_nothing(c)) {
    fx.note = "assigns no session variable";  // MariaDB's SET STATEMENT ... FOR lasts one statement
    return fx;
  }
  session_settings next = s;
  bool global = false;  // GLOBAL / PERSIST / SESSION / LOCAL hold for the assignments after them
  for (;;) {
    if (c.at_word("GLOBAL") || c.at_word("PERSIST") || c.at_word("PERSIST_ONLY")) {
      global = true;
      ++c.i;
    } else if (c.at_word("SESSION") || c.at_word("LOCAL")) {
      global = false;
      ++c.i;
    }
    const token t = c.peek();
    setting which = setting::untracked;
    std::optional<std::string> user_variable;
    bool session = !global;
    bool charset_clause = false;  // NAMES x / CHARACTER SET x: no `=`
    if (c.at_word("NAMES") || c.at_word("CHARSET")) {
      which = setting::character_set, charset_clause = true;
      ++c.i;
    } else if (c.at_word("CHARACTER") && word_is(c.peek(1), sql, "SET")) {
      which = setting::character_set, charset_clause = true;
      c.i += 2;
    } else if (t.kind == token_kind::system_variable) {
      const variable_name v = system_variable_name(t, sql);
      session = v.scope.empty() || v.scope == "session" || v.scope == "local";
      which = setting_named(v.name);
      ++c.i;
    } else if (t.kind == token_kind::word || t.kind == token_kind::quoted_identifier) {
      which = setting_named(ascii_lowered(token_body(t, sql)));
      ++c.i;
    } else if (t.kind == token_kind::user_variable) {
      user_variable = user_variable_name(t, sql);
      ++c.i;
    } else {
      return not_understood(fx);
    }
    if (!charset_clause) {
      if (!c.at_op("=") && !c.at_op(":=")) return not_understood(fx);
      ++c.i;
    }
    if (user_variable) {
      remember_user_variable(c, std::move(*user_variable), s, next);
    } else if (which == setting::untracked || !session) {
      skip_set_value(c);
    } else {
      read_value(c, which, defaults, s, next, fx);
      if (charset_clause && c.at_word("COLLATE")) {
        ++c.i;
        skip_set_value(c);  // the collation does not change how bytes are read
      }
    }
    if (c.at_op(",")) {
      ++c.i;
      continue;
    }
    if (!c.at_value_end()) return not_understood(fx);  // an error token
    break;
  }
  s = std::move(next);
  return fx;
}

sql_mode lexer_mode_of(std::string_view sql_mode_list) {
  sql_mode m;
  for_each_comma_item(sql_mode_list, [&](std::string_view item) {
    const std::string mode = ascii_uppered(item);
    if (mode == "ANSI_QUOTES") m.ansi_quotes = true;
    else if (mode == "NO_BACKSLASH_ESCAPES") m.no_backslash_escapes = true;
    else if (mode == "PIPES_AS_CONCAT") m.pipes_as_concat = true;
    else if (mode == "ANSI" || mode == "ORACLE" || mode == "MSSQL" || mode == "DB2" || mode == "POSTGRESQL" ||
             mode == "MAXDB")
      m.ansi_quotes = m.pipes_as_concat = true;
  });
  return m;
}

std::optional<std::string_view> pg_encoding_of(std::string_view mysql_charset) {
  // Only the character sets whose bytes PostgreSQL reads the same way.
  static constexpr std::pair<std::string_view, std::string_view> encodings[] = {
      {"utf8mb4", "UTF8"},      {"utf8", "UTF8"},        {"utf8mb3", "UTF8"},      {"ascii", "SQL_ASCII"},
      {"latin1", "WIN1252"},    {"latin2", "LATIN2"},    {"latin5", "LATIN5"},     {"latin7", "LATIN7"},
      {"cp1250", "WIN1250"},    {"cp1251", "WIN1251"},   {"cp1256", "WIN1256"},    {"cp1257", "WIN1257"},
      {"cp866", "WIN866"},      {"koi8r", "KOI8R"},      {"koi8u", "KOI8U"},       {"greek", "ISO_8859_7"},
      {"hebrew", "ISO_8859_8"}, {"euckr", "EUC_KR"},     {"ujis", "EUC_JP"},       {"sjis", "SJIS"},
      {"big5", "BIG5"},         {"gbk", "GBK"},          {"gb18030", "GB18030"},
  };
  for (const auto& [mysql, pg] : encodings)
    if (ascii_iequals(mysql_charset, mysql)) return pg;
  return std::nullopt;
}

}  // namespace switchyard::sql
