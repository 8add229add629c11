#include "migrate/mysql_client.hpp"

namespace switchyard::migrate::mysql_client {

std::string describe(const mysql_endpoint& endpoint) {
  return "MySQL at " + endpoint.host + ":" + std::to_string(endpoint.port);
}

connection connect(const mysql_endpoint& endpoint, std::string& error) {
  connection m(mysql_init(nullptr));
  if (!m) {
    error = "cannot allocate a MySQL connection";
    return nullptr;
  }
  mysql_options(m.get(), MYSQL_OPT_CONNECT_TIMEOUT, &endpoint.connect_timeout_seconds);
  mysql_options(m.get(), MYSQL_SET_CHARSET_NAME, "utf8mb4");
  if (!mysql_real_connect(m.get(), endpoint.host.c_str(), endpoint.user.c_str(), endpoint.password.c_str(), nullptr,
                          endpoint.port, nullptr, 0)) {
    error = "cannot connect to " + describe(endpoint) + ": " + mysql_error(m.get());
    return nullptr;
  }
  return m;
}

result query(MYSQL* m, const std::string& sql, std::string& error) {
  if (mysql_real_query(m, sql.data(), sql.size()) != 0) {
    error = std::string("query failed: ") + mysql_error(m);
    return nullptr;
  }
  result r(mysql_store_result(m));
  if (!r) error = std::string("query returned no rows: ") + mysql_error(m);
  return r;
}

std::string field(MYSQL_ROW row, unsigned long* lengths, unsigned i) {
  return row[i] ? std::string(row[i], lengths[i]) : std::string();
}

std::string quoted(MYSQL* m, std::string_view value) {
  std::string out(value.size() * 2 + 3, '\0');
  out[0] = '\'';
  const auto n = mysql_real_escape_string(m, out.data() + 1, value.data(), static_cast<unsigned long>(value.size()));
  out.resize(n + 1);
  out += '\'';
  return out;
}

}  // namespace switchyard::migrate::mysql_client
