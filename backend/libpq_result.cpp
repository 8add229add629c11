#include "backend/libpq_result.hpp"

#include <charconv>
#include <cstring>
#include <thread>
#include <vector>

#include "common/str_cat.hpp"

namespace switchyard::backend::detail {

std::string one_line(const char* text) {
  std::string out;
  if (text == nullptr) return out;
  for (const char* p = text; *p != '\0'; ++p) {
    if (*p == '\n' || *p == '\t') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(*p);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

namespace {

pg_error server_error_of(const PGresult* result) {
  pg_error e{pg_errc::server_error, {}, {}};
  if (const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE)) e.sqlstate = state;
  if (const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) {
    e.message = primary;
    if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) str_append(e.message, " (", detail, ")");
  } else {
    e.message = one_line(PQresultErrorMessage(result));
  }
  if (e.message.empty()) e.message = "PostgreSQL reported an error without a message";
  return e;
}

std::int64_t affected_rows_of(const PGresult* result) {
  const char* text = PQcmdTuples(const_cast<PGresult*>(result));  // libpq's signature lacks const
  std::int64_t n = -1;
  if (text == nullptr || *text == '\0') return n;
  std::from_chars(text, text + std::strlen(text), n);
  return n;
}

}  // namespace

pg_result to_result(const PGresult* result) {
  pg_result out;
  const ExecStatusType status = PQresultStatus(result);
  switch (status) {
    case PGRES_TUPLES_OK:
    case PGRES_SINGLE_TUPLE: {
      const int columns = PQnfields(result);
      const int rows = PQntuples(result);
      out.columns.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) out.columns.emplace_back(PQfname(result, c));
      out.rows.reserve(static_cast<std::size_t>(rows));
      for (int r = 0; r < rows; ++r) {
        auto& row = out.rows.emplace_back();
        row.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
          if (PQgetisnull(result, r, c)) {
            row.emplace_back(std::nullopt);
          } else {
            row.emplace_back(std::in_place, PQgetvalue(result, r, c), static_cast<std::size_t>(PQgetlength(result, r, c)));
          }
        }
      }
      [[fallthrough]];
    }
    case PGRES_COMMAND_OK:
    case PGRES_EMPTY_QUERY:
      if (const char* tag = PQcmdStatus(const_cast<PGresult*>(result))) out.command_tag = tag;
      out.affected_rows = affected_rows_of(result);
      break;
    case PGRES_FATAL_ERROR:
    case PGRES_NONFATAL_ERROR:
      out.error = server_error_of(result);
      break;
    case PGRES_BAD_RESPONSE:
      out.error = {pg_errc::internal, {}, str_cat("PostgreSQL sent a response libpq did not understand: ",
                                                 one_line(PQresultErrorMessage(result)))};
      break;
    default:  // COPY and pipeline markers: the callers handle those before converting
      out.error = {pg_errc::invalid_argument, {}, str_cat("unsupported result: ", PQresStatus(status))};
      break;
  }
  return out;
}

std::optional<std::string> invalid_statement(const pg_statement& statement) {
  if (statement.sql.find('\0') != std::string::npos) return "the SQL text contains a NUL byte";
  if (statement.params.size() > 65535) return str_cat(statement.params.size(), " parameters; PostgreSQL takes at most 65535");
  for (std::size_t i = 0; i < statement.params.size(); ++i) {
    const pg_value& v = statement.params[i];
    if (v && v->find('\0') != std::string::npos)
      return str_cat("parameter $", i + 1, " contains a NUL byte, which text parameters cannot carry");
  }
  return std::nullopt;
}

bool send_statement(PGconn* conn, const pg_statement& statement, bool extended) {
  if (!extended) return PQsendQuery(conn, statement.sql.c_str()) == 1;
  std::vector<const char*> values;
  values.reserve(statement.params.size());
  for (const pg_value& v : statement.params) values.push_back(v ? v->c_str() : nullptr);
  return PQsendQueryParams(conn, statement.sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                           nullptr, nullptr, 0) == 1;
}

bool send_prepared(PGconn* conn, const std::string& name, const pg_statement& statement) {
  std::vector<const char*> values;
  values.reserve(statement.params.size());
  for (const pg_value& v : statement.params) values.push_back(v ? v->c_str() : nullptr);
  return PQsendQueryPrepared(conn, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0) ==
         1;
}

// PQcancel opens its own connection to the server and waits for it: a blocking call (libpq 15
// has no asynchronous cancel; PQcancelCreate came in 17). It runs on a short-lived detached
// thread so that the event loop never waits; the PGcancel object is a copy of what it needs, so
// the PGconn may be closed meanwhile. Timeouts are rare, so a thread each is cheap enough.
// The flag lets the connection wait for PQcancel to return before it is reused: the server
// signals the backend twice (its pid and its process group), and a signal still on its way
// would cancel the NEXT statement.
std::shared_ptr<const std::atomic<bool>> request_cancel(PGconn* conn) {
  PGcancel* cancel = PQgetCancel(conn);
  if (cancel == nullptr) return nullptr;
  auto done = std::make_shared<std::atomic<bool>>(false);
  try {
    std::thread([cancel, done] {
      char error[256];
      (void)PQcancel(cancel, error, sizeof error);  // failure shows as the statement not ending
      PQfreeCancel(cancel);
      done->store(true, std::memory_order_release);
    }).detach();
  } catch (const std::exception&) {
    PQfreeCancel(cancel);
    return nullptr;
  }
  return done;
}

}  // namespace switchyard::backend::detail
