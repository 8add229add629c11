// The shape hash's per-token mixing (internal to sql/; see token_buffer.hpp for what the shape is).
#pragma once
#include <cstddef>
#include <cstdint>

#include "sql/byte_load.hpp"

namespace switchyard::sql::detail {

constexpr std::uint64_t k_word = 0x9e3779b97f4a7c15ull;
constexpr std::uint64_t k_long = 0xc2b2ae3d27d4eb4full;

// A token's contribution to the shape hash: its header (kind, length) and up to 8 bytes mixed, or
// for a longer text every 8-byte word folded in. Not a secure hash: a cache hit is confirmed token
// by token (translation_cache.cpp), so a collision costs a miss, not a wrong translation.
inline std::uint64_t token_mix(std::uint64_t header, const char* p, std::size_t n) noexcept {
  std::uint64_t v = (load_bytes_fast(p, n < 8 ? n : 8) ^ header) * k_word;
  for (std::size_t i = 8; i < n; i += 8) v = (v ^ (v >> 29) ^ load_bytes_fast(p + i, n - i < 8 ? n - i : 8)) * k_long;
  return v ^ (v >> 32);
}

constexpr std::uint64_t finish_shape(std::uint64_t h) noexcept {
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 29;
  return h;
}

}  // namespace switchyard::sql::detail
