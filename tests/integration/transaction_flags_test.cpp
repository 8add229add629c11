// The transaction tracker's assumptions, checked on the real MariaDB: what its in-transaction
// status flag says after commits, rollbacks, implicit commits, a deadlock and a lock wait
// timeout, and that the tracker, fed those flags, lists exactly the rows MariaDB kept.
#include <mysql.h>

#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "integration/proxy_fixture.hpp"
#include "proxy/transaction_tracker.hpp"
#include "sql/classifier.hpp"

namespace switchyard::integration {
namespace {

constexpr unsigned in_trans = 0x0001;  // SERVER_STATUS_IN_TRANS

// A MariaDB session whose statements also go through the tracker, as the proxy will feed it.
struct tracked_session {
  MYSQL* m = mysql_init(nullptr);
  proxy::transaction_tracker tracker;
  std::vector<proxy::committed_transaction> committed;

  explicit tracked_session(const char* database) {
    EXPECT_NE(mysql_real_connect(m, "127.0.0.1", test_user, test_password, database, mysql_port(), nullptr, 0),
              nullptr)
        << mysql_error(m);
  }
  ~tracked_session() { mysql_close(m); }
  tracked_session(const tracked_session&) = delete;
  tracked_session& operator=(const tracked_session&) = delete;

  // Runs one statement; its MariaDB error number (0 on success).
  unsigned run(const std::string& sql) {
    const unsigned err = mysql_real_query(m, sql.data(), sql.size()) == 0 ? 0 : mysql_errno(m);
    if (err == 0) {
      if (MYSQL_RES* r = mysql_store_result(m)) mysql_free_result(r);
    }
    const sql::statement_facts facts = sql::classify(sql, {});
    proxy::statement_outcome o;
    o.kind = facts.kind;
    o.writes = facts.writes;
    o.succeeded = err == 0;
    o.error_code = static_cast<std::uint16_t>(err);
    o.in_transaction = (m->server_status & in_trans) != 0;
    const auto space = sql.rfind(' ');
    if (facts.kind == sql::statement_kind::savepoint || facts.kind == sql::statement_kind::rollback_to_savepoint ||
        facts.kind == sql::statement_kind::release_savepoint)
      o.savepoint = sql.substr(space + 1);
    proxy::tracked_statement st;
    st.text = sql;
    tracker.on_statement(std::move(st), o, committed);
    return err;
  }
  [[nodiscard]] bool in_transaction() const { return (m->server_status & in_trans) != 0; }
  // The statements the tracker says were committed, in order.
  [[nodiscard]] std::vector<std::string> committed_texts() const {
    std::vector<std::string> out;
    for (const auto& t : committed)
      for (const auto& s : t.statements) out.push_back(s.text);
    return out;
  }
};

// Each test gets a database of its own: ctest runs these tests in parallel processes.
std::string test_database_name() {
  return (std::string("tracker_it_") + ::testing::UnitTest::GetInstance()->current_test_info()->name()).substr(0, 64);
}

class transaction_flags : public ::testing::Test {
 protected:
  void SetUp() override {
    tracked_session admin(nullptr);
    ASSERT_EQ(admin.run("DROP DATABASE IF EXISTS " + db), 0u);
    ASSERT_EQ(admin.run("CREATE DATABASE " + db), 0u);
    ASSERT_EQ(admin.run("CREATE TABLE " + db + ".t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB"), 0u);
    ASSERT_EQ(admin.run("INSERT INTO " + db + ".t VALUES (1, 0), (2, 0)"), 0u);
  }
  void TearDown() override {
    tracked_session admin(nullptr);
    (void)admin.run("DROP DATABASE IF EXISTS " + db);
  }
  const std::string db = test_database_name();
  // The ids MariaDB holds.
  std::string rows() const {
    tracked_session s(db.c_str());
    std::string out;
    if (mysql_query(s.m, "SELECT id, v FROM t ORDER BY id") != 0) return mysql_error(s.m);
    MYSQL_RES* r = mysql_store_result(s.m);
    while (MYSQL_ROW row = mysql_fetch_row(r)) out += std::string(row[0]) + "=" + row[1] + " ";
    mysql_free_result(r);
    return out;
  }
};

TEST_F(transaction_flags, commit_rollback_and_savepoints_match_what_mariadb_kept) {
  tracked_session s(db.c_str());
  s.run("BEGIN");
  EXPECT_TRUE(s.in_transaction());
  s.run("INSERT INTO t VALUES (3, 0)");
  s.run("SAVEPOINT sp");
  s.run("INSERT INTO t VALUES (4, 0)");
  s.run("ROLLBACK TO SAVEPOINT sp");
  s.run("INSERT INTO t VALUES (1, 9)");  // duplicate key: rejected, the transaction goes on
  EXPECT_TRUE(s.in_transaction());
  s.run("COMMIT");
  EXPECT_FALSE(s.in_transaction());
  s.run("BEGIN");
  s.run("INSERT INTO t VALUES (5, 0)");
  s.run("ROLLBACK");
  s.run("INSERT INTO t VALUES (6, 0)");  // autocommit
  EXPECT_EQ(s.committed_texts(), (std::vector<std::string>{"INSERT INTO t VALUES (3, 0)", "INSERT INTO t VALUES (6, 0)"}));
  EXPECT_EQ(rows(), "1=0 2=0 3=0 6=0 ");
}

TEST_F(transaction_flags, failing_ddl_still_commits_the_open_transaction) {
  tracked_session s(db.c_str());
  s.run("BEGIN");
  s.run("UPDATE t SET v = 7 WHERE id = 1");
  EXPECT_NE(s.run("CREATE TABLE t (x INT)"), 0u);  // exists
  s.run("ROLLBACK");                               // too late: the DDL committed the update
  EXPECT_EQ(s.committed_texts(), (std::vector<std::string>{"UPDATE t SET v = 7 WHERE id = 1"}));
  EXPECT_EQ(rows(), "1=7 2=0 ");
}

TEST_F(transaction_flags, a_deadlock_rolls_the_victim_back_and_the_flag_says_so) {
  tracked_session a(db.c_str()), b(db.c_str());
  a.run("BEGIN");
  b.run("BEGIN");
  EXPECT_EQ(a.run("UPDATE t SET v = 1 WHERE id = 1"), 0u);
  EXPECT_EQ(b.run("UPDATE t SET v = 2 WHERE id = 2"), 0u);
  // a waits for b's row; b then asks for a's: one of them is the deadlock victim.
  unsigned a_error = 0;
  std::thread waiter([&] { a_error = a.run("UPDATE t SET v = 1 WHERE id = 2"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const unsigned b_error = b.run("UPDATE t SET v = 2 WHERE id = 1");
  if (b_error == 0) b.run("COMMIT");
  waiter.join();
  if (a_error == 0) a.run("COMMIT");
  ASSERT_TRUE((a_error == 1213) != (b_error == 1213)) << a_error << " " << b_error;
  tracked_session& victim = a_error == 1213 ? a : b;
  tracked_session& survivor = a_error == 1213 ? b : a;
  // The ERR carries no status flags (the client's still say "in transaction"), but the
  // transaction is gone: the next statement shows it.
  EXPECT_TRUE(victim.committed_texts().empty());
  victim.run("SELECT 1");
  EXPECT_FALSE(victim.in_transaction()) << "MariaDB ended the victim's transaction";
  EXPECT_EQ(victim.tracker.rolled_back_statements(), 1u);
  EXPECT_EQ(survivor.committed_texts().size(), 2u);
  EXPECT_EQ(rows(), a_error == 1213 ? "1=2 2=2 " : "1=1 2=1 ");
}

TEST_F(transaction_flags, a_lock_wait_timeout_only_undoes_the_statement) {
  tracked_session a(db.c_str()), b(db.c_str());
  a.run("BEGIN");
  a.run("UPDATE t SET v = 1 WHERE id = 1");
  b.run("SET SESSION innodb_lock_wait_timeout = 1");
  b.run("BEGIN");
  b.run("UPDATE t SET v = 2 WHERE id = 2");
  EXPECT_EQ(b.run("UPDATE t SET v = 2 WHERE id = 1"), 1205u);
  EXPECT_TRUE(b.in_transaction()) << "innodb_rollback_on_timeout is off: the transaction stays open";
  a.run("COMMIT");
  b.run("COMMIT");
  EXPECT_EQ(b.committed_texts(), (std::vector<std::string>{"UPDATE t SET v = 2 WHERE id = 2"}));
  EXPECT_EQ(rows(), "1=1 2=2 ");
}

}  // namespace
}  // namespace switchyard::integration
