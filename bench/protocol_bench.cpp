// Micro benchmarks of the protocol hot paths: framing and row decoding.
#include <benchmark/benchmark.h>

#include "protocol/framing.hpp"
#include "protocol/rows.hpp"

namespace switchyard::protocol {
namespace {

constexpr std::size_t small_payload = 100;
constexpr std::size_t big_payload = 20u << 20;  // 20 MiB: two full packets and a partial one

bytes payload_of(std::size_t n) { return bytes(n, 0x61); }

bytes framed(const bytes& payload) {
  bytes wire;
  std::uint8_t seq = 0;
  append_message(wire, payload, seq);
  return wire;
}

void append_message_small(benchmark::State& state) {
  const bytes payload = payload_of(small_payload);
  bytes wire;
  for (auto _ : state) {
    wire.clear();  // keeps its capacity, as a session's output buffer does
    std::uint8_t seq = 0;
    append_message(wire, payload, seq);
    benchmark::DoNotOptimize(wire.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * small_payload));
}
BENCHMARK(append_message_small);

void append_message_big(benchmark::State& state) {
  const bytes payload = payload_of(big_payload);
  bytes wire;
  for (auto _ : state) {
    wire.clear();
    std::uint8_t seq = 0;
    append_message(wire, payload, seq);
    benchmark::DoNotOptimize(wire.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * big_payload));
}
BENCHMARK(append_message_big)->Unit(benchmark::kMillisecond)->MinTime(0.2);

void scan_message_small(benchmark::State& state) {
  const bytes wire = framed(payload_of(small_payload));
  for (auto _ : state) benchmark::DoNotOptimize(scan_message(wire, 0, big_payload));
}
BENCHMARK(scan_message_small);

void scan_message_big(benchmark::State& state) {
  const bytes wire = framed(payload_of(big_payload));
  for (auto _ : state) benchmark::DoNotOptimize(scan_message(wire, 0, big_payload));
}
BENCHMARK(scan_message_big);

void join_payload_big(benchmark::State& state) {
  const bytes wire = framed(payload_of(big_payload));
  bytes joined;
  for (auto _ : state) {
    joined.clear();
    join_payload(wire, joined);
    benchmark::DoNotOptimize(joined.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * big_payload));
}
BENCHMARK(join_payload_big)->Unit(benchmark::kMillisecond)->MinTime(0.2);

// The reference for append and join: copying the same 20 MiB once.
void reference_copy_big(benchmark::State& state) {
  const bytes payload = payload_of(big_payload);
  bytes out;
  for (auto _ : state) {
    out.assign(payload.begin(), payload.end());
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * big_payload));
}
BENCHMARK(reference_copy_big)->Unit(benchmark::kMillisecond)->MinTime(0.2);

// A typical 10-column text row: ids, names, a timestamp, a price, a NULL.
void decode_text_row_10(benchmark::State& state) {
  const text_value values[] = {"42", "alice", "alice@example.com", "2024-02-29 13:14:15", "19.99",
                               "1", std::nullopt, "Berlin", "DE", "a somewhat longer free-text comment"};
  bytes row;
  encode_text_row(values, row);
  std::vector<text_value> out;
  for (auto _ : state) {
    benchmark::DoNotOptimize(decode_text_row(row, std::size(values), out));
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(decode_text_row_10);

// The same row as a prepared statement returns it: mixed binary types.
void decode_binary_row_10(benchmark::State& state) {
  const column_info columns[] = {{column_type::longlong}, {column_type::var_string}, {column_type::var_string},
                                 {column_type::datetime}, {column_type::newdecimal}, {column_type::tiny},
                                 {column_type::long_},    {column_type::var_string}, {column_type::string},
                                 {column_type::double_}};
  const field_value values[] = {std::int64_t{42}, std::string_view("alice"), std::string_view("alice@example.com"),
                                mysql_datetime{2024, 2, 29, 13, 14, 15}, std::string_view("19.99"), std::int64_t{1},
                                std::monostate{}, std::string_view("Berlin"), std::string_view("DE"), 2.5};
  bytes row;
  if (encode_binary_row(columns, values, row) != errc::ok) {
    state.SkipWithError("could not build the row");
    return;
  }
  std::vector<field_value> out;
  for (auto _ : state) {
    benchmark::DoNotOptimize(decode_binary_row(row, columns, out));
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(decode_binary_row_10);

}  // namespace
}  // namespace switchyard::protocol
