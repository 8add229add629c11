// proxy/time_zone.hpp against the real servers: for each MySQL time_zone, MariaDB's FROM_UNIXTIME
// under that session time_zone, PostgreSQL's rendering under TimeZone = pg_time_zone_of(zone), and
// local_datetime_text agree on the local text of the same instants (DST edges included). Uses no
// tables. MariaDB's tz tables may be empty (dbenv's are): named zones are then refused by MariaDB,
// which the test checks is consistent with CONVERT_TZ returning NULL, and compares the other two.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>

#include "integration/mariadb_client.hpp"
#include "integration/postgres_client.hpp"
#include "integration/proxy_fixture.hpp"
#include "proxy/time_zone.hpp"

namespace switchyard::integration {
namespace {

// 2023-11-14 22:13:20.123456 UTC, both sides of Europe/Paris's and America/New_York's 2024 DST
// changes, the epoch, and a summer instant.
constexpr std::int64_t instants[] = {1'700'000'000'123'456, 1'711'846'799'000'000, 1'711'846'800'000'000,
                                     1'729'990'799'999'999, 1'729'990'800'000'000, 1'710'054'000'000'000,
                                     1'710'053'999'500'000, 86'400'000'000,        1'720'000'000'654'321};

// "1700000000.123456": the argument FROM_UNIXTIME and PostgreSQL's epoch arithmetic take exactly.
std::string seconds_text(std::int64_t micros) {
  std::string frac = std::to_string(micros % 1'000'000);
  return std::to_string(micros / 1'000'000) + "." + std::string(6 - frac.size(), '0') + frac;
}

// PostgreSQL's local text of `micros` under its current TimeZone.
std::string pg_local_text(postgres_client& pg, std::int64_t micros) {
  const auto rows = pg.rows("SELECT to_char(timestamptz 'epoch' + " + std::to_string(micros) +
                            " * interval '1 microsecond', 'YYYY-MM-DD HH24:MI:SS.US')");
  return rows.size() == 1 ? rows[0] : "no row";
}

// Compares the three renderings of every instant for `zone` (a MySQL time_zone value).
void check_zone(mariadb_client& my, postgres_client& pg, const std::string& zone, const std::string& system_zone) {
  SCOPED_TRACE("time_zone " + zone);
  const auto pg_zone = proxy::pg_time_zone_of(zone, system_zone);
  ASSERT_TRUE(pg_zone.has_value());
  ASSERT_EQ(pg.exec("SET TimeZone = '" + *pg_zone + "'"), "");
  std::string error;
  const bool mariadb_knows = my.run("SET time_zone = '" + zone + "'", error);
  if (!mariadb_knows) {
    // Only a named zone may be missing, and only because the tz tables lack it.
    EXPECT_EQ(error, "Unknown or incorrect time zone: '" + zone + "'");
    EXPECT_EQ(my.value("SELECT CONVERT_TZ('2024-01-01 12:00:00', '+00:00', '" + zone + "')"), std::nullopt);
    EXPECT_NE(zone.front(), '+');
    EXPECT_NE(zone.front(), '-');
    std::cout << "[ note     ] MariaDB has no time zone " << zone << " (empty mysql.time_zone tables)\n";
  }
  for (const std::int64_t micros : instants) {
    SCOPED_TRACE(seconds_text(micros));
    const auto local = proxy::local_datetime_text(micros, zone, system_zone);
    ASSERT_TRUE(local.has_value());
    EXPECT_EQ(pg_local_text(pg, micros), *local);
    if (mariadb_knows) EXPECT_EQ(my.value("SELECT FROM_UNIXTIME(" + seconds_text(micros) + ")"), *local);
  }
}

class time_zone_servers : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(pg.ok()) << PQerrorMessage(pg.conn); }
  mariadb_client my;
  postgres_client pg;
};

TEST_F(time_zone_servers, offsets_render_the_same_local_time_everywhere) {
  // MariaDB 10.11 accepts -12:59..+13:00 (MySQL 8.0.19+ up to -13:59..+14:00).
  for (const char* zone : {"+00:00", "+05:30", "-08:00", "+13:00", "-12:59", "+05:45", "-03:30", "+01:00"})
    check_zone(my, pg, zone, "UTC");
  // MySQL's loose spellings mean the same offsets.
  check_zone(my, pg, "+5:3", "UTC");
  EXPECT_EQ(my.value("SELECT @@time_zone"), "+05:03");
}

TEST_F(time_zone_servers, named_zones) {
  for (const char* zone : {"Europe/Paris", "America/New_York", "Asia/Kolkata", "UTC", "Etc/GMT+5", "EST5EDT",
                         "posix/Australia/Lord_Howe"}) check_zone(my, pg, zone, "UTC");
}

TEST_F(time_zone_servers, system_is_the_servers_zone) {
  const auto system_zone = my.value("SELECT @@system_time_zone");
  ASSERT_TRUE(system_zone.has_value());
  if (!proxy::local_datetime_text(0, *system_zone, "UTC")) GTEST_SKIP() << "MariaDB's system zone " << *system_zone << " is not a tz name";
  std::string error;
  ASSERT_TRUE(my.run("SET time_zone = 'SYSTEM'", error)) << error;
  const auto pg_zone = proxy::pg_time_zone_of("SYSTEM", *system_zone);
  ASSERT_TRUE(pg_zone.has_value());
  ASSERT_EQ(pg.exec("SET TimeZone = '" + *pg_zone + "'"), "");
  for (const std::int64_t micros : instants) {
    const auto local = proxy::local_datetime_text(micros, "SYSTEM", *system_zone);
    ASSERT_TRUE(local.has_value());
    EXPECT_EQ(my.value("SELECT FROM_UNIXTIME(" + seconds_text(micros) + ")"), *local);
    EXPECT_EQ(pg_local_text(pg, micros), *local);
  }
}

TEST_F(time_zone_servers, a_bare_offset_means_the_opposite_on_postgresql) {
  // Why pg_time_zone_of never passes "+05:30" through: PostgreSQL takes it as UTC-05:30.
  ASSERT_EQ(pg.exec("SET TimeZone = '+05:30'"), "");
  EXPECT_EQ(pg_local_text(pg, instants[0]), "2023-11-14 16:43:20.123456");
  EXPECT_EQ(proxy::local_datetime_text(instants[0], "-05:30", "UTC"), "2023-11-14 16:43:20.123456");
}

}  // namespace
}  // namespace switchyard::integration
