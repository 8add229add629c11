// The per-category rendering expressions of `switchyard verify`, for both dialects (pure; the
// integration test checks that both engines agree on real values).
#include <gtest/gtest.h>

#include "migrate/verify_render.hpp"

namespace switchyard::migrate {
namespace {

using sql::type_category;
constexpr auto my = sql_dialect::mysql;
constexpr auto pg = sql_dialect::postgresql;

render_column col(type_category c, std::string mysql_type = {}) {
  sql::column_info info;
  info.name = "C";
  info.category = c;
  info.mysql_type = std::move(mysql_type);
  return make_render_column(info);
}

std::string mv(const render_column& c, render_options o = {}) { return render_value(c, my, o); }
std::string pv(const render_column& c, render_options o = {}) { return render_value(c, pg, o); }

TEST(VerifyRender, IntegersYearAndBit) {
  EXPECT_EQ(mv(col(type_category::integer, "int(11)")), "`C`");
  EXPECT_EQ(pv(col(type_category::integer, "int(11)")), "c::text");
  EXPECT_EQ(mv(col(type_category::integer, "year(4)")), "`C` + 0");
  EXPECT_EQ(pv(col(type_category::integer, "year(4)")), "c::text");
  EXPECT_EQ(mv(col(type_category::bit, "bit(12)")), "`C` + 0");
  EXPECT_EQ(pv(col(type_category::bit, "bit(12)")), "c::text");
}

TEST(VerifyRender, BooleansAndDecimals) {
  EXPECT_EQ(mv(col(type_category::boolean, "tinyint(1)")), "(`C` + 0) <> 0");
  EXPECT_EQ(pv(col(type_category::boolean, "tinyint(1)")), "(c)::int::text");
  EXPECT_EQ(mv(col(type_category::decimal, "decimal(65,30)")), "`C`");
  EXPECT_EQ(pv(col(type_category::decimal, "decimal(65,30)")), "c::text");
}

TEST(VerifyRender, FloatsAtTheConfiguredDigitsFloatAtMostSix) {
  const render_column d = col(type_category::floating, "double");
  EXPECT_EQ(mv(d), "CASE WHEN `C` = 0 THEN '0' WHEN ABS(`C`) < 1e-200 THEN CONCAT(CAST(FLOOR((`C` * 1e200) / POW(10, "
                   "FLOOR(LOG10(ABS((`C` * 1e200)))) - 14) + 0.5) AS SIGNED), 'e', CAST(FLOOR(LOG10(ABS((`C` * 1e200)))) "
                   "- 200 AS SIGNED)) ELSE CONCAT(CAST(FLOOR(`C` / POW(10, FLOOR(LOG10(ABS(`C`))) - 14) + 0.5) AS SIGNED), "
                   "'e', CAST(FLOOR(LOG10(ABS(`C`))) AS SIGNED)) END");
  EXPECT_EQ(pv(d), "CASE WHEN c::float8 = 0 THEN '0' WHEN abs(c::float8) < 1e-200::float8 THEN floor((c::float8 * "
                   "1e200::float8) / power(10::float8, floor(log(abs((c::float8 * 1e200::float8)))) - 14) + "
                   "0.5)::bigint::text || 'e' || (floor(log(abs((c::float8 * 1e200::float8)))) - 200)::bigint::text "
                   "ELSE floor(c::float8 / power(10::float8, floor(log(abs(c::float8))) - 14) + 0.5)::bigint::text || "
                   "'e' || (floor(log(abs(c::float8))))::bigint::text END");
  render_options three;
  three.float_digits = 3;
  EXPECT_NE(mv(d, three).find(" - 2)"), std::string::npos);
  EXPECT_NE(pv(d, three).find(" - 2)"), std::string::npos);
  const render_column f = col(type_category::floating, "float");
  EXPECT_TRUE(f.single);
  EXPECT_NE(mv(f).find(" - 5)"), std::string::npos);  // 15 asked, FLOAT capped at 6 digits
  EXPECT_NE(pv(f).find(" - 5)"), std::string::npos);
  EXPECT_NE(mv(f, three).find(" - 2)"), std::string::npos);
}

TEST(VerifyRender, TextEnumSetCountCharacters) {
  for (const auto c : {type_category::text, type_category::enumeration, type_category::set, type_category::other}) {
    EXPECT_EQ(mv(col(c)), "CONCAT(CHAR_LENGTH(`C`), ':', CONVERT(`C` USING utf8mb4))");
    EXPECT_EQ(pv(col(c)), "length(c::text) || ':' || c::text");
  }
}

TEST(VerifyRender, BinaryAsLowerHex) {
  EXPECT_EQ(mv(col(type_category::binary)), "LOWER(HEX(`C`))");
  EXPECT_EQ(pv(col(type_category::binary)), "encode(c, 'hex')");
}

TEST(VerifyRender, DatesAndTimesZeroDatesNull) {
  EXPECT_EQ(mv(col(type_category::date)),
            "IF(MONTH(`C`) = 0 OR DAYOFMONTH(`C`) = 0, NULL, DATE_FORMAT(`C`, '%Y-%m-%d'))");
  EXPECT_EQ(pv(col(type_category::date)), "to_char(c, 'YYYY-MM-DD')");
  for (const auto c : {type_category::datetime, type_category::timestamp}) {
    EXPECT_EQ(mv(col(c)), "IF(MONTH(`C`) = 0 OR DAYOFMONTH(`C`) = 0, NULL, DATE_FORMAT(`C`, '%Y-%m-%d %H:%i:%s.%f'))");
    EXPECT_EQ(pv(col(c)), "to_char(c, 'YYYY-MM-DD HH24:MI:SS.US')");
  }
  EXPECT_EQ(mv(col(type_category::time)), "CONCAT(IF(`C` < TIME'00:00:00', '-', ''), ((HOUR(`C`) * 60 + MINUTE(`C`)) * 60 "
                                          "+ SECOND(`C`)) * 1000000 + MICROSECOND(`C`))");
  EXPECT_EQ(pv(col(type_category::time)), "(extract(epoch from c) * 1000000)::bigint::text");
}

TEST(VerifyRender, JsonNormalizedBothSides) {
  EXPECT_EQ(mv(col(type_category::json)), "CONCAT(CHAR_LENGTH(JSON_NORMALIZE(`C`)), ':', JSON_NORMALIZE(`C`))");
  EXPECT_EQ(pv(col(type_category::json)), "switchyard.verify_json_field(c::jsonb)");
  EXPECT_NE(json_function_sql().find("FUNCTION switchyard.verify_json_field(j jsonb)"), std::string::npos);
  EXPECT_NE(json_function_sql().find("FUNCTION switchyard.verify_json(j jsonb)"), std::string::npos);
  EXPECT_NE(json_function_sql().find("COLLATE \"C\""), std::string::npos);
  // In checksums: the MD5 of the canonical text; flat objects canonicalised in the query.
  EXPECT_EQ(render_field(col(type_category::json), my, {}), "COALESCE(MD5(JSON_NORMALIZE(`C`)), 'N')");
  const std::string pg_field = render_field(col(type_category::json), sql_dialect::postgresql, {});
  EXPECT_EQ(pg_field.rfind("coalesce(md5(CASE WHEN jsonb_typeof(c::jsonb) = 'object'", 0), 0u) << pg_field;
  EXPECT_NE(pg_field.find("FROM jsonb_each(c::jsonb)"), std::string::npos) << pg_field;
  EXPECT_NE(pg_field.find("ELSE switchyard.verify_json(c::jsonb) END), 'N')"), std::string::npos) << pg_field;
}

TEST(VerifyRender, FieldsNeverNullRowsJoinedHashSixtyBits) {
  const render_column i = col(type_category::integer, "int(11)");
  EXPECT_EQ(render_field(i, my, {}), "COALESCE(`C`, 'N')");
  EXPECT_EQ(render_field(col(type_category::text), my, {}),
            "COALESCE(CAST(CONCAT(CHAR_LENGTH(`C`), ':', CONVERT(`C` USING utf8mb4)) AS BINARY), 'N')");
  EXPECT_EQ(render_field(i, pg, {}), "coalesce(c::text, 'N')");
  EXPECT_EQ(render_row({i, i}, pg, {}), "concat_ws(',', coalesce(c::text, 'N'), coalesce(c::text, 'N'))");
  EXPECT_EQ(row_hash({i}, my, {}), "CAST(CONV(LEFT(MD5(CONCAT_WS(',', COALESCE(`C`, 'N'))), "
                                   "15), 16, 10) AS UNSIGNED)");
  EXPECT_EQ(row_hash({i}, pg, {}), "('x' || left(md5(concat_ws(',', coalesce(c::text, 'N'))), 15))::bit(60)::bigint");
  EXPECT_EQ(checksum_query("Db", "T", {i}, "TRUE", pg, {}),
            "SELECT COUNT(*), COALESCE(SUM(" + row_hash({i}, pg, {}) + "), 0) FROM db.t WHERE TRUE");
  EXPECT_EQ(checksum_query("Db", "T", {i}, "TRUE", my, {}),
            "SELECT COUNT(*), COALESCE(SUM(" + row_hash({i}, my, {}) + "), 0) FROM `Db`.`T` WHERE TRUE");
}

TEST(VerifyRender, KeysRowsAndKeyLists) {
  const std::vector<key_column> key{{"Id", type_category::integer}, {"B", type_category::binary}};
  EXPECT_EQ(key_text(key[1], my), "`B`");
  EXPECT_EQ(key_text(key[1], pg), "encode(b, 'hex')");
  EXPECT_EQ(key_text({"T", type_category::timestamp}, pg), "to_char(t, 'YYYY-MM-DD HH24:MI:SS.US')");
  EXPECT_EQ(key_in_predicate(key, {}, my), "FALSE");
  EXPECT_EQ(key_in_predicate(key, {{"1", std::string("a\0", 2)}, {"2", "b"}}, pg),
            "((id = 1 AND b = '\\x6100'::bytea) OR (id = 2 AND b = '\\x62'::bytea))");
  EXPECT_EQ(key_in_predicate({key[0]}, {{"1"}, {"2"}}, my), "`Id` IN (1, 2)");
  const render_column i = col(type_category::integer, "int(11)");
  EXPECT_EQ(rows_query("d", "t", {i}, {key[0]}, "TRUE", my, {}),
            "SELECT `Id`, `C` FROM `d`.`t` AS t WHERE TRUE ORDER BY t.`Id`");
  // PostgreSQL's key output column is named like the key: the order must be the table column's.
  EXPECT_EQ(rows_query("d", "t", {i}, {key[0]}, "TRUE", pg, {}),
            "SELECT id::text, c::text FROM d.t AS t WHERE TRUE ORDER BY t.id");
}

TEST(VerifyRender, Unhex) {
  EXPECT_EQ(unhex("00ff41"), std::string("\0\xff" "A", 3));
  EXPECT_EQ(unhex(""), std::string());
  EXPECT_FALSE(unhex("0"));
  EXPECT_FALSE(unhex("zz"));
}

}  // namespace
}  // namespace switchyard::migrate
