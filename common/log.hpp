// Line-oriented logging to stderr. Outside the pure tier only.
// Each line: time, level, session id (0 = not a session), message; one write(2) per line so
// lines from different threads never interleave.
#pragma once
#include <cstdint>
#include <string_view>

#include "common/str_cat.hpp"

namespace switchyard::log {

enum class level : int { debug = 0, info = 1, warn = 2, error = 3 };

void set_level(level l);
[[nodiscard]] bool enabled(level l);
[[nodiscard]] bool parse_level(std::string_view text, level& out);
void write(level l, std::uint64_t session_id, std::string_view message);

}  // namespace switchyard::log

// SY_LOG(info, session_id, "text ", value, ...): arguments are only formatted when the level is on.
#define SY_LOG(lvl, session_id, ...)                                                   \
  do {                                                                                 \
    if (::switchyard::log::enabled(::switchyard::log::level::lvl))                     \
      ::switchyard::log::write(::switchyard::log::level::lvl, (session_id),            \
                               ::switchyard::str_cat(__VA_ARGS__));                           \
  } while (0)
