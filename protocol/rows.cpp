#include "protocol/rows.hpp"

#include "protocol/binary_value.hpp"

namespace switchyard::protocol {
namespace {

constexpr std::uint8_t text_null = 0xfb;
constexpr std::uint8_t binary_row_header = 0x00;
constexpr std::size_t row_bitmap_offset = 2;

bool bit_set(bytes_view bitmap, std::size_t bit) { return (bitmap[bit / 8] >> (bit % 8)) & 1; }

}  // namespace

errc decode_text_row(bytes_view payload, std::size_t column_count, std::vector<text_value>& out) {
  out.clear();
  byte_reader r(payload);
  for (std::size_t i = 0; i < column_count && r.ok(); ++i) {
    if (r.peek_u8() == std::optional<std::uint8_t>(text_null)) {
      r.skip(1);
      out.emplace_back(std::nullopt);
    } else {
      out.emplace_back(r.lenenc_string());
    }
  }
  return r.finish();
}

void encode_text_row(std::span<const text_value> values, bytes& out) {
  byte_writer w(out);
  for (const text_value& v : values) {
    if (v) {
      w.lenenc_string(*v);
    } else {
      w.u8(text_null);
    }
  }
}

errc decode_binary_row(bytes_view payload, std::span<const column_info> columns, std::vector<field_value>& out) {
  out.clear();
  byte_reader r(payload);
  if (r.u8() != binary_row_header && r.ok()) return errc::unexpected_message;
  const bytes_view bitmap = r.fixed_bytes(null_bitmap_size(columns.size(), row_bitmap_offset));
  if (!r.ok()) return r.error();
  // The two offset bits and the padding after the last column are unused: zero on the wire.
  for (std::size_t bit = 0; bit < bitmap.size() * 8; ++bit) {
    const bool used = bit >= row_bitmap_offset && bit < columns.size() + row_bitmap_offset;
    if (!used && bit_set(bitmap, bit)) return errc::bad_value;
  }
  out.reserve(columns.size());
  for (std::size_t i = 0; i < columns.size() && r.ok(); ++i) {
    if (bit_set(bitmap, i + row_bitmap_offset)) {
      out.emplace_back(std::monostate{});
    } else {
      out.push_back(read_binary_value(r, columns[i]));
    }
  }
  return r.finish();
}

errc encode_binary_row(std::span<const column_info> columns, std::span<const field_value> values, bytes& out) {
  if (columns.size() != values.size()) return errc::bad_value;
  const std::size_t start = out.size();
  byte_writer w(out);
  w.u8(binary_row_header);
  const std::size_t bitmap_at = out.size();
  w.zeros(null_bitmap_size(columns.size(), row_bitmap_offset));
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (is_null(values[i])) {
      const std::size_t bit = i + row_bitmap_offset;
      out[bitmap_at + bit / 8] |= static_cast<std::uint8_t>(1u << (bit % 8));
    } else if (const errc ec = write_binary_value(w, columns[i], values[i]); ec != errc::ok) {
      out.resize(start);
      return ec;
    }
  }
  return errc::ok;
}

}  // namespace switchyard::protocol
