// The proxy's per-response hot path: the response tracker over typical responses, next to the
// reference every relay pays anyway (copying the same bytes once).
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>

#include "protocol/framing.hpp"
#include "protocol/response_tracker.hpp"

namespace switchyard::protocol {
namespace {

constexpr std::uint32_t caps = capability::protocol_41 | capability::deprecate_eof;

void add_packet(bytes& wire, std::uint8_t& seq, std::initializer_list<std::uint8_t> payload) {
  const bytes p(payload);
  append_message(wire, p, seq);
}

// A result set as MariaDB sends it with DEPRECATE_EOF: count, definitions, rows, 0xFE OK.
bytes result_set(int columns, int rows) {
  bytes wire;
  std::uint8_t seq = 1;
  add_packet(wire, seq, {static_cast<std::uint8_t>(columns)});
  for (int c = 0; c < columns; ++c)
    add_packet(wire, seq, {3, 'd', 'e', 'f', 2, 's', 'b', 7, 's', 'b', 't', 'e', 's', 't', '1', 7, 's', 'b', 't', 'e', 's', 't', '1',
                           1, 'c', 1, 'c', 0x0c, 0x2d, 0, 0x78, 0, 0, 0, 0xfe, 0, 0, 0, 0, 0});
  for (int r = 0; r < rows; ++r) {
    bytes row;
    for (int c = 0; c < columns; ++c) {
      const std::string value(120, static_cast<char>('a' + (r + c) % 26));
      row.push_back(static_cast<std::uint8_t>(value.size()));
      row.insert(row.end(), value.begin(), value.end());
    }
    append_message(wire, row, seq);
  }
  add_packet(wire, seq, {0xfe, 0, 0, 0x02, 0, 0, 0});
  return wire;
}

void track(benchmark::State& state, const bytes& wire) {
  response_tracker t;
  for (auto _ : state) {
    t.start(response_kind::text_result, caps, 0, 1);
    benchmark::DoNotOptimize(t.feed(wire));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * wire.size()));
}

void copy(benchmark::State& state, const bytes& wire) {
  bytes out(wire.size());
  for (auto _ : state) {
    std::memcpy(out.data(), wire.data(), wire.size());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * wire.size()));
}

// oltp_point_select's answer: one column, one row.
void track_point_select(benchmark::State& state) { track(state, result_set(1, 1)); }
void reference_copy_point_select(benchmark::State& state) { copy(state, result_set(1, 1)); }
// oltp_read_only's range query: 100 rows.
void track_100_rows(benchmark::State& state) { track(state, result_set(1, 100)); }
void reference_copy_100_rows(benchmark::State& state) { copy(state, result_set(1, 100)); }

BENCHMARK(track_point_select);
BENCHMARK(reference_copy_point_select);
BENCHMARK(track_100_rows);
BENCHMARK(reference_copy_100_rows);

}  // namespace
}  // namespace switchyard::protocol
