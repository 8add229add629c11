// The backfill's progress lines (pure formatting): on a terminal one line per table redrawn in
// place (bar, percent, rows/s, ETA), otherwise one JSON object per line.
#pragma once
#include <cstdint>
#include <string>

namespace switchyard::migrate {

struct table_progress {
  std::string table;             // "db.table"
  std::uint64_t chunks_done = 0;
  std::uint64_t chunks_total = 0;
  std::uint64_t rows = 0;          // rows copied so far
  std::uint64_t rows_planned = 0;  // keys counted when planning (an estimate once writes go on)
  double rows_per_second = 0;
  std::string state;               // "planned", "copying", "done", "failed"
};

// Seconds left at the current rate; -1 when unknown (no rate yet), 0 when done.
[[nodiscard]] std::int64_t eta_seconds(const table_progress& p) noexcept;
// "db.t  [########------------]  40.0%  80000 rows  52000 rows/s  ETA 0:02  copying" (`width`: bar cells).
[[nodiscard]] std::string progress_bar_line(const table_progress& p, unsigned width = 24);
// {"table":"db.t","chunks_done":4,"chunks_total":10,"rows":80000,"rows_per_s":52000,"eta_s":2,"state":"copying"}
[[nodiscard]] std::string progress_json_line(const table_progress& p);
// "1:05:09" or "2:03"; "?" for a negative value.
[[nodiscard]] std::string format_duration(std::int64_t seconds);

}  // namespace switchyard::migrate
