// Phase 1 under concurrency: eight sessions on different workers fight over the same few rows
// (autocommit increments, order-sensitive CONCATs, multi-row transactions that deadlock and are
// retried as an application would, inserts and deletes of the same keys). The mirror applies
// transactions in the order the proxy saw MySQL's commit OKs; afterwards PostgreSQL must hold
// exactly what MySQL holds, with no divergence recorded.
#include <gtest/gtest.h>

#include <mysqld_error.h>

#include <random>

#include "integration/dual_write_support.hpp"

namespace switchyard::integration {
namespace {

constexpr int sessions = 8;
constexpr int hot_rows = 3;
constexpr auto run_for = 4s;
// Statements per session at most: MySQL runs a hot-row workload faster than the mirror applies
// it (same-row updates queue up in PostgreSQL), and the mirror must drain in reasonable time;
// the same-row history is compared whole (quadratic), so it is kept shorter.
constexpr int max_ops = 3000;
constexpr int max_concat_ops = 600;

struct op_counts {
  int autocommit_increments = 0;
  int autocommit_concats = 0;
  int transactions = 0;
  int deadlock_retries = 0;
  int inserts = 0;
  int duplicate_keys = 0;
  int deletes = 0;
  int upserts = 0;
  std::vector<std::string> errors;  // anything an application would not expect
};

// Runs `sql`; true on success. Errors in `tolerated` are returned (as the errno) without being
// recorded; any other error is recorded in `c.errors`.
unsigned run(MYSQL* m, const std::string& sql, op_counts& c, std::initializer_list<unsigned> tolerated = {}) {
  if (mysql_query(m, sql.c_str()) == 0) {
    if (MYSQL_RES* r = mysql_store_result(m)) mysql_free_result(r);
    return 0;
  }
  const unsigned e = mysql_errno(m);
  for (unsigned t : tolerated)
    if (t == e) return e;
  c.errors.push_back(sql + ": " + last_error(m));
  return e;
}

// What the sessions do. Only `commutative` has a result independent of the order in which
// conflicting commits are applied; the others show whether the mirror keeps MySQL's order.
enum class pattern {
  commutative,  // n = n + 1, d = d + 0.25: autocommit and 2-3 row transactions (deadlocks, retries)
  mixed,        // also CONCATs, INSERT / DELETE / upsert of the same keys
  concat_only,  // every session appends its letter to row 1, autocommit, whole history kept
};

// Appends the session's letter to row `id`'s v: whole history, or the last 40 characters.
std::string concat_sql(int id, char letter, bool whole) {
  const std::string value = whole ? "v" : "RIGHT(v, 40)";
  return "UPDATE hot SET v = CONCAT(" + value + ", '" + std::string(1, letter) + "') WHERE id = " + std::to_string(id);
}

// A transaction touching two or three hot rows in a random order; retried on deadlock or lock
// wait timeout, as an application does.
void conflicting_transaction(MYSQL* m, std::mt19937& rng, char letter, bool concat, op_counts& c) {
  std::vector<int> ids;
  for (int i = 1; i <= hot_rows; ++i) ids.push_back(i);
  std::shuffle(ids.begin(), ids.end(), rng);
  ids.resize(2 + rng() % 2);
  const std::string set = concat ? "n = n + 1, v = CONCAT(RIGHT(v, 40), '" + std::string(1, letter) + "'), d = d + 0.25"
                                 : "n = n + 1, d = d + 0.25";
  for (int attempt = 0; attempt < 50; ++attempt) {
    unsigned e = run(m, "BEGIN", c);
    for (std::size_t i = 0; e == 0 && i < ids.size(); ++i)
      e = run(m, "UPDATE hot SET " + set + " WHERE id = " + std::to_string(ids[i]), c,
              {ER_LOCK_DEADLOCK, ER_LOCK_WAIT_TIMEOUT});
    if (e == 0) e = run(m, "COMMIT", c, {ER_LOCK_DEADLOCK});
    if (e == 0) {
      ++c.transactions;
      return;
    }
    (void)run(m, "ROLLBACK", c);
    if (e != ER_LOCK_DEADLOCK && e != ER_LOCK_WAIT_TIMEOUT) return;
    ++c.deadlock_retries;
  }
  c.errors.push_back("transaction still deadlocking after 50 attempts");
}

// Autocommit INSERT, DELETE or upsert of one of three keys that every session uses.
void same_key_write(MYSQL* m, unsigned pick, int key, int index, char letter, op_counts& c) {
  const std::string k = std::to_string(key);
  const std::string l(1, letter);
  std::string sql;
  if (pick == 0) sql = "INSERT INTO hot (id, n, v, d) VALUES (" + k + ", " + std::to_string(index) + ", '" + l + "', 1.50)";
  if (pick == 1) sql = "DELETE FROM hot WHERE id = " + k;
  if (pick == 2)
    sql = "INSERT INTO hot (id, n, v, d) VALUES (" + k +
          ", 0, 'u', 0) ON DUPLICATE KEY UPDATE n = n + 1, v = CONCAT(RIGHT(v, 40), '" + l + "')";
  const unsigned e = run(m, sql, c, {ER_DUP_ENTRY, ER_LOCK_DEADLOCK});
  if (e == ER_DUP_ENTRY && pick != 0) c.errors.push_back(sql + ": duplicate key");
  if (e == ER_DUP_ENTRY) ++c.duplicate_keys;
  if (e == ER_LOCK_DEADLOCK) ++c.deadlock_retries;
  if (e != 0) return;
  if (pick == 0) ++c.inserts;
  if (pick == 1) ++c.deletes;
  if (pick == 2) ++c.upserts;
}

// Length of the longest common subsequence: the appends PostgreSQL has in MySQL's order.
std::size_t common_subsequence(const std::string& a, const std::string& b) {
  std::vector<std::size_t> previous(b.size() + 1, 0), current(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j)
      current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

void session_loop(std::uint16_t port, const connect_options& o, int index, pattern kind,
                  std::chrono::steady_clock::time_point until, op_counts& c) {
  connection conn = connect_to(port, o);
  if (!conn.connected) {
    c.errors.push_back("connect: " + last_error(conn.get()));
    return;
  }
  MYSQL* m = conn.get();
  std::mt19937 rng(static_cast<unsigned>(1000 + index));
  const char letter = static_cast<char>('a' + index);
  const int ops = kind == pattern::concat_only ? max_concat_ops : max_ops;
  for (int op = 0; op < ops && std::chrono::steady_clock::now() < until && c.errors.empty(); ++op) {
    const int hot = 1 + static_cast<int>(rng() % hot_rows);
    const unsigned pick = rng() % 10;
    if (kind == pattern::concat_only) {
      if (run(m, concat_sql(1, letter, true), c) == 0) ++c.autocommit_concats;
    } else if (pick <= 2 || (kind == pattern::commutative && pick <= 4)) {
      if (run(m, "UPDATE hot SET n = n + 1, d = d + 0.25 WHERE id = " + std::to_string(hot), c) == 0)
        ++c.autocommit_increments;
    } else if (pick <= 6) {
      conflicting_transaction(m, rng, letter, kind == pattern::mixed, c);
    } else if (kind == pattern::commutative) {
      if (run(m, "UPDATE hot SET n = n + 1 WHERE id = " + std::to_string(hot), c) == 0) ++c.autocommit_increments;
    } else if (pick == 7) {
      if (run(m, concat_sql(hot, letter, false), c) == 0) ++c.autocommit_concats;
    } else {
      same_key_write(m, rng() % 3, 100 + static_cast<int>(rng() % 3), index, letter, c);
    }
  }
}

class dual_write_concurrency : public ::testing::Test {
 protected:
  // Runs the workload with `workers` proxy threads and checks both sides are equal after.
  void run_workload(unsigned workers, pattern kind) {
    temp_dir dir;
    config::settings s = db.dual_write_settings(dir);
    s.proxy.workers = workers;
    if (const char* w = std::getenv("SWITCHYARD_TEST_WORKERS"); w && *w) s.proxy.workers = std::stoul(w);
    s.mirror.queue_capacity = 1'000'000;
    proxy_instance p(s);
    {
      connection setup = connect_to(p.port(), db.options());
      ASSERT_TRUE(setup.connected) << last_error(setup.get());
      exec(setup.get(),
           "CREATE TABLE hot (id INT PRIMARY KEY, n INT NOT NULL, v VARCHAR(6000) NOT NULL, d DECIMAL(12,2) NOT NULL)");
      exec(setup.get(), "INSERT INTO hot VALUES (1, 0, '', 0.00), (2, 0, '', 0.00), (3, 0, '', 0.00)");
    }
    std::vector<op_counts> counts(sessions);
    std::vector<std::thread> threads;
    const auto until = std::chrono::steady_clock::now() + run_for;
    for (int i = 0; i < sessions; ++i)
      threads.emplace_back(session_loop, p.port(), db.options(), i, kind, until, std::ref(counts[i]));
    for (auto& t : threads) t.join();

    op_counts total;
    for (const op_counts& c : counts) {
      total.autocommit_increments += c.autocommit_increments;
      total.autocommit_concats += c.autocommit_concats;
      total.transactions += c.transactions;
      total.deadlock_retries += c.deadlock_retries;
      total.inserts += c.inserts;
      total.duplicate_keys += c.duplicate_keys;
      total.deletes += c.deletes;
      total.upserts += c.upserts;
      for (const auto& e : c.errors) ADD_FAILURE() << e;
    }
    const auto drain_start = std::chrono::steady_clock::now();
    if (!wait_mirror_drained(p, 120s)) {
      const counters c = snapshot(p.stats());
      FAIL() << "mirror not drained: submitted " << c.mirror_transactions_submitted << ", applied "
             << c.mirror_transactions_applied << ", diverged " << c.mirror_transactions_diverged << ", queue "
             << c.mirror_queue_depth;
    }
    const auto drained_ms =
        std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - drain_start).count();
    const counters after = snapshot(p.stats());
    std::printf("  workload: %d increments, %d concats, %d transactions (%d deadlock retries), %d inserts "
                "(%d duplicate keys), %d deletes, %d upserts; mirror: %lld submitted, %lld applied, %lld diverged, "
                "%lld group commits, queue peak %lld, queue full %lld, lag p50 %lld us p99 %lld us, drained %lld ms after "
                "the load\n",
                total.autocommit_increments, total.autocommit_concats, total.transactions, total.deadlock_retries,
                total.inserts, total.duplicate_keys, total.deletes, total.upserts,
                static_cast<long long>(after.mirror_transactions_submitted),
                static_cast<long long>(after.mirror_transactions_applied),
                static_cast<long long>(after.mirror_transactions_diverged),
                static_cast<long long>(after.mirror_group_commits), static_cast<long long>(after.mirror_queue_peak),
                static_cast<long long>(after.mirror_queue_full),
                static_cast<long long>(after.mirror_lag_p50_us), static_cast<long long>(after.mirror_lag_p99_us), static_cast<long long>(drained_ms));
    if (kind == pattern::concat_only) {
      EXPECT_GT(total.autocommit_concats, 1000);
    } else {
      EXPECT_GT(total.autocommit_increments, 200);
      EXPECT_GT(total.transactions, 200);
      EXPECT_GT(total.deadlock_retries, 0) << "no deadlock: the sessions did not conflict";
    }
    if (kind == pattern::mixed) EXPECT_GT(total.inserts + total.deletes + total.upserts + total.autocommit_concats, 200);
    EXPECT_EQ(after.mirror_transactions_diverged, 0);
    postgres_client pg;
    // A commit the proxy saw more than the reorder window late (a loaded machine) is applied and
    // recorded for repair: a difference is then allowed, but never without a record.
    const bool late = after.mirror_late_commits > 0;
    if (late) std::printf("  %lld commit(s) seen later than the reorder window: recorded\n",
                          static_cast<long long>(after.mirror_late_commits));
    const auto reasons = pg.rows("SELECT DISTINCT reason FROM public.switchyard_divergences WHERE mysql_schema = '" +
                                 db.name() + "'");
    if (!late) EXPECT_EQ(after.divergences_recorded, 0) << ::testing::PrintToString(reasons);
    if (late) EXPECT_GT(after.divergences_recorded, 0) << "late commits must be recorded";
    const auto diff = table_differences(db.name(), "hot", "id");
    if (!late) EXPECT_TRUE(diff.empty()) << diff.size() << " differing row(s); first: " << diff.front().substr(0, 300);
    if (kind == pattern::concat_only) {  // how much of the history PostgreSQL has in another order
      const std::string my = scalar(connect_direct(db.options()).get(), "SELECT v FROM hot WHERE id = 1");
      const auto rows = pg.rows("SELECT v FROM " + db.name() + ".hot WHERE id = 1");
      const std::string theirs = rows.empty() ? "" : rows.front();
      const std::size_t out_of_order = my.size() - common_subsequence(my, theirs);
      std::printf("  same-row history: %zu appends on MySQL, %zu on PostgreSQL, %zu applied out of MySQL's order\n",
                  my.size(), theirs.size(), out_of_order);
      if (!late) EXPECT_EQ(out_of_order, 0u);
    }
    EXPECT_GE(mysql_table_text(db.name(), "hot", "id").size(), static_cast<std::size_t>(hot_rows));
  }

  mirrored_database db{test_database_name("conc_")};
};

// Updates that commute: equal whatever the order.
TEST_F(dual_write_concurrency, commutative_conflicts_leave_both_sides_equal) { run_workload(2, pattern::commutative); }

// Order-sensitive conflicting writes (CONCAT, DELETE then INSERT of a key). The order the proxy
// sees MySQL's commit OKs in is not always MySQL's commit order (InnoDB releases row locks
// before the OK is written, and two workers read two sockets independently): without the
// commit's GTID (binlog off) these were applied swapped in 7-23% of same-row appends with two
// workers. With it (tools/dbenv.sh runs MariaDB with a binlog) the mirror orders by it.
TEST_F(dual_write_concurrency, order_sensitive_conflicts_leave_both_sides_equal) {
  run_workload(2, pattern::mixed);
}

// The most order-sensitive pattern: every session appends its letter to the same row,
// autocommit, and the whole history is compared.
TEST_F(dual_write_concurrency, same_row_autocommit_concats_keep_mysql_order) {
  run_workload(2, pattern::concat_only);
}

}  // namespace
}  // namespace switchyard::integration
