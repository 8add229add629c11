// Values MySQL generates reach PostgreSQL unchanged (issue 4 item 2 and 3): auto-increment ids of
// single and multi-row inserts, NOW()/CURRENT_TIMESTAMP and DEFAULT / ON UPDATE CURRENT_TIMESTAMP
// columns (MySQL's timestamp is pinned by the proxy: the same instant on both sides), prepared
// statements with their bound values; RAND() and UUID() in a write are recorded, not applied.
#include <cstring>
#include <thread>

#include "dual_write/dual_write_fixture.hpp"

namespace switchyard::dual_write_test {
namespace {

class generated_values_it : public dual_write_case {
 protected:
  void SetUp() override {
    dual_write_case::SetUp();
    if (HasFatalFailure()) return;
    start_with_tables({"CREATE TABLE gen (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL, "
         "at DATETIME(6) NULL, day DATE NULL, "
         "created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, "
         "changed TIMESTAMP(6) NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP(6), "
         "stamp TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
         "CREATE TABLE params (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, i INT NULL, s VARCHAR(50) NULL, "
         "d DOUBLE NULL, dt DATETIME(6) NULL, n VARCHAR(10) NULL)",
         "CREATE TABLE volatile_values (id INT NOT NULL PRIMARY KEY, x DOUBLE NULL, u CHAR(36) NULL)"});
  }
};

TEST_F(generated_values_it, ids_and_instants_mysql_made_are_the_same_on_postgresql) {
  MYSQL* m = client_.get();
  exec(m, "INSERT INTO gen (name) VALUES ('single')");
  exec(m, "INSERT INTO gen (name) VALUES ('multi 1'), ('multi 2'), ('multi 3')");
  exec(m, "INSERT INTO gen (name, at, day) VALUES ('now', NOW(6), CURDATE())");
  exec(m, "INSERT INTO gen SET name = 'current_timestamp', at = CURRENT_TIMESTAMP(6)");
  exec(m, "INSERT INTO gen (id, name) VALUES (100, 'explicit')");
  exec(m, "INSERT INTO gen (name) VALUES ('after explicit')");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a later instant for ON UPDATE
  exec(m, "UPDATE gen SET name = 'updated' WHERE id = 2");
  exec(m, "BEGIN");
  exec(m, "INSERT INTO gen (name, at) VALUES ('in a transaction', UTC_TIMESTAMP(6))");
  exec(m, "UPDATE gen SET at = NOW(6) WHERE id = 1");
  exec(m, "COMMIT");
  exec(m, "SET time_zone = '+05:30'");  // the session's zone changes NOW() and TIMESTAMP columns' text
  exec(m, "INSERT INTO gen (name, at) VALUES ('other zone', NOW(6))");
  exec(m, "UPDATE gen SET name = 'other zone update' WHERE id = 3");
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(scalar(direct_.get(), "SELECT COUNT(*) FROM " + db_ + ".gen"), "10");
  EXPECT_EQ(pg_rows("SELECT id FROM " + db_ + ".gen ORDER BY id"),
            (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "100", "101", "102", "103"}));
  const compare_result r = compare();
  EXPECT_TRUE(r.equal()) << r.describe();
  EXPECT_EQ(r.rows, 10u);
  for (const auto& d : divergences()) ADD_FAILURE() << d.table << ": " << d.reason << " (" << d.digest << ")";
  EXPECT_GE(proxy::metrics::get(proxy_->stats().mirror_time_pins), 8);
  EXPECT_EQ(pg_rows("SELECT id FROM " + db_ + ".gen WHERE changed IS NOT NULL ORDER BY id"),
            (std::vector<std::string>{"1", "2", "3"}))
      << "ON UPDATE CURRENT_TIMESTAMP filled on both sides";
}

// Multi-row inserts that skip rows (INSERT IGNORE on a duplicate) or update them (ON DUPLICATE
// KEY UPDATE): MySQL gives the rows it keeps consecutive ids (the skipped row's id goes to the
// next one), so an INSERT IGNORE that skipped rows is recorded (PostgreSQL had 'd' as 5 for
// MySQL's 4); the rest match.
TEST_F(generated_values_it, ids_of_inserts_that_skip_or_update_rows) {
  MYSQL* m = client_.get();
  exec(m, "ALTER TABLE gen ADD UNIQUE KEY uq_name (name)");
  exec(m, "INSERT INTO gen (name) VALUES ('a'), ('b')");
  exec(m, "INSERT IGNORE INTO gen (name) VALUES ('c'), ('a'), ('d')");
  exec(m, "INSERT IGNORE INTO gen (name) VALUES ('g'), ('h')");  // nothing skipped: exact
  exec(m, "INSERT INTO gen (name) VALUES ('e') ON DUPLICATE KEY UPDATE day = '2024-01-01'");
  exec(m, "INSERT INTO gen (name) VALUES ('b') ON DUPLICATE KEY UPDATE day = '2024-01-02'");
  exec(m, "INSERT INTO gen (name) VALUES ('f')");
  ASSERT_TRUE(mirror_caught_up());
  const auto records = divergences();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].reason, "INSERT IGNORE skipped rows: the ids MySQL gave the others are unknown");
  EXPECT_TRUE(records[0].keys.empty());
  const compare_result r = compare();
  ASSERT_EQ(r.differing_tables(), std::set<std::string>{"gen"}) << r.describe();
  EXPECT_EQ(r.differing_rows(), 2u) << r.describe();  // c and d
  EXPECT_EQ(pg_rows("SELECT name FROM " + db_ + ".gen ORDER BY id"),
            (std::vector<std::string>{"a", "b", "g", "h", "e", "f"}));
}

