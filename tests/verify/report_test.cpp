// `switchyard verify`'s human table and JSON document (pure).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "migrate/verify_report.hpp"

namespace switchyard::migrate {
namespace {

namespace json = boost::json;
using sql::type_category;

table_result differing_table() {
  table_result t;
  t.database = "shop";
  t.table = "orders";
  t.keyed = true;
  t.key = {{"id", type_category::integer}};
  t.column_names = {"id", "note", "bin"};
  t.column_categories = {type_category::integer, type_category::text, type_category::binary};
  t.mysql_rows = 10;
  t.postgresql_rows = 10;
  t.chunks = 2;
  t.differing_chunks = 1;
  row_difference changed{row_difference::kind::values_differ, {"7"}, {"note"},
                         rendered_row{{"7"}, {"7", std::nullopt, "00"}}, rendered_row{{"7"}, {"7", "0:", "00"}}};
  row_difference extra{row_difference::kind::extra_on_postgresql, {"9"}, {}, std::nullopt,
                       rendered_row{{"9"}, {"9", "3:a:b", std::nullopt}}};
  t.differences = {changed, extra};
  return t;
}

table_result clean_table() {
  table_result t;
  t.database = "shop";
  t.table = "log";
  t.mysql_rows = t.postgresql_rows = 3;
  t.chunks = 1;
  t.note = "no primary or NOT NULL unique key: compared by count and whole-table checksum only";
  return t;
}

TEST(VerifyReport, DisplayValuesDropTheLengthPrefixOfTextOnly) {
  EXPECT_EQ(display_value(type_category::text, "3:a:b"), "a:b");
  EXPECT_EQ(display_value(type_category::json, "2:{}"), "{}");
  EXPECT_EQ(display_value(type_category::text, "0:"), "");
  EXPECT_EQ(display_value(type_category::time, "-1000001"), "-1000001");
  EXPECT_EQ(display_value(type_category::binary, "00ff"), "00ff");
}

TEST(VerifyReport, JsonDocumentShape) {
  const std::vector<table_result> tables{differing_table(), clean_table()};
  repair_summary repair;
  repair.rows_copied = 1;
  repair.rows_deleted = 2;
  repair.errors = {"x: failed"};
  const json::value doc = json::parse(json_report(tables, repair));
  EXPECT_EQ(doc.at("ok"), false);
  EXPECT_EQ(doc.at("differing_rows"), 2);
  const auto& list = doc.at("tables").as_array();
  ASSERT_EQ(list.size(), 2u);
  const auto& t = list[0].as_object();
  EXPECT_EQ(t.at("database"), "shop");
  EXPECT_EQ(t.at("table"), "orders");
  EXPECT_EQ(t.at("status"), "differs");
  EXPECT_EQ(t.at("key"), json::array{"id"});
  EXPECT_EQ(t.at("rows").at("mysql"), 10);
  EXPECT_EQ(t.at("rows").at("postgresql"), 10);
  EXPECT_EQ(t.at("chunks"), 2);
  EXPECT_EQ(t.at("differing_chunks"), 1);
  const auto& d = t.at("differences").as_array();
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].at("key"), json::array{"7"});
  EXPECT_EQ(d[0].at("kind"), "values differ");
  EXPECT_EQ(d[0].at("columns"), json::array{"note"});
  EXPECT_TRUE(d[0].at("mysql").at("note").is_null());
  EXPECT_EQ(d[0].at("postgresql").at("note"), "");
  EXPECT_EQ(d[1].at("kind"), "extra on PostgreSQL");
  EXPECT_TRUE(d[1].at("mysql").is_null());
  EXPECT_EQ(d[1].at("postgresql").at("note"), "a:b");
  EXPECT_EQ(list[1].at("status"), "ok");
  EXPECT_EQ(list[1].at("note"), json::value(clean_table().note));
  EXPECT_EQ(doc.at("repair").at("rows_copied"), 1);
  EXPECT_EQ(doc.at("repair").at("errors"), json::array{"x: failed"});
  EXPECT_FALSE(json::parse(json_report({clean_table()}, std::nullopt)).as_object().contains("repair"));
  EXPECT_EQ(json::parse(json_report({clean_table()}, std::nullopt)).at("ok"), true);
}

TEST(VerifyReport, BinaryKeysAreHexInJson) {
  table_result t = differing_table();
  t.differences.resize(1);
  t.differences[0].key = {std::string("\xff\x00", 2)};
  const json::value doc = json::parse(json_report({t}, std::nullopt));
  EXPECT_EQ(doc.at("tables").at(0).at("differences").at(0).at("key").at(0).at("hex"), "ff00");
}

TEST(VerifyReport, HumanTableWithDifferencesAndNotes) {
  const std::string out = human_report({differing_table(), clean_table()}, std::nullopt, 1);
  EXPECT_NE(out.find("rows MySQL"), std::string::npos);
  EXPECT_NE(out.find("shop.orders"), std::string::npos);
  EXPECT_NE(out.find("differs"), std::string::npos);
  EXPECT_NE(out.find("shop.orders key (7): values differ; note: MySQL NULL, PostgreSQL ''"), std::string::npos) << out;
  EXPECT_NE(out.find("shop.orders: ... and 1 more (see --json)"), std::string::npos);
  EXPECT_NE(out.find("shop.log: note: no primary"), std::string::npos);
  EXPECT_TRUE(all_match({clean_table()}));
  EXPECT_FALSE(all_match({differing_table()}));
  table_result broken = clean_table();
  broken.error = "PostgreSQL: relation does not exist";
  EXPECT_STREQ(status_of(broken), "error");
  EXPECT_NE(human_report({broken}, std::nullopt).find("shop.log: error: PostgreSQL: relation"), std::string::npos);
}

}  // namespace
}  // namespace switchyard::migrate
