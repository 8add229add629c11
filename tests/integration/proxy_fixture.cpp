#include "tests/integration/proxy_fixture.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "common/log.hpp"
#include "common/str_cat.hpp"

namespace switchyard::integration {

namespace {

// Once per test process: Connector/C initialised, the test database there, logs quieter.
class environment : public ::testing::Environment {
 public:
  void SetUp() override {
    ASSERT_EQ(mysql_library_init(0, nullptr, nullptr), 0);
    // SWITCHYARD_TEST_LOG=debug|info|warn|error; the proxy's per-session info lines are noise here.
    log::level level = log::level::warn;
    if (const char* text = std::getenv("SWITCHYARD_TEST_LOG")) (void)log::parse_level(text, level);
    log::set_level(level);
    connect_options o;
    o.database.clear();
    connection c = connect_direct(o);
    ASSERT_TRUE(c.connected) << "MariaDB is not reachable at 127.0.0.1:" << mysql_port() << " ("
                             << last_error(c.get()) << "); run tools/dbenv.sh start";
    exec(c.get(), str_cat("CREATE DATABASE IF NOT EXISTS ", test_database));
  }
  void TearDown() override { mysql_library_end(); }
};

[[maybe_unused]] ::testing::Environment* const registered = ::testing::AddGlobalTestEnvironment(new environment);

}  // namespace

std::uint16_t mysql_port() {
  if (const char* text = std::getenv("SWITCHYARD_TEST_MYSQL_PORT"); text && *text) return static_cast<std::uint16_t>(std::atoi(text));
  return 13306;
}

std::uint16_t closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  std::uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  ::close(fd);  // never listened on: connecting to it is refused
  return port;
}

config::settings base_settings() {
  config::settings s;
  s.proxy.listen = {"127.0.0.1", 0};
  s.proxy.workers = 2;
  s.proxy.connect_timeout = 10s;
  s.proxy.handshake_timeout = 60s;
  s.proxy.idle_timeout = 600s;
  s.proxy.shutdown_timeout = 30s;
  s.mysql.address = {"127.0.0.1", mysql_port()};
  return s;
}

proxy_instance::proxy_instance(const config::settings& settings) : rt_(std::make_unique<proxy::runtime>()) {
  rt_->settings = settings;
  std::string error;
  if (!proxy::make_tls_contexts(*rt_, error)) throw std::runtime_error("make_tls_contexts: " + error);
  server_ = std::make_unique<proxy::server>(*rt_);
  if (!server_->listen(error)) throw std::runtime_error("listen: " + error);
  port_ = server_->port();
  auto done = std::make_shared<std::promise<void>>();
  stopped_ = done->get_future().share();
  thread_ = std::thread([this, done] {
    server_->run(false);
    done->set_value();
  });
}

proxy_instance::~proxy_instance() {
  if (!thread_.joinable()) return;
  stop();
  if (!wait_stopped(patience)) {
    std::fprintf(stderr, "proxy_instance: server::run() did not return %lld s after stop(); aborting\n",
                 static_cast<long long>(std::chrono::duration_cast<std::chrono::seconds>(patience).count()));
    std::abort();  // a hung shutdown must fail loudly, never hang the test run
  }
  thread_.join();
}

void proxy_instance::stop() { server_->stop(); }

bool proxy_instance::wait_stopped(milliseconds limit) {
  return stopped_.wait_for(limit) == std::future_status::ready;
}

counters snapshot(const proxy::metrics& m) {
  counters c;
#define SWITCHYARD_IT_COPY(kind, name, help) c.name = proxy::metrics::get(m.name);
  SWITCHYARD_PROXY_METRICS(SWITCHYARD_IT_COPY)
#undef SWITCHYARD_IT_COPY
  return c;
}

bool wait_until(const std::function<bool()>& done, milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (true) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return done();
    std::this_thread::sleep_for(5ms);
  }
}

std::int64_t wait_counter(const std::atomic<std::int64_t>& c, std::int64_t target, milliseconds limit) {
  (void)wait_until([&] { return proxy::metrics::get(c) >= target; }, limit);
  return proxy::metrics::get(c);
}

