#include "sql/translation_cache.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <variant>
#include <vector>

#include "common/str_cat.hpp"

namespace switchyard::sql {
namespace {

// A piece of a hand-built translation: fixed text, or literal `index` of the MySQL text placed in
// class `cls` (encoded exactly as the translator does: append_pg_literal).
struct slot_of {
  std::uint32_t index;
  literal_class cls;
};
using part = std::variant<std::string_view, slot_of>;

translation make_translation(std::string_view mysql, std::initializer_list<part> parts, sql_mode mode = {},
                             std::vector<std::uint32_t> baked = {}) {
  token_buffer tokens;
  tokenize(mysql, mode, tokens);
  translation t;
  std::string scratch;
  for (const part& p : parts) {
    if (const auto* fixed = std::get_if<std::string_view>(&p)) {
      t.text += *fixed;
      continue;
    }
    const slot_of s = std::get<slot_of>(p);
    const auto begin = static_cast<std::uint32_t>(t.text.size());
    EXPECT_TRUE(append_pg_literal(tokens.literal(s.index), mysql, mode, s.cls, scratch, t.text));
    t.slots.push_back({begin, static_cast<std::uint32_t>(t.text.size()) - begin, s.index, s.cls});
  }
  t.baked = std::move(baked);
  t.literal_count = static_cast<std::uint32_t>(tokens.literals.size());
  return t;
}

// A cache and the usual calls, keeping the token buffers of the statements it saw alive.
struct fixture {
  explicit fixture(translation_cache_limits limits = {}) : cache(limits) {}

  cache_insert insert(std::string_view mysql, const translation& t, translation_context ctx = {}, sql_mode mode = {}) {
    token_buffer tokens;
    tokenize(mysql, mode, tokens);
    return cache.insert(tokens, ctx, t);
  }
  // The PostgreSQL text on a hit, or "<miss>".
  std::string lookup(std::string_view mysql, translation_context ctx = {}, sql_mode mode = {}) {
    token_buffer tokens;
    tokenize(mysql, mode, tokens);
    std::string out = "garbage";
    const cache_lookup r = cache.lookup(tokens, ctx, out);
    if (!r.hit) {
      EXPECT_TRUE(out.empty()) << "a miss leaves no text";
      return "<miss>";
    }
    return out;
  }

