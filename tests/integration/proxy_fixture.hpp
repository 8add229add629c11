// Integration-test fixture: the proxy running in-process against a real MariaDB, Connector/C
// connections through it and straight to MariaDB, counter snapshots, and polling with deadlines.
// MariaDB is at 127.0.0.1:$SWITCHYARD_TEST_MYSQL_PORT (default 13306; tools/dbenv.sh start).
#pragma once
#include <mysql.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "config/config.hpp"
#include "proxy/metrics.hpp"
#include "proxy/runtime.hpp"
#include "proxy/server.hpp"

namespace switchyard::integration {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

inline constexpr const char* test_user = "app";
inline constexpr const char* test_password = "app";
inline constexpr const char* test_database = "it_proxy";  // created by the test environment
// How long any wait may take before a test fails: generous, for a loaded 2-core machine.
inline constexpr milliseconds patience = 30s;

[[nodiscard]] std::uint16_t mysql_port();
// A TCP port on 127.0.0.1 that nothing listens on (bound, then released).
[[nodiscard]] std::uint16_t closed_port();

// Settings every test starts from: listen on 127.0.0.1 port 0, MariaDB as the backend, two
// workers, timeouts long enough never to fire unless a test shortens them.
[[nodiscard]] config::settings base_settings();

// The proxy (runtime, server, and the thread that runs it). Started by the constructor, which
// throws std::runtime_error when the settings do not work; stopped and joined by the destructor.
class proxy_instance {
 public:
  explicit proxy_instance(const config::settings& settings = base_settings());
  ~proxy_instance();
  proxy_instance(const proxy_instance&) = delete;
  proxy_instance& operator=(const proxy_instance&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] proxy::metrics& stats() { return rt_->stats; }
  [[nodiscard]] proxy::runtime& runtime() { return *rt_; }

  // server::stop(): begins a graceful shutdown.
  void stop();
  // Whether server::run() has returned within `limit`.
  [[nodiscard]] bool wait_stopped(milliseconds limit = patience);

 private:
  std::unique_ptr<proxy::runtime> rt_;
  std::unique_ptr<proxy::server> server_;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::shared_future<void> stopped_;
};

// A copy of every counter, to compute what a test changed.
struct counters {
#define SWITCHYARD_IT_FIELD(kind, name, help) std::int64_t name = 0;
  SWITCHYARD_PROXY_METRICS(SWITCHYARD_IT_FIELD)
#undef SWITCHYARD_IT_FIELD
};
[[nodiscard]] counters snapshot(const proxy::metrics& m);

// Polls `done` every few milliseconds until it holds or `limit` passes; returns its last answer.
bool wait_until(const std::function<bool()>& done, milliseconds limit = patience);

// Counters move on the proxy's threads, a moment after the client saw the effect: waits until
// `c` reaches `target` (or the deadline passes) and returns its value then.
std::int64_t wait_counter(const std::atomic<std::int64_t>& c, std::int64_t target, milliseconds limit = patience);

// Waits until no session is open in the proxy.
bool wait_sessions_ended(proxy_instance& p, milliseconds limit = patience);

// ---- Connector/C ----

struct mysql_closer {
  void operator()(MYSQL* m) const { mysql_close(m); }
};
using mysql_ptr = std::unique_ptr<MYSQL, mysql_closer>;

struct connect_options {
  std::string user = test_user;
  std::string password = test_password;
  std::string database = test_database;
  unsigned long flags = 0;        // CLIENT_MULTI_STATEMENTS, ...
  bool tls = false;               // MYSQL_OPT_SSL_ENFORCE, no certificate verification
  std::string tls_peer_fingerprint;  // MARIADB_OPT_TLS_PEER_FP: accept only this certificate
  bool local_infile = false;      // MYSQL_OPT_LOCAL_INFILE
  bool compress = false;          // MYSQL_OPT_COMPRESS: asks for compression if offered
  std::string public_key_file;    // MYSQL_SERVER_PUBLIC_KEY: no public-key request
  unsigned long max_allowed_packet = 0;  // 0: Connector/C's default
  unsigned timeout_seconds = 60;  // connect, read and write timeouts: no test hangs forever
};

// A Connector/C connection. On failure the handle stays, so that mysql_errno() and
// mysql_sqlstate() say why, and `connected` is false.
struct connection {
  mysql_ptr handle;
  bool connected = false;
  [[nodiscard]] MYSQL* get() const { return handle.get(); }
};

[[nodiscard]] connection connect_to(std::uint16_t port, const connect_options& o = {});
// Straight to MariaDB, bypassing the proxy: the reference the proxy is compared with, and the
// observer (processlist, KILL).
[[nodiscard]] connection connect_direct(const connect_options& o = {});

using row = std::vector<std::optional<std::string>>;

// Runs a statement that must succeed (a failure is a test failure that names the statement).
void exec(MYSQL* m, std::string_view sql);
// Runs statements on MariaDB directly (no database selected); the first error, empty on success.
[[nodiscard]] std::string run_on_mysql(const std::vector<std::string>& statements);
// Runs a query that must succeed and returns its rows (first result set only).
[[nodiscard]] std::vector<row> query_rows(MYSQL* m, std::string_view sql);
// The first column of the first row, "NULL" for NULL, "" when there is no row.
[[nodiscard]] std::string scalar(MYSQL* m, std::string_view sql);

// "ERR <errno> <sqlstate> <message>" for the last error on `m`, "OK" when there is none.
[[nodiscard]] std::string last_error(MYSQL* m);
// Every result of the statement just sent (all result sets, OKs, or the error) as text:
// column metadata, rows (NULL distinct from ''), affected rows, warnings. Comparing the text a
// proxied and a direct connection produce compares what the client sees.
[[nodiscard]] std::string dump_results(MYSQL* m);
// mysql_real_query + dump_results.
[[nodiscard]] std::string run_and_dump(MYSQL* m, std::string_view sql);

// Whether MariaDB still has a connection with this id (from a direct connection).
[[nodiscard]] bool backend_connection_exists(MYSQL* direct, unsigned long id);

// Number of open file descriptors of this process.
[[nodiscard]] std::size_t open_descriptors();

// A throwaway directory (removed with its files by the destructor).
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string file(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

// A self-signed certificate and key (RSA 2048, CN=localhost) in PEM files, made with OpenSSL.
struct tls_files {
  temp_dir dir;
  std::string cert_file;
  std::string key_file;
  std::string sha1_fingerprint;  // of the certificate, 40 hex digits
  tls_files();
};

// `s` with client TLS on, using `files`.
[[nodiscard]] config::settings with_client_tls(const tls_files& files, config::settings s = base_settings());

}  // namespace switchyard::integration
