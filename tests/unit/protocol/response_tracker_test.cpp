#include "protocol/response_tracker.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "protocol/framing.hpp"

namespace switchyard::protocol {
namespace {

using status = tracker_status;
constexpr std::uint32_t classic = capability::protocol_41;
constexpr std::uint32_t modern = capability::protocol_41 | capability::deprecate_eof;

// Builds a server response as the wire carries it: packets numbered from 1.
struct wire {
  bytes data;
  std::uint8_t seq = 1;
  wire& packet(std::vector<std::uint8_t> payload) {
    append_message(data, payload, seq);
    return *this;
  }
  wire& ok(std::uint16_t flags = server_status::autocommit, std::uint8_t header = 0x00) {
    return packet({header, 0x00, 0x00, static_cast<std::uint8_t>(flags), static_cast<std::uint8_t>(flags >> 8), 0, 0});
  }
  wire& eof(std::uint16_t flags = server_status::autocommit) {
    return packet({0xfe, 0, 0, static_cast<std::uint8_t>(flags), static_cast<std::uint8_t>(flags >> 8)});
  }
  wire& err() { return packet({0xff, 0x48, 0x04, '#', '4', '2', '0', '0', '0', 'n', 'o'}); }
  wire& column_count(std::uint8_t n) { return packet({n}); }
  wire& column_def() { return packet({3, 'd', 'e', 'f', 0, 0, 0, 1, 'a', 1, 'a', 0x0c, 0x3f, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0}); }
  wire& text_row(std::string value) {
    std::vector<std::uint8_t> p{static_cast<std::uint8_t>(value.size())};
    p.insert(p.end(), value.begin(), value.end());
    return packet(p);
  }
  wire& terminator(bool deprecate_eof, std::uint16_t flags = server_status::autocommit) {
    return deprecate_eof ? ok(flags, 0xfe) : eof(flags);
  }
  wire& result_set(bool deprecate_eof, int columns, int rows, std::uint16_t end_flags = server_status::autocommit) {
    column_count(static_cast<std::uint8_t>(columns));
    for (int i = 0; i < columns; ++i) column_def();
    if (!deprecate_eof) eof();
    for (int i = 0; i < rows; ++i) text_row("v" + std::to_string(i));
    return terminator(deprecate_eof, end_flags);
  }
};

// Feeds `data` in chunks of `chunk` bytes (0 = all at once); returns the final result and the
// total consumed.
feed_result feed_in_chunks(response_tracker& t, bytes_view data, std::size_t chunk) {
  std::size_t pos = 0;
  feed_result last;
  while (pos < data.size()) {
    const std::size_t n = chunk == 0 ? data.size() - pos : std::min(chunk, data.size() - pos);
    last = t.feed(data.subspan(pos, n));
    pos += last.consumed;
    if (last.status != status::need_more) return {pos, last.status};
    if (last.consumed != n) return {pos, status::protocol_error};  // need_more must take everything
  }
  return {pos, last.status};
}

// Every way of cutting the stream must give the same answer as feeding it whole.
void expect_response(response_kind kind, std::uint32_t caps, const bytes& data, status expected,
                     std::size_t expected_consumed) {
  for (std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3},
                            std::size_t{5}, std::size_t{7}, std::size_t{64}}) {
    response_tracker t;
    t.start(kind, caps, 0, 1);
    const feed_result r = feed_in_chunks(t, data, chunk);
    EXPECT_EQ(r.status, expected) << "chunk " << chunk;
    EXPECT_EQ(r.consumed, expected_consumed) << "chunk " << chunk;
  }
  // Split once at every position.
  for (std::size_t cut = 1; cut < data.size(); ++cut) {
    response_tracker t;
    t.start(kind, caps, 0, 1);
    feed_result a = t.feed(bytes_view(data).first(cut));
    std::size_t consumed = a.consumed;
    status final_status = a.status;
    if (a.status == status::need_more) {
      ASSERT_EQ(a.consumed, cut);
      feed_result b = t.feed(bytes_view(data).subspan(cut));
      consumed += b.consumed;
      final_status = b.status;
    }
    EXPECT_EQ(final_status, expected) << "cut " << cut;
    EXPECT_EQ(consumed, expected_consumed) << "cut " << cut;
  }
}

