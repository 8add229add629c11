// Values exchanged with PostgreSQL: error codes, statements, results. Errors are values here:
// nothing in backend/ throws across its API.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::backend {

using clock = std::chrono::steady_clock;

enum class pg_errc : std::uint8_t {
  ok = 0,
  server_error,      // PostgreSQL rejected the statement; sqlstate says why
  timeout,           // the deadline passed (the statement was cancelled or the connection dropped)
  connect_failed,    // the connection could not be opened
  connection_lost,   // the connection broke; it is closed and must be reopened
  not_connected,     // used before connect() succeeded, or after the connection was closed
  busy,              // another operation is running on this connection
  skipped,           // not run: an earlier statement of the same batch failed
  invalid_argument,  // refused before sending (NUL byte in a parameter, too many parameters, COPY)
  pool_timeout,      // no pooled connection became free before the deadline
  pool_unavailable,  // PostgreSQL is unreachable and the pool waits before its next attempt
  pool_closed,       // the pool was closed
  internal,          // an unexpected failure inside backend/ (a bug); the connection is closed
};

[[nodiscard]] std::string_view to_string(pg_errc code);

struct pg_error {
  pg_errc code = pg_errc::ok;
  std::string sqlstate;  // five characters for server errors, else empty
  std::string message;

  [[nodiscard]] bool ok() const { return code == pg_errc::ok; }
  // "timeout: ..." or "server_error 42601: ...", for logs.
  [[nodiscard]] std::string describe() const;
};

// A text-format value; std::nullopt is SQL NULL.
using pg_value = std::optional<std::string>;

// One SQL statement with $1..$n text parameters (none for plain SQL).
struct pg_statement {
  std::string sql;
  std::vector<pg_value> params;
  // Pipelines only: prepare the text once per connection and run the prepared statement from
  // then on, saving PostgreSQL the parse and plan (for texts sent again and again).
  bool reuse_plan = false;
};

struct pg_result {
  pg_error error;
  std::string command_tag;             // "INSERT 0 3", "SELECT 2", ...
  std::int64_t affected_rows = -1;     // from the command tag; -1 when it carries no count
  std::vector<std::string> columns;
  std::vector<std::vector<pg_value>> rows;  // text format

  [[nodiscard]] bool ok() const { return error.ok(); }
};

// The outcome of several statements: one result per statement, in order.
struct pg_batch_result {
  pg_error error;                          // the first failure, or ok
  std::optional<std::size_t> failed_index;  // which statement failed, when one did
  std::vector<pg_result> results;

  [[nodiscard]] bool ok() const { return error.ok(); }
};

}  // namespace switchyard::backend