// A multi-row insert mixing explicit ids and generated ones (NULL, 0): below the first generated
// id the pinned sequence holds; an explicit id above it moves MySQL's counter (MariaDB gave
// 3, 2000, 2001, the pinned sequence said 3, 2000, 4), so that insert is recorded for the whole table.
TEST_F(generated_values_it, mixed_explicit_and_generated_ids) {
  MYSQL* m = client_.get();
  exec(m, "INSERT INTO gen (name) VALUES ('one'), ('two'), ('three')");
  exec(m, "DELETE FROM gen WHERE id = 2");
  exec(m, "INSERT INTO gen (id, name) VALUES (NULL, 'four'), (2, 'two again'), (0, 'five')");
  {
    ASSERT_TRUE(mirror_caught_up());
    const compare_result r = compare();
    EXPECT_TRUE(r.equal()) << r.describe();
    EXPECT_TRUE(divergences().empty());
  }
  exec(m, "INSERT INTO gen (id, name) VALUES (NULL, 'below'), (2000, 'explicit'), (0, 'above')");
  exec(m, "INSERT INTO gen (name) VALUES ('after')");
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(scalar(direct_.get(), "SELECT GROUP_CONCAT(id ORDER BY id) FROM " + db_ + ".gen WHERE id >= 2000"),
            "2000,2001,2002");
  const auto records = divergences();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].reason.rfind("not translatable: pinning generated ids of a multi-row insert that also gives "
                                    "explicit ids", 0),
            0u)
      << records[0].reason;
  EXPECT_TRUE(records[0].keys.empty()) << "the ids are unknown: the whole table";
  const compare_result r = compare();
  EXPECT_EQ(r.differing_rows(), 3u) << r.describe();
}

// A session's own auto_increment_increment / offset spaces the ids of a multi-row insert: the
// mirror cannot know that step, so such inserts are recorded (single-row ones stay exact).
TEST_F(generated_values_it, a_sessions_own_auto_increment_step_records_multi_row_inserts) {
  MYSQL* m = client_.get();
  exec(m, "INSERT INTO gen (name) VALUES ('step 1')");
  exec(m, "SET SESSION auto_increment_increment = 5");
  exec(m, "SET @@session.auto_increment_offset = 3");
  exec(m, "INSERT INTO gen (name) VALUES ('a'), ('b'), ('c')");
  exec(m, "INSERT INTO gen (name) VALUES ('single')");
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(scalar(direct_.get(), "SELECT GROUP_CONCAT(id ORDER BY id) FROM " + db_ + ".gen"), "1,3,8,13,18");
  EXPECT_EQ(pg_rows("SELECT id FROM " + db_ + ".gen ORDER BY id"), (std::vector<std::string>{"1", "18"}));
  const auto records = divergences();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].table, "gen");
  EXPECT_EQ(records[0].reason, "ids of a multi-row insert after the session set auto_increment_increment");
  EXPECT_TRUE(records[0].keys.empty()) << "the ids are unknown: the whole table (they were named 3, 4, 5: wrong rows)";
  const compare_result r = compare();
  EXPECT_EQ(r.differing_tables(), std::set<std::string>{"gen"}) << r.describe();
  EXPECT_EQ(r.differing_rows(), 3u) << r.describe();
}