TEST(ResponseTracker, OkAnswersAQuery) {
  wire w;
  w.ok();
  expect_response(response_kind::text_result, classic, w.data, status::done, w.data.size());
}

TEST(ResponseTracker, ErrAnswersAQuery) {
  wire w;
  w.err();
  response_tracker t;
  t.start(response_kind::text_result, classic, 0, 1);
  EXPECT_EQ(t.feed(w.data).status, status::done);
  EXPECT_TRUE(t.saw_error());
}

// What the dual write reads from a response: the OK's affected rows, last insert id and flags,
// and an ERR's number, whichever way the bytes arrive.
TEST(ResponseTracker, ReportsTheOkPacketsCountsAndTheErrorNumber) {
  wire ok;
  // affected rows 3, last insert id 0x1234 (lenenc 0xFC), in a transaction
  ok.packet({0x00, 0x03, 0xfc, 0x34, 0x12, static_cast<std::uint8_t>(server_status::in_trans), 0x00, 0, 0});
  wire deadlock;
  deadlock.packet({0xff, 0xbd, 0x04, '#', '4', '0', '0', '0', '1', 'd'});  // 1213
  for (std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
    response_tracker t;
    t.start(response_kind::text_result, classic, 0, 1);
    ASSERT_EQ(feed_in_chunks(t, ok.data, chunk).status, status::done);
    EXPECT_EQ(t.affected_rows(), 3u);
    EXPECT_EQ(t.last_insert_id(), 0x1234u);
    EXPECT_EQ(t.status_flags(), server_status::in_trans);
    EXPECT_EQ(t.error_code(), 0u);
    response_tracker e;
    e.start(response_kind::text_result, classic, 0, 1);
    ASSERT_EQ(feed_in_chunks(e, deadlock.data, chunk).status, status::done);
    EXPECT_TRUE(e.saw_error());
    EXPECT_EQ(e.error_code(), 1213u);
    EXPECT_EQ(e.last_insert_id(), 0u);
  }
}

TEST(ResponseTracker, ResultSetWithClassicEof) {
  wire w;
  w.result_set(false, 3, 4);
  expect_response(response_kind::text_result, classic, w.data, status::done, w.data.size());
}

TEST(ResponseTracker, ResultSetWithDeprecateEof) {
  wire w;
  w.result_set(true, 2, 5);
  expect_response(response_kind::text_result, modern, w.data, status::done, w.data.size());
}

TEST(ResponseTracker, EmptyResultSet) {
  for (bool deprecate : {false, true}) {
    wire w;
    w.result_set(deprecate, 1, 0);
    expect_response(response_kind::text_result, deprecate ? modern : classic, w.data, status::done, w.data.size());
  }
}

TEST(ResponseTracker, MultipleResultsFollowTheMoreResultsFlag) {
  for (bool deprecate : {false, true}) {
    wire w;
    const std::uint16_t more = server_status::autocommit | server_status::more_results_exists;
    w.result_set(deprecate, 1, 2, more);
    w.ok(more);
    w.result_set(deprecate, 2, 1, more);
    w.ok();  // CALL ends with the procedure's own OK
    expect_response(response_kind::text_result, deprecate ? modern : classic, w.data, status::done, w.data.size());
  }
}

TEST(ResponseTracker, ErrorEndsAMultiStatementResponse) {
  wire w;
  w.ok(server_status::more_results_exists);
  w.err();
  expect_response(response_kind::text_result, classic, w.data, status::done, w.data.size());
}

TEST(ResponseTracker, StopsAtTheEndOfTheResponse) {
  wire w;
  w.ok();
  const std::size_t end = w.data.size();
  w.ok();  // bytes that do not belong to this response
  response_tracker t;
  t.start(response_kind::text_result, classic, 0, 1);
  const feed_result r = t.feed(w.data);
  EXPECT_EQ(r.status, status::done);
  EXPECT_EQ(r.consumed, end);
}