  translation_cache cache;
};

constexpr std::string_view by_email = "SELECT name FROM users WHERE email = 'a@b.c' AND active = 1";

translation by_email_translation() {
  return make_translation(by_email, {"SELECT name FROM users WHERE email = ", slot_of{0, literal_class::text},
                                     " AND active = ", slot_of{1, literal_class::integer}});
}

TEST(translation_cache, a_hit_re_encodes_each_literal_into_the_template) {
  fixture f;
  ASSERT_EQ(f.insert(by_email, by_email_translation()), cache_insert::inserted);
  EXPECT_EQ(f.lookup(by_email), "SELECT name FROM users WHERE email = 'a@b.c' AND active = 1");
  // Quotes and backslashes by MySQL's rules, written as a standard PostgreSQL string.
  EXPECT_EQ(f.lookup(R"(SELECT name FROM users WHERE email = 'it''s \\ a \'q\' "x"' AND active = 7)"),
            R"(SELECT name FROM users WHERE email = 'it''s \ a ''q'' "x"' AND active = 7)");
  // Layout and comments are not part of the shape; literal values are not either.
  EXPECT_EQ(f.lookup("SELECT name\n FROM users /* c */ WHERE email='' AND active=0"),
            "SELECT name FROM users WHERE email = '' AND active = 0");
  // A comment-looking and a $-quote-looking value stay inside their literal.
  EXPECT_EQ(f.lookup("SELECT name FROM users WHERE email = '--x /* $$ ;' AND active = 1"),
            "SELECT name FROM users WHERE email = '--x /* $$ ;' AND active = 1");
  EXPECT_EQ(f.cache.counters().hits, 4u);
  EXPECT_EQ(f.cache.counters().misses, 0u);
}

TEST(translation_cache, a_nul_byte_makes_the_string_binary_and_the_lookup_a_rejected_miss) {
  fixture f;
  ASSERT_EQ(f.insert(by_email, by_email_translation()), cache_insert::inserted);
  EXPECT_EQ(f.lookup(R"(SELECT name FROM users WHERE email = 'a\0b' AND active = 1)"), "<miss>");
  EXPECT_EQ(f.lookup("SELECT name FROM users WHERE email = _binary'ab' AND active = 1"), "<miss>");  // other shape
  EXPECT_EQ(f.lookup("SELECT name FROM users WHERE email = '\xff\xfe' AND active = 1"), "<miss>");  // not UTF-8
  EXPECT_EQ(f.cache.counters().rejected, 2u);
  EXPECT_EQ(f.cache.counters().misses, 3u);
  EXPECT_EQ(f.cache.counters().hits, 0u);
}

TEST(translation_cache, a_slotted_literal_of_another_class_misses) {
  fixture f;
  constexpr std::string_view sql = "SELECT * FROM orders WHERE total > 1";
  ASSERT_EQ(f.insert(sql, make_translation(sql, {"SELECT * FROM orders WHERE total > ", slot_of{0, literal_class::integer}})),
            cache_insert::inserted);
  EXPECT_EQ(f.lookup("SELECT * FROM orders WHERE total > 250"), "SELECT * FROM orders WHERE total > 250");
  EXPECT_EQ(f.lookup("SELECT * FROM orders WHERE total > 1.5"), "<miss>");  // decimal
  EXPECT_EQ(f.lookup("SELECT * FROM orders WHERE total > 1e3"), "<miss>");  // floating
  EXPECT_EQ(f.cache.counters().rejected, 2u);
  EXPECT_EQ(f.lookup("SELECT * FROM orders WHERE total > 'x'"), "<miss>");  // a string: another shape
  EXPECT_EQ(f.cache.counters().rejected, 2u);
  EXPECT_EQ(f.cache.counters().misses, 3u);
  EXPECT_EQ(f.cache.counters().hits, 1u);

  // The decimal form, cached on its own, is re-encoded as the digits written.
  fixture g;
  constexpr std::string_view dec = "SELECT * FROM orders WHERE total > 1.5";
  ASSERT_EQ(g.insert(dec, make_translation(dec, {"SELECT * FROM orders WHERE total > ", slot_of{0, literal_class::decimal}})),
            cache_insert::inserted);
  EXPECT_EQ(g.lookup("SELECT * FROM orders WHERE total > .25"), "SELECT * FROM orders WHERE total > 0.25");
  EXPECT_EQ(g.lookup("SELECT * FROM orders WHERE total > 2"), "<miss>");
}

TEST(translation_cache, baked_literals_must_be_byte_equal) {
  fixture f;
  // The format pattern shaped the output (to_char's own pattern); the id is placed.
  constexpr std::string_view sql = "SELECT DATE_FORMAT(placed_at, '%Y') FROM orders WHERE id = 5";
  const translation t = make_translation(
      sql, {"SELECT to_char(placed_at, 'YYYY') FROM orders WHERE id = ", slot_of{1, literal_class::integer}}, {}, {0});
  ASSERT_EQ(f.insert(sql, t), cache_insert::inserted);
  EXPECT_EQ(f.lookup("SELECT DATE_FORMAT(placed_at, '%Y') FROM orders WHERE id = 6"),
            "SELECT to_char(placed_at, 'YYYY') FROM orders WHERE id = 6");
  EXPECT_EQ(f.lookup("SELECT DATE_FORMAT(placed_at, '%m') FROM orders WHERE id = 6"), "<miss>");
  // Byte-equal means as written: "%Y" in double quotes is another token text.
  EXPECT_EQ(f.lookup("SELECT DATE_FORMAT(placed_at, \"%Y\") FROM orders WHERE id = 6"), "<miss>");
  EXPECT_EQ(f.cache.counters().rejected, 2u);
  EXPECT_EQ(f.cache.counters().hits, 1u);
}

TEST(translation_cache, a_literal_neither_placed_nor_baked_must_be_byte_equal_too) {
  fixture f;
  // CHAR(10) became text: the 10 is not in the output, but the translation may depend on it.
  constexpr std::string_view sql = "SELECT CAST(name AS CHAR(10)) FROM users WHERE id = 3";
  ASSERT_EQ(f.insert(sql, make_translation(sql, {"SELECT CAST(name AS text) FROM users WHERE id = ",
                                                 slot_of{1, literal_class::integer}})),
            cache_insert::inserted);
  EXPECT_EQ(f.lookup("SELECT CAST(name AS CHAR(10)) FROM users WHERE id = 4"),
            "SELECT CAST(name AS text) FROM users WHERE id = 4");
  EXPECT_EQ(f.lookup("SELECT CAST(name AS CHAR(11)) FROM users WHERE id = 4"), "<miss>");
  EXPECT_EQ(f.cache.counters().rejected, 1u);
}

TEST(translation_cache, the_key_holds_sql_mode_catalog_version_and_database) {
  fixture f;
  const translation_context ctx{7, "shop"};
  ASSERT_EQ(f.insert(by_email, by_email_translation(), ctx), cache_insert::inserted);
  EXPECT_NE(f.lookup(by_email, ctx), "<miss>");
  EXPECT_EQ(f.lookup(by_email, {8, "shop"}), "<miss>");
  EXPECT_EQ(f.lookup(by_email, {7, "other"}), "<miss>");
  EXPECT_EQ(f.lookup(by_email, {7, ""}), "<miss>");
  EXPECT_EQ(f.lookup(by_email, ctx, {.no_backslash_escapes = true}), "<miss>");
  EXPECT_EQ(f.lookup(by_email, ctx, {.ansi_quotes = true}), "<miss>");
  EXPECT_EQ(f.lookup(by_email, ctx, {.pipes_as_concat = true}), "<miss>");
  EXPECT_EQ(f.cache.counters().hits, 1u);
  EXPECT_EQ(f.cache.counters().misses, 6u);
  EXPECT_EQ(f.cache.counters().rejected, 0u);

  // The same statement under two databases: two entries, each found.
  ASSERT_EQ(f.insert(by_email, make_translation(by_email, {"SELECT 2, ", slot_of{0, literal_class::text}, ", ",
                                                           slot_of{1, literal_class::integer}}),
                     {7, "other"}),
            cache_insert::inserted);
  EXPECT_EQ(f.cache.size(), 2u);
  EXPECT_EQ(f.lookup(by_email, ctx), "SELECT name FROM users WHERE email = 'a@b.c' AND active = 1");
  EXPECT_EQ(f.lookup(by_email, {7, "other"}), "SELECT 2, 'a@b.c', 1");
}

TEST(translation_cache, under_no_backslash_escapes_a_backslash_is_an_ordinary_byte) {
  fixture f;
  const sql_mode mode{.no_backslash_escapes = true};
  constexpr std::string_view sql = "SELECT 1 FROM t WHERE a = 'x'";
  ASSERT_EQ(f.insert(sql, make_translation(sql, {"SELECT ", slot_of{0, literal_class::integer}, " FROM t WHERE a = ",
                                                 slot_of{1, literal_class::text}}, mode),
                     {}, mode),
            cache_insert::inserted);
  EXPECT_EQ(f.lookup(R"(SELECT 1 FROM t WHERE a = 'C:\0\n')", {}, mode), R"(SELECT 1 FROM t WHERE a = 'C:\0\n')");
}

TEST(translation_cache, a_shape_hash_collision_is_caught_token_by_token) {
  fixture f;
  ASSERT_EQ(f.insert(by_email, by_email_translation()), cache_insert::inserted);
  token_buffer other;
  tokenize("SELECT secret FROM admins WHERE email = 'a@b.c' AND active = 1", {}, other);
  token_buffer original;
  tokenize(by_email, {}, original);
  other.shape = original.shape;  // as if the 64-bit hashes collided
  std::string out;
  EXPECT_FALSE(f.cache.lookup(other, {}, out).hit);
  EXPECT_EQ(f.cache.counters().misses, 1u);
  EXPECT_EQ(f.cache.counters().rejected, 0u);
}

TEST(translation_cache, parameters_notes_baked_and_slots_come_back_on_a_hit) {
  fixture f;
  constexpr std::string_view sql = "INSERT IGNORE INTO counters (name, hits) VALUES (?, 'a')";
  translation t = make_translation(sql, {"INSERT INTO counters (name, hits) VALUES ($1, ",
                                         slot_of{0, literal_class::text}, ") ON CONFLICT DO NOTHING"});
  t.parameter_count = 1;
  t.notes = {"INSERT IGNORE: only unique-key conflicts are ignored"};
  ASSERT_EQ(f.insert(sql, t), cache_insert::inserted);
  token_buffer tokens;
  tokenize("INSERT IGNORE INTO counters (name, hits) VALUES (?, 'bb')", {}, tokens);
  std::string out;
  std::vector<literal_slot> slots;
  const cache_lookup r = f.cache.lookup(tokens, {}, out, &slots);
  ASSERT_TRUE(r.hit);
  EXPECT_EQ(out, "INSERT INTO counters (name, hits) VALUES ($1, 'bb') ON CONFLICT DO NOTHING");
  EXPECT_EQ(r.parameter_count, 1u);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0], "INSERT IGNORE: only unique-key conflicts are ignored");
  ASSERT_EQ(slots.size(), 1u);
  EXPECT_EQ(out.substr(slots[0].output_offset, slots[0].output_length), "'bb'");
  EXPECT_EQ(slots[0].literal_index, 0u);
  EXPECT_EQ(slots[0].cls, literal_class::text);
}

