#include "migrate/backfill_progress.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <cstdio>

namespace switchyard::migrate {

std::int64_t eta_seconds(const table_progress& p) noexcept {
  if (p.state == "done") return 0;
  if (p.rows_per_second <= 0) return -1;
  const double left = p.rows_planned > p.rows ? static_cast<double>(p.rows_planned - p.rows) : 0.0;
  return static_cast<std::int64_t>(std::ceil(left / p.rows_per_second));
}

std::string format_duration(std::int64_t seconds) {
  if (seconds < 0) return "?";
  char buf[32];
  if (seconds >= 3600)
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                  static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  else
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(seconds / 60), static_cast<long long>(seconds % 60));
  return buf;
}

namespace {
double fraction_done(const table_progress& p) noexcept {
  if (p.state == "done") return 1.0;
  if (p.rows_planned > 0) return std::min(1.0, static_cast<double>(p.rows) / static_cast<double>(p.rows_planned));
  if (p.chunks_total > 0) return static_cast<double>(p.chunks_done) / static_cast<double>(p.chunks_total);
  return 0.0;
}
}  // namespace

std::string progress_bar_line(const table_progress& p, unsigned width) {
  const double f = fraction_done(p);
  const auto filled = static_cast<unsigned>(f * width);
  std::string bar(filled, '#');
  bar.append(width - filled, '-');
  char buf[160];
  std::snprintf(buf, sizeof buf, "  [%s] %5.1f%%  %llu rows  %.0f rows/s  ETA %s  %s", bar.c_str(), f * 100.0,
                static_cast<unsigned long long>(p.rows), p.rows_per_second, format_duration(eta_seconds(p)).c_str(),
                p.state.c_str());
  return p.table + buf;
}

std::string progress_json_line(const table_progress& p) {
  boost::json::object o{{"table", p.table},
                        {"chunks_done", p.chunks_done},
                        {"chunks_total", p.chunks_total},
                        {"rows", p.rows},
                        {"rows_per_s", std::llround(p.rows_per_second)},
                        {"eta_s", eta_seconds(p)},
                        {"state", p.state}};
  return boost::json::serialize(o);
}

}  // namespace switchyard::migrate