TEST(ResponseTracker, ErrMidResultSetEndsIt) {
  wire w;
  w.column_count(1).column_def().eof().text_row("a").err();
  expect_response(response_kind::text_result, classic, w.data, status::done, w.data.size());
}

TEST(ResponseTracker, RowStartingWith0xFEOf16MiBIsNotATerminator) {
  // A text row whose only value is 16 MiB: lenenc prefix 0xFE + 8 bytes, so the row payload is
  // 9 + 16 MiB bytes and spans two packets; its first packet starts with 0xFE.
  for (bool deprecate : {false, true}) {
    wire w;
    w.column_count(1).column_def();
    if (!deprecate) w.eof();
    const std::size_t value_size = 16 * 1024 * 1024;
    std::vector<std::uint8_t> row{0xfe};
    for (int i = 0; i < 8; ++i) row.push_back(static_cast<std::uint8_t>(value_size >> (8 * i)));
    row.resize(row.size() + value_size, 0xfe);
    w.packet(row);
    w.terminator(deprecate);
    response_tracker t;
    t.start(response_kind::text_result, deprecate ? modern : classic, 0, 1);
    const feed_result r = feed_in_chunks(t, w.data, 65536);
    EXPECT_EQ(r.status, status::done);
    EXPECT_EQ(r.consumed, w.data.size());
  }
}

TEST(ResponseTracker, RowOfExactly0xFFFFFFBytesNeedsTheEmptyPacket) {
  wire w;
  w.column_count(1).column_def().eof();
  std::vector<std::uint8_t> row{0xfd, 0xfb, 0xff, 0xff};  // lenenc 3-byte length 0xFFFFFB
  row.resize(max_packet_payload, 'x');
  w.packet(row);  // 0xFFFFFF bytes: an empty packet follows
  w.eof();
  response_tracker t;
  t.start(response_kind::text_result, classic, 0, 1);
  const feed_result r = feed_in_chunks(t, w.data, 1 << 20);
  EXPECT_EQ(r.status, status::done);
  EXPECT_EQ(r.consumed, w.data.size());
}

TEST(ResponseTracker, LocalInfileRequestThenOk) {
  wire w;
  w.packet({0xfb, 'f', '.', 'c', 's', 'v'});
  response_tracker t;
  t.start(response_kind::text_result, classic, 0, 1);
  feed_result r = t.feed(w.data);
  EXPECT_EQ(r.status, status::local_infile);
  EXPECT_EQ(r.consumed, w.data.size());
  // client sends seq 2 (data) and 3 (empty); the server answers with 4
  t.resume_after_local_infile(4);
  wire answer;
  answer.seq = 4;
  answer.ok();
  r = t.feed(answer.data);
  EXPECT_EQ(r.status, status::done);
}

TEST(ResponseTracker, LocalInfileIsNotValidForPreparedStatements) {
  wire w;
  w.packet({0xfb, 'f'});
  response_tracker t;
  t.start(response_kind::binary_result, classic, 0, 1);
  EXPECT_EQ(t.feed(w.data).status, status::protocol_error);
}

TEST(ResponseTracker, PrepareWithParamsAndColumns) {
  for (bool deprecate : {false, true}) {
    wire w;
    w.packet({0x00, 0x07, 0, 0, 0, 2, 0, 3, 0, 0, 0, 0});  // stmt 7, 2 columns, 3 params
    for (int i = 0; i < 3; ++i) w.column_def();
    if (!deprecate) w.eof();
    for (int i = 0; i < 2; ++i) w.column_def();
    if (!deprecate) w.eof();
    expect_response(response_kind::prepare, deprecate ? modern : classic, w.data, status::done, w.data.size());
    response_tracker t;
    t.start(response_kind::prepare, deprecate ? modern : classic, 0, 1);
    ASSERT_EQ(t.feed(w.data).status, status::done);
    EXPECT_EQ(t.prepared_statement_id(), 7u);
    EXPECT_EQ(t.prepared_param_count(), 3u);
  }
}

