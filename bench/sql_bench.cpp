// Micro benchmarks of the SQL hot path: lexing and digesting a statement. The global operator new
// is replaced in this binary to count heap allocations; the sql benchmarks report them per
// operation (allocs_per_op), which must be 0 for the lexer and for a digest into a warm buffer.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include "common/str_cat.hpp"
#include "sql/digest.hpp"
#include "sql/lexer.hpp"

namespace {
std::atomic<std::uint64_t> heap_allocations{0};
}  // namespace

// GCC pairs the inlined malloc with the sized delete's free and warns; they do match.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void* operator new(std::size_t n) {
  heap_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace switchyard::sql {
namespace {

constexpr std::string_view point_select = "SELECT c FROM sbtest1 WHERE id=42";

constexpr std::string_view join_group_by =
    "SELECT c.name, COUNT(o.id) AS orders, SUM(i.price * i.quantity) AS total "
    "FROM customers c JOIN orders o ON o.customer_id = c.id "
    "JOIN order_items i ON i.order_id = o.id "
    "WHERE c.created_at > '2024-01-01' AND o.status IN ('paid', 'shipped') "
    "GROUP BY c.name HAVING COUNT(o.id) > 5 ORDER BY total DESC LIMIT 10";

std::string insert_100_rows() {
  std::string s = "INSERT INTO sbtest1 (id, k, c, pad) VALUES ";
  for (int i = 1; i <= 100; ++i) {
    if (i > 1) s += ", ";
    str_append(s, "(", i, ", ", 4993 + i * 7,
               ", '83868641912-28773972837-60736120486-75162659906-27563526494-20381887404-41576422241', "
               "'67847967377-48000963322-62604785301-91415491898-96926520291')");
  }
  return s;
}

struct allocation_counter {
  explicit allocation_counter(benchmark::State& state) : state_(state), before_(heap_allocations.load()) {}
  ~allocation_counter() {
    const auto n = static_cast<double>(heap_allocations.load() - before_);
    state_.counters["allocs_per_op"] =
        benchmark::Counter(n / static_cast<double>(state_.iterations() ? state_.iterations() : 1));
  }
  benchmark::State& state_;
  std::uint64_t before_;
};

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

void lex_point_select(benchmark::State& state) { lex(state, point_select); }
void lex_join_group_by(benchmark::State& state) { lex(state, join_group_by); }
void lex_insert_100_rows(benchmark::State& state) {
  const std::string text = insert_100_rows();
  lex(state, text);
}
void digest_point_select(benchmark::State& state) { digest_text(state, point_select); }
void digest_join_group_by(benchmark::State& state) { digest_text(state, join_group_by); }
void digest_insert_100_rows(benchmark::State& state) {
  const std::string text = insert_100_rows();
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
