// Clients and servers that misbehave: what the client sees, which counter moves, and that
// nothing is left behind (MariaDB connections, descriptors).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "common/str_cat.hpp"
#include "protocol/constants.hpp"
#include "protocol/handshake.hpp"
#include "tests/integration/proxy_fixture.hpp"
#include "tests/integration/raw_client.hpp"

namespace switchyard::integration {
namespace {

namespace pr = protocol;
namespace cap = protocol::capability;
using clock = std::chrono::steady_clock;

// A result far bigger than every socket buffer on the way: still streaming when the test acts.
constexpr std::string_view big_select = "SELECT REPEAT('x',1000) FROM seq_1_to_200000";

// Expects the counter `name` of `p` to end up exactly one above `before`.
#define EXPECT_COUNTER_UP_ONE(p, before, name) \
  EXPECT_EQ(wait_counter((p).stats().name, (before).name + 1), (before).name + 1) << #name

config::settings small_packet_settings() {
  config::settings s = base_settings();
  s.proxy.max_allowed_packet = 1 << 20;
  return s;
}

// ---- One misbehaving session each; the single tests and the descriptor test share them. ----

// A HandshakeResponse41 cut off inside max_packet_size.
void truncated_handshake_response(proxy_instance& p) {
  const counters before = snapshot(p.stats());
  raw_client c;
  ASSERT_TRUE(c.connect(p.port()));
  ASSERT_TRUE(c.read_greeting());
  const pr::bytes truncated{0x85, 0xa6, 0x0f, 0x00, 0x00, 0x00};  // protocol 4.1 capabilities, 2 of 4 bytes
  ASSERT_TRUE(c.send_packet(1, truncated));
  const auto e = c.read_error();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, 1043);
  EXPECT_EQ(e->sqlstate, "08S01");
  EXPECT_EQ(e->sequence_id, 2);
  EXPECT_TRUE(c.wait_closed());
  EXPECT_COUNTER_UP_ONE(p, before, malformed_packets);
}

// Logs in, sends `wire` where a command belongs, and expects ERR `code` (sequence id 1), the
// connection closed, and `counter` one up.
void expect_command_refused(proxy_instance& p, pr::bytes_view wire, std::uint16_t code, std::string_view sqlstate,
                            const std::atomic<std::int64_t>& counter) {
  const std::int64_t before = proxy::metrics::get(counter);
  raw_client c;
  ASSERT_TRUE(c.open_session(p.port(), test_user, test_password, test_database));
  ASSERT_TRUE(c.send_raw(wire));
  const auto e = c.read_error();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, code);
  EXPECT_EQ(e->sqlstate, sqlstate);
  EXPECT_EQ(e->sequence_id, 1);
  EXPECT_TRUE(c.wait_closed());
  EXPECT_EQ(wait_counter(counter, before + 1), before + 1);
}

void wrong_sequence_id(proxy_instance& p) {
  const pr::bytes query{9, 0, 0, 3, 0x03, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1'};  // sequence id 3, not 0
  expect_command_refused(p, query, 1156, "08S01", p.stats().bad_sequence_ids);
}

// A COM_QUERY whose header announces 2 MiB against proxy.max_allowed_packet = 1 MiB. Only the
// first bytes are sent: the proxy must refuse on the header, without waiting for the rest.
void command_over_max_allowed_packet(proxy_instance& p) {
  ASSERT_EQ(p.runtime().settings.proxy.max_allowed_packet, 1u << 20);
  const pr::bytes start{0x00, 0x00, 0x20, 0x00, 0x03, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '\''};
  expect_command_refused(p, start, 1153, "08S01", p.stats().packets_too_large);
}

void empty_command(proxy_instance& p) {
  const pr::bytes empty{0, 0, 0, 0};  // a packet with no command byte
  expect_command_refused(p, empty, 1835, "HY000", p.stats().malformed_packets);
}

// COM_BINLOG_DUMP is refused with ERR 1047; the session goes on.
void unsupported_command(proxy_instance& p) {
  const counters before = snapshot(p.stats());
  raw_client c;
  ASSERT_TRUE(c.open_session(p.port(), test_user, test_password, test_database));
  // binlog position 4, flags 0, server id 77, no file name
  const std::string arguments("\x04\x00\x00\x00\x00\x00\x4d\x00\x00\x00", 10);
  ASSERT_TRUE(c.send_command(pr::command::binlog_dump, arguments));
  const auto e = c.read_error();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, 1047);
  EXPECT_EQ(e->sqlstate, "08S01");
  EXPECT_EQ(e->sequence_id, 1);
  EXPECT_COUNTER_UP_ONE(p, before, unsupported_commands);
  // Still usable: a ping gets OK, a query gets its result set (column count 1 first).
  ASSERT_TRUE(c.send_command(pr::command::ping));
  raw_packet reply;
  ASSERT_EQ(c.read_packet(reply), raw_client::read_status::ok);
  ASSERT_FALSE(reply.payload.empty());
  EXPECT_EQ(reply.payload[0], pr::ok_header);
  ASSERT_TRUE(c.send_command(pr::command::query, "SELECT 42"));
  ASSERT_EQ(c.read_packet(reply), raw_client::read_status::ok);
  EXPECT_EQ(reply.payload, pr::bytes{0x01});
  ASSERT_TRUE(c.send_command(pr::command::quit));
  EXPECT_TRUE(c.wait_closed());
}

