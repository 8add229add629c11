#include "proxy/session.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "common/log.hpp"
#include "protocol/constants.hpp"
#include "protocol/auth.hpp"
#include "protocol/handshake.hpp"
#include "proxy/capability_policy.hpp"
#include "proxy/session_registry.hpp"

namespace switchyard::proxy {

namespace pr = protocol;
using clock = std::chrono::steady_clock;

namespace {
constexpr std::size_t initial_buffer = 8 * 1024;
constexpr std::size_t read_chunk = 16 * 1024;
// A response that did not fit one read is likely a result set: read it in bigger pieces, so a
// large result costs fewer system calls (the buffer keeps this size for the session).
constexpr std::size_t large_read_chunk = 128 * 1024;
constexpr std::size_t keep_capacity = 256 * 1024;  // buffers shrink back to this after big messages
constexpr std::size_t max_auth_packet = 1 << 20;   // greetings and auth packets are small
const auto far_future = std::chrono::hours(24 * 365 * 10);

bool is_unsupported(pr::command c) {
  using pr::command;
  switch (c) {
    case command::sleep: case command::connect: case command::time: case command::delayed_insert:
    case command::binlog_dump: case command::table_dump: case command::connect_out:
    case command::register_slave: case command::daemon: case command::binlog_dump_gtid:
    case command::clone:
      return true;
    default:
      return false;
  }
}

std::uint32_t read_u32(pr::bytes_view b, std::size_t at) {
  return b.size() < at + 4 ? 0 : std::uint32_t{b[at]} | std::uint32_t{b[at + 1]} << 8 | std::uint32_t{b[at + 2]} << 16 | std::uint32_t{b[at + 3]} << 24;
}
}  // namespace

session::session(runtime& rt, session_registry& registry, tcp::socket client)
    : rt_(rt),
      registry_(registry),
      id_(rt.next_session_id.fetch_add(1, std::memory_order_relaxed)),
      client_(std::move(client)),
      backend_(tcp::socket(client_.socket().get_executor())),
      client_in_(initial_buffer),
      backend_in_(initial_buffer),
      timer_(client_.socket().get_executor()) {
  registry_.add(this);
  metrics::add(rt_.stats.connections_active);
  boost::system::error_code ec;
  const auto ep = client_.socket().remote_endpoint(ec);
  peer_ = ec ? "?" : str_cat(ep.address().to_string(), ":", ep.port());
}

session::~session() {
  registry_.remove(this);
  metrics::add(rt_.stats.connections_active, -1);
}

void session::start() {
  auto self = shared_from_this();
  asio::co_spawn(client_.socket().get_executor(), [self]() { return self->run(); }, asio::detached);
  asio::co_spawn(client_.socket().get_executor(), [self]() { return self->watchdog(); }, asio::detached);
}

void session::set_phase(phase p) {
  phase_ = p;
  const auto& s = rt_.settings.proxy;
  std::chrono::milliseconds limit{0};
  switch (p) {
    case phase::connecting: limit = s.connect_timeout; break;
    case phase::handshake: limit = s.handshake_timeout; break;
    case phase::idle: limit = s.idle_timeout; break;
    case phase::busy: limit = s.query_timeout.count() ? s.query_timeout : s.idle_timeout; break;
    case phase::closed: break;
  }
  deadline_ = limit.count() ? clock::now() + limit : clock::now() + far_future;
  // The watchdog sleeps until the deadline it armed; an earlier one (a short handshake, idle or
  // query timeout after a longer one) must wake it, or the timeout fires only at the old deadline.
  if (deadline_ < armed_deadline_) timer_.cancel();
}

void session::drain() {
  drain_requested_ = true;
  if (phase_ == phase::idle || phase_ == phase::handshake || phase_ == phase::connecting) {
    metrics::add(rt_.stats.shutdown_closed);
    abort("shutdown");
  }
}

void session::abort(std::string_view reason) {
  if (closed_) return;
  SY_LOG(info, id_, "closing: ", reason);
  close_all();
}

void session::close_all() {
  closed_ = true;
  phase_ = phase::closed;
  client_.close();
  backend_.close();
  timer_.cancel();
}

asio::awaitable<void> session::watchdog() {
  auto self = shared_from_this();
  while (!closed_) {
    armed_deadline_ = deadline_;
    timer_.expires_at(armed_deadline_);
    auto [ec] = co_await timer_.async_wait(use_nothrow);
    if (closed_) break;
    if (clock::now() < deadline_) continue;  // the deadline moved while we slept
    switch (phase_) {
      case phase::connecting: metrics::add(rt_.stats.timeouts_connect); break;
      case phase::handshake: metrics::add(rt_.stats.timeouts_handshake); break;
      case phase::idle: metrics::add(rt_.stats.timeouts_idle); break;
      case phase::busy: metrics::add(rt_.stats.timeouts_query); break;
      case phase::closed: break;
    }
    static constexpr const char* names[] = {"connect", "handshake", "idle", "query", "closed"};
    abort(str_cat(names[static_cast<int>(phase_)], " timeout"));
  }
}

asio::awaitable<void> session::run() {
  auto self = shared_from_this();
  metrics::add(rt_.stats.connections_accepted);
  boost::system::error_code ignored;
  client_.socket().set_option(tcp::no_delay(true), ignored);
  SY_LOG(debug, id_, "client connected from ", peer_);
  // (GCC 12 miscompiles co_await inside conditions and &&: results go to locals first.)
  bool ok = co_await connect_backend();
  if (ok) ok = co_await authenticate();
  if (ok) co_await command_loop();
  if (!closed_) close_all();
  if (ok) SY_LOG(info, id_, "session of '", user_, "' ended after ", commands_, " command(s)");
  else SY_LOG(debug, id_, "session ended before authentication");
}

asio::awaitable<bool> session::connect_backend() {
  set_phase(phase::connecting);
  const auto& target = rt_.settings.mysql.address;
  const std::string where = config::to_string(target);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(target.host, ec);
  if (!ec) {
    // An IP address needs no resolver (Asio's runs getaddrinfo on a thread of its own).
    auto [cec] = co_await backend_.socket().async_connect(tcp::endpoint(address, target.port), use_nothrow);
    ec = cec;
  } else {
    tcp::resolver resolver(client_.socket().get_executor());
    auto [rec, endpoints] = co_await resolver.async_resolve(target.host, std::to_string(target.port),
                                                            tcp::resolver::numeric_service, use_nothrow);
    ec = rec;
    if (!ec) {
      auto [cec, ep] = co_await asio::async_connect(backend_.socket(), endpoints, use_nothrow);
      ec = cec;
    }
  }
  if (ec || closed_) {
    metrics::add(rt_.stats.backend_connect_failures);
    const std::string why = closed_ ? "connect timeout" : ec.message();
    SY_LOG(warn, id_, "cannot connect to MySQL at ", where, ": ", why);
    if (!closed_) co_await send_error_and_close(0, errors::cannot_connect(where, why), false);
    co_return false;
  }
  backend_.socket().set_option(tcp::no_delay(true), ec);
  // Asio watches a connecting socket for writability and keeps watching it afterwards, so every
  // ACK from MySQL would wake the event loop for nothing. Registering the descriptor anew
  // leaves only the read interest, as on accepted sockets.
  const auto protocol = backend_.socket().local_endpoint(ec).protocol();
  if (!ec) {
    const auto fd = backend_.socket().release(ec);
    if (!ec) backend_.socket().assign(protocol, fd, ec);
  }
  if (ec) {
    metrics::add(rt_.stats.backend_connect_failures);
    SY_LOG(warn, id_, "cannot take over the MySQL connection's descriptor: ", ec.message());
    close_all();
    co_return false;
  }
  co_return true;
}

asio::awaitable<session::read_status> session::read_message(duplex_stream& from, io_buffer& buffer,
                                                            std::uint8_t expected_seq, std::size_t max_payload,
                                                            message& out) {
  while (true) {
    out.scan = pr::scan_message(buffer.readable(), expected_seq, max_payload);
    if (out.scan.error == pr::errc::ok) {
      out.wire = buffer.readable().first(out.scan.wire_size);
      if (out.scan.split()) {
        scratch_.clear();
        pr::join_payload(out.wire, scratch_);
        out.payload = scratch_;
      } else {
        out.payload = out.scan.single_payload;
      }
      co_return read_status::ok;
    }
    if (out.scan.error == pr::errc::bad_sequence) co_return read_status::bad_sequence;
    if (out.scan.error == pr::errc::too_large) co_return read_status::too_large;
    auto [ec, n] = co_await from.read_some(buffer.prepare(read_chunk));
    if (ec || n == 0) co_return read_status::closed;
    buffer.commit(n);
    if (&buffer == &client_in_) metrics::add(rt_.stats.client_bytes_in, static_cast<std::int64_t>(n));
  }
}

// The client's first packet is read exactly, never a byte more: when it is an SSLRequest, the
// TLS handshake that follows in the same TCP segment belongs to the TLS engine, which reads the
// socket itself.
asio::awaitable<session::read_status> session::read_first_client_packet(message& out) {
  auto header = client_in_.prepare(pr::packet_header_size);
  auto [hec, hn] = co_await asio::async_read(client_.socket(), asio::buffer(header.data(), pr::packet_header_size), use_nothrow);
  if (hec) co_return read_status::closed;
  client_in_.commit(pr::packet_header_size);
  const pr::packet_header h = pr::decode_packet_header(client_in_.readable().data());
  if (h.sequence_id != 1) co_return read_status::bad_sequence;
  if (h.payload_length >= pr::max_packet_payload || h.payload_length > max_auth_packet) co_return read_status::too_large;
  auto body = client_in_.prepare(h.payload_length);
  auto [bec, bn] = co_await asio::async_read(client_.socket(), asio::buffer(body.data(), h.payload_length), use_nothrow);
  if (bec) co_return read_status::closed;
  client_in_.commit(h.payload_length);
  metrics::add(rt_.stats.client_bytes_in, static_cast<std::int64_t>(pr::packet_header_size + h.payload_length));
  co_return co_await read_message(client_, client_in_, 1, max_auth_packet, out);
}

asio::awaitable<bool> session::forward(duplex_stream& to, const message& m, std::uint8_t first_seq) {
  if (first_seq == m.wire[3] && !m.scan.split()) {
    const auto ec = co_await to.write(asio::buffer(m.wire.data(), m.wire.size()));
    co_return !ec;
  }
  scratch_.clear();
  pr::append_message(scratch_, m.payload, first_seq);
  const auto ec = co_await to.write(asio::buffer(scratch_));
  co_return !ec;
}

asio::awaitable<bool> session::send_to_client(pr::bytes_view bytes) {
  if (bytes.empty()) co_return true;
  const auto ec = co_await client_.write(asio::buffer(bytes.data(), bytes.size()));
  if (ec) co_return false;
  metrics::add(rt_.stats.client_bytes_out, static_cast<std::int64_t>(bytes.size()));
  co_return true;
}

asio::awaitable<void> session::send_error_and_close(std::uint8_t seq, const mysql_error& e, bool with_sqlstate) {
  const pr::bytes packet = err_packet(seq, e, with_sqlstate);
  co_await send_to_client(packet);
  close_all();
}

// The connection phase. MySQL's greeting goes to the client with the capabilities the proxy
// cannot relay masked; the scramble passes unchanged, so the client's answer is valid for MySQL.
asio::awaitable<bool> session::authenticate() {
  set_phase(phase::handshake);
  message greeting;
  read_status rs = co_await read_message(backend_, backend_in_, 0, max_auth_packet, greeting);
  if (rs != read_status::ok) {
    metrics::add(rt_.stats.backend_failures);
    if (!closed_) co_await send_error_and_close(0, errors::cannot_connect(config::to_string(rt_.settings.mysql.address), "no greeting"), false);
    co_return false;
  }
  if (!greeting.payload.empty() && greeting.payload[0] == pr::err_header) {
    // MySQL refuses before the handshake (too many connections, host blocked): pass it on.
    metrics::add(rt_.stats.backend_failures);
    co_await send_to_client(greeting.wire);
    close_all();
    co_return false;
  }
  pr::handshake_v10 hello;
  if (pr::decode_handshake_v10(greeting.payload, hello) != pr::errc::ok) {
    metrics::add(rt_.stats.backend_protocol_errors);
    SY_LOG(error, id_, "MySQL's greeting did not decode");
    co_await send_error_and_close(0, errors::cannot_connect(config::to_string(rt_.settings.mysql.address), "bad greeting"), false);
    co_return false;
  }
  const std::uint32_t server_caps = hello.capabilities;
  scramble_ = hello.scramble();
  auth_plugin_ = std::string(hello.auth_plugin_name);
  const std::uint32_t offered = client_facing_capabilities(server_caps, rt_.client_tls != nullptr);
  hello.capabilities = offered;
  const std::uint32_t offered_mariadb = hello.mariadb_capabilities & relayed_mariadb_capabilities;
  hello.mariadb_capabilities = offered_mariadb;
  pr::bytes hello_payload;
  pr::encode_handshake_v10(hello, hello_payload);
  backend_in_.consume(greeting.scan.wire_size);
  {
    pr::bytes framed;
    std::uint8_t seq = 0;
    pr::append_message(framed, hello_payload, seq);
    const bool sent = co_await send_to_client(framed);
    if (!sent) co_return false;
  }

  // The client's answer: an SSLRequest first if it wants TLS.
  message answer;
  std::uint8_t client_seq = 1;
  rs = co_await read_first_client_packet(answer);
  if (rs != read_status::ok) {
    if (rs == read_status::bad_sequence) metrics::add(rt_.stats.bad_sequence_ids);
    if (rs == read_status::too_large) metrics::add(rt_.stats.malformed_packets);
    if (rs != read_status::closed) co_await send_error_and_close(2, errors::bad_handshake(), false);
    co_return false;
  }
  if (pr::is_ssl_request(answer.payload)) {
    if (!rt_.client_tls) {
      metrics::add(rt_.stats.malformed_packets);
      co_await send_error_and_close(2, errors::bad_handshake(), false);
      co_return false;
    }
    client_in_.consume(answer.scan.wire_size);
    const auto ec = co_await client_.start_tls(*rt_.client_tls, asio::ssl::stream_base::server);
    if (ec) {
      metrics::add(rt_.stats.tls_handshake_failures);
      SY_LOG(warn, id_, "client TLS handshake failed: ", ec.message());
      close_all();
      co_return false;
    }
    metrics::add(rt_.stats.tls_handshakes);
    client_seq = 2;
    rs = co_await read_message(client_, client_in_, client_seq, max_auth_packet, answer);
    if (rs != read_status::ok) {
      if (rs != read_status::closed) co_await send_error_and_close(3, errors::bad_handshake(), false);
      co_return false;
    }
  } else if (rt_.settings.client_tls.required) {
    metrics::add(rt_.stats.tls_required_refusals);
    SY_LOG(info, id_, "refused a client without TLS (client_tls.required)");
    co_await send_error_and_close(2, errors::insecure_transport());
    co_return false;
  }

  pr::handshake_response_41 response;
  if (pr::decode_handshake_response_41(answer.payload, response) != pr::errc::ok) {
    // The proxy needs only the fixed part and the user name; MySQL tolerates some sloppiness in
    // the optional tail that the strict decoder does not, so MySQL stays the judge of that.
    pr::byte_reader prefix(answer.payload);
    response.capabilities = prefix.u32();
    response.max_packet_size = prefix.u32();
    response.character_set = prefix.u8();
    prefix.skip(23);
    response.username = prefix.null_string();
    if (!prefix.ok() || !(response.capabilities & cap::protocol_41)) {
      metrics::add(rt_.stats.malformed_packets);
      SY_LOG(warn, id_, "client handshake response is malformed");
      co_await send_error_and_close(static_cast<std::uint8_t>(client_seq + 1), errors::bad_handshake());
      co_return false;
    }
    SY_LOG(debug, id_, "client handshake response has an irregular tail; relaying it for MySQL to judge");
  }
  user_ = std::string(response.username);

  // The proxy's own leg to MySQL: TLS when configured and MySQL offers it.
  const auto mode = rt_.settings.mysql.tls;
  const bool backend_tls = rt_.backend_tls && (server_caps & cap::ssl);
  if (mode == config::backend_tls::required && !backend_tls) {
    co_await send_error_and_close(static_cast<std::uint8_t>(client_seq + 1),
                                  errors::backend_tls_failed("MySQL does not offer TLS (mysql.tls = required)"));
    co_return false;
  }
  capabilities_ = backend_facing_capabilities(response.capabilities, offered, backend_tls);
  // MariaDB's extended capabilities sit in the filler's last 4 bytes, which MySQL clients leave
  // zero; the greeting said which ones a client may ask for.
  {
    pr::byte_reader filler(answer.payload.subspan(28, 4));
    mariadb_capabilities_ = (cap::long_password & server_caps) ? 0 : filler.u32() & offered_mariadb;
  }
  std::uint8_t server_seq = 1;
  if (backend_tls) {
    // MariaDB takes the extended capabilities from this packet, so they must match the answer's.
    pr::ssl_request req{capabilities_, response.max_packet_size, response.character_set, mariadb_capabilities_};
    pr::bytes payload, framed;
    pr::encode_ssl_request(req, payload);
    pr::append_message(framed, payload, server_seq);
    const auto wec = co_await backend_.write(asio::buffer(framed));
    if (wec) { close_all(); co_return false; }
    const auto& verify_name = rt_.settings.mysql.tls_verify_identity ? rt_.settings.mysql.address.host : std::string();
    const auto ec = co_await backend_.start_tls(*rt_.backend_tls, asio::ssl::stream_base::client, verify_name);
    if (ec) {
      SY_LOG(error, id_, "TLS handshake with MySQL failed: ", ec.message());
      metrics::add(rt_.stats.backend_failures);
      co_await send_error_and_close(static_cast<std::uint8_t>(client_seq + 1), errors::backend_tls_failed(ec.message()));
      co_return false;
    }
  }
  // Forward the answer with only the capability words changed.
  scratch_.assign(answer.payload.begin(), answer.payload.end());
  for (int i = 0; i < 4; ++i) scratch_[i] = static_cast<std::uint8_t>(capabilities_ >> (8 * i));
  for (int i = 0; i < 4; ++i) scratch_[28 + i] = static_cast<std::uint8_t>(mariadb_capabilities_ >> (8 * i));
  {
    pr::bytes framed;
    std::uint8_t seq = server_seq;
    pr::append_message(framed, scratch_, seq);
    const auto wec = co_await backend_.write(asio::buffer(framed));
    if (wec) {
      metrics::add(rt_.stats.backend_failures);
      co_await send_error_and_close(static_cast<std::uint8_t>(client_seq + 1), errors::server_lost());
      co_return false;
    }
  }
  client_in_.consume(answer.scan.wire_size);
  const int client_offset = static_cast<int>(client_seq) - static_cast<int>(server_seq);
  const auth_outcome outcome = co_await relay_auth_exchange(static_cast<std::uint8_t>(server_seq + 1), client_offset);
  if (outcome != auth_outcome::accepted) {
    if (outcome == auth_outcome::refused) {
      metrics::add(rt_.stats.auth_failures);
      SY_LOG(info, id_, "MySQL refused user '", user_, "' from ", peer_);
    }
    close_all();
    co_return false;
  }
  metrics::add(rt_.stats.sessions_authenticated);
  SY_LOG(info, id_, "user '", user_, "' from ", peer_, " authenticated",
         client_.is_tls() ? str_cat(" (client TLS: ", client_.tls_description(), ")") : std::string());
  co_return true;
}

// Relays authentication packets until MySQL answers OK or ERR. On the backend leg they carry
// `server_seq`..., on the client leg they are shifted by `client_offset` (TLS on one leg only
// adds a packet to that leg).
asio::awaitable<session::auth_outcome> session::relay_auth_exchange(std::uint8_t server_seq, int client_offset) {
  while (true) {
    message from_server;
    const read_status rs = co_await read_message(backend_, backend_in_, server_seq, max_auth_packet, from_server);
    if (rs != read_status::ok) {
      metrics::add(rt_.stats.backend_failures);
      co_return auth_outcome::broken;
    }
    if (from_server.payload.empty()) {
      metrics::add(rt_.stats.backend_protocol_errors);
      co_return auth_outcome::broken;
    }
    const std::uint8_t first = from_server.payload[0];
    // caching_sha2_password's "fast auth succeeded": MySQL's OK follows without a client turn.
    const bool client_turn = !(first == pr::auth_more_data_header && from_server.payload.size() == 2 &&
                               from_server.payload[1] == 0x03);
    const auto to_client_seq = static_cast<std::uint8_t>(server_seq + client_offset);
    const bool relayed = co_await forward(client_, from_server, to_client_seq);
    if (!relayed) co_return auth_outcome::broken;
    server_seq = from_server.scan.next_sequence_id;
    backend_in_.consume(from_server.scan.wire_size);
    if (first == pr::ok_header) co_return auth_outcome::accepted;
    if (first == pr::err_header) co_return auth_outcome::refused;
    if (first == pr::eof_header) {  // AuthSwitchRequest: a new plugin and scramble
      pr::auth_switch_request sw;
      if (pr::decode_auth_switch_request(from_server.payload, sw) == pr::errc::ok) {
        auth_plugin_ = std::string(sw.plugin_name);
        scramble_ = std::string(sw.scramble());
      }
    }
    const bool full_auth_requested = first == pr::auth_more_data_header && from_server.payload.size() == 2 &&
                                     from_server.payload[1] == pr::caching_sha2::perform_full_authentication;
    if (!client_turn) continue;

    message from_client;
    const auto expected = static_cast<std::uint8_t>(server_seq + client_offset);
    const read_status cs = co_await read_message(client_, client_in_, expected, max_auth_packet, from_client);
    if (cs != read_status::ok) {
      if (cs == read_status::bad_sequence) metrics::add(rt_.stats.bad_sequence_ids);
      co_return auth_outcome::broken;
    }
    // caching_sha2_password full authentication: a client on TLS sends its password in clear,
    // which MySQL refuses on the proxy's plain leg; the proxy encrypts it with MySQL's RSA key.
    if (full_auth_requested && client_.is_tls() && !backend_.is_tls() &&
        auth_plugin_ == pr::auth_plugin::caching_sha2_password && !from_client.payload.empty() &&
        from_client.payload[0] != pr::caching_sha2::request_public_key) {
      std::string password(pr::as_chars(from_client.payload));
      if (!password.empty() && password.back() == '\0') password.pop_back();
      client_in_.consume(from_client.scan.wire_size);
      const std::uint8_t client_next = from_client.scan.next_sequence_id;
      const auto sent = co_await send_password_with_rsa(password, server_seq);
      if (!sent) co_return auth_outcome::broken;
      server_seq = *sent;
      client_offset = static_cast<int>(client_next) - static_cast<int>(server_seq);
      continue;
    }
    // The mirror case: a plain client asks for the RSA public key while the proxy's leg to MySQL
    // is TLS, where MySQL takes whatever comes for the password in clear -- this request too, so
    // relaying it fails the login. The proxy answers with its own key instead, decrypts
    // the client's password and sends it to MySQL in clear, inside TLS. (A client that already
    // holds MySQL's key file sends a ciphertext at once; only MySQL could decrypt that, and on
    // TLS it does not try.)
    if (full_auth_requested && !client_.is_tls() && backend_.is_tls() &&
        auth_plugin_ == pr::auth_plugin::caching_sha2_password && !rt_.rsa_private_key_pem.empty() &&
        from_client.payload.size() == 1 && from_client.payload[0] == pr::caching_sha2::request_public_key) {
      client_in_.consume(from_client.scan.wire_size);
      const auto client_next = co_await receive_password_with_rsa(from_client.scan.next_sequence_id, server_seq);
      if (!client_next) co_return auth_outcome::broken;
      server_seq = static_cast<std::uint8_t>(server_seq + 1);  // MySQL's verdict
      client_offset = static_cast<int>(*client_next) - static_cast<int>(server_seq);
      continue;
    }
    const bool answered = co_await forward(backend_, from_client, server_seq);
    if (!answered) co_return auth_outcome::broken;
    server_seq = static_cast<std::uint8_t>(from_client.scan.next_sequence_id - client_offset);
    client_in_.consume(from_client.scan.wire_size);
  }
}

// Asks MySQL for its RSA public key and sends it the password encrypted with it. Returns the
// sequence id MySQL's next packet carries, or nothing when the exchange failed.
asio::awaitable<std::optional<std::uint8_t>> session::send_password_with_rsa(const std::string& password,
                                                                             std::uint8_t server_seq) {
  pr::bytes framed;
  const std::uint8_t ask[] = {pr::caching_sha2::request_public_key};
  pr::append_message(framed, ask, server_seq);
  const auto wec = co_await backend_.write(asio::buffer(framed));
  if (wec) co_return std::nullopt;
  message key_message;
  const read_status rs = co_await read_message(backend_, backend_in_, server_seq, max_auth_packet, key_message);
  pr::auth_more_data key;
  if (rs != read_status::ok || pr::decode_auth_more_data(key_message.payload, key) != pr::errc::ok) {
    metrics::add(rt_.stats.backend_protocol_errors);
    co_return std::nullopt;
  }
  server_seq = key_message.scan.next_sequence_id;
  const std::string pem(key.data);
  backend_in_.consume(key_message.scan.wire_size);
  pr::sha1_digest seed{};
  RAND_bytes(seed.data(), static_cast<int>(seed.size()));
  std::string encrypted;
  if (pr::rsa_encrypt_password(password, scramble_, pem, seed, encrypted) != pr::errc::ok) {
    SY_LOG(error, id_, "MySQL's RSA public key did not parse; cannot relay caching_sha2_password full authentication");
    co_return std::nullopt;
  }
  framed.clear();
  pr::append_message(framed, pr::as_bytes(encrypted), server_seq);
  const auto sec = co_await backend_.write(asio::buffer(framed));
  if (sec) co_return std::nullopt;
  co_return server_seq;
}

// Sends a plain client the proxy's RSA public key (numbered `client_seq`), decrypts the password
// it answers with, and sends that to MySQL over TLS (numbered `server_seq`). Returns the sequence
// id the client's leg continues with, or nothing when the exchange failed.
asio::awaitable<std::optional<std::uint8_t>> session::receive_password_with_rsa(std::uint8_t client_seq,
                                                                                std::uint8_t server_seq) {
  pr::bytes payload, framed;
  pr::encode_auth_more_data({rt_.rsa_public_key_pem}, payload);
  pr::append_message(framed, payload, client_seq);
  const bool offered = co_await send_to_client(framed);
  if (!offered) co_return std::nullopt;
  message cipher;
  const read_status rs = co_await read_message(client_, client_in_, client_seq, max_auth_packet, cipher);
  if (rs != read_status::ok) {
    if (rs == read_status::bad_sequence) metrics::add(rt_.stats.bad_sequence_ids);
    co_return std::nullopt;
  }
  std::string password;
  const pr::errc decrypted = pr::rsa_decrypt_password(pr::as_chars(cipher.payload), scramble_, rt_.rsa_private_key_pem, password);
  client_seq = cipher.scan.next_sequence_id;
  client_in_.consume(cipher.scan.wire_size);
  if (decrypted != pr::errc::ok) {
    metrics::add(rt_.stats.malformed_packets);
    SY_LOG(warn, id_, "a client's RSA-encrypted password did not decrypt with the proxy's key");
    co_await send_error_and_close(client_seq, errors::malformed_packet());
    co_return std::nullopt;
  }
  password.push_back('\0');
  framed.clear();
  pr::append_message(framed, pr::as_bytes(password), server_seq);
  OPENSSL_cleanse(password.data(), password.size());
  const auto wec = co_await backend_.write(asio::buffer(framed));
  OPENSSL_cleanse(framed.data(), framed.size());
  if (wec) co_return std::nullopt;
  co_return client_seq;
}

asio::awaitable<void> session::command_loop() {
  while (!closed_) {
    if (drain_requested_) {
      metrics::add(rt_.stats.shutdown_closed);
      abort("shutdown");
      co_return;
    }
    set_phase(phase::idle);
    message m;
    const read_status rs = co_await read_message(client_, client_in_, 0, rt_.settings.proxy.max_allowed_packet, m);
    if (closed_) co_return;
    switch (rs) {
      case read_status::ok: break;
      case read_status::closed:
        if (!client_in_.empty()) {
          metrics::add(rt_.stats.client_aborts);
          SY_LOG(info, id_, "client hung up in the middle of a command");
        }
        co_return;  // hanging up between commands is how many clients leave
      case read_status::bad_sequence:
        metrics::add(rt_.stats.bad_sequence_ids);
        SY_LOG(warn, id_, "client command with a wrong sequence id");
        co_await send_error_and_close(1, errors::packets_out_of_order());
        co_return;
      case read_status::too_large:
        metrics::add(rt_.stats.packets_too_large);
        SY_LOG(warn, id_, "client command over max_allowed_packet (", rt_.settings.proxy.max_allowed_packet, " bytes)");
        co_await send_error_and_close(1, errors::packet_too_large());
        co_return;
    }
    set_phase(phase::busy);
    const bool keep_going = co_await handle_command(m);
    if (!keep_going) co_return;
    client_in_.shrink_to(keep_capacity);
    backend_in_.shrink_to(keep_capacity);
  }
}

std::string_view session::payload_text(const message& m) {
  return pr::as_chars(m.payload.subspan(1));
}

asio::awaitable<bool> session::handle_command(const message& m) {
  if (m.payload.empty()) {
    metrics::add(rt_.stats.malformed_packets);
    SY_LOG(warn, id_, "empty client command");
    co_await send_error_and_close(1, errors::malformed_packet());
    co_return false;
  }
  const auto cmd = static_cast<pr::command>(m.payload[0]);
  metrics::add(rt_.stats.commands_total);
  ++commands_;
  if (is_unsupported(cmd)) {
    metrics::add(rt_.stats.unsupported_commands);
    SY_LOG(info, id_, "refused unsupported command 0x", static_cast<int>(cmd));
    client_in_.consume(m.scan.wire_size);
    const pr::bytes packet = err_packet(1, errors::unknown_command());
    co_return co_await send_to_client(packet);
  }

  // The statement this command runs: the later phases classify, translate and mirror it.
  current_statement_ = {};
  switch (cmd) {
    case pr::command::query:
      metrics::add(rt_.stats.queries_total);
      current_statement_ = payload_text(m);
      break;
    case pr::command::stmt_prepare:
      metrics::add(rt_.stats.prepares_total);
      pending_prepare_.assign(payload_text(m));
      current_statement_ = pending_prepare_;
      break;
    case pr::command::stmt_execute: {
      metrics::add(rt_.stats.executes_total);
      const auto it = statements_.find(read_u32(m.payload, 1));
      if (it != statements_.end()) current_statement_ = it->second;
      break;
    }
    case pr::command::stmt_close: statements_.erase(read_u32(m.payload, 1)); break;
    default: break;
  }
  SY_LOG(debug, id_, "command 0x", static_cast<int>(cmd), current_statement_.empty() ? "" : ": ",
         current_statement_.substr(0, 200));

  // Relay the command's packets exactly as the client sent them.
  const auto wec = co_await backend_.write(asio::buffer(m.wire.data(), m.wire.size()));
  if (wec) {
    metrics::add(rt_.stats.backend_failures);
    SY_LOG(warn, id_, "MySQL connection lost while sending a command");
    close_all();  // as a direct client would, the client sees its connection drop
    co_return false;
  }
  const std::uint8_t next_seq = m.scan.next_sequence_id;
  client_in_.consume(m.scan.wire_size);

  if (cmd == pr::command::quit) {
    close_all();
    co_return false;
  }
  if (cmd == pr::command::change_user) {
    statements_.clear();
    const auth_outcome outcome = co_await relay_auth_exchange(next_seq, 0);
    if (outcome == auth_outcome::broken) {
      close_all();
      co_return false;
    }
    co_return true;
  }

  const bool ok = co_await relay_response(pr::response_kind_of(cmd), next_seq);
  if (!ok) co_return false;
  if (cmd == pr::command::stmt_prepare && !tracker_.saw_error())
    statements_[tracker_.prepared_statement_id()] = std::move(pending_prepare_);
  current_statement_ = {};  // it may point into a buffer the next command reuses
  if (cmd == pr::command::reset_connection && !tracker_.saw_error()) statements_.clear();
  co_return true;
}

// Streams MySQL's response to the client chunk by chunk as it arrives, stopping exactly where
// the tracker says the response ends.
asio::awaitable<bool> session::relay_response(pr::response_kind kind, std::uint8_t first_seq) {
  tracker_.start(kind, capabilities_, mariadb_capabilities_, first_seq);
  if (kind == pr::response_kind::none) co_return true;
  std::size_t reads = 0;
  while (true) {
    if (backend_in_.empty()) {
      auto [ec, n] = co_await backend_.read_some(backend_in_.prepare(reads++ == 0 ? read_chunk : large_read_chunk));
      if (closed_) co_return false;
      if (ec || n == 0) {
        metrics::add(rt_.stats.backend_failures);
        SY_LOG(warn, id_, "MySQL connection lost during a response: ", ec ? ec.message() : "end of stream");
        // Closing shows the client what MySQL going away shows a direct client ("lost
        // connection"); an ERR could not be inserted into a result set under way anyway.
        close_all();
        co_return false;
      }
      backend_in_.commit(n);
      set_phase(phase::busy);
    }
    const pr::bytes_view pending = backend_in_.readable();
    const pr::feed_result r = tracker_.feed(pending);
    if (r.consumed > 0) {
      const bool sent = co_await send_to_client(pending.first(r.consumed));
      if (!sent) {
        metrics::add(rt_.stats.client_aborts);
        SY_LOG(info, id_, "client hung up during a response");
        close_all();
        co_return false;
      }
      backend_in_.consume(r.consumed);
    }
    switch (r.status) {
      case pr::tracker_status::need_more: continue;
      case pr::tracker_status::done:
        if (!backend_in_.empty()) {
          metrics::add(rt_.stats.backend_protocol_errors);
          SY_LOG(error, id_, "MySQL sent bytes after the end of a response; closing");
          close_all();
          co_return false;
        }
        co_return true;
      case pr::tracker_status::local_infile:
        {
          const bool relayed = co_await relay_local_infile();
          if (!relayed) co_return false;
        }
        continue;
      case pr::tracker_status::protocol_error:
        metrics::add(rt_.stats.backend_protocol_errors);
        SY_LOG(error, id_, "MySQL's response broke the protocol; closing");
        close_all();
        co_return false;
    }
  }
}

// Reads what the client sent next into client_in_; a client that hangs up mid-command closes
// the session.
asio::awaitable<bool> session::read_more_from_client() {
  auto [ec, n] = co_await client_.read_some(client_in_.prepare(read_chunk));
  if (ec || n == 0) {
    metrics::add(rt_.stats.client_aborts);
    close_all();
    co_return false;
  }
  client_in_.commit(n);
  metrics::add(rt_.stats.client_bytes_in, static_cast<std::int64_t>(n));
  co_return true;
}

// LOAD DATA LOCAL INFILE: the client sends the file as packets continuing the sequence and
// ends it with an empty packet; each is relayed as it arrives.
asio::awaitable<bool> session::relay_local_infile() {
  std::uint8_t seq = tracker_.next_sequence_id();
  while (true) {
    while (client_in_.readable().size() < pr::packet_header_size) {
      const bool more = co_await read_more_from_client();
      if (!more) co_return false;
    }
    const pr::packet_header h = pr::decode_packet_header(client_in_.readable().data());
    if (h.sequence_id != seq) {
      metrics::add(rt_.stats.bad_sequence_ids);
      SY_LOG(warn, id_, "LOCAL INFILE packet with a wrong sequence id");
      close_all();
      co_return false;
    }
    ++seq;
    std::size_t left = pr::packet_header_size + h.payload_length;
    while (left > 0) {
      if (client_in_.empty()) {
        const bool more = co_await read_more_from_client();
        if (!more) co_return false;
      }
      const auto chunk = client_in_.readable().first(std::min(left, client_in_.readable().size()));
      const auto wec = co_await backend_.write(asio::buffer(chunk.data(), chunk.size()));
      if (wec) {
        metrics::add(rt_.stats.backend_failures);
        close_all();
        co_return false;
      }
      client_in_.consume(chunk.size());
      left -= chunk.size();
    }
    if (h.payload_length == 0) break;
  }
  tracker_.resume_after_local_infile(seq);
  co_return true;
}

void session_registry::drain_all() {
  for (session* s : snapshot()) s->drain();
}

void session_registry::abort_all(std::string_view reason) {
  for (session* s : snapshot()) s->abort(reason);
}

}  // namespace switchyard::proxy