TEST(translation_cache, one_literal_placed_twice) {
  fixture f;
  constexpr std::string_view sql = "REPLACE INTO counters (name) VALUES ('a')";
  ASSERT_EQ(f.insert(sql, make_translation(sql, {"DELETE FROM counters WHERE name = ", slot_of{0, literal_class::text},
                                                 "; INSERT INTO counters (name) VALUES (",
                                                 slot_of{0, literal_class::text}, ")"})),
            cache_insert::inserted);
  EXPECT_EQ(f.lookup("REPLACE INTO counters (name) VALUES ('o''k')"),
            "DELETE FROM counters WHERE name = 'o''k'; INSERT INTO counters (name) VALUES ('o''k')");
}

TEST(translation_cache, translations_that_do_not_fit_their_statement_are_not_stored) {
  fixture f;
  const translation good = by_email_translation();

  translation wrong_count = good;
  wrong_count.literal_count = 3;
  EXPECT_EQ(f.insert(by_email, wrong_count), cache_insert::not_cacheable);

  translation wrong_text = good;
  wrong_text.text[wrong_text.slots[0].output_offset + 1] = 'X';  // the slot no longer holds the literal
  EXPECT_EQ(f.insert(by_email, wrong_text), cache_insert::not_cacheable);

  translation wrong_class = good;
  wrong_class.slots[1].cls = literal_class::decimal;
  EXPECT_EQ(f.insert(by_email, wrong_class), cache_insert::not_cacheable);

  translation out_of_range = good;
  out_of_range.slots[1].literal_index = 2;
  EXPECT_EQ(f.insert(by_email, out_of_range), cache_insert::not_cacheable);

  translation past_the_end = good;
  past_the_end.slots[1].output_length = 1000;
  EXPECT_EQ(f.insert(by_email, past_the_end), cache_insert::not_cacheable);

  translation unordered = good;
  std::swap(unordered.slots[0], unordered.slots[1]);
  EXPECT_EQ(f.insert(by_email, unordered), cache_insert::not_cacheable);

  translation baked_out_of_range = good;
  baked_out_of_range.baked = {5};
  EXPECT_EQ(f.insert(by_email, baked_out_of_range), cache_insert::not_cacheable);

  EXPECT_EQ(f.insert("SELECT 'unterminated", translation{}), cache_insert::not_cacheable);

  EXPECT_EQ(f.cache.size(), 0u);
  EXPECT_EQ(f.cache.counters().inserts, 0u);
  EXPECT_EQ(f.lookup(by_email), "<miss>");
}

