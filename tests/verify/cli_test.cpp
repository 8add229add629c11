// `switchyard verify` as the operator runs it: the dual write's divergence log repaired and marked,
// bad input refused with exit 2 and a clear message, without hanging. Needs MariaDB and PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

#include "verify/verify_fixture.hpp"

namespace switchyard::verify_test {
namespace {

namespace json = boost::json;

std::string record(const std::string& schema, const std::string& table, const std::string& keys) {
  return R"({"schema":")" + schema + R"(","table":")" + table + R"(","keys":)" + keys +
         R"(,"digest":"UPDATE t SET c = ?","fingerprint":"1","reason":"queue full","unix_micros":1})";
}

void insert_divergence(const std::string& id, const std::string& schema, const std::string& table,
                       const std::string& keys) {
  pg_run("INSERT INTO switchyard_divergences (id, recorded_at, mysql_schema, mysql_table, keys, digest, fingerprint, "
         "reason, record) VALUES ('" + id + "', now(), '" + schema + "', '" + table + "', '" + keys +
         "', 'UPDATE t SET c = ?', 1, 'queue full', '" + record(schema, table, keys) + "')");
}

TEST(VerifyCli, RepairReCopiesTheRowsAndTablesOfTheDivergenceLogAndMarksThem) {
  const std::string db = "verify_it_divlog";
  sql::memory_catalog catalog;
  ASSERT_NO_FATAL_FAILURE(prepare(db, types_dataset(), catalog));
  // The proxy's table (proxy/divergence_log.cpp), when no dual write has created it yet.
  pg_run("CREATE TABLE IF NOT EXISTS switchyard_divergences (id text PRIMARY KEY, recorded_at timestamptz NOT NULL, "
         "mysql_schema text NOT NULL, mysql_table text NOT NULL, keys jsonb NOT NULL, digest text NOT NULL, "
         "fingerprint numeric(20) NOT NULL, reason text NOT NULL, record jsonb NOT NULL, repaired_at timestamptz)");
  pg_run("DELETE FROM switchyard_divergences WHERE id LIKE 'verify_it_divlog%'");
  // What the dual write missed: two rows of types_edge, and text_key as a whole.
  pg_run("UPDATE " + db + ".types_edge SET c_varchar = 'stale' WHERE id IN (2, 4); DELETE FROM " + db + ".text_key");
  insert_divergence("verify_it_divlog_rows", db, "types_edge", R"(["2", "4"])");
  insert_divergence("verify_it_divlog_table", db, "text_key", "[]");
  insert_divergence("verify_it_divlog_other", "verify_it_not_this_db", "t", R"(["1"])");

  // Only no_key is compared: what gets repaired comes from the log.
  const cli_run run = verify_cli(db, "--json --recheck-delay 0 --repair --tables no_key");
  EXPECT_EQ(run.exit_code, 0) << brief(run);
  boost::system::error_code ec;
  const json::value doc = json::parse(run.out, ec);
  ASSERT_FALSE(ec) << brief(run);
  EXPECT_EQ(doc.at("repair").at("divergences_repaired"), 2);
  EXPECT_EQ(doc.at("repair").at("rows_copied"), 2 + 4);
  EXPECT_EQ(doc.at("repair").at("tables_recopied"), 1);
  EXPECT_EQ(doc.at("tables").as_array().size(), 3u);  // no_key, then the repaired tables verified again
  EXPECT_EQ(doc.at("ok"), true);
  EXPECT_EQ(pg_value("SELECT count(*) FROM switchyard_divergences WHERE id IN ('verify_it_divlog_rows', "
                     "'verify_it_divlog_table') AND repaired_at IS NOT NULL"),
            "2");
  EXPECT_EQ(pg_value("SELECT (repaired_at IS NULL)::text FROM switchyard_divergences WHERE id = 'verify_it_divlog_other'"),
            "true");  // another database's record is left for its own run
  const cli_run again = verify_cli(db, "--recheck-delay 0");
  EXPECT_EQ(again.exit_code, 0) << brief(again);
  pg_run("DELETE FROM switchyard_divergences WHERE id LIKE 'verify_it_divlog%'");
  drop(db);
}

TEST(VerifyCli, SchemaThenBackfillThenVerifyFindsNoDifferenceOnTheCorpusTypesDataset) {
  const std::string db = "verify_it_backfill";
  sql::memory_catalog catalog;
  ASSERT_NO_FATAL_FAILURE(prepare(db, corpus_types_dataset(), catalog, false));
  const cli_run backfill = switchyard_cli("backfill", db, "--progress none --restart");
  ASSERT_EQ(backfill.exit_code, 0) << brief(backfill);
  const cli_run run = verify_cli(db, "--json --recheck-delay 0 --sample 10");
  EXPECT_EQ(run.exit_code, 0) << brief(run);
  boost::system::error_code ec;
  const json::value doc = json::parse(run.out, ec);
  ASSERT_FALSE(ec) << brief(run);
  EXPECT_EQ(doc.at("ok"), true);
  EXPECT_GE(doc.at("tables").as_array().size(), 5u);
  // One changed value of the backfilled data is found, and repaired.
  pg_run("UPDATE " + db + ".nums SET money = money + 0.01 WHERE id = 4");
  const cli_run found = verify_cli(db, "--recheck-delay 0 --tables nums");
  EXPECT_EQ(found.exit_code, 1) << brief(found);
  EXPECT_NE(found.out.find("key (4): values differ; money: MySQL '100.10', PostgreSQL '100.11'"), std::string::npos)
      << brief(found);
  EXPECT_EQ(verify_cli(db, "--recheck-delay 0 --repair").exit_code, 0);
  EXPECT_EQ(verify_cli(db, "--recheck-delay 0").exit_code, 0);
  pg_run("SET client_min_messages = warning; DROP SCHEMA IF EXISTS " + db + " CASCADE");
  drop(db);
}

TEST(VerifyCli, BadInputIsRefusedWithExitTwoAndAClearMessage) {
  const std::string db = "verify_it_bad";
  sql::memory_catalog catalog;
  ASSERT_NO_FATAL_FAILURE(prepare(db, "CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1), (2);", catalog));
  struct bad_case {
    std::string args;
    std::string message;
  };
  const std::vector<bad_case> cases{
      {"--tables nope", "switchyard verify: unknown table 'nope'"},
      {"--tables verify_it_other.t", "unknown table 'verify_it_other.t'"},
      {"--database verify_it_no_such_db", "switchyard verify: catalog of verify_it_no_such_db"},
      {"--mysql.address=127.0.0.1:1", "cannot connect to MySQL at 127.0.0.1:1"},
      {"'--postgresql.conninfo=host=127.0.0.1 port=1 dbname=app user=app password=app'", "cannot connect to PostgreSQL"},
      {"--chunk-rows 0", "--chunk-rows: expected a number from 1, got '0'"},
      {"--float-digits 18", "--float-digits: expected 1 to 17, got '18'"},
      {"--sample", "--sample needs a value"},
      {"--recheck-delay soon", "--recheck-delay: expected milliseconds, got 'soon'"},
      {"--json=yes", "--json takes no value"},
      {"--bogus", "unexpected argument '--bogus'"},
      {"--config /nonexistent/sy.conf", "configuration error"},
  };
  for (const auto& c : cases) {
    const auto started = std::chrono::steady_clock::now();
    const cli_run run = verify_cli(db, c.args);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(run.exit_code, 2) << c.args << ": " << brief(run);
    EXPECT_NE(run.err.find(c.message), std::string::npos) << c.args << ": " << run.err;
    EXPECT_NE(run.err.find("switchyard verify: "), std::string::npos) << c.args;
    EXPECT_LT(seconds, 15.0) << c.args;
  }
  // A table MySQL has and PostgreSQL lacks: that table's status is error, exit 2.
  pg_run("DROP TABLE " + db + ".t");
  const cli_run missing = verify_cli(db, "--recheck-delay 0");
  EXPECT_EQ(missing.exit_code, 2) << brief(missing);
  EXPECT_NE(missing.out.find("verify_it_bad.t: error: PostgreSQL: ERROR:  relation \"verify_it_bad.t\" does not exist"),
            std::string::npos)
      << brief(missing);
  const cli_run help = verify_cli(db, "--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--repair"), std::string::npos);
  drop(db);
}

}  // namespace
}  // namespace switchyard::verify_test
