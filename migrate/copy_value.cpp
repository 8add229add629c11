#include "migrate/copy_value.hpp"

#include <string>

namespace switchyard::migrate {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// A date part 'YYYY-MM-DD' with month or day 0 ('0000-00-00', '2020-00-10'): PostgreSQL has no such date.
bool is_zero_date(std::string_view v) noexcept {
  if (v.size() < 10 || v[4] != '-' || v[7] != '-') return false;
  return v.substr(5, 2) == "00" || v.substr(8, 2) == "00";
}

bool zero_date(const copy_column& c, zero_date_policy policy, std::string_view v, std::string& out, std::string& error) {
  if (policy == zero_date_policy::infinity) {
    out += "-infinity";
    return true;
  }
  if (policy == zero_date_policy::null_if_nullable && c.nullable) {
    out += "\\N";
    return true;
  }
  error = "zero date '" + std::string(v) + "' cannot be stored in PostgreSQL" +
          (policy == zero_date_policy::reject ? std::string(" (zero-date policy: reject)")
                                              : std::string(" in a NOT NULL column (zero-date policy: null)"));
  return false;
}

// BIT(n) bytes, big-endian, at most 8.
bool bit_value(std::string_view v, std::uint64_t& out, std::string& error) {
  if (v.size() > 8) {
    error = "BIT value of " + std::to_string(v.size()) + " bytes (at most 8)";
    return false;
  }
  out = 0;
  for (const char ch : v) out = (out << 8) | static_cast<unsigned char>(ch);
  return true;
}

// MySQL TIME text '[-]H+:MM:SS[.f]': within PostgreSQL's time range (00:00:00..24:00:00)?
bool time_fits_a_day(std::string_view v) noexcept {
  if (v.empty() || v[0] == '-') return false;
  const auto colon = v.find(':');
  if (colon == std::string_view::npos || colon > 2) return false;
  unsigned hours = 0;
  for (std::size_t i = 0; i < colon; ++i) hours = hours * 10 + static_cast<unsigned>(v[i] - '0');
  return hours < 24;
}

constexpr char hex_digits[] = "0123456789abcdef";

}  // namespace

bool parse_zero_date_policy(std::string_view text, zero_date_policy& out) noexcept {
  if (text == "null") out = zero_date_policy::null_if_nullable;
  else if (text == "reject") out = zero_date_policy::reject;
  else if (text == "infinity") out = zero_date_policy::infinity;
  else return false;
  return true;
}

copy_column make_copy_column(const sql::column_info& column) {
  copy_column c;
  c.category = column.category;
  c.nullable = column.nullable;
  c.mysql_bit = starts_with(column.mysql_type, "bit");
  c.timestamptz = starts_with(column.pg_type, "timestamptz") || starts_with(column.pg_type, "timestamp with time zone");
  c.interval = starts_with(column.pg_type, "interval");
  return c;
}

void append_copy_escaped(std::string_view text, std::string& out) {
  out.reserve(out.size() + text.size());
  for (const char ch : text) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\v': out += "\\v"; break;
      default: out += ch;
    }
  }
}

bool append_copy_value(const copy_column& c, const char* value, std::size_t size, zero_date_policy zero_dates,
                       std::string& out, std::string& error) {
  if (value == nullptr) {
    out += "\\N";
    return true;
  }
  const std::string_view v(value, size);
  using sql::type_category;
  switch (c.category) {
    case type_category::boolean: {
      if (c.mysql_bit) {
        std::uint64_t bits = 0;
        if (!bit_value(v, bits, error)) return false;
        out += bits != 0 ? 't' : 'f';
        return true;
      }
      // tinyint(1) holds -128..127: MySQL treats every non-zero value as true.
      const bool zero = v.find_first_not_of("-0") == std::string_view::npos && !v.empty();
      out += zero ? 'f' : 't';
      return true;
    }
    case type_category::bit: {
      std::uint64_t bits = 0;
      if (!bit_value(v, bits, error)) return false;
      out += std::to_string(bits);
      return true;
    }
    case type_category::binary: {
      out += "\\\\x";  // COPY unescapes \\ to \, and bytea reads \x as hex
      for (const char ch : v) {
        const auto b = static_cast<unsigned char>(ch);
        out += hex_digits[b >> 4];
        out += hex_digits[b & 15];
      }
      return true;
    }
    case type_category::date:
      if (is_zero_date(v)) return zero_date(c, zero_dates, v, out, error);
      out += v;
      return true;
    case type_category::datetime:
    case type_category::timestamp:
      if (is_zero_date(v)) return zero_date(c, zero_dates, v, out, error);
      out += v;
      if (c.timestamptz) out += "+00";
      return true;
    case type_category::time:
      if (!c.interval && !time_fits_a_day(v)) {
        error = "TIME '" + std::string(v) + "' is outside PostgreSQL's time range (map TIME to interval: time_as_interval)";
        return false;
      }
      out += v;
      return true;
    case type_category::integer:
    case type_category::decimal:
    case type_category::floating:
      out += v;  // digits, sign, point, exponent: nothing to escape
      return true;
    default:
      append_copy_escaped(v, out);
      return true;
  }
}

}  // namespace switchyard::migrate
