#include "protocol/rows.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "fixture.hpp"

namespace switchyard::protocol {
namespace {

using test::from_hex;
using ct = column_type;

// The captured table: SELECT * FROM t on MariaDB 10.11 (see the column flags in its definitions).
const column_info all_types[] = {
    {ct::long_},          {ct::tiny},       {ct::tiny, true},     {ct::short_},   {ct::short_, true},
    {ct::int24},          {ct::long_},      {ct::long_, true},    {ct::longlong}, {ct::longlong, true},
    {ct::year, true},     {ct::float_},     {ct::double_},        {ct::newdecimal}, {ct::date},
    {ct::datetime},       {ct::timestamp},  {ct::time},           {ct::string},   {ct::var_string},
    {ct::blob},           {ct::blob},       {ct::blob},           {ct::string},   {ct::string},
    {ct::bit, true},      {ct::geometry},
};
constexpr std::size_t all_types_count = std::size(all_types);

// Text rows of that SELECT, and the binary rows of the same SELECT as a prepared statement.
const char* const text_rows[] = {
    "0131042d31323803323535062d3332373638053635353335082d383338383630380b2d323134373438333634380a34323934393637323935142d39323233333732303336383534373735383038143138343436373434303733373039353531363135043230323403312e35052d322e3235092d313233342e3536370a323032342d30322d32391a323032342d30322d32392031333a31343a31352e31323334353613323032342d30332d30312030303a30303a3030112d3833383a35393a35392e3030303030300261620668c3a96c6c6f0200ff0474657874087b2261223a20317d016203782c790202aa19000000000101000000000000000000f03f0000000000000040",
    "0132fbfbfbfbfbfbfbfbfbfbfbfbfbfbfbfbfbfbfbfbfbfbfbfbfbfb",
    "013301300130013001300130013001300130013004303030300130013005302e3030300a303030302d30302d30301a323032342d30312d30322030303a30303a30302e30303030303013323032342d30312d30322030333a30343a30350f30303a30303a30302e30303030303000000000025b5d0161000200001900000000010100000000000000000000000000000000000000",
};
const char* const binary_rows[] = {
    "00000000000100000080ff0080ffff000080ff00000080ffffffff0000000000000080ffffffffffffffffe8070000c03f00000000000002c0092d313233342e35363704e807021d0be807021d0d0e0f40e2010004e8070301080122000000163b3b0261620668c3a96c6c6f0200ff0474657874087b2261223a20317d016203782c790202aa19000000000101000000000000000000f03f0000000000000040",
    "00f8ffff1f02000000",
    "00000000000300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000005302e3030300004e807010207e80701020304050000000000025b5d0161000200001900000000010100000000000000000000000000000000000000",
    "0000000000040000007f0101000100ffff7f00ffffff7f01000000ffffffffffffff7f01000000000000006d07000000009c"
    "7500883ce4377e0b393939393939392e393939040f270c1f0be80301010000000100000007f6070113030e070c0000000000"
    "0c223820a107000461626364147a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7afc2c016262626262626262626262626262"
    "6262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262"
    "6262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262"
    "6262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262"
    "6262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262"
    "6262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262626262"
    "6262626262626262626262626262626262626262626262626262626262626262626262620178046e756c6c016101790203ff"
    "19000000000101000000000000000000f8bf0000000000000440",
};

TEST(text_row, decodes_round_trips_and_is_strict) {
  for (const char* hex : text_rows) {
    const bytes wire = from_hex(hex);
    auto decode = [](bytes_view b, std::vector<text_value>& v) { return decode_text_row(b, all_types_count, v); };
    auto encode = [](const std::vector<text_value>& v, bytes& out) { encode_text_row(v, out); };
    test::expect_round_trip<std::vector<text_value>>(wire, decode, encode);
    test::expect_strict(wire, [&](bytes_view b) { std::vector<text_value> v; return decode(b, v); });
  }
}

TEST(text_row, reads_values_and_nulls) {
  bytes wire = from_hex(text_rows[0]);
  std::vector<text_value> row;
  ASSERT_EQ(decode_text_row(wire, all_types_count, row), errc::ok);
  ASSERT_EQ(row.size(), all_types_count);
  EXPECT_EQ(row[1], "-128");
  EXPECT_EQ(row[9], "18446744073709551615");
  EXPECT_EQ(row[15], "2024-02-29 13:14:15.123456");
  EXPECT_EQ(row[17], "-838:59:59.000000");
  EXPECT_EQ(row[19], "h\xc3\xa9llo");
  EXPECT_EQ(row[20], std::string_view("\x00\xff", 2));

  wire = from_hex(text_rows[1]);
  ASSERT_EQ(decode_text_row(wire, all_types_count, row), errc::ok);
  EXPECT_EQ(row[0], "2");
  for (std::size_t i = 1; i < all_types_count; ++i) EXPECT_FALSE(row[i].has_value()) << i;

  // A 300-byte value (3-byte length), a NULL and an empty string: SELECT REPEAT('a', 300), NULL, ''.
  std::string hex = "fc2c01";
  for (int i = 0; i < 300; ++i) hex += "61";
  wire = from_hex(hex + "fb00");
  ASSERT_EQ(decode_text_row(wire, 3, row), errc::ok);
  EXPECT_EQ(row[0], std::string(300, 'a'));
  EXPECT_FALSE(row[1].has_value());
  EXPECT_EQ(row[2], "");
}

TEST(text_row, column_count_must_match) {
  const bytes wire = from_hex("0131fb0132");
  std::vector<text_value> row;
  EXPECT_EQ(decode_text_row(wire, 3, row), errc::ok);
  EXPECT_EQ(decode_text_row(wire, 2, row), errc::trailing_bytes);
  EXPECT_EQ(decode_text_row(wire, 4, row), errc::truncated);
  EXPECT_EQ(decode_text_row(from_hex("ff"), 1, row), errc::bad_value);  // 0xFF is no length
}

TEST(binary_row, decodes_round_trips_and_is_strict) {
  for (const char* hex : binary_rows) {
    const bytes wire = from_hex(hex);
    auto decode = [](bytes_view b, std::vector<field_value>& v) { return decode_binary_row(b, all_types, v); };
    auto encode = [](const std::vector<field_value>& v, bytes& out) {
      ASSERT_EQ(encode_binary_row(all_types, v, out), errc::ok);
    };
    test::expect_round_trip<std::vector<field_value>>(wire, decode, encode);
    test::expect_strict(wire, [&](bytes_view b) { std::vector<field_value> v; return decode(b, v); });
  }
}

TEST(binary_row, reads_every_type) {
  const bytes wire = from_hex(binary_rows[0]);
  std::vector<field_value> v;
  ASSERT_EQ(decode_binary_row(wire, all_types, v), errc::ok);
  ASSERT_EQ(v.size(), all_types_count);
  EXPECT_EQ(std::get<std::int64_t>(v[0]), 1);
  EXPECT_EQ(std::get<std::int64_t>(v[1]), -128);
  EXPECT_EQ(std::get<std::uint64_t>(v[2]), 255u);
  EXPECT_EQ(std::get<std::int64_t>(v[3]), -32768);
  EXPECT_EQ(std::get<std::uint64_t>(v[4]), 65535u);
  EXPECT_EQ(std::get<std::int64_t>(v[5]), -8388608);
  EXPECT_EQ(std::get<std::int64_t>(v[6]), std::numeric_limits<std::int32_t>::min());
  EXPECT_EQ(std::get<std::uint64_t>(v[7]), 4294967295u);
  EXPECT_EQ(std::get<std::int64_t>(v[8]), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(std::get<std::uint64_t>(v[9]), std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(std::get<std::uint64_t>(v[10]), 2024u);
  EXPECT_EQ(std::get<float>(v[11]), 1.5f);
  EXPECT_EQ(std::get<double>(v[12]), -2.25);
  EXPECT_EQ(std::get<std::string_view>(v[13]), "-1234.567");
  EXPECT_EQ(std::get<mysql_datetime>(v[14]), (mysql_datetime{2024, 2, 29}));
  EXPECT_EQ(std::get<mysql_datetime>(v[15]), (mysql_datetime{2024, 2, 29, 13, 14, 15, 123456}));
  EXPECT_EQ(std::get<mysql_datetime>(v[16]), (mysql_datetime{2024, 3, 1}));
  EXPECT_EQ(std::get<mysql_time>(v[17]), (mysql_time{true, 34, 22, 59, 59, 0}));
  EXPECT_EQ(std::get<std::string_view>(v[18]), "ab");
  EXPECT_EQ(std::get<std::string_view>(v[20]), std::string_view("\x00\xff", 2));
  EXPECT_EQ(std::get<std::string_view>(v[22]), "{\"a\": 1}");
  EXPECT_EQ(std::get<std::string_view>(v[24]), "x,y");
  EXPECT_EQ(std::get<std::string_view>(v[25]), "\x02\xaa");
  EXPECT_EQ(std::get<std::string_view>(v[26]).size(), 25u);  // SRID + WKB point
}

TEST(binary_row, reads_nulls_from_the_bitmap) {
  const bytes wire = from_hex(binary_rows[1]);
  std::vector<field_value> v;
  ASSERT_EQ(decode_binary_row(wire, all_types, v), errc::ok);
  EXPECT_EQ(std::get<std::int64_t>(v[0]), 2);
  for (std::size_t i = 1; i < all_types_count; ++i) EXPECT_TRUE(is_null(v[i])) << i;
}

TEST(binary_row, reads_every_temporal_length) {
  // SELECT CAST(-1.5 AS TIME(1)), CAST('2024-01-01' AS DATETIME), TIME'01:02:03',
  //   CAST('2024-05-06 07:08:09.5' AS DATETIME(1)), TIME'100:00:00', CAST('0000-00-00' AS DATE),
  //   TIME'00:00:00', 1.5e0, CAST(2.5 AS FLOAT)   (prepared, MariaDB 10.11)
  const bytes wire = from_hex(
      "00 0000 0c010000000000000120a10700 04e8070101 0800000000000102030 be807050607080920a10700"
      "080004000000040000 00 00 000000000000f83f 00002040");
  const column_info cols[] = {{ct::time},     {ct::datetime}, {ct::time},    {ct::datetime}, {ct::time},
                              {ct::date},     {ct::time},     {ct::double_}, {ct::float_}};
  std::vector<field_value> v;
  ASSERT_EQ(decode_binary_row(wire, cols, v), errc::ok);
  EXPECT_EQ(std::get<mysql_time>(v[0]), (mysql_time{true, 0, 0, 0, 1, 500000}));      // 12 bytes
  EXPECT_EQ(std::get<mysql_datetime>(v[1]), (mysql_datetime{2024, 1, 1}));            // 4 bytes
  EXPECT_EQ(std::get<mysql_time>(v[2]), (mysql_time{false, 0, 1, 2, 3, 0}));          // 8 bytes
  EXPECT_EQ(std::get<mysql_datetime>(v[3]), (mysql_datetime{2024, 5, 6, 7, 8, 9, 500000}));  // 11
  EXPECT_EQ(std::get<mysql_time>(v[4]), (mysql_time{false, 4, 4, 0, 0, 0}));          // 100 hours
  EXPECT_EQ(std::get<mysql_datetime>(v[5]), mysql_datetime{});                        // 0 bytes
  EXPECT_EQ(std::get<mysql_time>(v[6]), mysql_time{});                                // 0 bytes
  EXPECT_EQ(std::get<double>(v[7]), 1.5);
  EXPECT_EQ(std::get<float>(v[8]), 2.5f);
  bytes again;
  ASSERT_EQ(encode_binary_row(cols, v, again), errc::ok);
  EXPECT_EQ(test::to_hex(again), test::to_hex(wire));
  test::expect_strict(wire, [&](bytes_view b) { return decode_binary_row(b, cols, v); });
}

TEST(binary_row, rejects_malformed_rows) {
  const column_info one_datetime[] = {{ct::datetime}};
  const column_info one_time[] = {{ct::time}};
  const column_info one_long[] = {{ct::long_}};
  struct row {
    const char* what;
    const char* hex;
    std::span<const column_info> cols;
    errc result;
  };
  const row rows[] = {
      {"datetime of 5 bytes", "00 00 05 e807010101", one_datetime, errc::bad_value},
      {"time of 4 bytes", "00 00 04 00000000", one_time, errc::bad_value},
      {"time sign 2", "00 00 08 02 00000000 010203", one_time, errc::bad_value},
      {"offset bit set", "00 01 01000000", one_long, errc::bad_value},
      {"padding bit set", "00 08 01000000", one_long, errc::bad_value},
      {"row header 0x01", "01 00 01000000", one_long, errc::unexpected_message},
      {"null and a value", "00 04 01000000", one_long, errc::trailing_bytes},
  };
  for (const row& r : rows) {
    std::vector<field_value> v;
    EXPECT_EQ(decode_binary_row(from_hex(r.hex), r.cols, v), r.result) << r.what;
  }
  const column_info internal[] = {{ct::time2}};
  std::vector<field_value> v;
  EXPECT_EQ(decode_binary_row(from_hex("00 00 00"), internal, v), errc::bad_value);
}

TEST(binary_row, encodes_the_shortest_temporal_forms) {
  struct row {
    field_value value;
    column_type type;
    const char* hex;  // after the row header and bitmap
  };
  const row rows[] = {
      {mysql_datetime{}, ct::datetime, "00"},
      {mysql_datetime{2024, 1, 2}, ct::date, "04 e807 01 02"},
      {mysql_datetime{2024, 1, 2, 0, 0, 1}, ct::timestamp, "07 e807 01 02 00 00 01"},
      {mysql_datetime{2024, 1, 2, 0, 0, 0, 1}, ct::datetime, "0b e807 01 02 00 00 00 01000000"},
      {mysql_time{}, ct::time, "00"},
      {mysql_time{true}, ct::time, "08 01 00000000 000000"},  // -00:00:00 keeps its sign
      {mysql_time{false, 1}, ct::time, "08 00 01000000 000000"},
      {mysql_time{false, 0, 0, 0, 0, 7}, ct::time, "0c 00 00000000 000000 07000000"},
  };
  for (const row& r : rows) {
    const column_info col[] = {{r.type}};
    const field_value val[] = {r.value};
    bytes out;
    ASSERT_EQ(encode_binary_row(col, val, out), errc::ok);
    EXPECT_EQ(test::to_hex(bytes_view(out).subspan(2)), test::to_hex(from_hex(r.hex))) << r.hex;
  }
}

TEST(binary_row, encoding_checks_kinds_and_ranges) {
  struct row {
    const char* what;
    column_info col;
    field_value value;
    bool ok;
  };
  const row rows[] = {
      {"tiny 127", {ct::tiny}, std::int64_t{127}, true},
      {"tiny 128", {ct::tiny}, std::int64_t{128}, false},
      {"tiny -129", {ct::tiny}, std::int64_t{-129}, false},
      {"utiny 255", {ct::tiny, true}, std::uint64_t{255}, true},
      {"utiny 256", {ct::tiny, true}, std::uint64_t{256}, false},
      {"utiny -1", {ct::tiny, true}, std::int64_t{-1}, false},
      {"short from unsigned 32767", {ct::short_}, std::uint64_t{32767}, true},
      {"short from unsigned 32768", {ct::short_}, std::uint64_t{32768}, false},
      {"int24 uses 4 bytes", {ct::int24}, std::int64_t{-8388608}, true},
      {"longlong min", {ct::longlong}, std::numeric_limits<std::int64_t>::min(), true},
      {"ulonglong max", {ct::longlong, true}, std::numeric_limits<std::uint64_t>::max(), true},
      {"longlong from 2^63", {ct::longlong}, std::uint64_t{1} << 63, false},
      {"float from double", {ct::float_}, 1.5, false},
      {"double from float", {ct::double_}, 1.5f, false},
      {"string from int", {ct::var_string}, std::int64_t{1}, false},
      {"date from time", {ct::date}, mysql_time{}, false},
      {"time from datetime", {ct::time}, mysql_datetime{}, false},
      {"int from string", {ct::long_}, std::string_view("1"), false},
      {"internal type", {ct::datetime2}, mysql_datetime{}, false},
  };
  for (const row& r : rows) {
    const column_info col[] = {r.col};
    const field_value val[] = {r.value};
    bytes out = {0xaa};
    const errc ec = encode_binary_row(col, val, out);
    EXPECT_EQ(ec == errc::ok, r.ok) << r.what;
    if (!r.ok) {
      EXPECT_EQ(out.size(), 1u) << r.what << ": a failed encode must leave the buffer as it was";
      continue;
    }
    std::vector<field_value> back;
    ASSERT_EQ(decode_binary_row(bytes_view(out).subspan(1), col, back), errc::ok) << r.what;
    bytes again = {0xaa};
    ASSERT_EQ(encode_binary_row(col, back, again), errc::ok) << r.what;
    EXPECT_EQ(test::to_hex(again), test::to_hex(out)) << r.what;
  }
  const column_info two[] = {{ct::tiny}, {ct::tiny}};
  const field_value one[] = {std::int64_t{1}};
  bytes out;
  EXPECT_EQ(encode_binary_row(two, one, out), errc::bad_value);
}

TEST(binary_row, floats_keep_their_bits) {
  const column_info cols[] = {{ct::float_}, {ct::double_}};
  const field_value vals[] = {-0.0f, std::numeric_limits<double>::quiet_NaN()};
  bytes out;
  ASSERT_EQ(encode_binary_row(cols, vals, out), errc::ok);
  EXPECT_EQ(test::to_hex(out), "000000000080" "000000000000f87f");
  std::vector<field_value> back;
  ASSERT_EQ(decode_binary_row(out, cols, back), errc::ok);
  EXPECT_TRUE(std::signbit(std::get<float>(back[0])));
  EXPECT_TRUE(std::isnan(std::get<double>(back[1])));
}

}  // namespace
}  // namespace switchyard::protocol
