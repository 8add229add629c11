// The normalizer the differential test compares with: what it calls equal, and what it does not.
#include "differential/normalize.hpp"

#include <gtest/gtest.h>
#include <mysql.h>

namespace switchyard::test {
namespace {

bool same(const cell& mysql_value, mysql_column m, const cell& pg_value, unsigned pg_oid) {
  const pg_kind p = pg_kind_of(pg_oid);
  return equal(canonical_mysql(mysql_value, m, p), canonical_pg(pg_value, m, p));
}

const mysql_column decimal2{mysql_kind::decimal, 2};
const mysql_column decimal4{mysql_kind::decimal, 4};
const mysql_column integer{mysql_kind::integer, 0};
const mysql_column dbl{mysql_kind::floating, 0};
const mysql_column text{mysql_kind::text, 0};
const mysql_column binary{mysql_kind::binary, 0};
const mysql_column temporal{mysql_kind::temporal, 0};

TEST(Normalize, DecimalsAtMySqlScale) {
  EXPECT_EQ(canonical_decimal("3.50000000", 4), "3.5");
  EXPECT_EQ(canonical_decimal("0.33333333333333333333", 4), "0.3333");
  EXPECT_EQ(canonical_decimal("0.66666666666666666667", 4), "0.6667");
  EXPECT_EQ(canonical_decimal("9.99995", 4), "10");
  EXPECT_EQ(canonical_decimal("-0.00001", 4), "0");
  EXPECT_EQ(canonical_decimal("-12.50", std::nullopt), "-12.5");
  EXPECT_EQ(canonical_decimal("007", 0), "7");
  EXPECT_EQ(canonical_decimal("18446744073709551615", 0), "18446744073709551615");
  EXPECT_EQ(canonical_decimal("1e3", 0), "");
  EXPECT_EQ(canonical_decimal("abc", 0), "");
  EXPECT_TRUE(same(cell{"3.5000"}, decimal4, cell{"3.5000000000000000"}, 1700));
  EXPECT_TRUE(same(cell{"10.50"}, decimal2, cell{"10.5"}, 1700));
  EXPECT_FALSE(same(cell{"10.50"}, decimal2, cell{"10.51"}, 1700));
  EXPECT_FALSE(same(cell{"0.3333"}, decimal4, cell{"0.33336"}, 1700));
}

TEST(Normalize, BooleansAndIntegers) {
  EXPECT_TRUE(same(cell{"1"}, integer, cell{"t"}, 16));
  EXPECT_TRUE(same(cell{"0"}, integer, cell{"f"}, 16));
  EXPECT_FALSE(same(cell{"1"}, integer, cell{"f"}, 16));
  EXPECT_TRUE(same(cell{"42"}, integer, cell{"42"}, 20));
  EXPECT_FALSE(same(cell{"42"}, integer, cell{"43"}, 23));
}

TEST(Normalize, FloatsWithinRelativeTolerance) {
  EXPECT_TRUE(same(cell{"0.1"}, dbl, cell{"0.1"}, 701));
  EXPECT_TRUE(same(cell{"1e10"}, dbl, cell{"10000000000"}, 701));
  EXPECT_TRUE(same(cell{"0.30000000000000004"}, dbl, cell{"0.3"}, 701));
  EXPECT_FALSE(same(cell{"0.3001"}, dbl, cell{"0.3"}, 701));
  EXPECT_TRUE(same(cell{"1.25"}, mysql_column{mysql_kind::single_float, 0}, cell{"1.2500001"}, 700));
}

TEST(Normalize, NullsOnlyEqualNulls) {
  EXPECT_TRUE(same(cell{}, text, cell{}, 25));
  EXPECT_FALSE(same(cell{}, text, cell{""}, 25));
  EXPECT_FALSE(same(cell{"0"}, integer, cell{}, 23));
}

TEST(Normalize, BytesAgainstByteaAndBits) {
  EXPECT_TRUE(same(cell{std::string("\0\xff", 2)}, binary, cell{"\\x00ff"}, 17));
  EXPECT_FALSE(same(cell{std::string("\0\xfe", 2)}, binary, cell{"\\x00ff"}, 17));
  EXPECT_TRUE(same(cell{"abc"}, text, cell{"\\x616263"}, 17));
  EXPECT_TRUE(same(cell{std::string("\x05", 1)}, mysql_column{mysql_kind::bit, 0}, cell{"00000101"}, 1560));
  EXPECT_TRUE(same(cell{std::string("\x01\x00", 2)}, mysql_column{mysql_kind::bit, 0}, cell{"100000000"}, 1562));
}

TEST(Normalize, TimestampsWithoutZoneSuffixOrTrailingZeros) {
  EXPECT_TRUE(same(cell{"2024-01-02 03:04:05.500000"}, temporal, cell{"2024-01-02 03:04:05.5"}, 1114));
  EXPECT_TRUE(same(cell{"2024-01-02 03:04:05.123"}, temporal, cell{"2024-01-02 03:04:05.123+00"}, 1184));
  EXPECT_TRUE(same(cell{"2024-01-02 03:04:05"}, temporal, cell{"2024-01-02 03:04:05"}, 1114));
  EXPECT_FALSE(same(cell{"2024-01-02 03:04:05"}, temporal, cell{"2024-01-02 03:04:06"}, 1114));
  EXPECT_FALSE(same(cell{"2024-01-02 03:04:05"}, temporal, cell{"2024-01-02 05:04:05+02"}, 1184));
  EXPECT_TRUE(same(cell{"2024-01-02"}, text, cell{"2024-01-02"}, 1082));
}

TEST(Normalize, JsonCanonicalized) {
  EXPECT_TRUE(same(cell{"{\"b\": 1, \"a\": [1, 2.5]}"}, text, cell{"{\"a\": [1, 2.5], \"b\": 1}"}, 3802));
  EXPECT_TRUE(same(cell{"{\"a\":1.0}"}, text, cell{"{\"a\": 1}"}, 3802));
  EXPECT_FALSE(same(cell{"{\"a\": 1}"}, text, cell{"{\"a\": 2}"}, 3802));
  EXPECT_TRUE(same(cell{"\"Paris\""}, text, cell{"\"Paris\""}, 3802));
  EXPECT_FALSE(same(cell{"Paris"}, text, cell{"\"Paris\""}, 3802));
}

TEST(Normalize, TextIsExact) {
  EXPECT_TRUE(same(cell{"Zoë"}, text, cell{"Zoë"}, 25));
  EXPECT_FALSE(same(cell{"alice"}, text, cell{"Alice"}, 25));
  EXPECT_FALSE(same(cell{"a "}, text, cell{"a"}, 1043));
}

TEST(Normalize, MySqlFieldTypes) {
  EXPECT_EQ(mysql_column_of(MYSQL_TYPE_NEWDECIMAL, 63, 4).kind, mysql_kind::decimal);
  EXPECT_EQ(mysql_column_of(MYSQL_TYPE_NEWDECIMAL, 63, 4).scale, 4u);
  EXPECT_EQ(mysql_column_of(MYSQL_TYPE_LONGLONG, 63, 0).kind, mysql_kind::integer);
  EXPECT_EQ(mysql_column_of(MYSQL_TYPE_BLOB, 63, 0).kind, mysql_kind::binary);
  EXPECT_EQ(mysql_column_of(MYSQL_TYPE_BLOB, 45, 0).kind, mysql_kind::text);
  EXPECT_EQ(mysql_column_of(MYSQL_TYPE_DATETIME, 63, 6).kind, mysql_kind::temporal);
}

}  // namespace
}  // namespace switchyard::test
