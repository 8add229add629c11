// The MySQL errors the proxy itself sends, with MySQL's own numbers, SQLSTATEs and wording,
// so clients react to them as they would to MySQL.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "protocol/bytes.hpp"

namespace switchyard::proxy {

struct mysql_error {
  std::uint16_t code;
  std::string_view sqlstate;
  std::string message;
};

namespace errors {
[[nodiscard]] mysql_error too_many_connections();
[[nodiscard]] mysql_error bad_handshake();
[[nodiscard]] mysql_error unknown_command();
[[nodiscard]] mysql_error packet_too_large();
[[nodiscard]] mysql_error packets_out_of_order();
[[nodiscard]] mysql_error malformed_packet();
[[nodiscard]] mysql_error insecure_transport();
[[nodiscard]] mysql_error cannot_connect(std::string_view where, std::string_view why);
[[nodiscard]] mysql_error server_lost();
[[nodiscard]] mysql_error backend_tls_failed(std::string_view why);
}  // namespace errors

// An ERR packet, framed. Before the handshake the client's capabilities are unknown and MySQL
// leaves the SQLSTATE out; after it, protocol 4.1 clients get the '#' marker and SQLSTATE.
[[nodiscard]] protocol::bytes err_packet(std::uint8_t sequence_id, const mysql_error& e, bool with_sqlstate = true);

}  // namespace switchyard::proxy
