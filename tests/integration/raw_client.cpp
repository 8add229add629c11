#include "tests/integration/raw_client.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "protocol/auth.hpp"
#include "protocol/framing.hpp"
#include "protocol/handshake.hpp"
#include "protocol/ok_err_eof.hpp"

namespace switchyard::integration {

namespace pr = protocol;
using clock = std::chrono::steady_clock;

raw_client::~raw_client() { close(); }

bool raw_client::connect(std::uint16_t port) {
  close();
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close();
    return false;
  }
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return true;
}

std::uint16_t raw_client::local_port() const {
  sockaddr_in a{};
  socklen_t len = sizeof a;
  if (fd_ < 0 || ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) return 0;
  return ntohs(a.sin_port);
}

void raw_client::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  pending_.clear();
}

void raw_client::reset() {
  if (fd_ < 0) return;
  const linger l{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  close();
}

bool raw_client::send_raw(pr::bytes_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool raw_client::send_packet(std::uint8_t sequence_id, pr::bytes_view payload) {
  pr::bytes framed;
  pr::append_message(framed, payload, sequence_id);
  return send_raw(framed);
}

raw_client::read_status raw_client::read_packet(raw_packet& out, std::chrono::milliseconds limit) {
  const auto deadline = clock::now() + limit;
  while (true) {
    if (pending_.size() >= pr::packet_header_size) {
      const pr::packet_header h = pr::decode_packet_header(pending_.data());
      if (pending_.size() >= pr::packet_header_size + h.payload_length) {
        out.sequence_id = h.sequence_id;
        out.payload.assign(pending_.begin() + pr::packet_header_size,
                           pending_.begin() + pr::packet_header_size + h.payload_length);
        pending_.erase(pending_.begin(), pending_.begin() + pr::packet_header_size + h.payload_length);
        return read_status::ok;
      }
    }
    if (fd_ < 0) return read_status::closed;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
    if (left.count() <= 0) return read_status::timeout;
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return read_status::timeout;
    std::uint8_t buf[64 * 1024];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) return read_status::closed;  // orderly close or reset
    pending_.insert(pending_.end(), buf, buf + n);
  }
}

bool raw_client::read_greeting() {
  raw_packet p;
  if (read_packet(p) != read_status::ok) return false;
  pr::handshake_v10 hello;
  if (pr::decode_handshake_v10(p.payload, hello) != pr::errc::ok) return false;
  connection_id_ = hello.connection_id;
  server_capabilities_ = hello.capabilities;
  scramble_ = hello.scramble();
  return true;
}

bool raw_client::authenticate(std::string_view user, std::string_view password, std::string_view database) {
  namespace cap = pr::capability;
  pr::handshake_response_41 r;
  r.capabilities = (cap::long_password | cap::protocol_41 | cap::secure_connection | cap::plugin_auth |
                    cap::transactions | cap::multi_results | (database.empty() ? 0u : cap::connect_with_db)) &
                   server_capabilities_;
  r.max_packet_size = 1 << 30;
  r.character_set = 45;  // utf8mb4_general_ci
  r.username = user;
  const std::string proof = pr::native_password_scramble(password, scramble_);
  r.auth_response = proof;
  r.database = database;
  r.auth_plugin_name = pr::auth_plugin::mysql_native_password;
  pr::bytes payload;
  pr::encode_handshake_response_41(r, payload);
  auth_error_.reset();
  if (!send_packet(1, payload)) return false;
  while (true) {
    raw_packet p;
    if (read_packet(p) != read_status::ok || p.payload.empty()) return false;
    if (p.payload[0] == pr::ok_header) return true;
    if (p.payload[0] != pr::eof_header) {  // ERR, or something unexpected
      auth_error_ = parse_error(p);
      return false;
    }
    pr::auth_switch_request sw;
    if (pr::decode_auth_switch_request(p.payload, sw) != pr::errc::ok ||
        sw.plugin_name != pr::auth_plugin::mysql_native_password)
      return false;
    const std::string again = pr::native_password_scramble(password, sw.scramble());
    if (!send_packet(static_cast<std::uint8_t>(p.sequence_id + 1), pr::as_bytes(again))) return false;
  }
}

bool raw_client::open_session(std::uint16_t port, std::string_view user, std::string_view password,
                              std::string_view database) {
  return connect(port) && read_greeting() && authenticate(user, password, database);
}

bool raw_client::send_command(pr::command c, std::string_view argument) {
  pr::bytes payload{static_cast<std::uint8_t>(c)};
  payload.insert(payload.end(), argument.begin(), argument.end());
  return send_packet(0, payload);
}

std::optional<raw_error> raw_client::read_error(std::chrono::milliseconds limit) {
  raw_packet p;
  const read_status s = read_packet(p, limit);
  if (s != read_status::ok) {
    ADD_FAILURE() << "expected an ERR packet, got " << (s == read_status::closed ? "a closed connection" : "nothing (timeout)");
    return std::nullopt;
  }
  auto e = parse_error(p);
  if (!e) ADD_FAILURE() << "expected an ERR packet, got a packet starting with " << (p.payload.empty() ? -1 : p.payload[0]);
  return e;
}

bool raw_client::wait_closed(std::chrono::milliseconds limit) {
  const auto deadline = clock::now() + limit;
  while (true) {
    raw_packet p;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
    if (left.count() <= 0) return false;
    switch (read_packet(p, left)) {
      case read_status::closed: return true;
      case read_status::timeout: return false;
      case read_status::ok: break;  // drop it
    }
  }
}

std::optional<raw_error> parse_error(const raw_packet& p) {
  pr::err_packet e;
  if (p.payload.empty() || p.payload[0] != pr::err_header || pr::decode_err_packet(p.payload, e) != pr::errc::ok)
    return std::nullopt;
  return raw_error{p.sequence_id, e.error_code, e.has_sql_state ? std::string(e.sql_state) : std::string(),
                   std::string(e.message)};
}

namespace {
// tx_queue and rx_queue of the 127.0.0.1 connection from port `local` to port `remote`, from
// /proc/net/tcp ("sl local_address rem_address st tx_queue:rx_queue ...", ports in hex).
bool tcp_queues(std::uint16_t local, std::uint16_t remote, unsigned long& tx, unsigned long& rx) {
  std::ifstream in("/proc/net/tcp");
  std::string line;
  std::getline(in, line);  // header
  char want_local[8], want_remote[8];
  std::snprintf(want_local, sizeof want_local, ":%04X", local);
  std::snprintf(want_remote, sizeof want_remote, ":%04X", remote);
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string sl, local_address, remote_address, state, queues;
    fields >> sl >> local_address >> remote_address >> state >> queues;
    if (local_address.size() < 5 || remote_address.size() < 5) continue;
    if (local_address.substr(local_address.size() - 5) != want_local ||
        remote_address.substr(remote_address.size() - 5) != want_remote)
      continue;
    const auto colon = queues.find(':');
    if (colon == std::string::npos) return false;
    tx = std::stoul(queues.substr(0, colon), nullptr, 16);
    rx = std::stoul(queues.substr(colon + 1), nullptr, 16);
    return true;
  }
  return false;
}
}  // namespace

bool peer_read_everything(std::uint16_t server_port, std::uint16_t local_port) {
  unsigned long our_tx = 0, our_rx = 0, their_tx = 0, their_rx = 0;
  return tcp_queues(local_port, server_port, our_tx, our_rx) && tcp_queues(server_port, local_port, their_tx, their_rx) &&
         our_tx == 0 && their_rx == 0;
}

}  // namespace switchyard::integration