TEST(translation_cache, inserting_a_key_again_replaces_its_entry) {
  fixture f;
  ASSERT_EQ(f.insert(by_email, by_email_translation()), cache_insert::inserted);
  ASSERT_EQ(f.insert(by_email, make_translation(by_email, {"SELECT 'new', ", slot_of{0, literal_class::text}, ", ",
                                                           slot_of{1, literal_class::integer}})),
            cache_insert::inserted);
  EXPECT_EQ(f.cache.size(), 1u);
  EXPECT_EQ(f.cache.counters().inserts, 2u);
  EXPECT_EQ(f.cache.counters().evictions, 0u);
  EXPECT_EQ(f.lookup(by_email), "SELECT 'new', 'a@b.c', 1");
}

std::string numbered(int i) { return str_cat("SELECT c", i, " FROM t WHERE id = 1"); }

translation numbered_translation(int i) {
  const std::string sql = numbered(i);
  const std::string head = str_cat("SELECT c", i, " FROM t WHERE id = ");
  return make_translation(sql, {std::string_view(head), slot_of{0, literal_class::integer}});
}

std::string numbered_pg(int i, int id) { return str_cat("SELECT c", i, " FROM t WHERE id = ", id); }

TEST(translation_cache, the_entry_bound_evicts_by_clock) {
  fixture f({.max_entries = 3, .max_bytes = 1 << 20});
  for (int i = 0; i < 3; ++i) ASSERT_EQ(f.insert(numbered(i), numbered_translation(i)), cache_insert::inserted);
  EXPECT_EQ(f.cache.size(), 3u);
  // Entries 0 and 2 are used: the hand gives them a second chance and evicts 1.
  EXPECT_EQ(f.lookup(str_cat("SELECT c0 FROM t WHERE id = 9")), numbered_pg(0, 9));
  EXPECT_EQ(f.lookup(str_cat("SELECT c2 FROM t WHERE id = 9")), numbered_pg(2, 9));
  ASSERT_EQ(f.insert(numbered(3), numbered_translation(3)), cache_insert::inserted);
  EXPECT_EQ(f.cache.size(), 3u);
  EXPECT_EQ(f.cache.counters().evictions, 1u);
  EXPECT_EQ(f.lookup(numbered(1)), "<miss>");
  EXPECT_EQ(f.lookup(numbered(0)), numbered_pg(0, 1));
  EXPECT_EQ(f.lookup(numbered(2)), numbered_pg(2, 1));
  EXPECT_EQ(f.lookup(numbered(3)), numbered_pg(3, 1));
}

