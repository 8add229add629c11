// The statement classifier on its own and on the cache-miss path the issue budgets (lex + digest
// + classify of a point select: at most 300 ns). classify lexes the text itself, so
// `digest_and_classify` is the whole path: the digest's lexing pass plus the classifier's.
#include <benchmark/benchmark.h>

#include <string>

#include "sql/classifier.hpp"
#include "sql/digest.hpp"

namespace switchyard::sql {
namespace {

constexpr std::string_view cls_point_select = "SELECT c FROM sbtest1 WHERE id=42";

constexpr std::string_view cls_join_group_by =
    "SELECT c.name, COUNT(o.id) AS orders, SUM(i.price * i.quantity) AS total "
    "FROM customers c JOIN orders o ON o.customer_id = c.id "
    "JOIN order_items i ON i.order_id = o.id "
    "WHERE c.created_at > '2024-01-01' AND o.status IN ('paid', 'shipped') "
    "GROUP BY c.name HAVING COUNT(o.id) > 5 ORDER BY total DESC LIMIT 10";

constexpr std::string_view cls_multi_update =
    "UPDATE t1 a JOIN t2 b ON a.id = b.id SET b.x = a.y, b.updated = NOW() WHERE a.flag = 1";

void classify_text(benchmark::State& state, std::string_view text) {
  for (auto _ : state) {
    const statement_facts f = classify(text, sql_mode{});
    benchmark::DoNotOptimize(f.kind);
    benchmark::DoNotOptimize(f.table_count);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void digest_and_classify(benchmark::State& state, std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);  // a session keeps its digest buffer
  for (auto _ : state) {
    const digest_result d = digest_into(text, {}, out);
    const statement_facts f = classify(text, sql_mode{});
    benchmark::DoNotOptimize(d.fingerprint);
    benchmark::DoNotOptimize(f.kind);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void classify_point_select(benchmark::State& state) { classify_text(state, cls_point_select); }
void classify_join_group_by(benchmark::State& state) { classify_text(state, cls_join_group_by); }
void classify_multi_table_update(benchmark::State& state) { classify_text(state, cls_multi_update); }
void lex_digest_classify_point_select(benchmark::State& state) { digest_and_classify(state, cls_point_select); }
void lex_digest_classify_join_group_by(benchmark::State& state) { digest_and_classify(state, cls_join_group_by); }
BENCHMARK(classify_point_select);
BENCHMARK(classify_join_group_by);
BENCHMARK(classify_multi_table_update);
BENCHMARK(lex_digest_classify_point_select);
BENCHMARK(lex_digest_classify_join_group_by);

}  // namespace
}  // namespace switchyard::sql
