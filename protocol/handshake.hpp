// Connection-phase messages: the server's greeting (HandshakeV10), the client's answer
// (HandshakeResponse41) and the SSLRequest a client sends first when it wants TLS.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/bytes.hpp"
#include "protocol/connect_attributes.hpp"
#include "protocol/errc.hpp"

namespace switchyard::protocol {

struct handshake_v10 {
  std::uint8_t protocol_version = 10;
  std::string_view server_version;
  std::uint32_t connection_id = 0;
  std::string_view auth_plugin_data_part1;  // 8 bytes
  std::string_view auth_plugin_data_part2;  // as on the wire, WITHOUT the trailing NUL if there is one
  bool part2_nul_terminated = true;         // re-encode byte-exactly
  std::uint32_t capabilities = 0;           // lower | upper << 16
  std::uint8_t character_set = 0;
  std::uint16_t status_flags = 0;
  std::uint8_t auth_plugin_data_length = 0;  // the byte on the wire
  // Last 4 of the 10 reserved bytes when CLIENT_MYSQL (long_password) is clear (MariaDB), else 0.
  std::uint32_t mariadb_capabilities = 0;
  // The reserved bytes before mariadb_capabilities: 6 of them when long_password is clear, all 10
  // otherwise. Empty encodes as zeros, which is what every known server sends.
  std::string_view reserved_prefix;
  std::string_view auth_plugin_name;
  bool has_auth_plugin_name = false;  // mirrors capabilities & plugin_auth after a decode

  [[nodiscard]] std::string scramble() const;  // part1 + part2 (20 bytes normally)
};

// Requires protocol 4.1 (the full greeting); the plugin name, when present, must end in NUL.
[[nodiscard]] errc decode_handshake_v10(bytes_view payload, handshake_v10& out);
void encode_handshake_v10(const handshake_v10& in, bytes& out);  // appends the payload only

struct handshake_response_41 {
  std::uint32_t capabilities = 0;
  std::uint32_t max_packet_size = 0;
  std::uint8_t character_set = 0;
  std::uint32_t mariadb_capabilities = 0;  // the last 4 bytes of the 23-byte filler (MariaDB)
  std::string_view username;
  std::string_view auth_response;
  std::string_view database;          // when capabilities & connect_with_db
  std::string_view auth_plugin_name;  // when capabilities & plugin_auth
  connect_attribute_list connect_attributes;  // when connect_attrs
  std::uint8_t zstd_compression_level = 0;  // when capabilities & zstd_compression_algorithm
};

// Every field the capabilities announce must be present; the first 19 filler bytes must be zero.
[[nodiscard]] errc decode_handshake_response_41(bytes_view payload, handshake_response_41& out);
void encode_handshake_response_41(const handshake_response_41& in, bytes& out);

struct ssl_request {
  std::uint32_t capabilities = 0;
  std::uint32_t max_packet_size = 0;
  std::uint8_t character_set = 0;
  std::uint32_t mariadb_capabilities = 0;
};

inline constexpr std::size_t ssl_request_size = 32;

[[nodiscard]] errc decode_ssl_request(bytes_view payload, ssl_request& out);  // exactly 32 bytes
void encode_ssl_request(const ssl_request& in, bytes& out);

// True when a client's first packet payload is an SSLRequest (32 bytes with the ssl capability)
// rather than a HandshakeResponse41, which is always longer (it adds at least a user and a length).
[[nodiscard]] bool is_ssl_request(bytes_view payload);

}  // namespace switchyard::protocol
