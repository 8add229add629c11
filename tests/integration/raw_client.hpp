// A MySQL client over a plain blocking socket, for what real client libraries will not send:
// truncated handshakes, wrong sequence ids, oversized or empty commands, unsupported commands,
// hanging up mid-result. Every read has a deadline; nothing here can hang a test.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/bytes.hpp"
#include "protocol/constants.hpp"

namespace switchyard::integration {

struct raw_packet {
  std::uint8_t sequence_id = 0;
  protocol::bytes payload;
};

// What an ERR packet said.
struct raw_error {
  std::uint8_t sequence_id = 0;
  std::uint16_t code = 0;
  std::string sqlstate;  // empty when the packet had none (errors before the handshake)
  std::string message;
};

class raw_client {
 public:
  enum class read_status { ok, closed, timeout };

  raw_client() = default;
  ~raw_client();
  raw_client(const raw_client&) = delete;
  raw_client& operator=(const raw_client&) = delete;

  // Connects to 127.0.0.1:port.
  [[nodiscard]] bool connect(std::uint16_t port);
  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] std::uint16_t local_port() const;
  void close();
  // Closes with SO_LINGER 0: an immediate RST, as a crashing client's kernel does.
  void reset();

  [[nodiscard]] bool send_raw(protocol::bytes_view bytes);
  [[nodiscard]] bool send_packet(std::uint8_t sequence_id, protocol::bytes_view payload);
  // One packet; the payload of a split message comes packet by packet.
  [[nodiscard]] read_status read_packet(raw_packet& out, std::chrono::milliseconds limit = std::chrono::seconds(30));
  // Reads the greeting (HandshakeV10) and keeps it.
  [[nodiscard]] bool read_greeting();
  // Answers the greeting with mysql_native_password and reads MySQL's verdict (following an
  // AuthSwitchRequest if one comes). True when authenticated.
  [[nodiscard]] bool authenticate(std::string_view user, std::string_view password, std::string_view database);
  // connect + read_greeting + authenticate.
  [[nodiscard]] bool open_session(std::uint16_t port, std::string_view user, std::string_view password,
                                  std::string_view database);
  // Sends a one-packet command (sequence id 0): the command byte and its argument.
  [[nodiscard]] bool send_command(protocol::command c, std::string_view argument = {});
  // Reads one packet that must be an ERR: nullopt (and a test failure naming what came instead)
  // otherwise.
  [[nodiscard]] std::optional<raw_error> read_error(std::chrono::milliseconds limit = std::chrono::seconds(30));
  // Waits until the peer closes the connection, dropping whatever arrives first.
  [[nodiscard]] bool wait_closed(std::chrono::milliseconds limit = std::chrono::seconds(30));

  // The ERR that ended the last authenticate(), if one did.
  [[nodiscard]] const std::optional<raw_error>& auth_error() const { return auth_error_; }
  // From the greeting.
  [[nodiscard]] std::uint32_t connection_id() const { return connection_id_; }
  [[nodiscard]] std::uint32_t server_capabilities() const { return server_capabilities_; }
  [[nodiscard]] const std::string& scramble() const { return scramble_; }

 private:
  int fd_ = -1;
  std::uint32_t connection_id_ = 0;
  std::uint32_t server_capabilities_ = 0;
  std::string scramble_;
  std::optional<raw_error> auth_error_;
  protocol::bytes pending_;  // bytes read past the last packet returned
};

[[nodiscard]] std::optional<raw_error> parse_error(const raw_packet& p);

// Whether the server end of our connection (local port `local_port`, server port `server_port`)
// has read every byte we sent: in /proc/net/tcp our send queue is empty (all acknowledged) and
// its receive queue is empty (all read by the proxy). For sending two things that must reach
// the proxy in two separate reads.
[[nodiscard]] bool peer_read_everything(std::uint16_t server_port, std::uint16_t local_port);

}  // namespace switchyard::integration
