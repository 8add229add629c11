// A bounded pool of pg_connections on one executor. Connections open lazily, up to `size`; an
// acquire takes an idle one (checked without blocking for a server-side close), opens a new one,
// or waits for a release until its deadline. When a connect fails the pool is "down": further
// attempts wait for an exponential backoff (seeded jitter), one probe at a time, and acquires in
// between fail fast with pool_unavailable, so a caller such as the mirror never stalls on a
// PostgreSQL that is away. health() is what the mirror and the admin port read.
//
// Single-threaded like pg_connection: the pool, its handles and its users (health() included:
// another thread posts to the pool's executor to read it) share one executor.
// Handles must not outlive the pool. A connection handed back inside a transaction, or broken,
// is closed (the server rolls back) and its slot reopened on demand.
#pragma once
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <list>
#include <memory>
#include <string>
#include <vector>

#include "backend/backoff.hpp"
#include "backend/metrics.hpp"
#include "backend/pg_connection.hpp"

namespace switchyard::backend {

struct pool_options {
  std::string conninfo;
  std::size_t size = 4;  // at least 1
  clock::duration connect_timeout = std::chrono::seconds(5);
  backoff_policy backoff;
  std::uint64_t jitter_seed = 1;  // the jitter sequence is reproducible from this
  connection_options connection;
};

enum class health_state : std::uint8_t { unknown, up, down };

struct pool_health {
  health_state state = health_state::unknown;  // unknown until the first connect attempt ends
  clock::time_point since{};                   // when `state` last changed
  std::chrono::system_clock::time_point since_wall{};  // the same instant, for people
  std::string last_error;                      // the last connect failure
  std::uint32_t consecutive_failures = 0;
  clock::time_point next_attempt{};            // while down: no connect attempt before this
};

class pg_pool;

// A lent connection; hands it back when destroyed or released.
class pooled_connection {
 public:
  pooled_connection() = default;
  pooled_connection(pooled_connection&& other) noexcept;
  pooled_connection& operator=(pooled_connection&& other) noexcept;
  ~pooled_connection() { release(); }

  [[nodiscard]] pg_connection& operator*() const { return *conn_; }
  [[nodiscard]] pg_connection* operator->() const { return conn_; }
  [[nodiscard]] explicit operator bool() const { return conn_ != nullptr; }
  // Hands the connection back now; idempotent.
  void release();

 private:
  friend class pg_pool;
  pooled_connection(pg_pool* pool, std::size_t slot, pg_connection* conn) : pool_(pool), slot_(slot), conn_(conn) {}
  pg_pool* pool_ = nullptr;
  std::size_t slot_ = 0;
  pg_connection* conn_ = nullptr;
};

struct acquired {
  pg_error error;
  pooled_connection connection;  // set when error.ok()
};

class pg_pool {
 public:
  pg_pool(asio::any_io_executor executor, pool_options options, metrics& counters);
  ~pg_pool();
  pg_pool(const pg_pool&) = delete;
  pg_pool& operator=(const pg_pool&) = delete;

  asio::awaitable<acquired> acquire(clock::time_point deadline);

  [[nodiscard]] const pool_health& health() const { return health_; }
  [[nodiscard]] std::size_t size() const { return slots_.size(); }
  [[nodiscard]] std::size_t open_count() const;
  [[nodiscard]] std::size_t in_use_count() const;

  // Closes idle connections, fails waiters with pool_closed; lent ones close when handed back.
  void close();

 private:
  friend class pooled_connection;
  enum class slot_state : std::uint8_t { empty, connecting, idle, in_use };
  struct slot {
    std::unique_ptr<pg_connection> conn;
    slot_state state = slot_state::empty;
    bool ever_connected = false;
  };
  struct waiter {
    asio::steady_timer* timer;
    bool woken = false;
  };

  asio::awaitable<acquired> acquire_unguarded(clock::time_point deadline);
  asio::awaitable<acquired> open_slot(std::size_t index, clock::time_point deadline);
  asio::awaitable<bool> wait_for_release(clock::time_point deadline);
  [[nodiscard]] acquired lend(std::size_t index);
  void give_back(std::size_t index);
  void close_slot(slot& s);
  void wake_one();
  void wake_all();
  void mark_up();
  void mark_down(const pg_error& error);

  asio::any_io_executor executor_;
  pool_options options_;
  metrics& metrics_;
  std::vector<slot> slots_;
  std::list<waiter*> waiters_;
  pool_health health_;
  jitter_source jitter_;
  std::size_t connecting_ = 0;
  bool closed_ = false;
};

}  // namespace switchyard::backend
