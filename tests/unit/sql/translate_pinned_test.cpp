// Values MySQL generated, pinned into the translation (the dual write's input): generated ids,
// the session time for NOW() and DEFAULT CURRENT_TIMESTAMP columns, and UTC from the same instant.
#include <gtest/gtest.h>

#include "sql/translate.hpp"
#include "sql/translation_cache.hpp"
#include "support/corpus_catalog.hpp"
#include "support/pg_parse.hpp"

namespace switchyard::sql {
namespace {

translate_options pinned(std::uint64_t first_id = 0, std::uint64_t increment = 1) {
  translate_options o;
  o.current_database = "app";
  o.tables = &test::corpus_catalog();
  o.pinned_now = "2025-11-24 16:00:00.123456";
  o.pinned_unix_micros = 1764000000123456;
  o.first_insert_id = first_id;
  o.insert_id_increment = increment;
  return o;
}

std::string run(std::string_view sql, const translate_options& o) {
  const auto r = translate(sql, o);
  if (!r.ok) return "unsupported: " + r.reason.construct;
  const auto parsed = test::pg_parse(r.output.text);
  EXPECT_TRUE(parsed.ok) << r.output.text << "\n" << parsed.error;
  return r.output.text;
}

TEST(translate_pinned, generated_ids_and_default_times_join_the_insert) {
  EXPECT_EQ(run("INSERT INTO users (email) VALUES ('a'), ('b')", pinned(10)),
            "INSERT INTO users (email, id, created_at) VALUES ('a', 10, '2025-11-24 16:00:00'::timestamp(0)), "
            "('b', 11, '2025-11-24 16:00:00'::timestamp(0))");
  EXPECT_EQ(run("INSERT INTO users SET email = 'a'", pinned(10, 5)),
            "INSERT INTO users (email, id, created_at) VALUES ('a', 10, '2025-11-24 16:00:00'::timestamp(0))");
}

TEST(translate_pinned, null_zero_and_default_take_the_next_generated_id_and_explicit_ids_do_not) {
  EXPECT_EQ(run("INSERT INTO users (id, email) VALUES (NULL, 'a'), (7, 'b'), (0, 'c'), (DEFAULT, 'd')", pinned(10, 2)),
            "INSERT INTO users (id, email, created_at) VALUES (10, 'a', '2025-11-24 16:00:00'::timestamp(0)), "
            "(7, 'b', '2025-11-24 16:00:00'::timestamp(0)), (12, 'c', '2025-11-24 16:00:00'::timestamp(0)), "
            "(14, 'd', '2025-11-24 16:00:00'::timestamp(0))");
}

TEST(translate_pinned, fraction_digits_follow_the_column_and_the_function) {
  EXPECT_EQ(run("INSERT INTO events (kind) VALUES ('x')", pinned(5)),
            "INSERT INTO events (kind, id, at) VALUES ('x', 5, '2025-11-24 16:00:00.123'::timestamp(3))");
  EXPECT_EQ(run("SELECT NOW(), NOW(6), CURRENT_TIMESTAMP(2), CURDATE(), CURTIME(3)", pinned()),
            "SELECT '2025-11-24 16:00:00'::timestamp(0) AS \"NOW()\", '2025-11-24 16:00:00.123456'::timestamp(6) AS "
            "\"NOW(6)\", '2025-11-24 16:00:00.12'::timestamp(2) AS \"CURRENT_TIMESTAMP(2)\", '2025-11-24'::date AS "
            "\"CURDATE()\", '16:00:00.123'::time(3) AS \"CURTIME(3)\"");
}

TEST(translate_pinned, unix_and_utc_times_come_from_the_same_instant) {
  translate_options o = pinned();
  o.pinned_now = "2025-11-24 17:00:00.123456";  // the session is at UTC+1
  EXPECT_EQ(run("SELECT UNIX_TIMESTAMP(), UTC_TIMESTAMP(), UTC_DATE(), UTC_TIME()", o),
            "SELECT 1764000000 AS \"UNIX_TIMESTAMP()\", '2025-11-24 16:00:00'::timestamp(0) AS \"UTC_TIMESTAMP()\", "
            "'2025-11-24'::date AS \"UTC_DATE()\", '16:00:00'::time(0) AS \"UTC_TIME()\"");
}

// Explicit ids among generated ones in one multi-row insert: an explicit id above MySQL's counter
// moves it (MySQL gave 3, 2000, 2001 where the pinned sequence says 3, 2000, 4): refused.
TEST(translate_pinned, a_multi_row_insert_mixing_explicit_and_generated_ids_is_refused) {
  translate_options o = pinned();
  o.first_insert_id = 3;
  EXPECT_EQ(run("INSERT INTO users (id, email) VALUES (NULL, 'a@x'), (2000, 'b@x'), (0, 'c@x')", o),
            "unsupported: pinning generated ids of a multi-row insert that also gives explicit ids");
  EXPECT_EQ(run("INSERT INTO users (id, email) VALUES (NULL, 'a@x'), (DEFAULT, 'b@x')", o).rfind("INSERT INTO users", 0), 0u);
  EXPECT_EQ(run("INSERT INTO users (id, email) VALUES (7, 'a@x'), (8, 'b@x')", o).rfind("INSERT INTO users", 0), 0u);
}

// UTC_TIMESTAMP(n) / UTC_TIME(n) keep n fraction digits, as MySQL does (they were cut to 0).
TEST(translate_pinned, utc_times_keep_their_fraction_digits) {
  translate_options o = pinned();
  o.pinned_now = "2025-11-24 17:00:00.123456";
  EXPECT_EQ(run("SELECT UTC_TIMESTAMP(6), UTC_TIME(3)", o),
            "SELECT '2025-11-24 16:00:00.123456'::timestamp(6) AS \"UTC_TIMESTAMP(6)\", '16:00:00.123'::time(3) AS "
            "\"UTC_TIME(3)\"");
  EXPECT_EQ(run("SELECT UTC_TIMESTAMP(4), UTC_TIME(7)", o), "unsupported: UTC_TIME with a precision that is not 0 to 6");
}

TEST(translate_pinned, updates_see_the_pinned_time) {
  EXPECT_EQ(run("UPDATE counters SET touched = NOW() WHERE name = 'x'", pinned()),
            "UPDATE counters SET touched = '2025-11-24 16:00:00'::timestamp(0) WHERE lower(name) = lower('x')");
}

TEST(translate_pinned, what_cannot_be_pinned_is_refused) {
  EXPECT_EQ(run("SELECT SYSDATE()", pinned()), "unsupported: SYSDATE() (the session timestamp does not pin it)");
  EXPECT_EQ(run("INSERT INTO users (email) SELECT email FROM users", pinned(3)),
            "unsupported: pinning generated ids of INSERT ... SELECT");
  EXPECT_EQ(run("INSERT INTO users (email) VALUES ('a'), ('b') ON DUPLICATE KEY UPDATE name = 'x'", pinned(3)),
            "unsupported: pinning generated ids of a multi-row ON DUPLICATE KEY UPDATE or REPLACE");
  translate_options bad = pinned();
  bad.pinned_now = "2025-11-24 16:00:00";
  EXPECT_EQ(run("SELECT NOW()", bad), "unsupported: pinned time not as 'YYYY-MM-DD HH:MM:SS.ffffff'");
}

TEST(translate_pinned, insert_select_rows_share_the_pinned_time) {
  EXPECT_EQ(run("INSERT INTO events (id, kind) SELECT id, status FROM orders", pinned()),
            "INSERT INTO events (id, kind, at) SELECT switchyard_rows.*, '2025-11-24 16:00:00.123'::timestamp(3) "
            "FROM (SELECT id, status FROM orders) AS switchyard_rows");
}

TEST(translate_pinned, without_pinning_postgresql_generates_its_own) {
  translate_options o = pinned();
  o.pinned_now = {};
  o.pinned_unix_micros = 0;
  EXPECT_EQ(run("INSERT INTO users (id, email) VALUES (NULL, 'a')", o),
            "INSERT INTO users (id, email) VALUES (DEFAULT, 'a')");
}

TEST(translate_pinned, pinned_translations_bypass_the_cache) {
  translation_cache cache;
  translate_options first = pinned();
  translate_options second = pinned();
  second.pinned_now = "2025-11-24 16:00:01.000000";
  const auto a = translate_cached("SELECT NOW()", first, cache);
  const auto b = translate_cached("SELECT NOW()", second, cache);
  ASSERT_TRUE(a.ok && b.ok);
  EXPECT_NE(a.output.text, b.output.text);
  EXPECT_EQ(cache.counters().inserts, 0u);
  EXPECT_EQ(cache.counters().hits, 0u);
}

}  // namespace
}  // namespace switchyard::sql
