// Verify at scale: a generated table of mixed types (SWITCHYARD_VERIFY_ROWS rows, default 200000
// for CI; the 1M-row figure is measured by hand with SWITCHYARD_VERIFY_ROWS=1000000), copied by
// COPY, verified clean (timed), then 5 single-row differences injected on PostgreSQL: verify names
// exactly those keys and repairing them makes it clean. Needs MariaDB and PostgreSQL.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "migrate/verify_repair.hpp"
#include "verify/verify_fixture.hpp"

namespace switchyard::verify_test {
namespace {

std::uint64_t rows_wanted() {
  const char* env = std::getenv("SWITCHYARD_VERIFY_ROWS");
  return env != nullptr ? std::strtoull(env, nullptr, 10) : 200000;
}

TEST(VerifyScale, FiveInjectedDifferencesNamedExactlyAndRepaired) {
  const std::string db = "verify_it_scale";
  const std::uint64_t n = rows_wanted();
  ASSERT_GE(n, 1000u);
  const std::string generate =
      "CREATE TABLE big (id INT NOT NULL PRIMARY KEY, a BIGINT, d DECIMAL(12,2), f DOUBLE, s VARCHAR(40), dt DATETIME(6),"
      " b TINYINT(1), bin VARBINARY(16));"
      "INSERT INTO big SELECT seq, seq * 7919 % 1000003, seq / 100, seq / 7, CONCAT('r', seq, '-', LEFT(MD5(seq), 20)),"
      " TIMESTAMPADD(MICROSECOND, seq * 1001, '2020-01-01'), seq % 2, UNHEX(LEFT(MD5(seq), 16))"
      " FROM seq_1_to_" + std::to_string(n) + ";";
  sql::memory_catalog catalog;
  const auto copy_started = std::chrono::steady_clock::now();
  ASSERT_NO_FATAL_FAILURE(prepare(db, generate, catalog));
  const double copy_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - copy_started).count();
  const auto v = connect_verifier();
  ASSERT_TRUE(v);
  const sql::table_info& t = *catalog.find_table(db, "big");

  const auto started = std::chrono::steady_clock::now();
  const auto clean = v->verify_table(t);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(clean.error, "");
  EXPECT_TRUE(clean.matches());
  EXPECT_EQ(clean.mysql_rows, n);
  std::printf("verify of %llu matching rows: %.2f s, %.0f rows/s, %zu chunks (generate + schema + COPY: %.2f s)\n",
              static_cast<unsigned long long>(n), seconds, static_cast<double>(n) / seconds, clean.chunks, copy_seconds);
  ::testing::Test::RecordProperty("rows_per_second", std::to_string(static_cast<long long>(n / seconds)));

  const std::string k1 = std::to_string(n / 5 + 17), k2 = std::to_string(2 * n / 5 + 3), k3 = std::to_string(3 * n / 5),
                    k4 = "0", k5 = std::to_string(n - 1);
  pg_run("UPDATE " + db + ".big SET s = s || 'x' WHERE id = " + k1 + ";"
         "UPDATE " + db + ".big SET f = f * (1 + 1e-9) WHERE id = " + k2 + ";"
         "DELETE FROM " + db + ".big WHERE id = " + k3 + ";"
         "INSERT INTO " + db + ".big (id, a) VALUES (" + k4 + ", 1);"
         "UPDATE " + db + ".big SET dt = dt + interval '1 microsecond' WHERE id = " + k5);
  const auto found_started = std::chrono::steady_clock::now();
  const auto found = v->verify_table(t);
  const double found_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - found_started).count();
  ASSERT_EQ(found.error, "");
  std::printf("verify with 5 differences: %.2f s (%zu differing chunks bisected)\n", found_seconds,
              found.differing_chunks);
  std::set<std::string> keys;
  std::vector<migrate::key_value> to_repair;
  for (const auto& d : found.differences) {
    keys.insert(d.key[0]);
    to_repair.push_back(d.key);
  }
  EXPECT_EQ(keys, (std::set<std::string>{k1, k2, k3, k4, k5}));
  EXPECT_EQ(found.differences.size(), 5u);
  const auto fixed = migrate::repair_rows(v->mysql(), v->postgresql(), t, found.key, to_repair,
                                          migrate::zero_date_policy::null_if_nullable);
  ASSERT_TRUE(fixed.ok) << fixed.error;
  EXPECT_EQ(fixed.copied, 4u);   // k4 (extra, in the first chunk: its cuts come from PostgreSQL) deleted only
  EXPECT_EQ(fixed.deleted, 4u);  // k3 was missing on PostgreSQL
  EXPECT_TRUE(v->verify_table(t).matches());

  // Past max_differences rows the listing stops and the table is marked for a whole re-copy.
  auto capped = settings();
  capped.max_differences = 100;
  const auto small = connect_verifier(capped);
  ASSERT_TRUE(small);
  pg_run("DELETE FROM " + db + ".big WHERE id <= 1000");
  const auto many = small->verify_table(t);
  EXPECT_TRUE(many.checksum_differs);
  EXPECT_FALSE(many.matches());
  EXPECT_GE(many.differences.size(), 100u);
  EXPECT_LT(many.differences.size(), 1000u);
  EXPECT_NE(many.note.find("re-copies the whole table"), std::string::npos) << many.note;
  const auto recopied = migrate::repair_table(small->mysql(), small->postgresql(), t,
                                              migrate::zero_date_policy::null_if_nullable);
  ASSERT_TRUE(recopied.ok) << recopied.error;
  EXPECT_EQ(recopied.copied, n);
  EXPECT_TRUE(small->verify_table(t).matches());
  drop(db);
}

}  // namespace
}  // namespace switchyard::verify_test
