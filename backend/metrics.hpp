// Every counter and gauge of backend/, declared in one place (the admin issue exports them).
// Relaxed atomics: statistics only, never used to synchronise anything.
#pragma once
#include <atomic>
#include <cstdint>

namespace switchyard::backend {

#define SWITCHYARD_BACKEND_METRICS(X)                                                         \
  X(counter, pg_connects, "PostgreSQL connection attempts")                                 \
  X(counter, pg_connect_failures, "PostgreSQL connection attempts that failed")             \
  X(counter, pg_reconnects, "pooled PostgreSQL connections reopened after one was lost")    \
  X(counter, pg_queries, "statements sent to PostgreSQL (each one of a pipeline counts)")   \
  X(counter, pg_pipelines, "pipelines sent to PostgreSQL")                                  \
  X(counter, pg_transactions, "transactions run by the transaction helper")                 \
  X(counter, pg_socket_waits, "times an operation waited for the PostgreSQL socket")         \
  X(counter, pg_errors_server, "statements PostgreSQL rejected")                            \
  X(counter, pg_errors_connection_lost, "operations that found the connection broken")      \
  X(counter, pg_errors_other, "operations refused before reaching PostgreSQL")              \
  X(counter, pg_timeouts_connect, "PostgreSQL connects that timed out")                     \
  X(counter, pg_timeouts_query, "PostgreSQL statements that timed out")                     \
  X(counter, pg_cancels_sent, "cancel requests sent for timed-out statements")              \
  X(counter, pg_connections_dropped, "connections closed because a timeout left them unusable") \
  X(counter, pg_pool_acquire_timeouts, "pool acquires that timed out waiting for a connection") \
  X(counter, pg_pool_unavailable, "pool acquires refused while PostgreSQL was unreachable") \
  X(gauge, pg_pool_open, "pooled PostgreSQL connections open")                              \
  X(gauge, pg_pool_in_use, "pooled PostgreSQL connections lent out")

struct metrics {
#define SWITCHYARD_DECLARE(kind, name, help) std::atomic<std::int64_t> name{0};
  SWITCHYARD_BACKEND_METRICS(SWITCHYARD_DECLARE)
#undef SWITCHYARD_DECLARE

  static void add(std::atomic<std::int64_t>& m, std::int64_t n = 1) { m.fetch_add(n, std::memory_order_relaxed); }
  [[nodiscard]] static std::int64_t get(const std::atomic<std::int64_t>& m) {
    return m.load(std::memory_order_relaxed);
  }
  // Calls fn(kind, name, help, value) for every metric, for exporters.
  template <class Fn>
  void visit(Fn&& fn) const {
#define SWITCHYARD_VISIT(kind, name, help) fn(#kind, #name, help, get(name));
    SWITCHYARD_BACKEND_METRICS(SWITCHYARD_VISIT)
#undef SWITCHYARD_VISIT
  }
};

}  // namespace switchyard::backend
