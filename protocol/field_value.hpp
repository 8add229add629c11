// One value of a result-set row or a statement parameter, as the binary protocol carries it.
#pragma once
#include <cstdint>
#include <string_view>
#include <variant>

#include "protocol/constants.hpp"

namespace switchyard::protocol {

// DATE, DATETIME and TIMESTAMP share one wire form; zero fields are left off the wire.
struct mysql_datetime {
  std::uint16_t year = 0;
  std::uint8_t month = 0;
  std::uint8_t day = 0;
  std::uint8_t hour = 0;
  std::uint8_t minute = 0;
  std::uint8_t second = 0;
  std::uint32_t microsecond = 0;
  friend bool operator==(const mysql_datetime&, const mysql_datetime&) = default;
};

// TIME is a signed duration: -838:59:59 is {negative, 34 days, 22:59:59}.
struct mysql_time {
  bool negative = false;
  std::uint32_t days = 0;
  std::uint8_t hour = 0;
  std::uint8_t minute = 0;
  std::uint8_t second = 0;
  std::uint32_t microsecond = 0;
  friend bool operator==(const mysql_time&, const mysql_time&) = default;
};

// monostate is NULL. Integer columns give int64_t, or uint64_t when the column (or parameter)
// is unsigned; FLOAT gives float and DOUBLE double; DECIMAL, strings, BLOBs, JSON, ENUM, SET,
// BIT and GEOMETRY give their bytes as sent (a view into the packet).
using field_value = std::variant<std::monostate, std::int64_t, std::uint64_t, float, double, std::string_view,
                                 mysql_datetime, mysql_time>;

[[nodiscard]] inline bool is_null(const field_value& v) { return std::holds_alternative<std::monostate>(v); }

// What decoding a binary value needs to know about its column or parameter.
struct column_info {
  column_type type = column_type::null;
  bool is_unsigned = false;
};

}  // namespace switchyard::protocol
