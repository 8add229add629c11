#include "sql/session_settings.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace switchyard::sql {
namespace {

const session_settings server_defaults{"SYSTEM", "STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION", "utf8mb4", {}};

// Applies `sql` to a copy of `start` (the server defaults unless given).
struct applied {
  session_settings s;
  set_effects fx;
};
applied apply(std::string_view sql, session_settings start = server_defaults, sql_mode mode = {}) {
  applied a{std::move(start), {}};
  a.fx = apply_set_statement(sql, mode, server_defaults, a.s);
  return a;
}

TEST(session_settings, time_zone_in_every_spelling) {
  for (const char* sql : {"SET time_zone = '+05:30'", "set time_zone='+05:30'", "SET @@time_zone = '+05:30'",
                          "SET @@session.time_zone = '+05:30'", "SET @@SESSION.time_zone='+05:30'",
                          "SET @@local.time_zone = '+05:30'", "SET SESSION time_zone = '+05:30'",
                          "SET LOCAL time_zone = '+05:30'", "SET time_zone := '+05:30'", "SET TIME_ZONE = \"+05:30\"",
                          "SET @@`time_zone` = '+05:30'", "SET @@session.`time_zone` = '+05:30'",
                          "SET `time_zone` = '+05:30'", "SET time_zone = '+5:30'", "SET time_zone = '+005:30'",
                          "SET time_zone = _utf8mb4'+05:30'", "SET time_zone = '+05' ':30'",
                          "/*!40103 SET TIME_ZONE='+05:30' */", "SET time_zone = CONCAT('+05', ':30')",
                          "SET time_zone = ('+05:30')", "  SET\n time_zone\t=\t'+05:30' ;"}) {
    const auto a = apply(sql);
    EXPECT_EQ(a.s.time_zone, "+05:30") << sql;
    EXPECT_TRUE(a.fx.time_zone) << sql;
    EXPECT_FALSE(a.fx.unknown_value) << sql << ": " << a.fx.note;
    EXPECT_FALSE(a.fx.sql_mode || a.fx.character_set) << sql;
  }
}

TEST(session_settings, time_zone_values) {
  EXPECT_EQ(apply("SET time_zone = 'Europe/Paris'").s.time_zone, "Europe/Paris");
  EXPECT_EQ(apply("SET time_zone = UTC").s.time_zone, "UTC");
  EXPECT_EQ(apply("SET time_zone = 'system'").s.time_zone, "SYSTEM");
  EXPECT_EQ(apply("SET time_zone = SYSTEM", {"+01:00", "", "utf8mb4", {}}).s.time_zone, "SYSTEM");
  EXPECT_EQ(apply("SET time_zone = '-0:00'").s.time_zone, "+00:00");
  EXPECT_EQ(apply("SET time_zone = '-8:00'").s.time_zone, "-08:00");
  EXPECT_EQ(apply("SET time_zone = DEFAULT", {"+01:00", "", "utf8mb4", {}}).s.time_zone, "SYSTEM");
  // The current value feeds an expression.
  EXPECT_EQ(apply("SET time_zone = @@time_zone", {"+01:00", "", "utf8mb4", {}}).s.time_zone, "+01:00");
}

TEST(session_settings, global_assignments_leave_the_session_alone) {
  for (const char* sql : {"SET GLOBAL time_zone = '+01:00'", "SET @@global.time_zone = '+01:00'",
                          "SET PERSIST time_zone = '+01:00'", "SET PERSIST_ONLY sql_mode = ''",
                          "SET GLOBAL sort_buffer_size = 1000000, time_zone = '+01:00'"}) {
    const auto a = apply(sql);
    EXPECT_EQ(a.s, server_defaults) << sql;
    EXPECT_FALSE(a.fx.time_zone || a.fx.sql_mode || a.fx.unknown_value) << sql;
  }
  // SESSION after GLOBAL switches back; @@session is session whatever came before.
  EXPECT_EQ(apply("SET GLOBAL sort_buffer_size = 1, SESSION time_zone = '+01:00'").s.time_zone, "+01:00");
  EXPECT_EQ(apply("SET GLOBAL sort_buffer_size = 1, @@session.time_zone = '+02:00'").s.time_zone, "+02:00");
  EXPECT_EQ(apply("SET @@global.time_zone = '+01:00', time_zone = '+03:00'").s.time_zone, "+03:00");
}

TEST(session_settings, several_assignments) {
  const auto a = apply("SET @x = 1, time_zone = '+01:00', sql_mode = 'ANSI_QUOTES', autocommit = 0, NAMES latin1");
  EXPECT_EQ(a.s, (session_settings{"+01:00", "ANSI_QUOTES", "latin1", {}}));
  EXPECT_TRUE(a.fx.time_zone && a.fx.sql_mode && a.fx.character_set);
  EXPECT_FALSE(a.fx.unknown_value) << a.fx.note;
  // Values of other variables holding commas, parentheses and subqueries are skipped whole.
  const auto b = apply("SET @a = CONCAT('x', ',', (SELECT 1, 2)), time_zone = '+04:00', @b = 'time_zone'");
  EXPECT_EQ(b.s.time_zone, "+04:00");
  EXPECT_FALSE(b.fx.unknown_value) << b.fx.note;
  // Untracked variables alone change nothing.
  const auto c = apply("SET autocommit = 1, @@session.wait_timeout = 10, @n = 5");
  EXPECT_EQ(c.s, server_defaults);
  EXPECT_FALSE(c.fx.time_zone || c.fx.sql_mode || c.fx.character_set || c.fx.unknown_value);
}

TEST(session_settings, sql_mode) {
  EXPECT_EQ(apply("SET sql_mode = 'ansi_quotes,no_backslash_escapes'").s.sql_mode, "ANSI_QUOTES,NO_BACKSLASH_ESCAPES");
  EXPECT_EQ(apply("SET sql_mode = ''").s.sql_mode, "");
  EXPECT_EQ(apply("SET sql_mode = ANSI").s.sql_mode, "ANSI");
  EXPECT_EQ(apply("SET sql_mode = ',ansi_quotes,,'").s.sql_mode, "ANSI_QUOTES");
  EXPECT_EQ(apply("SET SESSION sql_mode = DEFAULT", {"SYSTEM", "ANSI", "utf8mb4", {}}).s.sql_mode, server_defaults.sql_mode);
  EXPECT_EQ(apply("SET sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')").s.sql_mode,
            "STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION,ANSI_QUOTES");
  EXPECT_EQ(apply("SET @@SESSION.sql_mode = CONCAT(CONCAT(@@sql_mode, ',STRICT_ALL_TABLES'), ',NO_AUTO_VALUE_ON_ZERO')")
                .s.sql_mode,
            "STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION,STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO");
  EXPECT_EQ(apply("SET sql_mode = REPLACE(@@sql_mode, 'STRICT_TRANS_TABLES', '')").s.sql_mode, "NO_ENGINE_SUBSTITUTION");
  EXPECT_EQ(apply("SET sql_mode = REPLACE(REPLACE(@@session.sql_mode, 'STRICT_TRANS_TABLES,', ''), 'NO_', 'NO_')").s.sql_mode,
            "NO_ENGINE_SUBSTITUTION");
  // `||` concatenates only under PIPES_AS_CONCAT (the lexer mode in force for the statement).
  sql_mode pipes;
  pipes.pipes_as_concat = true;
  EXPECT_EQ(apply("SET sql_mode = @@sql_mode || ',ANSI'", server_defaults, pipes).s.sql_mode,
            "STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION,ANSI");
  EXPECT_TRUE(apply("SET sql_mode = @@sql_mode || ',ANSI'").fx.unknown_value);
}

TEST(session_settings, values_not_computed_here_are_unknown) {
  for (const char* sql : {"SET sql_mode = @saved_mode", "SET time_zone = @@global.time_zone", "SET sql_mode = 3",
                          "SET sql_mode = (SELECT @@global.sql_mode)", "SET time_zone = IF(1, '+01:00', '+02:00')",
                          "SET sql_mode = UPPER('ansi')", "SET NAMES @cs", "SET character_set_client = @@character_set_server",
                          "SET sql_mode = 'ANSI' + 1", "SET time_zone = ?", "SET sql_mode = CONCAT(@@sql_mode, @x)",
                          // @@sql_mode shows combination modes expanded, differently by server: not predictable.
                          "SET sql_mode = REPLACE('ANSI,STRICT_TRANS_TABLES', 'STRICT_TRANS_TABLES', '')",
                          "/*!40101 SET CHARACTER_SET_CLIENT = @OLD_CHARACTER_SET_CLIENT */"}) {
    const auto a = apply(sql);
    EXPECT_TRUE(a.fx.unknown_value) << sql;
    EXPECT_FALSE(a.fx.note.empty()) << sql;
    EXPECT_TRUE(a.fx.time_zone || a.fx.sql_mode || a.fx.character_set) << sql;
    EXPECT_EQ(a.s, server_defaults) << sql;  // the old value stays (and is now known to be wrong)
  }
  // A known assignment beside an unknown one still applies.
  const auto a = apply("SET time_zone = '+01:00', sql_mode = @m");
  EXPECT_EQ(a.s.time_zone, "+01:00");
  EXPECT_TRUE(a.fx.unknown_value);
  const auto b = apply("SET time_zone = IF(1, CONCAT('+01', ':00'), (SELECT 'a', 'b')), sql_mode = 'ANSI', NAMES latin1");
  EXPECT_EQ(b.s, (session_settings{"SYSTEM", "ANSI", "latin1", {}}));
  EXPECT_TRUE(b.fx.unknown_value);
}

// Applies each statement in turn, as a session would; the effects of the last.
set_effects apply_all(std::initializer_list<const char*> statements, session_settings& s) {
  set_effects fx;
  for (const char* sql : statements) fx = apply_set_statement(sql, {}, server_defaults, s);
  return fx;
}

TEST(session_settings, user_variables_carry_saved_settings) {
  // mysqldump's pattern around every CREATE TABLE, and around the whole dump.
  session_settings s{"-03:00", "ANSI_QUOTES", "latin1", {}};
  auto fx = apply_all({"/*!40101 SET @saved_cs_client     = @@character_set_client */",
                       "/*!50503 SET character_set_client = utf8mb4 */"},
                      s);
  EXPECT_EQ(s.character_set, "utf8mb4");
  fx = apply_all({"/*!40101 SET character_set_client = @saved_cs_client */"}, s);
  EXPECT_EQ(s.character_set, "latin1");
  EXPECT_FALSE(fx.unknown_value) << fx.note;
  fx = apply_all({"/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */", "/*!40103 SET TIME_ZONE='+00:00' */",
                  "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */"},
                 s);
  EXPECT_EQ(s.time_zone, "+00:00");
  EXPECT_EQ(s.sql_mode, "NO_AUTO_VALUE_ON_ZERO");
  fx = apply_all({"/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */", "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */"}, s);
  EXPECT_EQ(s.time_zone, "-03:00");
  EXPECT_EQ(s.sql_mode, "ANSI_QUOTES");  // read before the same statement set SQL_MODE
  EXPECT_FALSE(fx.unknown_value) << fx.note;
  // Names are case-insensitive and may be quoted.
  fx = apply_all({"SET @`Saved` = '+02:00'", "SET time_zone = @saved"}, s);
  EXPECT_EQ(s.time_zone, "+02:00");
  fx = apply_all({"SET @'q' = '+03:00'", "SET time_zone = @`Q`"}, s);
  EXPECT_EQ(s.time_zone, "+03:00");
  fx = apply_all({"SET @\"q2\" = '+04:00'", "SET time_zone = @Q2"}, s);
  EXPECT_EQ(s.time_zone, "+04:00");
  EXPECT_FALSE(fx.unknown_value) << fx.note;
}

TEST(session_settings, a_set_reads_every_value_before_assigning) {
  // As MySQL: `SET @a = 'x', time_zone = @a` uses the @a from before the statement.
  session_settings s = server_defaults;
  auto fx = apply_all({"SET @a = '+02:00'", "SET @a = '+01:00', time_zone = @a"}, s);
  EXPECT_EQ(s.time_zone, "+02:00");
  fx = apply_all({"SET time_zone = '+04:00', @t = @@time_zone", "SET time_zone = @t"}, s);
  EXPECT_EQ(s.time_zone, "+02:00");
  fx = apply_all({"SET time_zone = @a, @a = '+05:00'", "SET time_zone = @a"}, s);
  EXPECT_EQ(s.time_zone, "+05:00");
}

TEST(session_settings, user_variables_not_computed_are_forgotten) {
  session_settings s = server_defaults;
  auto fx = apply_all({"SET @z = '+01:00'", "SET @z = 5", "SET time_zone = @z"}, s);
  EXPECT_TRUE(fx.unknown_value);
  fx = apply_all({"SET @z = '+01:00'", "SET @z = NOW()", "SET time_zone = @z"}, s);
  EXPECT_TRUE(fx.unknown_value);
  // A GLOBAL keyword does not make a user variable global.
  fx = apply_all({"SET GLOBAL sort_buffer_size = 1, @z = '+06:00'", "SET time_zone = @z"}, s);
  EXPECT_EQ(s.time_zone, "+06:00");
  // Bounded: the latest max_user_variables are kept.
  s = server_defaults;
  for (int i = 0; i < 40; ++i) {
    const std::string sql = "SET @v" + std::to_string(i) + " = '+01:00'";
    (void)apply_set_statement(sql, {}, server_defaults, s);
  }
  EXPECT_EQ(s.user_variables.size(), max_user_variables);
  EXPECT_EQ(s.user_variables.back().first, "v39");
  EXPECT_FALSE(apply_all({"SET time_zone = @v39"}, s).unknown_value);
  EXPECT_TRUE(apply_all({"SET time_zone = @v0"}, s).unknown_value);
}

TEST(session_settings, character_set) {
  for (const char* sql : {"SET NAMES latin1", "SET NAMES 'latin1'", "SET NAMES \"LATIN1\"", "set names latin1 collate latin1_bin",
                          "SET NAMES 'latin1' COLLATE 'latin1_swedish_ci'", "SET CHARACTER SET latin1", "SET CHARSET latin1",
                          "SET character_set_client = latin1", "SET @@session.character_set_client = 'latin1'",
                          "/*!40101 SET NAMES latin1 */", "SET NAMES latin1, time_zone = '+00:00'"}) {
    const auto a = apply(sql);
    EXPECT_EQ(a.s.character_set, "latin1") << sql;
    EXPECT_TRUE(a.fx.character_set) << sql;
    EXPECT_FALSE(a.fx.unknown_value) << sql << ": " << a.fx.note;
  }
  const session_settings latin{"SYSTEM", "", "latin1", {}};
  EXPECT_EQ(apply("SET NAMES DEFAULT", latin).s.character_set, "utf8mb4");
  EXPECT_EQ(apply("SET CHARACTER SET DEFAULT", latin).s.character_set, "utf8mb4");
  EXPECT_EQ(apply("SET character_set_client = DEFAULT", latin).s.character_set, "utf8mb4");
  EXPECT_EQ(apply("SET NAMES utf8").s.character_set, "utf8");
  // Other character_set_* variables do not change how the client's bytes are read.
  EXPECT_FALSE(apply("SET character_set_results = latin1").fx.character_set);
  EXPECT_EQ(apply("SET character_set_connection = latin1").s, server_defaults);
}

TEST(session_settings, ansi_quotes_changes_what_a_double_quote_is) {
  sql_mode ansi;
  ansi.ansi_quotes = true;
  // Under ANSI_QUOTES "x" is an identifier; MySQL still takes it as the value's name.
  EXPECT_EQ(apply("SET time_zone = \"+02:00\"", server_defaults, ansi).s.time_zone, "+02:00");
  sql_mode raw;
  raw.no_backslash_escapes = true;
  EXPECT_EQ(apply("SET time_zone = 'a\\b'", server_defaults, raw).s.time_zone, "a\\b");
  EXPECT_EQ(apply("SET time_zone = 'a\\b'").s.time_zone, "a\b");
}

TEST(session_settings, statements_that_set_nothing) {
  for (const char* sql : {"SELECT 1", "", "   ", "SET TRANSACTION ISOLATION LEVEL READ COMMITTED",
                          "SET STATEMENT time_zone = '+01:00' FOR INSERT INTO t VALUES (NOW())",
                          "SET PASSWORD = 'x'", "SET ROLE r", "SET DEFAULT ROLE r TO u", "INSERT INTO t SET time_zone = 1"}) {
    const auto a = apply(sql);
    EXPECT_EQ(a.s, server_defaults) << sql;
    EXPECT_FALSE(a.fx.time_zone || a.fx.sql_mode || a.fx.character_set || a.fx.unknown_value) << sql;
    EXPECT_FALSE(a.fx.note.empty()) << sql;
  }
}

TEST(session_settings, malformed_text_is_unknown_and_never_crashes) {
  for (const char* sql : {"SET time_zone = '+01:00", "SET time_zone", "SET time_zone =", "SET = 1", "SET",
                          "SET time_zone = CONCAT('+01:00'", "SET time_zone = CONCAT(", "SET sql_mode = ((((",
                          "SET time_zone = '+01:00' garbage", "SET 1 = 2", "SET time_zone = /* open",
                          "SET time_zone = `open", "SET ,,,", "SET time_zone = '+01:00',"}) {
    const auto a = apply(sql);
    EXPECT_TRUE(a.fx.unknown_value) << sql;
    EXPECT_NE(a.s.time_zone, "+01:00") << sql;
  }
  // Deep nesting is bounded.
  std::string deep = "SET sql_mode = ";
  for (int i = 0; i < 10000; ++i) deep += "CONCAT(";
  EXPECT_TRUE(apply(deep).fx.unknown_value);
  // Random bytes after SET: no crash, and the settings stay well-formed strings.
  std::mt19937 rng(7);
  const std::string alphabet = "SETNAMsetimzon_@.,=:'\"`()|;/*!- 0+5\\";
  for (int round = 0; round < 20000; ++round) {
    std::string sql = "SET ";
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) sql.push_back(alphabet[rng() % alphabet.size()]);
    for (const bool ansi : {false, true}) {
      sql_mode m;
      m.ansi_quotes = m.pipes_as_concat = ansi;
      session_settings s = server_defaults;
      (void)apply_set_statement(sql, m, server_defaults, s);
    }
  }
}