// A client that pins MySQL's time itself (SET timestamp, as mysqlbinlog output does) keeps its
// instant: the proxy's own pin around writes must neither replace nor reset it.
TEST_F(generated_values_it, a_clients_own_timestamp_stays_the_clients) {
  MYSQL* m = client_.get();
  exec(m, "SET time_zone = '+00:00'");
  exec(m, "SET timestamp = 1000000000");
  exec(m, "INSERT INTO gen (name, at) VALUES ('client time', NOW(6))");
  EXPECT_EQ(scalar(m, "SELECT UNIX_TIMESTAMP()"), "1000000000") << "after a write the client's timestamp is gone";
  exec(m, "UPDATE gen SET name = 'client time 2' WHERE id = 1");
  EXPECT_EQ(scalar(m, "SELECT NOW()"), "2001-09-09 01:46:40");
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(scalar(direct_.get(), "SELECT CONCAT(at, ' ', created) FROM " + db_ + ".gen WHERE id = 1"),
            "2001-09-09 01:46:40.000000 2001-09-09 01:46:40");
  exec(m, "SET @@session.timestamp = DEFAULT");  // MySQL's clock again: the proxy pins it
  exec(m, "INSERT INTO gen (name, at) VALUES ('clock again', NOW(6))");
  ASSERT_TRUE(mirror_caught_up());
  {
    const compare_result r = compare();
    EXPECT_TRUE(r.equal()) << r.describe();
    EXPECT_TRUE(divergences().empty());
  }
  exec(m, "SET timestamp = UNIX_TIMESTAMP('2002-02-02')");  // not a literal: writes needing the time are recorded
  exec(m, "INSERT INTO gen (name) VALUES ('computed time')");
  exec(m, "INSERT INTO volatile_values (id, x) VALUES (5, 5)");  // a table without times: mirrored
  EXPECT_EQ(scalar(m, "SELECT DATE(NOW())"), "2002-02-02");
  ASSERT_TRUE(mirror_caught_up());
  const auto records = divergences();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].reason, "the session set its own timestamp to a value the mirror cannot read");
  EXPECT_EQ(pg_rows("SELECT id FROM " + db_ + ".volatile_values"), std::vector<std::string>{"5"});
}

// Binds one value of each kind (or NULL) and executes.
struct bound_insert {
  MYSQL_STMT* stmt = nullptr;
  explicit bound_insert(MYSQL* m) : stmt(mysql_stmt_init(m)) {}
  ~bound_insert() { mysql_stmt_close(stmt); }
  bool prepare(const std::string& sql) { return mysql_stmt_prepare(stmt, sql.data(), sql.size()) == 0; }
  bool execute(std::optional<int> i, std::optional<std::string> s, std::optional<double> d,
               std::optional<MYSQL_TIME> dt, std::optional<std::string> n) {
    MYSQL_BIND b[5];
    std::memset(b, 0, sizeof b);
    my_bool nulls[5] = {!i, !s, !d, !dt, !n};
    int iv = i.value_or(0);
    double dv = d.value_or(0);
    MYSQL_TIME tv = dt.value_or(MYSQL_TIME{});
    std::string sv = s.value_or(""), nv = n.value_or("");
    unsigned long slen = sv.size(), nlen = nv.size();
    b[0].buffer_type = MYSQL_TYPE_LONG;
    b[0].buffer = &iv;
    b[1].buffer_type = MYSQL_TYPE_STRING;
    b[1].buffer = sv.data();
    b[1].buffer_length = slen;
    b[1].length = &slen;
    b[2].buffer_type = MYSQL_TYPE_DOUBLE;
    b[2].buffer = &dv;
    b[3].buffer_type = MYSQL_TYPE_DATETIME;
    b[3].buffer = &tv;
    b[4].buffer_type = MYSQL_TYPE_STRING;
    b[4].buffer = nv.data();
    b[4].buffer_length = nlen;
    b[4].length = &nlen;
    for (int k = 0; k < 5; ++k) b[k].is_null = &nulls[k];
    return mysql_stmt_bind_param(stmt, b) == 0 && mysql_stmt_execute(stmt) == 0;
  }
};

