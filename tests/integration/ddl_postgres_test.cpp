// translate_ddl against a real PostgreSQL: every table of tests/corpus/schema.sql is created in a
// schema of its own (ddl_it, recreated each run), the column types PostgreSQL reports are the
// catalog's pg_type, and the MySQL behaviours the DDL emulates (identity, ON UPDATE
// CURRENT_TIMESTAMP, ENUM) hold. PostgreSQL at 127.0.0.1:$SWITCHYARD_TEST_PG_PORT (default 15432).
#include <gtest/gtest.h>

#include "integration/postgres_client.hpp"
#include <libpq-fe.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "sql/ddl_catalog.hpp"
#include "sql/ddl_translate.hpp"
#include "support/corpus.hpp"

namespace switchyard::integration {
namespace {

// Each test gets its own schema: ctest runs these tests in parallel processes.
std::string pg_schema() {
  std::string name = "ddl_it_";
  for (const char c : std::string_view(::testing::UnitTest::GetInstance()->current_test_info()->name()))
    name.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  return name.substr(0, 60);
}

class ddl_postgres : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg.ok()) << PQerrorMessage(pg.conn);
    ASSERT_EQ(pg.exec(std::string("DROP SCHEMA IF EXISTS ") + pg_schema() + " CASCADE; CREATE SCHEMA " + pg_schema() +
                      "; SET search_path TO " + pg_schema()),
              "");
  }

  // Translates and runs one MySQL statement; the PostgreSQL error, or the unsupported reason.
  std::string run(std::string_view mysql, const sql::catalog* catalog = nullptr) {
    sql::translate_options o;
    const std::string schema = pg_schema();  // outlives the translation (options hold a view)
    o.current_database = schema;
    o.tables = catalog;
    const auto r = sql::translate_ddl(mysql, o, {});
    if (!r.ok) return "unsupported: " + r.reason.construct;
    return pg.exec(r.output.text);
  }

  postgres_client pg;
};

TEST_F(ddl_postgres, every_corpus_table_is_created_with_the_catalog_types) {
  const std::string schema = test::read_corpus("schema.sql");
  std::vector<std::string_view> statements;
  sql::split_statements(schema, {}, statements);
  ASSERT_EQ(statements.size(), 9u);
  for (const auto st : statements) EXPECT_EQ(run(st), "") << st;
  // CREATE TABLE IF NOT EXISTS of the existing tables changes nothing and fails nowhere (the
  // indexes and ON UPDATE triggers it would add exist already).
  for (const auto st : statements) {
    std::string again(st);
    again.insert(again.find("TABLE") + 5, " IF NOT EXISTS");
    EXPECT_EQ(run(again), "") << again;
  }

  sql::memory_catalog catalog;
  ASSERT_TRUE(sql::load_catalog_from_schema_sql(schema, pg_schema(), catalog).ok);
  ASSERT_EQ(pg.exec("DROP SCHEMA IF EXISTS ddl_it_probe CASCADE; CREATE SCHEMA ddl_it_probe"), "");
  for (const auto* t : catalog.tables()) {
    // The type PostgreSQL gives a column declared with the catalog's pg_type, for comparison.
    std::string probe = "CREATE TABLE ddl_it_probe." + t->name + " (";
    for (std::size_t i = 0; i < t->columns.size(); ++i) probe += (i ? ", c" : "c") + std::to_string(i) + " " + t->columns[i].pg_type;
    ASSERT_EQ(pg.exec(probe + ")"), "") << probe;
    const auto columns = [&](const std::string& schema_name, bool names) {
      return pg.rows("SELECT " + std::string(names ? "a.attname || ' ' || " : "") +
                     "format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity <> '' FROM pg_attribute a "
                     "WHERE a.attrelid = '" + schema_name + "." + t->name + "'::regclass AND a.attnum > 0 ORDER BY a.attnum");
    };
    const auto created = columns(pg_schema(), false);
    const auto expected_types = columns("ddl_it_probe", false);
    ASSERT_EQ(created.size(), t->columns.size()) << t->name;
    for (std::size_t i = 0; i < created.size(); ++i) {
      const auto& c = t->columns[i];
      const std::string type_of_probe = expected_types[i].substr(0, expected_types[i].find('\t'));
      EXPECT_EQ(created[i], type_of_probe + "\t" + (c.nullable ? "f" : "t") + "\t" + (c.auto_increment ? "t" : "f"))
          << t->name << "." << c.name;
    }
  }
  // Unique keys became unique constraints named <table>_<key>, and plain keys indexes.
  EXPECT_EQ(pg.rows("SELECT conname FROM pg_constraint WHERE conrelid = 'products'::regclass AND contype IN ('p','u') "
                    "ORDER BY conname"),
            (std::vector<std::string>{"products_pkey", "products_uq_products_barcode", "products_uq_products_sku"}));
  EXPECT_EQ(pg.rows("SELECT indexname FROM pg_indexes WHERE schemaname = '" + pg_schema() + "' AND tablename = 'orders' ORDER BY 1"),
            (std::vector<std::string>{"orders_ix_orders_user", "orders_pkey", "orders_uq_orders_code"}));
}

