#include "common/log.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace switchyard::log {
namespace {
std::atomic<int> current_level{static_cast<int>(level::info)};

const char* level_name(level l) {
  switch (l) {
    case level::debug: return "debug";
    case level::info: return "info";
    case level::warn: return "warn";
    case level::error: return "error";
  }
  return "?";
}
}  // namespace

void set_level(level l) { current_level.store(static_cast<int>(l), std::memory_order_relaxed); }

bool enabled(level l) { return static_cast<int>(l) >= current_level.load(std::memory_order_relaxed); }

bool parse_level(std::string_view text, level& out) {
  for (level l : {level::debug, level::info, level::warn, level::error}) {
    if (text == level_name(l)) { out = l; return true; }
  }
  return false;
}

void write(level l, std::uint64_t session_id, std::string_view message) {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const std::time_t secs = system_clock::to_time_t(now);
  const auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&secs, &utc);
  char stamp[32];
  const size_t n = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
  std::string line;
  line.reserve(64 + message.size());
  char ms[8];
  std::snprintf(ms, sizeof ms, ".%03dZ ", static_cast<int>(millis));
  str_append(line, std::string_view(stamp, n), ms, level_name(l));
  if (session_id != 0) str_append(line, " session=", session_id);
  str_append(line, " ", message, '\n');
  // One write per line; a short write to stderr is not worth retrying over.
  [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, line.data(), line.size());
}

}  // namespace switchyard::log
