// Bound parameters as COM_STMT_EXECUTE carries them, shared with the query attributes of
// COM_QUERY: NULL bitmap, new-params-bound flag, types (and names), then the non-NULL values.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "protocol/bytes.hpp"
#include "protocol/field_value.hpp"

namespace switchyard::protocol {

inline constexpr std::uint8_t param_flag_unsigned = 0x80;

// A parameter's type as the client binds it: the column type and a flag byte (0x80: unsigned).
struct param_type {
  column_type type = column_type::null;
  std::uint8_t flags = 0;
  [[nodiscard]] bool is_unsigned() const { return (flags & param_flag_unsigned) != 0; }
  friend bool operator==(const param_type&, const param_type&) = default;
};

struct param_block {
  bytes_view null_bitmap;  // as sent; see encode_param_block for what it still decides
  bool new_params_bound = true;
  std::vector<param_type> types;         // as sent, or the earlier binding when not re-bound
  std::vector<std::string_view> names;   // with names only (query attributes)
  std::vector<field_value> values;       // monostate for NULL and for long-data parameters
};

struct param_block_context {
  std::span<const param_type> bound_types = {};  // the previous binding, for new_params_bound = 0
  bytes_view long_data_bitmap = {};  // bit i: parameter i got COM_STMT_SEND_LONG_DATA, so no value
  bool with_names = false;
};

[[nodiscard]] inline bool bitmap_bit(bytes_view bitmap, std::size_t i) {
  return i / 8 < bitmap.size() && ((bitmap[i / 8] >> (i % 8)) & 1) != 0;
}

// Reads the block for `count` (> 0) parameters; errors stick in `r`.
void read_param_block(byte_reader& r, std::size_t count, const param_block_context& ctx, param_block& out);

// Writes the block for in.values.size() parameters. A NULL value sets its bit; a long-data
// parameter's bit is copied from in.null_bitmap (clients differ: libmysql clears it, libmariadb
// sets it). bad_value when the types are missing or a value does not fit its type.
[[nodiscard]] errc write_param_block(byte_writer& w, const param_block& in, const param_block_context& ctx);

}  // namespace switchyard::protocol
