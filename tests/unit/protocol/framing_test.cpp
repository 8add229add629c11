#include "protocol/framing.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"

namespace switchyard::protocol {
namespace {

bytes pattern(std::size_t n) {
  bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 7 % 251);
  return b;
}

constexpr std::size_t no_limit = std::size_t{1} << 40;
constexpr std::size_t max_packet = max_packet_payload;

TEST(framing, small_message_is_one_packet) {
  bytes wire;
  std::uint8_t seq = 3;
  append_message(wire, test::from_hex("0131"), seq);
  EXPECT_EQ(test::to_hex(wire), "0200000301" "31");
  EXPECT_EQ(seq, 4);
  const message_scan scan = scan_message(wire, 3, no_limit);
  ASSERT_EQ(scan.error, errc::ok);
  EXPECT_EQ(scan.wire_size, 6u);
  EXPECT_EQ(scan.payload_size, 2u);
  EXPECT_EQ(scan.packet_count, 1u);
  EXPECT_EQ(scan.next_sequence_id, 4);
  EXPECT_FALSE(scan.split());
  EXPECT_EQ(test::to_hex(scan.single_payload), "0131");
}

struct size_case {
  const char* what;
  std::size_t payload;
  std::size_t packets;
  std::size_t last_packet;  // payload bytes in the last packet
};

const size_case size_cases[] = {
    {"empty", 0, 1, 0},
    {"one byte", 1, 1, 1},
    {"largest single packet", max_packet - 1, 1, max_packet - 1},
    {"exactly 0xFFFFFF: an empty packet must follow", max_packet, 2, 0},
    {"16 MiB", 0x1000000, 2, 1},
    {"16 MiB + 1", 0x1000001, 2, 2},
    {"exactly 2 x 0xFFFFFF", 2 * max_packet, 3, 0},
    {"2 x 0xFFFFFF + 1", 2 * max_packet + 1, 3, 1},
};

// Where to cut a message when checking that every prefix is incomplete: all cuts for small
// messages, and around every header plus a stride for the big ones.
std::vector<std::size_t> cuts(std::size_t wire_size) {
  std::vector<std::size_t> out;
  if (wire_size <= 4096) {
    for (std::size_t n = 0; n < wire_size; ++n) out.push_back(n);
    return out;
  }
  for (std::size_t header = 0; header < wire_size; header += max_packet + packet_header_size) {
    // Just before the header, inside it, and the first payload bytes after it.
    for (std::size_t n = header == 0 ? 0 : header - 1; n <= header + packet_header_size + 1; ++n) {
      if (n < wire_size) out.push_back(n);
    }
  }
  for (std::size_t n = 0; n < wire_size; n += 1'000'003) out.push_back(n);
  out.push_back(wire_size - 1);
  return out;
}

TEST(framing, splits_and_joins_at_the_0xffffff_boundaries) {
  for (const size_case& c : size_cases) {
    SCOPED_TRACE(c.what);
    const bytes payload = pattern(c.payload);
    bytes wire;
    std::uint8_t seq = 0;
    append_message(wire, payload, seq);
    ASSERT_EQ(wire.size(), c.payload + c.packets * packet_header_size);
    EXPECT_EQ(seq, c.packets);
    // Every packet but the last is full; the ids count up from 0.
    std::size_t pos = 0;
    for (std::size_t i = 0; i < c.packets; ++i) {
      const packet_header h = decode_packet_header(wire.data() + pos);
      EXPECT_EQ(h.sequence_id, i);
      EXPECT_EQ(h.payload_length, i + 1 < c.packets ? max_packet : c.last_packet);
      pos += packet_header_size + h.payload_length;
    }
    EXPECT_EQ(pos, wire.size());

    const message_scan scan = scan_message(wire, 0, no_limit);
    ASSERT_EQ(scan.error, errc::ok);
    EXPECT_EQ(scan.wire_size, wire.size());
    EXPECT_EQ(scan.payload_size, c.payload);
    EXPECT_EQ(scan.packet_count, c.packets);
    EXPECT_EQ(scan.next_sequence_id, c.packets);
    EXPECT_EQ(scan.split(), c.packets > 1);
    bytes joined;
    join_payload(wire, joined);
    EXPECT_TRUE(joined == payload);
    if (c.packets == 1) {
      EXPECT_TRUE(std::equal(scan.single_payload.begin(), scan.single_payload.end(), payload.begin()));
    }

    for (const std::size_t n : cuts(wire.size())) {
      EXPECT_EQ(scan_message(bytes_view(wire).first(n), 0, no_limit).error, errc::incomplete) << "cut at " << n;
    }
  }
}

TEST(framing, sequence_ids_wrap_around) {
  bytes wire;
  std::uint8_t seq = 255;
  append_message(wire, pattern(max_packet + 5), seq);
  EXPECT_EQ(seq, 1);
  EXPECT_EQ(wire[3], 255);
  EXPECT_EQ(wire[packet_header_size + max_packet + 3], 0);
  const message_scan scan = scan_message(wire, 255, no_limit);
  ASSERT_EQ(scan.error, errc::ok);
  EXPECT_EQ(scan.next_sequence_id, 1);
}

TEST(framing, wrong_sequence_ids_are_refused) {
  bytes wire;
  std::uint8_t seq = 0;
  append_message(wire, pattern(max_packet + 10), seq);
  EXPECT_EQ(scan_message(wire, 1, no_limit).error, errc::bad_sequence);  // first packet
  bytes second = wire;
  second[packet_header_size + max_packet + 3] = 7;  // second packet numbered 7, not 1
  EXPECT_EQ(scan_message(second, 0, no_limit).error, errc::bad_sequence);
  // Found as soon as the second header arrives, before its payload.
  EXPECT_EQ(scan_message(bytes_view(second).first(2 * packet_header_size + max_packet), 0, no_limit).error,
            errc::bad_sequence);
}

TEST(framing, too_large_is_seen_from_headers_alone) {
  bytes wire;
  std::uint8_t seq = 0;
  append_message(wire, pattern(0x1000001), seq);  // 16 MiB + 1: 0xFFFFFF + 2
  // The first header alone already exceeds a 1 MiB limit.
  EXPECT_EQ(scan_message(bytes_view(wire).first(packet_header_size), 0, 1 << 20).error, errc::too_large);
  // With a limit of exactly 0xFFFFFF, the second header (2 more bytes) tips it over; its payload
  // has not arrived.
  EXPECT_EQ(scan_message(bytes_view(wire).first(2 * packet_header_size + max_packet), 0, max_packet).error,
            errc::too_large);
  // A limit of exactly the message's size lets it through.
  EXPECT_EQ(scan_message(wire, 0, 0x1000001).error, errc::ok);
  EXPECT_EQ(scan_message(wire, 0, 0x1000000).error, errc::too_large);
}

TEST(framing, scan_stops_at_the_first_message) {
  bytes wire;
  std::uint8_t seq = 0;
  append_message(wire, test::from_hex("0e"), seq);
  seq = 0;
  append_message(wire, test::from_hex("0353454c4543542031"), seq);
  const message_scan first = scan_message(wire, 0, no_limit);
  ASSERT_EQ(first.error, errc::ok);
  EXPECT_EQ(first.wire_size, 5u);
  const message_scan second = scan_message(bytes_view(wire).subspan(first.wire_size), 0, no_limit);
  ASSERT_EQ(second.error, errc::ok);
  EXPECT_EQ(second.payload_size, 9u);
  EXPECT_EQ(scan_message({}, 0, no_limit).error, errc::incomplete);
}

}  // namespace
}  // namespace switchyard::protocol
