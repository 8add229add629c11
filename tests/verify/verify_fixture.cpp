#include "verify/verify_fixture.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "migrate/mysql_client.hpp"
#include "migrate/pg_client.hpp"
#include "migrate/verify_repair.hpp"

namespace switchyard::verify_test {

migrate::mysql_endpoint endpoint() {
  migrate::mysql_endpoint e;
  e.port = 13306;
  e.user = "app";
  e.password = "app";
  e.connect_timeout_seconds = 5;
  return e;
}

std::string pg_conninfo() { return "host=127.0.0.1 port=15432 dbname=app user=app password=app"; }

void mysql_run(const std::string& database, const std::string& sql) {
  MYSQL* m = mysql_init(nullptr);
  mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  const auto e = endpoint();
  ASSERT_NE(mysql_real_connect(m, e.host.c_str(), e.user.c_str(), e.password.c_str(),
                               database.empty() ? nullptr : database.c_str(), e.port, nullptr, CLIENT_MULTI_STATEMENTS),
            nullptr)
      << mysql_error(m);
  bool ok = mysql_real_query(m, sql.data(), sql.size()) == 0;
  std::string error = ok ? "" : mysql_error(m);
  while (ok) {
    if (MYSQL_RES* r = mysql_store_result(m)) mysql_free_result(r);
    const int next = mysql_next_result(m);
    if (next > 0) {
      ok = false;
      error = mysql_error(m);
    }
    if (next != 0) break;
  }
  mysql_close(m);
  ASSERT_TRUE(ok) << error << "\nin: " << sql.substr(0, 300);
}

void pg_run(const std::string& sql) {
  std::string error;
  const auto c = migrate::pg_client::connect(pg_conninfo(), error);
  ASSERT_TRUE(c) << error;
  ASSERT_TRUE(migrate::pg_client::exec(c.get(), sql, error)) << error << "\nin: " << sql;
}

std::string pg_value(const std::string& sql) {
  std::string error;
  const auto c = migrate::pg_client::connect(pg_conninfo(), error);
  migrate::pg_client::rows rows;
  EXPECT_TRUE(c && migrate::pg_client::query(c.get(), sql, {}, rows, error)) << error;
  return rows.empty() || rows[0].empty() ? std::string() : rows[0][0];
}

namespace {

std::string config_path(const std::string& database) { return "/tmp/switchyard_" + database + ".conf"; }

void write_config(const std::string& database) {
  std::ofstream out(config_path(database), std::ios::trunc);
  out << "[mysql]\naddress = 127.0.0.1:13306\n[postgresql]\nconninfo = " << pg_conninfo()
      << "\n[migrate]\nmysql_user = app\nmysql_password = app\ndatabases = " << database << "\n[schema]\ntime = interval\n";
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

cli_run run(const std::string& command) {
  cli_run r;
  const std::string err_path = "/tmp/switchyard_verify_err_" + std::to_string(::getpid());
  FILE* p = ::popen((command + " 2>" + err_path + " </dev/null").c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 65536> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), p)) > 0) r.out.append(buffer.data(), n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = slurp(err_path);
  std::remove(err_path.c_str());
  return r;
}

}  // namespace

void drop(const std::string& database) {
  mysql_run("", "DROP DATABASE IF EXISTS `" + database + "`");
  pg_run("SET client_min_messages = warning; DROP SCHEMA IF EXISTS " + database + " CASCADE");
}

void prepare(const std::string& database, const std::string& sql, sql::memory_catalog& catalog, bool copy) {
  drop(database);
  mysql_run("", "CREATE DATABASE `" + database + "`");
  mysql_run(database, "SET sql_mode = ''; SET time_zone = '+00:00';\n" + sql);
  write_config(database);
  const cli_run schema = run(std::string(SWITCHYARD_BINARY) + " schema --config " + config_path(database) +
                             " --apply --section pre-data");
  ASSERT_EQ(schema.exit_code, 0) << schema.out << schema.err;
  sql::type_mapping_options types;
  types.time_as_interval = true;
  const auto loaded = migrate::load_mysql_catalog(endpoint(), database, catalog, types);
  ASSERT_TRUE(loaded.ok) << loaded.error;
  if (!copy) return;
  const auto v = connect_verifier();
  ASSERT_TRUE(v);
  for (const sql::table_info* t : catalog.tables()) {
    const auto copied = migrate::repair_table(v->mysql(), v->postgresql(), *t, migrate::zero_date_policy::null_if_nullable);
    ASSERT_TRUE(copied.ok) << copied.error;
  }
}

migrate::verify_settings settings() {
  migrate::verify_settings s;
  s.endpoint = endpoint();
  s.pg_conninfo = pg_conninfo();
  s.recheck_delay_ms = 0;
  s.seed = 7;
  return s;
}

std::string brief(const cli_run& run) {
  const std::string all = run.out + run.err;
  return all.size() > 2000 ? all.substr(0, 2000) + "..." : all;
}

cli_run switchyard_cli(const std::string& command, const std::string& database, const std::string& args) {
  return run(std::string(SWITCHYARD_BINARY) + " " + command + " --config " + config_path(database) + " " + args);
}

std::unique_ptr<migrate::verifier> connect_verifier(const migrate::verify_settings& s) {
  std::string error;
  auto v = migrate::verifier::connect(s, error);
  EXPECT_TRUE(v) << error;
  return v;
}

cli_run verify_cli(const std::string& database, const std::string& args) { return switchyard_cli("verify", database, args); }

std::string types_dataset() { return slurp(std::string(SWITCHYARD_SOURCE_DIR) + "/tests/verify/types_dataset.sql"); }
std::string corpus_types_dataset() {
  return slurp(std::string(SWITCHYARD_SOURCE_DIR) + "/tests/corpus/types_dataset.sql");
}

}  // namespace switchyard::verify_test
