#include "tests/integration/scripted_mysql8_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <stdexcept>

#include "common/str_cat.hpp"
#include "protocol/auth.hpp"
#include "protocol/framing.hpp"
#include "protocol/handshake.hpp"
#include "unit/protocol/fixture.hpp"

namespace switchyard::integration {

namespace pr = protocol;
namespace cap = protocol::capability;
using pr::bytes;
using pr::bytes_view;
using pr::test::from_hex;

namespace {

constexpr std::string_view caching_sha2 = pr::auth_plugin::caching_sha2_password;

bytes text_bytes(std::string_view s) { return bytes(s.begin(), s.end()); }

bytes join(std::initializer_list<bytes_view> parts) {
  bytes out;
  for (const bytes_view p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// ---- RSA key pair, shared by every server of the process (RSA 2048 takes a moment to make) ----

struct rsa_key {
  EVP_PKEY* key = nullptr;
  std::string public_pem;
};

const rsa_key& server_key() {
  static const rsa_key k = [] {
    rsa_key r;
    r.key = EVP_RSA_gen(2048);
    if (!r.key) throw std::runtime_error("OpenSSL: cannot make an RSA key");
    BIO* bio = BIO_new(BIO_s_mem());
    if (!bio || PEM_write_bio_PUBKEY(bio, r.key) != 1) throw std::runtime_error("OpenSSL: cannot write the public key");
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    r.public_pem.assign(data, static_cast<std::size_t>(n));
    BIO_free(bio);
    return r;
  }();
  return k;
}

// RSA-OAEP (SHA-1, MGF1-SHA-1), as MySQL's caching_sha2_password decrypts; nullopt when the
// ciphertext does not decrypt.
std::optional<bytes> rsa_oaep_decrypt(bytes_view cipher) {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(server_key().key, nullptr);
  std::optional<bytes> out;
  std::size_t size = 0;
  if (ctx && EVP_PKEY_decrypt_init(ctx) == 1 && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) == 1 &&
      EVP_PKEY_decrypt(ctx, nullptr, &size, cipher.data(), cipher.size()) == 1) {
    bytes plain(size);
    if (EVP_PKEY_decrypt(ctx, plain.data(), &size, cipher.data(), cipher.size()) == 1) {
      plain.resize(size);
      out = std::move(plain);
    }
  }
  EVP_PKEY_CTX_free(ctx);
  ERR_clear_error();
  return out;
}

// MySQL's scrambles are 20 printable-ish bytes without NUL or '$' (generate_user_salt).
std::string make_scramble() {
  std::string s(pr::scramble_size, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(s.data()), static_cast<int>(s.size()));
  for (char& c : s) {
    c = static_cast<char>(static_cast<unsigned char>(c) & 0x7f);
    if (c == '\0' || c == '$') c = 'x';
  }
  return s;
}

// ---- Packets built by hand (not with the proxy's codecs, which are what is under test) ----

bytes greeting_payload(std::uint32_t connection_id, std::string_view scramble, std::uint32_t caps,
                       std::string_view plugin) {
  bytes out;
  pr::byte_writer w(out);
  w.u8(10);
  w.null_string(mysql8::server_version);
  w.u32(connection_id);
  w.raw(scramble.substr(0, 8));
  w.u8(0);
  w.u16(static_cast<std::uint16_t>(caps));
  w.u8(mysql8::character_set);
  w.u16(mysql8::status_autocommit);
  w.u16(static_cast<std::uint16_t>(caps >> 16));
  w.u8(static_cast<std::uint8_t>(scramble.size() + 1));
  w.zeros(10);
  w.raw(scramble.substr(8));
  w.u8(0);
  w.null_string(plugin);
  return out;
}

bytes ok_payload(std::uint64_t affected = 0, std::uint64_t insert_id = 0) {
  bytes out;
  pr::byte_writer w(out);
  w.u8(0x00);
  w.lenenc_int(affected);
  w.lenenc_int(insert_id);
  w.u16(mysql8::status_autocommit);
  w.u16(0);
  return out;
}

bytes err_payload(std::uint16_t code, std::string_view sqlstate, std::string_view message) {
  bytes out;
  pr::byte_writer w(out);
  w.u8(0xff);
  w.u16(code);
  w.u8('#');
  w.raw(sqlstate);
  w.raw(message);
  return out;
}

// The end of a result set or an EOF-answered command: the classic EOF, or under
// CLIENT_DEPRECATE_EOF an OK packet with the EOF header.
bytes eof_or_ok(std::uint32_t caps, std::uint16_t status) {
  bytes out;
  pr::byte_writer w(out);
  w.u8(0xfe);
  if (caps & cap::deprecate_eof) {
    w.u8(0);
    w.u8(0);
    w.u16(status);
    w.u16(0);
  } else {
    w.u16(0);
    w.u16(status);
  }
  return out;
}

// ---- COM_QUERY fixtures: MySQL 8.0.36's answers, payload by payload ----

enum class format : std::uint8_t { both, classic_only, deprecate_eof_only };

struct fixture_packet {
  format when;
  bytes payload;
};

struct query_fixture {
  std::string_view query;
  bool multi_statement;  // needs CLIENT_MULTI_STATEMENTS
  std::vector<fixture_packet> packets;
};

fixture_packet both(std::string_view hex) { return {format::both, from_hex(hex)}; }
fixture_packet both(bytes b) { return {format::both, std::move(b)}; }
fixture_packet classic(std::string_view hex) { return {format::classic_only, from_hex(hex)}; }
fixture_packet deprecate(std::string_view hex) { return {format::deprecate_eof_only, from_hex(hex)}; }

const std::vector<query_fixture>& query_fixtures() {
  // Column definitions: catalog, schema, table, org_table, name, org_name, 0x0c, character set,
  // length, type, flags, decimals, 2 filler bytes.
  static constexpr std::string_view col_1 = "03646566 00 00 00 0131 00 0c 3f00 01000000 08 8100 00 0000";
  static constexpr std::string_view col_a = "03646566 00 00 00 0161 00 0c 3f00 01000000 08 8100 00 0000";
  static constexpr std::string_view col_b = "03646566 00 00 00 0162 00 0c ff00 0c000000 fd 0100 1f 0000";
  static constexpr std::string_view col_id =
      "03646566 09 69745f6d7973716c38 0174 0174 026964 026964 0c 3f00 0b000000 03 0342 00 0000";
  static constexpr std::string_view col_name =
      "03646566 09 69745f6d7973716c38 0174 0174 046e616d65 046e616d65 0c ff00 fc030000 fd 0000 00 0000";
  static constexpr std::string_view col_c = "03646566 00 00 00 0163 00 0c ff00 1c000000 fd 0100 1f 0000";
  static const std::vector<query_fixture> table = [] {
    std::vector<query_fixture> t;
    t.push_back({"SELECT 1", false,
                 {both("01"), both(col_1), classic("fe 0000 0200"), both("0131"), classic("fe 0000 0200"),
                  deprecate("fe 00 00 0200 0000")}});
    // Two columns from a table, a NULL, and a value long enough for a 3-byte length.
    t.push_back({"SELECT id, name FROM t", false,
                 {both("02"), both(col_id), both(col_name), classic("fe 0000 2200"), both("0131 05616c706861"),
                  both("0132 fb"), both(join({from_hex("0133 fc2c01"), bytes(300, 'x')})),
                  classic("fe 0000 2200"), deprecate("fe 00 00 2200 0000")}});
    t.push_back({"SELECT id FROM t WHERE id < 0", false,
                 {both("01"), both(col_id), classic("fe 0000 2200"), classic("fe 0000 2200"),
                  deprecate("fe 00 00 2200 0000")}});
    // A procedure with two SELECTs: each result set says more follow, then the CALL's own OK.
    t.push_back({"CALL two_results()", false,
                 {both("01"), both(col_a), classic("fe 0000 0a00"), both("0131"), classic("fe 0000 0a00"),
                  deprecate("fe 00 00 0a00 0000"), both("01"), both(col_b), classic("fe 0000 0a00"),
                  both("0374776f"), classic("fe 0000 0a00"), deprecate("fe 00 00 0a00 0000"),
                  both("00 00 00 0200 0000")}});
    t.push_back({"SELECT 1 AS a; SELECT 'two' AS b", true,
                 {both("01"), both(col_a), classic("fe 0000 0a00"), both("0131"), classic("fe 0000 0a00"),
                  deprecate("fe 00 00 0a00 0000"), both("01"), both(col_b), classic("fe 0000 0200"),
                  both("0374776f"), classic("fe 0000 0200"), deprecate("fe 00 00 0200 0000")}});
    t.push_back({"SELECT boom", false,
                 {both(err_payload(1054, "42S22", "Unknown column 'boom' in 'field list'"))}});
    t.push_back({"SELECT 1 AS a; SELECT boom", true,
                 {both("01"), both(col_a), classic("fe 0000 0a00"), both("0131"), classic("fe 0000 0a00"),
                  deprecate("fe 00 00 0a00 0000"),
                  both(err_payload(1054, "42S22", "Unknown column 'boom' in 'field list'"))}});
    t.push_back({"INSERT INTO t (name) VALUES ('d'),('e')", false,
                 {both(join({from_hex("00 02 04 0200 0000 26"), text_bytes("Records: 2  Duplicates: 0  Warnings: 0")}))}});
    // Inside a transaction with session tracking: under DEPRECATE_EOF the terminator carries the
    // transaction state, 20 bytes -- longer than any classic EOF, yet not a row.
    t.push_back({"SELECT 'tracked' AS c", false,
                 {both("01"), both(col_c), classic("fe 0000 0340"), both("07747261636b6564"), classic("fe 0000 0340"),
                  deprecate("fe 00 00 0340 0000 00 0b 05 09 08 545f525f5f5f535f")}});
    return t;
  }();
  return table;
}

const query_fixture* find_fixture(std::string_view query) {
  for (const query_fixture& f : query_fixtures())
    if (f.query == query) return &f;
  return nullptr;
}

// The one prepared statement: SELECT ? AS echo.
constexpr std::string_view echo_statement = "SELECT ? AS echo";
constexpr std::string_view echo_param_def = "03646566 00 00 00 013f 00 0c 3f00 00000000 fd 8000 00 0000";
constexpr std::string_view echo_column_def = "03646566 00 00 00 046563686f 00 0c ff00 00000000 fd 0000 1f 0000";

bool is_lenenc_type(std::uint8_t type) {
  switch (type) {
    case 0x0f: case 0xf5: case 0xf6: case 0xf9: case 0xfa: case 0xfb: case 0xfc: case 0xfd: case 0xfe: return true;
    default: return false;
  }
}

}  // namespace

std::vector<bytes> scripted_mysql8_server::fixture_response(std::string_view query, std::uint32_t capabilities) {
  std::vector<bytes> out;
  const query_fixture* f = find_fixture(query);
  if (!f) return out;
  const bool deprecate_eof = capabilities & cap::deprecate_eof;
  for (const fixture_packet& p : f->packets) {
    if (p.when == format::classic_only && deprecate_eof) continue;
    if (p.when == format::deprecate_eof_only && !deprecate_eof) continue;
    out.push_back(p.payload);
  }
  return out;
}

const std::string& scripted_mysql8_server::public_key_pem() { return server_key().public_pem; }

// ---- Packets over a blocking socket, plain or TLS ----

blocking_packet_stream::~blocking_packet_stream() {
  if (ssl_) SSL_free(ssl_);
  if (client_context_) SSL_CTX_free(client_context_);
}

bool blocking_packet_stream::start_tls_server(SSL_CTX* context) {
  ssl_ = SSL_new(context);
  const bool ok = ssl_ && SSL_set_fd(ssl_, fd_) == 1 && SSL_accept(ssl_) == 1;
  ERR_clear_error();
  return ok;
}

bool blocking_packet_stream::start_tls_client() {
  client_context_ = SSL_CTX_new(TLS_client_method());
  ssl_ = client_context_ ? SSL_new(client_context_) : nullptr;
  const bool ok = ssl_ && SSL_set_fd(ssl_, fd_) == 1 && SSL_connect(ssl_) == 1;
  ERR_clear_error();
  return ok;
}

bool blocking_packet_stream::read_exact(std::uint8_t* p, std::size_t n) {
  while (n > 0) {
    const long got = ssl_ ? SSL_read(ssl_, p, static_cast<int>(n)) : ::recv(fd_, p, n, 0);
    if (got <= 0) {
      if (!ssl_ && got < 0 && errno == EINTR) continue;
      return false;
    }
    p += got;
    n -= static_cast<std::size_t>(got);
  }
  return true;
}

bool blocking_packet_stream::write_all(bytes_view b) {
  std::size_t done = 0;
  while (done < b.size()) {
    const long n = ssl_ ? SSL_write(ssl_, b.data() + done, static_cast<int>(b.size() - done))
                        : ::send(fd_, b.data() + done, b.size() - done, MSG_NOSIGNAL);
    if (n <= 0) {
      if (!ssl_ && n < 0 && errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool blocking_packet_stream::send_packet(std::uint8_t sequence_id, bytes_view payload) {
  bytes framed;
  pr::append_message(framed, payload, sequence_id);
  return write_all(framed);
}

bool blocking_packet_stream::read_packet(mysql8_packet& out) {
  std::uint8_t header[pr::packet_header_size];
  if (!read_exact(header, sizeof header)) return false;
  const pr::packet_header h = pr::decode_packet_header(header);
  out.sequence_id = h.sequence_id;
  out.payload.resize(h.payload_length);
  return read_exact(out.payload.data(), out.payload.size());
}

// ---- The server ----

scripted_mysql8_server::scripted_mysql8_server(scripted_mysql8_options options) : options_(std::move(options)) {
  std::signal(SIGPIPE, SIG_IGN);  // SSL_write to a client that hung up must fail, not kill the tests
  (void)server_key();
  capabilities_ = mysql8::greeting_capabilities & ~cap::ssl;
  if (!options_.cert_file.empty() && !options_.key_file.empty()) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
    if (!ctx || SSL_CTX_use_certificate_chain_file(ctx, options_.cert_file.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, options_.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
      if (ctx) SSL_CTX_free(ctx);
      throw std::runtime_error("scripted_mysql8_server: cannot load the TLS certificate");
    }
    tls_context_ = ctx;
    capabilities_ |= cap::ssl;
  }
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::listen(listen_fd_, 64) != 0 || ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    if (listen_fd_ >= 0) ::close(listen_fd_);
    if (tls_context_) SSL_CTX_free(tls_context_);
    throw std::runtime_error("scripted_mysql8_server: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(a.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

scripted_mysql8_server::~scripted_mysql8_server() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
  acceptor_.join();
  ::close(listen_fd_);
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    for (const int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);  // wakes blocked reads
    workers.swap(workers_);
  }
  for (std::thread& t : workers) t.join();
  if (tls_context_) SSL_CTX_free(tls_context_);
}

void scripted_mysql8_server::accept_loop() {
  while (!stopping_) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const timeval limit{60, 0};  // no read blocks forever, even if a test forgets to hang up
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    std::lock_guard lock(mutex_);
    if (stopping_) {
      ::close(fd);
      return;
    }
    const std::size_t index = sessions_.size();
    auto s = std::make_shared<mysql8_session>();
    s->connection_id = next_connection_id_++;
    sessions_.push_back(std::move(s));
    open_fds_.push_back(fd);
    workers_.emplace_back([this, fd, index] { serve(fd, index); });
  }
}

void scripted_mysql8_server::update(std::size_t index, const std::function<void(mysql8_session&)>& change) {
  std::lock_guard lock(mutex_);
  change(*sessions_[index]);
}

std::vector<mysql8_session> scripted_mysql8_server::sessions() const {
  std::lock_guard lock(mutex_);
  std::vector<mysql8_session> out;
  for (const auto& s : sessions_) out.push_back(*s);
  return out;
}

std::optional<mysql8_session> scripted_mysql8_server::wait_session(
    std::size_t index, const std::function<bool(const mysql8_session&)>& ready, std::chrono::milliseconds limit) const {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (index < sessions_.size()) {
        const mysql8_session& s = *sessions_[index];
        if (ready ? ready(s) : s.ended) return s;
      }
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::optional<mysql8_account> scripted_mysql8_server::find_account(const std::string& user) const {
  std::lock_guard lock(mutex_);
  for (const mysql8_account& a : options_.accounts)
    if (a.user == user) return a;
  return std::nullopt;
}

void scripted_mysql8_server::cache_account(const std::string& user) {
  std::lock_guard lock(mutex_);
  for (mysql8_account& a : options_.accounts)
    if (a.user == user) a.cached = true;
}

// ---- One connection's script ----

namespace {

// Sends packets numbered from the session's sequence, reads packets checking theirs, and
// records every client packet and every protocol slip.
class script {
 public:
  using recorder = std::function<void(const std::function<void(mysql8_session&)>&)>;
  explicit script(recorder record) : record_(std::move(record)) {}

  void record(const std::function<void(mysql8_session&)>& change) { record_(change); }
  void note_error(std::string what) {
    record_([&](mysql8_session& s) { s.protocol_errors.push_back(std::move(what)); });
  }

  // Frames `payloads` starting at the current sequence id.
  bytes frame(const std::vector<bytes>& payloads) {
    bytes wire;
    for (const bytes& p : payloads) pr::append_message(wire, p, seq_);
    return wire;
  }

  // Reads the next client packet, which must carry the next sequence id.
  bool read(blocking_packet_stream& conn, mysql8_packet& p, const char* what) {
    if (!conn.read_packet(p)) return false;
    if (p.sequence_id != seq_)
      note_error(str_cat(what, ": sequence id ", int{p.sequence_id}, ", expected ", int{seq_}));
    seq_ = static_cast<std::uint8_t>(p.sequence_id + 1);
    return true;
  }

  void reset_sequence() { seq_ = 0; }

 private:
  recorder record_;
  std::uint8_t seq_ = 0;
};

}  // namespace

void scripted_mysql8_server::serve(int fd, std::size_t index) {
  blocking_packet_stream conn(fd);
  script sc([this, index](const std::function<void(mysql8_session&)>& change) { update(index, change); });
  auto record = [&sc](const std::function<void(mysql8_session&)>& change) { sc.record(change); };
  auto send = [&](const std::vector<bytes>& payloads) { return conn.write_all(sc.frame(payloads)); };
  auto read_auth = [&](mysql8_packet& p, const char* what) {
    if (!sc.read(conn, p, what)) return false;
    record([&](mysql8_session& s) { s.auth_packets.push_back(p); });
    return true;
  };
  std::uint32_t connection_id = 0;
  record([&](mysql8_session& s) { connection_id = s.connection_id; });

  auto finish = [&] {
    record([](mysql8_session& s) { s.ended = true; });
    std::lock_guard lock(mutex_);
    open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), fd), open_fds_.end());
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
  };

  // Greeting.
  std::string scramble = make_scramble();
  {
    const bytes greeting = sc.frame({greeting_payload(connection_id, scramble, capabilities_, options_.greeting_plugin)});
    record([&](mysql8_session& s) {
      s.greeting = greeting;
      s.scramble = scramble;
    });
    if (!conn.write_all(greeting)) return finish();
  }

  // HandshakeResponse41, after an SSLRequest and a TLS handshake if the client wants TLS.
  mysql8_packet p;
  if (!read_auth(p, "handshake response")) return finish();
  if (pr::is_ssl_request(p.payload)) {
    pr::ssl_request req;
    (void)pr::decode_ssl_request(p.payload, req);
    record([&](mysql8_session& s) {
      s.ssl_request = true;
      s.ssl_request_capabilities = req.capabilities;
    });
    if (!tls_context_ || !conn.start_tls_server(tls_context_)) {
      sc.note_error("SSLRequest, but TLS was not offered or its handshake failed");
      return finish();
    }
    record([](mysql8_session& s) { s.tls = true; });
    if (!read_auth(p, "handshake response after TLS")) return finish();
  }
  pr::handshake_response_41 response;
  if (pr::decode_handshake_response_41(p.payload, response) != pr::errc::ok) {
    sc.note_error("the HandshakeResponse41 did not decode");
    (void)send({err_payload(1043, "08S01", "Bad handshake")});
    return finish();
  }
  const std::uint32_t caps = response.capabilities;
  const std::string user(response.username);
  std::string proof(response.auth_response);
  record([&](mysql8_session& s) {
    s.handshake_decoded = true;
    s.client_capabilities = caps;
    s.max_packet_size = response.max_packet_size;
    s.character_set = response.character_set;
    s.user = user;
    s.database = std::string(response.database);
    s.client_plugin = std::string(response.auth_plugin_name);
    s.auth_response = proof;
    for (const auto& [k, v] : response.connect_attributes) s.connect_attributes.emplace_back(k, v);
  });
  if ((caps & cap::ssl) && !conn.tls()) sc.note_error("CLIENT_SSL in the HandshakeResponse41 without TLS");

  // The account's plugin is caching_sha2_password. A greeting that named another plugin makes
  // MySQL restart with the account's plugin, which sends a new scramble; a client that answered
  // for another plugin is asked to switch, with the same scramble.
  if (options_.greeting_plugin != caching_sha2 || response.auth_plugin_name != caching_sha2) {
    if (options_.greeting_plugin != caching_sha2) scramble = make_scramble();
    const bytes request = join({from_hex("fe"), text_bytes(caching_sha2), from_hex("00"), text_bytes(scramble), from_hex("00")});
    record([&](mysql8_session& s) { s.switch_scramble = scramble; });
    if (!send({request})) return finish();
    if (!read_auth(p, "answer to AuthSwitchRequest")) return finish();
    proof.assign(p.payload.begin(), p.payload.end());
    record([&](mysql8_session& s) { s.auth_response = proof; });
  }

  const std::optional<mysql8_account> account = find_account(user);
  auto refuse = [&](bool password_used) {
    const std::string message = str_cat("Access denied for user '", user, "'@'localhost' (using password: ",
                                        password_used ? "YES" : "NO", ")");
    record([](mysql8_session& s) { s.auth_error = mysql8::er_access_denied; });
    (void)send({err_payload(mysql8::er_access_denied, "28000", message)});
    finish();
  };
  auto admit = [&] {
    record([](mysql8_session& s) { s.authenticated = true; });
    return send({ok_payload()});
  };

  if (proof.empty()) {
    if (!account || !account->password.empty()) return refuse(false);
    if (!admit()) return finish();
  } else {
    const bool fast = account && account->cached && proof.size() == 32 &&
                      pr::verify_caching_sha2(scramble, proof, pr::caching_sha2_hash(account->password));
    if (fast) {
      record([](mysql8_session& s) { s.fast_auth_succeeded = true; });
      if (!send({from_hex("01 03")}) || !admit()) return finish();
    } else {
      // Full authentication: the password itself, in clear on TLS, RSA-encrypted otherwise.
      record([](mysql8_session& s) { s.full_auth = true; });
      if (!send({from_hex("01 04")})) return finish();
      if (!read_auth(p, "full authentication")) return finish();
      std::optional<std::string> password;
      if (conn.tls()) {
        std::string clear(p.payload.begin(), p.payload.end());
        if (clear.empty() || clear.back() != '\0') sc.note_error("cleartext password without its NUL");
        else clear.pop_back();
        record([&](mysql8_session& s) { s.cleartext_password = clear; });
        password = clear;
      } else {
        if (p.payload.size() == 1 && p.payload[0] == pr::caching_sha2::request_public_key) {
          record([](mysql8_session& s) { s.public_key_requested = true; });
          if (!send({join({from_hex("01"), text_bytes(public_key_pem())})})) return finish();
          if (!read_auth(p, "RSA-encrypted password")) return finish();
        }
        const std::size_t cipher_size = static_cast<std::size_t>(EVP_PKEY_get_size(server_key().key));
        if (p.payload.size() == cipher_size) {
          if (const auto plain = rsa_oaep_decrypt(p.payload)) {
            std::string clear(plain->begin(), plain->end());
            for (std::size_t i = 0; i < clear.size(); ++i) clear[i] ^= scramble[i % scramble.size()];
            const auto nul = clear.find('\0');
            if (nul == std::string::npos) sc.note_error("the decrypted password has no NUL");
            clear.resize(std::min(nul, clear.size()));
            record([&](mysql8_session& s) { s.rsa_password = clear; });
            password = clear;
          } else {
            sc.note_error("the RSA-encrypted password did not decrypt");
          }
        } else {
          // MySQL takes this for a ciphertext of the wrong size and refuses; the password was
          // sent in clear over a plain connection, which a test must never see.
          std::string clear(p.payload.begin(), p.payload.end());
          if (!clear.empty() && clear.back() == '\0') clear.pop_back();
          record([&](mysql8_session& s) { s.cleartext_password = clear; });
        }
      }
      if (!account || !password || *password != account->password) return refuse(true);
      cache_account(user);
      if (!admit()) return finish();
    }
  }

  // Commands.
  std::uint32_t next_statement_id = 1;
  std::vector<std::uint32_t> statements;
  std::uint8_t echo_param_type = 0xfd;
  while (!stopping_) {
    sc.reset_sequence();
    if (!sc.read(conn, p, "command")) return finish();
    if (p.payload.empty()) {
      sc.note_error("empty command packet");
      return finish();
    }
    const auto command = static_cast<pr::command>(p.payload[0]);
    const std::string_view argument(reinterpret_cast<const char*>(p.payload.data()) + 1, p.payload.size() - 1);
    std::vector<bytes> answer;
    switch (command) {
      case pr::command::quit:
        record([&](mysql8_session& s) { s.commands.push_back({p.payload, {}}); });
        return finish();
      case pr::command::query: {
        const query_fixture* f = find_fixture(argument);
        if (!f) {
          answer.push_back(err_payload(mysql8::er_parse_error, "42000",
                                       str_cat("scripted MySQL 8 server: no fixture for '", argument, "'")));
        } else if (f->multi_statement && !(caps & cap::multi_statements)) {
          answer.push_back(err_payload(mysql8::er_parse_error, "42000",
                                       "You have an error in your SQL syntax; check the manual that corresponds to "
                                       "your MySQL server version for the right syntax to use near 'SELECT' at line 1"));
        } else {
          answer = fixture_response(argument, caps);
        }
        break;
      }
      case pr::command::ping:
      case pr::command::init_db:
      case pr::command::reset_connection:
      case pr::command::stmt_reset:
        answer.push_back(ok_payload());
        break;
      case pr::command::set_option:
        answer.push_back(eof_or_ok(caps, mysql8::status_autocommit));
        break;
      case pr::command::stmt_prepare:
        if (argument != echo_statement) {
          answer.push_back(err_payload(mysql8::er_parse_error, "42000", "scripted MySQL 8 server: no such statement"));
          break;
        }
        statements.push_back(next_statement_id);
        {
          bytes ok;
          pr::byte_writer w(ok);
          w.u8(0);
          w.u32(next_statement_id++);
          w.u16(1);  // columns
          w.u16(1);  // parameters
          w.u8(0);
          w.u16(0);  // warnings
          answer.push_back(std::move(ok));
        }
        answer.push_back(from_hex(echo_param_def));
        if (!(caps & cap::deprecate_eof)) answer.push_back(eof_or_ok(caps, mysql8::status_autocommit));
        answer.push_back(from_hex(echo_column_def));
        if (!(caps & cap::deprecate_eof)) answer.push_back(eof_or_ok(caps, mysql8::status_autocommit));
        break;
      case pr::command::stmt_execute: {
        // id(4) flags(1) iterations(4) null bitmap(1) new-params-bound(1) [type(2)] value
        pr::byte_reader r(p.payload);
        r.skip(1);
        const std::uint32_t id = r.u32();
        r.skip(5);
        const std::uint8_t nulls = r.u8();
        if (r.u8() == 1) {
          echo_param_type = r.u8();
          r.skip(1);
        }
        std::optional<std::string> value;
        if (!(nulls & 1)) {
          if (is_lenenc_type(echo_param_type)) value = std::string(r.lenenc_string());
          else if (echo_param_type == 0x08) value = std::to_string(static_cast<std::int64_t>(r.u64()));
          else if (echo_param_type == 0x03) value = std::to_string(static_cast<std::int32_t>(r.u32()));
          else value = "?";
        }
        if (std::find(statements.begin(), statements.end(), id) == statements.end() || !r.ok()) {
          answer.push_back(err_payload(1243, "HY000", "Unknown prepared statement handler given to mysqld_stmt_execute"));
          break;
        }
        answer.push_back(from_hex("01"));
        answer.push_back(from_hex(echo_column_def));
        if (!(caps & cap::deprecate_eof)) answer.push_back(eof_or_ok(caps, mysql8::status_autocommit));
        bytes row;
        pr::byte_writer w(row);
        w.u8(0);
        w.u8(value ? 0x00 : 0x04);  // NULL bitmap, offset 2
        if (value) w.lenenc_string(*value);
        answer.push_back(std::move(row));
        answer.push_back(eof_or_ok(caps, mysql8::status_autocommit));
        break;
      }
      case pr::command::stmt_close: {
        pr::byte_reader r(p.payload);
        r.skip(1);
        const std::uint32_t id = r.u32();
        statements.erase(std::remove(statements.begin(), statements.end(), id), statements.end());
        break;  // no answer
      }
      default:
        answer.push_back(err_payload(1047, "08S01", "Unknown command"));
        break;
    }
    const bytes wire = sc.frame(answer);
    record([&](mysql8_session& s) { s.commands.push_back({p.payload, wire}); });
    if (!wire.empty() && !conn.write_all(wire)) return finish();
  }
  finish();
}

}  // namespace switchyard::integration
