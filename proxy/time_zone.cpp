#include "proxy/time_zone.hpp"

#include "sql/translate.hpp"

namespace switchyard::proxy {
namespace {
std::optional<int> offset_minutes(std::string_view zone) {
  if (zone == "UTC" || zone == "+00:00" || zone == "GMT") return 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
  const int h = (zone[1] - '0') * 10 + (zone[2] - '0');
  const int m = (zone[4] - '0') * 10 + (zone[5] - '0');
  return (zone[0] == '-' ? -1 : 1) * (h * 60 + m);
}
}  // namespace

std::optional<std::string> local_datetime_text(std::int64_t unix_micros, std::string_view zone, std::string_view system_zone) {
  if (zone == "SYSTEM") zone = system_zone;
  const auto off = offset_minutes(zone);
  if (!off) return std::nullopt;
  return sql::utc_datetime_text(unix_micros + std::int64_t{*off} * 60'000'000);
}

std::optional<std::string> pg_time_zone_of(std::string_view zone, std::string_view system_zone) {
  if (zone == "SYSTEM") zone = system_zone;
  const auto off = offset_minutes(zone);
  if (!off) return std::nullopt;
  // PostgreSQL reads a bare offset POSIX-style (sign inverted); an interval-like spec is exact.
  const int m = *off;
  std::string out = m < 0 ? "UTC+" : "UTC-";
  const int a = m < 0 ? -m : m;
  out += std::to_string(a / 60) + ":" + (a % 60 < 10 ? "0" : "") + std::to_string(a % 60);
  return out;
}

}  // namespace switchyard::proxy
