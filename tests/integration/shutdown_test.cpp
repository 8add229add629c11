// Graceful shutdown: idle sessions close at once, a running statement gets its answer, and
// proxy.shutdown_timeout bounds the wait.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "tests/integration/proxy_fixture.hpp"
#include "tests/integration/raw_client.hpp"

namespace switchyard::integration {
namespace {

using clock = std::chrono::steady_clock;

// A statement running on its own thread, as a busy application would.
class background_query {
 public:
  background_query(MYSQL* m, std::string sql) : thread_([this, m, sql = std::move(sql)] {
    if (mysql_query(m, sql.c_str()) == 0) {
      if (MYSQL_RES* res = mysql_store_result(m)) {
        if (MYSQL_ROW row = mysql_fetch_row(res)) value_ = row[0] ? row[0] : "NULL";
        mysql_free_result(res);
      }
    }
    errno_ = mysql_errno(m);
    finished_at_ = clock::now();
  }) {}
  ~background_query() { join(); }
  void join() {
    if (thread_.joinable()) thread_.join();
  }
  // Valid after join().
  [[nodiscard]] const std::string& value() const { return value_; }
  [[nodiscard]] unsigned error() const { return errno_; }
  [[nodiscard]] clock::time_point finished_at() const { return finished_at_; }

 private:
  std::string value_;
  unsigned errno_ = 0;
  clock::time_point finished_at_;
  std::thread thread_;  // last: starts once the fields above exist
};

// Waits until the proxy has relayed `n` more queries than `before`: the statement is running.
bool wait_queries_relayed(proxy_instance& p, std::int64_t before, std::int64_t n = 1) {
  return wait_counter(p.stats().queries_total, before + n) == before + n;
}

TEST(ProxyShutdown, IdleSessionClosesAtOnceRunningStatementFinishes) {
  proxy_instance p;
  const counters before = snapshot(p.stats());
  raw_client idle;
  ASSERT_TRUE(idle.open_session(p.port(), test_user, test_password, test_database));
  const connection busy = connect_to(p.port());
  ASSERT_TRUE(busy.connected) << last_error(busy.get());

  const auto queries = proxy::metrics::get(p.stats().queries_total);
  background_query sleeper(busy.get(), "SELECT SLEEP(1)");
  ASSERT_TRUE(wait_queries_relayed(p, queries));
  p.stop();
  ASSERT_TRUE(idle.wait_closed());
  const auto idle_closed_at = clock::now();
  // New clients are turned away once the listener is closed.
  EXPECT_TRUE(wait_until([&] {
    raw_client late;
    return !late.connect(p.port());
  }));
  sleeper.join();
  EXPECT_EQ(sleeper.error(), 0u) << "the running statement must get its whole answer";
  EXPECT_EQ(sleeper.value(), "0");
  EXPECT_LT(idle_closed_at, sleeper.finished_at()) << "the idle session must not wait for the busy one";
  EXPECT_TRUE(p.wait_stopped()) << "server::run() must return once the last session ended";
  // Both sessions were closed by the shutdown: the idle one at once, the busy one after its answer.
  EXPECT_EQ(snapshot(p.stats()).shutdown_closed, before.shutdown_closed + 2);
  EXPECT_EQ(proxy::metrics::get(p.stats().connections_active), 0);
  EXPECT_NE(mysql_query(busy.get(), "SELECT 1"), 0) << "the busy session is closed after its statement";
}

TEST(ProxyShutdown, ShutdownTimeoutCutsOffALongStatement) {
  config::settings s = base_settings();
  s.proxy.shutdown_timeout = 200ms;
  proxy_instance p(s);
  const connection busy = connect_to(p.port());
  ASSERT_TRUE(busy.connected) << last_error(busy.get());
  const connection direct = connect_direct();
  ASSERT_TRUE(direct.connected) << last_error(direct.get());
  const unsigned long backend_id = mysql_thread_id(busy.get());

  const auto queries = proxy::metrics::get(p.stats().queries_total);
  background_query sleeper(busy.get(), "SELECT SLEEP(5)");
  ASSERT_TRUE(wait_queries_relayed(p, queries));
  const auto stop_at = clock::now();
  p.stop();
  ASSERT_TRUE(p.wait_stopped(patience));
  const auto stopped_after = clock::now() - stop_at;
  EXPECT_LT(stopped_after, 2500ms) << "shutdown_timeout is 200 ms";
  sleeper.join();
  EXPECT_NE(sleeper.error(), 0u) << "a statement cut off must not look successful";
  EXPECT_LT(sleeper.finished_at() - stop_at, 4s) << "the client must learn at once, not when SLEEP(5) ends";
  // MariaDB still runs the SLEEP; once it ends, the connection the proxy dropped goes too.
  EXPECT_TRUE(wait_until([&] { return !backend_connection_exists(direct.get(), backend_id); }));
}

}  // namespace
}  // namespace switchyard::integration
