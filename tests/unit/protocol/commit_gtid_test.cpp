#include "protocol/commit_gtid.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"
#include "protocol/constants.hpp"
#include "protocol/ok_err_eof.hpp"

namespace switchyard::protocol {
namespace {

using test::from_hex;

constexpr std::uint32_t tracked = capability::protocol_41 | capability::session_track;

// Captured from MariaDB 10.11 with session_track_system_variables = 'autocommit,last_gtid'.
constexpr const char* autocommit_insert = "00 01 00 02 40 00 00 00 17 00 15 09 6c6173745f67746964 0a 302d312d323735333834";
constexpr const char* commit_in_trx = "00 00 00 00 40 00 00 00 17 00 15 09 6c6173745f67746964 0a 302d312d323735333835";
constexpr const char* set_autocommit_off = "00 00 00 00 40 00 00 00 11 00 0f 0a 6175746f636f6d6d6974 03 4f4646";

TEST(commit_gtid, takes_mariadbs_last_gtid_and_gives_the_untracked_ok) {
  const bytes wire = from_hex(autocommit_insert);
  taken_gtid t;
  ASSERT_EQ(take_commit_gtid(wire, tracked, gtid_source::mariadb_last_gtid, t), errc::ok);
  EXPECT_TRUE(t.found);
  EXPECT_EQ(t.gtid, "0-1-275384");
  ASSERT_TRUE(t.rewritten);
  // What MariaDB sends for the same INSERT when nothing is tracked: no state, no info.
  EXPECT_EQ(t.payload, from_hex("00 01 00 02 00 00 00"));

  const bytes commit = from_hex(commit_in_trx);
  ASSERT_EQ(take_commit_gtid(commit, tracked, gtid_source::mariadb_last_gtid, t), errc::ok);
  EXPECT_EQ(t.gtid, "0-1-275385");
  EXPECT_EQ(t.payload, from_hex("00 00 00 00 00 00 00"));
}

TEST(commit_gtid, keeps_the_clients_own_tracked_state) {
  // autocommit changed (the client tracks it) and last_gtid in the same OK.
  const bytes wire =
      from_hex("00 00 00 02 40 00 00 00 28 00 0f 0a 6175746f636f6d6d6974 03 4f4646 00 15 09 6c6173745f67746964 0a "
               "302d312d323735333836");
  taken_gtid t;
  ASSERT_EQ(take_commit_gtid(wire, tracked, gtid_source::mariadb_last_gtid, t), errc::ok);
  EXPECT_EQ(t.gtid, "0-1-275386");
  ASSERT_TRUE(t.rewritten);
  EXPECT_EQ(t.payload, from_hex("00 00 00 02 40 00 00 00 11 00 0f 0a 6175746f636f6d6d6974 03 4f4646"));
}

TEST(commit_gtid, leaves_an_ok_without_the_entry_untouched) {
  for (const char* hex : {set_autocommit_off, "00 01 00 02 00 00 00", "fe 00 00 22 00 00 00"}) {
    const bytes wire = from_hex(hex);
    taken_gtid t;
    ASSERT_EQ(take_commit_gtid(wire, tracked, gtid_source::mariadb_last_gtid, t), errc::ok) << hex;
    EXPECT_FALSE(t.found) << hex;
    EXPECT_FALSE(t.rewritten) << hex;
  }
  // A MySQL GTID entry is not MariaDB's variable, and the reverse.
  const bytes mysql = from_hex(
      "0000000040000000 2b 03 29 00 27 33453131464134372d373143412d313145312d394533332d4338304141393432393536323a3233");
  taken_gtid t;
  ASSERT_EQ(take_commit_gtid(mysql, tracked, gtid_source::mariadb_last_gtid, t), errc::ok);
  EXPECT_FALSE(t.found);
  const bytes maria = from_hex(autocommit_insert);
  ASSERT_EQ(take_commit_gtid(maria, tracked, gtid_source::mysql_own_gtid, t), errc::ok);
  EXPECT_FALSE(t.found);
}

TEST(commit_gtid, takes_mysql_8s_own_gtid) {
  // session_track_gtids = OWN_GTID: type 3, encoding 0, the GTID (documented layout).
  const bytes wire = from_hex(
      "00 01 00 02 40 00 00 00 2b 03 29 00 27 33453131464134372d373143412d313145312d394533332d4338304141393432393536323a3233");
  taken_gtid t;
  ASSERT_EQ(take_commit_gtid(wire, tracked, gtid_source::mysql_own_gtid, t), errc::ok);
  EXPECT_TRUE(t.found);
  EXPECT_EQ(t.gtid, "3E11FA47-71CA-11E1-9E33-C80AA9429562:23");
  EXPECT_EQ(t.payload, from_hex("00 01 00 02 00 00 00"));
}

TEST(commit_gtid, refuses_malformed_packets) {
  for (const char* hex : {"", "ff 00", "00 01 00 02 40 00 00 00 17 00 15 09 6c6173", "00 01 00 02 40 00 00 00 05 00 09 6c"}) {
    const bytes wire = from_hex(hex);
    taken_gtid t;
    EXPECT_NE(take_commit_gtid(wire, tracked, gtid_source::mariadb_last_gtid, t), errc::ok) << hex;
    EXPECT_FALSE(t.rewritten) << hex;
  }
}

}  // namespace
}  // namespace switchyard::protocol
