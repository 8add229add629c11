// The translation cache's contract with the translator: whatever the cache answers for a
// statement equals what sql::translate answers for it. Checked on pairs of statements of one shape,
// and on statement templates over the corpus schema filled with random literals of each kind
// (quotes, backslashes, NUL, invalid UTF-8, comment and $-quote look-alikes).
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "sql/ddl_catalog.hpp"
#include "sql/translation_cache.hpp"

namespace switchyard::sql {
namespace {

const memory_catalog& corpus_catalog() {
  static const memory_catalog catalog = [] {
    std::ifstream in(std::string(SWITCHYARD_SOURCE_DIR) + "/tests/corpus/schema.sql");
    std::stringstream text;
    text << in.rdbuf();
    memory_catalog c;
    const ddl_apply_result loaded = load_catalog_from_schema_sql(text.str(), "app", c);
    EXPECT_TRUE(loaded.ok) << loaded.error;
    return c;
  }();
  return catalog;
}

// The cache's contract with the translator: for two statements of one shape, a hit on the first's
// entry gives exactly what sql::translate gives for the second; and a hit is what happens when
// only placed literals' values change within their classes.
enum class expect { hit, miss, either };
struct same_shape_pair {
  std::string_view first, second;
  expect outcome;
};
constexpr same_shape_pair same_shape_pairs[] = {
    {"SELECT email, name FROM users WHERE id = 42", "SELECT email, name FROM users WHERE id = 7", expect::hit},
    {"SELECT * FROM users WHERE email = 'a@b.c'", "SELECT * FROM users WHERE email = 'it''s \\\\ \\' \"q\"'",
     expect::hit},
    {"SELECT * FROM users WHERE email = 'a'", "SELECT * FROM users WHERE email = 'x\\0y'", expect::miss},
    {"SELECT id FROM orders WHERE total > 1.5 AND status IN ('paid', 'new')",
     "SELECT id FROM orders WHERE total > 99.99 AND status IN ('x', '')", expect::hit},
    {"SELECT id FROM orders WHERE total > 1", "SELECT id FROM orders WHERE total > 1.5", expect::miss},
    {"SELECT id FROM users WHERE active = 1", "SELECT id FROM users WHERE active = 0", expect::either},
    {"INSERT INTO counters (name, hits) VALUES ('a', 1) ON DUPLICATE KEY UPDATE hits = hits + 1",
     "INSERT INTO counters (name, hits) VALUES ('b''c', 2) ON DUPLICATE KEY UPDATE hits = hits + 5", expect::hit},
    {"UPDATE products SET stock = stock - 1 WHERE sku = 'A-1' LIMIT 1",
     "UPDATE products SET stock = stock - 3 WHERE sku = 'B-2' LIMIT 1", expect::hit},
    {"SELECT DATE_FORMAT(placed_at, '%Y-%m') FROM orders WHERE id = 1",
     "SELECT DATE_FORMAT(placed_at, '%d') FROM orders WHERE id = 2", expect::miss},
    {"SELECT X'41', 0x42, b'1' FROM users WHERE id = 1", "SELECT X'00ff', 0xffff, b'101' FROM users WHERE id = 2",
     expect::either},
};

int check_hits_equal_translations(const translate_options& options) {
  int compared = 0;
  for (const same_shape_pair& p : same_shape_pairs) {
    const translate_result a = translate(p.first, options);
    const translate_result b = translate(p.second, options);
    if (!a.ok || !b.ok) continue;
    translation_cache cache;
    token_buffer tokens;
    tokenize(p.first, options.mode, tokens);
    EXPECT_EQ(cache.insert(tokens, translation_context::of(options), a.output), cache_insert::inserted)
        << "the translator's slots do not fit its own text: " << p.first;
    const translate_result cached = translate_cached(p.second, options, cache);
    EXPECT_TRUE(cached.ok) << p.second;
    EXPECT_EQ(cached.output.text, b.output.text) << p.first << " -> " << p.second;
    EXPECT_EQ(cached.output.parameter_count, b.output.parameter_count) << p.second;
    EXPECT_EQ(cached.output.notes, b.output.notes) << p.second;
    if (p.outcome != expect::either) {
      EXPECT_EQ(cache.counters().hits, p.outcome == expect::hit ? 1u : 0u) << p.second << "\n" << a.output.text;
    }
    ++compared;
  }
  return compared;
}

TEST(translation_cache_contract, a_hit_equals_translating_the_statement) {
  translate_options options;
  options.current_database = "app";
  options.tables = &corpus_catalog();
  const int with_catalog = check_hits_equal_translations(options);
  RecordProperty("pairs_compared_with_catalog", with_catalog);
  EXPECT_GE(with_catalog, 8) << "the translator refuses most of these statements";
  options.tables = nullptr;  // no column types: other translations, the same contract
  RecordProperty("pairs_compared_without_catalog", check_hits_equal_translations(options));
}


// Templates: {i} integer, {n} integer below 2^63, {d} decimal, {f} float, {s} string, {x} hex,
// {b} bit literal.
constexpr std::string_view templates[] = {
    "SELECT email, name FROM users WHERE id = {i}",
    "SELECT * FROM users WHERE email = {s}",
    "SELECT id FROM users WHERE name LIKE {s}",
    "SELECT id, total FROM orders WHERE total BETWEEN {d} AND {d} ORDER BY id LIMIT {n}",
    "SELECT id FROM orders WHERE status IN ({s}, {s}, {s})",
    "SELECT COUNT(*) FROM orders WHERE user_id = {i} AND placed_at > {s}",
    "SELECT CONCAT(name, {s}) FROM users WHERE id = {i}",
    "SELECT IFNULL(name, {s}) FROM users WHERE age > {i}",
    "SELECT id FROM users WHERE score > {f}",
    "INSERT INTO users (email, name, balance) VALUES ({s}, {s}, {d})",
    "INSERT INTO counters (name, hits) VALUES ({s}, {i}) ON DUPLICATE KEY UPDATE hits = hits + {i}",
    "UPDATE products SET stock = stock - {i} WHERE sku = {s}",
    "DELETE FROM order_items WHERE order_id = {i} AND line_no = {i}",
    "INSERT INTO blobs (k, v) VALUES ({x}, {s})",
    "SELECT k FROM blobs WHERE k = {x}",
    "INSERT INTO events (kind, flags) VALUES ({s}, {b})",
    "SELECT SUBSTRING(name, {i}, {i}) FROM users",
    "SELECT id FROM products WHERE released >= {s} AND price < {d}",
    "SELECT DATE_ADD(created_at, INTERVAL {i} DAY) FROM users WHERE id = {i}",
    "SELECT LPAD(name, {i}, {s}) FROM users",
    "REPLACE INTO pairs (id, a, b, label) VALUES ({i}, {i}, {i}, {s})",
    "INSERT IGNORE INTO products (sku, name, price) VALUES ({s}, {s}, {d})",
    "SELECT u.name, SUM(o.total) FROM users u JOIN orders o ON o.user_id = u.id WHERE o.status = {s} "
    "GROUP BY u.name HAVING SUM(o.total) > {d}",
    "UPDATE users SET balance = balance + {d} WHERE id = {i} LIMIT 1",
    "SELECT JSON_EXTRACT(profile, {s}) FROM users WHERE id = {i}",
    "SELECT id FROM users WHERE role = {s}",
    "SELECT name FROM users ORDER BY id LIMIT {n}, {n}",
    "SELECT {i} + {i}, {d} * {i}, {s}",
    "SELECT id FROM orders WHERE code = {s}",
    "SELECT DATE_FORMAT(placed_at, {s}) FROM orders",
    "INSERT INTO order_items (order_id, line_no, product_id, qty, price) VALUES ({i}, {i}, {i}, {i}, {d}), "
    "({i}, {i}, {i}, {i}, {d})",
    "SELECT id FROM events WHERE flags = {b} OR kind = {s}",
    "SELECT name FROM users WHERE id IN ({i}, {i}) AND email <> {s}",
};

std::string random_literal(char kind, std::mt19937& rng) {
  static constexpr std::string_view integers[] = {"0", "1", "7", "42", "2147483647", "18446744073709551615",
                                                  "99999999999999999999"};
  static constexpr std::string_view small_integers[] = {"0", "1", "5", "42", "1000", "9223372036854775807"};
  static constexpr std::string_view decimals[] = {"1.5", ".5", "12.", "0.00", "123456789.987654321"};
  static constexpr std::string_view floats[] = {"1e3", "1.5E-3", "2e+10", ".5e1"};
  static constexpr std::string_view strings[] = {
      "'a'", "''", "'it''s'", "'a\\'b'", "'back\\\\slash'", "'new\\nline'", "'nul\\0byte'",
      "'\xc3\xa9t\xc3\xa9'", "'bad \xff utf8'", "'-- not a comment'", "'/* nor this */'", "'$$dollar$$'",
      "'50%\\_off'", "\"double 'quoted'\"", "'2024-01-01'", "'2024-05-01 10:00:00'", "'%Y-%m-%d'", "'$.a'",
      "'admin'", "'x'"};
  static constexpr std::string_view hexes[] = {"X'41'", "0x4142", "X''", "0xff00", "X'00'"};
  static constexpr std::string_view bits[] = {"b'1'", "0b101", "b'11111111'", "b'0'"};
  const auto pick = [&rng](const auto& list) { return std::string(list[rng() % std::size(list)]); };
  switch (kind) {
    case 'i': return pick(integers);
    case 'n': return pick(small_integers);
    case 'd': return pick(decimals);
    case 'f': return pick(floats);
    case 'x': return pick(hexes);
    case 'b': return pick(bits);
    default: return pick(strings);
  }
}

std::string fill(std::string_view pattern, std::mt19937& rng) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}') {
      out += random_literal(pattern[i + 1], rng);
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

// Statements whose translation depends on a literal's value: LIMIT 18446744073709551615 becomes
// LIMIT ALL, and a boolean column compared with 0 or 1 takes true/false while another integer
// compares as (active)::int. The translator bakes those literals, so a hit never re-encodes a
// value into the wrong form (both once slipped through as placed literals).
constexpr std::string_view value_dependent_templates[] = {
    "SELECT name FROM users ORDER BY id LIMIT {i}",
    "SELECT id FROM users WHERE active = {i}",
};

struct contract_counts {
  std::uint64_t checked = 0;
  std::uint64_t hits = 0;
};

contract_counts check_templates(std::span<const std::string_view> patterns) {
  translate_options options;
  options.current_database = "app";
  options.tables = &corpus_catalog();
  std::mt19937 rng(20261124);
  contract_counts counts;
  std::uint64_t& checked = counts.checked;
  std::uint64_t& hits = counts.hits;
  for (const std::string_view pattern : patterns) {
    translation_cache cache;
    for (int round = 0; round < 40; ++round) {
      const std::string sql = fill(pattern, rng);
      const translate_result direct = translate(sql, options);
      const std::uint64_t hits_before = cache.counters().hits;
      const translate_result cached = translate_cached(sql, options, cache);
      EXPECT_EQ(cached.ok, direct.ok) << sql;
      if (!direct.ok || !cached.ok) continue;
      EXPECT_EQ(cached.output.text, direct.output.text) << sql << (cache.counters().hits > hits_before ? " (hit)" : "");
      EXPECT_EQ(cached.output.parameter_count, direct.output.parameter_count) << sql;
      EXPECT_EQ(cached.output.notes, direct.output.notes) << sql;
      // The translator's own slots must fit its text, or nothing would ever be cached.
      token_buffer tokens;
      tokenize(sql, options.mode, tokens);
      translation_cache fresh;
      EXPECT_EQ(fresh.insert(tokens, translation_context::of(options), direct.output), cache_insert::inserted) << sql;
      if (::testing::Test::HasFailure()) return counts;
      ++checked;
    }
    hits += cache.counters().hits;
  }
  return counts;
}

TEST(translation_cache_contract, random_literals_through_the_cache_translate_as_without_it) {
  const contract_counts counts = check_templates(templates);
  RecordProperty("statements_checked", static_cast<int>(counts.checked));
  RecordProperty("cache_hits", static_cast<int>(counts.hits));
  EXPECT_GT(counts.checked, 600u) << "the translator refuses most of these statements";
  EXPECT_GT(counts.hits, counts.checked / 3) << "the cache rarely hits";
}

TEST(translation_cache_contract, value_dependent_translations_of_placed_literals) {
  const contract_counts counts = check_templates(value_dependent_templates);
  EXPECT_GT(counts.checked, 0u);
}

}  // namespace
}  // namespace switchyard::sql