TEST_F(ddl_postgres, emulated_behaviours_hold) {
  const std::string schema = test::read_corpus("schema.sql");
  std::vector<std::string_view> statements;
  sql::split_statements(schema, {}, statements);
  for (const auto st : statements) ASSERT_EQ(run(st), "") << st;

  // AUTO_INCREMENT: ids come from the identity; defaults fill the rest.
  ASSERT_EQ(pg.exec("INSERT INTO users (email) VALUES ('a@x'), ('b@x')"), "");
  EXPECT_EQ(pg.rows("SELECT id, active, balance, role, logins, created_at IS NOT NULL, updated_at IS NULL FROM users ORDER BY id"),
            (std::vector<std::string>{"1\tt\t0.00\tmember\t0\tt\tt", "2\tt\t0.00\tmember\t0\tt\tt"}));
  // ENUM: members only.
  EXPECT_NE(pg.exec("INSERT INTO users (email, role) VALUES ('c@x', 'boss')"), "");
  // ON UPDATE CURRENT_TIMESTAMP: set when the row changes, kept when the statement sets it, not
  // touched when nothing changes.
  ASSERT_EQ(pg.exec("UPDATE users SET name = 'n' WHERE id = 1"), "");
  EXPECT_EQ(pg.rows("SELECT updated_at IS NOT NULL FROM users ORDER BY id"), (std::vector<std::string>{"t", "f"}));
  ASSERT_EQ(pg.exec("UPDATE users SET name = 'n', updated_at = '2001-02-03 04:05:06+00' WHERE id = 2"), "");
  EXPECT_EQ(pg.rows("SELECT extract(year from updated_at) FROM users WHERE id = 2"), std::vector<std::string>{"2001"});
  ASSERT_EQ(pg.exec("UPDATE users SET name = 'n' WHERE id = 2"), "");
  EXPECT_EQ(pg.rows("SELECT extract(year from updated_at) FROM users WHERE id = 2"), std::vector<std::string>{"2001"});
  // Fractional CURRENT_TIMESTAMP(3) default and BIT(8).
  ASSERT_EQ(pg.exec("INSERT INTO events (kind, flags) VALUES ('k', 5)"), "");
  EXPECT_EQ(pg.rows("SELECT id, at IS NOT NULL, flags FROM events"), std::vector<std::string>{"1\tt\t5"});
  // DEFAULT CURRENT_TIMESTAMP on a DATETIME is the current second, cut (MySQL), never rounded up.
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(pg.rows("INSERT INTO users (email) VALUES ('t" + std::to_string(i) +
                      "@x') RETURNING created_at <= statement_timestamp()::timestamp, "
                      "created_at > statement_timestamp()::timestamp - interval '1 second'"),
              std::vector<std::string>{"t\tt"});
  // TRUNCATE restarts the identity, as MySQL resets AUTO_INCREMENT.
  EXPECT_EQ(run("TRUNCATE TABLE events"), "");
  ASSERT_EQ(pg.exec("INSERT INTO events (kind) VALUES ('k')"), "");
  EXPECT_EQ(pg.rows("SELECT id FROM events"), std::vector<std::string>{"1"});
  // AUTO_INCREMENT = n moves the identity on, but never below the largest id (as InnoDB).
  sql::memory_catalog catalog;
  ASSERT_TRUE(sql::load_catalog_from_schema_sql(schema, pg_schema(), catalog).ok);
  EXPECT_EQ(run("ALTER TABLE events AUTO_INCREMENT = 50", &catalog), "");
  ASSERT_EQ(pg.exec("INSERT INTO events (kind) VALUES ('k')"), "");
  EXPECT_EQ(run("ALTER TABLE events AUTO_INCREMENT = 2", &catalog), "");
  ASSERT_EQ(pg.exec("INSERT INTO events (kind) VALUES ('k')"), "");
  EXPECT_EQ(pg.rows("SELECT id FROM events ORDER BY id"), (std::vector<std::string>{"1", "50", "51"}));
  ASSERT_EQ(pg.exec("DELETE FROM events"), "");
  // DEFAULT CURRENT_TIMESTAMP is each statement's time, as in MySQL, not the transaction's
  // (statement_timestamp() is when PostgreSQL received the query message: separate messages).
  for (const auto* step : {"BEGIN", "INSERT INTO events (kind) VALUES ('a')", "SELECT pg_sleep(0.01)",
                           "INSERT INTO events (kind) VALUES ('b')", "COMMIT"})
    ASSERT_EQ(pg.exec(step), "") << step;
  EXPECT_EQ(pg.rows("SELECT count(DISTINCT at) FROM events WHERE kind IN ('a', 'b')"), std::vector<std::string>{"2"});
}

