#include "sql/catalog_json.hpp"

#include <gtest/gtest.h>

#include "sql/ddl_catalog.hpp"
#include "support/corpus.hpp"

namespace switchyard::sql {
namespace {

TEST(catalog_json, round_trips_the_corpus_catalog) {
  memory_catalog original;
  ASSERT_TRUE(load_catalog_from_schema_sql(test::read_corpus("schema.sql"), "app", original).ok);
  const std::string text = catalog_to_json(original);
  memory_catalog loaded;
  const auto r = catalog_from_json(text, loaded);
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(loaded.table_count(), original.table_count());
  EXPECT_EQ(catalog_to_json(loaded), text) << "every field survives the round trip";
  const auto* users = loaded.find_table("app", "users");
  ASSERT_NE(users, nullptr);
  EXPECT_EQ(users->find_column("role")->default_value, "'member'");
  EXPECT_FALSE(users->find_column("profile")->has_default);
  EXPECT_EQ(users->find_column("id")->category, type_category::integer);
  EXPECT_EQ(users->unique_keys.size(), 2u);
}

TEST(catalog_json, derives_what_a_hand_written_fixture_leaves_out) {
  memory_catalog c;
  const auto r = catalog_from_json(
      R"j({"tables": [{"schema": "db", "name": "t", "columns": [
            {"name": "flag", "mysql_type": "tinyint(1)"},
            {"name": "Email", "mysql_type": "varchar(20)", "collation": "utf8mb4_general_ci", "nullable": false},
            {"name": "n", "mysql_type": "bigint unsigned", "auto_increment": true, "default": "0"}],
          "unique_keys": [{"name": "uq", "columns": ["email"]}, {"name": "PRIMARY", "columns": ["N"]}]}]})j",
      c);
  ASSERT_TRUE(r.ok) << r.error;
  const auto* t = c.find_table("db", "t");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->columns[0].pg_type, "boolean");
  EXPECT_EQ(t->columns[0].category, type_category::boolean);
  EXPECT_TRUE(t->columns[0].nullable);
  EXPECT_TRUE(t->columns[1].case_insensitive);
  EXPECT_FALSE(t->columns[1].nullable);
  EXPECT_EQ(t->columns[2].pg_type, "bigint") << "identity columns stay integers";
  EXPECT_EQ(t->columns[2].default_value, "0");
  ASSERT_EQ(t->unique_keys.size(), 2u);
  EXPECT_EQ(t->unique_keys[0].name, "PRIMARY");
  EXPECT_EQ(t->unique_keys[0].columns, std::vector<std::string>{"n"}) << "key columns take the declared spelling";
  EXPECT_EQ(t->unique_keys[1].columns, std::vector<std::string>{"Email"});
}

TEST(catalog_json, errors_say_where) {
  struct bad {
    std::string_view json, error;
  };
  for (const auto& b : std::vector<bad>{
           {"{", "invalid JSON: "},
           {"[]", "expected an object with a \"tables\" array"},
           {R"j({"tables": [{"name": "t", "columns": []}]})j", "tables[0]: missing \"schema\""},
           {R"j({"tables": [{"schema": "s", "name": "t"}]})j", "tables[0]: missing \"columns\" array"},
           {R"j({"tables": [{"schema": "s", "name": "t", "columns": [{"name": "a"}]}]})j",
            "tables[0].columns[0]: missing \"mysql_type\""},
           {R"j({"tables": [{"schema": "s", "name": "t", "columns": [{"name": "a", "mysql_type": "geometry"}]}]})j",
            "tables[0].columns[0]: unknown MySQL type \"geometry\""},
           {R"j({"tables": [{"schema": "s", "name": "t", "columns": [{"name": "a", "mysql_type": "int", "nullable": 1}]}]})j",
            "tables[0].columns[0]: \"nullable\" must be true or false"},
           {R"j({"tables": [{"schema": "s", "name": "t", "columns": [{"name": "a", "mysql_type": "int", "category": "x"}]}]})j",
            "tables[0].columns[0]: unknown category \"x\""},
           {R"j({"tables": [{"schema": "s", "name": "t", "columns": [{"name": "a", "mysql_type": "int"}],
                "unique_keys": [{"name": "k", "columns": ["b"]}]}]})j",
            "tables[0].unique_keys[0]: unknown column \"b\""},
           {R"j({"tables": [{"schema": "s", "name": "t", "columns": [{"name": "a", "mysql_type": "int"},
                {"name": "A", "mysql_type": "int"}]}]})j",
            "tables[0]: duplicate column \"A\""},
       }) {
    memory_catalog c;
    const auto r = catalog_from_json(b.json, c);
    EXPECT_FALSE(r.ok) << b.json;
    EXPECT_EQ(r.error.substr(0, b.error.size()), b.error) << r.error;
    EXPECT_EQ(c.table_count(), 0u);
  }
}

}  // namespace
}  // namespace switchyard::sql
