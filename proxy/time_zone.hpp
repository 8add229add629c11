// A MySQL session's time_zone turned into what the mirror needs: the session's local time of an
// instant (what MySQL's NOW() shows in that session), and PostgreSQL's TimeZone setting with the
// same meaning. Reads the system's tz database through abseil (not pure: proxy tier).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::proxy {

// `unix_micros` as "YYYY-MM-DD HH:MM:SS.ffffff" in `mysql_time_zone`: "SYSTEM" (any case) means
// `system_zone` (an IANA name or an offset, resolved at startup), an offset "+HH:MM" / "-H:MM" as
// MySQL accepts it (sql/utc_offset.hpp), else an IANA name from the tz database. nullopt for a zone
// it cannot load, including a name in other letter case than its file ("europe/paris", which MySQL's
// tz tables and PostgreSQL accept) and the leap-second "right/..." zones.
[[nodiscard]] std::optional<std::string> local_datetime_text(std::int64_t unix_micros, std::string_view mysql_time_zone,
                                                             std::string_view system_zone);

// The value for PostgreSQL's TimeZone with the same meaning. An offset is written POSIX-style with
// an explicit name: "+05:30" -> "<+05:30>-05:30", because PostgreSQL reads a bare "+05:30" as a
// POSIX offset, west-positive, i.e. UTC-05:30 (checked on PostgreSQL 15). A name the tz database
// holds passes through unchanged; "SYSTEM" gives `system_zone`'s value; nullopt otherwise.
[[nodiscard]] std::optional<std::string> pg_time_zone_of(std::string_view mysql_time_zone, std::string_view system_zone);

}  // namespace switchyard::proxy
