// Helpers for table-driven byte-fixture tests of protocol codecs.
#pragma once
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/bytes.hpp"
#include "protocol/errc.hpp"

namespace switchyard::protocol::test {

// Hex digits with any whitespace or '|' between them: "0a 00 | 01".
inline bytes from_hex(std::string_view hex) {
  bytes out;
  int pending = -1;
  for (const char c : hex) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == '|') continue;
    const int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10;
    EXPECT_TRUE(v >= 0 && v < 16) << "bad hex digit '" << c << "'";
    if (pending < 0) {
      pending = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(pending << 4 | v));
      pending = -1;
    }
  }
  EXPECT_LT(pending, 0) << "odd number of hex digits";
  return out;
}

inline std::string to_hex(bytes_view b) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s;
  for (const std::uint8_t x : b) {
    s += digits[x >> 4];
    s += digits[x & 15];
  }
  return s;
}

inline bytes concat(bytes a, bytes_view b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

inline constexpr std::size_t never = std::numeric_limits<std::size_t>::max();

// Which cuts of a valid message decode fine, for messages with optional or open-ended tails.
struct strictness {
  std::size_t open_from = never;    // cuts at or past this end inside a rest-of-packet field
  std::vector<std::size_t> ok_at = {};  // cuts where an optional tail starts
  bool trailing = true;             // an appended byte must be trailing_bytes
};

// A strict decoder given `wire` cut short must say truncated, except where `s` says the cut
// is itself a valid message; with one byte appended it must say trailing_bytes.
// `decode` is errc(bytes_view).
template <class Decode>
void expect_strict(const bytes& wire, Decode decode, const strictness& s = {}) {
  for (std::size_t n = 0; n < wire.size(); ++n) {
    const bool ok = n >= s.open_from || std::find(s.ok_at.begin(), s.ok_at.end(), n) != s.ok_at.end();
    EXPECT_EQ(decode(bytes_view(wire.data(), n)), ok ? errc::ok : errc::truncated)
        << "cut at " << n << " of " << wire.size() << ": " << to_hex(wire);
  }
  if (s.trailing && s.open_from == never) {
    bytes longer = wire;
    longer.push_back(0);
    EXPECT_EQ(decode(bytes_view(longer)), errc::trailing_bytes) << to_hex(wire);
  }
}

// Decode then encode reproduces `wire` byte for byte.
template <class Message, class Decode, class Encode>
void expect_round_trip(const bytes& wire, Decode decode, Encode encode) {
  Message m;
  ASSERT_EQ(decode(bytes_view(wire), m), errc::ok);
  bytes again;
  encode(m, again);
  EXPECT_EQ(to_hex(again), to_hex(wire));
}

}  // namespace switchyard::protocol::test
