// The global operator new, replaced to count heap allocations (bench_support.hpp).
#include <cstdlib>
#include <new>

#include "bench/bench_support.hpp"
#include "common/str_cat.hpp"

namespace switchyard::bench {

std::atomic<std::uint64_t> heap_allocations{0};

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

}  // namespace switchyard::bench

// GCC pairs the inlined malloc with the sized delete's free and warns; they do match.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void* operator new(std::size_t n) {
  switchyard::bench::heap_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
