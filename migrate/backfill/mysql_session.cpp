#include "migrate/backfill/mysql_session.hpp"

namespace switchyard::migrate::mysql_session {

mysql_client::connection open(const mysql_endpoint& endpoint, std::string& error) {
  mysql_client::connection m = mysql_client::connect(endpoint, error);
  if (!m) return m;
  if (!exec(m.get(),
            "SET time_zone = '+00:00', sql_mode = 'NO_BACKSLASH_ESCAPES', net_write_timeout = 3600, "
            "net_read_timeout = 3600",
            error) ||
      !exec(m.get(), "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", error))
    return nullptr;
  return m;
}

bool exec(MYSQL* m, const std::string& sql, std::string& error) {
  if (mysql_real_query(m, sql.data(), sql.size()) != 0) {
    error = std::string("MySQL: ") + mysql_error(m);
    return false;
  }
  // Statements here return no rows; free one if the server sent it anyway.
  if (MYSQL_RES* r = mysql_store_result(m)) mysql_free_result(r);
  return true;
}

bool stream(MYSQL* m, const std::string& sql, std::string& error,
            const std::function<bool(MYSQL_ROW, unsigned long*)>& on_row) {
  if (mysql_real_query(m, sql.data(), sql.size()) != 0) {
    error = std::string("MySQL: ") + mysql_error(m);
    return false;
  }
  const mysql_client::result r(mysql_use_result(m));
  if (!r) {
    error = std::string("MySQL: ") + mysql_error(m);
    return false;
  }
  bool wanted = true;
  while (MYSQL_ROW row = mysql_fetch_row(r.get())) {
    if (wanted) wanted = on_row(row, mysql_fetch_lengths(r.get()));
  }
  if (mysql_errno(m) != 0) {
    error = std::string("MySQL: reading rows: ") + mysql_error(m);
    return false;
  }
  return true;
}

}  // namespace switchyard::migrate::mysql_session
