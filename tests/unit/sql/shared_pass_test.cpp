#include "sql/shared_pass.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "sql/literals.hpp"

namespace switchyard::sql {
namespace {

// Every field of the facts, so that a difference shows which one.
void expect_same_facts(const statement_facts& a, const statement_facts& b, std::string_view sql) {
  EXPECT_EQ(a.kind, b.kind) << sql;
  EXPECT_EQ(a.reads, b.reads) << sql;
  EXPECT_EQ(a.writes, b.writes) << sql;
  ASSERT_EQ(a.table_count, b.table_count) << sql;
  for (std::size_t i = 0; i < a.table_count; ++i) {
    EXPECT_EQ(a.tables[i].schema, b.tables[i].schema) << sql;
    EXPECT_EQ(a.tables[i].table, b.tables[i].table) << sql;
    EXPECT_EQ(a.tables[i].alias, b.tables[i].alias) << sql;
    EXPECT_EQ(a.tables[i].written, b.tables[i].written) << sql;
  }
  EXPECT_EQ(a.tables_overflow, b.tables_overflow) << sql;
  EXPECT_EQ(a.uses, b.uses) << sql;
  EXPECT_EQ(a.first_use_position, b.first_use_position) << sql;
  EXPECT_EQ(a.eligible_for_postgresql, b.eligible_for_postgresql) << sql;
  EXPECT_EQ(a.reason, b.reason) << sql;
  EXPECT_EQ(a.has_select, b.has_select) << sql;
  EXPECT_EQ(a.ignore, b.ignore) << sql;
  EXPECT_EQ(a.on_duplicate_key_update, b.on_duplicate_key_update) << sql;
  EXPECT_EQ(a.calc_found_rows, b.calc_found_rows) << sql;
  EXPECT_EQ(a.select_into, b.select_into) << sql;
  EXPECT_EQ(a.read_only, b.read_only) << sql;
  EXPECT_EQ(a.read_write, b.read_write) << sql;
  EXPECT_EQ(a.consistent_snapshot, b.consistent_snapshot) << sql;
  EXPECT_EQ(a.global_scope, b.global_scope) << sql;
  EXPECT_EQ(a.sets_autocommit, b.sets_autocommit) << sql;
  EXPECT_EQ(a.autocommit_value, b.autocommit_value) << sql;
  EXPECT_EQ(a.isolation_level, b.isolation_level) << sql;
  EXPECT_EQ(a.next_statement, b.next_statement) << sql;
  EXPECT_EQ(a.name, b.name) << sql;
}

// analyze() must give exactly what digest_into(text) and classify(text) give.
void expect_same_as_separate_passes(std::string_view sql, sql_mode mode, token_buffer& tokens) {
  std::string shared_digest;
  const statement_analysis a = analyze(sql, mode, tokens, shared_digest);
  std::string separate_digest;
  const digest_result d = digest_into(sql, mode, separate_digest);
  EXPECT_EQ(shared_digest, separate_digest) << sql;
  EXPECT_EQ(a.digest.fingerprint, d.fingerprint) << sql;
  EXPECT_EQ(a.digest.complete, d.complete) << sql;
  expect_same_facts(a.facts, classify(sql, mode), sql);
}

const std::vector<std::string_view> statements = {
    "SELECT c FROM sbtest1 WHERE id=42",
    "SELECT c.name, COUNT(o.id) AS orders FROM customers c JOIN orders o ON o.customer_id = c.id "
    "WHERE c.created_at > '2024-01-01' AND o.status IN ('paid', 'shipped') GROUP BY c.name LIMIT 10",
    "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z') ON DUPLICATE KEY UPDATE b = VALUES(b)",
    "INSERT IGNORE INTO t SELECT * FROM u WHERE x = NOW()",
    "REPLACE INTO `weird table` (`a``b`) VALUES (X'41', 0x42, b'1', 0b11, _binary'\\0', N'n')",
    "UPDATE t1 a JOIN t2 b ON a.id = b.id SET b.x = a.y, b.updated = NOW() WHERE a.flag = 1",
    "DELETE t1 FROM t1 JOIN t2 USING (id) WHERE t2.k = -5",
    "SELECT * FROM information_schema.tables",
    "SELECT @x := 1, @@session.sql_mode",
    "START TRANSACTION READ ONLY",
    "SET autocommit = 0",
    "SET NAMES utf8mb4",
    "USE shop",
    "SELECT 1; SELECT 2",
    "/*!40101 SET @saved = @@character_set_client */",
    "SELECT /*+ MAX_EXECUTION_TIME(1) */ a FROM t FOR UPDATE",
    "SELECT 'unterminated",
    "SELECT \"x\" || 'y' FROM t",
    "",
    "   -- only a comment\n",
    "SELECT a FROM t1 UNION SELECT b FROM t2 ORDER BY 1 LIMIT 5, 10",
    "WITH c AS (SELECT 1) SELECT * FROM c",
    "LOCK TABLES t1 WRITE, t2 READ",
    "CALL p(1, 'a')",
};

TEST(shared_pass, analyze_equals_the_separate_digest_and_classify) {
  token_buffer tokens;
  for (const std::string_view sql : statements) {
    expect_same_as_separate_passes(sql, {}, tokens);
    expect_same_as_separate_passes(sql, {.ansi_quotes = true, .no_backslash_escapes = true, .pipes_as_concat = true},
                                   tokens);
  }
}

// Random token soup, including broken quotes and comments: the shared pass never diverges.
TEST(shared_pass, analyze_equals_separate_passes_on_random_texts) {
  static constexpr std::string_view pieces[] = {
      "SELECT", "select", "FROM", "t", "`t`", "\"q\"", "'s'", "'a\\'b'", "1", "1.5", "1e3", "X'41'", "0x1",
      "b'1'", "(", ")", ",", ".", "-", "+", "=", ";", "IN", "VALUES", "INSERT", "INTO", "UPDATE", "SET",
      "DELETE", "JOIN", "ON", "WHERE", "@x", "@@y", "?", "/*", "*/", "/*!", "--", "#", "\n", "'", "`",
      "NOW()", "FOR", "UPDATE", "_utf8mb4'x'", "LIMIT", "GROUP", "BY", "WITH", "AS", "||"};
  std::mt19937 rng(12345);
  token_buffer tokens;
  int checked = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string sql;
    const int n = static_cast<int>(rng() % 20);
    for (int i = 0; i < n; ++i) {
      sql += pieces[rng() % std::size(pieces)];
      if (rng() % 3 != 0) sql += ' ';
    }
    const sql_mode mode{.ansi_quotes = (rng() & 1) != 0, .no_backslash_escapes = (rng() & 2) != 0,
                        .pipes_as_concat = (rng() & 4) != 0};
    expect_same_as_separate_passes(sql, mode, tokens);
    if (::testing::Test::HasFailure()) return;
    ++checked;
  }
  EXPECT_EQ(checked, 3000);
}

TEST(shared_pass, tokens_and_literals_are_the_lexers) {
  token_buffer tokens;
  const std::string_view sql = "SELECT a, 'x' FROM t WHERE b IN (1, 2.5, X'41', b'1') AND c = ?";
  tokenize(sql, {}, tokens);
  EXPECT_TRUE(tokens.complete);
  lexer lx(sql);
  std::vector<std::string_view> expected_literals;
  std::size_t i = 0;
  for (token t = lx.next(); t.kind != token_kind::end; t = lx.next(), ++i) {
    ASSERT_LT(i, tokens.tokens.size());
    EXPECT_EQ(tokens.tokens[i].kind, t.kind);
    EXPECT_EQ(tokens.tokens[i].offset, t.offset);
    EXPECT_EQ(tokens.tokens[i].length, t.length);
    if (is_literal_token(t)) expected_literals.push_back(token_text(t, sql));
  }
  EXPECT_EQ(i, tokens.tokens.size());
  ASSERT_EQ(tokens.literals.size(), 5u);
  ASSERT_EQ(expected_literals.size(), 5u);
  for (std::size_t k = 0; k < tokens.literals.size(); ++k) {
    EXPECT_EQ(token_text(tokens.literal(k), sql), expected_literals[k]);
  }
}

TEST(shared_pass, a_lexical_error_ends_the_tokens_and_marks_them_incomplete) {
  token_buffer tokens;
  tokenize("SELECT 'abc", {}, tokens);
  EXPECT_FALSE(tokens.complete);
  ASSERT_EQ(tokens.tokens.size(), 2u);
  EXPECT_EQ(tokens.tokens.back().kind, token_kind::error);
  EXPECT_TRUE(tokens.literals.empty());
  // The buffer is reused: a good statement after a bad one is complete again.
  tokenize("SELECT 1", {}, tokens);
  EXPECT_TRUE(tokens.complete);
  EXPECT_EQ(tokens.literals.size(), 1u);
}

std::uint64_t shape_of(std::string_view sql, sql_mode mode = {}) {
  token_buffer tokens;
  tokenize(sql, mode, tokens);
  return tokens.shape;
}

TEST(shared_pass, shape_ignores_literal_values_and_layout) {
  EXPECT_EQ(shape_of("SELECT c FROM t WHERE id = 42"), shape_of("SELECT c FROM t WHERE id = 7"));
  EXPECT_EQ(shape_of("SELECT c FROM t WHERE id = 42"), shape_of("SELECT  c\nFROM t /* hi */ WHERE id=42"));
  EXPECT_EQ(shape_of("SELECT 'a', 1"), shape_of("SELECT 'it''s \\n', 99999999999999999999"));
  // Numbers are one token kind whatever their class: the cache checks classes itself.
  EXPECT_EQ(shape_of("SELECT 1"), shape_of("SELECT 1.5e3"));
  EXPECT_EQ(shape_of("SELECT X'41'"), shape_of("SELECT 0x4142"));
}

TEST(shared_pass, shape_sees_everything_but_literal_values) {
  const std::uint64_t base = shape_of("SELECT c FROM t WHERE id = 42");
  EXPECT_NE(base, shape_of("SELECT C FROM t WHERE id = 42"));  // case kept: aliases keep theirs
  EXPECT_NE(base, shape_of("select c from t where id = 42"));
  EXPECT_NE(base, shape_of("SELECT c FROM t WHERE id = '42'"));  // another literal kind
  EXPECT_NE(base, shape_of("SELECT c FROM t WHERE id = ?"));
  EXPECT_NE(base, shape_of("SELECT c FROM t WHERE id = -42"));
  EXPECT_NE(base, shape_of("SELECT c FROM t WHERE id = 42", {.ansi_quotes = true}));
  EXPECT_NE(base, shape_of("SELECT c FROM t WHERE id = 42", {.no_backslash_escapes = true}));
  EXPECT_NE(base, shape_of("SELECT c FROM t WHERE id = 42", {.pipes_as_concat = true}));
  EXPECT_NE(shape_of("SELECT ab FROM t"), shape_of("SELECT a b FROM t"));  // token boundaries count
  EXPECT_NE(shape_of("SELECT `a` FROM t"), shape_of("SELECT a FROM t"));
  EXPECT_NE(shape_of("SELECT 'x'"), shape_of("SELECT _binary'x'"));
  EXPECT_NE(shape_of("SELECT _latin1'x'"), shape_of("SELECT _utf8mb4'x'"));
  EXPECT_NE(shape_of("SELECT 'x'"), shape_of("SELECT N'x'"));
  EXPECT_NE(shape_of("SELECT 0x41"), shape_of("SELECT b'1'"));
  EXPECT_NE(shape_of("SELECT 'x' 'y'"), shape_of("SELECT 'x'"));
  EXPECT_NE(shape_of("SELECT a_very_long_column_name_beyond_eight FROM t"),
            shape_of("SELECT a_very_long_column_name_beyond_eighT FROM t"));
}

}  // namespace
}  // namespace switchyard::sql
