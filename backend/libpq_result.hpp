// libpq results and errors as backend/ values. Internal to backend/ (needs libpq-fe.h).
#pragma once
#include <libpq-fe.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "backend/pg_types.hpp"

namespace switchyard::backend::detail {

// Copies a result out of libpq: rows as text, command tag, or the server's error.
[[nodiscard]] pg_result to_result(const PGresult* result);

// libpq's multi-line error text ("...\n\tIs the server running...\n") on one line, trimmed.
[[nodiscard]] std::string one_line(const char* text);

// Why a statement cannot be sent as it is, or nullopt: libpq takes NUL-terminated text, so a NUL
// byte would silently cut the SQL or a parameter short; the protocol allows 65535 parameters.
[[nodiscard]] std::optional<std::string> invalid_statement(const pg_statement& statement);

// PQsendQuery for plain SQL, PQsendQueryParams (text parameters, types inferred) otherwise.
[[nodiscard]] bool send_statement(PGconn* conn, const pg_statement& statement, bool extended);
// Runs the statement prepared as `name` with the statement's parameters.
[[nodiscard]] bool send_prepared(PGconn* conn, const std::string& name, const pg_statement& statement);

// Sends a cancel request for the statement running on conn, off the event loop (see .cpp).
// The flag turns true once PQcancel has returned; nullptr if no request could be started.
[[nodiscard]] std::shared_ptr<const std::atomic<bool>> request_cancel(PGconn* conn);

}  // namespace switchyard::backend::detail
