// 8 sessions doing conflicting updates on the same hot rows through the proxy (issue 4 item 9):
// the updates do not commute (n + 1 and n * 3), so PostgreSQL ends equal to MySQL only if the
// mirror applied the transactions in MySQL's commit order. Deadlock victims retry, as clients do.
//
// The order in which the proxy sees COMMIT's OK is not always MySQL's commit order (InnoDB
// releases the row locks before the OK is written); without a binlog this failed about one run in
// five. The mirror orders by the commits' GTIDs (tools/dbenv.sh runs MariaDB with a binlog).
#include <atomic>
#include <thread>

#include "dual_write/dual_write_fixture.hpp"

namespace switchyard::dual_write_test {
namespace {

class concurrency_it : public dual_write_case {};

TEST_F(concurrency_it, conflicting_updates_on_hot_rows_end_equal) {
  config::settings s = settings();
  if (const char* w = std::getenv("E2E_WORKERS")) s.proxy.workers = static_cast<unsigned>(std::atoi(w));  // 2 by default
  start_proxy(s);
  client_ = client();
  create_through_proxy(client_.get(), {"CREATE TABLE hot (id INT NOT NULL PRIMARY KEY, n BIGINT NOT NULL, last VARCHAR(20) NULL)",
                     "CREATE TABLE events (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, who INT NOT NULL, "
                     "step INT NOT NULL, at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))"});
  if (HasFatalFailure()) return;
  exec(client_.get(), "INSERT INTO hot (id, n) VALUES (1, 1), (2, 1), (3, 1), (4, 1)");
  constexpr int sessions = 8;
  constexpr int steps = 40;
  std::atomic<int> errors{0}, retries{0}, committed{0};
  std::vector<std::thread> threads;
  for (int who = 0; who < sessions; ++who) {
    threads.emplace_back([&, who] {
      connection c = client();
      if (!c.connected) {
        ++errors;
        return;
      }
      MYSQL* m = c.get();
      for (int step = 0; step < steps; ++step) {
        const int a = (who + step) % 4 + 1;
        const int b = (who + 2 * step + 1) % 4 + 1;
        const std::vector<std::string> tx = {
            "BEGIN",
            "UPDATE hot SET n = (n + 1) % 1000003, last = 's" + std::to_string(who) + "' WHERE id = " + std::to_string(a),
            "UPDATE hot SET n = (n * 3) % 1000003 WHERE id = " + std::to_string(b),
            "INSERT INTO events (who, step) VALUES (" + std::to_string(who) + ", " + std::to_string(step) + ")",
            "COMMIT"};
        for (int attempt = 0;; ++attempt) {
          bool failed = false;
          for (const auto& sql : tx) {
            if (mysql_real_query(m, sql.data(), sql.size()) == 0) continue;
            const unsigned e = mysql_errno(m);
            (void)mysql_query(m, "ROLLBACK");
            if ((e == 1213 || e == 1205) && attempt < 20) {
              ++retries;
              failed = true;
              break;
            }
            ++errors;
            return;
          }
          if (!failed) break;
        }
        ++committed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(committed.load(), sessions * steps);
  ASSERT_TRUE(mirror_caught_up());
  const compare_result r = compare();
  // A commit seen later than the reorder window (a loaded machine) is applied and recorded: a
  // difference is then allowed in the tables the records name, never elsewhere or unrecorded.
  const auto late = proxy::metrics::get(proxy_->stats().mirror_late_commits);
  const auto records = divergences();
  if (late == 0) {
    EXPECT_TRUE(r.equal()) << r.describe();
    for (const auto& d : records) ADD_FAILURE() << d.table << ": " << d.reason << " (" << d.digest << ")";
  } else {
    std::cout << "[ hot rows ] " << late << " commit(s) seen later than the reorder window: recorded\n";
    EXPECT_FALSE(records.empty());
    for (const auto& t : r.differing_tables()) EXPECT_TRUE(tables_of(records).count(t)) << t << " differs unrecorded";
  }
  EXPECT_EQ(r.rows, 4u + sessions * steps);
  auto& stats = proxy_->stats();
  std::cout << "[ hot rows ] " << committed.load() << " transactions by " << sessions << " sessions, " << retries.load()
            << " deadlock retries; mirror: " << proxy::metrics::get(stats.mirror_transactions_applied) << " applied, "
            << proxy::metrics::get(stats.mirror_group_commits) << " group commits, queue peak "
            << proxy::metrics::get(stats.mirror_queue_peak) << ", lag p50 " << proxy::metrics::get(stats.mirror_lag_p50_us)
            << " us, p99 " << proxy::metrics::get(stats.mirror_lag_p99_us) << " us\n";
}

}  // namespace
}  // namespace switchyard::dual_write_test
