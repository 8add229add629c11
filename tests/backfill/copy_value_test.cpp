// MySQL text values -> COPY text fields: every category and its edges.
#include <gtest/gtest.h>

#include <string>

#include "migrate/copy_value.hpp"

namespace switchyard::migrate {
namespace {

using sql::type_category;

copy_column col(type_category c, bool nullable = true) {
  copy_column k;
  k.category = c;
  k.nullable = nullable;
  return k;
}

std::string conv(const copy_column& c, const char* v, std::size_t n, zero_date_policy p = zero_date_policy::null_if_nullable) {
  std::string out, error;
  EXPECT_TRUE(append_copy_value(c, v, n, p, out, error)) << error;
  return out;
}
std::string conv(const copy_column& c, std::string_view v, zero_date_policy p = zero_date_policy::null_if_nullable) {
  return conv(c, v.data(), v.size(), p);
}
std::string rejected(const copy_column& c, std::string_view v, zero_date_policy p = zero_date_policy::null_if_nullable) {
  std::string out, error;
  EXPECT_FALSE(append_copy_value(c, v.data(), v.size(), p, out, error));
  return error;
}

TEST(copy_value, null_is_backslash_n_and_empty_text_is_empty) {
  EXPECT_EQ(conv(col(type_category::text), nullptr, 0), "\\N");
  EXPECT_EQ(conv(col(type_category::integer), nullptr, 0), "\\N");
  EXPECT_EQ(conv(col(type_category::text), ""), "");
  EXPECT_EQ(conv(col(type_category::binary), ""), "\\\\x");
}

TEST(copy_value, text_escapes_tab_newline_return_backslash_and_keeps_utf8) {
  EXPECT_EQ(conv(col(type_category::text), "a\tb\nc\rd\\e"), "a\\tb\\nc\\rd\\\\e");
  EXPECT_EQ(conv(col(type_category::text), "\\N"), "\\\\N");  // the text \N is not NULL
  EXPECT_EQ(conv(col(type_category::text), "emoji \xF0\x9F\x98\x80 4-byte"), "emoji \xF0\x9F\x98\x80 4-byte");
  EXPECT_EQ(conv(col(type_category::text), "trailing  "), "trailing  ");
  EXPECT_EQ(conv(col(type_category::json), "{\"b\": 1, \"a\": \"x\\ty\"}"), "{\"b\": 1, \"a\": \"x\\\\ty\"}");
  EXPECT_EQ(conv(col(type_category::enumeration), "a b"), "a b");
  EXPECT_EQ(conv(col(type_category::set), "a,b"), "a,b");
}

TEST(copy_value, binary_is_bytea_hex_with_nul_bytes) {
  const char bytes[] = {'\0', 'A', '\xff', '\t', '\0'};
  EXPECT_EQ(conv(col(type_category::binary), bytes, sizeof bytes), "\\\\x0041ff0900");
}

TEST(copy_value, tinyint1_boolean_is_true_for_any_non_zero) {
  const auto b = col(type_category::boolean);
  EXPECT_EQ(conv(b, "0"), "f");
  EXPECT_EQ(conv(b, "1"), "t");
  EXPECT_EQ(conv(b, "-5"), "t");
  EXPECT_EQ(conv(b, "127"), "t");
}

TEST(copy_value, bit_bytes_become_integers_or_booleans) {
  const auto bit = col(type_category::bit);
  EXPECT_EQ(conv(bit, std::string_view("\x05", 1)), "5");
  EXPECT_EQ(conv(bit, std::string_view("\x00", 1)), "0");
  EXPECT_EQ(conv(bit, std::string_view("\x01\x00", 2)), "256");
  EXPECT_EQ(conv(bit, std::string_view("\xff\xff\xff\xff\xff\xff\xff\xff", 8)), "18446744073709551615");
  EXPECT_NE(rejected(bit, std::string_view("123456789", 9)).find("at most 8"), std::string::npos);
  auto b1 = col(type_category::boolean);
  b1.mysql_bit = true;
  EXPECT_EQ(conv(b1, std::string_view("\x01", 1)), "t");
  EXPECT_EQ(conv(b1, std::string_view("\x00", 1)), "f");
}

TEST(copy_value, zero_dates_follow_the_policy) {
  const auto nullable = col(type_category::date, true);
  const auto not_null = col(type_category::datetime, false);
  EXPECT_EQ(conv(nullable, "0000-00-00"), "\\N");
  EXPECT_EQ(conv(nullable, "2020-00-10"), "\\N");
  EXPECT_NE(rejected(not_null, "0000-00-00 00:00:00").find("NOT NULL"), std::string::npos);
  EXPECT_NE(rejected(nullable, "0000-00-00", zero_date_policy::reject).find("policy: reject"), std::string::npos);
  EXPECT_EQ(conv(not_null, "0000-00-00 00:00:00", zero_date_policy::infinity), "-infinity");
  EXPECT_EQ(conv(nullable, "2024-02-29"), "2024-02-29");
  zero_date_policy p{};
  EXPECT_TRUE(parse_zero_date_policy("reject", p));
  EXPECT_EQ(p, zero_date_policy::reject);
  EXPECT_TRUE(parse_zero_date_policy("infinity", p));
  EXPECT_TRUE(parse_zero_date_policy("null", p));
  EXPECT_EQ(p, zero_date_policy::null_if_nullable);
  EXPECT_FALSE(parse_zero_date_policy("zero", p));
}

TEST(copy_value, datetimes_keep_fractions_and_timestamptz_gets_utc_offset) {
  EXPECT_EQ(conv(col(type_category::datetime), "2024-01-02 03:04:05.123456"), "2024-01-02 03:04:05.123456");
  auto ts = col(type_category::timestamp);
  EXPECT_EQ(conv(ts, "2038-01-19 03:14:07"), "2038-01-19 03:14:07");
  ts.timestamptz = true;
  EXPECT_EQ(conv(ts, "2038-01-19 03:14:07.5"), "2038-01-19 03:14:07.5+00");
}

TEST(copy_value, time_beyond_a_day_needs_interval) {
  auto t = col(type_category::time);
  EXPECT_EQ(conv(t, "23:59:59.999999"), "23:59:59.999999");
  EXPECT_NE(rejected(t, "838:59:59").find("time_as_interval"), std::string::npos);
  EXPECT_NE(rejected(t, "-00:00:01").find("outside"), std::string::npos);
  EXPECT_NE(rejected(t, "24:00:00").find("outside"), std::string::npos);
  t.interval = true;
  EXPECT_EQ(conv(t, "838:59:59"), "838:59:59");
  EXPECT_EQ(conv(t, "-838:59:59"), "-838:59:59");
}

TEST(copy_value, numbers_pass_through_exactly) {
  EXPECT_EQ(conv(col(type_category::decimal), "18446744073709551615"), "18446744073709551615");
  const std::string d65 = "12345678901234567890123456789012345.123456789012345678901234567890";
  EXPECT_EQ(conv(col(type_category::decimal), d65), d65);
  EXPECT_EQ(conv(col(type_category::integer), "-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(conv(col(type_category::integer), "2155"), "2155");  // YEAR
  EXPECT_EQ(conv(col(type_category::floating), "-1.5e-300"), "-1.5e-300");
}

TEST(copy_value, columns_are_derived_from_the_catalog) {
  sql::column_info c;
  c.mysql_type = "bit(1)";
  c.pg_type = "boolean";
  c.category = type_category::boolean;
  c.nullable = false;
  const auto k = make_copy_column(c);
  EXPECT_TRUE(k.mysql_bit);
  EXPECT_FALSE(k.nullable);
  c.mysql_type = "timestamp(3)";
  c.pg_type = "timestamptz(3)";
  EXPECT_TRUE(make_copy_column(c).timestamptz);
  c.mysql_type = "time";
  c.pg_type = "interval";
  EXPECT_TRUE(make_copy_column(c).interval);
}

}  // namespace
}  // namespace switchyard::migrate
