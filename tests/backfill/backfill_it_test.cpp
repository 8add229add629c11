// `switchyard backfill` end to end: the types dataset, keys, refusals and bad input.
#include <chrono>
#include <fstream>
#include <sstream>

#include "backfill/backfill_fixture.hpp"

namespace switchyard::backfill_test {
namespace {

using namespace integration;

std::string read_corpus(const std::string& name) {
  std::ifstream in(std::string(SWITCHYARD_SOURCE_DIR) + "/tests/corpus/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

using backfill_it = backfill_case;

TEST_F(backfill_it, backfill_types_dataset_copies_every_type_equal) {
  load_mysql(read_corpus("types_dataset.sql"));
  sql::type_mapping_options types;
  types.time_as_interval = true;  // the dataset's TIME values beyond 24 h
  create_pg_tables(types);
  if (HasFatalFailure()) return;
  const run_output r = backfill({"--schema.time=interval", "--workers", "2", "--chunk-rows", "2", "--progress", "json",
                                 "--recheck-delay-ms", "50"});
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  EXPECT_EQ(summary_field(r.out, "rows_copied"), "40") << r.out;

  // Equal everywhere but the zero dates, which the default policy writes as NULL.
  const dual_write_test::compare_result c = compare();
  ASSERT_EQ(c.error, "");
  EXPECT_EQ(c.tables, 9u);
  for (const auto& t : c.differences) {
    EXPECT_EQ(t.table, "zero_dates") << c.describe();
    for (const auto& row : t.rows) EXPECT_TRUE(row.key == "('1')" || row.key == "('2')") << c.describe();
  }
  EXPECT_EQ(pg_rows("SELECT id, d IS NULL, dt IS NULL, ts IS NULL FROM " + db_ + ".zero_dates ORDER BY id"),
            (std::vector<std::string>{"1\tt\tt\tt", "2\tt\tt\tt", "3\tf\tf\tf"}));
  // Spot checks in PostgreSQL's own types.
  EXPECT_EQ(pg_value("SELECT bu::text FROM " + db_ + ".ints WHERE id = 1"), "18446744073709551615");
  EXPECT_EQ(pg_value("SELECT bit64::text FROM " + db_ + ".bins WHERE id = 1"), "18446744073709551615");
  EXPECT_EQ(pg_value("SELECT wide::text FROM " + db_ + ".times WHERE id = 1"), "838:59:59");
  EXPECT_EQ(pg_value("SELECT encode(vb, 'hex') FROM " + db_ + ".bins WHERE id = 4"), "000102030405060708ff");
  EXPECT_EQ(pg_value("SELECT length(lt) FROM " + db_ + ".texts WHERE id = 5"), "5000");
  EXPECT_EQ(pg_value("SELECT count(*) FROM " + db_ + ".composite"), "5");
  EXPECT_EQ(pg_value("SELECT count(*) FROM " + db_ + ".ukey"), "3");
  // Chunks of two keys: composite (5 rows) was cut into 3 chunks, each copied once.
  EXPECT_EQ(pg_value("SELECT count(*) || '/' || sum(attempts) FROM switchyard.backfill_chunks WHERE mysql_schema = '" + db_ +
                     "' AND mysql_table = 'composite' AND state = 'done'"),
            "3/3");
}

TEST_F(backfill_it, backfill_after_switchyard_schema_copies_the_types_dataset_equal) {
  // The operator's sequence: schema pre-data, backfill, schema post-data (foreign keys, sequences).
  load_mysql(read_corpus("types_dataset.sql"));
  const run_output pre = schema({"--section", "pre-data", "--apply", "--time", "interval"});
  ASSERT_EQ(pre.status, 0) << pre.err << pre.out;
  const run_output r = backfill({"--schema.time=interval", "--workers", "3", "--progress", "json", "--recheck-rounds", "0"});
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  const run_output post = schema({"--section", "post-data", "--apply", "--time", "interval"});
  ASSERT_EQ(post.status, 0) << post.err << post.out;
  const dual_write_test::compare_result c = compare();
  ASSERT_EQ(c.error, "");
  EXPECT_EQ(c.tables, 9u);
  EXPECT_EQ(c.differing_tables(), std::set<std::string>{"zero_dates"}) << c.describe();
  EXPECT_EQ(c.differing_rows(), 2u) << c.describe();
}

TEST_F(backfill_it, backfill_moves_the_identity_sequence_and_a_rerun_copies_nothing) {
  load_mysql("CREATE TABLE seq (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT) AUTO_INCREMENT = 1000;"
             "INSERT INTO seq (id, v) VALUES (1, 1), (50, 2)");
  create_pg_tables();
  const run_output first = backfill({"--progress", "json", "--recheck-rounds", "0"});
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_EQ(pg_value("SELECT nextval(pg_get_serial_sequence('" + db_ + ".seq', 'id'))"), "1000");
  const run_output again = backfill({"--progress", "json"});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(summary_field(again.out, "rows_copied"), "0") << again.out;
  const run_output restart = backfill({"--progress", "json", "--restart", "--recheck-rounds", "0"});
  ASSERT_EQ(restart.status, 0) << restart.err;
  EXPECT_EQ(summary_field(restart.out, "rows_copied"), "2") << restart.out;  // planned again, copied again (no-op rows)
  EXPECT_EQ(pg_value("SELECT count(*) FROM " + db_ + ".seq"), "2");
}

TEST_F(backfill_it, backfill_rate_limit_holds_and_the_bar_is_drawn) {
  make_big_table("limited", 10'000);
  create_pg_tables();
  if (HasFatalFailure()) return;
  const auto started = std::chrono::steady_clock::now();
  const run_output r = backfill({"--rate-rows", "5000", "--chunk-rows", "1000", "--progress", "bar", "--recheck-rounds", "0"});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_GE(seconds, 1.8);  // 10000 rows at 5000/s, a tenth of a second saved up
  EXPECT_LT(seconds, 6.0);
  EXPECT_NE(r.out.find("\033[K" + db_ + ".limited  [########################] 100.0%  10000 rows"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("backfill summary: 10000 rows copied"), std::string::npos) << r.out;
}

TEST_F(backfill_it, backfill_refuses_a_table_without_a_usable_key_and_copies_the_others) {
  load_mysql("CREATE TABLE nokey (a INT, b VARCHAR(10)); INSERT INTO nokey VALUES (1, 'x');"
             "CREATE TABLE nullable_unique (a INT NULL, UNIQUE KEY (a)); INSERT INTO nullable_unique VALUES (1);"
             "CREATE TABLE good (id INT PRIMARY KEY); INSERT INTO good VALUES (1), (2)");
  create_pg_tables();
  const run_output r = backfill({"--progress", "json"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("table " + db_ + ".nokey has no primary key and no unique key on NOT NULL columns"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("table " + db_ + ".nullable_unique has no primary key"), std::string::npos) << r.err;
  EXPECT_EQ(pg_value("SELECT count(*) FROM " + db_ + ".good"), "2");
  EXPECT_EQ(pg_value("SELECT count(*) FROM " + db_ + ".nokey"), "0");
}

TEST_F(backfill_it, backfill_stops_a_table_on_a_rejected_row_naming_its_key) {
  // MySQL holds a value the PostgreSQL column refuses (made narrower on purpose), and a zero date
  // in a NOT NULL column (refused by the default policy before PostgreSQL sees it).
  load_mysql("CREATE TABLE narrow (id INT PRIMARY KEY, s VARCHAR(10) NOT NULL);"
             "INSERT INTO narrow SELECT seq, IF(seq = 1234, 'too long!', 'ok') FROM seq_1_to_3000;"
             "CREATE TABLE zd (id INT PRIMARY KEY, d DATE NOT NULL); INSERT INTO zd VALUES (1, '2024-01-01'), (7, '0000-00-00');"
             "CREATE TABLE fine (id INT PRIMARY KEY); INSERT INTO fine VALUES (1)");
  create_pg_tables();
  pg_exec("ALTER TABLE " + db_ + ".narrow ALTER COLUMN s TYPE varchar(3)");
  const run_output r = backfill({"--progress", "json", "--chunk-rows", "1000", "--recheck-rounds", "0"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("row (id)=(1234) rejected by PostgreSQL: value too long"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("row (id)=(7) rejected: column d: zero date '0000-00-00' cannot be stored"), std::string::npos) << r.err;
  EXPECT_EQ(pg_value("SELECT count(*) FROM " + db_ + ".fine"), "1");
  EXPECT_EQ(pg_value("SELECT count(*) FROM " + db_ + ".zd"), "0");  // the chunk with the row is not half-copied
  EXPECT_NE(pg_value("SELECT error FROM switchyard.backfill_plans WHERE mysql_schema = '" + db_ + "' AND mysql_table = 'narrow'")
                .find("(id)=(1234)"),
            std::string::npos);
  // Another policy lets the zero date through; a new run retries the stopped table.
  const run_output again = backfill({"--progress", "json", "--tables", "zd", "--zero-dates", "infinity"});
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(pg_value("SELECT d::text FROM " + db_ + ".zd WHERE id = 7"), "-infinity");
}

TEST_F(backfill_it, backfill_copies_into_the_table_or_through_staging_when_the_dual_write_was_first) {
  load_mysql("CREATE TABLE empty_range (id INT PRIMARY KEY, s VARCHAR(30) NOT NULL);"
             "INSERT INTO empty_range SELECT seq, CONCAT('mysql ', seq) FROM seq_1_to_10;"
             "CREATE TABLE raced (id INT PRIMARY KEY, s VARCHAR(30) NOT NULL);"
             "INSERT INTO raced SELECT seq, CONCAT('mysql ', seq) FROM seq_1_to_10;"
             "CREATE TABLE occupied (id INT PRIMARY KEY, s VARCHAR(30) NOT NULL);"
             "INSERT INTO occupied SELECT seq, CONCAT('mysql ', seq) FROM seq_1_to_10");
  create_pg_tables();
  if (HasFatalFailure()) return;
  // occupied: the dual write put key 5 there before the backfill (newer than MySQL's snapshot).
  pg_exec("INSERT INTO " + db_ + ".occupied VALUES (5, 'from the dual write')");
  // Which statement wrote row 1 of a table, counted in sequences (they survive a rollback): the
  // direct COPY or the INSERT from staging.
  for (const char* seq : {"empty_range_copy", "raced_copy", "raced_insert"}) pg_exec("CREATE SEQUENCE " + db_ + "." + seq);
  pg_exec("CREATE FUNCTION " + db_ + ".count_first_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
          "IF NEW.id = 1 THEN PERFORM nextval(TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME || "
          "CASE WHEN current_query() LIKE 'COPY%' THEN '_copy' ELSE '_insert' END); END IF; RETURN NEW; END $$");
  pg_exec("CREATE TRIGGER counted BEFORE INSERT ON " + db_ + ".empty_range FOR EACH ROW EXECUTE FUNCTION " + db_ +
          ".count_first_row()");
  // raced: the dual write inserts key 7 while the chunk is being copied (a trigger on the first
  // copied row stands in for it): the direct COPY then meets it, and the chunk goes again through
  // staging, which keeps the dual write's row.
  pg_exec("CREATE FUNCTION " + db_ + ".dual_write_races() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
          "IF NEW.id = 1 THEN INSERT INTO " + db_ + ".raced VALUES (7, 'from the dual write') ON CONFLICT DO NOTHING; END IF; "
          "RETURN NEW; END $$");
  pg_exec("CREATE TRIGGER races BEFORE INSERT ON " + db_ + ".raced FOR EACH ROW EXECUTE FUNCTION " + db_ + ".dual_write_races()");
  pg_exec("CREATE TRIGGER counted BEFORE INSERT ON " + db_ + ".raced FOR EACH ROW EXECUTE FUNCTION " + db_ +
          ".count_first_row()");
  const run_output r = backfill({"--progress", "json", "--workers", "1"});
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  EXPECT_EQ(pg_rows("SELECT id || ' ' || s FROM " + db_ + ".empty_range WHERE id IN (1, 10) ORDER BY id"),
            (std::vector<std::string>{"1 mysql 1", "10 mysql 10"}));
  EXPECT_EQ(pg_value("SELECT count(*) FROM " + db_ + ".raced"), "10");
  EXPECT_EQ(pg_value("SELECT s FROM " + db_ + ".raced WHERE id = 7"), "from the dual write");
  EXPECT_EQ(pg_value("SELECT s FROM " + db_ + ".raced WHERE id = 6"), "mysql 6");
  EXPECT_EQ(pg_value("SELECT count(*) FROM " + db_ + ".occupied"), "10");
  EXPECT_EQ(pg_value("SELECT s FROM " + db_ + ".occupied WHERE id = 5"), "from the dual write");
  // empty_range went straight in; raced tried that, met the dual write's row, and went through staging.
  const auto calls = [&](const std::string& seq) {
    return pg_value("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + db_ + "." + seq);
  };
  EXPECT_EQ(calls("empty_range_copy"), "1");
  EXPECT_EQ(calls("raced_copy"), "1");
  EXPECT_EQ(calls("raced_insert"), "1");
}

TEST_F(backfill_it, backfill_bad_input_gets_clear_errors_without_hanging) {
  load_mysql("CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1)");
  // The PostgreSQL table is missing.
  run_output r = backfill({"--progress", "json"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("table(s) missing on PostgreSQL: " + db_ + ".t (run switchyard schema first)"), std::string::npos) << r.err;
  create_pg_tables();
  r = backfill({"--tables", "nosuch"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("unknown table 'nosuch'"), std::string::npos) << r.err;
  r = backfill({"--workers", "0"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--workers: expected a number >= 1, got '0'"), std::string::npos) << r.err;
  r = backfill({"--rate-rows", "10", "--rate-mb", "1"});
  EXPECT_EQ(r.status, 2);
  r = backfill({"--frobnicate"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("unknown option '--frobnicate'"), std::string::npos) << r.err;
  // Unreachable PostgreSQL (nothing listens on port 1) and MySQL: an error, fast.
  const auto started = std::chrono::steady_clock::now();
  r = backfill({"--postgresql.conninfo=host=127.0.0.1 port=1 dbname=app user=app connect_timeout=3"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("cannot connect to PostgreSQL"), std::string::npos) << r.err;
  r = backfill({"--mysql.address=127.0.0.1:1"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("cannot connect to MySQL at 127.0.0.1:1"), std::string::npos) << r.err;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

}  // namespace
}  // namespace switchyard::backfill_test
