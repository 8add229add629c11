// Small helpers over libpq for the blocking migration tools (not the proxy's event loop, which
// uses backend/pg_connection): an owning connection, commands and queries that report
// PostgreSQL's error with its SQLSTATE.
#pragma once
#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

namespace switchyard::migrate::pg_client {

struct connection_closer {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using connection = std::unique_ptr<PGconn, connection_closer>;
struct result_clearer {
  void operator()(PGresult* r) const { PQclear(r); }
};
using result = std::unique_ptr<PGresult, result_clearer>;  // an owned PGresult
using rows = std::vector<std::vector<std::string>>;  // text values; NULL as empty

// Taken (in a transaction) before creating anything in the `switchyard` schema: the tools and
// their parallel workers create it on first use, and concurrent CREATE ... IF NOT EXISTS of the
// same object can fail in PostgreSQL's catalog ("duplicate key", "tuple concurrently updated").
inline constexpr const char* switchyard_ddl_lock = "SELECT pg_advisory_xact_lock(hashtext('switchyard ddl'))";

// Connects; null with `error` ("PostgreSQL (host=... dbname=...): message") on failure. The
// password is never part of the message.
[[nodiscard]] connection connect(const std::string& conninfo, std::string& error);
// Runs `sql` (one or several statements, simple protocol). False with `error` on failure.
[[nodiscard]] bool exec(PGconn* c, const std::string& sql, std::string& error);
// Runs one query with text parameters ($1..$n) and collects its rows.
[[nodiscard]] bool query(PGconn* c, const std::string& sql, const std::vector<std::string>& params, rows& out,
                         std::string& error);

}  // namespace switchyard::migrate::pg_client
