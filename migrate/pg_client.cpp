#include "migrate/pg_client.hpp"

namespace switchyard::migrate::pg_client {
namespace {

// "host=h port=p dbname=d" of the conninfo, for messages (never the password).
std::string where(const std::string& conninfo) {
  std::string out;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), nullptr);
  if (options == nullptr) return "PostgreSQL";
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    const std::string key = o->keyword;
    if (o->val == nullptr || (key != "host" && key != "port" && key != "dbname" && key != "user")) continue;
    out += (out.empty() ? "" : " ") + key + "=" + o->val;
  }
  PQconninfoFree(options);
  return "PostgreSQL (" + out + ")";
}

std::string message_of(PGconn* c, const PGresult* r) {
  std::string out;
  if (r != nullptr) {
    if (const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE)) out = std::string(state) + " ";
    if (const char* primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)) return out + primary;
  }
  std::string text = PQerrorMessage(c);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return out + text;
}

}  // namespace

connection connect(const std::string& conninfo, std::string& error) {
  connection c(PQconnectdb(conninfo.c_str()));
  if (!c || PQstatus(c.get()) != CONNECTION_OK) {
    std::string text = c ? PQerrorMessage(c.get()) : "out of memory";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    error = "cannot connect to " + where(conninfo) + ": " + text;
    return nullptr;
  }
  // NOTICEs ("schema ... already exists, skipping") are expected chatter, not for the operator.
  PQsetNoticeProcessor(c.get(), [](void*, const char*) {}, nullptr);
  return c;
}

bool exec(PGconn* c, const std::string& sql, std::string& error) {
  const result r(PQexec(c, sql.c_str()));
  const ExecStatusType s = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY) return true;
  error = message_of(c, r.get());
  return false;
}

bool query(PGconn* c, const std::string& sql, const std::vector<std::string>& params, rows& out, std::string& error) {
  std::vector<const char*> values;
  for (const std::string& p : params) values.push_back(p.c_str());
  const result r(PQexecParams(c, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
  if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK) {
    error = message_of(c, r.get());
    return false;
  }
  out.clear();
  const int n = PQntuples(r.get()), fields = PQnfields(r.get());
  for (int i = 0; i < n; ++i) {
    std::vector<std::string> row;
    for (int f = 0; f < fields; ++f) row.emplace_back(PQgetvalue(r.get(), i, f), PQgetlength(r.get(), i, f));
    out.push_back(std::move(row));
  }
  return true;
}

}  // namespace switchyard::migrate::pg_client
