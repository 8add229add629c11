// The information_schema loader against MariaDB: tests/corpus/schema.sql created in a database of
// its own (ddl_it, recreated each run) loads into the same catalog apply_ddl builds from the file.
#include "migrate/mysql_catalog.hpp"

#include <gtest/gtest.h>
#include <mysql.h>

#include <map>

#include "proxy_fixture.hpp"
#include "sql/ddl_catalog.hpp"
#include "sql/ddl_translate.hpp"
#include "support/corpus.hpp"

namespace switchyard::integration {
namespace {

constexpr const char* it_database = "ddl_it";

migrate::mysql_endpoint endpoint() {
  migrate::mysql_endpoint e;
  e.port = mysql_port();
  e.user = test_user;
  e.password = test_password;
  return e;
}

void expect_same_table(const sql::table_info& want, const sql::table_info& got) {
  SCOPED_TRACE(want.name);
  EXPECT_EQ(got.schema, want.schema);
  ASSERT_EQ(got.columns.size(), want.columns.size());
  for (std::size_t i = 0; i < want.columns.size(); ++i) {
    const auto& w = want.columns[i];
    const auto& g = got.columns[i];
    SCOPED_TRACE(w.name);
    EXPECT_EQ(g.name, w.name);
    EXPECT_EQ(g.mysql_type, w.mysql_type);
    EXPECT_EQ(g.pg_type, w.pg_type);
    EXPECT_EQ(g.category, w.category);
    EXPECT_EQ(g.nullable, w.nullable);
    EXPECT_EQ(g.auto_increment, w.auto_increment);
    EXPECT_EQ(g.collation, w.collation);
    EXPECT_EQ(g.case_insensitive, w.case_insensitive);
    EXPECT_EQ(g.has_default, w.has_default);
    EXPECT_EQ(g.default_value, w.default_value);
  }
  ASSERT_EQ(got.unique_keys.size(), want.unique_keys.size());
  for (std::size_t i = 0; i < want.unique_keys.size(); ++i) {
    EXPECT_EQ(got.unique_keys[i].name, want.unique_keys[i].name);
    EXPECT_EQ(got.unique_keys[i].columns, want.unique_keys[i].columns);
  }
}

// Creates `database` on MariaDB from tests/corpus/schema.sql (plus a view); the first error.
std::string create_corpus_database(const std::string& database, const std::string& schema) {
  std::vector<std::string_view> parts;
  sql::split_statements(schema, {}, parts);
  std::vector<std::string> statements{"DROP DATABASE IF EXISTS " + database, "CREATE DATABASE " + database,
                                      "USE " + database};
  for (const auto p : parts) statements.emplace_back(p);
  // A view is not a table: the loader skips it.
  statements.emplace_back("CREATE VIEW active_users AS SELECT id FROM users WHERE active");
  return run_on_mysql(statements);
}

// SHOW CREATE TABLE of every table of `database`, by table name.
std::map<std::string, std::string> show_create_tables(const std::string& database, std::string& error) {
  std::map<std::string, std::string> out;
  MYSQL* m = mysql_init(nullptr);
  if (!mysql_real_connect(m, "127.0.0.1", test_user, test_password, database.c_str(), mysql_port(), nullptr, 0)) {
    error = mysql_error(m);
    mysql_close(m);
    return out;
  }
  std::vector<std::string> tables;
  if (mysql_query(m, "SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'") == 0) {
    MYSQL_RES* r = mysql_store_result(m);
    while (MYSQL_ROW row = mysql_fetch_row(r)) tables.emplace_back(row[0]);
    mysql_free_result(r);
  }
  for (const auto& t : tables) {
    if (mysql_query(m, ("SHOW CREATE TABLE `" + t + "`").c_str()) != 0) {
      error = mysql_error(m);
      break;
    }
    MYSQL_RES* r = mysql_store_result(m);
    MYSQL_ROW row = mysql_fetch_row(r);
    if (row) out[t] = row[1];
    mysql_free_result(r);
  }
  mysql_close(m);
  return out;
}

TEST(mysql_catalog, loads_what_apply_ddl_builds_from_the_same_ddl) {
  const std::string schema = test::read_corpus("schema.sql");
  ASSERT_EQ(create_corpus_database(it_database, schema), "");

  sql::memory_catalog want;
  const auto built = sql::load_catalog_from_schema_sql(schema, it_database, want);
  ASSERT_TRUE(built.ok) << built.error;

  sql::memory_catalog got;
  const auto loaded = migrate::load_mysql_catalog(endpoint(), it_database, got);
  ASSERT_TRUE(loaded.ok) << loaded.error;
  EXPECT_TRUE(loaded.warnings.empty());
  EXPECT_EQ(loaded.tables, want.table_count());
  ASSERT_EQ(got.table_count(), want.table_count());
  for (const auto* t : want.tables()) {
    const auto* g = got.find_table(it_database, t->name);
    ASSERT_NE(g, nullptr) << t->name;
    expect_same_table(*t, *g);
  }
}

// mysqldump / SHOW CREATE TABLE output (MariaDB's spelling: display widths, current_timestamp(),
// JSON as longtext with a json_valid check) builds the same catalog and the same PostgreSQL DDL
// as the statements that created the tables.
TEST(mysql_catalog, show_create_table_round_trips) {
  const std::string database = std::string(it_database) + "_show";
  const std::string schema = test::read_corpus("schema.sql");
  ASSERT_EQ(create_corpus_database(database, schema), "");
  std::string error;
  const auto shown = show_create_tables(database, error);
  ASSERT_EQ(error, "");
  sql::memory_catalog want;
  ASSERT_TRUE(sql::load_catalog_from_schema_sql(schema, database, want).ok);
  ASSERT_EQ(shown.size(), want.table_count());

  std::vector<std::string_view> originals;
  sql::split_statements(schema, {}, originals);
  std::map<std::string, std::string> original_translation;
  for (const auto st : originals) {
    const auto parsed = sql::parse_ddl(st);
    ASSERT_TRUE(parsed.ok);
    const auto r = sql::translate_ddl(st, {}, {});
    ASSERT_TRUE(r.ok);
    original_translation[std::get<sql::ddl_create_table>(parsed.statement).table.name] = r.output.text;
  }
  sql::memory_catalog got;
  for (const auto& [name, ddl] : shown) {
    const auto applied = sql::apply_ddl(ddl, database, got);
    ASSERT_TRUE(applied.ok) << ddl << "\n  " << applied.error << " at " << applied.position;
    const auto r = sql::translate_ddl(ddl, {}, {});
    ASSERT_TRUE(r.ok) << ddl << "\n  " << r.reason.construct;
    EXPECT_EQ(r.output.text, original_translation[name]) << ddl;
  }
  for (const auto* t : want.tables()) {
    const auto* g = got.find_table(database, t->name);
    ASSERT_NE(g, nullptr) << t->name;
    expect_same_table(*t, *g);
  }
  EXPECT_EQ(run_on_mysql({"DROP DATABASE " + database}), "");
}

TEST(mysql_catalog, errors_are_values) {
  sql::memory_catalog c;
  auto e = endpoint();
  auto r = migrate::load_mysql_catalog(e, "ddl_it_no_such_database", c);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "unknown database 'ddl_it_no_such_database' on MySQL at 127.0.0.1:" + std::to_string(e.port));

  e.password = "wrong";
  r = migrate::load_mysql_catalog(e, it_database, c);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("cannot connect to MySQL at 127.0.0.1:"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("Access denied"), std::string::npos) << r.error;

  e = endpoint();
  e.port = closed_port();
  r = migrate::load_mysql_catalog(e, it_database, c);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("cannot connect to MySQL at 127.0.0.1:" + std::to_string(e.port)), std::string::npos) << r.error;
  EXPECT_EQ(c.table_count(), 0u);
}

}  // namespace
}  // namespace switchyard::integration
