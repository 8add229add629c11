// sql::apply_set_statement against MariaDB itself: a session runs SET statements on MariaDB and
// through the tracker, and after each the tracked settings mean what MariaDB reports: the same
// @@time_zone, a sql_mode with the same lexer flags (MariaDB shows combination modes expanded),
// a client character set with the same PostgreSQL encoding. No tables, no GLOBAL assignments
// (the server is shared).
#include <gtest/gtest.h>

#include <string>

#include "integration/mariadb_client.hpp"
#include "sql/session_settings.hpp"

namespace switchyard::integration {
namespace {

std::string flags(const sql::sql_mode& m) {
  return std::string(m.ansi_quotes ? "ANSI_QUOTES " : "") + (m.no_backslash_escapes ? "NO_BACKSLASH_ESCAPES " : "") +
         (m.pipes_as_concat ? "PIPES_AS_CONCAT" : "");
}

TEST(session_settings_mariadb, tracked_settings_follow_the_server) {
  mariadb_client my;
  const auto read = [&](const char* variable) { return my.value(std::string("SELECT ") + variable).value_or("NULL"); };
  const sql::session_settings defaults{read("@@global.time_zone"), read("@@global.sql_mode"),
                                       read("@@global.character_set_client"), {}};
  sql::session_settings s{read("@@time_zone"), read("@@sql_mode"), read("@@character_set_client"), {}};
  for (const char* statement : {
           "SET time_zone = '+5:30'",
           "SET @@session.time_zone = '-08:00', sql_mode = 'ANSI'",
           "SET @saved_cs = @@character_set_client, NAMES latin1",
           "SET sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')",
           "SET character_set_client = @saved_cs",
           "SET time_zone = DEFAULT, SESSION sql_mode = DEFAULT",
           "SET @a = '+03:00'",
           "SET @a = '+01:00', time_zone = @a",
           "SET time_zone = '+04:00', @t = @@time_zone",
           "SET time_zone = @t",
           "/*!40101 SET NAMES utf8 */",
           "SET CHARACTER SET cp1251",
           "SET LOCAL time_zone = '-0:00'",
           "SET sql_mode = 'oracle'",
           "SET sql_mode = @@sql_mode || ',NO_BACKSLASH_ESCAPES'",
           "SET @@local.sql_mode = REPLACE(REPLACE('ANSI_QUOTES,STRICT_ALL_TABLES', 'STRICT_ALL_TABLES', ''), ',', '')",
           "SET time_zone = \"+02:00\"",  // under ANSI_QUOTES an identifier, taken as the zone's name
           "SET sql_mode = '', NAMES DEFAULT",
           "SET @`Old TZ` = @@time_zone, time_zone = '+13:00'",
           "SET time_zone := @`old tz`",
       }) {
    SCOPED_TRACE(statement);
    const sql::sql_mode lexer_mode = sql::lexer_mode_of(s.sql_mode);
    std::string error;
    ASSERT_TRUE(my.run(statement, error)) << error;
    const auto fx = sql::apply_set_statement(statement, lexer_mode, defaults, s);
    ASSERT_FALSE(fx.unknown_value) << fx.note;
    EXPECT_EQ(s.time_zone, read("@@time_zone"));
    EXPECT_EQ(flags(sql::lexer_mode_of(s.sql_mode)), flags(sql::lexer_mode_of(read("@@sql_mode"))));
    EXPECT_EQ(sql::pg_encoding_of(s.character_set), sql::pg_encoding_of(read("@@character_set_client")));
    ASSERT_TRUE(sql::pg_encoding_of(s.character_set).has_value()) << s.character_set;
  }
}

}  // namespace
}  // namespace switchyard::integration