bool wait_sessions_ended(proxy_instance& p, milliseconds limit) {
  return wait_until([&] { return proxy::metrics::get(p.stats().connections_active) == 0; }, limit);
}

connection connect_to(std::uint16_t port, const connect_options& o) {
  connection c;
  c.handle.reset(mysql_init(nullptr));
  MYSQL* m = c.get();
  const unsigned timeout = o.timeout_seconds;
  mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &timeout);
  mysql_optionsv(m, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
  if (o.tls) {
    my_bool on = 1, off = 0;
    mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &on);
    mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &off);
    if (!o.tls_peer_fingerprint.empty()) mysql_optionsv(m, MARIADB_OPT_TLS_PEER_FP, o.tls_peer_fingerprint.c_str());
  }
  if (o.local_infile) {
    unsigned on = 1;
    mysql_optionsv(m, MYSQL_OPT_LOCAL_INFILE, &on);
  }
  if (o.compress) mysql_optionsv(m, MYSQL_OPT_COMPRESS, nullptr);
  if (!o.public_key_file.empty()) mysql_optionsv(m, MYSQL_SERVER_PUBLIC_KEY, o.public_key_file.c_str());
  if (o.max_allowed_packet) {
    unsigned long size = o.max_allowed_packet;
    mysql_optionsv(m, MYSQL_OPT_MAX_ALLOWED_PACKET, &size);
  }
  c.connected = mysql_real_connect(m, "127.0.0.1", o.user.c_str(), o.password.c_str(),
                                   o.database.empty() ? nullptr : o.database.c_str(), port, nullptr,
                                   o.flags) != nullptr;
  return c;
}

connection connect_direct(const connect_options& o) { return connect_to(mysql_port(), o); }

void exec(MYSQL* m, std::string_view sql) {
  if (mysql_real_query(m, sql.data(), sql.size()) != 0) {
    ADD_FAILURE() << "statement failed: " << sql.substr(0, 200) << ": " << last_error(m);
    return;
  }
  // Drain whatever it returned, so the connection is ready for the next statement.
  do {
    if (MYSQL_RES* r = mysql_store_result(m)) mysql_free_result(r);
  } while (mysql_next_result(m) == 0);
}

std::vector<row> query_rows(MYSQL* m, std::string_view sql) {
  std::vector<row> rows;
  if (mysql_real_query(m, sql.data(), sql.size()) != 0) {
    ADD_FAILURE() << "query failed: " << sql.substr(0, 200) << ": " << last_error(m);
    return rows;
  }
  MYSQL_RES* res = mysql_store_result(m);
  if (!res) {
    if (mysql_errno(m)) ADD_FAILURE() << "query failed: " << sql.substr(0, 200) << ": " << last_error(m);
    return rows;
  }
  const unsigned n = mysql_num_fields(res);
  while (MYSQL_ROW r = mysql_fetch_row(res)) {
    const unsigned long* lengths = mysql_fetch_lengths(res);
    row out;
    for (unsigned i = 0; i < n; ++i)
      out.push_back(r[i] ? std::optional<std::string>(std::string(r[i], lengths[i])) : std::nullopt);
    rows.push_back(std::move(out));
  }
  mysql_free_result(res);
  while (mysql_next_result(m) == 0)
    if (MYSQL_RES* more = mysql_store_result(m)) mysql_free_result(more);
  return rows;
}

std::string scalar(MYSQL* m, std::string_view sql) {
  const auto rows = query_rows(m, sql);
  if (rows.empty() || rows[0].empty()) return "";
  return rows[0][0] ? *rows[0][0] : "NULL";
}

std::string last_error(MYSQL* m) {
  if (mysql_errno(m) == 0) return "OK";
  return str_cat("ERR ", mysql_errno(m), " ", mysql_sqlstate(m), " ", mysql_error(m));
}

