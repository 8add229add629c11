// The dual write's progress, published in PostgreSQL for the backfill's re-checks: each proxy
// instance keeps one row of switchyard_mirror_progress (with the databases it mirrors) saying up to which instant (its own wall
// clock) every commit it saw on MySQL has left its mirror (applied, or recorded as divergent), and
// a heartbeat in PostgreSQL's clock. A backfill re-checks a chunk only once every live instance is
// past the chunk's snapshot, so no statement older than the snapshot can land after the re-check;
// with no live instance there is no dual write to race with and chunks need no re-check.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "backend/pg_pool.hpp"

namespace switchyard::proxy {

inline constexpr const char* mirror_progress_table = "switchyard_mirror_progress";

// CREATE TABLE IF NOT EXISTS, serialized with the other tools' DDL (one transaction).
[[nodiscard]] std::string mirror_progress_ddl();

// The instant up to which everything handed to the mirror is out of it: the oldest pending
// commit's (seen at `oldest_pending` on the steady clock), else now. Pure.
[[nodiscard]] std::int64_t caught_up_micros(std::int64_t wall_now_micros, std::chrono::steady_clock::time_point now,
                                            std::optional<std::chrono::steady_clock::time_point> oldest_pending);

class mirror_progress_publisher {
 public:
  using oldest_pending_fn = std::function<std::optional<std::chrono::steady_clock::time_point>()>;
  // `databases`: the MySQL databases mirrored (empty: every non-system one); a backfill of others
  // does not wait for this instance.
  mirror_progress_publisher(boost::asio::any_io_executor executor, backend::pg_pool& pool, std::string instance,
                            std::vector<std::string> databases, std::chrono::milliseconds interval,
                            oldest_pending_fn oldest_pending);

  // Publishes every interval until stop(), then removes the instance's row (a stopped dual write
  // holds no backfill back). finished() completes when that is done.
  boost::asio::awaitable<void> run();
  void stop();
  boost::asio::awaitable<void> finished();

  [[nodiscard]] std::uint64_t published() const noexcept { return published_; }
  [[nodiscard]] std::uint64_t failures() const noexcept { return failures_; }

 private:
  boost::asio::awaitable<bool> publish_once(bool retire);
  [[nodiscard]] std::int64_t caught_up_now() const;
  void failed(const std::string& why);

  backend::pg_pool& pool_;
  std::string instance_;
  std::string databases_;  // a JSON array of the names (no array-literal quoting to get right)
  std::chrono::milliseconds interval_;
  oldest_pending_fn oldest_pending_;
  boost::asio::steady_timer tick_;
  boost::asio::steady_timer done_;
  bool stopping_ = false;
  bool done_flag_ = false;
  bool table_ready_ = false;
  bool failing_ = false;  // the last attempt failed (logged once per outage)
  std::uint64_t published_ = 0;
  std::uint64_t failures_ = 0;
};

}  // namespace switchyard::proxy