// The client resets its connection after a few rows of a huge result: the proxy counts an
// abort and MariaDB's connection goes away too.
void client_hangs_up_mid_result(proxy_instance& p, MYSQL* direct) {
  const counters before = snapshot(p.stats());
  raw_client c;
  ASSERT_TRUE(c.open_session(p.port(), test_user, test_password, test_database));
  const unsigned long backend_id = c.connection_id();  // the greeting passes through unchanged
  ASSERT_TRUE(backend_connection_exists(direct, backend_id));
  ASSERT_TRUE(c.send_command(pr::command::query, big_select));
  raw_packet packet;
  for (int i = 0; i < 50; ++i) ASSERT_EQ(c.read_packet(packet), raw_client::read_status::ok);
  c.reset();
  EXPECT_COUNTER_UP_ONE(p, before, client_aborts);
  EXPECT_TRUE(wait_until([&] { return !backend_connection_exists(direct, backend_id); }))
      << "MariaDB connection " << backend_id << " outlived its client";
}

// MariaDB's connection is killed while a huge result streams through the proxy: the client gets
// an error (never a hang) and the proxy counts a backend failure.
void mysql_dies_mid_result(proxy_instance& p, MYSQL* direct) {
  const counters before = snapshot(p.stats());
  const connection c = connect_to(p.port());
  ASSERT_TRUE(c.connected) << last_error(c.get());
  const unsigned long backend_id = mysql_thread_id(c.get());
  ASSERT_EQ(mysql_real_query(c.get(), big_select.data(), big_select.size()), 0) << last_error(c.get());
  MYSQL_RES* res = mysql_use_result(c.get());
  ASSERT_NE(res, nullptr) << last_error(c.get());
  for (int i = 0; i < 10; ++i) ASSERT_NE(mysql_fetch_row(res), nullptr) << last_error(c.get());
  exec(direct, str_cat("KILL CONNECTION ", backend_id));
  const auto killed_at = clock::now();
  long rows = 10;
  while (mysql_fetch_row(res)) ++rows;  // what was in flight, then the end
  const auto took = clock::now() - killed_at;
  EXPECT_LT(rows, 200000);
  EXPECT_NE(mysql_errno(c.get()), 0u) << "the result must not look complete";
  EXPECT_LT(took, std::chrono::seconds(20));
  mysql_free_result(res);
  // Whether MariaDB's last words were an ERR (relayed) or just a closed socket, the session is
  // unusable now and the proxy has noticed.
  EXPECT_NE(mysql_query(c.get(), "SELECT 1"), 0);
  EXPECT_COUNTER_UP_ONE(p, before, backend_failures);
}

// SSLRequest, then bytes that are not a TLS ClientHello.
void tls_handshake_with_garbage(proxy_instance& p) {
  const counters before = snapshot(p.stats());
  raw_client c;
  ASSERT_TRUE(c.connect(p.port()));
  ASSERT_TRUE(c.read_greeting());
  ASSERT_TRUE(c.server_capabilities() & cap::ssl) << "the proxy must offer TLS";
  const pr::ssl_request request{cap::long_password | cap::protocol_41 | cap::secure_connection | cap::plugin_auth | cap::ssl,
                                1u << 24, 45, 0};
  pr::bytes payload;
  pr::encode_ssl_request(request, payload);
  ASSERT_TRUE(c.send_packet(1, payload));
  // Bytes arriving together with the SSLRequest are refused for another reason (they would
  // bypass TLS): wait until the proxy has read the SSLRequest alone.
  ASSERT_TRUE(wait_until([&] { return peer_read_everything(p.port(), c.local_port()); }));
  const std::string garbage = "GET / HTTP/1.1\r\nHost: not-tls\r\n\r\n";
  ASSERT_TRUE(c.send_raw(pr::as_bytes(garbage)));
  EXPECT_TRUE(c.wait_closed());
  EXPECT_COUNTER_UP_ONE(p, before, tls_handshake_failures);
  EXPECT_EQ(snapshot(p.stats()).tls_handshakes, before.tls_handshakes);
}

