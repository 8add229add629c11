// Micro benchmarks of the SQL hot path: lexing and digesting a statement. Each reports heap
// allocations per operation (allocs_per_op, counted by the replaced operator new in
// allocations.cpp), which must be 0 for the lexer and for a digest into a warm buffer.
#include <benchmark/benchmark.h>

#include <string>

#include "bench/bench_support.hpp"
#include "sql/digest.hpp"
#include "sql/lexer.hpp"

namespace switchyard::sql {
namespace {

using bench::allocation_counter;

void lex(benchmark::State& state, std::string_view text) {
  std::uint64_t tokens = 0;
  {
    allocation_counter count(state);
    for (auto _ : state) {
      lexer lx(text);
      for (token t = lx.next(); t.kind != token_kind::end; t = lx.next()) ++tokens;
      benchmark::DoNotOptimize(tokens);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["tokens"] = benchmark::Counter(static_cast<double>(tokens) / static_cast<double>(state.iterations()));
}

void digest_text(benchmark::State& state, std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);  // warm: a session keeps its digest buffer
  {
    allocation_counter count(state);
    for (auto _ : state) {
      const digest_result r = digest_into(text, {}, out);
      benchmark::DoNotOptimize(r.fingerprint);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void lex_point_select(benchmark::State& state) { lex(state, bench::point_select); }
void lex_join_group_by(benchmark::State& state) { lex(state, bench::join_group_by); }
void lex_insert_100_rows(benchmark::State& state) {
  const std::string text = bench::insert_100_rows();
  lex(state, text);
}
void digest_point_select(benchmark::State& state) { digest_text(state, bench::point_select); }
void digest_join_group_by(benchmark::State& state) { digest_text(state, bench::join_group_by); }
void digest_insert_100_rows(benchmark::State& state) {
  const std::string text = bench::insert_100_rows();
  digest_text(state, text);
}
BENCHMARK(lex_point_select);
BENCHMARK(lex_join_group_by);
BENCHMARK(lex_insert_100_rows);
BENCHMARK(digest_point_select);
BENCHMARK(digest_join_group_by);
BENCHMARK(digest_insert_100_rows);

}  // namespace
}  // namespace switchyard::sql
