// The full compare itself (no proxy): tables written straight to each server with the same data
// in each side's own spelling compare equal; a changed cell, a row missing on either side, a
// duplicate in a table without a key and a table only on PostgreSQL are each reported.
#include "dual_write/dual_write_fixture.hpp"

namespace switchyard::dual_write_test {
namespace {

class full_compare_it : public dual_write_case {
 protected:
  void SetUp() override {
    dual_write_case::SetUp();
    if (HasFatalFailure()) return;
    MYSQL* m = direct_.get();
    exec(m, "SET time_zone = '+00:00'");
    exec(m, "CREATE TABLE " + db_ +
                ".typed (id INT NOT NULL PRIMARY KEY, flag TINYINT(1) NULL, f FLOAT NULL, d DOUBLE NULL, "
                "dt DATETIME(3) NULL, ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME NULL, b VARBINARY(8) NULL, "
                "j JSON NULL, bits BIT(8) NULL, price DECIMAL(8,2) NULL, name VARCHAR(20) NULL, "
                "e ENUM('a','b') NULL, day DATE NULL, big BIGINT UNSIGNED NULL)");
    exec(m, "INSERT INTO " + db_ +
                ".typed VALUES (1, 1, 0.1, 0.1, '2024-01-02 03:04:05.120', '2024-01-02 03:04:05.000001', '08:30:00', "
                "0x00ff10, '{\"b\": [1, 2], \"a\": \"x\"}', b'101', 12.50, 'Zoë', 'b', '2024-02-29', 18446744073709551615), "
                "(2, 0, -2.5, 1e300, '1999-12-31 23:59:59.999', NULL, '00:00:01', '', '[]', b'0', -0.01, '', 'a', NULL, 0), "
                "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
    exec(m, "CREATE TABLE " + db_ + ".nokey (a INT NULL, b VARCHAR(10) NULL)");
    exec(m, "INSERT INTO " + db_ + ".nokey VALUES (1, 'x'), (1, 'x'), (NULL, 'y')");
    // PostgreSQL: the types the DDL translator maps them to, values in PostgreSQL's spelling.
    pg_exec("CREATE SCHEMA " + db_);
    pg_exec("CREATE TABLE " + db_ +
            ".typed (id integer PRIMARY KEY, flag boolean, f real, d double precision, dt timestamp(3), "
            "ts timestamptz(6), tm time(0), b bytea, j jsonb, bits bigint, price numeric(8,2), name varchar(20), "
            "e text, day date, big numeric(20))");
    pg_exec("INSERT INTO " + db_ +
            ".typed VALUES (1, true, 0.1, 0.1, '2024-01-02 03:04:05.12', '2024-01-02 05:04:05.000001+02', '08:30:00', "
            "'\\x00ff10', '{\"a\":\"x\",\"b\":[1,2]}', 5, 12.5, 'Zoë', 'b', '2024-02-29', 18446744073709551615), "
            "(2, false, -2.5, 1e300, '1999-12-31 23:59:59.999', NULL, '00:00:01', '', '[]', 0, -0.01, '', 'a', NULL, 0), "
            "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
    pg_exec("CREATE TABLE " + db_ + ".nokey (a integer, b varchar(10))");
    pg_exec("INSERT INTO " + db_ + ".nokey VALUES (1, 'x'), (1, 'x'), (NULL, 'y')");
  }
};

TEST_F(full_compare_it, equal_data_in_each_sides_spelling_compares_equal) {
  const compare_result r = compare();
  EXPECT_TRUE(r.equal()) << r.describe();
  EXPECT_EQ(r.tables, 2u);
  EXPECT_EQ(r.rows, 6u);
}

TEST_F(full_compare_it, a_changed_cell_a_missing_row_and_an_extra_row_are_each_reported) {
  pg_exec("UPDATE " + db_ + ".typed SET name = 'Zoe', j = '{\"a\": \"y\", \"b\": [1, 2]}' WHERE id = 1");
  pg_exec("UPDATE " + db_ + ".typed SET ts = '2024-01-02 03:04:05.000002+00' WHERE id = 2");
  pg_exec("DELETE FROM " + db_ + ".typed WHERE id = 3");
  pg_exec("INSERT INTO " + db_ + ".typed (id) VALUES (4)");
  const compare_result r = compare();
  ASSERT_EQ(r.error, "");
  ASSERT_EQ(r.differences.size(), 1u) << r.describe();
  const table_difference& t = r.differences[0];
  EXPECT_EQ(t.table, "typed");
  ASSERT_EQ(t.rows.size(), 4u) << r.describe();
  EXPECT_EQ(t.rows[0].key, "('1')");
  EXPECT_EQ(t.rows[0].what, "differs in j, name");
  EXPECT_EQ(t.rows[1].key, "('2')");
  EXPECT_EQ(t.rows[1].what, "differs in ts");
  EXPECT_EQ(t.rows[2].key, "('3')");
  EXPECT_EQ(t.rows[2].what, "missing on PostgreSQL");
  EXPECT_EQ(t.rows[3].key, "('4')");
  EXPECT_EQ(t.rows[3].what, "missing on MySQL");
  EXPECT_EQ(r.differing_rows(), 4u);
}

TEST_F(full_compare_it, a_float_beyond_its_precision_a_bit_and_a_boolean_differ) {
  pg_exec("UPDATE " + db_ + ".typed SET f = 0.1001, bits = 4, flag = false WHERE id = 1");
  const compare_result r = compare();
  ASSERT_EQ(r.differences.size(), 1u) << r.describe();
  ASSERT_EQ(r.differences[0].rows.size(), 1u);
  EXPECT_EQ(r.differences[0].rows[0].what, "differs in flag, f, bits");
}

TEST_F(full_compare_it, rows_of_a_table_without_a_key_are_compared_as_a_multiset) {
  pg_exec("DELETE FROM " + db_ + ".nokey WHERE ctid IN (SELECT ctid FROM " + db_ + ".nokey WHERE a = 1 LIMIT 1)");
  compare_result r = compare();
  ASSERT_EQ(r.differences.size(), 1u) << r.describe();
  EXPECT_EQ(r.differences[0].table, "nokey");
  ASSERT_EQ(r.differences[0].rows.size(), 1u);
  EXPECT_EQ(r.differences[0].rows[0].what, "missing on PostgreSQL");
  EXPECT_EQ(r.differences[0].rows[0].key, "('1', 'x')");
}

TEST_F(full_compare_it, a_table_on_one_side_only_is_reported) {
  pg_exec("CREATE TABLE " + db_ + ".stray (id integer)");
  exec(direct_.get(), "CREATE TABLE " + db_ + ".lonely (id INT PRIMARY KEY)");
  const compare_result r = compare();
  EXPECT_EQ(r.differing_tables(), (std::set<std::string>{"lonely", "stray"})) << r.describe();
  for (const auto& d : r.differences) EXPECT_FALSE(d.problem.empty()) << d.table;
}

}  // namespace
}  // namespace switchyard::dual_write_test
