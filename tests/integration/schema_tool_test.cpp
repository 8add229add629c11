// `switchyard schema`'s path (MariaDB's information_schema -> MySQL DDL -> translator) against the
// dual write's path (the application's own DDL -> translator): tests/corpus/schema.sql created
// both ways on PostgreSQL must give the same tables, column for column, index for index, so
// the schema tool and mirrored DDL agree on every mapping (issue 5 item 1).
#include <gtest/gtest.h>

#include <algorithm>
#include <mysql.h>

#include "integration/postgres_client.hpp"
#include "migrate/schema_apply.hpp"
#include "migrate/schema_plan.hpp"
#include "migrate/schema_reader.hpp"
#include "proxy_fixture.hpp"
#include "sql/ddl_translate.hpp"
#include "sql/translate.hpp"
#include "support/corpus.hpp"

namespace switchyard::integration {
namespace {


std::string pg_conninfo() {
  const char* port = std::getenv("SWITCHYARD_TEST_PG_PORT");
  return std::string("host=127.0.0.1 user=app password=app dbname=app port=") + (port && *port ? port : "15432");
}

// The shape of a PostgreSQL schema's tables, the schema's name taken out.
std::vector<std::string> shape_of(postgres_client& pg, const std::string& schema) {
  const std::string s = "'" + schema + "'";
  std::vector<std::string> out;
  for (const char* q : {
           "SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length "
           "|| ')', '') || coalesce(' p' || numeric_precision || ',' || numeric_scale, '') || ' null=' || is_nullable "
           "|| ' default=' || coalesce(replace(column_default, %s || '.', ''), '-') || ' identity=' || is_identity || "
           "coalesce(' start=' || identity_start, '') FROM information_schema.columns WHERE table_schema = %s "
           "ORDER BY table_name, ordinal_position",
           "SELECT tablename || ' ' || replace(replace(indexdef, %s || '.', ''), indexname, '<index>') FROM pg_indexes "
           "WHERE schemaname = %s ORDER BY tablename, indexname",
           "SELECT conrelid::regclass::text || ' ' || contype::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
           "WHERE connamespace = %s::regnamespace ORDER BY 1",
           "SELECT event_object_table || ' ' || trigger_name || ' ' || action_timing || ' ' || event_manipulation FROM "
           "information_schema.triggers WHERE trigger_schema = %s ORDER BY 1"}) {
    std::string query = q;
    for (auto at = query.find("%s"); at != std::string::npos; at = query.find("%s")) query.replace(at, 2, s);
    for (std::string row : pg.rows(query)) {
      for (auto at = row.find(schema + "."); at != std::string::npos; at = row.find(schema + ".")) row.erase(at, schema.size() + 1);
      out.push_back(row);
    }
  }
  return out;
}

class schema_tool_it : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg.ok());
    for (const std::string& schema : {from_mysql, from_ddl})
      ASSERT_EQ(pg.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE"), "");
    std::vector<std::string> statements = {std::string("DROP DATABASE IF EXISTS ") + from_mysql,
                                           std::string("CREATE DATABASE ") + from_mysql,
                                           std::string("USE ") + from_mysql};
    // The corpus, and foreign keys (MySQL adds an index for one no key starts with).
    corpus_ddl = test::read_corpus("schema.sql") +
                 "\nCREATE TABLE parents (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, code VARCHAR(10) NOT NULL, "
                 "UNIQUE KEY uq_code (code)) AUTO_INCREMENT=7;\n"
                 "CREATE TABLE children (id INT NOT NULL PRIMARY KEY, parent_id INT NULL, parent_code VARCHAR(10), "
                 "KEY by_parent_code (parent_code(4)), CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parents "
                 "(id) ON DELETE SET NULL, CONSTRAINT fk_code FOREIGN KEY (parent_code) REFERENCES parents (code) ON "
                 "UPDATE CASCADE);\n";
    std::vector<std::string_view> ddl;
    sql::split_statements(corpus_ddl, {}, ddl);
    for (const auto s : ddl) statements.emplace_back(s);
    ASSERT_EQ(run_on_mysql(statements), "");
    endpoint.port = mysql_port();
    endpoint.user = test_user;
    endpoint.password = test_password;
  }
  void TearDown() override {
    (void)run_on_mysql({std::string("DROP DATABASE IF EXISTS ") + from_mysql});
    for (const std::string& schema : {from_mysql, from_ddl}) (void)pg.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  // Per test (ctest runs them side by side): the MySQL database and the tool's PostgreSQL schema,
  // and the PostgreSQL schema made from the DDL text.
  const std::string from_mysql = "schema_it_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()).substr(0, 12);
  const std::string from_ddl = from_mysql + "_ddl";
  postgres_client pg;
  std::string corpus_ddl;
  migrate::mysql_endpoint endpoint;
};

TEST_F(schema_tool_it, information_schema_and_the_applications_ddl_give_the_same_postgresql_tables) {
  const migrate::schema_read_result read = migrate::read_mysql_schema(endpoint, from_mysql);
  ASSERT_TRUE(read.ok) << read.error;
  const migrate::schema_plan plan = migrate::plan_schema(from_mysql, read.tables, {});
  for (const auto& t : plan.tables) EXPECT_TRUE(t.error.empty()) << t.name << ": " << t.error;
  const migrate::schema_apply_result pre =
      migrate::apply_schema(pg_conninfo(), plan, migrate::schema_section::pre_data, false, "");
  ASSERT_TRUE(pre.ok) << pre.error;
  EXPECT_EQ(pre.created.size(), plan.tables.size());
  const migrate::schema_apply_result post =
      migrate::apply_schema(pg_conninfo(), plan, migrate::schema_section::post_data, false, "");
  ASSERT_TRUE(post.ok) << post.error;

  // The dual write's path: the application's DDL, as it came through the proxy.
  ASSERT_EQ(pg.exec(std::string("CREATE SCHEMA ") + from_ddl + "; SET search_path TO " + from_ddl), "");
  std::vector<std::string_view> ddl;
  sql::split_statements(corpus_ddl, {}, ddl);
  for (const auto s : ddl) {
    sql::translate_options o;
    o.current_database = from_ddl;
    const sql::translate_result r = sql::translate_ddl(s, o, {});
    ASSERT_TRUE(r.ok) << r.reason.construct;
    ASSERT_EQ(pg.exec(r.output.text), "") << r.output.text;
  }
  const std::vector<std::string> want = shape_of(pg, from_ddl), got = shape_of(pg, from_mysql);
  const auto has = [&](std::string_view part) {
    return std::any_of(want.begin(), want.end(), [&](const std::string& row) { return row.find(part) != std::string::npos; });
  };
  ASSERT_TRUE(has("FOREIGN KEY (parent_id) REFERENCES parents(id) ON DELETE SET NULL"));
  ASSERT_TRUE(has("parents.id integer p32,0 null=NO default=- identity=YES start=7"));
  ASSERT_TRUE(has("children CREATE INDEX <index> ON children USING btree (parent_id)"));
  ASSERT_TRUE(has("BEFORE UPDATE"));  // ON UPDATE CURRENT_TIMESTAMP
  EXPECT_EQ(got, want);
}

TEST_F(schema_tool_it, a_second_run_refuses_existing_tables_unless_told_to_skip_them_and_changes_nothing) {
  const migrate::schema_read_result read = migrate::read_mysql_schema(endpoint, from_mysql);
  ASSERT_TRUE(read.ok) << read.error;
  const migrate::schema_plan plan = migrate::plan_schema(from_mysql, read.tables, {});
  ASSERT_TRUE(migrate::apply_schema(pg_conninfo(), plan, migrate::schema_section::pre_data, false, "").ok);
  const std::vector<std::string> before = shape_of(pg, from_mysql);
  const migrate::schema_apply_result again =
      migrate::apply_schema(pg_conninfo(), plan, migrate::schema_section::pre_data, false, "");
  EXPECT_FALSE(again.ok);
  EXPECT_NE(again.error.find("already on PostgreSQL"), std::string::npos) << again.error;
  const migrate::schema_apply_result skipping =
      migrate::apply_schema(pg_conninfo(), plan, migrate::schema_section::pre_data, true, "{\"tables\": []}");
  ASSERT_TRUE(skipping.ok) << skipping.error;
  EXPECT_EQ(skipping.skipped.size(), plan.tables.size());
  EXPECT_EQ(shape_of(pg, from_mysql), before);
  EXPECT_EQ(pg.rows(std::string("SELECT catalog::text FROM switchyard.catalog WHERE mysql_schema = '") + from_mysql + "'"),
            std::vector<std::string>{"{\"tables\": []}"});
}

TEST_F(schema_tool_it, unreachable_servers_and_unknown_databases_are_clear_errors) {
  const migrate::schema_read_result unknown = migrate::read_mysql_schema(endpoint, "no_such_database_here");
  EXPECT_FALSE(unknown.ok);
  EXPECT_NE(unknown.error.find("unknown database 'no_such_database_here'"), std::string::npos) << unknown.error;
  migrate::mysql_endpoint away = endpoint;
  away.port = 1;
  const migrate::schema_read_result unreachable = migrate::read_mysql_schema(away, from_mysql);
  EXPECT_FALSE(unreachable.ok);
  EXPECT_NE(unreachable.error.find("127.0.0.1:1"), std::string::npos) << unreachable.error;
  const migrate::schema_plan plan = migrate::plan_schema(from_mysql, {}, {});
  const migrate::schema_apply_result no_pg = migrate::apply_schema(
      "host=127.0.0.1 port=1 user=app password=secret dbname=app connect_timeout=2", plan,
      migrate::schema_section::pre_data, false, "");
  EXPECT_FALSE(no_pg.ok);
  EXPECT_NE(no_pg.error.find("cannot connect to PostgreSQL ("), std::string::npos) << no_pg.error;
  EXPECT_NE(no_pg.error.find("port=1"), std::string::npos) << no_pg.error;
  EXPECT_EQ(no_pg.error.find("secret"), std::string::npos) << "the password must not be in messages";
}

}  // namespace
}  // namespace switchyard::integration
