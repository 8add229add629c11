#include "protocol/framing.hpp"

#include <algorithm>

namespace switchyard::protocol {

void append_message(bytes& out, bytes_view payload, std::uint8_t& sequence_id) {
  std::size_t offset = 0;
  out.reserve(out.size() + payload.size() + packet_header_size * (payload.size() / max_packet_payload + 1));
  while (true) {
    const std::size_t chunk = std::min(payload.size() - offset, max_packet_payload);
    const std::size_t at = out.size();
    out.resize(at + packet_header_size);
    encode_packet_header(out.data() + at, static_cast<std::uint32_t>(chunk), sequence_id++);
    out.insert(out.end(), payload.begin() + static_cast<std::ptrdiff_t>(offset),
               payload.begin() + static_cast<std::ptrdiff_t>(offset + chunk));
    offset += chunk;
    if (chunk < max_packet_payload) return;  // a short (possibly empty) packet ends the message
  }
}

message_scan scan_message(bytes_view stream, std::uint8_t expected_seq, std::size_t max_payload) {
  message_scan scan;
  std::size_t pos = 0;
  std::uint8_t seq = expected_seq;
  while (true) {
    if (stream.size() - pos < packet_header_size) return scan;  // incomplete
    const packet_header h = decode_packet_header(stream.data() + pos);
    if (h.sequence_id != seq) { scan.error = errc::bad_sequence; return scan; }
    ++seq;
    scan.payload_size += h.payload_length;
    ++scan.packet_count;
    if (scan.payload_size > max_payload) { scan.error = errc::too_large; return scan; }
    if (stream.size() - pos - packet_header_size < h.payload_length) return scan;  // incomplete
    const std::size_t payload_at = pos + packet_header_size;
    pos = payload_at + h.payload_length;
    if (h.payload_length < max_packet_payload) {
      scan.error = errc::ok;
      scan.wire_size = pos;
      scan.next_sequence_id = seq;
      if (scan.packet_count == 1) scan.single_payload = stream.subspan(payload_at, h.payload_length);
      return scan;
    }
  }
}

void join_payload(bytes_view wire, bytes& out) {
  std::size_t pos = 0;
  while (wire.size() - pos >= packet_header_size) {
    const packet_header h = decode_packet_header(wire.data() + pos);
    pos += packet_header_size;
    const std::size_t n = std::min<std::size_t>(h.payload_length, wire.size() - pos);
    out.insert(out.end(), wire.begin() + static_cast<std::ptrdiff_t>(pos),
               wire.begin() + static_cast<std::ptrdiff_t>(pos + n));
    pos += n;
  }
}

}  // namespace switchyard::protocol