TEST(ResponseTracker, PrepareWithoutParamsOrColumns) {
  wire w;
  w.packet({0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  expect_response(response_kind::prepare, classic, w.data, status::done, w.data.size());
}

TEST(ResponseTracker, PrepareError) {
  wire w;
  w.err();
  expect_response(response_kind::prepare, classic, w.data, status::done, w.data.size());
}

TEST(ResponseTracker, ExecuteOpeningACursorEndsAfterTheColumns) {
  wire w;
  w.column_count(1).column_def().eof(server_status::autocommit | server_status::cursor_exists);
  expect_response(response_kind::binary_result, classic, w.data, status::done, w.data.size());
}

TEST(ResponseTracker, FetchRowsUntilTerminator) {
  wire w;
  w.packet({0x00, 0x00, 0x01}).packet({0x00, 0x00, 0x02}).eof(server_status::last_row_sent);
  expect_response(response_kind::fetch_rows, classic, w.data, status::done, w.data.size());
}

TEST(ResponseTracker, FieldListEndsAtEof) {
  for (bool deprecate : {false, true}) {
    wire w;
    w.column_def().column_def().terminator(deprecate);
    expect_response(response_kind::field_list, deprecate ? modern : classic, w.data, status::done, w.data.size());
  }
}

TEST(ResponseTracker, StatisticsIsOneRawPacket) {
  wire w;
  w.packet({'U', 'p', 't', 'i', 'm', 'e', ':', ' ', '1'});
  expect_response(response_kind::single_packet, classic, w.data, status::done, w.data.size());
}

TEST(ResponseTracker, WrongSequenceIdIsAProtocolError) {
  wire w;
  w.seq = 5;
  w.ok();
  response_tracker t;
  t.start(response_kind::text_result, classic, 0, 1);
  EXPECT_EQ(t.feed(w.data).status, status::protocol_error);
}

TEST(ResponseTracker, ZeroColumnCountIsAProtocolError) {
  wire w;
  w.packet({0xfc, 0x00, 0x00});  // lenenc zero written long
  response_tracker t;
  t.start(response_kind::text_result, classic, 0, 1);
  EXPECT_EQ(t.feed(w.data).status, status::protocol_error);
}

TEST(ResponseTracker, GarbageWhereEofBelongsIsAProtocolError) {
  wire w;
  w.column_count(1).column_def().text_row("no eof before rows");
  response_tracker t;
  t.start(response_kind::text_result, classic, 0, 1);
  EXPECT_EQ(t.feed(w.data).status, status::protocol_error);
}

TEST(ResponseTracker, NoneNeedsNoBytes) {
  response_tracker t;
  t.start(response_kind::none, classic, 0, 1);
  EXPECT_EQ(t.feed({}).status, status::done);
}

TEST(ResponseTracker, TracksTransactionStatus) {
  wire w;
  w.ok(server_status::in_trans);
  response_tracker t;
  t.start(response_kind::text_result, classic, 0, 1);
  ASSERT_EQ(t.feed(w.data).status, status::done);
  EXPECT_TRUE(t.status_flags() & server_status::in_trans);
}

TEST(ResponseTracker, MariadbProgressReportsAreSkipped) {
  wire w;
  w.packet({0xff, 0xff, 0xff, 0x01, 0x01, 0x02, 0x10, 0x27, 0x00, 0x03, 's', 't', 'g'});  // progress
  w.ok();
  response_tracker t;
  t.start(response_kind::text_result, classic, mariadb_capability::progress, 1);
  const feed_result r = t.feed(w.data);
  EXPECT_EQ(r.status, status::done);
  EXPECT_EQ(r.consumed, w.data.size());
  EXPECT_FALSE(t.saw_error());
  // Without the capability the same packet is an ERR that ends the response.
  t.start(response_kind::text_result, classic, 0, 1);
  EXPECT_EQ(t.feed(w.data).consumed, 17u);
}

TEST(ResponseTracker, CachedMetadataMayLeaveColumnDefinitionsOut) {
  for (bool deprecate : {false, true}) {
    wire w;
    w.packet({2, 0x00});  // two columns, metadata does not follow
    if (!deprecate) w.eof();
    w.packet({0x00, 0x00, 0x01, 0x02}).terminator(deprecate);
    response_tracker t;
    t.start(response_kind::binary_result, deprecate ? modern : classic, mariadb_capability::cache_metadata, 1);
    const feed_result r = t.feed(w.data);
    EXPECT_EQ(r.status, status::done);
    EXPECT_EQ(r.consumed, w.data.size());

    wire full;  // metadata follows: the definitions are there as usual
    full.packet({1, 0x01}).column_def();
    if (!deprecate) full.eof();
    full.terminator(deprecate);
    t.start(response_kind::binary_result, deprecate ? modern : classic, mariadb_capability::cache_metadata, 1);
    EXPECT_EQ(t.feed(full.data).status, status::done);
  }
}

TEST(ResponseKind, ForEachCommand) {
  EXPECT_EQ(response_kind_of(command::query), response_kind::text_result);
  EXPECT_EQ(response_kind_of(command::stmt_execute), response_kind::binary_result);
  EXPECT_EQ(response_kind_of(command::mariadb_stmt_bulk_execute), response_kind::binary_result);
  EXPECT_EQ(response_kind_of(command::stmt_prepare), response_kind::prepare);
  EXPECT_EQ(response_kind_of(command::stmt_fetch), response_kind::fetch_rows);
  EXPECT_EQ(response_kind_of(command::field_list), response_kind::field_list);
  EXPECT_EQ(response_kind_of(command::stmt_close), response_kind::none);
  EXPECT_EQ(response_kind_of(command::stmt_send_long_data), response_kind::none);
  EXPECT_EQ(response_kind_of(command::ping), response_kind::single_packet);
  EXPECT_EQ(response_kind_of(command::statistics), response_kind::single_packet);
}

}  // namespace
}  // namespace switchyard::protocol