TEST(translation_cache, the_byte_bound_evicts_and_refuses_what_cannot_fit) {
  fixture probe;
  ASSERT_EQ(probe.insert(numbered(0), numbered_translation(0)), cache_insert::inserted);
  const std::size_t one = probe.cache.bytes();
  ASSERT_GT(one, 0u);

  fixture f({.max_entries = 100, .max_bytes = 2 * one + one / 2});  // two entries fit, three do not
  for (int i = 0; i < 5; ++i) ASSERT_EQ(f.insert(numbered(i), numbered_translation(i)), cache_insert::inserted);
  EXPECT_EQ(f.cache.size(), 2u);
  EXPECT_LE(f.cache.bytes(), f.cache.limits().max_bytes);
  EXPECT_EQ(f.cache.counters().evictions, 3u);
  EXPECT_EQ(f.lookup(numbered(4)), numbered_pg(4, 1));

  fixture tiny({.max_entries = 100, .max_bytes = one - 1});
  EXPECT_EQ(tiny.insert(numbered(0), numbered_translation(0)), cache_insert::too_large);
  EXPECT_EQ(tiny.cache.size(), 0u);
  EXPECT_EQ(tiny.cache.bytes(), 0u);
}

// Many shapes through a small cache: every hit gives that statement's text, the bounds hold, and
// what was just inserted is found (the open-addressing table survives deletions).
TEST(translation_cache, churn_keeps_the_table_consistent) {
  fixture f({.max_entries = 16, .max_bytes = 1 << 20});
  std::mt19937 rng(7);
  std::uint64_t hits = 0;
  for (int round = 0; round < 4000; ++round) {
    const int i = static_cast<int>(rng() % 64);
    const int id = static_cast<int>(rng() % 1000);
    const std::string got = f.lookup(str_cat("SELECT c", i, " FROM t WHERE id = ", id));
    if (got == "<miss>") {
      ASSERT_EQ(f.insert(numbered(i), numbered_translation(i)), cache_insert::inserted);
      ASSERT_EQ(f.lookup(numbered(i)), numbered_pg(i, 1));
    } else {
      ASSERT_EQ(got, numbered_pg(i, id));
      ++hits;
    }
    ASSERT_LE(f.cache.size(), 16u);
  }
  EXPECT_GT(hits, 0u);
  const translation_cache_counters& c = f.cache.counters();
  EXPECT_EQ(c.inserts - c.evictions, f.cache.size());
  // Every live entry is reachable: as many shapes hit as there are entries.
  std::size_t reachable = 0;
  for (int i = 0; i < 64; ++i) reachable += f.lookup(numbered(i)) != "<miss>" ? 1 : 0;
  EXPECT_EQ(reachable, f.cache.size());
  EXPECT_EQ(f.cache.size(), 16u);
  f.cache.clear();
  EXPECT_EQ(f.cache.size(), 0u);
  EXPECT_EQ(f.cache.bytes(), 0u);
  EXPECT_EQ(f.lookup(numbered(0)), "<miss>");
}