// A client that connects and says nothing.
void silent_client(proxy_instance& p) {
  const counters before = snapshot(p.stats());
  raw_client c;
  ASSERT_TRUE(c.connect(p.port()));
  ASSERT_TRUE(c.read_greeting());
  EXPECT_TRUE(c.wait_closed());
  EXPECT_COUNTER_UP_ONE(p, before, timeouts_handshake);
}

config::settings unreachable_backend_settings() {
  config::settings s = base_settings();
  s.mysql.address = {"127.0.0.1", closed_port()};
  return s;
}

// A proxy whose MariaDB address refuses connections.
void unreachable_backend(proxy_instance& p) {
  const counters before = snapshot(p.stats());
  const connection c = connect_to(p.port());
  // Not 2003 itself: Connector/C takes a server's ERR with a client errno (2000-2999) for a
  // malformed packet. The proxy says ER_UNKNOWN_ERROR with MySQL's "can't connect" wording.
  EXPECT_FALSE(c.connected);
  EXPECT_EQ(mysql_errno(c.get()), 1105u) << last_error(c.get());
  EXPECT_NE(std::string(mysql_error(c.get())).find("can't connect to MySQL server"), std::string::npos)
      << last_error(c.get());
  EXPECT_COUNTER_UP_ONE(p, before, backend_connect_failures);
}

// A connection the proxy turns away because of proxy.max_connections.
void over_the_connection_limit(proxy_instance& p) {
  const counters before = snapshot(p.stats());
  const connection refused = connect_to(p.port());
  EXPECT_FALSE(refused.connected);
  EXPECT_EQ(mysql_errno(refused.get()), 1040u) << last_error(refused.get());
  EXPECT_COUNTER_UP_ONE(p, before, connections_refused_limit);
}

// ---- The tests ----

TEST(ProxyBadInput, TruncatedHandshakeResponseGets1043AndClose) {
  proxy_instance p;
  truncated_handshake_response(p);
}

TEST(ProxyBadInput, WrongSequenceIdGets1156AndClose) {
  proxy_instance p;
  wrong_sequence_id(p);
}

TEST(ProxyBadInput, CommandOverMaxAllowedPacketGets1153AndClose) {
  proxy_instance p(small_packet_settings());
  command_over_max_allowed_packet(p);
}

TEST(ProxyBadInput, EmptyCommandIsMalformed) {
  proxy_instance p;
  empty_command(p);
}

TEST(ProxyBadInput, UnsupportedCommandGets1047AndSessionContinues) {
  proxy_instance p;
  unsupported_command(p);
}

// A proxy and a direct connection to MariaDB that watches (processlist) and acts (KILL).
class ProxyBadInputObserved : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(direct_.connected) << last_error(direct_.get()); }
  proxy_instance proxy_;
  const connection direct_ = connect_direct();
};

TEST_F(ProxyBadInputObserved, ClientHangingUpMidResultReleasesMysqlConnection) {
  client_hangs_up_mid_result(proxy_, direct_.get());
  EXPECT_TRUE(wait_sessions_ended(proxy_));
}

TEST_F(ProxyBadInputObserved, MysqlDyingMidResultGivesClientAnErrorNotAHang) {
  mysql_dies_mid_result(proxy_, direct_.get());
  EXPECT_TRUE(wait_sessions_ended(proxy_));
}

TEST(ProxyBadInput, UnreachableMysqlGetsCantConnectError) {
  proxy_instance p(unreachable_backend_settings());
  unreachable_backend(p);
  // On the wire: an ERR before any greeting, without SQLSTATE.
  raw_client raw;
  ASSERT_TRUE(raw.connect(p.port()));
  raw_packet packet;
  ASSERT_EQ(raw.read_packet(packet), raw_client::read_status::ok);
  const auto e = parse_error(packet);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, 1105);
  EXPECT_EQ(e->sequence_id, 0);
  EXPECT_EQ(e->sqlstate, "");
  EXPECT_TRUE(raw.wait_closed());
}

TEST(ProxyBadInput, TlsHandshakeWithGarbageFailsAndCloses) {
  const tls_files files;
  proxy_instance p(with_client_tls(files));
  tls_handshake_with_garbage(p);
}

TEST(ProxyBadInput, TlsRequiredRefusesPlainClientWith3159) {
  const tls_files files;
  config::settings s = with_client_tls(files);
  s.client_tls.required = true;
  proxy_instance p(s);
  const counters before = snapshot(p.stats());
  const connection plain = connect_to(p.port());
  EXPECT_FALSE(plain.connected);
  EXPECT_EQ(mysql_errno(plain.get()), 3159u) << last_error(plain.get());
  EXPECT_STREQ(mysql_sqlstate(plain.get()), "HY000");
  EXPECT_COUNTER_UP_ONE(p, before, tls_required_refusals);
  // A TLS client is welcome.
  connect_options o;
  o.tls = true;
  const connection secure = connect_to(p.port(), o);
  ASSERT_TRUE(secure.connected) << last_error(secure.get());
  EXPECT_EQ(scalar(secure.get(), "SELECT 1"), "1");
  EXPECT_EQ(snapshot(p.stats()).tls_required_refusals, before.tls_required_refusals + 1);
}

