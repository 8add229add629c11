// A transaction PostgreSQL rejects, and a statement the translator refuses (issue 4 items 4 and
// 9): the client gets MySQL's answer as MySQL gave it, the divergence is recorded with the reason
// and the rows' keys, PostgreSQL keeps none of that transaction, and later transactions are
// mirrored again. Also: a write goes to the database it names, mirrored or not.
#include "dual_write/dual_write_fixture.hpp"

namespace switchyard::dual_write_test {
namespace {

class rejected_it : public dual_write_case {
 protected:
  void SetUp() override {
    dual_write_case::SetUp();
    if (HasFatalFailure()) return;
    start_with_tables({"CREATE TABLE t (id INT NOT NULL PRIMARY KEY, v INT NOT NULL, note VARCHAR(40) NULL)"});
  }
};

TEST_F(rejected_it, a_transaction_postgresql_rejects_is_recorded_and_the_client_never_knows) {
  // A constraint PostgreSQL has and MySQL does not.
  pg_exec("ALTER TABLE " + db_ + ".t ADD CONSTRAINT small_v CHECK (v < 1000)");
  MYSQL* m = client_.get();
  exec(m, "INSERT INTO t VALUES (1, 1, 'before')");
  exec(m, "BEGIN");
  exec(m, "INSERT INTO t VALUES (2, 5, 'same transaction')");  // no column list: the whole table is named
  EXPECT_EQ(run_and_dump(m, "INSERT INTO t (id, v, note) VALUES (3, 5000, 'too big for PostgreSQL'), (4, 6, NULL)"),
            "ok affected_rows=2 insert_id=0 info=Records: 2  Duplicates: 0  Warnings: 0\nwarnings=0\n");
  exec(m, "UPDATE t SET note = 'touched' WHERE id = 1");
  exec(m, "COMMIT");
  EXPECT_EQ(last_error(m), "OK");
  exec(m, "INSERT INTO t VALUES (5, 7, 'after')");
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(scalar(direct_.get(), "SELECT COUNT(*) FROM " + db_ + ".t"), "5");
  EXPECT_EQ(pg_rows("SELECT id, v, note FROM " + db_ + ".t ORDER BY id"),
            (std::vector<std::string>{"1\t1\tbefore", "5\t7\tafter"}));
  EXPECT_EQ(proxy::metrics::get(proxy_->stats().mirror_failures_rejected), 1);
  const auto records = divergences();
  ASSERT_EQ(records.size(), 3u);  // one per statement of the lost transaction
  for (const auto& d : records) {
    EXPECT_EQ(d.table, "t");
    EXPECT_EQ(d.reason.rfind("PostgreSQL: 23514 ", 0), 0u) << d.reason;
    EXPECT_NE(d.reason.find("small_v"), std::string::npos) << d.reason;
  }
  EXPECT_TRUE(records[0].keys.empty()) << "sql/affected_keys.hpp: without a column list, not guessed";
  EXPECT_EQ(records[1].keys, (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ(records[1].digest, "INSERT INTO t (id, v, note) VALUES (?, ?, ?), (?, ?, NULL)");
  EXPECT_EQ(records[2].keys, std::vector<std::string>{"1"});
  // What differs is exactly what the records name.
  const compare_result r = compare();
  ASSERT_EQ(r.differences.size(), 1u) << r.describe();
  EXPECT_EQ(r.differences[0].rows.size(), 4u) << r.describe();  // 1 changed; 2, 3, 4 missing
}

// A value MySQL's type takes and PostgreSQL's cannot hold: a NUL character in text (the
// translator knows, so PostgreSQL never sees it).
TEST_F(rejected_it, a_value_postgresqls_type_refuses_is_recorded) {
  MYSQL* m = client_.get();
  const char text[] = "INSERT INTO t (id, v, note) VALUES (7, 1, 'nul \0 inside')";
  const std::string sql(text, sizeof text - 1);
  ASSERT_EQ(mysql_real_query(m, sql.data(), sql.size()), 0) << last_error(m);
  exec(m, "INSERT INTO t (id, v, note) VALUES (8, 2, 'later')");
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(scalar(direct_.get(), "SELECT LENGTH(note) FROM " + db_ + ".t WHERE id = 7"), "12");
  EXPECT_EQ(pg_rows("SELECT id FROM " + db_ + ".t ORDER BY id"), std::vector<std::string>{"8"});
  const auto records = divergences();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].keys, std::vector<std::string>{"7"});
  EXPECT_EQ(records[0].reason.rfind("not translatable: a string with a NUL byte", 0), 0u) << records[0].reason;
  const compare_result r = compare();
  EXPECT_EQ(r.differing_rows(), 1u) << r.describe();
}

// The session's current database changes (COM_INIT_DB, USE): qualified writes to the mirrored
// database are mirrored whatever the current one; writes to a database not mirrored are not.
TEST_F(rejected_it, writes_follow_the_database_they_name) {
  const std::string other = db_.substr(0, 55) + "_other";
  exec(direct_.get(), "DROP DATABASE IF EXISTS " + other);
  exec(direct_.get(), "CREATE DATABASE " + other);
  exec(direct_.get(), "CREATE TABLE " + other + ".t (id INT NOT NULL PRIMARY KEY, v INT NOT NULL)");
  MYSQL* m = client_.get();
  ASSERT_EQ(mysql_select_db(m, other.c_str()), 0) << last_error(m);
  exec(m, "INSERT INTO t VALUES (1, 1)");  // the other database's t: not mirrored
  exec(m, "INSERT INTO " + db_ + ".t (id, v) VALUES (2, 2)");
  exec(m, "USE " + db_);
  exec(m, "INSERT INTO t (id, v) VALUES (3, 3)");
  exec(m, "UPDATE " + other + ".t SET v = 10 WHERE id = 1");
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(pg_rows("SELECT id, v FROM " + db_ + ".t ORDER BY id"), (std::vector<std::string>{"2\t2", "3\t3"}));
  EXPECT_EQ(pg_rows("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + other + "'"),
            std::vector<std::string>{"0"});
  const compare_result r = compare();
  EXPECT_TRUE(r.equal()) << r.describe();
  EXPECT_TRUE(divergences().empty());
  exec(direct_.get(), "DROP DATABASE " + other);
}

TEST_F(rejected_it, a_statement_the_translator_refuses_is_recorded_and_the_client_never_knows) {
  MYSQL* m = client_.get();
  // MySQL's answer through the proxy is the one MySQL gives directly.
  exec(direct_.get(), "CREATE TABLE " + db_ + ".reference LIKE " + db_ + ".t");
  const std::string through = run_and_dump(m, "INSERT INTO t (id, v, note) VALUES (1, 1, ST_AsText(POINT(1, 2)))");
  const std::string straight =
      run_and_dump(direct_.get(), "INSERT INTO " + db_ + ".reference (id, v, note) VALUES (1, 1, ST_AsText(POINT(1, 2)))");
  EXPECT_EQ(through, straight);
  EXPECT_EQ(through, "ok affected_rows=1 insert_id=0 info=\nwarnings=0\n");
  exec(m, "INSERT INTO t VALUES (2, 2, 'later')");
  ASSERT_TRUE(mirror_caught_up());
  EXPECT_EQ(scalar(m, "SELECT note FROM t WHERE id = 1"), "POINT(1 2)");
  EXPECT_EQ(pg_rows("SELECT id FROM " + db_ + ".t ORDER BY id"), std::vector<std::string>{"2"});
  EXPECT_EQ(proxy::metrics::get(proxy_->stats().mirror_failures_untranslatable), 1);
  const auto records = divergences();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].table, "t");
  EXPECT_EQ(records[0].keys, std::vector<std::string>{"1"});
  EXPECT_EQ(records[0].reason.rfind("not translatable: function ST_AsText", 0), 0u) << records[0].reason;
  exec(direct_.get(), "DROP TABLE " + db_ + ".reference");  // MySQL only, not part of the compare
  const compare_result r = compare();
  EXPECT_EQ(r.differing_tables(), std::set<std::string>{"t"}) << r.describe();
  EXPECT_EQ(r.differing_rows(), 1u) << r.describe();
}

}  // namespace
}  // namespace switchyard::dual_write_test