// The dual write pins MySQL's instant with SET LOCAL switchyard.now: defaults and ON UPDATE
// triggers then store exactly it, cut to the column's digits.
TEST_F(ddl_postgres, pinned_time_drives_defaults_and_on_update) {
  const std::string schema = test::read_corpus("schema.sql");
  std::vector<std::string_view> statements;
  sql::split_statements(schema, {}, statements);
  for (const auto st : statements) ASSERT_EQ(run(st), "") << st;
  ASSERT_EQ(pg.exec("SET TIME ZONE 'UTC'"), "");
  ASSERT_EQ(pg.exec("BEGIN; SET LOCAL switchyard.now = '2020-01-02 03:04:05.678901+00'; "
                    "INSERT INTO users (email) VALUES ('p@x'); INSERT INTO events (kind) VALUES ('k'); COMMIT"),
            "");
  EXPECT_EQ(pg.rows("SELECT created_at FROM users WHERE email = 'p@x'"),
            std::vector<std::string>{"2020-01-02 03:04:05"});
  EXPECT_EQ(pg.rows("SELECT at FROM events WHERE kind = 'k'"),
            std::vector<std::string>{"2020-01-02 03:04:05.678+00"});
  ASSERT_EQ(pg.exec("BEGIN; SET LOCAL switchyard.now = '2021-06-07 08:09:10.5+00'; "
                    "UPDATE users SET name = 'changed' WHERE email = 'p@x'; COMMIT"),
            "");
  EXPECT_EQ(pg.rows("SELECT updated_at FROM users WHERE email = 'p@x'"),
            std::vector<std::string>{"2021-06-07 08:09:10+00"});
  // Without the setting, PostgreSQL's own statement time is used.
  ASSERT_EQ(pg.exec("INSERT INTO users (email) VALUES ('q@x')"), "");
  EXPECT_EQ(pg.rows("SELECT created_at > '2024-01-01' FROM users WHERE email = 'q@x'"), std::vector<std::string>{"t"});
}

