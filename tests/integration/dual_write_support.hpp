// Shared by the dual-write integration tests: a MySQL database and its PostgreSQL schema made
// fresh for one test, proxy settings in phase 1 mirroring it, waiting for the mirror to drain,
// comparing a table on both sides as text, and capturing the proxy's log (stderr).
#pragma once
#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "integration/postgres_client.hpp"
#include "integration/proxy_fixture.hpp"

namespace switchyard::integration {

inline std::string pg_conninfo() {
  const char* port = std::getenv("SWITCHYARD_TEST_PG_PORT");
  return std::string("host=127.0.0.1 dbname=app user=app password=app port=") + (port && *port ? port : "15432");
}

// "<prefix><test name>", lower-cased, short enough for both servers: tests run in parallel.
inline std::string test_database_name(std::string prefix) {
  std::string name = prefix + ::testing::UnitTest::GetInstance()->current_test_info()->name();
  for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return name.substr(0, 60);
}

// The database exists (empty) on MySQL and as a schema on PostgreSQL; dropped on both at the end.
class mirrored_database {
 public:
  explicit mirrored_database(std::string name) : name_(std::move(name)) {
    connection c = connect_direct(options_without_database());
    exec(c.get(), "DROP DATABASE IF EXISTS " + name_);
    exec(c.get(), "CREATE DATABASE " + name_);
    postgres_client pg;
    EXPECT_EQ(pg.exec("DROP SCHEMA IF EXISTS " + name_ + " CASCADE; CREATE SCHEMA " + name_), "");
  }
  ~mirrored_database() {
    connection c = connect_direct(options_without_database());
    if (c.connected) (void)mysql_query(c.get(), ("DROP DATABASE IF EXISTS " + name_).c_str());
    postgres_client pg;
    (void)pg.exec("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
  }
  mirrored_database(const mirrored_database&) = delete;
  mirrored_database& operator=(const mirrored_database&) = delete;
  [[nodiscard]] const std::string& name() const { return name_; }

  // Settings for a proxy in phase 1 mirroring this database; the divergence file in `dir`.
  [[nodiscard]] config::settings dual_write_settings(const temp_dir& dir) const {
    config::settings s = base_settings();
    s.migration.phase = config::migration_phase::dual_write;
    s.postgresql.conninfo = pg_conninfo();
    s.mirror.mysql_user = test_user;
    s.mirror.mysql_password = test_password;
    s.mirror.databases = {name_};
    s.mirror.divergence_file = dir.file("divergences.log");
    return s;
  }
  [[nodiscard]] connect_options options() const {
    connect_options o;
    o.database = name_;
    return o;
  }

 private:
  static connect_options options_without_database() {
    connect_options o;
    o.database.clear();
    return o;
  }
  std::string name_;
};

// Waits until every transaction handed to the mirror was applied or recorded as divergent.
inline bool wait_mirror_drained(proxy_instance& p, milliseconds limit = patience) {
  return wait_until(
      [&p] {
        const counters c = snapshot(p.stats());
        return c.mirror_transactions_submitted > 0 &&
               c.mirror_transactions_applied + c.mirror_transactions_diverged == c.mirror_transactions_submitted &&
               c.mirror_queue_depth == 0;
      },
      limit);
}

// `SELECT * FROM table ORDER BY order_by` on MySQL (direct) as tab-joined text, NULL as "".
inline std::vector<std::string> mysql_table_text(const std::string& database, const std::string& table,
                                                 const std::string& order_by) {
  connect_options o;
  o.database = database;
  connection c = connect_direct(o);
  std::vector<std::string> out;
  for (const row& r : query_rows(c.get(), "SELECT * FROM " + table + " ORDER BY " + order_by)) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (i) line += '\t';
      if (r[i]) line += *r[i];
    }
    out.push_back(std::move(line));
  }
  return out;
}

inline std::vector<std::string> postgres_table_text(const std::string& schema, const std::string& table,
                                                    const std::string& order_by) {
  postgres_client pg;
  return pg.rows("SELECT * FROM " + schema + "." + table + " ORDER BY " + order_by);
}

// The rows that differ between the two sides ("mysql: ..." / "postgresql: ..."), empty when equal.
inline std::vector<std::string> table_differences(const std::string& database, const std::string& table,
                                                  const std::string& order_by) {
  const auto my = mysql_table_text(database, table, order_by);
  const auto pg = postgres_table_text(database, table, order_by);
  std::vector<std::string> diff;
  for (std::size_t i = 0; i < std::max(my.size(), pg.size()); ++i) {
    const std::string a = i < my.size() ? my[i] : "<no row>";
    const std::string b = i < pg.size() ? pg[i] : "<no row>";
    if (a != b) diff.push_back("row " + std::to_string(i) + ": mysql: " + a + " | postgresql: " + b);
  }
  return diff;
}

inline std::string file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Redirects this process's stderr (where the proxy logs) to a file until destroyed.
class stderr_capture {
 public:
  explicit stderr_capture(std::string path) : path_(std::move(path)) {
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    std::FILE* f = std::fopen(path_.c_str(), "w");
    ::dup2(::fileno(f), STDERR_FILENO);
    std::fclose(f);
  }
  ~stderr_capture() {
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
  }
  stderr_capture(const stderr_capture&) = delete;
  stderr_capture& operator=(const stderr_capture&) = delete;
  [[nodiscard]] std::string text() const { return file_text(path_); }

 private:
  std::string path_;
  int saved_ = -1;
};

}  // namespace switchyard::integration