MYSQL_TIME datetime(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s, unsigned long us) {
  MYSQL_TIME t{};
  t.year = y;
  t.month = mo;
  t.day = d;
  t.hour = h;
  t.minute = mi;
  t.second = s;
  t.second_part = us;
  t.time_type = MYSQL_TIMESTAMP_DATETIME;
  return t;
}

TEST_F(generated_values_it, prepared_statements_are_mirrored_with_their_bound_values) {
  MYSQL* m = client_.get();
  {
    bound_insert ins(m);
    ASSERT_TRUE(ins.prepare("INSERT INTO params (i, s, d, dt, n) VALUES (?, ?, ?, ?, ?)")) << mysql_stmt_error(ins.stmt);
    ASSERT_TRUE(ins.execute(42, "it's \"quoted\" \\ Zoë", 0.1, datetime(2024, 2, 29, 23, 59, 58, 123456), "x"))
        << mysql_stmt_error(ins.stmt);
    ASSERT_TRUE(ins.execute(-7, "", -1e300, datetime(1999, 1, 2, 3, 4, 5, 0), std::nullopt)) << mysql_stmt_error(ins.stmt);
    ASSERT_TRUE(ins.execute(std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt))
        << mysql_stmt_error(ins.stmt);
    exec(m, "BEGIN");  // prepared statements inside a transaction, committed as one
    ASSERT_TRUE(ins.execute(1, "in tx", 2.5, datetime(2030, 12, 31, 0, 0, 0, 1), "y")) << mysql_stmt_error(ins.stmt);
    exec(m, "COMMIT");
    exec(m, "BEGIN");
    ASSERT_TRUE(ins.execute(2, "rolled back", 3.5, std::nullopt, "z")) << mysql_stmt_error(ins.stmt);
    exec(m, "ROLLBACK");
  }
  {
    MYSQL_STMT* up = mysql_stmt_init(m);
    const std::string sql = "UPDATE params SET s = CONCAT(s, ?) WHERE id = ?";
    ASSERT_EQ(mysql_stmt_prepare(up, sql.data(), sql.size()), 0) << mysql_stmt_error(up);
    MYSQL_BIND b[2];
    std::memset(b, 0, sizeof b);
    std::string suffix = "+suffix";
    unsigned long len = suffix.size();
    long long id = 1;
    b[0].buffer_type = MYSQL_TYPE_STRING;
    b[0].buffer = suffix.data();
    b[0].buffer_length = len;
    b[0].length = &len;
    b[1].buffer_type = MYSQL_TYPE_LONGLONG;
    b[1].buffer = &id;
    ASSERT_EQ(mysql_stmt_bind_param(up, b), 0);
    ASSERT_EQ(mysql_stmt_execute(up), 0) << mysql_stmt_error(up);
    mysql_stmt_close(up);
  }
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(pg_rows("SELECT id, i, s FROM " + db_ + ".params ORDER BY id"),
            (std::vector<std::string>{"1\t42\tit's \"quoted\" \\ Zoë+suffix", "2\t-7\t", "3\t\t", "4\t1\tin tx"}));
  const compare_result r = compare();
  EXPECT_TRUE(r.equal()) << r.describe();
  EXPECT_EQ(r.rows, 4u);
  for (const auto& d : divergences()) ADD_FAILURE() << d.table << ": " << d.reason << " (" << d.digest << ")";
}

