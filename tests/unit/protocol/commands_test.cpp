#include "protocol/commands.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"

namespace switchyard::protocol {
namespace {

using test::from_hex;

TEST(com_query, decodes_round_trips_and_is_strict) {
  // libmariadb: SELECT * FROM t ORDER BY id
  const bytes wire = from_hex("0353454c454354202a2046524f4d2074204f52444552204259206964");
  com_query q;
  ASSERT_EQ(decode_com_query(wire, false, q), errc::ok);
  EXPECT_EQ(q.query, "SELECT * FROM t ORDER BY id");
  EXPECT_TRUE(q.attributes.values.empty());
  bytes again;
  encode_com_query(q.query, again);
  EXPECT_EQ(again, wire);
  test::expect_strict(wire, [](bytes_view b) { com_query m; return decode_com_query(b, false, m); }, {.open_from = 1});
  EXPECT_EQ(decode_com_query(from_hex("0253454c454354"), false, q), errc::unexpected_message);
  EXPECT_EQ(command_of(wire), command::query);
  EXPECT_EQ(command_of({}), std::nullopt);
}

// MySQL 8 with CLIENT_QUERY_ATTRIBUTES, laid out as its documentation says: parameter count,
// parameter set count, NULL bitmap, bind flag, (type, name) pairs, values, then the query.
const bytes query_with_attributes = from_hex(
    "03 02 01 02 01 fe00 0474726163 0800 026964 03616263 53454c4543542031");

TEST(com_query, decodes_query_attributes) {
  com_query q;
  ASSERT_EQ(decode_com_query(query_with_attributes, true, q), errc::ok);
  EXPECT_EQ(q.query, "SELECT 1");
  EXPECT_EQ(q.parameter_set_count, 1u);
  ASSERT_EQ(q.attributes.values.size(), 2u);
  EXPECT_EQ(q.attributes.names[0], "trac");
  EXPECT_EQ(q.attributes.names[1], "id");
  EXPECT_EQ(std::get<std::string_view>(q.attributes.values[0]), "abc");
  EXPECT_TRUE(is_null(q.attributes.values[1]));  // bit 1 of the bitmap
  EXPECT_EQ(q.attributes.types[1], (param_type{column_type::longlong, 0}));
  test::expect_round_trip<com_query>(
      query_with_attributes, [](bytes_view b, com_query& m) { return decode_com_query(b, true, m); },
      [](const com_query& m, bytes& out) { ASSERT_EQ(encode_com_query(m, true, out), errc::ok); });
  // Everything before the query is strict; the query itself runs to the end of the packet.
  test::expect_strict(query_with_attributes, [](bytes_view b) { com_query m; return decode_com_query(b, true, m); },
                      {.open_from = query_with_attributes.size() - 8});
}

TEST(com_query, attributes_encode_from_scratch) {
  com_query q;
  q.query = "DO 1";
  bytes wire;
  ASSERT_EQ(encode_com_query(q, true, wire), errc::ok);
  EXPECT_EQ(test::to_hex(wire), "03" "00" "01" "444f2031");  // no attributes: counts only
  q.attributes.types = {{column_type::long_, param_flag_unsigned}};
  q.attributes.names = {"n"};
  q.attributes.values = {std::uint64_t{7}};
  wire.clear();
  ASSERT_EQ(encode_com_query(q, true, wire), errc::ok);
  EXPECT_EQ(test::to_hex(wire), test::to_hex(from_hex("03 01 01 00 01 0380 016e 07000000 444f2031")));
  q.attributes.values = {std::string_view("x")};  // a string for an integer type
  wire.clear();
  EXPECT_EQ(encode_com_query(q, true, wire), errc::bad_value);
  EXPECT_TRUE(wire.empty());
}

TEST(com_query, attribute_counts_the_packet_cannot_hold_are_refused) {
  com_query q;
  EXPECT_EQ(decode_com_query(from_hex("03 fd ffffff 01 00"), true, q), errc::truncated);
  // Values with no types: the bind flag must be 1 in COM_QUERY.
  EXPECT_EQ(decode_com_query(from_hex("03 01 01 00 00 0100 53"), true, q), errc::bad_value);
}

TEST(simple_commands, are_exactly_their_command_byte) {
  const command simple[] = {command::ping, command::quit, command::statistics, command::reset_connection,
                            command::debug, command::process_info};
  for (const command c : simple) {
    bytes wire;
    encode_simple_command(c, wire);
    ASSERT_EQ(wire.size(), 1u);
    EXPECT_EQ(decode_simple_command(wire, c), errc::ok);
    test::expect_strict(wire, [c](bytes_view b) { return decode_simple_command(b, c); });
    EXPECT_EQ(decode_simple_command(wire, command::init_db), errc::unexpected_message);
  }
  // As captured from libmariadb: mysql_ping, mysql_stat, mysql_reset_connection, mysql_close.
  EXPECT_EQ(decode_simple_command(from_hex("0e"), command::ping), errc::ok);
  EXPECT_EQ(decode_simple_command(from_hex("09"), command::statistics), errc::ok);
  EXPECT_EQ(decode_simple_command(from_hex("1f"), command::reset_connection), errc::ok);
  EXPECT_EQ(decode_simple_command(from_hex("01"), command::quit), errc::ok);
}

TEST(com_init_db, decodes_round_trips_and_is_strict) {
  const bytes wire = from_hex("0273795f70726f746f5f636170");  // mysql_select_db("sy_proto_cap")
  com_init_db m;
  ASSERT_EQ(decode_com_init_db(wire, m), errc::ok);
  EXPECT_EQ(m.schema, "sy_proto_cap");
  test::expect_round_trip<com_init_db>(wire, decode_com_init_db, encode_com_init_db);
  test::expect_strict(wire, [](bytes_view b) { com_init_db x; return decode_com_init_db(b, x); }, {.open_from = 1});
}

TEST(com_field_list, decodes_round_trips_and_is_strict) {
  struct row {
    const char* hex;
    const char* table;
    const char* wildcard;
  };
  const row rows[] = {{"047400635f25", "t", "c_%"}, {"046400", "d", ""}};  // libmariadb and a raw client
  for (const row& r : rows) {
    const bytes wire = from_hex(r.hex);
    com_field_list m;
    ASSERT_EQ(decode_com_field_list(wire, m), errc::ok);
    EXPECT_EQ(m.table, r.table);
    EXPECT_EQ(m.wildcard, r.wildcard);
    test::expect_round_trip<com_field_list>(wire, decode_com_field_list, encode_com_field_list);
    test::expect_strict(wire, [](bytes_view b) { com_field_list x; return decode_com_field_list(b, x); },
                        {.open_from = 3});
  }
}

TEST(com_set_option, decodes_round_trips_and_is_strict) {
  const bytes wire = from_hex("1b0100");  // mysql_set_server_option(MYSQL_OPTION_MULTI_STATEMENTS_OFF)
  com_set_option m;
  ASSERT_EQ(decode_com_set_option(wire, m), errc::ok);
  EXPECT_EQ(m.option, option_multi_statements_off);
  test::expect_round_trip<com_set_option>(wire, decode_com_set_option, encode_com_set_option);
  test::expect_strict(wire, [](bytes_view b) { com_set_option x; return decode_com_set_option(b, x); });
}

struct change_user_case {
  const char* what;
  const char* hex;
  std::uint32_t caps;
  const char* database;
  bool tail;
  std::size_t attributes;
  std::size_t database_end;  // where the optional tail starts
};

const change_user_case change_user_cases[] = {
    // libmariadb 3.3 (mysql_change_user) to MariaDB 10.11.
    {"libmariadb", "116170700014488c29f1ca9d0c1d0755961522e31b8ad115568073795f70726f746f5f636170002d006d7973716c5f6e61746976655f70617373776f7264006b035f6f73054c696e75780c5f636c69656e745f6e616d650a6c69626d617269616462045f70696404363436300f5f636c69656e745f76657273696f6e06332e332e3230095f706c6174666f726d067838365f36340c5f7365727665725f686f7374093132372e302e302e31",
     0x00bfa28c, "sy_proto_cap", true, 6, 39},
    // MySQL 8 layout without attributes.
    {"plugin, no attributes", "11 7500 02 6869 646200 2100 6d7973716c5f6e61746976655f70617373776f726400",
     capability::protocol_41 | capability::secure_connection | capability::plugin_auth, "db", true, 0, 9},
    // An old client: NUL-terminated auth and nothing after the database.
    {"old client", "11 7500 707700 646200", capability::protocol_41, "db", false, 0, 10},
};

TEST(com_change_user, decodes_round_trips_and_is_strict) {
  for (const change_user_case& c : change_user_cases) {
    SCOPED_TRACE(c.what);
    const bytes wire = from_hex(c.hex);
    com_change_user m;
    ASSERT_EQ(decode_com_change_user(wire, c.caps, m), errc::ok);
    EXPECT_EQ(m.database, c.database);
    EXPECT_EQ(m.has_character_set, c.tail);
    EXPECT_EQ(m.connect_attributes.size(), c.attributes);
    test::expect_round_trip<com_change_user>(
        wire, [&](bytes_view b, com_change_user& x) { return decode_com_change_user(b, c.caps, x); },
        [&](const com_change_user& x, bytes& out) { encode_com_change_user(x, c.caps, out); });
    std::vector<std::size_t> ok_at;
    if (c.tail) ok_at.push_back(c.database_end);
    test::expect_strict(wire, [&](bytes_view b) { com_change_user x; return decode_com_change_user(b, c.caps, x); },
                        {.ok_at = ok_at, .trailing = c.tail});
  }
}

TEST(com_change_user, reads_the_libmariadb_fields) {
  const bytes wire = from_hex(change_user_cases[0].hex);
  com_change_user m;
  ASSERT_EQ(decode_com_change_user(wire, change_user_cases[0].caps, m), errc::ok);
  EXPECT_EQ(m.username, "app");
  EXPECT_EQ(test::to_hex(as_bytes(m.auth_response)), "488c29f1ca9d0c1d0755961522e31b8ad1155680");
  EXPECT_EQ(m.character_set, 45);
  EXPECT_EQ(m.auth_plugin_name, "mysql_native_password");
  EXPECT_EQ(m.connect_attributes[1].first, "_client_name");
  EXPECT_EQ(m.connect_attributes[1].second, "libmariadb");
}

}  // namespace
}  // namespace switchyard::protocol
