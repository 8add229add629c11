#include "sql/utc_offset.hpp"

#include <gtest/gtest.h>

namespace switchyard::sql {
namespace {

TEST(utc_offset, accepts_what_mysql_accepts) {
  EXPECT_EQ(utc_offset_minutes("+05:30"), 330);
  EXPECT_EQ(utc_offset_minutes("-08:00"), -480);
  EXPECT_EQ(utc_offset_minutes("+5:3"), 303);
  EXPECT_EQ(utc_offset_minutes("+005:30"), 330);
  EXPECT_EQ(utc_offset_minutes("-0:00"), 0);
  EXPECT_EQ(utc_offset_minutes("+00:00"), 0);
  EXPECT_EQ(utc_offset_minutes("+14:00"), 840);
  EXPECT_EQ(utc_offset_minutes("-13:59"), -839);
  EXPECT_EQ(utc_offset_minutes("-00:30"), -30);
}

TEST(utc_offset, rejects_the_rest) {
  for (const char* bad : {"", "+", "5:30", "+05", "+05:", "+05:60", "+14:01", "-14:00", "+05:30:00", "+0530", " +05:30",
                          "+05:30 ", "+05:300", "UTC", "SYSTEM", "+-5:00", "+0000000005:00", "+05:3a"})
    EXPECT_EQ(utc_offset_minutes(bad), std::nullopt) << bad;
}

TEST(utc_offset, text) {
  EXPECT_EQ(utc_offset_text(330), "+05:30");
  EXPECT_EQ(utc_offset_text(-480), "-08:00");
  EXPECT_EQ(utc_offset_text(0), "+00:00");
  EXPECT_EQ(utc_offset_text(-30), "-00:30");
  EXPECT_EQ(utc_offset_text(840), "+14:00");
}

}  // namespace
}  // namespace switchyard::sql
