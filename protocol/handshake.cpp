#include "protocol/handshake.hpp"

#include <algorithm>

#include "protocol/constants.hpp"

namespace switchyard::protocol {
namespace {

constexpr std::size_t greeting_reserved_size = 10;
constexpr std::size_t response_filler_size = 23;
constexpr std::size_t response_zero_filler_size = response_filler_size - 4;  // then MariaDB caps
constexpr std::size_t min_part2_size = 13;

bool mariadb_layout(std::uint32_t capabilities) {
  return (capabilities & capability::long_password) == 0;
}

// Reads and writes the fixed 32-byte head shared by SSLRequest and HandshakeResponse41.
template <class Message>
void read_client_head(byte_reader& r, Message& out) {
  out.capabilities = r.u32();
  out.max_packet_size = r.u32();
  out.character_set = r.u8();
  const bytes_view filler = r.fixed_bytes(response_zero_filler_size);
  if (std::any_of(filler.begin(), filler.end(), [](std::uint8_t b) { return b != 0; })) {
    r.fail(errc::bad_value);
  }
  out.mariadb_capabilities = r.u32();
}

template <class Message>
void write_client_head(byte_writer& w, const Message& in) {
  w.u32(in.capabilities);
  w.u32(in.max_packet_size);
  w.u8(in.character_set);
  w.zeros(response_zero_filler_size);
  w.u32(in.mariadb_capabilities);
}

std::size_t part2_wire_size(std::uint8_t auth_plugin_data_length) {
  return std::max<std::size_t>(min_part2_size,
                               auth_plugin_data_length > 8 ? auth_plugin_data_length - 8u : 0u);
}

}  // namespace

std::string handshake_v10::scramble() const {
  std::string s(auth_plugin_data_part1);
  s += auth_plugin_data_part2;
  return s;
}

errc decode_handshake_v10(bytes_view payload, handshake_v10& out) {
  out = {};
  byte_reader r(payload);
  out.protocol_version = r.u8();
  if (r.ok() && out.protocol_version != 10) return errc::unsupported;
  out.server_version = r.null_string();
  out.connection_id = r.u32();
  out.auth_plugin_data_part1 = r.fixed_string(8);
  if (r.u8() != 0) r.fail(errc::bad_value);  // filler
  const std::uint16_t caps_lower = r.u16();
  out.character_set = r.u8();
  out.status_flags = r.u16();
  const std::uint16_t caps_upper = r.u16();
  out.capabilities = caps_lower | std::uint32_t{caps_upper} << 16;
  if (r.ok() && (out.capabilities & capability::protocol_41) == 0) return errc::unsupported;
  out.auth_plugin_data_length = r.u8();
  if (mariadb_layout(out.capabilities)) {
    out.reserved_prefix = r.fixed_string(greeting_reserved_size - 4);
    out.mariadb_capabilities = r.u32();
  } else {
    out.reserved_prefix = r.fixed_string(greeting_reserved_size);
  }
  out.part2_nul_terminated = false;
  if (out.capabilities & capability::secure_connection) {
    std::string_view part2 = r.fixed_string(part2_wire_size(out.auth_plugin_data_length));
    // Servers NUL-terminate the scramble, but the NUL is not part of it.
    if (!part2.empty() && part2.back() == '\0') {
      part2.remove_suffix(1);
      out.part2_nul_terminated = true;
    }
    out.auth_plugin_data_part2 = part2;
  }
  if (out.capabilities & capability::plugin_auth) {
    out.auth_plugin_name = r.null_string();
    out.has_auth_plugin_name = true;
  }
  return r.finish();
}

void encode_handshake_v10(const handshake_v10& in, bytes& out) {
  byte_writer w(out);
  w.u8(in.protocol_version);
  w.null_string(in.server_version);
  w.u32(in.connection_id);
  w.raw(in.auth_plugin_data_part1);
  w.u8(0);
  w.u16(static_cast<std::uint16_t>(in.capabilities));
  w.u8(in.character_set);
  w.u16(in.status_flags);
  w.u16(static_cast<std::uint16_t>(in.capabilities >> 16));
  w.u8(in.auth_plugin_data_length);
  const bool mariadb = mariadb_layout(in.capabilities);
  const std::size_t prefix_size = mariadb ? greeting_reserved_size - 4 : greeting_reserved_size;
  const std::string_view prefix = in.reserved_prefix.substr(0, prefix_size);
  w.raw(prefix);
  w.zeros(prefix_size - prefix.size());
  if (mariadb) w.u32(in.mariadb_capabilities);
  if (in.capabilities & capability::secure_connection) {
    w.raw(in.auth_plugin_data_part2);
    if (in.part2_nul_terminated) w.u8(0);
  }
  if (in.capabilities & capability::plugin_auth) w.null_string(in.auth_plugin_name);
}

errc decode_handshake_response_41(bytes_view payload, handshake_response_41& out) {
  out = {};
  byte_reader r(payload);
  read_client_head(r, out);
  if (r.ok() && (out.capabilities & capability::protocol_41) == 0) return errc::unsupported;
  out.username = r.null_string();
  if (out.capabilities & capability::plugin_auth_lenenc_client_data) {
    out.auth_response = r.lenenc_string();
  } else if (out.capabilities & capability::secure_connection) {
    out.auth_response = r.fixed_string(r.u8());
  } else {
    out.auth_response = r.null_string();
  }
  if (out.capabilities & capability::connect_with_db) out.database = r.null_string();
  if (out.capabilities & capability::plugin_auth) out.auth_plugin_name = r.null_string();
  if (out.capabilities & capability::connect_attrs) read_connect_attributes(r, out.connect_attributes);
  if (out.capabilities & capability::zstd_compression_algorithm) out.zstd_compression_level = r.u8();
  return r.finish();
}

void encode_handshake_response_41(const handshake_response_41& in, bytes& out) {
  byte_writer w(out);
  write_client_head(w, in);
  w.null_string(in.username);
  if (in.capabilities & capability::plugin_auth_lenenc_client_data) {
    w.lenenc_string(in.auth_response);
  } else if (in.capabilities & capability::secure_connection) {
    const std::string_view auth = in.auth_response.substr(0, 0xff);
    w.u8(static_cast<std::uint8_t>(auth.size()));
    w.raw(auth);
  } else {
    w.null_string(in.auth_response);
  }
  if (in.capabilities & capability::connect_with_db) w.null_string(in.database);
  if (in.capabilities & capability::plugin_auth) w.null_string(in.auth_plugin_name);
  if (in.capabilities & capability::connect_attrs) write_connect_attributes(w, in.connect_attributes);
  if (in.capabilities & capability::zstd_compression_algorithm) w.u8(in.zstd_compression_level);
}

errc decode_ssl_request(bytes_view payload, ssl_request& out) {
  out = {};
  byte_reader r(payload);
  read_client_head(r, out);
  if (r.ok() && (out.capabilities & capability::ssl) == 0) return errc::bad_value;
  return r.finish();
}

void encode_ssl_request(const ssl_request& in, bytes& out) {
  byte_writer w(out);
  write_client_head(w, in);
}

bool is_ssl_request(bytes_view payload) {
  if (payload.size() != ssl_request_size) return false;
  byte_reader r(payload);
  return (r.u32() & capability::ssl) != 0;
}

}  // namespace switchyard::protocol
