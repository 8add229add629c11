#include "protocol/binary_value.hpp"

#include <bit>
#include <limits>

namespace switchyard::protocol {
namespace {

enum class wire_kind : std::uint8_t { integer, float4, float8, datetime, time, bytes, none, invalid };

struct wire_form {
  wire_kind kind;
  std::uint8_t width = 0;  // integers only
};

wire_form form_of(column_type t) {
  switch (t) {
    case column_type::tiny: return {wire_kind::integer, 1};
    case column_type::short_:
    case column_type::year: return {wire_kind::integer, 2};
    case column_type::int24:  // sent in 4 bytes, like LONG
    case column_type::long_: return {wire_kind::integer, 4};
    case column_type::longlong: return {wire_kind::integer, 8};
    case column_type::float_: return {wire_kind::float4};
    case column_type::double_: return {wire_kind::float8};
    case column_type::date:
    case column_type::datetime:
    case column_type::timestamp: return {wire_kind::datetime};
    case column_type::time: return {wire_kind::time};
    case column_type::null: return {wire_kind::none};
    case column_type::decimal:
    case column_type::newdecimal:
    case column_type::varchar:
    case column_type::bit:
    case column_type::vector:
    case column_type::json:
    case column_type::enum_:
    case column_type::set:
    case column_type::tiny_blob:
    case column_type::medium_blob:
    case column_type::long_blob:
    case column_type::blob:
    case column_type::var_string:
    case column_type::string:
    case column_type::geometry: return {wire_kind::bytes};
    default: return {wire_kind::invalid};  // server-internal types (NEWDATE, TIME2, ...) never travel
  }
}

field_value read_integer(byte_reader& r, std::uint8_t width, bool is_unsigned) {
  std::uint64_t raw = 0;
  switch (width) {
    case 1: raw = r.u8(); break;
    case 2: raw = r.u16(); break;
    case 4: raw = r.u32(); break;
    default: raw = r.u64(); break;
  }
  if (is_unsigned) return raw;
  const int shift = 64 - 8 * width;  // sign-extend from `width` bytes
  return static_cast<std::int64_t>(raw << shift) >> shift;
}

mysql_datetime read_datetime(byte_reader& r) {
  mysql_datetime v;
  const std::uint8_t length = r.u8();
  if (length != 0 && length != 4 && length != 7 && length != 11) {
    r.fail(errc::bad_value);
    return v;
  }
  if (length >= 4) {
    v.year = r.u16();
    v.month = r.u8();
    v.day = r.u8();
  }
  if (length >= 7) {
    v.hour = r.u8();
    v.minute = r.u8();
    v.second = r.u8();
  }
  if (length == 11) v.microsecond = r.u32();
  return v;
}

mysql_time read_time(byte_reader& r) {
  mysql_time v;
  const std::uint8_t length = r.u8();
  if (length != 0 && length != 8 && length != 12) {
    r.fail(errc::bad_value);
    return v;
  }
  if (length >= 8) {
    const std::uint8_t sign = r.u8();
    if (sign > 1) r.fail(errc::bad_value);
    v.negative = sign == 1;
    v.days = r.u32();
    v.hour = r.u8();
    v.minute = r.u8();
    v.second = r.u8();
  }
  if (length == 12) v.microsecond = r.u32();
  return v;
}

errc write_integer(byte_writer& w, std::uint8_t width, bool is_unsigned, const field_value& value) {
  const int bits = 8 * width;
  const std::uint64_t max_unsigned = bits == 64 ? std::numeric_limits<std::uint64_t>::max() : (std::uint64_t{1} << bits) - 1;
  const std::int64_t max_signed = static_cast<std::int64_t>(max_unsigned >> 1);
  const std::int64_t min_signed = -max_signed - 1;
  std::uint64_t raw = 0;
  if (const auto* s = std::get_if<std::int64_t>(&value)) {
    const bool fits = is_unsigned ? *s >= 0 && static_cast<std::uint64_t>(*s) <= max_unsigned
                                  : *s >= min_signed && *s <= max_signed;
    if (!fits) return errc::bad_value;
    raw = static_cast<std::uint64_t>(*s);
  } else if (const auto* u = std::get_if<std::uint64_t>(&value)) {
    if (*u > (is_unsigned ? max_unsigned : static_cast<std::uint64_t>(max_signed))) return errc::bad_value;
    raw = *u;
  } else {
    return errc::bad_value;
  }
  for (int i = 0; i < width; ++i) w.u8(static_cast<std::uint8_t>(raw >> (8 * i)));
  return errc::ok;
}

void write_datetime(byte_writer& w, const mysql_datetime& v) {
  const std::uint8_t length = v.microsecond != 0                           ? 11
                              : (v.hour | v.minute | v.second) != 0        ? 7
                              : (v.year | v.month | v.day) != 0            ? 4
                                                                           : 0;
  w.u8(length);
  if (length >= 4) {
    w.u16(v.year);
    w.u8(v.month);
    w.u8(v.day);
  }
  if (length >= 7) {
    w.u8(v.hour);
    w.u8(v.minute);
    w.u8(v.second);
  }
  if (length == 11) w.u32(v.microsecond);
}

void write_time(byte_writer& w, const mysql_time& v) {
  // A negative zero keeps its sign, so that what was read writes back the same.
  const std::uint8_t length = v.microsecond != 0                                          ? 12
                              : (v.days != 0 || (v.hour | v.minute | v.second) != 0 || v.negative) ? 8
                                                                                          : 0;
  w.u8(length);
  if (length >= 8) {
    w.u8(v.negative ? 1 : 0);
    w.u32(v.days);
    w.u8(v.hour);
    w.u8(v.minute);
    w.u8(v.second);
  }
  if (length == 12) w.u32(v.microsecond);
}

}  // namespace

field_value read_binary_value(byte_reader& r, const column_info& column) {
  const wire_form form = form_of(column.type);
  switch (form.kind) {
    case wire_kind::integer: return read_integer(r, form.width, column.is_unsigned);
    case wire_kind::float4: return std::bit_cast<float>(r.u32());
    case wire_kind::float8: return std::bit_cast<double>(r.u64());
    case wire_kind::datetime: return read_datetime(r);
    case wire_kind::time: return read_time(r);
    case wire_kind::bytes: return r.lenenc_string();
    case wire_kind::none: return std::monostate{};
    case wire_kind::invalid: break;
  }
  r.fail(errc::bad_value);
  return std::monostate{};
}

errc write_binary_value(byte_writer& w, const column_info& column, const field_value& value) {
  const wire_form form = form_of(column.type);
  switch (form.kind) {
    case wire_kind::integer: return write_integer(w, form.width, column.is_unsigned, value);
    case wire_kind::float4:
      if (const auto* f = std::get_if<float>(&value)) {
        w.u32(std::bit_cast<std::uint32_t>(*f));
        return errc::ok;
      }
      return errc::bad_value;
    case wire_kind::float8:
      if (const auto* d = std::get_if<double>(&value)) {
        w.u64(std::bit_cast<std::uint64_t>(*d));
        return errc::ok;
      }
      return errc::bad_value;
    case wire_kind::datetime:
      if (const auto* dt = std::get_if<mysql_datetime>(&value)) {
        write_datetime(w, *dt);
        return errc::ok;
      }
      return errc::bad_value;
    case wire_kind::time:
      if (const auto* t = std::get_if<mysql_time>(&value)) {
        write_time(w, *t);
        return errc::ok;
      }
      return errc::bad_value;
    case wire_kind::bytes:
      if (const auto* s = std::get_if<std::string_view>(&value)) {
        w.lenenc_string(*s);
        return errc::ok;
      }
      return errc::bad_value;
    case wire_kind::none: return is_null(value) ? errc::ok : errc::bad_value;
    case wire_kind::invalid: break;
  }
  return errc::bad_value;
}

}  // namespace switchyard::protocol
