// Phase 1's machinery around the mirror: its own thread and event loop, the PostgreSQL pool, the
// divergence log, the catalog (loaded from MySQL at start, then kept current by mirrored DDL) and
// the MySQL server settings sessions start from. Sessions on any worker hand it committed
// transactions with submit(), which posts them to the mirror's loop: the loop runs them in the
// order they were posted, which is the order the sessions saw MySQL's commits.
#pragma once
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "backend/metrics.hpp"
#include "backend/pg_pool.hpp"
#include "config/config.hpp"
#include "migrate/mysql_server_settings.hpp"
#include "proxy/divergence_log.hpp"
#include "proxy/metrics.hpp"
#include "proxy/mirror.hpp"
#include "proxy/mirror_progress.hpp"
#include "sql/catalog.hpp"

namespace switchyard::proxy {

class dual_write {
 public:
  dual_write(const config::settings& settings, metrics& stats);
  ~dual_write();
  dual_write(const dual_write&) = delete;
  dual_write& operator=(const dual_write&) = delete;

  // Reads MySQL's settings and the mirrored databases' catalog (blocking: call before serving,
  // or off the workers), then starts the mirror's thread. False with `error` when MySQL cannot
  // be read or the divergence file cannot be opened.
  [[nodiscard]] bool start(std::string& error);
  // Applies what is queued until `deadline` (then records the rest as divergent), ships the
  // divergence log one last time, and joins the thread. Idempotent.
  void stop(std::chrono::steady_clock::time_point deadline);

  // Thread-safe and never waits; calls keep their order.
  void submit(mirror_transaction t);
  // New queue bound and timeouts from a configuration reload; thread-safe.
  void reconfigure(const config::mirror_settings& settings);

  // Immutable after start().
  [[nodiscard]] const migrate::mysql_server_settings& server() const { return server_; }
  [[nodiscard]] bool synchronous() const { return synchronous_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::chrono::milliseconds synchronous_timeout() const {
    return std::chrono::milliseconds(synchronous_timeout_ms_.load(std::memory_order_relaxed));
  }
  // Whether writes to `database` are mirrored.
  [[nodiscard]] bool mirrors(std::string_view database) const;
  // Whether `database`.`table` has a date-time column (DEFAULT / ON UPDATE CURRENT_TIMESTAMP may
  // fill it, so MySQL's timestamp is pinned for writes to it), or is not in the catalog yet.
  // Thread-safe.
  [[nodiscard]] bool has_time_columns(std::string_view database, std::string_view table) const;
  // Divergences recorded so far, by "schema.table". Thread-safe.
  [[nodiscard]] std::map<std::string, std::uint64_t> divergences_by_table() const;

 private:
  void publish();
  void publish_soon();
  void take_inbox();
  [[nodiscard]] std::optional<std::chrono::steady_clock::time_point> oldest_pending();
  boost::asio::awaitable<void> ensure_schemas(std::vector<std::string> databases);
  void record_unclean_stop();
  void log_divergences(const std::vector<divergence>& records);
  void refresh_time_tables();

  config::settings settings_;
  metrics& stats_;
  migrate::mysql_server_settings server_;
  std::set<std::string> databases_;  // empty: every non-system database
  boost::asio::io_context context_{1};
  backend::metrics backend_metrics_;
  std::unique_ptr<backend::pg_pool> pool_;
  std::unique_ptr<divergence_log> log_;
  sql::memory_catalog catalog_;
  std::unique_ptr<mirror> mirror_;
  std::unique_ptr<mirror_progress_publisher> progress_;
  std::thread thread_;
  bool running_ = false;
  std::atomic<bool> accepting_{false};  // submit() posts only while the mirror's thread runs
  std::chrono::steady_clock::time_point last_divergence_log_{};  // mirror thread only
  std::uint64_t unlogged_divergences_ = 0;
  std::chrono::steady_clock::time_point last_publish_{};  // mirror thread only

  // Transactions from the sessions' threads, taken by the mirror's thread in one go: a busy
  // mirror is woken once per batch, not once per commit.
  std::mutex inbox_mutex_;
  std::vector<mirror_transaction> inbox_;
  std::atomic<bool> synchronous_{false};
  std::atomic<std::int64_t> synchronous_timeout_ms_{1000};

  mutable std::mutex shared_mutex_;  // guards what sessions read from other threads:
  std::set<std::string, std::less<>> time_tables_;   // "schema\0table"
  std::set<std::string, std::less<>> known_tables_;  // every table of the catalog
  std::map<std::string, std::uint64_t> by_table_;
  std::uint64_t catalog_version_seen_ = 0;
};

}  // namespace switchyard::proxy
