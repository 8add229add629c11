// A scripted MySQL 8.0 server for integration tests: only MariaDB is installable here, so the
// proxy's MySQL 8 paths (caching_sha2_password fast and full authentication, RSA public-key
// exchange, CLIENT_DEPRECATE_EOF result sets ending in a 0xFE OK packet) are checked against
// this stand-in. It listens on 127.0.0.1 (port 0) in a background thread, plays MySQL 8.0's
// side of the protocol from byte fixtures, and records what every connection sent, so a test
// can assert on the capabilities, authentication data and sequence ids the proxy forwarded.
//
// What it does, as MySQL 8.0.36 does:
// - greeting: HandshakeV10, server version 8.0.36, capabilities 0xdfffffff (without CLIENT_SSL
//   unless a certificate is configured), character set 255, auth plugin caching_sha2_password
//   (or another one, to force an AuthSwitchRequest), a 20-byte scramble + NUL;
// - a client that answers with another plugin gets an AuthSwitchRequest to caching_sha2_password
//   (with the same scramble, or a new one when the greeting named another plugin: MySQL's
//   "restart" with the account's plugin);
// - fast path: a 32-byte proof that matches the password of an account in the cache gets
//   AuthMoreData 0x01 0x03 and an OK; anything else gets 0x01 0x04 (full authentication);
// - full path: on TLS, the password in clear with a NUL; on a plain connection, an RSA-OAEP
//   ciphertext of (password + NUL) XOR scramble, after a public-key request (0x02) answered with
//   AuthMoreData + the PEM; success puts the account in the cache, failure is ERR 1045 (28000);
// - commands: COM_QUERY answered from a table of fixture responses (text result sets, multi
//   results, errors, OKs) in the format the session negotiated: classic EOFs, or no EOF after
//   the column definitions and a 0xFE OK terminator under CLIENT_DEPRECATE_EOF; COM_STMT_PREPARE
//   / EXECUTE / CLOSE for one echo statement; COM_PING, COM_INIT_DB, COM_SET_OPTION, COM_QUIT.
#pragma once
#include <openssl/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "protocol/bytes.hpp"

namespace switchyard::integration {

namespace mysql8 {
// MySQL 8.0's greeting capabilities (with TLS): every flag up to CLIENT_REMEMBER_OPTIONS except
// CLIENT_CAPABILITY_EXTENSION (bit 29) -- including compression, zstd, query attributes,
// optional metadata and multi-factor authentication, which the proxy must mask.
inline constexpr std::uint32_t greeting_capabilities = 0xdfffffffu;
inline constexpr std::string_view server_version = "8.0.36";
inline constexpr std::uint8_t character_set = 255;  // utf8mb4_0900_ai_ci
inline constexpr std::uint16_t status_autocommit = 0x0002;
inline constexpr std::uint16_t er_parse_error = 1064;  // also the answer to a query without a fixture
inline constexpr std::uint16_t er_access_denied = 1045;
}  // namespace mysql8

struct mysql8_account {
  std::string user;
  std::string password;
  bool cached = true;  // in the server's password cache: the fast path can succeed
};

struct scripted_mysql8_options {
  std::vector<mysql8_account> accounts;
  std::string greeting_plugin = "caching_sha2_password";
  // TLS is offered (CLIENT_SSL in the greeting) when both are set.
  std::string cert_file;
  std::string key_file;
};

struct mysql8_packet {
  std::uint8_t sequence_id = 0;
  protocol::bytes payload;
};

struct mysql8_command {
  protocol::bytes request;   // the command's payload
  protocol::bytes response;  // every byte the server answered, packet headers included
};

// Everything one connection did, as the server saw it.
struct mysql8_session {
  std::uint32_t connection_id = 0;
  protocol::bytes greeting;  // as sent, header included
  std::string scramble;      // the greeting's 20 bytes
  bool ssl_request = false;
  std::uint32_t ssl_request_capabilities = 0;
  bool tls = false;
  bool handshake_decoded = false;
  std::uint32_t client_capabilities = 0;  // from the HandshakeResponse41
  std::uint32_t max_packet_size = 0;
  std::uint8_t character_set = 0;
  std::string user;
  std::string database;
  std::string client_plugin;
  std::string auth_response;  // the HandshakeResponse41's, or the answer to an AuthSwitchRequest
  std::vector<std::pair<std::string, std::string>> connect_attributes;
  std::string switch_scramble;  // set when an AuthSwitchRequest was sent: the scramble in it
  bool fast_auth_succeeded = false;
  bool full_auth = false;
  bool public_key_requested = false;
  std::optional<std::string> rsa_password;        // what the RSA-encrypted packet decrypted to
  std::optional<std::string> cleartext_password;  // sent in clear (over TLS, or wrongly without)
  bool authenticated = false;
  std::uint16_t auth_error = 0;  // the ERR the server answered authentication with, if any
  std::vector<mysql8_packet> auth_packets;  // every packet the client sent until OK/ERR
  std::vector<mysql8_command> commands;
  std::vector<std::string> protocol_errors;  // wrong sequence ids, undecodable packets
  bool ended = false;                        // COM_QUIT, hang-up, or the server closed it
};

// MySQL packets over a blocking socket that may turn into TLS (OpenSSL): the scripted server's
// side of a connection, and a raw test client's once it sent its SSLRequest. Reads block until
// the socket's receive timeout (SO_RCVTIMEO). It does not own the descriptor.
class blocking_packet_stream {
 public:
  explicit blocking_packet_stream(int fd) : fd_(fd) {}
  ~blocking_packet_stream();
  blocking_packet_stream(const blocking_packet_stream&) = delete;
  blocking_packet_stream& operator=(const blocking_packet_stream&) = delete;

