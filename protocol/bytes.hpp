// Byte views and a strict little-endian reader/writer for protocol fields.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/errc.hpp"

namespace switchyard::protocol {

using bytes_view = std::span<const std::uint8_t>;
using bytes = std::vector<std::uint8_t>;

[[nodiscard]] inline bytes_view as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
[[nodiscard]] inline std::string_view as_chars(bytes_view b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// Reads fields front to back. Every read checks the remaining length; the first failure sticks
// (later reads return zero values) so a decoder can read all fields and check error() once.
class byte_reader {
 public:
  explicit byte_reader(bytes_view data) : data_(data) {}

  [[nodiscard]] std::size_t remaining() const { return data_.size() - pos_; }
  [[nodiscard]] std::size_t position() const { return pos_; }
  [[nodiscard]] bool empty() const { return remaining() == 0; }
  [[nodiscard]] errc error() const { return error_; }
  [[nodiscard]] bool ok() const { return error_ == errc::ok; }
  [[nodiscard]] bytes_view rest_view() const { return data_.subspan(pos_); }
  void fail(errc e) { if (error_ == errc::ok) error_ = e; }

  // errc::ok when every byte was consumed without error; trailing_bytes otherwise.
  [[nodiscard]] errc finish() const {
    if (error_ != errc::ok) return error_;
    return remaining() == 0 ? errc::ok : errc::trailing_bytes;
  }

  [[nodiscard]] std::optional<std::uint8_t> peek_u8() const {
    if (!ok() || remaining() == 0) return std::nullopt;
    return data_[pos_];
  }

  std::uint8_t u8() { return static_cast<std::uint8_t>(fixed_int(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(fixed_int(2)); }
  std::uint32_t u24() { return static_cast<std::uint32_t>(fixed_int(3)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(fixed_int(4)); }
  std::uint64_t u48() { return fixed_int(6); }
  std::uint64_t u64() { return fixed_int(8); }

  // Length-encoded integer. 0xFB (NULL) and 0xFF (ERR marker) are not integers: bad_value.
  std::uint64_t lenenc_int() {
    const std::uint8_t first = u8();
    if (!ok()) return 0;
    if (first < 0xfb) return first;
    switch (first) {
      case 0xfc: return fixed_int(2);
      case 0xfd: return fixed_int(3);
      case 0xfe: return fixed_int(8);
      default: fail(errc::bad_value); return 0;
    }
  }

  bytes_view fixed_bytes(std::size_t n) {
    if (!ok()) return {};
    if (remaining() < n) { fail(errc::truncated); return {}; }
    bytes_view out = data_.subspan(pos_, n);
    pos_ += n;
    return out;
  }
  std::string_view fixed_string(std::size_t n) { return as_chars(fixed_bytes(n)); }

  std::string_view lenenc_string() {
    const std::uint64_t n = lenenc_int();
    if (!ok()) return {};
    if (n > remaining()) { fail(errc::truncated); return {}; }
    return fixed_string(static_cast<std::size_t>(n));
  }

  // NUL-terminated; the NUL is consumed, not returned.
  std::string_view null_string() {
    if (!ok()) return {};
    // memchr must not see the null pointer of an empty span, even for zero bytes.
    if (remaining() == 0) { fail(errc::truncated); return {}; }
    const auto* begin = data_.data() + pos_;
    const auto* nul = static_cast<const std::uint8_t*>(std::memchr(begin, 0, remaining()));
    if (nul == nullptr) { fail(errc::truncated); return {}; }
    const std::size_t n = static_cast<std::size_t>(nul - begin);
    std::string_view out(reinterpret_cast<const char*>(begin), n);
    pos_ += n + 1;
    return out;
  }

  std::string_view rest_string() { return as_chars(fixed_bytes(remaining())); }

  void skip(std::size_t n) { (void)fixed_bytes(n); }

 private:
  std::uint64_t fixed_int(std::size_t n) {
    if (!ok()) return 0;
    if (remaining() < n) { fail(errc::truncated); return 0; }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= std::uint64_t{data_[pos_ + i]} << (8 * i);
    pos_ += n;
    return v;
  }

  bytes_view data_;
  std::size_t pos_ = 0;
  errc error_ = errc::ok;
};

// Appends fields to a byte vector.
class byte_writer {
 public:
  explicit byte_writer(bytes& out) : out_(out) {}

  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v) { fixed_int(v, 2); }
  void u24(std::uint32_t v) { fixed_int(v, 3); }
  void u32(std::uint32_t v) { fixed_int(v, 4); }
  void u48(std::uint64_t v) { fixed_int(v, 6); }
  void u64(std::uint64_t v) { fixed_int(v, 8); }

  void lenenc_int(std::uint64_t v) {
    if (v < 0xfb) { u8(static_cast<std::uint8_t>(v)); }
    else if (v <= 0xffff) { u8(0xfc); fixed_int(v, 2); }
    else if (v <= 0xffffff) { u8(0xfd); fixed_int(v, 3); }
    else { u8(0xfe); fixed_int(v, 8); }
  }
  void raw(bytes_view b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void raw(std::string_view s) { raw(as_bytes(s)); }
  void lenenc_string(std::string_view s) { lenenc_int(s.size()); raw(s); }
  void null_string(std::string_view s) { raw(s); u8(0); }
  void zeros(std::size_t n) { out_.insert(out_.end(), n, 0); }

  [[nodiscard]] std::size_t size() const { return out_.size(); }

 private:
  void fixed_int(std::uint64_t v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  bytes& out_;
};

[[nodiscard]] constexpr std::size_t lenenc_int_size(std::uint64_t v) {
  return v < 0xfb ? 1 : v <= 0xffff ? 3 : v <= 0xffffff ? 4 : 9;
}

}  // namespace switchyard::protocol
