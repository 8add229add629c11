// MySQL session time zones for the mirror (temporary minimal version: UTC and offsets only).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::proxy {

[[nodiscard]] std::optional<std::string> local_datetime_text(std::int64_t unix_micros, std::string_view mysql_time_zone,
                                                             std::string_view system_zone);
[[nodiscard]] std::optional<std::string> pg_time_zone_of(std::string_view mysql_time_zone, std::string_view system_zone);

}  // namespace switchyard::proxy
