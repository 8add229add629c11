#include "proxy/time_zone.hpp"

#include <absl/time/time.h>

#include "sql/ascii.hpp"
#include "sql/utc_offset.hpp"

namespace switchyard::proxy {
namespace {

// What "SYSTEM" stands for, or the zone itself; nullopt when SYSTEM points at nothing usable.
std::optional<std::string_view> effective_zone(std::string_view mysql_time_zone, std::string_view system_zone) {
  if (!sql::ascii_iequals(mysql_time_zone, "SYSTEM")) return mysql_time_zone;
  if (system_zone.empty() || sql::ascii_iequals(system_zone, "SYSTEM")) return std::nullopt;
  return system_zone;
}

// A tz database name, loaded. Refused: paths out of the database ("..", "/etc/..."), abseil's own
// "Fixed/UTC+hh:mm:ss" names (which neither MySQL nor PostgreSQL know), and the leap-second
// "right/..." zones (PostgreSQL rejects them).
std::optional<absl::TimeZone> load_named_zone(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos || name.starts_with("Fixed/") ||
      name.starts_with("right/"))
    return std::nullopt;
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(absl::string_view(name.data(), name.size()), &tz)) return std::nullopt;
  return tz;
}

}  // namespace

std::optional<std::string> local_datetime_text(std::int64_t unix_micros, std::string_view mysql_time_zone,
                                               std::string_view system_zone) {
  const auto zone = effective_zone(mysql_time_zone, system_zone);
  if (!zone) return std::nullopt;
  std::optional<absl::TimeZone> tz;
  if (const auto minutes = sql::utc_offset_minutes(*zone)) tz = absl::FixedTimeZone(*minutes * 60);
  else tz = load_named_zone(*zone);
  if (!tz) return std::nullopt;
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", absl::FromUnixMicros(unix_micros), *tz);
}

std::optional<std::string> pg_time_zone_of(std::string_view mysql_time_zone, std::string_view system_zone) {
  const auto zone = effective_zone(mysql_time_zone, system_zone);
  if (!zone) return std::nullopt;
  if (const auto minutes = sql::utc_offset_minutes(*zone)) {
    // POSIX TZ: <name>offset, the offset counted west of Greenwich (the sign MySQL's inverted).
    return "<" + sql::utc_offset_text(*minutes) + ">" + sql::utc_offset_text(-*minutes);
  }
  if (!load_named_zone(*zone)) return std::nullopt;
  return std::string(*zone);
}

}  // namespace switchyard::proxy
