// MySQL's time_zone offsets ("+05:30", "-8:00"): parsed the way the server accepts them, so that the
// session tracker and the time-zone conversions agree on what is an offset (pure tier).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::sql {

// The range MySQL 8.0.19+ accepts (MariaDB 10.11 and older MySQL: -12:59..+13:00, a subset).
inline constexpr int min_utc_offset_minutes = -(13 * 60 + 59);
inline constexpr int max_utc_offset_minutes = 14 * 60;

// Minutes east of UTC for "+H:M" / "-HH:MM" (sign required, one or more hour digits, one or two
// minute digits, minutes < 60, within the range above); nullopt for anything else, including
// names and surrounding spaces (which MySQL rejects too).
[[nodiscard]] std::optional<int> utc_offset_minutes(std::string_view text) noexcept;

// "+05:30", "-08:00", "+00:00": the spelling MySQL reports in @@time_zone.
[[nodiscard]] std::string utc_offset_text(int minutes);

}  // namespace switchyard::sql
