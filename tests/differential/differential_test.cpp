// The differential test (issue 3 item 8): the corpus schema is created in MariaDB database
// `diff_test` as written and in PostgreSQL schema `diff_test` through the translator; the same
// rows (tests/corpus/seed.sql) go into both, translated for PostgreSQL; then every corpus case
// marked `-- differential` runs on MariaDB as written and on PostgreSQL translated, and the result
// sets must be equal value for value after normalization (differential/normalize.hpp): as ordered
// lists when the statement has a top-level ORDER BY, else as multisets.
//
// Needs the servers of tools/dbenv.sh (MariaDB on 127.0.0.1:13306, PostgreSQL on 127.0.0.1:15432,
// user app/app; MYSQL_HOST/MYSQL_PORT/PGHOST/PGPORT override). Sessions run with time_zone
// '+00:00' (MariaDB) and TimeZone 'UTC' (PostgreSQL). Every case fails (never skips) when setup
// failed, naming the statement that broke it.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <mysql.h>

#include <algorithm>
#include <random>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "differential/normalize.hpp"
#include "sql/ddl_catalog.hpp"
#include "sql/lexer.hpp"
#include "sql/literals.hpp"
#include "sql/translate.hpp"
#include "support/translate_corpus.hpp"
#include "support/corpus.hpp"
#include "support/corpus_catalog.hpp"
#include "support/mysql_literal.hpp"

namespace switchyard::test {
namespace {

constexpr const char* database = "diff_test";

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

struct result_set {
  bool ok = false;
  std::string error;
  std::vector<std::string> names;
  std::vector<mysql_column> mysql_columns;  // MariaDB side
  std::vector<pg_kind> pg_columns;          // PostgreSQL side
  std::vector<row> rows;
};

class mariadb {
 public:
  mariadb() : conn_(mysql_init(nullptr)) {}
  ~mariadb() { mysql_close(conn_); }
  mariadb(const mariadb&) = delete;
  mariadb& operator=(const mariadb&) = delete;

  std::string connect() {
    mysql_options(conn_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    const std::string host = env_or("MYSQL_HOST", "127.0.0.1");
    const unsigned port = static_cast<unsigned>(std::stoi(env_or("MYSQL_PORT", "13306")));
    if (mysql_real_connect(conn_, host.c_str(), env_or("MYSQL_USER", "app").c_str(),
                           env_or("MYSQL_PASSWORD", "app").c_str(), nullptr, port, nullptr, 0) == nullptr) {
      return std::string("MariaDB connect: ") + mysql_error(conn_);
    }
    return {};
  }
  // Runs a statement, discarding any result; the error text when it fails.
  std::string exec(std::string_view sql) {
    const auto r = query(sql);
    return r.ok ? std::string() : r.error;
  }
  result_set query(std::string_view sql) {
    result_set out;
    if (mysql_real_query(conn_, sql.data(), sql.size()) != 0) {
      out.error = std::string("MariaDB: ") + mysql_error(conn_);
      return out;
    }
    MYSQL_RES* res = mysql_store_result(conn_);
    if (res == nullptr) {
      out.ok = mysql_field_count(conn_) == 0;
      if (!out.ok) out.error = std::string("MariaDB result: ") + mysql_error(conn_);
      return out;
    }
    const unsigned n = mysql_num_fields(res);
    const MYSQL_FIELD* fields = mysql_fetch_fields(res);
    for (unsigned i = 0; i < n; ++i) {
      out.names.emplace_back(fields[i].name);
      out.mysql_columns.push_back(mysql_column_of(fields[i].type, fields[i].charsetnr, fields[i].decimals));
    }
    while (MYSQL_ROW r = mysql_fetch_row(res)) {
      const unsigned long* lengths = mysql_fetch_lengths(res);
      row values;
      for (unsigned i = 0; i < n; ++i) {
        values.push_back(r[i] == nullptr ? cell{} : cell{std::string(r[i], lengths[i])});
      }
      out.rows.push_back(std::move(values));
    }
    mysql_free_result(res);
    out.ok = true;
    return out;
  }

 private:
  MYSQL* conn_;
};

class postgres {
 public:
  ~postgres() {
    if (conn_ != nullptr) PQfinish(conn_);
  }
  std::string connect() {
    const std::string info = "host=" + env_or("PGHOST", "127.0.0.1") + " port=" + env_or("PGPORT", "15432") +
                             " user=" + env_or("PGUSER", "app") + " password=" + env_or("PGPASSWORD", "app") +
                             " dbname=" + env_or("PGDATABASE", "app") + " client_encoding=UTF8";
    conn_ = PQconnectdb(info.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) return std::string("PostgreSQL connect: ") + PQerrorMessage(conn_);
    return {};
  }
  std::string exec(const std::string& sql) {
    const auto r = query(sql);
    return r.ok ? std::string() : r.error;
  }
  result_set query(const std::string& sql) {
    result_set out;
    PGresult* res = PQexec(conn_, sql.c_str());
    const auto status = PQresultStatus(res);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      out.error = std::string("PostgreSQL: ") + PQresultErrorMessage(res);
      PQclear(res);
      return out;
    }
    const int n = PQnfields(res);
    for (int i = 0; i < n; ++i) {
      out.names.emplace_back(PQfname(res, i));
      out.pg_columns.push_back(pg_kind_of(PQftype(res, i)));
    }
    for (int r = 0; r < PQntuples(res); ++r) {
      row values;
      for (int i = 0; i < n; ++i) {
        values.push_back(PQgetisnull(res, r, i) ? cell{}
                                                : cell{std::string(PQgetvalue(res, r, i),
                                                                   static_cast<std::size_t>(PQgetlength(res, r, i)))});
      }
      out.rows.push_back(std::move(values));
    }
    PQclear(res);
    out.ok = true;
    return out;
  }

