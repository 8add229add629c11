#include "proxy/time_zone.hpp"

#include <gtest/gtest.h>

namespace switchyard::proxy {
namespace {

constexpr std::int64_t instant = 1'700'000'000'123'456;  // 2023-11-14 22:13:20.123456 UTC
constexpr std::int64_t second = 1'000'000;

TEST(time_zone, offsets_and_utc) {
  EXPECT_EQ(local_datetime_text(instant, "UTC", "UTC"), "2023-11-14 22:13:20.123456");
  EXPECT_EQ(local_datetime_text(instant, "+00:00", "UTC"), "2023-11-14 22:13:20.123456");
  EXPECT_EQ(local_datetime_text(instant, "+05:30", "UTC"), "2023-11-15 03:43:20.123456");
  EXPECT_EQ(local_datetime_text(instant, "+5:30", "UTC"), "2023-11-15 03:43:20.123456");
  EXPECT_EQ(local_datetime_text(instant, "-08:00", "UTC"), "2023-11-14 14:13:20.123456");
  EXPECT_EQ(local_datetime_text(instant, "+14:00", "UTC"), "2023-11-15 12:13:20.123456");
  EXPECT_EQ(local_datetime_text(instant, "-13:59", "UTC"), "2023-11-14 08:14:20.123456");
  EXPECT_EQ(local_datetime_text(0, "+00:00", "UTC"), "1970-01-01 00:00:00.000000");
  EXPECT_EQ(local_datetime_text(-1, "+00:00", "UTC"), "1969-12-31 23:59:59.999999");
}

TEST(time_zone, named_zones_across_dst) {
  // Europe/Paris springs forward at 2024-03-31 01:00 UTC and falls back at 2024-10-27 01:00 UTC.
  EXPECT_EQ(local_datetime_text(1711846799 * second, "Europe/Paris", "UTC"), "2024-03-31 01:59:59.000000");
  EXPECT_EQ(local_datetime_text(1711846800 * second, "Europe/Paris", "UTC"), "2024-03-31 03:00:00.000000");
  EXPECT_EQ(local_datetime_text(1729990799 * second, "Europe/Paris", "UTC"), "2024-10-27 02:59:59.000000");
  EXPECT_EQ(local_datetime_text(1729990800 * second, "Europe/Paris", "UTC"), "2024-10-27 02:00:00.000000");
  EXPECT_EQ(local_datetime_text(instant, "America/New_York", "UTC"), "2023-11-14 17:13:20.123456");
  EXPECT_EQ(local_datetime_text(1720000000 * second, "America/New_York", "UTC"), "2024-07-03 05:46:40.000000");
}

TEST(time_zone, system_means_the_startup_zone) {
  EXPECT_EQ(local_datetime_text(instant, "SYSTEM", "UTC"), "2023-11-14 22:13:20.123456");
  EXPECT_EQ(local_datetime_text(instant, "system", "+05:30"), "2023-11-15 03:43:20.123456");
  EXPECT_EQ(local_datetime_text(instant, "SYSTEM", "America/New_York"), "2023-11-14 17:13:20.123456");
  EXPECT_EQ(local_datetime_text(instant, "SYSTEM", "SYSTEM"), std::nullopt);
  EXPECT_EQ(local_datetime_text(instant, "SYSTEM", ""), std::nullopt);
}

TEST(time_zone, zones_it_cannot_load) {
  for (const char* zone : {"Mars/Olympus_Mons", "", "+14:01", "+05:30 ", "5:30", "../../etc/passwd", "/etc/localtime",
                           "Fixed/UTC+05:00:00", "Europe/", "right/Europe/Paris",
                           // The tz database's file names are case-sensitive (MySQL's and PostgreSQL's lookups are not).
                           "europe/paris"}) {
    EXPECT_EQ(local_datetime_text(instant, zone, "UTC"), std::nullopt) << zone;
    EXPECT_EQ(pg_time_zone_of(zone, "UTC"), std::nullopt) << zone;
  }
}

TEST(time_zone, postgresql_setting) {
  // PostgreSQL reads a bare "+05:30" POSIX-style (UTC-05:30): offsets get an explicit POSIX form.
  EXPECT_EQ(pg_time_zone_of("+05:30", "UTC"), "<+05:30>-05:30");
  EXPECT_EQ(pg_time_zone_of("-08:00", "UTC"), "<-08:00>+08:00");
  EXPECT_EQ(pg_time_zone_of("+5:3", "UTC"), "<+05:03>-05:03");
  EXPECT_EQ(pg_time_zone_of("+00:00", "UTC"), "<+00:00>+00:00");
  EXPECT_EQ(pg_time_zone_of("Europe/Paris", "UTC"), "Europe/Paris");
  EXPECT_EQ(pg_time_zone_of("UTC", "Europe/Paris"), "UTC");
  EXPECT_EQ(pg_time_zone_of("SYSTEM", "Europe/Paris"), "Europe/Paris");
  EXPECT_EQ(pg_time_zone_of("SYSTEM", "-03:00"), "<-03:00>+03:00");
  EXPECT_EQ(pg_time_zone_of("SYSTEM", "SYSTEM"), std::nullopt);
  EXPECT_EQ(pg_time_zone_of("posix/Europe/Paris", "UTC"), "posix/Europe/Paris");
  EXPECT_EQ(pg_time_zone_of("EST5EDT", "UTC"), "EST5EDT");
}

}  // namespace
}  // namespace switchyard::proxy
