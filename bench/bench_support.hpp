// What the SQL benchmarks share: the statements they measure, and heap-allocation counting (the
// global operator new is replaced in allocations.cpp to count every allocation of the process).
#pragma once
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace switchyard::bench {

extern std::atomic<std::uint64_t> heap_allocations;

// Reports allocs_per_op (heap allocations per iteration) for the loop run in its scope.
struct allocation_counter {
  explicit allocation_counter(benchmark::State& state) : state_(state), before_(heap_allocations.load()) {}
  ~allocation_counter() {
    const auto n = static_cast<double>(heap_allocations.load() - before_);
    state_.counters["allocs_per_op"] =
        benchmark::Counter(n / static_cast<double>(state_.iterations() ? state_.iterations() : 1));
  }
  allocation_counter(const allocation_counter&) = delete;
  allocation_counter& operator=(const allocation_counter&) = delete;

  benchmark::State& state_;
  std::uint64_t before_;
};

// sysbench's point select.
inline constexpr std::string_view point_select = "SELECT c FROM sbtest1 WHERE id=42";

// A 3-table join with GROUP BY.
inline constexpr std::string_view join_group_by =
    "SELECT c.name, COUNT(o.id) AS orders, SUM(i.price * i.quantity) AS total "
    "FROM customers c JOIN orders o ON o.customer_id = c.id "
    "JOIN order_items i ON i.order_id = o.id "
    "WHERE c.created_at > '2024-01-01' AND o.status IN ('paid', 'shipped') "
    "GROUP BY c.name HAVING COUNT(o.id) > 5 ORDER BY total DESC LIMIT 10";

// sysbench's bulk insert shape: 100 rows of (id, k, c, pad).
[[nodiscard]] std::string insert_100_rows();

}  // namespace switchyard::bench
