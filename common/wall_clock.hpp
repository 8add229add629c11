// The wall clock as microseconds since 1970 (divergence records, MySQL's pinned timestamp).
#pragma once
#include <chrono>
#include <cstdint>

namespace switchyard {

[[nodiscard]] inline std::int64_t wall_clock_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace switchyard
