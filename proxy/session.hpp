// One client connection and its own MySQL connection. The session authenticates the client by
// relaying the exchange to MySQL (the proxy keeps no passwords), then relays command after
// command, knowing where each command and each response ends, without holding result sets.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "protocol/commit_gtid.hpp"
#include "protocol/framing.hpp"
#include "protocol/response_tracker.hpp"
#include "proxy/duplex_stream.hpp"
#include "proxy/io_buffer.hpp"
#include "proxy/mysql_errors.hpp"
#include "proxy/runtime.hpp"
#include "proxy/session_mirror.hpp"

namespace switchyard::proxy {

class session_registry;

class session : public std::enable_shared_from_this<session> {
 public:
  session(runtime& rt, session_registry& registry, tcp::socket client);
  ~session();
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  // Starts the session's coroutines on the client socket's executor.
  void start();
  // Graceful shutdown: an idle session closes now, a busy one after its current command.
  void drain();
  // Closes both connections at once.
  void abort(std::string_view reason);

  [[nodiscard]] std::uint64_t id() const { return id_; }

 private:
  // Where the session is; decides which timeout applies and what drain() does.
  enum class phase : std::uint8_t { connecting, handshake, idle, busy, closed };

  // How reading one whole message ended.
  enum class read_status : std::uint8_t { ok, closed, bad_sequence, too_large };

  struct message {
    protocol::message_scan scan;
    protocol::bytes_view wire;     // the packets as received, headers included
    protocol::bytes_view payload;  // single-packet messages; joined_ holds split ones
  };

  asio::awaitable<void> run();
  asio::awaitable<void> watchdog();

  asio::awaitable<bool> connect_backend();
  asio::awaitable<bool> authenticate();
  enum class auth_outcome : std::uint8_t { accepted, refused, broken };
  asio::awaitable<auth_outcome> relay_auth_exchange(std::uint8_t server_seq, int client_offset);
  asio::awaitable<std::optional<std::uint8_t>> send_password_with_rsa(const std::string& password,
                                                                     std::uint8_t server_seq);
  asio::awaitable<std::optional<std::uint8_t>> receive_password_with_rsa(std::uint8_t client_seq,
                                                                        std::uint8_t server_seq);

  asio::awaitable<void> command_loop();
  asio::awaitable<bool> handle_command(const message& m);
  asio::awaitable<bool> relay_response(protocol::response_kind kind, std::uint8_t first_seq);
  asio::awaitable<bool> relay_local_infile();
  asio::awaitable<bool> read_more_from_client();
  // Phase 1: the session's mirror while the dual write is on (made and dropped as the phase changes).
  session_mirror* active_mirror();
  // Sends the command with what the mirror needs around it, pipelined (no extra round trip):
  // MySQL's timestamp pinned to `pin_micros` (SET timestamp before, SET timestamp = DEFAULT
  // after; the first reply is read here) and the commit's GTID (SELECT @@last_gtid after).
  // `track_gtid`: first ask MySQL to report each commit's GTID in its OK packet (once per MySQL session).
  asio::awaitable<bool> send_with_extras(const message& m, std::int64_t pin_micros, bool ask_commit_seq, bool track_gtid);
  // The OK packets at `oks` in `chunk` (part of a response): takes the commit GTIDs MySQL reported
  // in them (session tracking) and removes them; the rewritten chunk goes to `out`. False: unchanged.
  bool take_tracked_gtids(protocol::bytes_view chunk, const std::vector<std::uint32_t>& oks, protocol::bytes& out);
  asio::awaitable<bool> read_trailing_replies();
  // MySQL's whole answer is in: hands what committed to the mirror (and in synchronous mode waits
  // for PostgreSQL, up to the timeout) before the client gets the answer's last bytes.
  asio::awaitable<void> hand_to_mirror();

  asio::awaitable<read_status> read_message(duplex_stream& from, io_buffer& buffer, std::uint8_t expected_seq,
                                            std::size_t max_payload, message& out);
  asio::awaitable<read_status> read_first_client_packet(message& out);
  // Sends `m` with its packets renumbered from `first_seq`.
  asio::awaitable<bool> forward(duplex_stream& to, const message& m, std::uint8_t first_seq);
  asio::awaitable<bool> send_to_client(protocol::bytes_view bytes);
  asio::awaitable<void> send_error_and_close(std::uint8_t seq, const mysql_error& e, bool with_sqlstate = true);

  void set_phase(phase p);
  void close_all();
  [[nodiscard]] std::string_view payload_text(const message& m);

  runtime& rt_;
  session_registry& registry_;
  const std::uint64_t id_;
  duplex_stream client_;
  duplex_stream backend_;
  io_buffer client_in_;
  io_buffer backend_in_;
  protocol::bytes scratch_;  // renumbered packets, joined payloads
  protocol::response_tracker tracker_;
  asio::steady_timer timer_;
  std::chrono::steady_clock::time_point deadline_;
  std::chrono::steady_clock::time_point armed_deadline_ = std::chrono::steady_clock::time_point::max();  // the watchdog's
  phase phase_ = phase::connecting;
  bool closed_ = false;
  bool drain_requested_ = false;
  std::uint32_t capabilities_ = 0;          // negotiated: what MySQL was told
  std::uint32_t mariadb_capabilities_ = 0;  // MariaDB's extended ones, likewise
  std::string user_;
  std::uint64_t commands_ = 0;
  std::string scramble_;     // the nonce of the current authentication
  std::string auth_plugin_;  // the plugin MySQL asked for last
  std::string peer_;
  // Texts of prepared statements by MySQL's statement id: later phases translate and mirror
  // them when they are executed.
  std::unordered_map<std::uint32_t, std::string> statements_;
  std::string pending_prepare_;
  std::uint32_t last_prepared_id_ = 0;
  // The text of the statement being relayed (COM_QUERY, or the prepared statement a
  // COM_STMT_EXECUTE runs); valid until the command's response has been relayed.
  std::string_view current_statement_;
  std::string initial_database_;           // named in the handshake
  // The database chosen since (USE, COM_INIT_DB), followed in every phase: a mirror made when
  // the phase becomes dual_write starts from it.
  std::optional<std::string> chosen_database_;
  std::unique_ptr<session_mirror> mirror_;  // phase 1
  bool trailing_ok_ = false;          // a pinned command's SET timestamp = DEFAULT answer follows
  bool trailing_commit_seq_ = false;  // SELECT @@last_gtid's answer follows
  // MySQL reports last_gtid in this session's OK packets because the proxy asked it to (the
  // client negotiated session tracking); the proxy takes it out of what the client gets.
  bool gtid_tracked_ = false;
  bool gtid_tracking_refused_ = false;  // MySQL refused, or the client set session tracking itself
  // What MySQL reports it as, set when the tracking is asked for (the mirror may go, the tracking stays).
  protocol::gtid_source gtid_source_ = protocol::gtid_source::mariadb_last_gtid;
};

}  // namespace switchyard::proxy
