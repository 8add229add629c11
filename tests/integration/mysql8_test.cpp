// The proxy in front of MySQL 8.0, played by scripted_mysql8_server (Oracle MySQL 8 is not
// installable here): caching_sha2_password fast and full authentication, with the RSA public
// key requested by the client or by the proxy (client on TLS, proxy's leg plain), wrong
// passwords, AuthSwitchRequest, and MySQL 8 result sets -- classic EOFs for Connector/C, which
// never asks for CLIENT_DEPRECATE_EOF, and 0xFE OK terminators for a raw client that does.
#include <gtest/gtest.h>
#include <mysql.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "common/str_cat.hpp"
#include "protocol/auth.hpp"
#include "protocol/framing.hpp"
#include "protocol/handshake.hpp"
#include "tests/integration/proxy_fixture.hpp"
#include "tests/integration/raw_client.hpp"
#include "tests/integration/scripted_mysql8_server.hpp"
#include "unit/protocol/fixture.hpp"

namespace switchyard::integration {
namespace {

namespace pr = protocol;
namespace cap = protocol::capability;
using pr::test::from_hex;
using pr::test::to_hex;

constexpr const char* database = "it_mysql8";
const mysql8_account cached_account{"fast8", "fast-secret-8", true};
const mysql8_account uncached_account{"full8", "full-secret-8", false};

scripted_mysql8_options server_options() {
  scripted_mysql8_options o;
  o.accounts = {cached_account, uncached_account};
  return o;
}

config::settings proxy_settings(const scripted_mysql8_server& server, const tls_files* client_tls = nullptr) {
  config::settings s = base_settings();
  s.mysql.address = {"127.0.0.1", server.port()};
  if (client_tls) {
    s.client_tls.cert_file = client_tls->cert_file;
    s.client_tls.key_file = client_tls->key_file;
  }
  return s;
}

// ---- Connector/C ----

using c_options = connect_options;

c_options as(const mysql8_account& a) {
  c_options o;
  o.user = a.user;
  o.password = a.password;
  o.database = database;
  o.timeout_seconds = 30;
  return o;
}

connection connect_c(std::uint16_t port, const c_options& o) { return connect_to(port, o); }

// The sequence ids of the packets the server received during authentication.
std::vector<int> auth_sequence(const mysql8_session& s) {
  std::vector<int> ids;
  for (const mysql8_packet& p : s.auth_packets) ids.push_back(p.sequence_id);
  return ids;
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// No packet the server received carries `password` in clear.
void expect_password_never_in_clear(const mysql8_session& s, const std::string& password) {
  EXPECT_FALSE(s.cleartext_password.has_value()) << *s.cleartext_password;
  for (const mysql8_packet& p : s.auth_packets)
    EXPECT_FALSE(contains(std::string(p.payload.begin(), p.payload.end()), password)) << "packet " << int{p.sequence_id};
}

// The capabilities the proxy must never let through to MySQL.
constexpr std::uint32_t never_forwarded = cap::compress | cap::optional_resultset_metadata |
                                          cap::zstd_compression_algorithm | cap::query_attributes |
                                          cap::multi_factor_authentication;

void expect_clean_session(const mysql8_session& s) {
  EXPECT_TRUE(s.protocol_errors.empty()) << ::testing::PrintToString(s.protocol_errors);
  EXPECT_EQ(s.client_capabilities & never_forwarded, 0u) << std::hex << s.client_capabilities;
}

// ---- Authentication through Connector/C ----

scripted_mysql8_options tls_server_options(const tls_files& certificate) {
  scripted_mysql8_options o = server_options();
  o.cert_file = certificate.cert_file;
  o.key_file = certificate.key_file;
  return o;
}

config::settings backend_tls_settings(const scripted_mysql8_server& server, const tls_files* client_tls = nullptr) {
  config::settings s = proxy_settings(server, client_tls);
  s.mysql.tls = config::backend_tls::required;
  return s;
}

// One Connector/C login through the proxy (then SELECT 1 when it worked, and a hang-up): what
// the client got, and what MySQL saw of it, which must be free of protocol slips.
struct login {
  bool connected = false;
  bool client_tls = false;
  std::string error;  // last_error() of a refused login
  mysql8_session seen;
};

login log_in(const proxy_instance& proxy, const scripted_mysql8_server& server, std::size_t index, const c_options& o) {
  login out;
  {
    connection c = connect_c(proxy.port(), o);
    out.connected = c.connected;
    if (c.connected) {
      out.client_tls = mysql_get_ssl_cipher(c.get()) != nullptr;
      EXPECT_EQ(scalar(c.get(), "SELECT 1"), "1");
    } else {
      out.error = last_error(c.get());
    }
  }
  const auto s = server.wait_session(index);
  EXPECT_TRUE(s) << "the scripted server did not see session " << index << " end";
  if (s) {
    out.seen = *s;
    expect_clean_session(*s);
  }
  return out;
}

c_options over_tls(c_options o) {
  o.tls = true;
  return o;
}

std::string access_denied(const std::string& user) {
  return str_cat("ERR 1045 28000 Access denied for user '", user, "'@'localhost' (using password: YES)");
}

TEST(Mysql8Auth, FastPathRelaysTheScrambleUnchanged) {
  scripted_mysql8_server server(server_options());
  proxy_instance proxy(proxy_settings(server));
  c_options o = as(cached_account);
  o.compress = true;  // MySQL 8 offers compression; the proxy masks it, so the client cannot ask
  const login l = log_in(proxy, server, 0, o);
  ASSERT_TRUE(l.connected) << l.error;
  const mysql8_session& s = l.seen;
  EXPECT_TRUE(s.fast_auth_succeeded);
  EXPECT_FALSE(s.full_auth);
  EXPECT_TRUE(s.authenticated);
  EXPECT_EQ(s.user, cached_account.user);
  EXPECT_EQ(s.database, database);
  EXPECT_EQ(s.client_plugin, "caching_sha2_password");
  EXPECT_EQ(s.auth_response, pr::caching_sha2_scramble(cached_account.password, s.scramble));
  EXPECT_EQ(auth_sequence(s), (std::vector<int>{1}));
  EXPECT_FALSE(s.ssl_request);
  // Connector/C keeps the classic EOFs: CLIENT_DEPRECATE_EOF is not among its capabilities.
  EXPECT_EQ(s.client_capabilities & cap::deprecate_eof, 0u);
  EXPECT_TRUE(s.client_capabilities & cap::plugin_auth);
  bool saw_client_name = false;
  for (const auto& [k, v] : s.connect_attributes) saw_client_name |= k == "_client_name" && v == "libmariadb";
  EXPECT_TRUE(saw_client_name) << "connection attributes pass through";
  ASSERT_EQ(s.commands.size(), 2u);  // SELECT 1, COM_QUIT
  EXPECT_EQ(s.commands[1].request, pr::bytes{static_cast<std::uint8_t>(pr::command::quit)});
  EXPECT_TRUE(wait_sessions_ended(proxy));
}

TEST(Mysql8Auth, FullPathClientAsksForThePublicKey) {
  scripted_mysql8_server server(server_options());
  proxy_instance proxy(proxy_settings(server));
  const login l = log_in(proxy, server, 0, as(uncached_account));
  ASSERT_TRUE(l.connected) << l.error;
  EXPECT_FALSE(l.seen.fast_auth_succeeded);
  EXPECT_TRUE(l.seen.full_auth);
  EXPECT_TRUE(l.seen.public_key_requested);
  EXPECT_EQ(l.seen.rsa_password, uncached_account.password);
  EXPECT_TRUE(l.seen.authenticated);
  // HandshakeResponse41, public-key request, ciphertext.
  EXPECT_EQ(auth_sequence(l.seen), (std::vector<int>{1, 3, 5}));
  expect_password_never_in_clear(l.seen, uncached_account.password);

  // As in MySQL, a full authentication fills the cache: the next login takes the fast path.
  const login again = log_in(proxy, server, 1, as(uncached_account));
  ASSERT_TRUE(again.connected) << again.error;
  EXPECT_TRUE(again.seen.fast_auth_succeeded);
  EXPECT_FALSE(again.seen.full_auth);
}

TEST(Mysql8Auth, FullPathWithTheClientsCopyOfThePublicKey) {
  scripted_mysql8_server server(server_options());
  proxy_instance proxy(proxy_settings(server));
  temp_dir dir;
  c_options o = as(uncached_account);
  o.public_key_file = dir.file("mysql8_public.pem");
  std::ofstream(o.public_key_file) << scripted_mysql8_server::public_key_pem();
  const login l = log_in(proxy, server, 0, o);
  ASSERT_TRUE(l.connected) << l.error;
  EXPECT_FALSE(l.seen.public_key_requested);
  EXPECT_EQ(l.seen.rsa_password, uncached_account.password);
  EXPECT_EQ(auth_sequence(l.seen), (std::vector<int>{1, 3}));  // no key request: the ciphertext comes next
}

// The client's leg is TLS, the proxy's leg to MySQL is plain: the client sends its password in
// clear, which MySQL would refuse on a plain connection, so the proxy asks MySQL for its RSA key
// and sends the password encrypted.
TEST(Mysql8Auth, FullPathClientOnTlsProxyEncryptsWithRsa) {
  tls_files certificate;
  scripted_mysql8_server server(server_options());
  proxy_instance proxy(proxy_settings(server, &certificate));
  const login l = log_in(proxy, server, 0, over_tls(as(uncached_account)));
  ASSERT_TRUE(l.connected) << l.error;
  EXPECT_TRUE(l.client_tls);
  const mysql8_session& s = l.seen;
  EXPECT_FALSE(s.ssl_request);  // the proxy's own leg stays plain
  EXPECT_EQ(s.client_capabilities & cap::ssl, 0u);
  EXPECT_TRUE(s.full_auth);
  EXPECT_TRUE(s.public_key_requested);  // asked by the proxy
  EXPECT_EQ(s.rsa_password, uncached_account.password);
  EXPECT_EQ(auth_sequence(s), (std::vector<int>{1, 3, 5}));
  expect_password_never_in_clear(s, uncached_account.password);
  EXPECT_TRUE(s.authenticated);

  // Cached now: over TLS again, the fast path (Mysql8RawBytes checks the renumbering).
  const login again = log_in(proxy, server, 1, over_tls(as(uncached_account)));
  ASSERT_TRUE(again.connected) << again.error;
  EXPECT_TRUE(again.client_tls);
  EXPECT_TRUE(again.seen.fast_auth_succeeded);
  EXPECT_EQ(auth_sequence(again.seen), (std::vector<int>{1}));
  EXPECT_EQ(proxy::metrics::get(proxy.stats().tls_handshakes), 2);
}

TEST(Mysql8Auth, WrongPasswordGetsMysqlsError) {
  scripted_mysql8_server server(server_options());
  proxy_instance proxy(proxy_settings(server));
  const counters before = snapshot(proxy.stats());
  c_options o = as(cached_account);
  o.password = "not-the-password";
  const login l = log_in(proxy, server, 0, o);
  ASSERT_FALSE(l.connected);
  // (Connector/C does not check sequence ids; the Mysql8RawBytes tests do.)
  EXPECT_EQ(l.error, access_denied(cached_account.user));
  EXPECT_TRUE(l.seen.full_auth);  // a wrong proof is a cache miss: MySQL asks for the password
  EXPECT_EQ(l.seen.rsa_password, "not-the-password");
  EXPECT_EQ(l.seen.auth_error, mysql8::er_access_denied);
  EXPECT_FALSE(l.seen.authenticated);
  EXPECT_EQ(wait_counter(proxy.stats().auth_failures, before.auth_failures + 1), before.auth_failures + 1);
  EXPECT_TRUE(wait_sessions_ended(proxy));
}

TEST(Mysql8Auth, WrongPasswordClientOnTls) {
  tls_files certificate;
  scripted_mysql8_server server(server_options());
  proxy_instance proxy(proxy_settings(server, &certificate));
  c_options o = over_tls(as(uncached_account));
  o.password = "wrong-over-tls";
  const login l = log_in(proxy, server, 0, o);
  ASSERT_FALSE(l.connected);
  EXPECT_EQ(l.error, access_denied(uncached_account.user));
  EXPECT_EQ(l.seen.rsa_password, "wrong-over-tls");
  expect_password_never_in_clear(l.seen, "wrong-over-tls");
}

// A greeting for mysql_native_password (MySQL 8 with default_authentication_plugin changed) and
// an account on caching_sha2_password: MySQL restarts with a new scramble in an
// AuthSwitchRequest. The proxy must encrypt the TLS client's password with that new scramble.
TEST(Mysql8Auth, AuthSwitchNewScrambleClientOnTls) {
  tls_files certificate;
  scripted_mysql8_options options = server_options();
  options.greeting_plugin = "mysql_native_password";
  scripted_mysql8_server server(options);
  proxy_instance proxy(proxy_settings(server, &certificate));
  const login l = log_in(proxy, server, 0, over_tls(as(uncached_account)));
  ASSERT_TRUE(l.connected) << l.error;
  const mysql8_session& s = l.seen;
  EXPECT_EQ(s.client_plugin, "mysql_native_password");
  ASSERT_FALSE(s.switch_scramble.empty());
  EXPECT_NE(s.switch_scramble, s.scramble);
  EXPECT_EQ(s.auth_response, pr::caching_sha2_scramble(uncached_account.password, s.switch_scramble));
  EXPECT_EQ(s.rsa_password, uncached_account.password);
  // HandshakeResponse41, answer to the switch, public-key request (the proxy's), ciphertext.
  EXPECT_EQ(auth_sequence(s), (std::vector<int>{1, 3, 5, 7}));
  expect_password_never_in_clear(s, uncached_account.password);
}

TEST(Mysql8Auth, AuthSwitchFastPathPlain) {
  scripted_mysql8_options options = server_options();
  options.greeting_plugin = "mysql_native_password";
  scripted_mysql8_server server(options);
  proxy_instance proxy(proxy_settings(server));
  const login l = log_in(proxy, server, 0, as(cached_account));
  ASSERT_TRUE(l.connected) << l.error;
  EXPECT_TRUE(l.seen.fast_auth_succeeded);
  EXPECT_EQ(auth_sequence(l.seen), (std::vector<int>{1, 3}));
}

// Both legs on TLS: the client's cleartext password goes to MySQL as it is, inside TLS.
TEST(Mysql8Auth, FullPathBothLegsOnTls) {
  tls_files certificate;
  scripted_mysql8_server server(tls_server_options(certificate));
  proxy_instance proxy(backend_tls_settings(server, &certificate));
  const login l = log_in(proxy, server, 0, over_tls(as(uncached_account)));
  ASSERT_TRUE(l.connected) << l.error;
  EXPECT_TRUE(l.seen.ssl_request);
  EXPECT_TRUE(l.seen.tls);
  EXPECT_TRUE(l.seen.full_auth);
  EXPECT_FALSE(l.seen.public_key_requested);
  EXPECT_EQ(l.seen.cleartext_password, uncached_account.password);
  EXPECT_EQ(auth_sequence(l.seen), (std::vector<int>{1, 2, 4}));  // SSLRequest, response, password
}

// The mirror case: the client's leg plain, the proxy's leg to MySQL on TLS. MySQL on TLS takes
// any packet for the cleartext password, a public-key request too, so the proxy answers the
// request with its own RSA key and sends MySQL the decrypted password inside TLS. (Relaying
// the request instead failed: Connector/C said "Couldn't read RSA public key from server".)
TEST(Mysql8Auth, FullPathClientPlainProxyOnTlsOffersItsOwnKey) {
  tls_files certificate;
  scripted_mysql8_server server(tls_server_options(certificate));
  proxy_instance proxy(backend_tls_settings(server));
  const login l = log_in(proxy, server, 0, as(uncached_account));
  ASSERT_TRUE(l.connected) << l.error;
  EXPECT_FALSE(l.client_tls);
  EXPECT_TRUE(l.seen.tls);
  EXPECT_TRUE(l.seen.full_auth);
  EXPECT_FALSE(l.seen.public_key_requested);
  EXPECT_EQ(l.seen.cleartext_password, uncached_account.password);
  EXPECT_EQ(auth_sequence(l.seen), (std::vector<int>{1, 2, 4}));  // SSLRequest, response, password

  c_options wrong = as(cached_account);
  wrong.password = "wrong-plain";
  const login refused = log_in(proxy, server, 1, wrong);
  ASSERT_FALSE(refused.connected);
  EXPECT_EQ(refused.error, access_denied(cached_account.user));
  EXPECT_EQ(refused.seen.cleartext_password, "wrong-plain");
}

// ---- MySQL 8 result sets through Connector/C (classic EOFs) ----

class Mysql8Results : public ::testing::Test {
 protected:
  void SetUp() override {
    c_options o = as(cached_account);
    o.flags = CLIENT_MULTI_STATEMENTS;
    client_ = connect_c(proxy_.port(), o);
    ASSERT_TRUE(client_.connected) << last_error(client_.get());
  }
  void TearDown() override {
    client_.handle.reset();
    const auto s = server_.wait_session(0);
    ASSERT_TRUE(s);
    expect_clean_session(*s);
    EXPECT_TRUE(s->client_capabilities & cap::multi_statements);
  }
  MYSQL* m() { return client_.get(); }

  scripted_mysql8_server server_{server_options()};
  proxy_instance proxy_{proxy_settings(server_)};
  connection client_;
};

// Every result of the statement just sent: "rows: ..." per result set, "ok affected=N" per OK,
// or the error.
std::vector<std::string> all_results(MYSQL* m) {
  std::vector<std::string> out;
  while (true) {
    if (MYSQL_RES* res = mysql_store_result(m)) {
      std::string line = "rows:";
      while (MYSQL_ROW r = mysql_fetch_row(res)) {
        const unsigned long* lengths = mysql_fetch_lengths(res);
        line += " (";
        for (unsigned i = 0; i < mysql_num_fields(res); ++i)
          str_append(line, i ? "," : "", r[i] ? std::string(r[i], lengths[i]) : "NULL");
        line += ")";
      }
      mysql_free_result(res);
      out.push_back(line);
    } else if (mysql_field_count(m) == 0) {
      out.push_back(str_cat("ok affected=", static_cast<long long>(mysql_affected_rows(m))));
    } else {
      out.push_back(last_error(m));
      return out;
    }
    const int next = mysql_next_result(m);
    if (next > 0) out.push_back(last_error(m));
    if (next != 0) return out;
  }
}

std::vector<std::string> run(MYSQL* m, std::string_view sql) {
  if (mysql_real_query(m, sql.data(), sql.size()) != 0) return {last_error(m)};
  return all_results(m);
}

TEST_F(Mysql8Results, TableWithNullAndLongValue) {
  ASSERT_EQ(mysql_real_query(m(), "SELECT id, name FROM t", 22), 0) << last_error(m());
  MYSQL_RES* res = mysql_store_result(m());
  ASSERT_NE(res, nullptr) << last_error(m());
  ASSERT_EQ(mysql_num_fields(res), 2u);
  const MYSQL_FIELD* f = mysql_fetch_fields(res);
  EXPECT_STREQ(f[0].name, "id");
  EXPECT_STREQ(f[0].db, database);
  EXPECT_STREQ(f[0].table, "t");
  EXPECT_EQ(f[0].type, MYSQL_TYPE_LONG);
  EXPECT_TRUE(f[0].flags & PRI_KEY_FLAG);
  EXPECT_STREQ(f[1].name, "name");
  EXPECT_EQ(f[1].type, MYSQL_TYPE_VAR_STRING);
  EXPECT_EQ(f[1].charsetnr, 255u);
  EXPECT_EQ(f[1].length, 1020u);
  std::vector<std::pair<std::string, std::optional<std::string>>> rows;
  while (MYSQL_ROW r = mysql_fetch_row(res)) rows.emplace_back(r[0], r[1] ? std::optional<std::string>(r[1]) : std::nullopt);
  mysql_free_result(res);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::pair<std::string, std::optional<std::string>>{"1", "alpha"}));
  EXPECT_EQ(rows[1], (std::pair<std::string, std::optional<std::string>>{"2", std::nullopt}));
  EXPECT_EQ(rows[2], (std::pair<std::string, std::optional<std::string>>{"3", std::string(300, 'x')}));
  EXPECT_EQ(mysql_next_result(m()), -1);
}

TEST_F(Mysql8Results, EmptyResultSet) {
  EXPECT_EQ(run(m(), "SELECT id FROM t WHERE id < 0"), (std::vector<std::string>{"rows:"}));
  EXPECT_EQ(mysql_field_count(m()), 1u);
}

TEST_F(Mysql8Results, ProcedureWithTwoResultSets) {
  EXPECT_EQ(run(m(), "CALL two_results()"), (std::vector<std::string>{"rows: (1)", "rows: (two)", "ok affected=0"}));
  EXPECT_EQ(scalar(m(), "SELECT 1"), "1");  // the connection is in step afterwards
}

TEST_F(Mysql8Results, MultiStatements) {
  EXPECT_EQ(run(m(), "SELECT 1 AS a; SELECT 'two' AS b"), (std::vector<std::string>{"rows: (1)", "rows: (two)"}));
  EXPECT_EQ(run(m(), "SELECT 1 AS a; SELECT boom"),
            (std::vector<std::string>{"rows: (1)", "ERR 1054 42S22 Unknown column 'boom' in 'field list'"}));
  EXPECT_EQ(scalar(m(), "SELECT 1"), "1");
}

TEST_F(Mysql8Results, ErrorsAndOks) {
  EXPECT_EQ(run(m(), "SELECT boom"), (std::vector<std::string>{"ERR 1054 42S22 Unknown column 'boom' in 'field list'"}));
  ASSERT_EQ(run(m(), "INSERT INTO t (name) VALUES ('d'),('e')"), (std::vector<std::string>{"ok affected=2"}));
  EXPECT_EQ(mysql_insert_id(m()), 4u);
  ASSERT_NE(mysql_info(m()), nullptr);
  EXPECT_STREQ(mysql_info(m()), "Records: 2  Duplicates: 0  Warnings: 0");
  EXPECT_EQ(run(m(), "SELECT 'tracked' AS c"), (std::vector<std::string>{"rows: (tracked)"}));
  EXPECT_EQ(mysql_ping(m()), 0);
}

TEST_F(Mysql8Results, PreparedStatement) {
  MYSQL_STMT* stmt = mysql_stmt_init(m());
  ASSERT_NE(stmt, nullptr);
  const std::string sql = "SELECT ? AS echo";
  ASSERT_EQ(mysql_stmt_prepare(stmt, sql.c_str(), sql.size()), 0) << mysql_stmt_error(stmt);
  EXPECT_EQ(mysql_stmt_param_count(stmt), 1u);
  EXPECT_EQ(mysql_stmt_field_count(stmt), 1u);
  std::string value = "hello mysql 8";
  unsigned long value_length = value.size();
  MYSQL_BIND param{};
  param.buffer_type = MYSQL_TYPE_STRING;
  param.buffer = value.data();
  param.buffer_length = value.size();
  param.length = &value_length;
  ASSERT_EQ(mysql_stmt_bind_param(stmt, &param), 0) << mysql_stmt_error(stmt);
  ASSERT_EQ(mysql_stmt_execute(stmt), 0) << mysql_stmt_error(stmt);
  char out[64] = {};
  unsigned long out_length = 0;
  my_bool is_null = 0;
  MYSQL_BIND result{};
  result.buffer_type = MYSQL_TYPE_STRING;
  result.buffer = out;
  result.buffer_length = sizeof out;
  result.length = &out_length;
  result.is_null = &is_null;
  ASSERT_EQ(mysql_stmt_bind_result(stmt, &result), 0) << mysql_stmt_error(stmt);
  ASSERT_EQ(mysql_stmt_fetch(stmt), 0) << mysql_stmt_error(stmt);
  EXPECT_EQ(std::string(out, out_length), value);
  EXPECT_EQ(mysql_stmt_fetch(stmt), MYSQL_NO_DATA);
  EXPECT_EQ(mysql_stmt_close(stmt), 0);
  EXPECT_EQ(scalar(m(), "SELECT 1"), "1");
}

// ---- Exact bytes, with a raw client that asks for CLIENT_DEPRECATE_EOF ----

pr::bytes wire_of(const raw_packet& p) {
  pr::bytes wire(pr::packet_header_size);
  pr::encode_packet_header(wire.data(), static_cast<std::uint32_t>(p.payload.size()), p.sequence_id);
  wire.insert(wire.end(), p.payload.begin(), p.payload.end());
  return wire;
}

// Reads packets until `size` bytes arrived (or something else happened): the bytes as received.
pr::bytes read_wire(raw_client& c, std::size_t size) {
  pr::bytes out;
  while (out.size() < size) {
    raw_packet p;
    if (c.read_packet(p, patience) != raw_client::read_status::ok) break;
    const pr::bytes w = wire_of(p);
    out.insert(out.end(), w.begin(), w.end());
  }
  return out;
}

// What the MySQL 8 greeting became on its way through the proxy.
struct raw_greeting {
  raw_packet packet;
  std::uint32_t capabilities = 0;
  std::string scramble;
};

bool read_raw_greeting(raw_client& c, raw_greeting& g) {
  if (c.read_packet(g.packet, patience) != raw_client::read_status::ok) return false;
  pr::handshake_v10 hello;
  if (pr::decode_handshake_v10(g.packet.payload, hello) != pr::errc::ok) return false;
  g.capabilities = hello.capabilities;
  g.scramble = hello.scramble();
  return true;
}

// A MySQL 8 client's HandshakeResponse41 for caching_sha2_password, asking for everything it
// wants whether offered or not -- including what the proxy must strip.
constexpr std::uint32_t raw_client_wants =
    cap::long_password | cap::long_flag | cap::connect_with_db | cap::protocol_41 | cap::transactions |
    cap::secure_connection | cap::multi_statements | cap::multi_results | cap::ps_multi_results | cap::plugin_auth |
    cap::plugin_auth_lenenc_client_data | cap::session_track | cap::deprecate_eof | cap::compress |
    cap::query_attributes | cap::optional_resultset_metadata;

bool send_raw_response(raw_client& c, const std::string& user, const std::string& proof) {
  pr::handshake_response_41 r;
  r.capabilities = raw_client_wants;
  r.max_packet_size = 1 << 24;
  r.character_set = 255;
  r.username = user;
  r.auth_response = proof;
  r.database = database;
  r.auth_plugin_name = pr::auth_plugin::caching_sha2_password;
  pr::bytes payload;
  pr::encode_handshake_response_41(r, payload);
  return c.send_packet(1, payload);
}

// Reads one packet and checks its sequence id and payload.
void expect_packet(raw_client& c, int sequence_id, const pr::bytes& payload) {
  raw_packet p;
  ASSERT_EQ(c.read_packet(p, patience), raw_client::read_status::ok);
  EXPECT_EQ(int{p.sequence_id}, sequence_id);
  EXPECT_EQ(to_hex(p.payload), to_hex(payload));
}

TEST(Mysql8RawBytes, GreetingHasOnlyItsCapabilitiesChanged) {
  for (const bool client_tls : {false, true}) {
    SCOPED_TRACE(client_tls ? "proxy offers TLS" : "no TLS");
    tls_files certificate;
    scripted_mysql8_server server(server_options());
    proxy_instance proxy(proxy_settings(server, client_tls ? &certificate : nullptr));
    raw_client c;
    ASSERT_TRUE(c.connect(proxy.port()));
    raw_greeting g;
    ASSERT_TRUE(read_raw_greeting(c, g));
    const auto s = server.wait_session(0, [](const mysql8_session& x) { return !x.greeting.empty(); });
    ASSERT_TRUE(s);
    EXPECT_EQ(server.greeting_capabilities(), mysql8::greeting_capabilities & ~cap::ssl);
    const std::uint32_t expected = (server.greeting_capabilities() & ~never_forwarded) | (client_tls ? cap::ssl : 0u);
    EXPECT_EQ(g.capabilities, expected) << std::hex << g.capabilities << " vs " << expected;
    EXPECT_EQ(g.capabilities & never_forwarded, 0u);
    EXPECT_TRUE(g.capabilities & cap::deprecate_eof);
    // Byte for byte MySQL's greeting, but for the 2 + 2 capability bytes.
    pr::bytes expected_wire = s->greeting;
    const std::size_t lower = pr::packet_header_size + 1 + mysql8::server_version.size() + 1 + 4 + 8 + 1;
    const std::size_t upper = lower + 2 + 1 + 2;
    expected_wire[lower] = static_cast<std::uint8_t>(expected);
    expected_wire[lower + 1] = static_cast<std::uint8_t>(expected >> 8);
    expected_wire[upper] = static_cast<std::uint8_t>(expected >> 16);
    expected_wire[upper + 1] = static_cast<std::uint8_t>(expected >> 24);
    EXPECT_EQ(to_hex(wire_of(g.packet)), to_hex(expected_wire));
    EXPECT_EQ(g.scramble, s->scramble);
  }
}

// Logs in as cached_account on the fast path, checking every packet; `proof` is what it sent.
void raw_fast_login(raw_client& c, std::uint16_t port, std::string& proof) {
  ASSERT_TRUE(c.connect(port));
  raw_greeting g;
  ASSERT_TRUE(read_raw_greeting(c, g));
  proof = pr::caching_sha2_scramble(cached_account.password, g.scramble);
  ASSERT_TRUE(send_raw_response(c, cached_account.user, proof));
  expect_packet(c, 2, from_hex("01 03"));
  expect_packet(c, 3, from_hex("00 00 00 0200 0000"));
}

TEST(Mysql8RawBytes, FastPathPacketByPacket) {
  scripted_mysql8_server server(server_options());
  proxy_instance proxy(proxy_settings(server));
  raw_client c;
  std::string proof;
  ASSERT_NO_FATAL_FAILURE(raw_fast_login(c, proxy.port(), proof));
  const auto s = server.wait_session(0, [](const mysql8_session& x) { return x.authenticated; });
  ASSERT_TRUE(s);
  expect_clean_session(*s);
  EXPECT_EQ(s->auth_response, proof);
  // Everything the client asked for, minus what the proxy cannot relay.
  EXPECT_EQ(s->client_capabilities, raw_client_wants & ~never_forwarded);
}

// Full authentication on a plain connection, as a raw client sees it: the PEM MySQL sent, and
// the ERR of a wrong password with its sequence id.
TEST(Mysql8RawBytes, FullPathPacketByPacket) {
  scripted_mysql8_server server(server_options());
  proxy_instance proxy(proxy_settings(server));
  for (const bool right : {true, false}) {
    SCOPED_TRACE(right ? "right password" : "wrong password");
    const std::string password = right ? uncached_account.password : "nope";
    raw_client c;
    ASSERT_TRUE(c.connect(proxy.port()));
    raw_greeting g;
    ASSERT_TRUE(read_raw_greeting(c, g));
    ASSERT_TRUE(send_raw_response(c, uncached_account.user, pr::caching_sha2_scramble(password, g.scramble)));
    expect_packet(c, 2, from_hex("01 04"));
    ASSERT_TRUE(c.send_packet(3, from_hex("02")));
    pr::bytes pem_packet = from_hex("01");
    const std::string& pem = scripted_mysql8_server::public_key_pem();
    pem_packet.insert(pem_packet.end(), pem.begin(), pem.end());
    expect_packet(c, 4, pem_packet);
    std::string cipher;
    ASSERT_EQ(pr::rsa_encrypt_password(password, g.scramble, pem, pr::sha1_digest{7}, cipher), pr::errc::ok);
    ASSERT_TRUE(c.send_packet(5, pr::as_bytes(cipher)));
    if (right) {
      expect_packet(c, 6, from_hex("00 00 00 0200 0000"));
    } else {
      const auto e = c.read_error();
      ASSERT_TRUE(e);
      EXPECT_EQ(e->sequence_id, 6);
      EXPECT_EQ(e->code, 1045);
      EXPECT_EQ(e->sqlstate, "28000");
      EXPECT_EQ(e->message, "Access denied for user 'full8'@'localhost' (using password: YES)");
      EXPECT_TRUE(c.wait_closed());
    }
  }
  // The first login put full8 in the cache; the wrong password was still a full authentication.
  const auto wrong = server.wait_session(1);
  ASSERT_TRUE(wrong);
  expect_clean_session(*wrong);
  EXPECT_EQ(wrong->rsa_password, "nope");
  EXPECT_EQ(auth_sequence(*wrong), (std::vector<int>{1, 3, 5}));
}

// A session under CLIENT_DEPRECATE_EOF: every response reaches the client exactly as MySQL sent
// it, and the proxy finds where each ends (a COM_PING answered right after proves it).
TEST(Mysql8RawBytes, DeprecateEofResponsesAreByteIdentical) {
  scripted_mysql8_server server(server_options());
  proxy_instance proxy(proxy_settings(server));
  raw_client c;
  std::string proof;
  ASSERT_NO_FATAL_FAILURE(raw_fast_login(c, proxy.port(), proof));
  const auto hello = server.wait_session(0, [](const mysql8_session& x) { return x.authenticated; });
  ASSERT_TRUE(hello);
  ASSERT_TRUE(hello->client_capabilities & cap::deprecate_eof);

  std::size_t commands = 0;
  // Sends one command, reads as many bytes as the server answered, compares them with what the
  // server sent and with `expected_hex` when given; then pings.
  auto exchange = [&](const pr::bytes& command, std::string_view expected_hex = {}) {
    SCOPED_TRACE(std::string(command.begin() + 1, command.end()));
    ASSERT_TRUE(c.send_packet(0, command));
    const std::size_t index = commands++;
    const auto s = server.wait_session(0, [&](const mysql8_session& x) { return x.commands.size() > index; });
    ASSERT_TRUE(s);
    const pr::bytes& sent = s->commands[index].response;
    EXPECT_EQ(to_hex(read_wire(c, sent.size())), to_hex(sent));
    if (!expected_hex.empty()) {
      EXPECT_EQ(to_hex(sent), to_hex(from_hex(expected_hex)));
    }
    ASSERT_TRUE(c.send_command(pr::command::ping));
    commands++;
    expect_packet(c, 1, from_hex("00 00 00 0200 0000"));
  };
  auto command = [](pr::command cmd, std::string_view argument) {
    pr::bytes b(1 + argument.size());
    b[0] = static_cast<std::uint8_t>(cmd);
    std::copy(argument.begin(), argument.end(), b.begin() + 1);
    return b;
  };
  auto query = [&](std::string_view sql) { return command(pr::command::query, sql); };

  // MySQL 8.0's answer to SELECT 1 under CLIENT_DEPRECATE_EOF: no EOF after the column
  // definition, and a 0xFE OK packet (7 bytes) to end the rows.
  exchange(query("SELECT 1"),
           "01000001 01"
           "17000002 03646566 00 00 00 0131 00 0c 3f00 01000000 08 8100 00 0000"
           "02000003 0131"
           "07000004 fe 00 00 0200 0000");
  exchange(query("SELECT id, name FROM t"));
  exchange(query("SELECT id FROM t WHERE id < 0"),
           "01000001 01"
           "25000002 03646566 09 69745f6d7973716c38 0174 0174 026964 026964 0c 3f00 0b000000 03 0342 00 0000"
           "07000003 fe 00 00 2200 0000");
  // Two result sets whose terminators carry SERVER_MORE_RESULTS_EXISTS, then the CALL's OK.
  exchange(query("CALL two_results()"));
  exchange(query("SELECT 1 AS a; SELECT 'two' AS b"));
  exchange(query("SELECT 1 AS a; SELECT boom"));
  exchange(query("SELECT boom"));
  exchange(query("INSERT INTO t (name) VALUES ('d'),('e')"));
  // A 20-byte 0xFE terminator with session state: longer than a classic EOF, still the end.
  exchange(query("SELECT 'tracked' AS c"));
  // Prepared statements under DEPRECATE_EOF: no EOF after the definitions either.
  exchange(command(pr::command::stmt_prepare, "SELECT ? AS echo"));
  // COM_STMT_EXECUTE statement 1, no cursor, one iteration, a bound VAR_STRING "hi".
  exchange(from_hex("17 01000000 00 01000000 00 01 fd00 026869"));

  const auto s = server.wait_session(0, [&](const mysql8_session& x) { return x.commands.size() == commands; });
  ASSERT_TRUE(s);
  expect_clean_session(*s);
  EXPECT_EQ(s->client_capabilities, raw_client_wants & ~never_forwarded);
}

// The same packet by packet on the client's leg: 0x04, the client's key request, the proxy's
// own PEM (not MySQL's), the ciphertext, MySQL's verdict -- and a ciphertext that does not
// decrypt, which the proxy refuses itself.
TEST(Mysql8RawBytes, FullPathClientPlainProxyOnTls) {
  tls_files certificate;
  scripted_mysql8_server server(tls_server_options(certificate));
  proxy_instance proxy(backend_tls_settings(server));
  const std::string& proxy_key = proxy.runtime().rsa_public_key_pem;
  ASSERT_FALSE(proxy_key.empty());
  ASSERT_NE(proxy_key, scripted_mysql8_server::public_key_pem());
  for (const int round : {0, 1, 2}) {  // right password, wrong password, garbage ciphertext
    SCOPED_TRACE(round);
    const std::string password = round == 1 ? "nope" : uncached_account.password;
    raw_client c;
    ASSERT_TRUE(c.connect(proxy.port()));
    raw_greeting g;
    ASSERT_TRUE(read_raw_greeting(c, g));
    // full8 gets cached by the first round; a proof for the wrong scramble is a miss anyway.
    ASSERT_TRUE(send_raw_response(c, uncached_account.user, pr::caching_sha2_scramble(password, "x")));
    expect_packet(c, 2, from_hex("01 04"));
    ASSERT_TRUE(c.send_packet(3, from_hex("02")));
    pr::bytes pem_packet = from_hex("01");
    pem_packet.insert(pem_packet.end(), proxy_key.begin(), proxy_key.end());
    expect_packet(c, 4, pem_packet);
    std::string cipher;
    ASSERT_EQ(pr::rsa_encrypt_password(password, g.scramble, proxy_key, pr::sha1_digest{3}, cipher), pr::errc::ok);
    if (round == 2) cipher[10] ^= 0x40;
    ASSERT_TRUE(c.send_packet(5, pr::as_bytes(cipher)));
    if (round == 0) {
      expect_packet(c, 6, from_hex("00 00 00 0200 0000"));
    } else {
      const auto e = c.read_error();
      ASSERT_TRUE(e);
      EXPECT_EQ(e->sequence_id, 6);
      EXPECT_EQ(e->code, round == 1 ? 1045 : 1835);
      EXPECT_TRUE(c.wait_closed());
    }
    const auto s = server.wait_session(static_cast<std::size_t>(round),
                                       [](const mysql8_session& x) { return x.authenticated || x.ended; });
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->protocol_errors.empty()) << ::testing::PrintToString(s->protocol_errors);
    if (round < 2) {
      EXPECT_EQ(s->cleartext_password, password);
      EXPECT_EQ(auth_sequence(*s), (std::vector<int>{1, 2, 4}));
    } else {
      EXPECT_FALSE(s->cleartext_password);  // nothing reached MySQL
      EXPECT_EQ(auth_sequence(*s), (std::vector<int>{1, 2}));
    }
  }
}

