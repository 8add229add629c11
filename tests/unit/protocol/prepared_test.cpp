#include "protocol/prepared.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"

namespace switchyard::protocol {
namespace {

using test::from_hex;
using ct = column_type;

TEST(com_stmt_prepare, decodes_round_trips_and_is_strict) {
  const bytes wire = from_hex("1653454c454354202a2046524f4d2074205748455245206964203e203f204f52444552204259206964");
  com_stmt_prepare m;
  ASSERT_EQ(decode_com_stmt_prepare(wire, m), errc::ok);
  EXPECT_EQ(m.query, "SELECT * FROM t WHERE id > ? ORDER BY id");
  test::expect_round_trip<com_stmt_prepare>(wire, decode_com_stmt_prepare, encode_com_stmt_prepare);
  test::expect_strict(wire, [](bytes_view b) { com_stmt_prepare x; return decode_com_stmt_prepare(b, x); },
                      {.open_from = 1});
  EXPECT_EQ(decode_com_stmt_prepare(from_hex("0353"), m), errc::unexpected_message);
}

TEST(com_stmt_prepare_ok, decodes_round_trips_and_is_strict) {
  struct row {
    const char* hex;
    bool optional_metadata;
    std::uint32_t id;
    std::uint16_t columns, params, warnings;
    test::strictness strict;
  };
  const row rows[] = {
      {"00010000001b000100000000", false, 1, 27, 1, 0, {}},   // SELECT * ... WHERE id > ?
      {"000300000000000c00000000", false, 3, 0, 12, 0, {}},   // INSERT with 12 parameters
      {"000e00000003000300000000", false, 14, 3, 3, 0, {}},   // SELECT ?, ?, ?
      {"00010000000100000000010000", true, 1, 1, 0, 1, {.ok_at = {12}}},  // MySQL: metadata_follows 0
  };
  for (const row& r : rows) {
    const bytes wire = from_hex(r.hex);
    com_stmt_prepare_ok ok;
    ASSERT_EQ(decode_com_stmt_prepare_ok(wire, r.optional_metadata, ok), errc::ok) << r.hex;
    EXPECT_EQ(ok.statement_id, r.id);
    EXPECT_EQ(ok.num_columns, r.columns);
    EXPECT_EQ(ok.num_params, r.params);
    EXPECT_EQ(ok.warning_count, r.warnings);
    auto decode = [&](bytes_view b, com_stmt_prepare_ok& m) { return decode_com_stmt_prepare_ok(b, r.optional_metadata, m); };
    test::expect_round_trip<com_stmt_prepare_ok>(wire, decode, encode_com_stmt_prepare_ok);
    test::expect_strict(wire, [&](bytes_view b) { com_stmt_prepare_ok m; return decode(b, m); }, r.strict);
  }
  com_stmt_prepare_ok ok;
  ASSERT_EQ(decode_com_stmt_prepare_ok(from_hex(rows[3].hex), true, ok), errc::ok);
  EXPECT_TRUE(ok.has_metadata_follows);
  EXPECT_EQ(ok.metadata_follows, 0);
  EXPECT_EQ(decode_com_stmt_prepare_ok(from_hex("ff0100"), false, ok), errc::unexpected_message);
}

// libmariadb 3.3 executing INSERT INTO t (c_tiny, c_ushort, c_longlong, c_ulonglong, c_double,
// c_float, c_datetime, c_time, c_date, c_varchar, c_blob, c_decimal) VALUES (?, ..., ?), c_blob NULL.
const bytes insert_execute = from_hex(
    "170300000000010000000004010100028008000880050004000c000b000a00fe00fc00f600fbe8fd35fb048ee0feffffffff"
    "ffffffffffff0000000000000a40000000bf0be807021d0d0e0f40e201000c0102000000173b3a0a00000004e7070c1f0668"
    "c3a96c6c6f072d31322e353030");

TEST(com_stmt_execute, decodes_every_bound_type) {
  com_stmt_execute e;
  ASSERT_EQ(decode_com_stmt_execute(insert_execute, {.param_count = 12}, e), errc::ok);
  EXPECT_EQ(e.statement_id, 3u);
  EXPECT_EQ(e.flags, cursor_type::no_cursor);
  EXPECT_EQ(e.iteration_count, 1u);
  const param_block& p = e.params;
  EXPECT_TRUE(p.new_params_bound);
  ASSERT_EQ(p.values.size(), 12u);
  EXPECT_EQ(p.types[1], (param_type{ct::short_, param_flag_unsigned}));
  EXPECT_EQ(std::get<std::int64_t>(p.values[0]), -5);
  EXPECT_EQ(std::get<std::uint64_t>(p.values[1]), 65000u);
  EXPECT_EQ(std::get<std::int64_t>(p.values[2]), -1234567890123);
  EXPECT_EQ(std::get<std::uint64_t>(p.values[3]), 18446744073709551615u);
  EXPECT_EQ(std::get<double>(p.values[4]), 3.25);
  EXPECT_EQ(std::get<float>(p.values[5]), -0.5f);
  EXPECT_EQ(std::get<mysql_datetime>(p.values[6]), (mysql_datetime{2024, 2, 29, 13, 14, 15, 123456}));
  EXPECT_EQ(std::get<mysql_time>(p.values[7]), (mysql_time{true, 2, 23, 59, 58, 10}));
  EXPECT_EQ(std::get<mysql_datetime>(p.values[8]), (mysql_datetime{2023, 12, 31}));
  EXPECT_EQ(std::get<std::string_view>(p.values[9]), "h\xc3\xa9llo");
  EXPECT_TRUE(is_null(p.values[10]));
  EXPECT_EQ(std::get<std::string_view>(p.values[11]), "-12.500");
}

struct execute_case {
  const char* what;
  bytes wire;
  stmt_execute_context ctx;
  std::size_t values;
};

const param_type one_long[] = {{ct::long_, 0}};

const execute_case execute_cases[] = {
    {"12 parameters", insert_execute, {.param_count = 12}, 12},
    // libmariadb: first execute binds an INT parameter, the second reuses the binding.
    {"bound", from_hex("170100000000010000000001030000000000"), {.param_count = 1}, 1},
    {"not re-bound", from_hex("17010000000001000000000002000000"), {.param_count = 1, .bound_types = one_long}, 1},
    // A read-only cursor on a statement without parameters.
    {"cursor", from_hex("17020000000101000000"), {}, 0},
    // Three parameters: unsigned LONGLONG, NULL, VAR_STRING (a raw client, accepted by MariaDB).
    {"null type", from_hex("170e0000000001000000020108800600fd00ffffffffffffffff026869"), {.param_count = 3}, 3},
    // MySQL query attributes: a count, then (type, name) pairs.
    {"query attributes", from_hex("17 05000000 08 01000000 01 00 01 0300 0161 2a000000"),
     {.param_count = 0, .query_attributes = true}, 1},
    {"query attributes, prepared parameter", from_hex("17 05000000 00 01000000 01 00 01 0300 00 2a000000"),
     {.param_count = 1, .query_attributes = true}, 1},
};

TEST(com_stmt_execute, decodes_round_trips_and_is_strict) {
  for (const execute_case& c : execute_cases) {
    SCOPED_TRACE(c.what);
    com_stmt_execute e;
    ASSERT_EQ(decode_com_stmt_execute(c.wire, c.ctx, e), errc::ok);
    EXPECT_EQ(e.params.values.size(), c.values);
    test::expect_round_trip<com_stmt_execute>(
        c.wire, [&](bytes_view b, com_stmt_execute& m) { return decode_com_stmt_execute(b, c.ctx, m); },
        [&](const com_stmt_execute& m, bytes& out) { ASSERT_EQ(encode_com_stmt_execute(m, c.ctx, out), errc::ok); });
    test::expect_strict(c.wire, [&](bytes_view b) { com_stmt_execute m; return decode_com_stmt_execute(b, c.ctx, m); });
  }
}

TEST(com_stmt_execute, reuses_earlier_types_and_reads_query_attribute_names) {
  com_stmt_execute e;
  ASSERT_EQ(decode_com_stmt_execute(execute_cases[2].wire, execute_cases[2].ctx, e), errc::ok);
  EXPECT_FALSE(e.params.new_params_bound);
  EXPECT_EQ(e.params.types[0], one_long[0]);
  EXPECT_EQ(std::get<std::int64_t>(e.params.values[0]), 2);
  // Without the earlier binding there is no way to read the value.
  EXPECT_EQ(decode_com_stmt_execute(execute_cases[2].wire, {.param_count = 1}, e), errc::bad_value);

  ASSERT_EQ(decode_com_stmt_execute(execute_cases[5].wire, execute_cases[5].ctx, e), errc::ok);
  EXPECT_EQ(e.flags, cursor_type::parameter_count_available);
  EXPECT_EQ(e.params.names[0], "a");
  EXPECT_EQ(std::get<std::int64_t>(e.params.values[0]), 42);
  // The same bytes without query attributes: the count byte is taken for the NULL bitmap.
  EXPECT_NE(decode_com_stmt_execute(execute_cases[5].wire, {.param_count = 1}, e), errc::ok);
}

TEST(com_stmt_execute, long_data_parameters_carry_no_value) {
  // After COM_STMT_SEND_LONG_DATA for parameter 10, libmariadb sends the same bytes again (it
  // sets the NULL bit of a long-data parameter; libmysql leaves it clear). Either way, no value.
  const std::uint8_t long_data[] = {0x00, 0x04};
  const stmt_execute_context ctx{.param_count = 12, .long_data_bitmap = long_data};
  com_stmt_execute e;
  ASSERT_EQ(decode_com_stmt_execute(insert_execute, ctx, e), errc::ok);
  EXPECT_TRUE(is_null(e.params.values[10]));
  EXPECT_EQ(std::get<std::string_view>(e.params.values[11]), "-12.500");
  bytes again;
  ASSERT_EQ(encode_com_stmt_execute(e, ctx, again), errc::ok);
  EXPECT_EQ(again, insert_execute);

  // libmysql's form of the same thing: bit clear, still no value.
  const bytes clear_bit = from_hex("17 01000000 00 01000000 00 01 fc00 0300 2a000000");
  const std::uint8_t first[] = {0x01};
  const stmt_execute_context ctx2{.param_count = 2, .long_data_bitmap = first};
  ASSERT_EQ(decode_com_stmt_execute(clear_bit, ctx2, e), errc::ok);
  EXPECT_TRUE(is_null(e.params.values[0]));
  EXPECT_EQ(std::get<std::int64_t>(e.params.values[1]), 42);
  again.clear();
  ASSERT_EQ(encode_com_stmt_execute(e, ctx2, again), errc::ok);
  EXPECT_EQ(again, clear_bit);
}

TEST(com_stmt_execute, encodes_from_scratch_and_checks_values) {
  com_stmt_execute e;
  e.statement_id = 9;
  e.params.types = {{ct::var_string, 0}, {ct::tiny, param_flag_unsigned}};
  e.params.values = {std::string_view("ab"), std::monostate{}};
  bytes wire;
  ASSERT_EQ(encode_com_stmt_execute(e, {.param_count = 2}, wire), errc::ok);
  EXPECT_EQ(test::to_hex(wire), test::to_hex(from_hex("17 09000000 00 01000000 02 01 fd00 0180 026162")));
  wire.clear();
  EXPECT_EQ(encode_com_stmt_execute(e, {.param_count = 3}, wire), errc::bad_value);  // count mismatch
  e.params.values[0] = std::int64_t{1};
  EXPECT_EQ(encode_com_stmt_execute(e, {.param_count = 2}, wire), errc::bad_value);  // int for a string
  EXPECT_TRUE(wire.empty());
}

TEST(com_stmt_execute, rejects_malformed_packets) {
  com_stmt_execute e;
  EXPECT_EQ(decode_com_stmt_execute(from_hex("17 01000000 00 01000000 00 02 0300 01000000"), {.param_count = 1}, e),
            errc::bad_value);  // bind flag 2
  EXPECT_EQ(decode_com_stmt_execute(from_hex("17 01000000 08 01000000 fe ffffffffffffff7f"),
                                    {.query_attributes = true}, e),
            errc::truncated);  // a parameter count no packet could hold
  EXPECT_EQ(decode_com_stmt_execute(from_hex("16 01000000 00 01000000"), {}, e), errc::unexpected_message);
}

TEST(com_stmt_fetch, decodes_round_trips_and_is_strict) {
  const bytes wire = from_hex("1c0200000002000000");  // libmariadb, prefetch 2 rows of statement 2
  com_stmt_fetch f;
  ASSERT_EQ(decode_com_stmt_fetch(wire, f), errc::ok);
  EXPECT_EQ(f.statement_id, 2u);
  EXPECT_EQ(f.num_rows, 2u);
  test::expect_round_trip<com_stmt_fetch>(wire, decode_com_stmt_fetch, encode_com_stmt_fetch);
  test::expect_strict(wire, [](bytes_view b) { com_stmt_fetch x; return decode_com_stmt_fetch(b, x); });
}

TEST(com_stmt_close_and_reset, decode_round_trip_and_are_strict) {
  const bytes close = from_hex("1901000000");
  const bytes reset = from_hex("1a01000000");
  std::uint32_t id = 0;
  ASSERT_EQ(decode_com_stmt_close(close, id), errc::ok);
  EXPECT_EQ(id, 1u);
  ASSERT_EQ(decode_com_stmt_reset(reset, id), errc::ok);
  EXPECT_EQ(id, 1u);
  EXPECT_EQ(decode_com_stmt_close(reset, id), errc::unexpected_message);
  bytes out;
  encode_com_stmt_close(1, out);
  EXPECT_EQ(out, close);
  out.clear();
  encode_com_stmt_reset(1, out);
  EXPECT_EQ(out, reset);
  test::expect_strict(close, [](bytes_view b) { std::uint32_t x; return decode_com_stmt_close(b, x); });
  test::expect_strict(reset, [](bytes_view b) { std::uint32_t x; return decode_com_stmt_reset(b, x); });
}

TEST(com_stmt_send_long_data, decodes_round_trips_and_is_strict) {
  const bytes wire = from_hex("18030000000a006c6f6e672064617461206368756e6b");  // libmariadb
  com_stmt_send_long_data m;
  ASSERT_EQ(decode_com_stmt_send_long_data(wire, m), errc::ok);
  EXPECT_EQ(m.statement_id, 3u);
  EXPECT_EQ(m.param_id, 10);
  EXPECT_EQ(m.data, "long data chunk");
  test::expect_round_trip<com_stmt_send_long_data>(wire, decode_com_stmt_send_long_data,
                                                   encode_com_stmt_send_long_data);
  test::expect_strict(wire, [](bytes_view b) { com_stmt_send_long_data x; return decode_com_stmt_send_long_data(b, x); },
                      {.open_from = 7});
}

}  // namespace
}  // namespace switchyard::protocol
