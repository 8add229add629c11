// Loading up to 8 bytes of a string as one little-endian integer, zero-padded: the keyword lookup
// and the shape hash read words a lane at a time instead of byte by byte (internal to sql/).
#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace switchyard::sql::detail {

// Little-endian value of the `n` (at most 8) bytes at `p`, zero-padded; usable at compile time.
constexpr std::uint64_t load_bytes(const char* p, std::size_t n) noexcept {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return v;
}

// load_bytes for n <= 8 (more than 8 reads the first 8), reading only [p, p + n) with at most three loads.
inline std::uint64_t load_bytes_fast(const char* p, std::size_t n) noexcept {
  if constexpr (std::endian::native == std::endian::little) {
    if (n >= 8) {
      std::uint64_t v;
      std::memcpy(&v, p, 8);
      return v;
    }
    if (n >= 4) {
      std::uint32_t lo;
      std::uint32_t hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      return std::uint64_t{lo} | (std::uint64_t{hi} << (8 * (n - 4)));
    }
    if (n == 0) return 0;
    return std::uint64_t{static_cast<unsigned char>(p[0])} |
           (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << (8 * (n / 2))) |
           (std::uint64_t{static_cast<unsigned char>(p[n - 1])} << (8 * (n - 1)));
  } else {
    return load_bytes(p, n < 8 ? n : 8);
  }
}

}  // namespace switchyard::sql::detail
