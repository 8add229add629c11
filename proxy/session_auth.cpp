// The session's connection phase: MySQL's greeting to the client, TLS on either leg, and the
// authentication exchange relayed packet by packet (the proxy keeps no passwords).
#include <boost/asio/read.hpp>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "common/log.hpp"
#include "protocol/auth.hpp"
#include "protocol/constants.hpp"
#include "protocol/handshake.hpp"
#include "proxy/capability_policy.hpp"
#include "proxy/session.hpp"

namespace switchyard::proxy {

namespace pr = protocol;

namespace {
constexpr std::size_t max_auth_packet = 1 << 20;  // greetings and auth packets are small
}  // namespace

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
  initial_database_ = std::string(response.database);

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

}  // namespace switchyard::proxy