TEST(session_settings, lexer_mode_of) {
  const auto bits = [](std::string_view list) {
    const sql_mode m = lexer_mode_of(list);
    return std::string(m.ansi_quotes ? "Q" : "") + (m.no_backslash_escapes ? "B" : "") + (m.pipes_as_concat ? "P" : "");
  };
  EXPECT_EQ(bits(""), "");
  EXPECT_EQ(bits("STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION"), "");
  EXPECT_EQ(bits("ANSI_QUOTES"), "Q");
  EXPECT_EQ(bits("ansi_quotes"), "Q");
  EXPECT_EQ(bits("NO_BACKSLASH_ESCAPES"), "B");
  EXPECT_EQ(bits("STRICT_ALL_TABLES,PIPES_AS_CONCAT"), "P");
  EXPECT_EQ(bits("ANSI"), "QP");
  EXPECT_EQ(bits("TRADITIONAL"), "");
  for (const char* combination : {"ORACLE", "MSSQL", "DB2", "POSTGRESQL", "MAXDB"}) EXPECT_EQ(bits(combination), "QP");
  EXPECT_EQ(bits("NO_BACKSLASH_ESCAPES,ANSI"), "QBP");
  EXPECT_EQ(bits("ANSI_QUOTES_X,XANSI"), "");  // whole items only
  EXPECT_EQ(bits(",,"), "");
}

TEST(session_settings, pg_encoding_of) {
  EXPECT_EQ(pg_encoding_of("utf8mb4"), "UTF8");
  EXPECT_EQ(pg_encoding_of("UTF8MB4"), "UTF8");
  EXPECT_EQ(pg_encoding_of("utf8"), "UTF8");
  EXPECT_EQ(pg_encoding_of("utf8mb3"), "UTF8");
  EXPECT_EQ(pg_encoding_of("latin1"), "WIN1252");  // MySQL's latin1 is cp1252
  EXPECT_EQ(pg_encoding_of("ascii"), "SQL_ASCII");
  EXPECT_EQ(pg_encoding_of("cp1251"), "WIN1251");
  EXPECT_EQ(pg_encoding_of("binary"), std::nullopt);
  EXPECT_EQ(pg_encoding_of("utf16"), std::nullopt);
  EXPECT_EQ(pg_encoding_of("ucs2"), std::nullopt);
  EXPECT_EQ(pg_encoding_of(""), std::nullopt);
}

}  // namespace
}  // namespace switchyard::sql
