// Clients using TLS to the proxy (the proxy terminates it; its own leg to MariaDB stays plain).
// The refusals (garbage instead of a ClientHello, client_tls.required) are in bad_input_test.
#include <gtest/gtest.h>

#include <string>

#include "tests/integration/proxy_fixture.hpp"

namespace switchyard::integration {
namespace {

class ProxyTls : public ::testing::Test {
 protected:
  void SetUp() override {
    proxy_ = std::make_unique<proxy_instance>(with_client_tls(files_));
  }

  tls_files files_;
  std::unique_ptr<proxy_instance> proxy_;
};

TEST_F(ProxyTls, ConnectorCOverTlsRunsQueries) {
  const counters before = snapshot(proxy_->stats());
  connect_options o;
  o.tls = true;
  const connection c = connect_to(proxy_->port(), o);
  ASSERT_TRUE(c.connected) << last_error(c.get());
  const char* cipher = mysql_get_ssl_cipher(c.get());
  ASSERT_NE(cipher, nullptr);
  EXPECT_STRNE(cipher, "");
  EXPECT_EQ(wait_counter(proxy_->stats().tls_handshakes, before.tls_handshakes + 1), before.tls_handshakes + 1);
  EXPECT_EQ(snapshot(proxy_->stats()).tls_handshake_failures, before.tls_handshake_failures);

  EXPECT_EQ(scalar(c.get(), "SELECT 1 + 1"), "2");
  // A result of many TLS records, and a prepared statement, over the encrypted leg.
  EXPECT_EQ(scalar(c.get(), "SELECT LENGTH(REPEAT('ab', 2 * 1024 * 1024))"), "4194304");
  const auto rows = query_rows(c.get(), "SELECT seq, REPEAT('y', 500) FROM seq_1_to_5000");
  ASSERT_EQ(rows.size(), 5000u);
  EXPECT_EQ(rows.back()[0], "5000");
  MYSQL_STMT* stmt = mysql_stmt_init(c.get());
  const std::string sql = "SELECT 40 + 2";
  ASSERT_EQ(mysql_stmt_prepare(stmt, sql.data(), sql.size()), 0) << mysql_stmt_error(stmt);
  ASSERT_EQ(mysql_stmt_execute(stmt), 0) << mysql_stmt_error(stmt);
  long long value = 0;
  MYSQL_BIND out{};
  out.buffer_type = MYSQL_TYPE_LONGLONG;
  out.buffer = &value;
  ASSERT_EQ(mysql_stmt_bind_result(stmt, &out), 0);
  ASSERT_EQ(mysql_stmt_fetch(stmt), 0);
  EXPECT_EQ(value, 42);
  mysql_stmt_close(stmt);
}

// The certificate the client sees is the one the proxy was configured with.
TEST_F(ProxyTls, ClientPinningTheProxyCertificateConnects) {
  ASSERT_EQ(files_.sha1_fingerprint.size(), 40u);
  connect_options o;
  o.tls = true;
  o.tls_peer_fingerprint = files_.sha1_fingerprint;
  const connection pinned = connect_to(proxy_->port(), o);
  ASSERT_TRUE(pinned.connected) << last_error(pinned.get());
  EXPECT_EQ(scalar(pinned.get(), "SELECT 'pinned'"), "pinned");

  const counters before = snapshot(proxy_->stats());
  o.tls_peer_fingerprint = std::string(40, '0');
  const connection wrong = connect_to(proxy_->port(), o);
  EXPECT_FALSE(wrong.connected) << "a different fingerprint must be refused by the client";
  EXPECT_EQ(snapshot(proxy_->stats()).sessions_authenticated, before.sessions_authenticated);
}

TEST_F(ProxyTls, PlainClientsStillWelcomeWhenTlsIsOptional) {
  const counters before = snapshot(proxy_->stats());
  const connection plain = connect_to(proxy_->port());
  ASSERT_TRUE(plain.connected) << last_error(plain.get());
  EXPECT_EQ(mysql_get_ssl_cipher(plain.get()), nullptr);
  EXPECT_EQ(scalar(plain.get(), "SELECT 'plain'"), "plain");
  EXPECT_EQ(snapshot(proxy_->stats()).tls_handshakes, before.tls_handshakes);
}

}  // namespace
}  // namespace switchyard::integration
