// PostgreSQL going away mid-run (issue 4 items 4 and 9): the proxy reaches PostgreSQL through a
// TCP forwarder the test takes down and brings back while a client commits a steady stream of
// writes. The client sees no error; MySQL has every write; every write PostgreSQL missed is named
// in the divergence log (table and primary keys); writes after recovery are mirrored again; and
// the divergence records reach PostgreSQL's divergence table once it is back.
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <future>
#include <set>
#include <thread>

#include "backend/tcp_forwarder.hpp"
#include "dual_write/dual_write_fixture.hpp"

namespace switchyard::dual_write_test {
namespace {

namespace asio = boost::asio;

// The forwarder on an event loop of its own; start() and stop() run on that loop.
class forwarder_thread {
 public:
  forwarder_thread() : guard_(asio::make_work_guard(io_)), forwarder_(io_, pg_port()), thread_([this] { io_.run(); }) {}
  ~forwarder_thread() {
    on_loop([this] { forwarder_.stop(); });
    guard_.reset();
    io_.stop();
    thread_.join();
  }
  [[nodiscard]] std::uint16_t port() const { return forwarder_.port(); }
  void down() { on_loop([this] { forwarder_.stop(); }); }
  void up() { on_loop([this] { forwarder_.start(); }); }

 private:
  void on_loop(std::function<void()> f) {
    std::promise<void> done;
    asio::post(io_, [&] {
      f();
      done.set_value();
    });
    done.get_future().wait();
  }
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_;
  backend::test::tcp_forwarder forwarder_;
  std::thread thread_;
};

class postgres_away_it : public dual_write_case {};

TEST_F(postgres_away_it, the_client_sees_nothing_and_the_log_names_every_missed_write) {
  forwarder_thread forwarder;
  config::settings s = settings();
  s.postgresql.conninfo = pg_conninfo(forwarder.port());
  s.mirror.apply_timeout = std::chrono::milliseconds(1000);
  s.mirror.ship_interval = std::chrono::milliseconds(200);
  start_proxy(s);
  connection c = client();
  ASSERT_TRUE(c.connected) << last_error(c.get());
  create_through_proxy(c.get(), {"CREATE TABLE w (id INT NOT NULL PRIMARY KEY, v INT NOT NULL, tag VARCHAR(10) NOT NULL)"});

  auto& stats = proxy_->stats();
  int errors = 0;
  int next_id = 1;
  // One committed write per step: an insert, and every third step a two-statement transaction
  // that also changes the previous row.
  auto step = [&] {
    const int id = next_id++;
    auto run = [&](const std::string& sql) {
      if (mysql_real_query(c.get(), sql.data(), sql.size()) != 0) {
        ++errors;
        ADD_FAILURE() << sql << ": " << last_error(c.get());
      }
    };
    if (id % 3 == 0) {
      run("BEGIN");
      run("INSERT INTO w (id, v, tag) VALUES (" + std::to_string(id) + ", " + std::to_string(id) + ", 'tx')");
      run("UPDATE w SET v = v * 2 WHERE id = " + std::to_string(id - 1));
      run("COMMIT");
    } else {
      run("INSERT INTO w (id, v, tag) VALUES (" + std::to_string(id) + ", " + std::to_string(id) + ", 'auto')");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  };
  for (int i = 0; i < 40; ++i) step();
  ASSERT_TRUE(mirror_caught_up());
  ASSERT_EQ(pg_rows("SELECT count(*) FROM " + db_ + ".w"), std::vector<std::string>{"40"}) << "mirrored while up";

  forwarder.down();
  const auto down_at = std::chrono::steady_clock::now();
  for (int i = 0; i < 60; ++i) step();
  ASSERT_TRUE(wait_until([&] { return proxy::metrics::get(stats.postgresql_up) == 0; }))
      << "the pool never noticed PostgreSQL was away";
  // The dual write's progress (for backfill re-checks) cannot be published meanwhile: counted.
  EXPECT_TRUE(wait_until([&] { return proxy::metrics::get(stats.mirror_progress_failures) > 0; }));
  const int first_after_down = 41;
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  forwarder.up();
  const auto away_for = std::chrono::steady_clock::now() - down_at;
  for (int i = 0; i < 60; ++i) step();  // while the pool reconnects (with backoff)
  ASSERT_TRUE(wait_until([&] { return proxy::metrics::get(stats.postgresql_up) == 1; }, std::chrono::seconds(60)))
      << "the pool never came back";
  const auto published_after_recovery = proxy::metrics::get(stats.mirror_progress_published);
  EXPECT_TRUE(wait_until([&] { return proxy::metrics::get(stats.mirror_progress_published) > published_after_recovery; }))
      << "progress is published again";
  const int first_after_recovery = next_id;
  for (int i = 0; i < 30; ++i) step();
  ASSERT_TRUE(mirror_caught_up());
  const int last = next_id - 1;

  EXPECT_EQ(errors, 0);
  EXPECT_EQ(scalar(direct_.get(), "SELECT COUNT(*) FROM " + db_ + ".w"), std::to_string(last));
  // Every row whose last write PostgreSQL missed is named by key in a record of table w.
  const auto records = divergences();
  std::set<std::string> named;
  bool whole_table = false;
  for (const auto& d : records) {
    EXPECT_EQ(d.table, "w");
    EXPECT_TRUE(d.reason.rfind("PostgreSQL unavailable", 0) == 0 || d.reason.rfind("PostgreSQL: ", 0) == 0) << d.reason;
    if (d.keys.empty()) whole_table = true;
    named.insert(d.keys.begin(), d.keys.end());
  }
  EXPECT_FALSE(whole_table) << "every statement here names its rows";
  const compare_result r = compare();
  ASSERT_EQ(r.error, "");
  std::size_t differing = 0;
  for (const auto& t : r.differences) {
    EXPECT_EQ(t.table, "w") << r.describe();
    for (const auto& row : t.rows) {
      ++differing;
      const std::string key = row.key.substr(2, row.key.size() - 4);  // "('17')" -> 17
      EXPECT_TRUE(named.count(key)) << "row " << key << " differs but no divergence names it: " << row.what;
      const int id = std::stoi(key);
      EXPECT_GE(id, first_after_down - 1) << "lost before PostgreSQL went away";
      EXPECT_LT(id, first_after_recovery) << "lost after PostgreSQL came back";
    }
  }
  EXPECT_GT(differing, 0u) << "PostgreSQL was away for "
                           << std::chrono::duration_cast<std::chrono::milliseconds>(away_for).count()
                           << " ms and missed nothing: the test did not test";
  // Mirrored again after recovery: the last rows are on PostgreSQL.
  EXPECT_EQ(pg_rows("SELECT count(*) FROM " + db_ + ".w WHERE id >= " + std::to_string(first_after_recovery)),
            std::vector<std::string>{std::to_string(last - first_after_recovery + 1)});
  // The records were shipped to PostgreSQL's divergence table once it was back.
  EXPECT_TRUE(wait_until([&] {
    return proxy::metrics::get(stats.divergences_shipped) >= proxy::metrics::get(stats.divergences_recorded);
  })) << proxy::metrics::get(stats.divergences_shipped) << " of " << proxy::metrics::get(stats.divergences_recorded);
  EXPECT_EQ(pg_rows("SELECT count(*) FROM switchyard_divergences WHERE mysql_schema = '" + db_ + "'"),
            std::vector<std::string>{std::to_string(records.size())});
  std::cout << "[ away     ] " << last << " writes, " << differing << " rows differ, " << records.size()
            << " divergence records (" << named.size() << " keys), away for "
            << std::chrono::duration_cast<std::chrono::milliseconds>(away_for).count() << " ms, shipped "
            << proxy::metrics::get(stats.divergences_shipped) << "\n";
}

}  // namespace
}  // namespace switchyard::dual_write_test