// A parameter sent in pieces (COM_STMT_SEND_LONG_DATA) is mirrored whole.
TEST_F(generated_values_it, a_parameter_sent_as_long_data_is_mirrored_whole) {
  MYSQL* m = client_.get();
  MYSQL_STMT* st = mysql_stmt_init(m);
  const std::string sql = "INSERT INTO params (i, s) VALUES (?, ?)";
  ASSERT_EQ(mysql_stmt_prepare(st, sql.data(), sql.size()), 0) << mysql_stmt_error(st);
  MYSQL_BIND b[2];
  std::memset(b, 0, sizeof b);
  int i = 9;
  b[0].buffer_type = MYSQL_TYPE_LONG;
  b[0].buffer = &i;
  b[1].buffer_type = MYSQL_TYPE_STRING;
  ASSERT_EQ(mysql_stmt_bind_param(st, b), 0);
  for (const char* piece : {"first piece, ", "second piece, ", "Zoë's last"})
    ASSERT_EQ(mysql_stmt_send_long_data(st, 1, piece, std::strlen(piece)), 0) << mysql_stmt_error(st);
  ASSERT_EQ(mysql_stmt_execute(st), 0) << mysql_stmt_error(st);
  mysql_stmt_close(st);
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(pg_rows("SELECT i, s FROM " + db_ + ".params"),
            std::vector<std::string>{"9\tfirst piece, second piece, Zoë's last"});
  const compare_result r = compare();
  EXPECT_TRUE(r.equal()) << r.describe();
  EXPECT_TRUE(divergences().empty());
}

TEST_F(generated_values_it, rand_and_uuid_in_a_write_are_recorded_not_applied) {
  MYSQL* m = client_.get();
  exec(m, "INSERT INTO volatile_values (id, x) VALUES (1, RAND())");
  exec(m, "INSERT INTO volatile_values (id, u) VALUES (2, UUID())");
  exec(m, "INSERT INTO volatile_values (id, x) VALUES (3, 0.5)");  // later work still mirrored
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(pg_rows("SELECT id FROM " + db_ + ".volatile_values ORDER BY id"), std::vector<std::string>{"3"});
  EXPECT_EQ(proxy::metrics::get(proxy_->stats().mirror_failures_unsafe), 2);
  const auto records = divergences();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].table, "volatile_values");
  EXPECT_EQ(records[0].reason, "RAND() differs on PostgreSQL");
  EXPECT_EQ(records[0].keys, std::vector<std::string>{"1"});
  EXPECT_EQ(records[1].reason, "UUID() differs on PostgreSQL");
  EXPECT_EQ(records[1].keys, std::vector<std::string>{"2"});
  const compare_result r = compare();
  ASSERT_EQ(r.differing_tables(), std::set<std::string>{"volatile_values"}) << r.describe();
  EXPECT_EQ(r.differing_rows(), 2u) << r.describe();
}

// Which rows a LIMIT without ORDER BY changes is MySQL's choice: recorded, not applied. Ordered by
// the primary key it is deterministic and mirrored.
TEST_F(generated_values_it, a_limit_without_order_by_is_recorded_not_applied) {
  MYSQL* m = client_.get();
  exec(m, "INSERT INTO volatile_values (id, x) VALUES (1, 1), (2, 2), (3, 3), (4, 4)");
  exec(m, "UPDATE volatile_values SET x = 0 WHERE x > 1 LIMIT 1");
  exec(m, "DELETE FROM volatile_values WHERE x > 2 LIMIT 1");
  exec(m, "UPDATE volatile_values SET u = 'first' ORDER BY id LIMIT 1");
  exec(m, "DELETE FROM volatile_values ORDER BY id DESC LIMIT 1");
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(proxy::metrics::get(proxy_->stats().mirror_failures_unsafe), 2);
  const auto records = divergences();
  ASSERT_EQ(records.size(), 2u);
  for (const auto& d : records) {
    EXPECT_EQ(d.reason, "LIMIT without ORDER BY: PostgreSQL may pick other rows");
    EXPECT_TRUE(d.keys.empty()) << "the rows are MySQL's choice: the whole table";
  }
  EXPECT_EQ(pg_rows("SELECT id, x, u FROM " + db_ + ".volatile_values ORDER BY id"),
            (std::vector<std::string>{"1\t1\tfirst", "2\t2\t", "3\t3\t"}));
}

}  // namespace
}  // namespace switchyard::dual_write_test