namespace switchyard::protocol {
namespace {

// The OK packets whose session state changed are located, so the proxy can take its own tracked
// GTID out of each: a multi-statement's intermediate OK, and a result set's OK terminator.
TEST(ResponseTracker, LocatesEveryOkWhoseSessionStateChanged) {
  constexpr std::uint16_t changed = server_status::session_state_changed | server_status::autocommit;
  wire w;
  w.ok(changed | server_status::more_results_exists);  // INSERT ...; (tracked state)
  const std::size_t second = w.data.size();
  w.ok(server_status::more_results_exists);            // UPDATE ...; (nothing tracked)
  w.result_set(true, 1, 2, changed);                   // INSERT ... RETURNING: OK terminator
  const std::size_t terminator = w.data.size() - 11;   // the 0xFE OK: 4 + 7 bytes
  response_tracker t;
  t.start(response_kind::text_result, modern | capability::session_track, 0, 1);
  const feed_result r = t.feed(w.data);
  EXPECT_EQ(r.status, status::done);
  EXPECT_EQ(r.consumed, w.data.size());
  EXPECT_EQ(t.state_change_oks(), (std::vector<std::uint32_t>{0, static_cast<std::uint32_t>(terminator)}));

  // Fed in two parts (cut inside the second OK's header): offsets count from each feed's first byte.
  response_tracker split;
  split.start(response_kind::text_result, modern | capability::session_track, 0, 1);
  const bytes_view all(w.data);
  ASSERT_EQ(split.feed(all.first(second + 2)).status, status::need_more);  // the 2nd OK's header cut
  EXPECT_EQ(split.state_change_oks(), (std::vector<std::uint32_t>{0}));
  ASSERT_EQ(split.feed(all.subspan(second + 2)).status, status::done);
  EXPECT_EQ(split.state_change_oks(), (std::vector<std::uint32_t>{static_cast<std::uint32_t>(terminator - second - 2)}));
}

}  // namespace
}  // namespace switchyard::protocol