 private:
  PGconn* conn_ = nullptr;
};

std::vector<std::string> split_statements(const std::string& text) {
  std::vector<std::string> out;
  sql::statement_splitter split(text, {});
  std::string_view stmt;
  while (split.next(stmt)) out.emplace_back(stmt);
  return out;
}

sql::translate_options corpus_options(sql::sql_mode mode = {}) {
  return {.mode = mode, .current_database = "app", .tables = &corpus_catalog()};
}

struct environment {
  std::string error;  // empty when both databases hold the schema and the rows
  mariadb my;
  postgres pg;
  // Seed statements that failed on PostgreSQL: cases still run (so one bad INSERT does not hide
  // every other answer), but the setup test fails and each case's trace says the data differ.
  std::vector<std::string> seed_errors;
  std::string mysql_sql_mode;
  int schema_statements = 0, seed_statements = 0;
};

void set_up(environment& env) {
  auto fail = [&](std::string what) {
    if (env.error.empty()) env.error = std::move(what);
  };
  if (auto e = env.my.connect(); !e.empty()) return fail(e);
  if (auto e = env.pg.connect(); !e.empty()) return fail(e);
  for (const char* s : {"SET time_zone = '+00:00'", "DROP DATABASE IF EXISTS diff_test", "CREATE DATABASE diff_test",
                        "USE diff_test"}) {
    if (auto e = env.my.exec(s); !e.empty()) return fail(std::string(s) + ": " + e);
  }
  const auto mode = env.my.query("SELECT @@SESSION.sql_mode");
  if (!mode.ok || mode.rows.empty() || !mode.rows[0][0]) return fail("cannot read sql_mode: " + mode.error);
  env.mysql_sql_mode = *mode.rows[0][0];
  for (const char* s : {"SET client_min_messages = warning", "SET TimeZone = 'UTC'",
                        "DROP SCHEMA IF EXISTS diff_test CASCADE", "CREATE SCHEMA diff_test",
                        "SET search_path TO diff_test"}) {
    if (auto e = env.pg.exec(s); !e.empty()) return fail(std::string(s) + ": " + e);
  }

  const std::string schema = corpus_schema_sql();
  const std::string seed = read_corpus("seed.sql");
  if (schema.empty() || seed.empty()) return fail("cannot read tests/corpus/schema.sql or seed.sql");
  // MariaDB first, as written: its side does not depend on the translator.
  const auto schema_statements = split_statements(schema);
  const auto seed_statements = split_statements(seed);
  for (const auto& stmt : schema_statements) {
    if (auto e = env.my.exec(stmt); !e.empty()) return fail("schema on MariaDB: " + stmt + "\n" + e);
  }
  for (const auto& stmt : seed_statements) {
    if (auto e = env.my.exec(stmt); !e.empty()) return fail("seed on MariaDB: " + stmt.substr(0, 200) + "\n" + e);
  }
  // DDL translates against the catalog as it stands before the statement.
  sql::memory_catalog growing;
  for (const auto& stmt : schema_statements) {
    const auto t = sql::translate(stmt, {.mode = {}, .current_database = "app", .tables = &growing});
    if (!t.ok) {
      return fail("the translator refuses schema DDL: " + t.reason.construct + " at " +
                  std::to_string(t.reason.position) + "\n" + stmt);
    }
    if (auto e = env.pg.exec(t.output.text); !e.empty()) {
      return fail("translated schema on PostgreSQL:\n" + t.output.text + "\n" + e);
    }
    if (const auto applied = sql::apply_ddl(stmt, "app", growing); !applied.ok) {
      return fail("apply_ddl: " + applied.error + "\n" + stmt);
    }
    ++env.schema_statements;
  }
  for (const auto& stmt : seed_statements) {
    const auto t = sql::translate(stmt, corpus_options());
    if (!t.ok) {
      env.seed_errors.push_back("the translator refuses a seed INSERT: " + t.reason.construct + " at " +
                                std::to_string(t.reason.position) + "\n" + stmt.substr(0, 300));
    } else if (auto e = env.pg.exec(t.output.text); !e.empty()) {
      env.seed_errors.push_back("translated seed on PostgreSQL:\n" + t.output.text.substr(0, 600) + "\n" + e);
    } else {
      ++env.seed_statements;
    }
  }
  // Explicit ids do not advance PostgreSQL identity sequences (they do advance MySQL's
  // AUTO_INCREMENT): move them past the seed, as the backfill must (TRANSLATOR_BUGS.md 30).
  for (const auto* table : corpus_catalog().tables()) {
    for (const auto& col : table->columns) {
      if (!col.auto_increment) continue;
      const std::string sql = "SELECT setval(pg_get_serial_sequence('" + table->name + "', '" + col.name +
                              "'), (SELECT max(" + col.name + ") FROM " + table->name + "))";
      if (auto e = env.pg.exec(sql); !e.empty()) env.seed_errors.push_back(sql + ": " + e);
    }
  }
}

environment& env() {
  static environment* e = [] {
    auto* created = new environment;
    set_up(*created);
    return created;
  }();
  return *e;
}

// Whether the statement has an ORDER BY outside parentheses (then row order is part of the answer).
bool ordered(std::string_view sql_text, sql::sql_mode mode) {
  sql::lexer lex(sql_text, mode);
  int depth = 0;
  bool after_order = false;
  for (sql::token t = lex.next(); t.kind != sql::token_kind::end && t.kind != sql::token_kind::error; t = lex.next()) {
    if (sql::op_is(t, sql_text, "(")) ++depth;
    if (sql::op_is(t, sql_text, ")")) --depth;
    if (depth == 0 && after_order && sql::word_is(t, sql_text, "BY")) return true;
    after_order = depth == 0 && sql::word_is(t, sql_text, "ORDER");
  }
  return false;
}

using canonical_row = std::vector<canonical_cell>;

std::string show(const canonical_row& r) {
  std::string s = "(";
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (i > 0) s += ", ";
    s += r[i].is_null ? "NULL" : r[i].text;
  }
  return s + ")";
}

std::string sort_key(const canonical_row& r) {
  std::string k;
  for (const auto& c : r) k += (c.is_null ? std::string("\x01") : c.text) + '\x02';
  return k;
}

class DifferentialCase : public ::testing::TestWithParam<corpus_case> {};

// Compares two results after normalization; empty when equal, else the first difference.
std::string compare(const result_set& mine, const result_set& theirs, bool by_order) {
  if (mine.names.size() != theirs.names.size()) {
    return "column counts differ: " + std::to_string(mine.names.size()) + " vs " + std::to_string(theirs.names.size());
  }
  std::vector<canonical_row> left, right;
  for (const auto& r : mine.rows) {
    canonical_row out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(canonical_mysql(r[i], mine.mysql_columns[i], theirs.pg_columns[i]));
    left.push_back(std::move(out));
  }
  for (const auto& r : theirs.rows) {
    canonical_row out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(canonical_pg(r[i], mine.mysql_columns[i], theirs.pg_columns[i]));
    right.push_back(std::move(out));
  }
  if (!by_order) {
    auto by_key = [](const canonical_row& a, const canonical_row& b) { return sort_key(a) < sort_key(b); };
    std::sort(left.begin(), left.end(), by_key);
    std::sort(right.begin(), right.end(), by_key);
  }
  const std::string counts = "row counts " + std::to_string(left.size()) + " (MariaDB) and " +
                             std::to_string(right.size()) + " (PostgreSQL)";
  for (std::size_t r = 0; r < std::min(left.size(), right.size()); ++r) {
    for (std::size_t i = 0; i < left[r].size(); ++i) {
      if (!equal(left[r][i], right[r][i])) {
        return counts + "; first difference at row " + std::to_string(r) +
               (by_order ? " (ordered)" : " (as multisets, sorted)") + ", column " + std::to_string(i) + " (" +
               mine.names[i] + ")\n  MariaDB:    " + show(left[r]) + "\n  PostgreSQL: " + show(right[r]);
      }
    }
  }
  if (left.size() != right.size()) {
    const auto& longer = left.size() > right.size() ? left : right;
    return counts + "; first extra row on " + (left.size() > right.size() ? "MariaDB" : "PostgreSQL") + ": " +
           show(longer[std::min(left.size(), right.size())]);
  }
  return {};
}

// Rolls both servers back when a write case ends, however it ends.
struct rollback_both {
  explicit rollback_both(environment& env) : e(env) {}
  rollback_both(const rollback_both&) = delete;
  rollback_both& operator=(const rollback_both&) = delete;
  environment& e;
  ~rollback_both() {
    (void)e.my.exec("ROLLBACK");
    (void)e.pg.exec("ROLLBACK");
  }
};

TEST_P(DifferentialCase, SameResultOnBoth) {
  const corpus_case& c = GetParam();
  auto& e = env();
  ASSERT_EQ(e.error, "") << "setup failed, no case can run";
  SCOPED_TRACE(e.seed_errors.empty() ? std::string("seed loaded on both")
                                      : std::to_string(e.seed_errors.size()) +
                                            " seed statements failed on PostgreSQL: the data differ");
  SCOPED_TRACE(c.file + ":" + std::to_string(c.line) + "\nMySQL: " + c.mysql);
  const auto t = sql::translate(c.mysql, corpus_options(c.mode));
  // A refused statement never runs on PostgreSQL (it stays on MySQL): a faithful answer, not a
  // difference. Reported as skipped, never as passed.
  if (!t.ok) GTEST_SKIP() << "refused by the translator: " << t.reason.construct << " at " << t.reason.position;
  SCOPED_TRACE("PostgreSQL: " + t.output.text);
  // Cases marked `-- known-wrong:` are known differences: they are run and must still differ
  // (a case that starts to agree fails, so that its marker goes).
  const bool known_wrong = !c.known_wrong.empty();
#define SWITCHYARD_SKIP_IF_KNOWN(what) \
  if (known_wrong) GTEST_SKIP() << "known difference (" << c.known_wrong << "): " << (what)

  std::string mode_flags;
  if (c.mode.ansi_quotes) mode_flags += ",ANSI_QUOTES";
  if (c.mode.no_backslash_escapes) mode_flags += ",NO_BACKSLASH_ESCAPES";
  if (c.mode.pipes_as_concat) mode_flags += ",PIPES_AS_CONCAT";
  std::optional<rollback_both> guard;
  if (!c.after.empty()) {
    ASSERT_EQ(e.my.exec("START TRANSACTION"), "");
    ASSERT_EQ(e.pg.exec("BEGIN"), "");
    guard.emplace(e);
  }
  if (!mode_flags.empty()) {
    ASSERT_EQ(e.my.exec("SET SESSION sql_mode = '" + e.mysql_sql_mode + mode_flags + "'"), "");
  }
  const result_set mine = e.my.query(c.mysql);
  if (!mode_flags.empty()) {
    ASSERT_EQ(e.my.exec("SET SESSION sql_mode = '" + e.mysql_sql_mode + "'"), "");
  }
  ASSERT_TRUE(mine.ok) << "fails on MariaDB as written: " << mine.error;
  const result_set theirs = e.pg.query(t.output.text);
  if (!theirs.ok) SWITCHYARD_SKIP_IF_KNOWN("fails on PostgreSQL: " + theirs.error);
  ASSERT_TRUE(theirs.ok) << "the translation fails on PostgreSQL: " << theirs.error;
  if (c.after.empty()) {
    const std::string diff = compare(mine, theirs, ordered(c.mysql, c.mode));
    if (!diff.empty()) SWITCHYARD_SKIP_IF_KNOWN(diff);
    EXPECT_EQ(diff, "");
    EXPECT_FALSE(known_wrong) << "marked known-wrong but both servers agree now: remove the marker";
    return;
  }
  // A write: compare what it left behind.
  const auto after = sql::translate(c.after, corpus_options());
  ASSERT_TRUE(after.ok) << "the translator refuses the -- after: query: " << after.reason.construct;
  SCOPED_TRACE("after, MySQL: " + c.after + "\nafter, PostgreSQL: " + after.output.text);
  const result_set mine_after = e.my.query(c.after);
  ASSERT_TRUE(mine_after.ok) << "the -- after: query fails on MariaDB: " << mine_after.error;
  const result_set theirs_after = e.pg.query(after.output.text);
  ASSERT_TRUE(theirs_after.ok) << "the translated -- after: query fails on PostgreSQL: " << theirs_after.error;
  const std::string diff = compare(mine_after, theirs_after, ordered(c.after, {}));
  if (!diff.empty()) SWITCHYARD_SKIP_IF_KNOWN("the write left different rows: " + diff);
#undef SWITCHYARD_SKIP_IF_KNOWN
  EXPECT_EQ(diff, "") << "the write left different rows";
  EXPECT_FALSE(known_wrong) << "marked known-wrong but both servers agree now: remove the marker";
}

std::vector<corpus_case> differential_cases() {
  std::vector<std::string> errors;
  std::vector<corpus_case> out;
  for (const auto& f : load_corpus(corpus_directory(), errors)) {
    for (const auto& c : f.cases) {
      if (c.differential && !c.mysql8_only) out.push_back(c);
    }
  }
  return out;
}

std::string case_name(const ::testing::TestParamInfo<corpus_case>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Corpus, DifferentialCase, ::testing::ValuesIn(differential_cases()), case_name);

TEST(DifferentialSetup, SchemaAndSeedLoadOnBothServers) {
  auto& e = env();
  EXPECT_EQ(e.error, "");
  for (const auto& err : e.seed_errors) ADD_FAILURE() << err;
  EXPECT_GE(differential_cases().size(), 120u);
  std::cout << "[ diff     ] " << e.schema_statements << " schema statements, " << e.seed_statements
            << " seed statements loaded on both\n";
}

// The comparison sees what it must: a seed row count on MariaDB, so a test that compares nothing fails.
TEST(DifferentialSetup, MariaDbHoldsTheSeedRows) {
  auto& e = env();
  ASSERT_EQ(e.error.find("MariaDB"), std::string::npos) << e.error;
  const auto r = e.my.query("SELECT COUNT(*) FROM diff_test.users");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0], cell{"30"});
}

