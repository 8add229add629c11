#include "protocol/param_block.hpp"

#include "protocol/binary_value.hpp"
#include "protocol/rows.hpp"

namespace switchyard::protocol {

void read_param_block(byte_reader& r, std::size_t count, const param_block_context& ctx, param_block& out) {
  out.null_bitmap = r.fixed_bytes(null_bitmap_size(count, 0));
  const std::uint8_t bound = r.u8();
  if (bound > 1) r.fail(errc::bad_value);
  out.new_params_bound = bound == 1;
  if (!r.ok()) return;
  if (out.new_params_bound) {
    out.types.reserve(count);
    for (std::size_t i = 0; i < count && r.ok(); ++i) {
      const auto type = static_cast<column_type>(r.u8());
      out.types.push_back({type, r.u8()});
      if (ctx.with_names) out.names.push_back(r.lenenc_string());
    }
  } else if (ctx.bound_types.size() == count) {
    out.types.assign(ctx.bound_types.begin(), ctx.bound_types.end());
  } else {
    r.fail(errc::bad_value);  // values without types: the client never bound any
    return;
  }
  out.values.reserve(count);
  for (std::size_t i = 0; i < count && r.ok(); ++i) {
    if (bitmap_bit(ctx.long_data_bitmap, i) || bitmap_bit(out.null_bitmap, i)) {
      out.values.emplace_back(std::monostate{});
    } else {
      out.values.push_back(read_binary_value(r, {out.types[i].type, out.types[i].is_unsigned()}));
    }
  }
}

errc write_param_block(byte_writer& w, const param_block& in, const param_block_context& ctx) {
  const std::size_t count = in.values.size();
  const std::span<const param_type> types = in.new_params_bound ? std::span<const param_type>(in.types)
                                                                : ctx.bound_types;
  if (types.size() != count) return errc::bad_value;
  bytes bitmap(null_bitmap_size(count, 0), 0);
  for (std::size_t i = 0; i < count; ++i) {
    const bool long_data = bitmap_bit(ctx.long_data_bitmap, i);
    if (long_data ? bitmap_bit(in.null_bitmap, i) : is_null(in.values[i])) {
      bitmap[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
    }
  }
  // Values first, into a scratch buffer, so that a value that does not fit leaves `w` untouched.
  bytes values;
  byte_writer v(values);
  for (std::size_t i = 0; i < count; ++i) {
    if (bitmap_bit(ctx.long_data_bitmap, i) || is_null(in.values[i])) continue;
    if (const errc ec = write_binary_value(v, {types[i].type, types[i].is_unsigned()}, in.values[i]); ec != errc::ok) {
      return ec;
    }
  }
  w.raw(bitmap);
  w.u8(in.new_params_bound ? 1 : 0);
  if (in.new_params_bound) {
    for (std::size_t i = 0; i < count; ++i) {
      w.u8(static_cast<std::uint8_t>(types[i].type));
      w.u8(types[i].flags);
      if (ctx.with_names) w.lenenc_string(i < in.names.size() ? in.names[i] : std::string_view());
    }
  }
  w.raw(values);
  return errc::ok;
}

}  // namespace switchyard::protocol