TEST(ProxyBadInput, ConnectionOverMaxConnectionsGets1040) {
  config::settings s = base_settings();
  s.proxy.max_connections = 1;
  proxy_instance p(s);
  connection first = connect_to(p.port());
  ASSERT_TRUE(first.connected) << last_error(first.get());
  over_the_connection_limit(p);
  EXPECT_EQ(scalar(first.get(), "SELECT 1"), "1");  // the session inside the limit is untouched
  // The slot is free again once the first session ends.
  first.handle.reset();
  ASSERT_TRUE(wait_sessions_ended(p));
  const connection third = connect_to(p.port());
  EXPECT_TRUE(third.connected) << last_error(third.get());
}

TEST(ProxyBadInput, IdleSessionTimesOut) {
  config::settings s = base_settings();
  s.proxy.idle_timeout = 300ms;
  proxy_instance p(s);
  const counters before = snapshot(p.stats());
  raw_client c;
  ASSERT_TRUE(c.open_session(p.port(), test_user, test_password, test_database));
  const auto idle_since = clock::now();
  EXPECT_TRUE(c.wait_closed());
  EXPECT_GE(clock::now() - idle_since, 200ms);
  EXPECT_LT(clock::now() - idle_since, 5s) << "not on time (connect_timeout is 10 s)";
  EXPECT_COUNTER_UP_ONE(p, before, timeouts_idle);
  EXPECT_TRUE(wait_sessions_ended(p));
}

TEST(ProxyBadInput, SlowStatementHitsQueryTimeout) {
  config::settings s = base_settings();
  s.proxy.query_timeout = 300ms;
  proxy_instance p(s);
  const counters before = snapshot(p.stats());
  const connection c = connect_to(p.port());
  ASSERT_TRUE(c.connected) << last_error(c.get());
  EXPECT_EQ(scalar(c.get(), "SELECT SLEEP(0.01)"), "0");  // quick statements are unaffected
  const auto start = clock::now();
  EXPECT_NE(mysql_query(c.get(), "SELECT SLEEP(5)"), 0);
  EXPECT_LT(clock::now() - start, 4s) << "not on time (idle_timeout is 600 s)";
  EXPECT_COUNTER_UP_ONE(p, before, timeouts_query);
  EXPECT_TRUE(wait_sessions_ended(p));
}

TEST(ProxyBadInput, SilentClientHitsHandshakeTimeout) {
  config::settings s = base_settings();
  s.proxy.handshake_timeout = 300ms;
  proxy_instance p(s);
  const auto start = clock::now();
  silent_client(p);
  EXPECT_LT(clock::now() - start, 5s) << "not on time (connect_timeout is 10 s)";
  EXPECT_TRUE(wait_sessions_ended(p));
}

// Every kind of bad session above, twice: the first round lets lazily opened descriptors
// (Connector/C, OpenSSL, resolver) appear; after the second, the count must be what it was.
TEST(ProxyBadInput, BadSessionsLeakNoDescriptors) {
  const tls_files files;
  config::settings s = with_client_tls(files, small_packet_settings());
  s.proxy.handshake_timeout = 2s;  // for the silent client; the others finish well within it
  proxy_instance p(s);
  proxy_instance unreachable(unreachable_backend_settings());
  config::settings no_room = base_settings();
  no_room.proxy.max_connections = 0;  // every connection is one too many
  proxy_instance full(no_room);
  const connection direct = connect_direct();
  ASSERT_TRUE(direct.connected) << last_error(direct.get());
  const auto round = [&] {
    unreachable_backend(unreachable);
    over_the_connection_limit(full);
    truncated_handshake_response(p);
    wrong_sequence_id(p);
    command_over_max_allowed_packet(p);
    empty_command(p);
    unsupported_command(p);
    client_hangs_up_mid_result(p, direct.get());
    mysql_dies_mid_result(p, direct.get());
    tls_handshake_with_garbage(p);
    silent_client(p);
    ASSERT_TRUE(wait_sessions_ended(p));
    ASSERT_TRUE(wait_sessions_ended(unreachable));
  };
  round();
  if (HasFatalFailure()) return;
  const std::size_t before = open_descriptors();
  round();
  if (HasFatalFailure()) return;
  // Sessions leave the gauge a moment before their sockets are destroyed: poll.
  EXPECT_TRUE(wait_until([&] { return open_descriptors() == before; }, 10s))
      << "descriptors: " << before << " before, " << open_descriptors() << " after";
}

}  // namespace
}  // namespace switchyard::integration
