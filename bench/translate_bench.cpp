// MySQL -> PostgreSQL translation, cold and warm, on the four statements over the corpus
// schema (tests/corpus/schema.sql), with a catalog built here by hand:
//   translate_cold_*: sql::translate on every iteration. When the translator refuses the statement
//     the benchmark reports the error (SkipWithError) instead of timing a failure.
//   translate_warm_*: a cache hit through translate_cached_into(), the shared pass (tokenize)
//     included: what a proxy worker pays for a statement it has seen the shape of.
//   translate_warm_hit_only_*: the cache lookup alone, given the statement's tokens (the proxy has
//     them from the digest/classify pass already).
// The warm cache is seeded with sql::translate's translation when it succeeds (seeded_by_translator
// = 1); otherwise with an identity template (seeded_by_translator = 0): the MySQL tokens copied
// with every literal placed in a slot of its class, which has the real translation's literal count
// and about its length, so the hit cost is representative until the translator lands.
// allocs_per_op must be 0 for the warm benchmarks (the caller keeps its output string).
#include <benchmark/benchmark.h>

#include <string>

#include "bench/bench_support.hpp"
#include "common/str_cat.hpp"
#include "sql/catalog.hpp"
#include "sql/shared_pass.hpp"
#include "sql/translate.hpp"
#include "sql/translation_cache.hpp"

