// The statement classifier on its own, and the per-statement path the issue budgets (lex + digest
// + classify of a point select: at most 300 ns), measured two ways:
//   lex_digest_classify_*: digest_into(text) then classify(text), each lexing the text itself;
//   lex_digest_classify_shared_pass_*: analyze(): one tokenize() into a reused token_buffer (which
//     also collects the literals and the shape hash for the translation cache), then the digest
//     and the classifier read the tokens.
#include <benchmark/benchmark.h>

#include <string>

#include "bench/bench_support.hpp"
#include "sql/classifier.hpp"
#include "sql/digest.hpp"
#include "sql/shared_pass.hpp"

namespace switchyard::sql {
namespace {

using bench::allocation_counter;

constexpr std::string_view multi_update =
    "UPDATE t1 a JOIN t2 b ON a.id = b.id SET b.x = a.y, b.updated = NOW() WHERE a.flag = 1";

void classify_text(benchmark::State& state, std::string_view text) {
  {
    allocation_counter count(state);
    for (auto _ : state) {
      const statement_facts f = classify(text, sql_mode{});
      benchmark::DoNotOptimize(f.kind);
      benchmark::DoNotOptimize(f.table_count);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void digest_and_classify(benchmark::State& state, std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);  // a session keeps its digest buffer
  {
    allocation_counter count(state);
    for (auto _ : state) {
      const digest_result d = digest_into(text, {}, out);
      const statement_facts f = classify(text, sql_mode{});
      benchmark::DoNotOptimize(d.fingerprint);
      benchmark::DoNotOptimize(f.kind);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void shared_pass(benchmark::State& state, std::string_view text) {
  std::string out;
  token_buffer tokens;
  // Warm: a session keeps its buffers, so only the first statement of a new size allocates.
  (void)analyze(text, {}, tokens, out);
  {
    allocation_counter count(state);
    for (auto _ : state) {
      const statement_analysis a = analyze(text, {}, tokens, out);
      benchmark::DoNotOptimize(a.digest.fingerprint);
      benchmark::DoNotOptimize(a.facts.kind);
      benchmark::DoNotOptimize(tokens.shape);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void tokenize_text(benchmark::State& state, std::string_view text) {
  token_buffer tokens;
  tokenize(text, {}, tokens);
  {
    allocation_counter count(state);
    for (auto _ : state) {
      tokenize(text, {}, tokens);
      benchmark::DoNotOptimize(tokens.shape);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void classify_point_select(benchmark::State& state) { classify_text(state, bench::point_select); }
void classify_join_group_by(benchmark::State& state) { classify_text(state, bench::join_group_by); }
void classify_multi_table_update(benchmark::State& state) { classify_text(state, multi_update); }
void lex_digest_classify_point_select(benchmark::State& state) { digest_and_classify(state, bench::point_select); }
void lex_digest_classify_join_group_by(benchmark::State& state) { digest_and_classify(state, bench::join_group_by); }
void lex_digest_classify_shared_pass_point_select(benchmark::State& state) { shared_pass(state, bench::point_select); }
void lex_digest_classify_shared_pass_join_group_by(benchmark::State& state) { shared_pass(state, bench::join_group_by); }
void tokenize_point_select(benchmark::State& state) { tokenize_text(state, bench::point_select); }
void tokenize_join_group_by(benchmark::State& state) { tokenize_text(state, bench::join_group_by); }
BENCHMARK(classify_point_select);
BENCHMARK(classify_join_group_by);
BENCHMARK(classify_multi_table_update);
BENCHMARK(lex_digest_classify_point_select);
BENCHMARK(lex_digest_classify_join_group_by);
BENCHMARK(lex_digest_classify_shared_pass_point_select);
BENCHMARK(lex_digest_classify_shared_pass_join_group_by);
BENCHMARK(tokenize_point_select);
BENCHMARK(tokenize_join_group_by);

}  // namespace
}  // namespace switchyard::sql
