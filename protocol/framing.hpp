// Packet framing: 3-byte little-endian payload length, 1-byte sequence id, payload.
// A logical message of 0xFFFFFF bytes or more spans several packets; every packet but the last
// carries exactly 0xFFFFFF bytes, so a message whose size is an exact multiple of 0xFFFFFF ends
// with an empty packet.
#pragma once
#include <cstddef>
#include <cstdint>

#include "protocol/bytes.hpp"
#include "protocol/constants.hpp"

namespace switchyard::protocol {

struct packet_header {
  std::uint32_t payload_length = 0;
  std::uint8_t sequence_id = 0;
};

// `p` must hold at least packet_header_size bytes.
[[nodiscard]] inline packet_header decode_packet_header(const std::uint8_t* p) {
  return {std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16, p[3]};
}
inline void encode_packet_header(std::uint8_t* p, std::uint32_t length, std::uint8_t seq) {
  p[0] = static_cast<std::uint8_t>(length);
  p[1] = static_cast<std::uint8_t>(length >> 8);
  p[2] = static_cast<std::uint8_t>(length >> 16);
  p[3] = seq;
}

// Appends `payload` to `out` as one or more packets, numbering them from `sequence_id`, which
// is left at the id the next packet should carry.
void append_message(bytes& out, bytes_view payload, std::uint8_t& sequence_id);

// Where the first complete message in `stream` ends.
struct message_scan {
  errc error = errc::incomplete;  // ok, incomplete, bad_sequence or too_large
  std::size_t wire_size = 0;       // bytes of `stream` the message occupies, headers included
  std::size_t payload_size = 0;    // joined payload size
  std::size_t packet_count = 0;
  std::uint8_t next_sequence_id = 0;
  // The payload, when the message is a single packet (the common case): a view into `stream`.
  // Empty for a split message; join_payload() assembles that.
  bytes_view single_payload;
  [[nodiscard]] bool split() const { return packet_count > 1; }
};

// Scans the message at the start of `stream`. Packets must be numbered from `expected_seq`
// (mod 256); a joined payload over `max_payload` bytes is errc::too_large as soon as its
// headers show it, without waiting for the rest.
[[nodiscard]] message_scan scan_message(bytes_view stream, std::uint8_t expected_seq,
                                        std::size_t max_payload);

// Appends the payload of the message whose frames are `wire` (as measured by scan_message).
void join_payload(bytes_view wire, bytes& out);

}  // namespace switchyard::protocol
