#include "protocol/column_definition.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"

namespace switchyard::protocol {
namespace {

using test::from_hex;

struct column_case {
  const char* what;
  const char* hex;
  column_definition_options options;
  const char* name;
  column_type type;
  std::uint16_t flags;
  std::uint16_t charset;
  std::uint32_t length;
  std::uint8_t decimals;
};

// MariaDB 10.11 captures, except the MySQL 8.0.32 one.
const column_case column_cases[] = {
    {"int primary key", "036465660c73795f70726f746f5f636170017401740269640269640c3f000b000000030342000000", {},
     "id", column_type::long_, 0x4203, 63, 11, 0},
    {"datetime(6)", "036465660c73795f70726f746f5f636170017401740a635f6461746574696d650a635f6461746574696d650c3f001a0000000c8000060000",
     {}, "c_datetime", column_type::datetime, 0x0080, 63, 26, 6},
    {"double", "036465660c73795f70726f746f5f6361700174017408635f646f75626c6508635f646f75626c650c3f00160000000500001f0000",
     {}, "c_double", column_type::double_, 0, 63, 22, 0x1f},
    {"prepared parameter", "03646566000000013f000c3f0000000000068000000000", {}, "?", column_type::null, 0x0080, 63, 0, 0},
    {"expression", "0364656600000010524550454154282761272c2033303029000c2d00b0040000fd0000270000", {},
     "REPEAT('a', 300)", column_type::var_string, 0, 45, 1200, 0x27},
    {"mysql 8.0.32 (blog)", "03646566056d7973716c0475736572047573657204757365720455736572 0c e000 80000000 fe 8340 00 0000",
     {}, "user", column_type::string, 0x4083, 224, 128, 0},
    {"extended metadata: none", "036465660c73795f70726f746f5f63617001740174026964026964000c3f000b000000030342000000",
     {.mariadb_extended_metadata = true}, "id", column_type::long_, 0x4203, 63, 11, 0},
    {"extended metadata: json", "036465660c73795f70726f746f5f6361700174017406635f6a736f6e06635f6a736f6e0601046a736f6e0c2d00fffffffffc9000000000",
     {.mariadb_extended_metadata = true}, "c_json", column_type::blob, 0x0090, 45, 0xffffffff, 0},
    {"extended metadata: point", "036465660c73795f70726f746f5f6361700174017406635f67656f6d06635f67656f6d070005706f696e740c3f00ffffffffff9000000000",
     {.mariadb_extended_metadata = true}, "c_geom", column_type::geometry, 0x0090, 63, 0xffffffff, 0},
    {"field list: default 5", "036465660c73795f70726f746f5f63617001640164016101610c3f000b0000000301000000000135",
     {.field_list = true}, "a", column_type::long_, 0x0001, 63, 11, 0},
    {"field list: default NULL", "036465660c73795f70726f746f5f63617001640164016301630c3f00130000000c8000000000fb",
     {.field_list = true}, "c", column_type::datetime, 0x0080, 63, 19, 0},
    {"field list, extended", "036465660c73795f70726f746f5f6361700174017406635f74696e7906635f74696e79000c3f0004000000010000000000fb",
     {.field_list = true, .mariadb_extended_metadata = true}, "c_tiny", column_type::tiny, 0, 63, 4, 0},
};

TEST(column_definition_41, decodes_round_trips_and_is_strict) {
  for (const column_case& c : column_cases) {
    SCOPED_TRACE(c.what);
    const bytes wire = from_hex(c.hex);
    column_definition_41 col;
    ASSERT_EQ(decode_column_definition_41(wire, c.options, col), errc::ok);
    EXPECT_EQ(col.catalog, "def");
    EXPECT_EQ(col.name, c.name);
    EXPECT_EQ(col.type, c.type);
    EXPECT_EQ(col.flags, c.flags);
    EXPECT_EQ(col.character_set, c.charset);
    EXPECT_EQ(col.column_length, c.length);
    EXPECT_EQ(col.decimals, c.decimals);
    auto decode = [&](bytes_view b, column_definition_41& m) { return decode_column_definition_41(b, c.options, m); };
    auto encode = [&](const column_definition_41& m, bytes& out) { encode_column_definition_41(m, c.options, out); };
    test::expect_round_trip<column_definition_41>(wire, decode, encode);
    test::expect_strict(wire, [&](bytes_view b) { column_definition_41 m; return decode(b, m); });
  }
}

TEST(column_definition_41, reads_names_and_defaults) {
  bytes wire = from_hex(column_cases[5].hex);
  column_definition_41 col;
  ASSERT_EQ(decode_column_definition_41(wire, {}, col), errc::ok);
  EXPECT_EQ(col.schema, "mysql");
  EXPECT_EQ(col.table, "user");
  EXPECT_EQ(col.org_table, "user");
  EXPECT_EQ(col.org_name, "User");
  EXPECT_FALSE(col.default_value.has_value());

  wire = from_hex(column_cases[9].hex);
  ASSERT_EQ(decode_column_definition_41(wire, {.field_list = true}, col), errc::ok);
  ASSERT_TRUE(col.default_value.has_value());
  EXPECT_EQ(*col.default_value, "5");
  wire = from_hex(column_cases[10].hex);
  ASSERT_EQ(decode_column_definition_41(wire, {.field_list = true}, col), errc::ok);
  EXPECT_FALSE(col.default_value.has_value());
}

TEST(column_definition_41, options_must_match_the_session) {
  column_definition_41 col;
  // Extended metadata read as if absent: its length byte is taken for the 0x0C marker.
  EXPECT_EQ(decode_column_definition_41(from_hex(column_cases[7].hex), {}, col), errc::bad_value);
  // A field-list default with field_list off: trailing.
  EXPECT_EQ(decode_column_definition_41(from_hex(column_cases[9].hex), {}, col), errc::trailing_bytes);
  // The fixed-length marker must be 0x0C.
  bytes wire = from_hex(column_cases[0].hex);
  wire[wire.size() - 13] = 0x0b;
  EXPECT_EQ(decode_column_definition_41(wire, {}, col), errc::bad_value);
}

TEST(column_definition_41, parses_mariadb_type_info) {
  struct row {
    const char* hex;
    const char* type_name;
    const char* format;
    errc result;
  };
  const row rows[] = {
      {"", "", "", errc::ok},
      {"01046a736f6e", "", "json", errc::ok},
      {"0005706f696e74", "point", "", errc::ok},
      {"0005706f696e74 01046a736f6e 0900", "point", "json", errc::ok},  // key 9: a newer server's
      {"0005706f69", "", "", errc::truncated},
  };
  for (const row& r : rows) {
    const bytes raw = from_hex(r.hex);
    mariadb_type_info info;
    EXPECT_EQ(parse_mariadb_type_info(as_chars(raw), info), r.result) << r.hex;
    if (r.result != errc::ok) continue;
    EXPECT_EQ(info.data_type_name, r.type_name) << r.hex;
    EXPECT_EQ(info.format_name, r.format) << r.hex;
  }
}

TEST(column_count, decodes_round_trips_and_is_strict) {
  struct row {
    const char* hex;
    bool metadata_byte;
    std::uint64_t count;
    std::uint8_t follows;
  };
  const row rows[] = {
      {"1b", false, 27, 1},
      {"1b01", true, 27, 1},  // MariaDB, cache metadata: definitions follow
      {"1b00", true, 27, 0},  // ... and here they do not (COM_STMT_EXECUTE after a prepare)
      {"fcfb00", false, 251, 1},
      {"fd000001", false, 0x10000, 1},
  };
  for (const row& r : rows) {
    const bytes wire = from_hex(r.hex);
    column_count_packet c;
    ASSERT_EQ(decode_column_count(wire, r.metadata_byte, c), errc::ok) << r.hex;
    EXPECT_EQ(c.count, r.count);
    EXPECT_EQ(c.metadata_follows, r.follows);
    auto decode = [&](bytes_view b, column_count_packet& m) { return decode_column_count(b, r.metadata_byte, m); };
    test::expect_round_trip<column_count_packet>(wire, decode, encode_column_count);
    test::expect_strict(wire, [&](bytes_view b) { column_count_packet m; return decode(b, m); });
  }
  column_count_packet c;
  EXPECT_EQ(decode_column_count(from_hex("00"), false, c), errc::bad_value);
  EXPECT_EQ(decode_column_count(from_hex("fb"), false, c), errc::bad_value);
  EXPECT_EQ(decode_column_count(from_hex("ff"), false, c), errc::bad_value);
}

}  // namespace
}  // namespace switchyard::protocol
