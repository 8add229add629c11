// The proxy's own leg to MySQL over TLS (mysql.tls), against MariaDB started by tools/dbenv.sh
// with a certificate from its private CA ($DBENV_DIR/mariadb/tls/ca.pem).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "proxy_fixture.hpp"

namespace switchyard::integration {
namespace {

std::string dbenv_ca_file() {
  const char* dir = std::getenv("DBENV_DIR");
  return std::string(dir != nullptr ? dir : "/tmp/dbenv") + "/mariadb/tls/ca.pem";
}

// What MariaDB says about the connection it sees: the proxy's leg, not the client's.
std::string backend_cipher(MYSQL* m) {
  const auto rows = query_rows(m, "SHOW SESSION STATUS LIKE 'Ssl_cipher'");
  return rows.empty() || !rows[0][1] ? "" : *rows[0][1];
}

class BackendTls : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(dbenv_ca_file()))
        << "MariaDB has no TLS files; restart it with tools/dbenv.sh stop && tools/dbenv.sh start";
  }
};

TEST_F(BackendTls, RequiredAndVerifiedAgainstTheCa) {
  config::settings s = base_settings();
  s.mysql.tls = config::backend_tls::required;
  s.mysql.tls_ca_file = dbenv_ca_file();
  s.mysql.tls_verify_identity = true;
  proxy_instance proxy(s);
  connection c = connect_to(proxy.port());
  ASSERT_TRUE(c.connected) << last_error(c.get());
  EXPECT_FALSE(backend_cipher(c.get()).empty()) << "MariaDB should see a TLS connection";
  EXPECT_EQ(scalar(c.get(), "SELECT CONCAT('tls', 1)"), "tls1");
  // The client's own leg stayed plain: the proxy's TLS is its business.
  EXPECT_EQ(mysql_get_ssl_cipher(c.get()), nullptr);
}

TEST_F(BackendTls, OffMeansPlain) {
  proxy_instance proxy;
  connection c = connect_to(proxy.port());
  ASSERT_TRUE(c.connected) << last_error(c.get());
  EXPECT_EQ(backend_cipher(c.get()), "");
}

TEST_F(BackendTls, AnUntrustedCertificateIsRefusedWithAClearError) {
  const tls_files other;  // a self-signed certificate MariaDB's is not signed by
  config::settings s = base_settings();
  s.mysql.tls = config::backend_tls::required;
  s.mysql.tls_ca_file = other.cert_file;
  proxy_instance proxy(s);
  const auto before = snapshot(proxy.stats());
  connection c = connect_to(proxy.port());
  EXPECT_FALSE(c.connected);
  EXPECT_EQ(mysql_errno(c.get()), 1105u);
  EXPECT_NE(last_error(c.get()).find("TLS error with MySQL server"), std::string::npos) << last_error(c.get());
  EXPECT_EQ(wait_counter(proxy.stats().backend_failures, before.backend_failures + 1), before.backend_failures + 1);
}

TEST_F(BackendTls, BothLegsEncryptedAtOnce) {
  const tls_files files;
  config::settings s = with_client_tls(files);
  s.mysql.tls = config::backend_tls::preferred;
  s.mysql.tls_ca_file = dbenv_ca_file();
  proxy_instance proxy(s);
  connect_options o;
  o.tls = true;
  connection c = connect_to(proxy.port(), o);
  ASSERT_TRUE(c.connected) << last_error(c.get());
  EXPECT_NE(mysql_get_ssl_cipher(c.get()), nullptr);
  EXPECT_FALSE(backend_cipher(c.get()).empty());
  // A prepared statement and a 4 MiB result over both TLS legs.
  EXPECT_EQ(scalar(c.get(), "SELECT LENGTH(REPEAT('x', 4194304))"), "4194304");
  EXPECT_EQ(query_rows(c.get(), "SELECT REPEAT('y', 4194304)")[0][0]->size(), 4194304u);
}

}  // namespace
}  // namespace switchyard::integration
