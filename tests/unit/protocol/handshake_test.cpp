#include "protocol/handshake.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"
#include "protocol/constants.hpp"

namespace switchyard::protocol {
namespace {

using test::from_hex;

// Captured from MariaDB 10.11.19 (Debian 12) at 127.0.0.1:13306.
const bytes mariadb_greeting = from_hex(
    "0a 352e352e352d31302e31312e31392d4d6172696144422d302b646562313275 3100"
    "06000000 3f4c413e55715949 00 fef7 2d 0200 ff81 15 000000000000 1d000000"
    "43545d546f5129732e287a5300 6d7973716c5f6e61746976655f70617373776f726400");

// MySQL 8.0.32, as dissected byte by byte in K. Kream's "Exploring the MySQL protocol" (2024).
const bytes mysql80_greeting = from_hex(
    "0a 382e302e333200 08000000 1c46194659764 04b 00 ffff ff 0200 ffdf 15 00000000000000000000"
    "3f7134715345 5e5d227a323d00 63616368696e675f736861325f70617373776f726400");

// MySQL 8.0.42 (a public capture; its hex dump stopped inside the plugin name, whose remaining
// bytes the packet length fixes).
const bytes mysql8042_greeting = from_hex(
    "0a 382e302e343200 33000000 5d2e754d7f1e420f 00 ffff ff 0200 ffdf 15 00000000000000000000"
    "566c16157b481844482f4c0500 63616368696e675f736861325f70617373776f726400");

// MySQL 5.5.46 (Ubuntu), from a public tcpdump.
const bytes mysql55_greeting = from_hex(
    "0a352e352e34362d307562756e7475302e31342e30342e32005f0000006c622a466340546500fff70802000f80"
    "15000000000000000000007e6d267028707e4b37735f61006d7973716c5f6e61746976655f70617373776f72"
    "6400");

errc decode_greeting(bytes_view b) {
  handshake_v10 h;
  return decode_handshake_v10(b, h);
}

TEST(handshake_v10, decodes_mariadb_greeting) {
  handshake_v10 h;
  ASSERT_EQ(decode_handshake_v10(mariadb_greeting, h), errc::ok);
  EXPECT_EQ(h.protocol_version, 10);
  EXPECT_EQ(h.server_version, "5.5.5-10.11.19-MariaDB-0+deb12u1");
  EXPECT_EQ(h.connection_id, 6u);
  EXPECT_EQ(h.auth_plugin_data_part1, "?LA>UqYI");
  EXPECT_EQ(h.auth_plugin_data_part2, "CT]ToQ)s.(zS");
  EXPECT_TRUE(h.part2_nul_terminated);
  EXPECT_EQ(h.scramble(), "?LA>UqYICT]ToQ)s.(zS");
  EXPECT_EQ(h.capabilities, 0x81fff7feu);
  EXPECT_EQ(h.capabilities & capability::long_password, 0u);
  EXPECT_EQ(h.character_set, 0x2d);
  EXPECT_EQ(h.status_flags, server_status::autocommit);
  EXPECT_EQ(h.auth_plugin_data_length, 21);
  EXPECT_EQ(h.mariadb_capabilities, 0x1du);
  EXPECT_EQ(h.reserved_prefix.size(), 6u);
  EXPECT_TRUE(h.has_auth_plugin_name);
  EXPECT_EQ(h.auth_plugin_name, "mysql_native_password");
}

TEST(handshake_v10, decodes_mysql80_greeting) {
  handshake_v10 h;
  ASSERT_EQ(decode_handshake_v10(mysql80_greeting, h), errc::ok);
  EXPECT_EQ(h.server_version, "8.0.32");
  EXPECT_EQ(h.connection_id, 8u);
  EXPECT_EQ(h.capabilities, 0xdfffffffu);
  EXPECT_EQ(h.character_set, 0xff);
  EXPECT_EQ(h.mariadb_capabilities, 0u);
  EXPECT_EQ(h.reserved_prefix.size(), 10u);
  EXPECT_EQ(h.scramble().size(), 20u);
  EXPECT_EQ(h.auth_plugin_name, "caching_sha2_password");
}

TEST(handshake_v10, decodes_mysql55_greeting) {
  handshake_v10 h;
  ASSERT_EQ(decode_handshake_v10(mysql55_greeting, h), errc::ok);
  EXPECT_EQ(h.server_version, "5.5.46-0ubuntu0.14.04.2");
  EXPECT_EQ(h.connection_id, 0x5fu);
  EXPECT_EQ(h.capabilities, 0x800ff7ffu);
  EXPECT_EQ(h.scramble(), "lb*Fc@Te~m&p(p~K7s_a");
}

TEST(handshake_v10, real_greetings_round_trip_and_are_strict) {
  for (const bytes* g : {&mariadb_greeting, &mysql80_greeting, &mysql8042_greeting, &mysql55_greeting}) {
    test::expect_round_trip<handshake_v10>(*g, decode_handshake_v10, encode_handshake_v10);
    test::expect_strict(*g, decode_greeting);
  }
}

TEST(handshake_v10, part2_without_nul_round_trips) {
  // 13 scramble bytes with no NUL: the NUL flag must carry that through.
  handshake_v10 h;
  bytes wire = from_hex(
      "0a 382e302e333200 08000000 1c4619465976404b 00 ffff ff 0200 ffdf 15 00000000000000000000"
      "3f71347153455e5d227a323d41 63616368696e675f736861325f70617373776f726400");
  ASSERT_EQ(decode_handshake_v10(wire, h), errc::ok);
  EXPECT_FALSE(h.part2_nul_terminated);
  EXPECT_EQ(h.auth_plugin_data_part2, "?q4qSE^]\"z2=A");
  test::expect_round_trip<handshake_v10>(wire, decode_handshake_v10, encode_handshake_v10);
}

TEST(handshake_v10, nonzero_reserved_bytes_round_trip) {
  bytes wire = mysql80_greeting;
  wire[1 + 7 + 4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 3] = 0x5a;  // inside the 10 reserved bytes
  test::expect_round_trip<handshake_v10>(wire, decode_handshake_v10, encode_handshake_v10);
}

TEST(handshake_v10, encodes_from_scratch) {
  handshake_v10 h;
  h.server_version = "8.0.36-switchyard";
  h.connection_id = 42;
  h.auth_plugin_data_part1 = "abcdefgh";
  h.auth_plugin_data_part2 = "ijklmnopqrst";
  h.capabilities = capability::long_password | capability::protocol_41 |
                   capability::secure_connection | capability::plugin_auth;
  h.character_set = 45;
  h.status_flags = server_status::autocommit;
  h.auth_plugin_data_length = 21;
  h.auth_plugin_name = "mysql_native_password";
  bytes wire;
  encode_handshake_v10(h, wire);
  EXPECT_EQ(test::to_hex(wire),
            test::to_hex(from_hex("0a 382e302e33362d7377697463687961726400 2a000000 6162636465666768 00"
                                  "0182 2d 0200 0800 15 00000000000000000000"
                                  "696a6b6c6d6e6f707172737400 6d7973716c5f6e61746976655f70617373776f726400")));
  handshake_v10 back;
  ASSERT_EQ(decode_handshake_v10(wire, back), errc::ok);
  EXPECT_EQ(back.scramble(), "abcdefghijklmnopqrst");
}

TEST(handshake_v10, rejects_other_versions_and_pre41_servers) {
  bytes v9 = mariadb_greeting;
  v9[0] = 9;
  EXPECT_EQ(decode_greeting(v9), errc::unsupported);
  bytes no41 = mysql80_greeting;
  no41[1 + 7 + 4 + 8 + 1 + 1] &= ~0x02;  // protocol_41 is bit 9: byte 2 of the lower flags
  EXPECT_EQ(decode_greeting(no41), errc::unsupported);
  bytes filler = mysql80_greeting;
  filler[1 + 7 + 4 + 8] = 1;
  EXPECT_EQ(decode_greeting(filler), errc::bad_value);
}

// The mariadb command-line client (Connector/C 3.3.20) logging in as app/app.
const bytes mariadb_cli_response = from_hex(
    "84a2bf00 00000010 21 00000000000000000000000000000000000000 1d000000 61707000"
    "14 13b499f95f79fc4bed736be06b23cb7de994fe66 6d7973716c5f6e61746976655f70617373776f726400"
    "7e 035f6f73054c696e7578 0c5f636c69656e745f6e616d650a6c69626d617269616462"
    "045f70696404353332390f5f636c69656e745f76657273696f6e06332e332e3230"
    "095f706c6174666f726d067838365f3634 0c70726f6772616d5f6e616d65056d7973716c"
    "0c5f7365727665725f686f7374093132372e302e302e31");

// MySQL 8.0.32 client over TLS (same blog as mysql80_greeting).
const bytes mysql80_response = from_hex(
    "08aa0a00 ffffff00 e0 0000000000000000000000000000000000000000000000 726f6f7400"
    "20 382494b77530094f7aa0351eeea13eb2e5fe457f1bb4d9407254d3a993daeb55 7465737400"
    "63616368696e675f736861325f70617373776f726400");

// libmysql 5.6.6 with connect attributes, from a public test fixture.
const bytes mysql56_response = from_hex(
    "85a21e0000000040080000000000000000000000000000000000000000000000726f6f740014225079a212d4e8"
    "82e5b3f41a97756bc8bedb9f806d7973716c5f6e61746976655f70617373776f72640061035f6f730964656269"
    "616e362e300c5f636c69656e745f6e616d65086c69626d7973716c045f7069640532323334340f5f636c6965"
    "6e745f76657273696f6e08352e362e362d6d39095f706c6174666f726d067838365f363403666f6f03626172");

errc decode_response(bytes_view b) {
  handshake_response_41 r;
  return decode_handshake_response_41(b, r);
}

TEST(handshake_response_41, decodes_mariadb_client) {
  handshake_response_41 r;
  ASSERT_EQ(decode_handshake_response_41(mariadb_cli_response, r), errc::ok);
  EXPECT_EQ(r.capabilities, 0x00bfa284u);
  EXPECT_EQ(r.max_packet_size, 0x10000000u);
  EXPECT_EQ(r.character_set, 0x21);
  EXPECT_EQ(r.mariadb_capabilities, 0x1du);
  EXPECT_EQ(r.username, "app");
  EXPECT_EQ(r.auth_response.size(), 20u);
  EXPECT_EQ(r.database, "");
  EXPECT_EQ(r.auth_plugin_name, "mysql_native_password");
  ASSERT_EQ(r.connect_attributes.size(), 7u);
  EXPECT_EQ(r.connect_attributes[0].first, "_os");
  EXPECT_EQ(r.connect_attributes[0].second, "Linux");
  EXPECT_EQ(r.connect_attributes[6].first, "_server_host");
  EXPECT_EQ(r.connect_attributes[6].second, "127.0.0.1");
}

TEST(handshake_response_41, decodes_mysql80_client) {
  handshake_response_41 r;
  ASSERT_EQ(decode_handshake_response_41(mysql80_response, r), errc::ok);
  EXPECT_EQ(r.username, "root");
  EXPECT_EQ(r.auth_response.size(), 32u);
  EXPECT_EQ(r.database, "test");
  EXPECT_EQ(r.auth_plugin_name, "caching_sha2_password");
  EXPECT_TRUE(r.connect_attributes.empty());
}

TEST(handshake_response_41, decodes_mysql56_attributes) {
  handshake_response_41 r;
  ASSERT_EQ(decode_handshake_response_41(mysql56_response, r), errc::ok);
  ASSERT_EQ(r.connect_attributes.size(), 6u);
  EXPECT_EQ(r.connect_attributes[5].first, "foo");
  EXPECT_EQ(r.connect_attributes[5].second, "bar");
}

TEST(handshake_response_41, real_responses_round_trip_and_are_strict) {
  for (const bytes* r : {&mariadb_cli_response, &mysql80_response, &mysql56_response}) {
    test::expect_round_trip<handshake_response_41>(*r, decode_handshake_response_41,
                                                   encode_handshake_response_41);
    test::expect_strict(*r, decode_response);
  }
}

TEST(handshake_response_41, field_encodings_follow_capabilities) {
  struct row {
    const char* name;
    std::uint32_t extra_caps;
    const char* tail_hex;  // after the 32-byte head and "u\0"
  };
  const std::uint32_t base = capability::protocol_41;
  const row rows[] = {
      {"nul-terminated auth", 0, "617500"},
      {"1-byte length auth", capability::secure_connection, "02 6175"},
      {"lenenc auth", capability::plugin_auth_lenenc_client_data, "02 6175"},
      {"database", capability::secure_connection | capability::connect_with_db, "02 6175 646200"},
      {"plugin", capability::secure_connection | capability::plugin_auth, "02 6175 7000"},
      {"attrs", capability::secure_connection | capability::connect_attrs, "02 6175 04 016b0176"},
      {"zstd", capability::secure_connection | capability::zstd_compression_algorithm, "02 6175 03"},
  };
  for (const row& t : rows) {
    handshake_response_41 in;
    in.capabilities = base | t.extra_caps;
    in.username = "u";
    in.auth_response = "au";
    in.database = "db";
    in.auth_plugin_name = "p";
    in.connect_attributes = {{"k", "v"}};
    in.zstd_compression_level = 3;
    bytes wire;
    encode_handshake_response_41(in, wire);
    ASSERT_GE(wire.size(), 34u) << t.name;
    EXPECT_EQ(test::to_hex(bytes_view(wire).subspan(34)), test::to_hex(from_hex(t.tail_hex))) << t.name;
    test::expect_round_trip<handshake_response_41>(wire, decode_handshake_response_41,
                                                   encode_handshake_response_41);
    test::expect_strict(wire, decode_response);
  }
}

TEST(handshake_response_41, rejects_bad_values) {
  bytes filler = mysql80_response;
  filler[10] = 1;
  EXPECT_EQ(decode_response(filler), errc::bad_value);
  bytes no41 = mysql80_response;
  no41[1] &= ~0x02;
  EXPECT_EQ(decode_response(no41), errc::unsupported);
  // An attribute whose length runs past the attribute block (but not the packet).
  // protocol_41 | connect_attrs; user "u"; empty NUL-terminated auth; a 2-byte block whose key
  // claims 5 bytes.
  const bytes attrs = from_hex("00021000 00000000 21 0000000000000000000000000000000000000000000000"
                               "7500 00 02 0541 000000");
  EXPECT_EQ(decode_response(attrs), errc::bad_value);
}

// From the MySQL 8.0.32 capture above.
const bytes mysql80_ssl_request =
    from_hex("08aa0a00 ffffff00 e0 0000000000000000000000000000000000000000000000");

TEST(ssl_request, decodes_and_round_trips) {
  ssl_request s;
  ASSERT_EQ(decode_ssl_request(mysql80_ssl_request, s), errc::ok);
  EXPECT_EQ(s.capabilities, 0x000aaa08u);
  EXPECT_EQ(s.max_packet_size, 0xffffffu);
  EXPECT_EQ(s.character_set, 0xe0);
  EXPECT_EQ(s.mariadb_capabilities, 0u);
  test::expect_round_trip<ssl_request>(mysql80_ssl_request, decode_ssl_request, encode_ssl_request);
  test::expect_strict(mysql80_ssl_request, [](bytes_view b) {
    ssl_request r;
    return decode_ssl_request(b, r);
  });
}

TEST(ssl_request, mariadb_capabilities_live_in_the_filler_tail) {
  ssl_request s;
  s.capabilities = capability::ssl | capability::protocol_41;
  s.mariadb_capabilities = 0x1d;
  bytes wire;
  encode_ssl_request(s, wire);
  ASSERT_EQ(wire.size(), ssl_request_size);
  EXPECT_EQ(wire[28], 0x1d);
  ssl_request back;
  ASSERT_EQ(decode_ssl_request(wire, back), errc::ok);
  EXPECT_EQ(back.mariadb_capabilities, 0x1du);
}

TEST(ssl_request, is_ssl_request_tells_first_packets_apart) {
  EXPECT_TRUE(is_ssl_request(mysql80_ssl_request));
  EXPECT_FALSE(is_ssl_request(mysql80_response));       // same flags, longer
  EXPECT_FALSE(is_ssl_request(mariadb_cli_response));
  bytes no_ssl = mysql80_ssl_request;
  no_ssl[1] &= ~0x08;  // ssl is bit 11
  EXPECT_FALSE(is_ssl_request(no_ssl));
  ssl_request s;
  EXPECT_EQ(decode_ssl_request(no_ssl, s), errc::bad_value);
  EXPECT_FALSE(is_ssl_request(bytes_view(mysql80_ssl_request).first(31)));
}

}  // namespace
}  // namespace switchyard::protocol
