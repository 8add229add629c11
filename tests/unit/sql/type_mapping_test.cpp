#include "sql/type_mapping.hpp"

#include <gtest/gtest.h>

namespace switchyard::sql {
namespace {

struct row {
  std::string_view column_type;  // as information_schema spells it
  std::string_view pg_type;
  type_category category;
  bool case_insensitive = false;
};

mapped_type map(std::string_view column_type, bool ci, const type_mapping_options& o, std::string_view column = "c") {
  mysql_column_type t;
  EXPECT_TRUE(parse_column_type(column_type, t)) << column_type;
  const auto m = map_type(t, ci, "t", column, o);
  EXPECT_TRUE(m.has_value()) << column_type;
  return m.value_or(mapped_type{});
}

using tc = type_category;

TEST(type_mapping, defaults) {
  const type_mapping_options o;
  for (const auto& r : std::vector<row>{
           {"tinyint(1)", "boolean", tc::boolean},
           {"tinyint(4)", "smallint", tc::integer},
           {"tinyint(1) unsigned", "smallint", tc::integer},
           {"tinyint(3) unsigned", "smallint", tc::integer},
           {"smallint(6)", "smallint", tc::integer},
           {"smallint(5) unsigned", "integer", tc::integer},
           {"mediumint(9)", "integer", tc::integer},
           {"mediumint(8) unsigned", "integer", tc::integer},
           {"int(11)", "integer", tc::integer},
           {"int(10) unsigned", "bigint", tc::integer},
           {"bigint(20)", "bigint", tc::integer},
           {"bigint(20) unsigned", "numeric(20)", tc::decimal},
           {"decimal(12,2)", "numeric(12,2)", tc::decimal},
           {"float", "real", tc::floating},
           {"double", "double precision", tc::floating},
           {"char(8)", "varchar(8)", tc::text},
           {"varchar(255)", "varchar(255)", tc::text, true},
           {"tinytext", "text", tc::text},
           {"longtext", "text", tc::text},
           {"binary(4)", "bytea", tc::binary},
           {"varbinary(64)", "bytea", tc::binary},
           {"blob", "bytea", tc::binary},
           {"longblob", "bytea", tc::binary},
           {"date", "date", tc::date},
           {"datetime", "timestamp(0)", tc::datetime},
           {"datetime(6)", "timestamp(6)", tc::datetime},
           {"timestamp", "timestamptz(0)", tc::timestamp},
           {"timestamp(3)", "timestamptz(3)", tc::timestamp},
           {"time", "time(0)", tc::time},
           {"time(2)", "time(2)", tc::time},
           {"year(4)", "smallint", tc::integer},
           {"json", "jsonb", tc::json},
           {"enum('a','b')", "text", tc::enumeration},
           {"set('x','y')", "text", tc::set},
           {"bit(1)", "bigint", tc::bit},
           {"bit(8)", "bigint", tc::bit},
           {"bit(64)", "numeric(20)", tc::bit},
       }) {
    const auto m = map(r.column_type, r.case_insensitive, o);
    EXPECT_EQ(m.pg_type, r.pg_type) << r.column_type;
    EXPECT_EQ(m.category, r.category) << r.column_type;
    EXPECT_EQ(m.pg_collation, "") << r.column_type;
  }
}

TEST(type_mapping, options) {
  type_mapping_options o;
  o.tinyint1_as_boolean = false;
  o.bit1_as_boolean = true;
  o.char_as_varchar = true;
  o.time_as_interval = true;
  o.timestamps = timestamp_policy::without_time_zone;
  o.enum_as_type = true;
  EXPECT_EQ(map("tinyint(1)", false, o).pg_type, "smallint");
  EXPECT_EQ(map("tinyint(1)", false, o).category, tc::integer);
  EXPECT_EQ(map("bit(1)", false, o).pg_type, "boolean");
  EXPECT_EQ(map("bit(1)", false, o).category, tc::boolean);
  EXPECT_EQ(map("bit(2)", false, o).pg_type, "bigint");
  EXPECT_EQ(map("char(3)", false, o).pg_type, "varchar(3)");
  EXPECT_EQ(map("time(3)", false, o).pg_type, "interval");
  EXPECT_EQ(map("timestamp(3)", false, o).pg_type, "timestamp(3)");
  EXPECT_EQ(map("enum('a')", false, o, "Role").pg_type, "t_role");

  type_mapping_options ci;
  ci.case_insensitive = case_insensitive_policy::citext;
  EXPECT_EQ(map("varchar(10)", true, ci).pg_type, "citext");
  EXPECT_EQ(map("varchar(10)", false, ci).pg_type, "varchar(10)");
  EXPECT_EQ(map("text", true, ci).pg_type, "citext");
  ci.case_insensitive = case_insensitive_policy::collation;
  ci.ci_collation = "ci_und";
  EXPECT_EQ(map("varchar(10)", true, ci).pg_type, "varchar(10)");
  EXPECT_EQ(map("varchar(10)", true, ci).pg_collation, "ci_und");
  EXPECT_EQ(map("varchar(10)", false, ci).pg_collation, "");
}

TEST(type_mapping, overrides_by_type_then_column) {
  type_mapping_options o;
  o.type_overrides["tinyint(1)"] = "smallint";
  o.type_overrides["json"] = "json";
  o.type_overrides["int"] = "bigint";
  o.column_overrides["t.flag"] = "boolean";
  EXPECT_EQ(map("tinyint(1)", false, o).pg_type, "smallint");
  EXPECT_EQ(map("tinyint(1)", false, o).category, tc::integer);
  EXPECT_EQ(map("json", false, o).pg_type, "json");
  EXPECT_EQ(map("json", false, o).category, tc::json);
  EXPECT_EQ(map("int(11)", false, o).pg_type, "bigint") << "a base-name override covers every width";
  EXPECT_EQ(map("int(11)", false, o, "FLAG").pg_type, "boolean") << "column overrides win, names compared lower case";
  EXPECT_EQ(map("int(11)", false, o, "FLAG").category, tc::boolean);
}

TEST(type_mapping, column_type_text_round_trips) {
  for (const auto text : {"int(10) unsigned", "int(5) unsigned zerofill", "decimal(12,2)", "enum('it''s','b')",
                          "set('a')", "datetime(6)", "varchar(255)", "double", "float(7,3)", "bit(8)", "year(4)"}) {
    mysql_column_type t;
    ASSERT_TRUE(parse_column_type(text, t)) << text;
    EXPECT_EQ(column_type_text(t), text);
  }
  mysql_column_type t;
  EXPECT_EQ(t.values.size(), 0u);
  ASSERT_TRUE(parse_column_type("ENUM('Ab','c')", t));
  EXPECT_EQ(t.values, (std::vector<std::string>{"Ab", "c"})) << "members keep their case";
  for (const auto bad : {"", "int(", "int(x)", "enum('a'", "int unsigned garbage", "geometry", "decimal(1,)"})
    EXPECT_FALSE(parse_column_type(bad, t)) << bad;
}

TEST(type_mapping, canonical_forms) {
  const auto ty = [](std::string base, std::optional<std::uint32_t> length = {}, bool is_unsigned = false) {
    mysql_column_type t;
    t.base = std::move(base);
    t.length = length;
    t.is_unsigned = is_unsigned;
    return t;
  };
  for (auto& [in, out] : std::vector<std::pair<mysql_column_type, std::string_view>>{
           {ty("integer"), "int(11)"},
           {ty("int", {}, true), "int(10) unsigned"},
           {ty("bool"), "tinyint(1)"},
           {ty("numeric", 5u), "decimal(5,0)"},
           {ty("real"), "double"},
           {ty("float", 10u), "float"},
           {ty("float", 25u), "double"},
           {ty("char"), "char(1)"},
           {ty("time", 0u), "time"},
           {ty("int8"), "bigint(20)"}}) {
    ASSERT_TRUE(canonicalize(in)) << out;
    EXPECT_EQ(column_type_text(in), out);
  }
  mysql_column_type unknown = ty("geometry");
  EXPECT_FALSE(canonicalize(unknown));
  EXPECT_TRUE(collation_is_case_insensitive("utf8mb4_0900_ai_ci"));
  EXPECT_FALSE(collation_is_case_insensitive("utf8mb4_bin"));
  EXPECT_FALSE(collation_is_case_insensitive("utf8mb4_0900_as_cs"));
}

}  // namespace
}  // namespace switchyard::sql
