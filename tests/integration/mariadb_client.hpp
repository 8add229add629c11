// A blocking Connector/C session for integration tests that need MariaDB itself rather than the
// proxy: run a statement, read one value (127.0.0.1:mysql_port(), app/app, no default database).
#pragma once
#include <gtest/gtest.h>
#include <mysql.h>

#include <optional>
#include <string>

#include "integration/proxy_fixture.hpp"

namespace switchyard::integration {

struct mariadb_client {
  MYSQL* m = mysql_init(nullptr);
  mariadb_client() {
    EXPECT_NE(mysql_real_connect(m, "127.0.0.1", test_user, test_password, nullptr, mysql_port(), nullptr, 0), nullptr)
        << mysql_error(m);
  }
  ~mariadb_client() { mysql_close(m); }
  mariadb_client(const mariadb_client&) = delete;
  mariadb_client& operator=(const mariadb_client&) = delete;

  // The first column of the first row; nullopt for NULL, no row, or an error.
  std::optional<std::string> value(const std::string& sql) {
    if (mysql_real_query(m, sql.data(), sql.size()) != 0) return std::nullopt;
    MYSQL_RES* r = mysql_store_result(m);
    if (!r) return std::nullopt;
    MYSQL_ROW row = mysql_fetch_row(r);
    std::optional<std::string> out;
    if (row && row[0]) out = row[0];
    mysql_free_result(r);
    return out;
  }
  // Runs a statement that returns no rows; false with MariaDB's message in `error` when it fails.
  bool run(const std::string& sql, std::string& error) {
    if (mysql_real_query(m, sql.data(), sql.size()) == 0) return true;
    error = mysql_error(m);
    return false;
  }
};

}  // namespace switchyard::integration
