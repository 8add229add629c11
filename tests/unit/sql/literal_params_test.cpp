#include "sql/literal_params.hpp"

#include <gtest/gtest.h>

#include "sql/affected_keys.hpp"

namespace switchyard::sql {
namespace {

TEST(LiteralParams, EachPlaceholderTakesTheNextValue) {
  std::string out;
  EXPECT_EQ(with_literal_params("UPDATE t SET v = ? WHERE id = ?", {}, {"it's \\ here", "7"}, out),
            "UPDATE t SET v = 'it''s \\\\ here' WHERE id = '7'");
  EXPECT_EQ(with_literal_params("INSERT INTO t VALUES (?, ?)", {}, {std::nullopt, "x"}, out),
            "INSERT INTO t VALUES (NULL, 'x')");
  // A `?` inside a string or comment is not a placeholder; missing values leave `?`.
  EXPECT_EQ(with_literal_params("SELECT '?', ? /* ? */, ?", {}, {"1"}, out), "SELECT '?', '1' /* ? */, ?");
  sql_mode no_escapes;
  no_escapes.no_backslash_escapes = true;
  EXPECT_EQ(with_literal_params("SELECT ?", no_escapes, {"a\\b"}, out), "SELECT 'a\\b'");
}

TEST(LiteralParams, NameTheRowsAPreparedWriteTouched) {
  memory_catalog catalog;
  table_info t;
  t.schema = "app";
  t.name = "sbtest1";
  column_info id;
  id.name = "id";
  id.mysql_type = "int(11)";
  id.pg_type = "integer";
  id.category = type_category::integer;
  t.columns.push_back(id);
  t.unique_keys.push_back({"PRIMARY", {"id"}});
  catalog.add_table(t);
  translate_options o;
  o.current_database = "app";
  o.tables = &catalog;
  std::string text;
  const affected_rows rows =
      affected_keys(with_literal_params("UPDATE sbtest1 SET k = k + 1 WHERE id = ?", {}, {"5014"}, text), o);
  ASSERT_TRUE(rows.known);
  EXPECT_EQ(rows.keys, std::vector<std::string>{"5014"});
}

}  // namespace
}  // namespace switchyard::sql
