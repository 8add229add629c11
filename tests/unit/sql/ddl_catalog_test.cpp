#include "sql/ddl_catalog.hpp"

#include <gtest/gtest.h>

#include "support/corpus.hpp"


namespace switchyard::sql {
namespace {

struct expected_column {
  std::string_view name, mysql_type, pg_type;
  type_category category;
  bool nullable, auto_increment;
  std::string_view collation;
  bool case_insensitive;
  std::string_view default_value;  // empty: no default
};

void expect_columns(const table_info& t, const std::vector<expected_column>& want) {
  ASSERT_EQ(t.columns.size(), want.size()) << t.name;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto& c = t.columns[i];
    const auto& w = want[i];
    SCOPED_TRACE(t.name + "." + c.name);
    EXPECT_EQ(c.name, w.name);
    EXPECT_EQ(c.mysql_type, w.mysql_type);
    EXPECT_EQ(c.pg_type, w.pg_type);
    EXPECT_EQ(c.category, w.category);
    EXPECT_EQ(c.nullable, w.nullable);
    EXPECT_EQ(c.auto_increment, w.auto_increment);
    EXPECT_EQ(c.collation, w.collation);
    EXPECT_EQ(c.case_insensitive, w.case_insensitive);
    EXPECT_EQ(c.has_default, !w.default_value.empty());
    EXPECT_EQ(c.default_value, w.default_value);
  }
}

std::vector<std::string> key_names(const table_info& t) {
  std::vector<std::string> out;
  for (const auto& k : t.unique_keys) out.push_back(k.name);
  return out;
}

using tc = type_category;

class schema_catalog : public ::testing::Test {
 protected:
  void SetUp() override {
    schema_ = test::read_corpus("schema.sql");
    const auto r = load_catalog_from_schema_sql(schema_, "app", catalog_);
    ASSERT_TRUE(r.ok) << r.error << " at " << r.position;
  }
  const table_info& table(std::string_view name) {
    const auto* t = catalog_.find_table("app", name);
    if (!t) throw std::runtime_error("no table " + std::string(name));
    return *t;
  }
  std::string schema_;
  memory_catalog catalog_;
};

TEST_F(schema_catalog, loads_every_table) {
  EXPECT_EQ(catalog_.table_count(), 9u);
  for (const auto name : {"users", "orders", "order_items", "products", "counters", "blobs", "pairs", "events", "audit_log"})
    EXPECT_NE(catalog_.find_table("app", name), nullptr) << name;
}

TEST_F(schema_catalog, users_columns_as_information_schema_spells_them) {
  const auto ci = "utf8mb4_general_ci";
  expect_columns(table("users"),
                 {{"id", "int(10) unsigned", "bigint", tc::integer, false, true, "", false, ""},
                  {"email", "varchar(255)", "varchar(255)", tc::text, false, false, ci, true, ""},
                  {"name", "varchar(100)", "varchar(100)", tc::text, true, false, ci, true, ""},
                  {"active", "tinyint(1)", "boolean", tc::boolean, false, false, "", false, "1"},
                  {"balance", "decimal(12,2)", "numeric(12,2)", tc::decimal, false, false, "", false, "0.00"},
                  {"score", "double", "double precision", tc::floating, true, false, "", false, ""},
                  {"age", "tinyint(3) unsigned", "smallint", tc::integer, true, false, "", false, ""},
                  {"logins", "bigint(20) unsigned", "numeric(20)", tc::decimal, false, false, "", false, "0"},
                  {"role", "enum('admin','member','guest')", "text", tc::enumeration, false, false, ci, true, "'member'"},
                  {"profile", "json", "jsonb", tc::json, true, false, "", false, ""},
                  {"created_at", "datetime", "timestamp(0)", tc::datetime, false, false, "", false, "current_timestamp()"},
                  {"updated_at", "timestamp", "timestamptz(0)", tc::timestamp, true, false, "", false, ""}});
  EXPECT_EQ(key_names(table("users")), (std::vector<std::string>{"PRIMARY", "uq_users_email"}));
  EXPECT_EQ(table("users").unique_keys[1].columns, std::vector<std::string>{"email"});
}

TEST_F(schema_catalog, other_tables) {
  const auto ci = "utf8mb4_general_ci";
  expect_columns(table("orders"),
                 {{"id", "bigint(20)", "bigint", tc::integer, false, true, "", false, ""},
                  {"user_id", "int(10) unsigned", "bigint", tc::integer, false, false, "", false, ""},
                  {"status", "varchar(20)", "varchar(20)", tc::text, false, false, ci, true, "'new'"},
                  {"total", "decimal(10,2)", "numeric(10,2)", tc::decimal, false, false, "", false, ""},
                  {"placed_at", "datetime(6)", "timestamp(6)", tc::datetime, false, false, "", false, ""},
                  {"code", "char(8)", "varchar(8)", tc::text, false, false, "utf8mb4_bin", false, ""},
                  {"note", "text", "text", tc::text, true, false, ci, true, ""}});
  expect_columns(table("products"),
                 {{"id", "int(11)", "integer", tc::integer, false, true, "", false, ""},
                  {"sku", "varchar(32)", "varchar(32)", tc::text, false, false, ci, true, ""},
                  {"name", "varchar(200)", "varchar(200)", tc::text, false, false, ci, true, ""},
                  {"price", "decimal(10,2)", "numeric(10,2)", tc::decimal, false, false, "", false, ""},
                  {"stock", "int(11)", "integer", tc::integer, false, false, "", false, "0"},
                  {"weight", "float", "real", tc::floating, true, false, "", false, ""},
                  {"tags", "set('new','sale','hot')", "text", tc::set, false, false, ci, true, "''"},
                  {"released", "date", "date", tc::date, true, false, "", false, ""},
                  {"opens_at", "time", "time(0)", tc::time, true, false, "", false, ""},
                  {"model_year", "year(4)", "smallint", tc::integer, true, false, "", false, ""},
                  {"barcode", "varchar(20)", "varchar(20)", tc::text, true, false, ci, true, ""}});
  EXPECT_EQ(key_names(table("products")), (std::vector<std::string>{"PRIMARY", "uq_products_barcode", "uq_products_sku"}));
  expect_columns(table("blobs"), {{"k", "varbinary(64)", "bytea", tc::binary, false, false, "", false, ""},
                                  {"v", "blob", "bytea", tc::binary, true, false, "", false, ""},
                                  {"h", "binary(4)", "bytea", tc::binary, true, false, "", false, ""}});
  expect_columns(table("events"),
                 {{"id", "bigint(20)", "bigint", tc::integer, false, true, "", false, ""},
                  {"user_id", "int(10) unsigned", "bigint", tc::integer, true, false, "", false, ""},
                  {"kind", "varchar(32)", "varchar(32)", tc::text, false, false, ci, true, ""},
                  {"payload", "json", "jsonb", tc::json, true, false, "", false, ""},
                  {"at", "timestamp(3)", "timestamptz(3)", tc::timestamp, false, false, "", false, "current_timestamp(3)"},
                  {"flags", "bit(8)", "bigint", tc::bit, true, false, "", false, ""}});
  EXPECT_EQ(table("order_items").unique_keys.size(), 1u);
  EXPECT_EQ(table("order_items").unique_keys[0].columns, (std::vector<std::string>{"order_id", "line_no"}));
  EXPECT_EQ(key_names(table("pairs")), (std::vector<std::string>{"PRIMARY", "uq_pairs_a", "uq_pairs_b"}));
  EXPECT_TRUE(table("audit_log").unique_keys.empty());
  EXPECT_EQ(table("audit_log").primary_key(), nullptr);
}

// MariaDB's SHOW CREATE TABLE of the corpus users table (as mysqldump writes it) builds the same
// catalog entry as the DDL that created it.
constexpr std::string_view users_as_mariadb_shows_it = R"sql(CREATE TABLE `users` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(255) NOT NULL,
  `name` varchar(100) DEFAULT NULL,
  `active` tinyint(1) NOT NULL DEFAULT 1,
  `balance` decimal(12,2) NOT NULL DEFAULT 0.00,
  `score` double DEFAULT NULL,
  `age` tinyint(3) unsigned DEFAULT NULL,
  `logins` bigint(20) unsigned NOT NULL DEFAULT 0,
  `role` enum('admin','member','guest') NOT NULL DEFAULT 'member',
  `profile` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`profile`)),
  `created_at` datetime NOT NULL DEFAULT current_timestamp(),
  `updated_at` timestamp NULL DEFAULT NULL ON UPDATE current_timestamp(),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_users_email` (`email`),
  KEY `ix_users_name` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci)sql";

TEST_F(schema_catalog, show_create_table_output_builds_the_same_table) {
  memory_catalog shown;
  const auto r = apply_ddl(users_as_mariadb_shows_it, "app", shown);
  ASSERT_TRUE(r.ok) << r.error << " at " << r.position;
  const auto& want = table("users");
  const auto* got = shown.find_table("app", "users");
  ASSERT_NE(got, nullptr);
  ASSERT_EQ(got->columns.size(), want.columns.size());
  for (std::size_t i = 0; i < want.columns.size(); ++i) {
    const auto& w = want.columns[i];
    const auto& g = got->columns[i];
    EXPECT_EQ(g.mysql_type, w.mysql_type) << w.name;
    EXPECT_EQ(g.pg_type, w.pg_type) << w.name;
    EXPECT_EQ(g.collation, w.collation) << w.name;
    EXPECT_EQ(g.nullable, w.nullable) << w.name;
    EXPECT_EQ(g.default_value, w.default_value) << w.name;
  }
  EXPECT_EQ(key_names(*got), key_names(want));
  // Only a json_valid check on the column itself makes a JSON column.
  memory_catalog other;
  const auto bad = apply_ddl("CREATE TABLE t (a LONGTEXT CHECK (json_valid(`b`)), b TEXT)", "app", other);
  EXPECT_FALSE(bad.ok);
  EXPECT_EQ(bad.error, "CHECK constraint");
}

TEST(ddl_catalog, column_level_keys_synonyms_and_charsets) {
  memory_catalog c;
  const auto r = apply_ddl(
      "CREATE TABLE `Mixed` (a INTEGER PRIMARY KEY, b BOOL, c NUMERIC, d SERIAL, e CHAR CHARACTER SET latin1,"
      " f VARCHAR(10) BINARY, g VARCHAR(5) CHARACTER SET binary, h INT(5) ZEROFILL UNIQUE, i REAL,"
      " j FLOAT(30), k DATETIME(0), UNIQUE (b), UNIQUE KEY (b, c)) DEFAULT CHARSET=latin1",
      "db", c);
  ASSERT_TRUE(r.ok) << r.error;
  const auto* t = c.find_table("db", "Mixed");
  ASSERT_NE(t, nullptr);
  const auto type = [&](std::string_view col) { return t->find_column(col)->mysql_type; };
  EXPECT_EQ(type("a"), "int(11)");
  EXPECT_FALSE(t->find_column("a")->nullable);
  EXPECT_EQ(type("b"), "tinyint(1)");
  EXPECT_EQ(type("c"), "decimal(10,0)");
  EXPECT_EQ(type("d"), "bigint(20) unsigned");
  EXPECT_TRUE(t->find_column("d")->auto_increment);
  EXPECT_FALSE(t->find_column("d")->nullable);
  EXPECT_EQ(type("e"), "char(1)");
  EXPECT_EQ(t->find_column("e")->collation, "latin1_swedish_ci");
  EXPECT_EQ(t->find_column("f")->collation, "latin1_bin");
  EXPECT_FALSE(t->find_column("f")->case_insensitive);
  EXPECT_EQ(type("g"), "varbinary(5)");
  EXPECT_EQ(t->find_column("g")->pg_type, "bytea");
  EXPECT_EQ(type("h"), "int(5) unsigned zerofill");
  EXPECT_EQ(type("i"), "double");
  EXPECT_EQ(type("j"), "double");
  EXPECT_EQ(type("k"), "datetime");
  // Unnamed unique keys are named after their first column, numbered when taken.
  EXPECT_EQ(key_names(*t), (std::vector<std::string>{"PRIMARY", "b", "b_2", "d", "h"}));
}

TEST(ddl_catalog, alter_rename_drop_keep_the_catalog_current) {
  memory_catalog c;
  ASSERT_TRUE(apply_ddl("CREATE TABLE t (id INT NOT NULL, a VARCHAR(10), b INT, PRIMARY KEY (id))", "db", c).ok);
  const auto v = c.version();
  auto r = apply_ddl(
      "ALTER TABLE t ADD COLUMN c TEXT NOT NULL, MODIFY a VARCHAR(20) NOT NULL DEFAULT 'x', CHANGE b bb BIGINT UNSIGNED,"
      " ADD UNIQUE KEY uq_a (a), ADD INDEX ix_b (bb), ALTER COLUMN c SET DEFAULT 'd', ENGINE=InnoDB",
      "db", c);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_GT(c.version(), v);
  const auto* t = c.find_table("db", "t");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->columns.size(), 4u);
  EXPECT_EQ(t->columns[1].mysql_type, "varchar(20)");
  EXPECT_FALSE(t->columns[1].nullable);
  EXPECT_EQ(t->columns[1].default_value, "'x'");
  EXPECT_EQ(t->columns[2].name, "bb");
  EXPECT_EQ(t->columns[2].pg_type, "numeric(20)");
  EXPECT_EQ(t->columns[3].default_value, "'d'");
  EXPECT_EQ(key_names(*t), (std::vector<std::string>{"PRIMARY", "uq_a"}));

  ASSERT_TRUE(apply_ddl("ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT, ADD (d1 INT, d2 INT)", "db", c).ok);
  EXPECT_EQ(c.find_table("db", "t")->find_column("c")->mysql_type, "text") << "IF NOT EXISTS keeps the column";
  ASSERT_EQ(c.find_table("db", "t")->columns.size(), 6u);
  ASSERT_TRUE(apply_ddl("ALTER TABLE t DROP d1, DROP d2", "db", c).ok);
  ASSERT_TRUE(apply_ddl("ALTER TABLE t RENAME COLUMN a TO aa, DROP PRIMARY KEY", "db", c).ok);
  t = c.find_table("db", "t");
  EXPECT_EQ(key_names(*t), std::vector<std::string>{"uq_a"});
  EXPECT_EQ(t->unique_keys[0].columns, std::vector<std::string>{"aa"});
  ASSERT_TRUE(apply_ddl("ALTER TABLE t DROP COLUMN aa", "db", c).ok);
  EXPECT_TRUE(c.find_table("db", "t")->unique_keys.empty()) << "a key loses a dropped column, and goes when empty";

  ASSERT_TRUE(apply_ddl("CREATE UNIQUE INDEX u2 ON t (bb)", "db", c).ok);
  EXPECT_EQ(key_names(*c.find_table("db", "t")), std::vector<std::string>{"u2"});
  ASSERT_TRUE(apply_ddl("DROP INDEX u2 ON t", "db", c).ok);
  EXPECT_TRUE(c.find_table("db", "t")->unique_keys.empty());

  ASSERT_TRUE(apply_ddl("RENAME TABLE t TO t2, t2 TO other.t3", "db", c).ok);
  EXPECT_EQ(c.find_table("db", "t"), nullptr);
  EXPECT_EQ(c.find_table("db", "t2"), nullptr);
  ASSERT_NE(c.find_table("other", "t3"), nullptr);
  EXPECT_EQ(c.find_table("other", "t3")->schema, "other");
  ASSERT_TRUE(apply_ddl("ALTER TABLE other.t3 RENAME TO t4", "db", c).ok);
  ASSERT_NE(c.find_table("db", "t4"), nullptr);
  ASSERT_TRUE(apply_ddl("CREATE TABLE t5 LIKE t4", "db", c).ok);
  EXPECT_EQ(c.find_table("db", "t5")->columns.size(), 3u);
  ASSERT_TRUE(apply_ddl("DROP TABLE IF EXISTS t4, nope", "db", c).ok);
  EXPECT_EQ(c.find_table("db", "t4"), nullptr);
  EXPECT_EQ(c.table_count(), 1u);
  ASSERT_TRUE(apply_ddl("CREATE TABLE other.x (a INT)", "db", c).ok);
  ASSERT_TRUE(apply_ddl("CREATE DATABASE IF NOT EXISTS db", "", c).ok);
  ASSERT_TRUE(apply_ddl("DROP DATABASE db", "", c).ok);
  EXPECT_EQ(c.table_count(), 1u) << "the database's tables go with it";
  EXPECT_NE(c.find_table("other", "x"), nullptr);
}

TEST(ddl_catalog, errors_leave_the_catalog_unchanged) {
  memory_catalog c;
  ASSERT_TRUE(apply_ddl("CREATE TABLE t (id INT PRIMARY KEY, a INT)", "db", c).ok);
  const auto v = c.version();
  struct bad {
    std::string_view sql, error;
    std::uint32_t position;
  };
  for (const auto& b : std::vector<bad>{
           {"CREATE TABLE t (x INT)", "table db.t already exists", 13},
           {"CREATE TABLE u (x INT, x INT)", "duplicate column x", 23},
           {"CREATE TABLE u (x INT, PRIMARY KEY (y))", "unknown column y in key", 36},
           {"CREATE TABLE u (x GEOMETRY)", "type GEOMETRY", 18},
           {"CREATE TABLE u (x INT, CHECK (x > 0))", "CHECK constraint", 23},
           {"CREATE TABLE u (x INT AS (1))", "generated column", 22},
           {"CREATE TABLE u (x INT) PARTITION BY HASH (x)", "PARTITION BY", 23},
           {"CREATE TABLE u (x INT, FULLTEXT KEY f (x))", "FULLTEXT index", 23},
           {"ALTER TABLE t ADD COLUMN b INT, ADD COLUMN a INT", "duplicate column a", 32},
           {"ALTER TABLE nope ADD COLUMN b INT", "unknown table db.nope", 12},
           {"ALTER TABLE t ADD COLUMN b INT AFTER id", "column position (FIRST/AFTER)", 31},
           {"DROP TABLE t, nope", "unknown table db.nope", 14},
           {"RENAME TABLE t TO u, nope TO v", "unknown table nope", 21},
           {"SELECT 1", "statement", 0},
           {"CREATE TABLE u (x INT) garbage", "table option GARBAGE", 23},
           {"CREATE TABLE u (x VARCHAR(10) CHARACTER SET klingon)", "character set klingon", 18},
       }) {
    const auto r = apply_ddl(b.sql, "db", c);
    EXPECT_FALSE(r.ok) << b.sql;
    EXPECT_EQ(r.error, b.error) << b.sql;
    EXPECT_EQ(r.position, b.position) << b.sql;
  }
  EXPECT_EQ(c.version(), v);
  EXPECT_EQ(c.table_count(), 1u);
  EXPECT_EQ(c.find_table("db", "t")->columns.size(), 2u);
  const auto r = apply_ddl("CREATE TABLE x (a INT)", "", c);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "no current database for an unqualified table name");
}

TEST(ddl_catalog, schema_file_error_positions_are_file_offsets) {
  memory_catalog c;
  const std::string text = "CREATE TABLE a (x INT);\n-- c\nCREATE TABLE b (y BOGUS);";
  const auto r = load_catalog_from_schema_sql(text, "db", c);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error, "type BOGUS");
  EXPECT_EQ(text.substr(r.position, 5), "BOGUS");
}

TEST(ddl_catalog, renamed_tables_names_each_rename_qualified) {
  const auto describe = [](const std::vector<table_rename>& v) {
    std::string out;
    for (const auto& r : v) out += r.from_schema + "." + r.from_table + ">" + r.to_schema + "." + r.to_table + " ";
    return out;
  };
  EXPECT_EQ(describe(renamed_tables("RENAME TABLE a TO b, other.c TO `d`", "db")), "db.a>db.b other.c>db.d ");
  EXPECT_EQ(describe(renamed_tables("ALTER TABLE a ADD COLUMN x INT, RENAME TO other.b", "db")), "db.a>other.b ");
  EXPECT_EQ(describe(renamed_tables("ALTER TABLE a RENAME AS b", "db")), "db.a>db.b ");
  EXPECT_TRUE(renamed_tables("ALTER TABLE a ADD COLUMN x INT", "db").empty());
  EXPECT_TRUE(renamed_tables("ALTER TABLE a RENAME COLUMN x TO y", "db").empty());
  EXPECT_TRUE(renamed_tables("UPDATE a SET x = 1", "db").empty());
  EXPECT_TRUE(renamed_tables("RENAME TABLE", "db").empty());
}

}  // namespace
}  // namespace switchyard::sql
