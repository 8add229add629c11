// Small helpers over MariaDB Connector/C for the blocking migration tools: owning handles, a
// connect with the endpoint's timeout, a query that reports the server's error, quoting.
#pragma once
#include <mysql.h>

#include <memory>
#include <string>
#include <string_view>

#include "migrate/mysql_catalog.hpp"

namespace switchyard::migrate::mysql_client {

struct connection_closer {
  void operator()(MYSQL* m) const { mysql_close(m); }
};
struct result_freer {
  void operator()(MYSQL_RES* r) const { mysql_free_result(r); }
};
using connection = std::unique_ptr<MYSQL, connection_closer>;
using result = std::unique_ptr<MYSQL_RES, result_freer>;

// Connects (utf8mb4); null with `error` naming the server on failure.
[[nodiscard]] connection connect(const mysql_endpoint& endpoint, std::string& error);
// "MySQL at host:port", for messages.
[[nodiscard]] std::string describe(const mysql_endpoint& endpoint);
// Runs a query that returns rows; on failure sets `error` and returns null.
[[nodiscard]] result query(MYSQL* m, const std::string& sql, std::string& error);
[[nodiscard]] std::string field(MYSQL_ROW row, unsigned long* lengths, unsigned i);
// A quoted string literal for `value`.
[[nodiscard]] std::string quoted(MYSQL* m, std::string_view value);

}  // namespace switchyard::migrate::mysql_client
