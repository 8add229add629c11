#include "proxy/mirror_progress.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/json.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "migrate/pg_client.hpp"

namespace asio = boost::asio;

namespace switchyard::proxy {

std::string mirror_progress_ddl() {
  return std::string("BEGIN; ") + migrate::pg_client::switchyard_ddl_lock + "; CREATE TABLE IF NOT EXISTS " + mirror_progress_table +
         " (instance text PRIMARY KEY, databases text[] NOT NULL, caught_up_at timestamptz NOT NULL, "
         "heartbeat_at timestamptz NOT NULL, started_at timestamptz NOT NULL); COMMIT";
}

std::int64_t caught_up_micros(std::int64_t wall_now_micros, std::chrono::steady_clock::time_point now,
                              std::optional<std::chrono::steady_clock::time_point> oldest_pending) {
  if (!oldest_pending || *oldest_pending >= now) return wall_now_micros;
  return wall_now_micros - std::chrono::duration_cast<std::chrono::microseconds>(now - *oldest_pending).count();
}

mirror_progress_publisher::mirror_progress_publisher(asio::any_io_executor executor, backend::pg_pool& pool,
                                                     std::string instance, std::vector<std::string> databases,
                                                     std::chrono::milliseconds interval, oldest_pending_fn oldest_pending)
    : pool_(pool),
      instance_(std::move(instance)),
      databases_(boost::json::serialize(boost::json::array(databases.begin(), databases.end()))),
      interval_(interval),
      oldest_pending_(std::move(oldest_pending)),
      tick_(executor),
      done_(executor, asio::steady_timer::time_point::max()) {}

void mirror_progress_publisher::stop() {
  stopping_ = true;
  tick_.cancel();
}

asio::awaitable<void> mirror_progress_publisher::finished() {
  while (!done_flag_) {
    boost::system::error_code ec;
    co_await done_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

asio::awaitable<void> mirror_progress_publisher::run() {
  while (!stopping_) {
    (void)co_await publish_once(false);
    if (stopping_) break;
    tick_.expires_after(interval_);
    boost::system::error_code ec;
    co_await tick_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  if (table_ready_) (void)co_await publish_once(true);
  done_flag_ = true;
  done_.cancel();
}

// Outside the coroutine: GCC 12 mishandles some temporaries (here an optional) in coroutine frames.
std::int64_t mirror_progress_publisher::caught_up_now() const {
  const std::optional<std::chrono::steady_clock::time_point> oldest = oldest_pending_();
  return caught_up_micros(wall_clock_micros(), std::chrono::steady_clock::now(), oldest);
}

// One round trip; PostgreSQL away: the heartbeat goes stale, which a backfill reads as "no live
// dual write" (what the mirror could not apply meanwhile is in the divergence log).
asio::awaitable<bool> mirror_progress_publisher::publish_once(bool retire) {
  const auto deadline = backend::clock::now() + std::max(interval_ * 10, std::chrono::milliseconds(1000));
  backend::acquired lease = co_await pool_.acquire(deadline);
  if (!lease.error.ok()) {
    failed(lease.error.describe());
    co_return false;
  }
  if (!table_ready_) {
    const backend::pg_result r = co_await lease.connection->execute(mirror_progress_ddl(), deadline);
    if (!r.ok()) {
      failed(r.error.describe());
      co_return false;
    }
    table_ready_ = true;
  }
  std::vector<backend::pg_value> params{instance_};
  std::string sql;
  if (retire) {
    sql = std::string("DELETE FROM ") + mirror_progress_table + " WHERE instance = $1";
  } else {
    params.emplace_back(std::to_string(caught_up_now()));
    params.emplace_back(databases_);
    sql = std::string("INSERT INTO ") + mirror_progress_table +
          " VALUES ($1, ARRAY(SELECT jsonb_array_elements_text($3::jsonb)), to_timestamp($2::numeric / 1000000), now(), now()) ON CONFLICT (instance) DO UPDATE "
          "SET databases = excluded.databases, caught_up_at = excluded.caught_up_at, heartbeat_at = excluded.heartbeat_at";
  }
  const backend::pg_result r = co_await lease.connection->execute_params(std::move(sql), std::move(params), deadline);
  if (!r.ok()) {
    failed(r.error.describe());
    co_return false;
  }
  ++published_;
  if (failing_) SY_LOG(info, 0, "dual write: progress published in ", mirror_progress_table, " again");
  failing_ = false;
  co_return true;
}

// Counted every time; logged when it starts failing (every 100 ms would flood the log).
void mirror_progress_publisher::failed(const std::string& why) {
  ++failures_;
  if (failing_) return;
  failing_ = true;
  SY_LOG(warn, 0, "dual write: cannot publish progress in ", mirror_progress_table, " (", why,
         "); backfills will not see this dual write and skip their re-checks until it is back");
}

}  // namespace switchyard::proxy
