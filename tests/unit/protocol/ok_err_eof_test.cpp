#include "protocol/ok_err_eof.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"
#include "protocol/constants.hpp"

namespace switchyard::protocol {
namespace {

using test::from_hex;

constexpr std::uint32_t tracked = capability::protocol_41 | capability::session_track;
constexpr std::uint32_t untracked = capability::protocol_41;

struct ok_case {
  const char* name;
  const char* hex;  // captured from MariaDB 10.11 unless said otherwise
  std::uint32_t caps;
  std::uint64_t affected_rows, last_insert_id;
  std::uint16_t status;
  const char* info;
  std::size_t entries;
  test::strictness strict;
};

const ok_case ok_cases[] = {
    {"ping", "00000002000000", tracked, 0, 0, 0x0002, "", 0, {.trailing = false}},
    {"insert id", "00016402000000", untracked, 1, 100, 0x0002, "", 0, {.trailing = false}},
    {"insert info", "00030002000000 26 5265636f7264733a203320204475706c6963617465733a203020205761726e696e67733a2030",
     untracked, 3, 0, 0x0002, "Records: 3  Duplicates: 0  Warnings: 0", 0, {.ok_at = {7}}},
    {"update info", "0003002200000028526f7773206d6174636865643a203320204368616e6765643a203320205761726e696e67733a2030",
     untracked, 3, 0, 0x0022, "Rows matched: 3  Changed: 3  Warnings: 0", 0, {.ok_at = {7}}},
    {"load data info, tracked", "000200020000002f5265636f7264733a2032202044656c657465643a20302020536b69707065643a203020205761726e696e67733a2030",
     tracked, 2, 0, 0x0002, "Records: 2  Deleted: 0  Skipped: 0  Warnings: 0", 0, {.ok_at = {7}}},
    {"schema", "00000002400000000f010d0c73795f70726f746f5f636170", tracked, 0, 0, 0x4002, "", 1, {.ok_at = {7}}},
    {"autocommit var", "000000004000000011000f0a6175746f636f6d6d6974034f4646", tracked, 0, 0, 0x4000, "", 1, {.ok_at = {7}}},
    {"state, trx state, trx characteristics", "0000000040000000110201310509085f5f5f5f5f5f5f5f040100", tracked, 0, 0, 0x4000, "", 3, {.ok_at = {7}}},
    {"read-only trx", "00000001600000002a050908545f5f5f5f5f5f5f041d1c5354415254205452414e53414354494f4e2052454144204f4e4c593b",
     tracked, 0, 0, 0x6001, "", 2, {.ok_at = {7}}},
    {"insert in trx", "0001c803400000000b050908545f5f5f575f5f5f", tracked, 1, 200, 0x4003, "", 1, {.ok_at = {7}}},
    {"set names: 3 vars", "00000002c0000000620020186368617261637465725f7365745f636f6e6e656374696f6e066c6174696e31001c146368617261637465725f7365745f636c69656e74066c6174696e31001d156368617261637465725f7365745f726573756c7473066c6174696e31020131",
     tracked, 0, 0, 0xc002, "", 4, {.ok_at = {7}}},
    // Under DEPRECATE_EOF, the OK that ends a result set.
    {"0xFE terminator", "fe000022000000", tracked, 0, 0, 0x0022, "", 0, {.trailing = false}},
    // MySQL's GTID entry (built from the documented layout: type 3, length, encoding 0, gtid set).
    {"gtids (MySQL)", "0000000040000000 2b 03 29 00 27 33453131464134372d373143412d313145312d394533332d4338304141393432393536323a3233",
     tracked, 0, 0, 0x4000, "", 1, {.ok_at = {7}}},
    // An entry type newer than this code: kept whole.
    {"unknown entry type", "0000000040000000 05 09 03 616263", tracked, 0, 0, 0x4000, "", 1, {.ok_at = {7}}},
    // 8-byte lenenc counts.
    {"big counts", "00 fe0000000001000000 fc0001 0200 0100", untracked, 0x100000000ull, 0x100, 0x0002, "", 0, {.trailing = false}},
};

TEST(ok_packet, decodes_round_trips_and_is_strict) {
  for (const ok_case& c : ok_cases) {
    SCOPED_TRACE(c.name);
    const bytes wire = from_hex(c.hex);
    ok_packet ok;
    ASSERT_EQ(decode_ok_packet(wire, c.caps, ok), errc::ok);
    EXPECT_EQ(ok.affected_rows, c.affected_rows);
    EXPECT_EQ(ok.last_insert_id, c.last_insert_id);
    EXPECT_EQ(ok.status_flags, c.status);
    EXPECT_EQ(ok.info, c.info);
    EXPECT_EQ(ok.session_state.size(), c.entries);
    test::expect_round_trip<ok_packet>(
        wire, [&](bytes_view b, ok_packet& m) { return decode_ok_packet(b, c.caps, m); },
        [&](const ok_packet& m, bytes& out) { encode_ok_packet(m, c.caps, out); });
    test::expect_strict(wire, [&](bytes_view b) { ok_packet m; return decode_ok_packet(b, c.caps, m); },
                        c.strict);
  }
}

TEST(ok_packet, decodes_session_state_entries) {
  bytes wire;  // the views in `ok` point into it
  ok_packet ok;
  wire = from_hex(ok_cases[10].hex);
  ASSERT_EQ(decode_ok_packet(wire, tracked, ok), errc::ok);
  ASSERT_EQ(ok.session_state.size(), 4u);
  EXPECT_EQ(ok.session_state[0].type, session_track_type::system_variables);
  EXPECT_EQ(ok.session_state[0].name, "character_set_connection");
  EXPECT_EQ(ok.session_state[0].value, "latin1");
  EXPECT_EQ(ok.session_state[2].name, "character_set_results");
  EXPECT_EQ(ok.session_state[3].type, session_track_type::state_change);
  EXPECT_EQ(ok.session_state[3].value, "1");

  wire = from_hex(ok_cases[8].hex);
  ASSERT_EQ(decode_ok_packet(wire, tracked, ok), errc::ok);
  EXPECT_EQ(ok.session_state[0].type, session_track_type::transaction_state);
  EXPECT_EQ(ok.session_state[0].value, "T_______");
  EXPECT_EQ(ok.session_state[1].type, session_track_type::transaction_characteristics);
  EXPECT_EQ(ok.session_state[1].value, "START TRANSACTION READ ONLY;");

  wire = from_hex(ok_cases[5].hex);
  ASSERT_EQ(decode_ok_packet(wire, tracked, ok), errc::ok);
  EXPECT_EQ(ok.session_state[0].type, session_track_type::schema);
  EXPECT_EQ(ok.session_state[0].value, "sy_proto_cap");

  wire = from_hex(ok_cases[12].hex);
  ASSERT_EQ(decode_ok_packet(wire, tracked, ok), errc::ok);
  EXPECT_EQ(ok.session_state[0].type, session_track_type::gtids);
  EXPECT_EQ(ok.session_state[0].gtid_encoding, 0);
  EXPECT_EQ(ok.session_state[0].value, "3E11FA47-71CA-11E1-9E33-C80AA9429562:23");

  wire = from_hex(ok_cases[13].hex);
  ASSERT_EQ(decode_ok_packet(wire, tracked, ok), errc::ok);
  EXPECT_EQ(static_cast<int>(ok.session_state[0].type), 9);
  EXPECT_EQ(ok.session_state[0].value, "abc");
}

TEST(ok_packet, session_state_is_only_read_when_tracked) {
  // The same bytes without session_track: the state block is trailing garbage.
  ok_packet ok;
  EXPECT_EQ(decode_ok_packet(from_hex(ok_cases[5].hex), untracked, ok), errc::trailing_bytes);
}

TEST(ok_packet, rejects_inconsistent_entries) {
  const char* bad[] = {
      "0000000040000000 05 01 03 05 6162",      // schema name longer than its entry
      "0000000040000000 04 00 02 0161",         // variable without a value
      "0000000040000000 05 01 03 016100",       // an entry with a byte left over
      "0000000040000000 03 01 05 05",           // entry longer than the block
  };
  for (const char* hex : bad) {
    ok_packet ok;
    EXPECT_EQ(decode_ok_packet(from_hex(hex), tracked, ok), errc::bad_value) << hex;
  }
  ok_packet ok;
  EXPECT_EQ(decode_ok_packet(from_hex("ff0000020000"), tracked, ok), errc::unexpected_message);
}

TEST(ok_packet, encodes_from_scratch) {
  ok_packet ok;
  ok.affected_rows = 1;
  ok.status_flags = server_status::autocommit | server_status::session_state_changed;
  ok.session_state = {{session_track_type::system_variables, "autocommit", "ON", 0},
                      {session_track_type::schema, "", "db", 0}};
  bytes wire;
  encode_ok_packet(ok, tracked, wire);
  EXPECT_EQ(test::to_hex(wire),
            test::to_hex(from_hex("00 01 00 0240 0000 00 15 00 0e 0a6175746f636f6d6d6974 024f4e 01 03 026462")));
  wire.clear();
  encode_ok_packet(ok, untracked, wire);  // the client cannot read session state: none is sent
  EXPECT_EQ(test::to_hex(wire), "00010002400000");
}

struct err_case {
  const char* name;
  const char* hex;
  std::uint16_t code;
  const char* state;  // nullptr: no marker
  const char* message;
  test::strictness strict;
};

const err_case err_cases[] = {
    {"no such table", "ff7a042334325330325461626c65202773795f70726f746f5f6361702e6e6f5f737563685f7461626c652720646f65736e2774206578697374",
     1146, "42S02", "Table 'sy_proto_cap.no_such_table' doesn't exist", {.open_from = 9, .ok_at = {3}}},
    {"signal", "ff6c06233435303030626f6f6d", 1644, "45000", "boom", {.open_from = 9, .ok_at = {3}}},
    // Before the handshake there is no SQL state (MySQL's "Too many connections").
    {"no marker", "ff1004546f6f206d616e7920636f6e6e656374696f6e73", 1040, nullptr, "Too many connections",
     {.open_from = 3}},
};

TEST(err_packet, decodes_round_trips_and_is_strict) {
  for (const err_case& c : err_cases) {
    SCOPED_TRACE(c.name);
    const bytes wire = from_hex(c.hex);
    err_packet e;
    ASSERT_EQ(decode_err_packet(wire, e), errc::ok);
    EXPECT_EQ(e.error_code, c.code);
    EXPECT_EQ(e.has_sql_state, c.state != nullptr);
    EXPECT_EQ(e.sql_state, c.state ? c.state : "");
    EXPECT_EQ(e.message, c.message);
    test::expect_round_trip<err_packet>(wire, decode_err_packet, encode_err_packet);
    test::expect_strict(wire, [](bytes_view b) { err_packet m; return decode_err_packet(b, m); }, c.strict);
  }
}

TEST(err_packet, refuses_progress_reports_and_other_headers) {
  err_packet e;
  EXPECT_EQ(decode_err_packet(from_hex("ffffff0102020000000f456e642062756c6b20696e73657274"), e),
            errc::unexpected_message);
  EXPECT_EQ(decode_err_packet(from_hex("00000002000000"), e), errc::unexpected_message);
}

TEST(eof_packet, decodes_round_trips_and_is_strict) {
  const char* fixtures[] = {"fe00000200", "fe00002200", "fe00000a00", "fe00004200", "fe00008200", "fe00000120"};
  for (const char* hex : fixtures) {
    const bytes wire = from_hex(hex);
    test::expect_round_trip<eof_packet>(wire, decode_eof_packet, encode_eof_packet);
    test::expect_strict(wire, [](bytes_view b) { eof_packet m; return decode_eof_packet(b, m); });
  }
  eof_packet eof;
  ASSERT_EQ(decode_eof_packet(from_hex("fe01004200"), eof), errc::ok);
  EXPECT_EQ(eof.warnings, 1);
  EXPECT_EQ(eof.status_flags, server_status::cursor_exists | server_status::autocommit);
  EXPECT_EQ(decode_eof_packet(from_hex("0000000200"), eof), errc::unexpected_message);
}

TEST(result_terminator, tells_terminators_from_rows) {
  struct row {
    const char* what;
    bytes payload;
    bool deprecate_eof;
    bool terminator;
  };
  bytes big_row(9, 0);
  big_row[0] = 0xfe;  // a row whose first value claims an 8-byte length
  bytes huge_ok(0xfffffe, 0);
  huge_ok[0] = 0xfe;
  bytes huge_row(0xffffff, 0);
  huge_row[0] = 0xfe;
  const row rows[] = {
      {"classic EOF", from_hex("fe00000200"), false, true},
      {"classic EOF, 8 bytes", from_hex("fe000002000000ff"), false, true},
      {"row starting 0xFE", big_row, false, false},
      {"OK terminator", from_hex("fe000022000000"), true, true},
      {"OK terminator with long info", huge_ok, true, true},
      {"a row that fills a packet", huge_row, true, false},
      {"a row starting 0x00", from_hex("0000"), true, false},
      {"empty", {}, true, false},
      {"text row '1'", from_hex("0131"), false, false},
  };
  for (const row& r : rows) {
    EXPECT_EQ(is_result_terminator(r.payload, r.deprecate_eof), r.terminator) << r.what;
  }
}

TEST(mariadb_progress_report, decodes_round_trips_and_is_strict) {
  // Sent during LOAD DATA LOCAL INFILE to a client with MARIADB_CLIENT_PROGRESS.
  const bytes wire = from_hex("ffffff 01 02 02 000000 0f 456e642062756c6b20696e73657274");
  ASSERT_TRUE(is_mariadb_progress_report(wire));
  mariadb_progress_report p;
  ASSERT_EQ(decode_mariadb_progress_report(wire, p), errc::ok);
  EXPECT_EQ(p.number, 1);
  EXPECT_EQ(p.stage, 2);
  EXPECT_EQ(p.max_stage, 2);
  EXPECT_EQ(p.progress, 0u);
  EXPECT_EQ(p.info, "End bulk insert");
  test::expect_round_trip<mariadb_progress_report>(wire, decode_mariadb_progress_report,
                                                   encode_mariadb_progress_report);
  test::expect_strict(wire, [](bytes_view b) {
    mariadb_progress_report m;
    return decode_mariadb_progress_report(b, m);
  });
  EXPECT_FALSE(is_mariadb_progress_report(from_hex(err_cases[0].hex)));
  EXPECT_EQ(decode_mariadb_progress_report(from_hex(err_cases[0].hex), p), errc::unexpected_message);
}

}  // namespace
}  // namespace switchyard::protocol
