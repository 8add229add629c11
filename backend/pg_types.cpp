#include "backend/pg_types.hpp"

#include "common/str_cat.hpp"

namespace switchyard::backend {

std::string_view to_string(pg_errc code) {
  switch (code) {
    case pg_errc::ok: return "ok";
    case pg_errc::server_error: return "server_error";
    case pg_errc::timeout: return "timeout";
    case pg_errc::connect_failed: return "connect_failed";
    case pg_errc::connection_lost: return "connection_lost";
    case pg_errc::not_connected: return "not_connected";
    case pg_errc::busy: return "busy";
    case pg_errc::skipped: return "skipped";
    case pg_errc::invalid_argument: return "invalid_argument";
    case pg_errc::pool_timeout: return "pool_timeout";
    case pg_errc::pool_unavailable: return "pool_unavailable";
    case pg_errc::pool_closed: return "pool_closed";
    case pg_errc::internal: return "internal";
  }
  return "unknown";
}

std::string pg_error::describe() const {
  if (sqlstate.empty()) return str_cat(to_string(code), ": ", message);
  return str_cat(to_string(code), " ", sqlstate, ": ", message);
}

}  // namespace switchyard::backend