// A raw client that turns to TLS after its SSLRequest, to see the sequence ids of a TLS client
// leg, which the proxy renumbers.
class tls_raw_client {
 public:
  // Connects, reads the greeting, sends the SSLRequest (sequence id 1) and does the handshake.
  bool open(std::uint16_t port, raw_greeting& g) {
    if (!plain_.connect(port) || !read_raw_greeting(plain_, g)) return false;
    pr::bytes request;
    pr::encode_ssl_request({raw_client_wants | cap::ssl, 1 << 24, 255, 0}, request);
    if (!plain_.send_packet(1, request)) return false;
    const timeval limit{30, 0};  // no read blocks forever
    ::setsockopt(plain_.fd(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    stream_.emplace(plain_.fd());
    return stream_->start_tls_client();
  }
  bool send_packet(std::uint8_t seq, pr::bytes_view payload) { return stream_->send_packet(seq, payload); }
  bool read_packet(mysql8_packet& out) { return stream_->read_packet(out); }
  // Reads one packet and checks its sequence id and payload.
  void expect_packet(int sequence_id, const pr::bytes& payload) {
    mysql8_packet p;
    ASSERT_TRUE(read_packet(p));
    EXPECT_EQ(int{p.sequence_id}, sequence_id);
    EXPECT_EQ(to_hex(p.payload), to_hex(payload));
  }

 private:
  raw_client plain_;  // owns the socket
  std::optional<blocking_packet_stream> stream_;
};

// The client's leg on TLS, the proxy's plain: the SSLRequest is one more packet on the client's
// leg only, and the proxy's RSA exchange adds two on MySQL's; every packet the client sees must
// still be numbered as on a direct connection.
TEST(Mysql8RawBytes, ClientOnTlsSequenceIds) {
  tls_files certificate;
  scripted_mysql8_server server(server_options());
  proxy_instance proxy(proxy_settings(server, &certificate));
  struct round {
    const char* name;
    mysql8_account account;
    const char* password;
  };
  const round rounds[] = {{"fast path", cached_account, cached_account.password.c_str()},
                          {"full path, proxy encrypts", uncached_account, uncached_account.password.c_str()},
                          {"full path, wrong password", cached_account, "wrong"}};
  std::size_t index = 0;
  for (const round& r : rounds) {
    SCOPED_TRACE(r.name);
    tls_raw_client c;
    raw_greeting g;
    ASSERT_TRUE(c.open(proxy.port(), g));
    pr::handshake_response_41 response;
    response.capabilities = raw_client_wants | cap::ssl;
    response.max_packet_size = 1 << 24;
    response.character_set = 255;
    response.username = r.account.user;
    const std::string proof = pr::caching_sha2_scramble(r.password, g.scramble);
    response.auth_response = proof;
    response.database = database;
    response.auth_plugin_name = pr::auth_plugin::caching_sha2_password;
    pr::bytes payload;
    pr::encode_handshake_response_41(response, payload);
    ASSERT_TRUE(c.send_packet(2, payload));
    const bool fast = r.account.cached && std::string_view(r.password) == r.account.password;
    if (fast) {
      c.expect_packet(3, from_hex("01 03"));
      c.expect_packet(4, from_hex("00 00 00 0200 0000"));
    } else {
      c.expect_packet(3, from_hex("01 04"));
      const std::string clear = std::string(r.password) + '\0';
      ASSERT_TRUE(c.send_packet(4, pr::as_bytes(clear)));
      mysql8_packet verdict;
      ASSERT_TRUE(c.read_packet(verdict));
      EXPECT_EQ(int{verdict.sequence_id}, 5);
      ASSERT_FALSE(verdict.payload.empty());
      EXPECT_EQ(verdict.payload[0], std::string_view(r.password) == r.account.password ? 0x00 : 0xff);
    }
    const auto s = server.wait_session(index++, [](const mysql8_session& x) { return x.authenticated || x.ended; });
    ASSERT_TRUE(s);
    expect_clean_session(*s);
    EXPECT_FALSE(s->cleartext_password);
    if (!fast) {
      EXPECT_EQ(s->rsa_password, r.password);
      EXPECT_EQ(auth_sequence(*s), (std::vector<int>{1, 3, 5}));
    }
  }
}

}  // namespace
}  // namespace switchyard::integration
