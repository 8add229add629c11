// The session state that changes how the phase-1 mirror must reproduce a MySQL session's later
// statements on PostgreSQL (issue 4 item 3): the session time zone, sql_mode and the client
// character set, tracked through the SET statements MySQL accepted (pure tier).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sql/lexer.hpp"

namespace switchyard::sql {

inline constexpr std::size_t max_user_variables = 16;

struct session_settings {
  std::string time_zone = "SYSTEM";       // as MySQL spells it: "SYSTEM", "+05:30", "Europe/Paris", "UTC"
  std::string sql_mode;                   // the comma list, upper case, without empty items
  std::string character_set = "utf8mb4";  // the client character set, lower case
  // User variables last set by a SET to a string this code computed (name lower case, value), so
  // that restoring a saved setting works: mysqldump writes `SET @saved_cs_client =
  // @@character_set_client` ... `SET character_set_client = @saved_cs_client` around every table.
  // At most max_user_variables, the latest kept. Statements other than SET that assign user
  // variables (SELECT @x := .., SELECT .. INTO @x) must clear it: the copies are then stale.
  std::vector<std::pair<std::string, std::string>> user_variables;

  friend bool operator==(const session_settings&, const session_settings&) = default;
};

// What one SET statement did to the settings.
struct set_effects {
  bool time_zone = false, sql_mode = false, character_set = false;  // assigned (even to the same value)
  // Some assignment to a tracked setting has a value this code cannot compute (a user variable,
  // @@global.x, a subquery, a function other than CONCAT/REPLACE, a number for sql_mode) or text it
  // does not understand: the setting keeps its old value, which is now wrong, and the mirror must
  // treat the session's later writes as divergent.
  bool unknown_value = false;
  std::string note;  // why unknown_value is set, or why the statement changed nothing
};

// Applies the session assignments of one SET statement (statement kinds set_session_variable and
// set_names of sql/classifier.hpp; call it only once MySQL answered OK, since MySQL applies all of
// a SET or nothing). Understands every spelling: `time_zone`, `@@time_zone`, `@@session.` /
// `@@local.` / SESSION / LOCAL, sticky GLOBAL / PERSIST (which leave the session alone), `=` or
// `:=`, quoted or bare values, DEFAULT (the value in `defaults`), SET NAMES x [COLLATE y],
// SET CHARACTER SET / CHARSET x, character_set_client, several comma-separated assignments, and
// values built by CONCAT, REPLACE, `||` (under PIPES_AS_CONCAT) from strings and the session's
// @@sql_mode / @@time_zone / @@character_set_client and the user variables it knows. Other statements (SET TRANSACTION, MariaDB's
// SET STATEMENT ... FOR, SET PASSWORD / ROLE) change nothing. Only the first statement is read
// (split multi-statement text first). Never fails: text it cannot follow sets unknown_value and
// changes nothing.
[[nodiscard]] set_effects apply_set_statement(std::string_view sql, sql_mode lexer_mode,
                                              const session_settings& defaults, session_settings& s);

// The lexer flags a sql_mode list implies: ANSI_QUOTES, NO_BACKSLASH_ESCAPES, PIPES_AS_CONCAT,
// and the combination modes that include them (ANSI, ORACLE, MSSQL, DB2, POSTGRESQL, MAXDB, as
// MariaDB expands them: each sets ANSI_QUOTES and PIPES_AS_CONCAT). Case-insensitive.
[[nodiscard]] sql_mode lexer_mode_of(std::string_view sql_mode_list);

// PostgreSQL's client_encoding for a MySQL character set that has one with the same bytes
// (utf8mb4/utf8/utf8mb3 -> UTF8, latin1 -> WIN1252 since MySQL's latin1 is cp1252, ...);
// nullopt for the others (binary, utf16, ucs2, ...). Case-insensitive.
[[nodiscard]] std::optional<std::string_view> pg_encoding_of(std::string_view mysql_charset);

}  // namespace switchyard::sql