std::string dump_results(MYSQL* m) {
  std::string out;
  int set = 0;
  while (true) {
    if (MYSQL_RES* res = mysql_store_result(m)) {
      str_append(out, "result set ", set++, "\n");
      const unsigned n = mysql_num_fields(res);
      const MYSQL_FIELD* f = mysql_fetch_fields(res);
      for (unsigned i = 0; i < n; ++i)
        str_append(out, "  column ", f[i].name, " org_name=", f[i].org_name, " table=", f[i].table,
                   " org_table=", f[i].org_table, " db=", f[i].db, " type=", static_cast<int>(f[i].type),
                   " length=", f[i].length, " max_length=", f[i].max_length, " flags=", f[i].flags,
                   " decimals=", f[i].decimals, " charset=", f[i].charsetnr, "\n");
      while (MYSQL_ROW r = mysql_fetch_row(res)) {
        const unsigned long* lengths = mysql_fetch_lengths(res);
        out += "  row";
        for (unsigned i = 0; i < n; ++i) {
          if (r[i])
            str_append(out, " '", std::string_view(r[i], lengths[i]), "'");
          else
            out += " NULL";
        }
        out += "\n";
      }
      mysql_free_result(res);
    } else if (mysql_field_count(m) == 0) {
      const char* info = mysql_info(m);
      str_append(out, "ok affected_rows=", static_cast<long long>(mysql_affected_rows(m)),
                 " insert_id=", static_cast<unsigned long long>(mysql_insert_id(m)), " info=", info ? info : "",
                 "\n");
    } else {
      str_append(out, last_error(m), "\n");
      return out;
    }
    str_append(out, "warnings=", mysql_warning_count(m), "\n");
    const int next = mysql_next_result(m);
    if (next > 0) {
      str_append(out, last_error(m), "\n");
      break;
    }
    if (next < 0) break;
  }
  return out;
}

std::string run_and_dump(MYSQL* m, std::string_view sql) {
  if (mysql_real_query(m, sql.data(), sql.size()) != 0) return last_error(m);
  return dump_results(m);
}

bool backend_connection_exists(MYSQL* direct, unsigned long id) {
  return scalar(direct, str_cat("SELECT COUNT(*) FROM information_schema.processlist WHERE id = ", id)) != "0";
}

std::size_t open_descriptors() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

temp_dir::temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "switchyard-it-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

tls_files::tls_files() : cert_file(dir.file("cert.pem")), key_file(dir.file("key.pem")) {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  X509* cert = X509_new();
  if (!key || !cert) throw std::runtime_error("OpenSSL: cannot make a key");
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  const bool signed_ok = X509_sign(cert, key, EVP_sha256()) > 0;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned digest_size = 0;
  if (signed_ok && X509_digest(cert, EVP_sha1(), digest, &digest_size) == 1) {
    static constexpr char hex[] = "0123456789ABCDEF";
    for (unsigned i = 0; i < digest_size; ++i) {
      sha1_fingerprint += hex[digest[i] >> 4];
      sha1_fingerprint += hex[digest[i] & 15];
    }
  }
  bool written = false;
  if (signed_ok) {
    FILE* c = std::fopen(cert_file.c_str(), "w");
    FILE* k = std::fopen(key_file.c_str(), "w");
    written = c && k && PEM_write_X509(c, cert) == 1 &&
              PEM_write_PrivateKey(k, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    if (c) std::fclose(c);
    if (k) std::fclose(k);
  }
  X509_free(cert);
  EVP_PKEY_free(key);
  if (!written) throw std::runtime_error("OpenSSL: cannot write the test certificate");
}

config::settings with_client_tls(const tls_files& files, config::settings s) {
  s.client_tls.cert_file = files.cert_file;
  s.client_tls.key_file = files.key_file;
  return s;
}

std::string run_on_mysql(const std::vector<std::string>& statements) {
  MYSQL* m = mysql_init(nullptr);
  std::string error;
  if (!mysql_real_connect(m, "127.0.0.1", test_user, test_password, nullptr, mysql_port(), nullptr, 0)) {
    error = mysql_error(m);
  } else {
    for (const auto& s : statements)
      if (mysql_real_query(m, s.data(), s.size()) != 0) {
        error = s + ": " + mysql_error(m);
        break;
      }
  }
  mysql_close(m);
  return error;
}

}  // namespace switchyard::integration