TEST_F(ddl_postgres, alter_and_rename_keep_mysql_index_names_working) {
  sql::memory_catalog catalog;
  const auto both = [&](std::string_view mysql) {
    const auto applied = sql::apply_ddl(mysql, pg_schema(), catalog);
    if (!applied.ok) return "catalog: " + applied.error;
    return run(mysql, &catalog);
  };
  // Translated with the catalog as it was before the statement, as the proxy does.
  const auto step = [&](std::string_view mysql) {
    const std::string pg_error = run(mysql, &catalog);
    const auto applied = sql::apply_ddl(mysql, pg_schema(), catalog);
    return pg_error.empty() && !applied.ok ? "catalog: " + applied.error : pg_error;
  };
  EXPECT_EQ(both("CREATE TABLE t (id INT NOT NULL, a TINYINT(1) NOT NULL DEFAULT 0, b VARCHAR(5), "
                 "PRIMARY KEY (id), UNIQUE KEY uq_b (b), KEY ix_a (a))"),
            "");
  EXPECT_EQ(step("ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 7, MODIFY b VARCHAR(10) NOT NULL DEFAULT 'z'"), "");
  EXPECT_EQ(step("ALTER TABLE t CHANGE c cc BIGINT NULL, ALTER COLUMN a SET DEFAULT 1"), "");
  EXPECT_EQ(step("ALTER TABLE t MODIFY id INT NOT NULL AUTO_INCREMENT"), "");
  ASSERT_EQ(pg.exec("INSERT INTO t DEFAULT VALUES"), "");
  EXPECT_EQ(pg.rows("SELECT id, a, b, cc FROM t"), std::vector<std::string>{"1\tt\tz\t"});
  // NOT NULL columns added to a table with rows: MySQL's implicit defaults fill them, and later
  // inserts must still give a value.
  EXPECT_EQ(step("ALTER TABLE t ADD COLUMN e ENUM('p','q') NOT NULL, ADD COLUMN z INT NOT NULL, ADD COLUMN s VARCHAR(3) NOT NULL"), "");
  EXPECT_EQ(pg.rows("SELECT e, z, s = '' FROM t"), std::vector<std::string>{"p\t0\tt"});
  EXPECT_NE(pg.exec("INSERT INTO t (e, s) VALUES ('q', 'x')"), "");
  // MySQL's index for a foreign key nothing else indexes.
  EXPECT_EQ(both("CREATE TABLE parent (id INT PRIMARY KEY)"), "");
  EXPECT_EQ(both("CREATE TABLE child (id INT PRIMARY KEY, pid INT, CONSTRAINT fk_parent FOREIGN KEY (pid) REFERENCES parent (id))"), "");
  EXPECT_EQ(pg.rows("SELECT indexname FROM pg_indexes WHERE schemaname = '" + pg_schema() + "' AND tablename = 'child' ORDER BY 1"),
            (std::vector<std::string>{"child_fk_parent", "child_pkey"}));
  EXPECT_NE(pg.exec("INSERT INTO child VALUES (1, 42)"), "") << "the foreign key holds";
  EXPECT_EQ(step("RENAME TABLE t TO t2"), "");
  EXPECT_EQ(step("ALTER TABLE t2 RENAME INDEX ix_a TO ix_a2"), "");
  EXPECT_EQ(step("DROP INDEX ix_a2 ON t2"), "");
  EXPECT_EQ(step("ALTER TABLE t2 DROP INDEX uq_b, DROP PRIMARY KEY"), "");
  EXPECT_EQ(pg.rows("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + pg_schema() + "' AND tablename = 't2'"),
            std::vector<std::string>{"0"});
  EXPECT_EQ(step("CREATE UNIQUE INDEX u ON t2 (b, cc)"), "");
  EXPECT_EQ(step("DROP INDEX u ON t2"), "");
  EXPECT_EQ(step("DROP TABLE t2, child, parent"), "");
  EXPECT_EQ(catalog.table_count(), 0u);
}

}  // namespace
}  // namespace switchyard::integration
