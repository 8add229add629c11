#include "migrate/backfill/pg_session.hpp"

#include "migrate/key_range.hpp"

namespace switchyard::migrate::pg_session {

connection connect(const std::string& conninfo, std::string& error) {
  // A conninfo URI cannot take extra keywords appended; only key=value strings get the timeout.
  const bool uri = conninfo.find("://") != std::string::npos;
  const std::string info = uri || conninfo.find("connect_timeout") != std::string::npos ? conninfo
                                                                                       : conninfo + " connect_timeout=10";
  connection c = pg_client::connect(info, error);
  if (c && !run(c.get(), "SET TimeZone = 'UTC'", error)) return nullptr;
  return c;
}

std::string describe(const PGresult* r, PGconn* c) {
  std::string out;
  if (r != nullptr && PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) != nullptr) {
    out = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    if (const char* detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL)) out += std::string(" (") + detail + ")";
  } else {
    out = PQerrorMessage(c);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

result exec(PGconn* c, const std::string& sql, std::string& error, const std::vector<std::string>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.c_str());
  result r(params.empty() ? PQexec(c, sql.c_str())
                          : PQexecParams(c, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                                         nullptr, 0));
  const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN) {
    const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
    error = "PostgreSQL: " + (state ? "[" + std::string(state) + "] " : std::string()) + describe(r.get(), c);
    return nullptr;
  }
  return r;
}

bool run(PGconn* c, const std::string& sql, std::string& error, const std::vector<std::string>& params) {
  return exec(c, sql, error, params) != nullptr;
}

std::string value(const PGresult* r, int row, int column) {
  return PQgetisnull(r, row, column) ? std::string() : std::string(PQgetvalue(r, row, column), PQgetlength(r, row, column));
}

bool transient(std::string_view error) noexcept {
  return error.find("[40P01]") != std::string_view::npos || error.find("[40001]") != std::string_view::npos;
}

std::string literal(std::string_view text) {
  return key_literal(text, sql::type_category::text, sql_dialect::postgresql);
}

}  // namespace switchyard::migrate::pg_session