  bool start_tls_server(SSL_CTX* context);
  bool start_tls_client();  // no certificate checks
  [[nodiscard]] bool tls() const { return ssl_ != nullptr; }

  bool write_all(protocol::bytes_view bytes);
  bool send_packet(std::uint8_t sequence_id, protocol::bytes_view payload);
  bool read_packet(mysql8_packet& out);  // one packet

 private:
  bool read_exact(std::uint8_t* p, std::size_t n);
  int fd_;
  SSL* ssl_ = nullptr;
  SSL_CTX* client_context_ = nullptr;
};

class scripted_mysql8_server {
 public:
  explicit scripted_mysql8_server(scripted_mysql8_options options);
  ~scripted_mysql8_server();
  scripted_mysql8_server(const scripted_mysql8_server&) = delete;
  scripted_mysql8_server& operator=(const scripted_mysql8_server&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  // The RSA 2048 key pair (made with OpenSSL once per test process) as PEM text.
  [[nodiscard]] static const std::string& public_key_pem();
  [[nodiscard]] std::uint32_t greeting_capabilities() const { return capabilities_; }

  // Copies of the sessions so far, in connection order.
  [[nodiscard]] std::vector<mysql8_session> sessions() const;
  // Waits until session `index` exists and `ready` holds for it (default: it ended); returns a
  // copy then, or nullopt at the deadline.
  [[nodiscard]] std::optional<mysql8_session> wait_session(
      std::size_t index, const std::function<bool(const mysql8_session&)>& ready = {},
      std::chrono::milliseconds limit = std::chrono::seconds(30)) const;

  // The fixture response to `query` for a session with these capabilities (empty: none): the
  // payloads in order, without headers. Public so tests can state what a client must receive.
  [[nodiscard]] static std::vector<protocol::bytes> fixture_response(std::string_view query,
                                                                     std::uint32_t capabilities);

 private:
  void accept_loop();
  void serve(int fd, std::size_t index);
  void update(std::size_t index, const std::function<void(mysql8_session&)>& change);
  [[nodiscard]] std::optional<mysql8_account> find_account(const std::string& user) const;
  void cache_account(const std::string& user);

  scripted_mysql8_options options_;
  std::uint32_t capabilities_ = 0;
  SSL_CTX* tls_context_ = nullptr;  // when TLS is offered
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;

  mutable std::mutex mutex_;  // guards everything below
  std::vector<std::shared_ptr<mysql8_session>> sessions_;
  std::vector<std::thread> workers_;
  std::vector<int> open_fds_;
  std::uint32_t next_connection_id_ = 8;
};

}  // namespace switchyard::integration