TEST(translation_cache, translate_cached_hits_after_a_seeded_entry) {
  translation_cache cache;
  memory_catalog catalog;
  translate_options options;
  options.tables = &catalog;
  options.current_database = "app";
  // Seed through the cache's own key for these options.
  token_buffer tokens;
  tokenize(by_email, {}, tokens);
  ASSERT_EQ(cache.insert(tokens, translation_context::of(options), by_email_translation()), cache_insert::inserted);

  const translate_result r = translate_cached("SELECT name FROM users WHERE email = 'x' AND active = 0", options, cache);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.output.text, "SELECT name FROM users WHERE email = 'x' AND active = 0");
  EXPECT_EQ(r.output.literal_count, 2u);
  ASSERT_EQ(r.output.slots.size(), 2u);
  EXPECT_EQ(r.output.text.substr(r.output.slots[1].output_offset, r.output.slots[1].output_length), "0");

  std::string out;
  const cached_translate_result fast =
      translate_cached_into("SELECT name FROM users WHERE email = 'y' AND active = 1", options, cache, out);
  ASSERT_TRUE(fast.ok);
  EXPECT_TRUE(fast.hit);
  EXPECT_EQ(out, "SELECT name FROM users WHERE email = 'y' AND active = 1");
  EXPECT_EQ(cache.counters().hits, 2u);

  // A catalog change is a new version: the old entry no longer answers.
  catalog.add_table(table_info{"app", "users", {}, {}});
  EXPECT_FALSE(translate_cached_into(by_email, options, cache, out).hit);
}

TEST(translation_cache, translate_cached_reports_what_translate_reports_on_a_miss) {
  translation_cache cache;
  translate_options options;
  const std::string_view sql = "SELECT 1";
  const translate_result direct = translate(sql, options);
  const translate_result cached = translate_cached(sql, options, cache);
  EXPECT_EQ(cached.ok, direct.ok);
  EXPECT_EQ(cached.output.text, direct.output.text);
  EXPECT_EQ(cached.reason.construct, direct.reason.construct);
  EXPECT_EQ(cached.reason.position, direct.reason.position);
  EXPECT_EQ(cache.counters().misses, 1u);
  EXPECT_EQ(cache.size(), direct.ok ? 1u : 0u);
  std::string out;
  const cached_translate_result fast = translate_cached_into(sql, options, cache, out);
  EXPECT_EQ(fast.ok, direct.ok);
  EXPECT_FALSE(fast.hit && !direct.ok);
  if (!direct.ok) {
    EXPECT_EQ(fast.reason.construct, direct.reason.construct);
  }
}

}  // namespace
}  // namespace switchyard::sql