namespace switchyard::sql {
namespace {

using bench::allocation_counter;

constexpr std::string_view database = "app";

constexpr std::string_view point_select = "SELECT email, name FROM users WHERE id = 42";

constexpr std::string_view join_group_by =
    "SELECT u.name, COUNT(o.id) AS orders, SUM(i.price * i.qty) AS total "
    "FROM users u JOIN orders o ON o.user_id = u.id "
    "JOIN order_items i ON i.order_id = o.id "
    "WHERE u.created_at > '2024-01-01' AND o.status IN ('paid', 'shipped') "
    "GROUP BY u.name HAVING COUNT(o.id) > 5 ORDER BY total DESC LIMIT 10";

constexpr std::string_view on_duplicate_key_update =
    "INSERT INTO counters (name, hits, touched) VALUES ('home', 1, '2024-05-01 10:00:00') "
    "ON DUPLICATE KEY UPDATE hits = hits + VALUES(hits), touched = VALUES(touched)";

std::string insert_100_rows() {
  std::string s = "INSERT INTO order_items (order_id, line_no, product_id, qty, price) VALUES ";
  for (int i = 1; i <= 100; ++i) {
    if (i > 1) s += ", ";
    str_append(s, "(", 1000 + i / 4, ", ", i % 4 + 1, ", ", 17 * i % 389, ", ", i % 5 + 1, ", ", i % 90, ".", i % 100,
               ")");
  }
  return s;
}

column_info column(std::string name, std::string mysql_type, std::string pg_type, type_category category,
                   bool nullable = false) {
  column_info c;
  c.name = std::move(name);
  c.mysql_type = std::move(mysql_type);
  c.pg_type = std::move(pg_type);
  c.category = category;
  c.nullable = nullable;
  if (category == type_category::text) {
    c.collation = "utf8mb4_general_ci";
    c.case_insensitive = true;
  }
  return c;
}

table_info table(std::string name, std::vector<column_info> columns, std::vector<unique_key> keys) {
  table_info t;
  t.schema = std::string(database);
  t.name = std::move(name);
  t.columns = std::move(columns);
  t.unique_keys = std::move(keys);
  return t;
}

// The corpus schema's tables the benchmarks touch, as the catalog loader will describe them.
const memory_catalog& corpus_catalog() {
  static const memory_catalog catalog = [] {
    using tc = type_category;
    memory_catalog c;
    c.add_table(table("users",
                      {column("id", "int(10) unsigned", "bigint", tc::integer),
                       column("email", "varchar(255)", "varchar(255)", tc::text),
                       column("name", "varchar(100)", "varchar(100)", tc::text, true),
                       column("active", "tinyint(1)", "boolean", tc::boolean),
                       column("balance", "decimal(12,2)", "numeric(12,2)", tc::decimal),
                       column("score", "double", "double precision", tc::floating, true),
                       column("age", "tinyint(3) unsigned", "smallint", tc::integer, true),
                       column("logins", "bigint(20) unsigned", "numeric(20)", tc::decimal),
                       column("role", "enum('admin','member','guest')", "text", tc::enumeration),
                       column("profile", "json", "jsonb", tc::json, true),
                       column("created_at", "datetime", "timestamp", tc::datetime),
                       column("updated_at", "timestamp", "timestamptz", tc::timestamp, true)},
                      {{"PRIMARY", {"id"}}, {"uq_users_email", {"email"}}}));
    c.add_table(table("orders",
                      {column("id", "bigint(20)", "bigint", tc::integer),
                       column("user_id", "int(10) unsigned", "bigint", tc::integer),
                       column("status", "varchar(20)", "varchar(20)", tc::text),
                       column("total", "decimal(10,2)", "numeric(10,2)", tc::decimal),
                       column("placed_at", "datetime(6)", "timestamp(6)", tc::datetime),
                       column("code", "char(8)", "char(8)", tc::text), column("note", "text", "text", tc::text, true)},
                      {{"PRIMARY", {"id"}}, {"uq_orders_code", {"code"}}}));
    c.add_table(table("order_items",
                      {column("order_id", "bigint(20)", "bigint", tc::integer),
                       column("line_no", "smallint(6)", "smallint", tc::integer),
                       column("product_id", "int(11)", "integer", tc::integer),
                       column("qty", "int(11)", "integer", tc::integer),
                       column("price", "decimal(10,2)", "numeric(10,2)", tc::decimal)},
                      {{"PRIMARY", {"order_id", "line_no"}}}));
    c.add_table(table("products",
                      {column("id", "int(11)", "integer", tc::integer),
                       column("sku", "varchar(32)", "varchar(32)", tc::text),
                       column("name", "varchar(200)", "varchar(200)", tc::text),
                       column("price", "decimal(10,2)", "numeric(10,2)", tc::decimal),
                       column("stock", "int(11)", "integer", tc::integer)},
                      {{"PRIMARY", {"id"}}, {"uq_products_barcode", {"barcode"}}, {"uq_products_sku", {"sku"}}}));
    c.add_table(table("counters",
                      {column("name", "varchar(64)", "varchar(64)", tc::text),
                       column("hits", "bigint(20)", "bigint", tc::integer),
                       column("touched", "datetime", "timestamp", tc::datetime, true)},
                      {{"PRIMARY", {"name"}}}));
    return c;
  }();
  return catalog;
}

translate_options options() {
  translate_options o;
  o.current_database = database;
  o.tables = &corpus_catalog();
  return o;
}

// The identity template: tokens copied, literals in slots of their class.
translation identity_translation(const token_buffer& tokens) {
  translation t;
  std::string scratch;
  for (const token& tok : tokens.tokens) {
    if (!t.text.empty()) t.text += ' ';
    if (!is_literal_token(tok)) {
      t.text += token_text(tok, tokens.source);
      continue;
    }
    const std::uint32_t index = t.literal_count++;
    const literal_class cls = classify_literal(tok, tokens.source, tokens.mode, scratch);
    const auto begin = static_cast<std::uint32_t>(t.text.size());
    if (!append_pg_literal(tok, tokens.source, tokens.mode, cls, scratch, t.text)) t.baked.push_back(index);
    t.slots.push_back({begin, static_cast<std::uint32_t>(t.text.size()) - begin, index, cls});
  }
  return t;
}

// Seeds `cache` with the statement's translation; false (and the state skipped) when it cannot.
bool seed(benchmark::State& state, translation_cache& cache, std::string_view text, const translate_options& o) {
  token_buffer tokens;
  tokenize(text, o.mode, tokens);
  translate_result r = translate(text, o);
  state.counters["seeded_by_translator"] = r.ok ? 1 : 0;
  const translation t = r.ok ? std::move(r.output) : identity_translation(tokens);
  if (cache.insert(tokens, translation_context::of(o), t) != cache_insert::inserted) {
    state.SkipWithError("the translation could not be cached");
    return false;
  }
  return true;
}

void cold(benchmark::State& state, std::string_view text) {
  const translate_options o = options();
  if (const translate_result first = translate(text, o); !first.ok) {
    state.SkipWithError(str_cat("translate: unsupported ", first.reason.construct, " at ", first.reason.position).c_str());
    return;
  }
  for (auto _ : state) {
    const translate_result r = translate(text, o);
    benchmark::DoNotOptimize(r.output.text.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void warm(benchmark::State& state, std::string_view text) {
  const translate_options o = options();
  translation_cache cache;
  if (!seed(state, cache, text, o)) return;
  std::string out;
  if (!translate_cached_into(text, o, cache, out).hit) {  // also warms `out` and the token buffer
    state.SkipWithError("no cache hit");
    return;
  }
  {
    allocation_counter count(state);
    for (auto _ : state) {
      const cached_translate_result r = translate_cached_into(text, o, cache, out);
      benchmark::DoNotOptimize(r.hit);
      benchmark::DoNotOptimize(out.data());
    }
  }
  if (cache.counters().misses != 0) state.SkipWithError("a warm iteration missed the cache");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void warm_hit_only(benchmark::State& state, std::string_view text) {
  const translate_options o = options();
  translation_cache cache;
  if (!seed(state, cache, text, o)) return;
  token_buffer tokens;
  tokenize(text, o.mode, tokens);
  const translation_context context = translation_context::of(o);
  std::string out;
  if (!cache.lookup(tokens, context, out).hit) {
    state.SkipWithError("no cache hit");
    return;
  }
  {
    allocation_counter count(state);
    for (auto _ : state) {
      const cache_lookup r = cache.lookup(tokens, context, out);
      benchmark::DoNotOptimize(r.hit);
      benchmark::DoNotOptimize(out.data());
    }
  }
  if (cache.counters().misses != 0) state.SkipWithError("a warm iteration missed the cache");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

const std::string& insert_rows() {
  static const std::string text = insert_100_rows();
  return text;
}

void translate_cold_point_select(benchmark::State& s) { cold(s, point_select); }
void translate_cold_join_group_by(benchmark::State& s) { cold(s, join_group_by); }
void translate_cold_insert_100_rows(benchmark::State& s) { cold(s, insert_rows()); }
void translate_cold_on_duplicate_key_update(benchmark::State& s) { cold(s, on_duplicate_key_update); }
void translate_warm_point_select(benchmark::State& s) { warm(s, point_select); }
void translate_warm_join_group_by(benchmark::State& s) { warm(s, join_group_by); }
void translate_warm_insert_100_rows(benchmark::State& s) { warm(s, insert_rows()); }
void translate_warm_on_duplicate_key_update(benchmark::State& s) { warm(s, on_duplicate_key_update); }
void translate_warm_hit_only_point_select(benchmark::State& s) { warm_hit_only(s, point_select); }
void translate_warm_hit_only_join_group_by(benchmark::State& s) { warm_hit_only(s, join_group_by); }
void translate_warm_hit_only_insert_100_rows(benchmark::State& s) { warm_hit_only(s, insert_rows()); }
void translate_warm_hit_only_on_duplicate_key_update(benchmark::State& s) { warm_hit_only(s, on_duplicate_key_update); }
BENCHMARK(translate_cold_point_select);
BENCHMARK(translate_cold_join_group_by);
BENCHMARK(translate_cold_insert_100_rows);
BENCHMARK(translate_cold_on_duplicate_key_update);
BENCHMARK(translate_warm_point_select);
BENCHMARK(translate_warm_join_group_by);
BENCHMARK(translate_warm_insert_100_rows);
BENCHMARK(translate_warm_on_duplicate_key_update);
BENCHMARK(translate_warm_hit_only_point_select);
BENCHMARK(translate_warm_hit_only_join_group_by);
BENCHMARK(translate_warm_hit_only_insert_100_rows);
BENCHMARK(translate_warm_hit_only_on_duplicate_key_update);

}  // namespace
}  // namespace switchyard::sql
