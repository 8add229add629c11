// One PostgreSQL connection driven by libpq's asynchronous API on an Asio executor: libpq never
// blocks the event loop, waits are async_wait on libpq's socket (a stream_descriptor that never
// owns the fd: it is released before PQfinish), and every wait ends at a deadline.
//
// Single-threaded: a connection (like the pool) belongs to one executor and runs one operation at
// a time; a second concurrent operation gets pg_errc::busy. Errors are values: no exception leaves
// these functions. After connection_lost, internal, or a timeout that could not be cancelled, the
// connection is closed and connected() is false.
//
// Arguments are taken by value: the coroutines may start after the caller's temporaries are gone.
// The connection itself must outlive its running operations (destroy it after its io_context
// has stopped running them).
#pragma once
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

#include "backend/metrics.hpp"
#include "backend/pg_types.hpp"

struct pg_conn;
typedef struct pg_conn PGconn;
struct pg_result;
typedef struct pg_result PGresult;

namespace switchyard::backend {

namespace asio = boost::asio;

struct connection_options {
  // After a statement's deadline, how long to wait for the cancelled statement to end and for
  // the cancel request to complete before giving up on the connection and closing it.
  clock::duration cancel_grace = std::chrono::milliseconds(500);
};

class pg_connection {
 public:
  pg_connection(asio::any_io_executor executor, metrics& counters, connection_options options = {});
  ~pg_connection();
  pg_connection(const pg_connection&) = delete;
  pg_connection& operator=(const pg_connection&) = delete;

  // Opens the connection (closing any previous one). conninfo is libpq's "key=value" or URI form;
  // its connect_timeout is ignored, the deadline rules. libpq resolves host names with a
  // blocking getaddrinfo: give numeric addresses (host=127.0.0.1 or hostaddr=) to keep the
  // event loop free; "localhost" costs an /etc/hosts lookup.
  asio::awaitable<pg_error> connect(std::string conninfo, clock::time_point deadline);

  // Runs SQL text (simple protocol; several statements separated by ';' are allowed: the result is
  // the first error, else the last statement's result).
  asio::awaitable<pg_result> execute(std::string sql, clock::time_point deadline);
  // One statement with $1..$n text parameters (extended protocol; types inferred by the server,
  // so cast where it matters: $1::int). With no parameters it is the same as execute().
  asio::awaitable<pg_result> execute_params(std::string sql, std::vector<pg_value> params, clock::time_point deadline);

  // Sends every statement in pipeline mode, then one Sync, and collects each result: one round
  // trip for the whole batch. At the first failure PostgreSQL skips the rest (their results say
  // pg_errc::skipped). Without explicit BEGIN/COMMIT the batch is ONE implicit transaction, so a
  // failure also undoes the statements before it; with an explicit BEGIN left failed, the batch
  // ends with a ROLLBACK. Each statement must be a single SQL statement. A timeout closes the
  // connection (a half-read pipeline cannot be resumed safely).
  asio::awaitable<pg_batch_result> execute_pipeline(std::vector<pg_statement> statements, clock::time_point deadline);

  // BEGIN, the statements one by one, COMMIT; on the first failure ROLLBACK (the connection is
  // closed if even that fails, which makes the server roll back). ok() means committed.
  asio::awaitable<pg_batch_result> transaction(std::vector<pg_statement> statements, clock::time_point deadline);

  // Without blocking, reads whatever the server sent while the connection was idle (a FATAL
  // after pg_terminate_backend, EOF after a restart) and reports whether it is still usable.
  // Closes the connection if it is not.
  [[nodiscard]] bool check_alive();

  // Idempotent. Must not be called while an operation runs (the pool never does).
  void close();

  [[nodiscard]] bool connected() const { return conn_ != nullptr; }
  [[nodiscard]] bool busy() const { return busy_; }
  // The server process id (for pg_terminate_backend, logs); 0 when not connected.
  [[nodiscard]] int backend_pid() const;
  // True while a transaction is open on the server (idle in transaction, or failed in one).
  [[nodiscard]] bool in_transaction() const;

 private:
  enum class wait_for : std::uint8_t { read, write, read_or_write };
  class busy_guard;

  [[nodiscard]] bool attach_socket();
  asio::awaitable<pg_errc> wait_socket(wait_for what, clock::time_point deadline);
  asio::awaitable<pg_errc> flush(clock::time_point deadline);
  asio::awaitable<pg_errc> wait_not_busy(clock::time_point deadline);
  asio::awaitable<pg_result> run_one(const pg_statement& statement, clock::time_point deadline);
  asio::awaitable<pg_result> collect(clock::time_point deadline);
  asio::awaitable<void> cancel_and_drain();
  void drop_after_timeout();
  static void on_notice(void* self, const PGresult* notice);
  template <class Result, class Body>
  asio::awaitable<Result> guarded(std::string_view what, Body body);
  asio::awaitable<pg_batch_result> transaction_unguarded(const std::vector<pg_statement>& statements,
                                                         clock::time_point deadline);
  asio::awaitable<pg_batch_result> pipeline_unguarded(const std::vector<pg_statement>& statements,
                                                      clock::time_point deadline);
  asio::awaitable<void> rollback_after_failure(clock::time_point deadline);

  // busy or not_connected, before an operation starts.
  [[nodiscard]] std::optional<pg_error> refuse_operation();
  [[nodiscard]] pg_error fail(pg_errc code, std::string message);
  [[nodiscard]] pg_error lost(std::string_view what);
  void count(const pg_error& error);

  metrics& metrics_;
  connection_options options_;
  PGconn* conn_ = nullptr;
  asio::posix::stream_descriptor socket_;
  asio::steady_timer timer_;
  bool busy_ = false;
  bool server_said_goodbye_ = false;  // a FATAL notice arrived while idle
  // Plans prepared on this connection (reuse_plan statements): text -> name.
  static constexpr std::size_t max_prepared_plans = 4096;
  std::unordered_map<std::string, std::string> prepared_;
  std::unordered_map<std::string, std::string> pending_plans_;  // being prepared in the pipeline under way
  std::uint64_t next_plan_ = 0;
};

}  // namespace switchyard::backend
