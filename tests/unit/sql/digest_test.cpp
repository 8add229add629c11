#include "sql/digest.hpp"

#include <gtest/gtest.h>

#include <string>

namespace switchyard::sql {
namespace {

struct row {
  const char* input;
  const char* expected;
};

void check(const row* rows, std::size_t count, sql_mode mode = {}) {
  for (std::size_t i = 0; i < count; ++i) {
    const digest d = digest_of(rows[i].input, mode);
    EXPECT_EQ(d.text, rows[i].expected) << "input: " << rows[i].input;
    EXPECT_EQ(d.fingerprint, fnv1a_64(d.text));
  }
}

TEST(digest, normalizes_literals_keywords_spacing_and_comments) {
  const row rows[] = {
      {"SELECT c FROM sbtest1 WHERE id=42", "SELECT c FROM sbtest1 WHERE id = ?"},
      {"select  c\n from\tsbtest1 /* x */ where id = 42 -- y\n", "SELECT c FROM sbtest1 WHERE id = ?"},
      {"SELECT 'a', \"b\", 1.5e3, X'41', 0x41, b'1', 0b1, N'x', _utf8mb4'x'", "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?"},
      {"SELECT 'a' 'b' 'c', 'd'", "SELECT ?, ?"},
      {"SELECT -1, +2, a - 1, a-1, f(x) - 1, (- 1), 3 - -4", "SELECT ?, ?, a - ?, a - ?, f (x) - ?, (?), ? - ?"},
      {"SELECT - -1, 1 - -1, -a, - - a, a * -1", "SELECT ?, ? - ?, - a, - - a, a * ?"},
      {"SELECT COUNT(*) FROM t GROUP BY a", "SELECT COUNT (*) FROM t GROUP BY a"},
      {"SELECT t.a, `t`.`b` FROM db.t", "SELECT t.a, t.b FROM db.t"},
      {"SELECT `order`, `a b`, `1a`, `x``y`, `select` FROM t", "SELECT `order`, `a b`, `1a`, `x``y`, `select` FROM t"},
      {"SELECT NULL, TRUE, false WHERE a IS NULL", "SELECT NULL, TRUE, FALSE WHERE a IS NULL"},
      {"SELECT /*+ BKA(t) */ /*!40001 SQL_NO_CACHE */ a FROM t", "SELECT SQL_NO_CACHE a FROM t"},
      {"SET @x := 5, @@session.autocommit = 1", "SET @x := ?, @@session.autocommit = ?"},
      {"SELECT @x . y, @x, t . c, .1. a", "SELECT @x . y, @x, t.c, ? . a"},  // `@x.y` would be one variable
      {"SELECT 1;", "SELECT ?"},
      {"SELECT 1;;", "SELECT ?"},
      {"SELECT a||b, a->>'$.x' FROM Users", "SELECT a || b, a ->> ? FROM Users"},
      {"SELECT 'open", "SELECT ?"},
      {"", ""},
  };
  check(rows, std::size(rows));
}

TEST(digest, in_lists_of_literals_collapse) {
  const row rows[] = {
      {"SELECT * FROM t WHERE id IN (1, 2, 3)", "SELECT * FROM t WHERE id IN (?)"},
      {"SELECT * FROM t WHERE id IN (1)", "SELECT * FROM t WHERE id IN (?)"},
      {"SELECT * FROM t WHERE id in(?,?)", "SELECT * FROM t WHERE id IN (?)"},
      {"SELECT * FROM t WHERE id NOT IN ('a','b')", "SELECT * FROM t WHERE id NOT IN (?)"},
      {"SELECT * FROM t WHERE id IN (-1, -2)", "SELECT * FROM t WHERE id IN (?)"},
      {"SELECT * FROM t WHERE id IN (1 + 2, 3)", "SELECT * FROM t WHERE id IN (? + ?, ?)"},
      {"SELECT * FROM t WHERE id IN (-a, 3)", "SELECT * FROM t WHERE id IN (- a, ?)"},
      {"SELECT * FROM t WHERE id IN (a, 1)", "SELECT * FROM t WHERE id IN (a, ?)"},
      {"SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE x IN (1,2))",
       "SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE x IN (?))"},
      {"SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))", "SELECT * FROM t WHERE (a, b) IN ((?, ?), (?, ?))"},
      {"SELECT f(1, 2)", "SELECT f (?, ?)"},
  };
  check(rows, std::size(rows));
}

TEST(digest, multi_row_values_collapse_to_the_first_row) {
  const row rows[] = {
      {"INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')", "INSERT INTO t (a, b) VALUES (?, ?)"},
      {"INSERT INTO t VALUES (1,2)", "INSERT INTO t VALUES (?, ?)"},
      {"INSERT INTO t VALUE (1), (2)", "INSERT INTO t VALUE (?)"},
      {"INSERT INTO t VALUES (1, NOW()), (2, NOW())", "INSERT INTO t VALUES (?, NOW ())"},
      {"INSERT INTO t VALUES (1, NOW()), (2, 3)", "INSERT INTO t VALUES (?, NOW ()), (?, ?)"},
      {"INSERT INTO t VALUES (1), (2) ON DUPLICATE KEY UPDATE a = VALUES(a), b = 1",
       "INSERT INTO t VALUES (?) ON DUPLICATE KEY UPDATE a = VALUES (a), b = ?"},
      {"INSERT INTO t VALUES (1, 2), (3, 4); INSERT INTO u VALUES (5), (6)",
       "INSERT INTO t VALUES (?, ?); INSERT INTO u VALUES (?)"},
  };
  check(rows, std::size(rows));
}

TEST(digest, text_and_prepared_forms_are_equal) {
  const char* pairs[][2] = {
      {"SELECT c FROM sbtest1 WHERE id=42", "SELECT c FROM sbtest1 WHERE id = ?"},
      {"select c from sbtest1 where id between 10 and 20 order by c limit 5",
       "SELECT c FROM sbtest1 WHERE id BETWEEN ? AND ? ORDER BY c LIMIT ?"},
      {"UPDATE sbtest1 SET k=k+1 WHERE id=-7", "UPDATE sbtest1 SET k = k + ? WHERE id = ?"},
      {"INSERT INTO t (a,b) VALUES (1,'x'),(2,'y')", "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"},
      {"DELETE FROM t WHERE id IN (1,2,3,4)", "DELETE FROM t WHERE id IN (?, ?)"},
      {"SELECT * FROM `t` WHERE `name` = _utf8mb4'bob' /* from app */", "SELECT * FROM t WHERE name = ?"},
  };
  for (const auto& p : pairs) {
    const digest a = digest_of(p[0]), b = digest_of(p[1]);
    EXPECT_EQ(a.text, b.text) << p[0];
    EXPECT_EQ(a.fingerprint, b.fingerprint) << p[0];
  }
  EXPECT_NE(digest_of("SELECT a FROM t").fingerprint, digest_of("SELECT b FROM t").fingerprint);
}

TEST(digest, sql_modes) {
  const sql_mode ansi{.ansi_quotes = true};
  EXPECT_EQ(digest_of("SELECT \"a\", \"order\", 'x' FROM \"t\"", ansi).text, "SELECT a, `order`, ? FROM t");
  EXPECT_EQ(digest_of("SELECT \"a\" FROM t").text, "SELECT ? FROM t");
  EXPECT_EQ(digest_of("SELECT \"a\"\"b`\"", ansi).text, "SELECT `a\"b```");
  const sql_mode no_backslash{.no_backslash_escapes = true};
  EXPECT_EQ(digest_of("SELECT 'a\\', b", no_backslash).text, "SELECT ?, b");
  const digest broken = digest_of("SELECT 'a\\', b");
  EXPECT_FALSE(broken.complete);
  EXPECT_EQ(broken.text, "SELECT ?");
}

TEST(digest, fingerprint_is_fnv1a_64_and_stable) {
  EXPECT_EQ(fnv1a_64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a_64("foobar"), 0x85944171f73967e8ull);
  // A fixed value: changing the normalization rule changes every stored fingerprint.
  EXPECT_EQ(digest_of("select c from sbtest1 where id=42").fingerprint, 0x6ed4f28c61f3bc26ull);
}

TEST(digest, reuses_the_callers_buffer) {
  std::string out;
  out.reserve(256);
  const char* const data = out.data();
  const digest_result r = digest_into("SELECT c FROM sbtest1 WHERE id=42", {}, out);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(out, "SELECT c FROM sbtest1 WHERE id = ?");
  EXPECT_EQ(out.data(), data);
  (void)digest_into("SELECT 1", {}, out);
  EXPECT_EQ(out, "SELECT ?");
}

TEST(digest, keywords) {
  EXPECT_TRUE(is_keyword("select"));
  EXPECT_TRUE(is_keyword("Group_Concat"));
  EXPECT_FALSE(is_keyword("sbtest1"));
  EXPECT_FALSE(is_keyword(""));
  EXPECT_FALSE(is_keyword("a_very_long_identifier_name_beyond_the_buffer"));
}

}  // namespace
}  // namespace switchyard::sql
