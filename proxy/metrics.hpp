// Every counter and gauge of the proxy, declared in one place. Relaxed atomics: they are
// statistics, never used to synchronise anything.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>

namespace switchyard::proxy {

#define SWITCHYARD_PROXY_METRICS(X)                                                            \
  X(counter, connections_accepted, "client connections accepted")                            \
  X(counter, connections_refused_limit, "client connections refused: max_connections reached") \
  X(gauge, connections_active, "client sessions open now")                                   \
  X(counter, sessions_authenticated, "sessions that completed authentication")               \
  X(counter, auth_failures, "sessions whose authentication MySQL refused")                   \
  X(counter, commands_total, "client commands relayed")                                      \
  X(counter, queries_total, "COM_QUERY commands relayed")                                    \
  X(counter, prepares_total, "COM_STMT_PREPARE commands relayed")                            \
  X(counter, executes_total, "COM_STMT_EXECUTE commands relayed")                            \
  X(counter, client_bytes_in, "bytes read from clients")                                     \
  X(counter, client_bytes_out, "bytes written to clients")                                   \
  X(counter, malformed_packets, "client packets that did not decode")                        \
  X(counter, bad_sequence_ids, "packets with an unexpected sequence id")                     \
  X(counter, packets_too_large, "client messages over max_allowed_packet")                   \
  X(counter, unsupported_commands, "client commands refused as unsupported")                 \
  X(counter, client_aborts, "clients that hung up mid-command or mid-result")                \
  X(counter, backend_connect_failures, "MySQL connections that could not be opened")         \
  X(counter, backend_failures, "MySQL connections lost or broken mid-session")               \
  X(counter, backend_protocol_errors, "MySQL responses that did not parse")                  \
  X(counter, tls_handshakes, "client TLS handshakes completed")                              \
  X(counter, tls_handshake_failures, "client TLS handshakes that failed")                    \
  X(counter, tls_required_refusals, "clients refused because TLS is required")               \
  X(counter, timeouts_connect, "MySQL connects that timed out")                              \
  X(counter, timeouts_handshake, "sessions that did not authenticate in time")               \
  X(counter, timeouts_idle, "sessions closed for being idle too long")                       \
  X(counter, timeouts_query, "sessions closed because MySQL did not answer in time")         \
  X(counter, shutdown_closed, "sessions closed by a graceful shutdown")                       \
  X(counter, mirror_transactions_submitted, "committed MySQL transactions handed to the mirror") \
  X(counter, mirror_transactions_applied, "transactions the mirror applied to PostgreSQL")   \
  X(counter, mirror_statements_applied, "statements the mirror applied to PostgreSQL")       \
  X(counter, mirror_transactions_diverged, "transactions not applied, recorded as divergences") \
  X(counter, mirror_group_commits, "PostgreSQL transactions that carried several MySQL ones") \
  X(counter, mirror_queue_full, "transactions recorded as divergent because the queue was full") \
  X(counter, mirror_failures_unsafe, "not applied: a value MySQL made cannot be reproduced")  \
  X(counter, mirror_failures_untranslatable, "not applied: the translator refused a statement") \
  X(counter, mirror_failures_unavailable, "not applied: PostgreSQL away or too slow")        \
  X(counter, mirror_failures_rejected, "not applied: PostgreSQL refused a statement")        \
  X(gauge, mirror_queue_depth, "transactions waiting for PostgreSQL now")                    \
  X(gauge, mirror_queue_peak, "most transactions ever waiting at once")                      \
  X(gauge, mirror_lag_p50_us, "median MySQL-commit-to-PostgreSQL-commit lag (microseconds)") \
  X(gauge, mirror_lag_p99_us, "99th percentile of that lag (microseconds)")                 \
  X(gauge, mirror_lag_max_us, "largest lag seen (microseconds)")                             \
  X(counter, mirror_late_commits, "commits seen after a later one was applied (reorder window exceeded): recorded") \
  X(counter, mirror_time_pins, "writes for which MySQL's timestamp was pinned")              \
  X(counter, mirror_time_pin_failures, "writes whose timestamp MySQL refused to pin")        \
  X(counter, mirror_commit_gtids_tracked, "commit GTIDs read from MySQL's OK packets (session tracking)") \
  X(counter, mirror_commit_gtids_queried, "commit GTIDs read with SELECT @@last_gtid (client without session tracking)") \
  X(counter, mirror_gtid_tracking_failures, "sessions where MySQL refused to track last_gtid, or the client changed session tracking") \
  X(counter, mirror_progress_published, "the dual write's progress written to switchyard_mirror_progress (for backfill re-checks)") \
  X(counter, mirror_progress_failures, "progress writes that failed (PostgreSQL away or refusing): backfills then see no live dual write") \
  X(counter, mirror_gtid_unstripped, "OK packets relayed with the proxy's tracked GTID left in (an OK packet split across reads)") \
  X(counter, mirror_sync_timeouts, "synchronous mode: commits answered before PostgreSQL applied them") \
  X(counter, divergences_recorded, "divergence records made durable in the local file")     \
  X(counter, divergence_record_failures, "divergence records the local file could not take") \
  X(counter, divergences_shipped, "divergence records copied to PostgreSQL")                 \
  X(gauge, postgresql_up, "1 when the mirror's PostgreSQL pool is up, 0 when down")

class metrics {
 public:
#define SWITCHYARD_DECLARE(kind, name, help) std::atomic<std::int64_t> name{0};
  SWITCHYARD_PROXY_METRICS(SWITCHYARD_DECLARE)
#undef SWITCHYARD_DECLARE

  static void add(std::atomic<std::int64_t>& m, std::int64_t n = 1) {
    m.fetch_add(n, std::memory_order_relaxed);
  }
  [[nodiscard]] static std::int64_t get(const std::atomic<std::int64_t>& m) {
    return m.load(std::memory_order_relaxed);
  }

  // Prometheus text exposition format, names prefixed with "switchyard_".
  [[nodiscard]] std::string to_prometheus() const;
  // Every metric as name=value on one line, for the log (SIGUSR1 and shutdown).
  [[nodiscard]] std::string to_log_line() const;
};

}  // namespace switchyard::proxy
