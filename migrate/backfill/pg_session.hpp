// The backfill's PostgreSQL sessions, over migrate/pg_client's connection: UTC, a connect timeout,
// and statements whose results the copier reads (COPY, RETURNING), with errors that carry the
// SQLSTATE so deadlocks with the dual write can be told apart and retried.
#pragma once
#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

#include "migrate/pg_client.hpp"

namespace switchyard::migrate::pg_session {

using connection = pg_client::connection;
using result = pg_client::result;

// Connects (connect_timeout 10 s unless the conninfo says otherwise) and sets TimeZone UTC; null
// with `error` ("cannot connect to PostgreSQL (host=...): ...") on failure.
[[nodiscard]] connection connect(const std::string& conninfo, std::string& error);
// PostgreSQL's message for a failed result: "ERROR: ... (DETAIL: ...)" on one line.
[[nodiscard]] std::string describe(const PGresult* r, PGconn* c);
// Runs `sql` with text parameters; null with `error` ("PostgreSQL: [SQLSTATE] message") when it did not succeed.
[[nodiscard]] result exec(PGconn* c, const std::string& sql, std::string& error,
                          const std::vector<std::string>& params = {});
// An exec error worth retrying: a deadlock or serialization failure (SQLSTATE 40P01, 40001), as when
// a chunk's rows meet the dual write's transactions.
[[nodiscard]] bool transient(std::string_view error) noexcept;
// exec for statements whose result is not needed.
[[nodiscard]] bool run(PGconn* c, const std::string& sql, std::string& error, const std::vector<std::string>& params = {});
[[nodiscard]] std::string value(const PGresult* r, int row, int column);
// A quoted PostgreSQL string literal (standard_conforming_strings).
[[nodiscard]] std::string literal(std::string_view text);

}  // namespace switchyard::migrate::pg_session