// The safety test's MySQL literals mean what it says they mean: MariaDB reads each one (under
// its sql_mode) as the value the generator intended, and so does sql::decode_string. Values
// with invalid UTF-8 are left out (a utf8mb4 connection does not take them as text).
TEST(LiteralsOnMariaDb, GeneratedLiteralsHoldTheIntendedBytes) {
  auto& e = env();
  ASSERT_EQ(e.error.find("MariaDB"), std::string::npos) << e.error;
  const sql::sql_mode modes[] = {{}, {.no_backslash_escapes = true}, {.ansi_quotes = true},
                                 {.ansi_quotes = true, .no_backslash_escapes = true}};
  std::mt19937 rng(777);
  int checked = 0;
  for (const auto mode : modes) {
    std::string flags;
    if (mode.ansi_quotes) flags += ",ANSI_QUOTES";
    if (mode.no_backslash_escapes) flags += ",NO_BACKSLASH_ESCAPES";
    ASSERT_EQ(e.my.exec("SET SESSION sql_mode = '" + e.mysql_sql_mode + flags + "'"), "");
    for (int i = 0; i < 300; ++i) {
      std::string value = random_value(rng);
      std::string probe = value;
      probe.erase(std::remove(probe.begin(), probe.end(), '\0'), probe.end());
      if (!sql::is_postgres_text(probe)) continue;
      const std::string lit = mysql_literal(value, mode, rng);
      const auto r = e.my.query("SELECT HEX(" + lit + ")");
      ASSERT_TRUE(r.ok && r.rows.size() == 1 && r.rows[0][0]) << "MariaDB rejects " << lit << ": " << r.error;
      static constexpr char digits[] = "0123456789ABCDEF";
      std::string hex;
      for (const unsigned char c : value) {
        hex += digits[c >> 4];
        hex += digits[c & 15];
      }
      EXPECT_EQ(*r.rows[0][0], hex) << "MariaDB reads the literal " << lit << " differently";
      ++checked;
    }
  }
  ASSERT_EQ(e.my.exec("SET SESSION sql_mode = '" + e.mysql_sql_mode + "'"), "");
  EXPECT_GT(checked, 800);
}

}  // namespace
}  // namespace switchyard::test
