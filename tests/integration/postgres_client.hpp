// A blocking libpq client for integration tests: run statements and read rows on the test
// PostgreSQL (127.0.0.1, port $SWITCHYARD_TEST_PG_PORT or 15432, app/app).
#pragma once
#include <libpq-fe.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace switchyard::integration {

struct postgres_client {
  PGconn* conn = nullptr;
  postgres_client() {
    const char* port = std::getenv("SWITCHYARD_TEST_PG_PORT");
    const std::string info = std::string("host=127.0.0.1 user=app password=app dbname=app connect_timeout=10 port=") +
                             (port && *port ? port : "15432");
    conn = PQconnectdb(info.c_str());
  }
  ~postgres_client() { PQfinish(conn); }
  postgres_client(const postgres_client&) = delete;
  postgres_client& operator=(const postgres_client&) = delete;
  [[nodiscard]] bool ok() const { return PQstatus(conn) == CONNECTION_OK; }

  // Runs `sql` (any number of statements); the error message, empty on success.
  std::string exec(const std::string& sql) {
    PQclear(PQexec(conn, "SET client_min_messages = warning"));
    PGresult* r = PQexec(conn, sql.c_str());
    const auto status = PQresultStatus(r);
    std::string error = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? "" : PQresultErrorMessage(r);
    PQclear(r);
    return error;
  }

  // Rows of one query as tab-joined text ("" for NULL).
  std::vector<std::string> rows(const std::string& sql) {
    std::vector<std::string> out;
    PGresult* r = PQexec(conn, sql.c_str());
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      out.push_back(std::string("ERROR: ") + PQresultErrorMessage(r));
    } else {
      for (int i = 0; i < PQntuples(r); ++i) {
        std::string row;
        for (int j = 0; j < PQnfields(r); ++j) {
          if (j) row += '\t';
          row += PQgetvalue(r, i, j);
        }
        out.push_back(std::move(row));
      }
    }
    PQclear(r);
    return out;
  }
};

}  // namespace switchyard::integration
